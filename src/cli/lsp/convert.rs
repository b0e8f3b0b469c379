//! Between checkout-lint's values and the protocol's: byte spans and positions (in the encoding
//! the client and server agreed on, counted by [`Source`]), diagnostics, and file URIs.

use std::path::PathBuf;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, PositionEncodingKind, Range, Uri,
};
use percent_encoding::percent_decode_str;
use serde_json::json;

use crate::render::sarif::help_uri;
use crate::source::{self, ColumnUnit};
use crate::{Diagnostic, Severity, Source, Span};

/// How positions count characters on this connection: UTF-16 (LSP's default) unless the
/// client offered UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Encoding(ColumnUnit);

impl Encoding {
    pub(super) const UTF16: Encoding = Encoding(ColumnUnit::Utf16);

    /// UTF-8 when the client offers it (no conversion at all), else UTF-16.
    pub(super) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => {
                Encoding(ColumnUnit::Utf8)
            }
            _ => Self::UTF16,
        }
    }

    pub(super) fn kind(self) -> PositionEncodingKind {
        match self.0 {
            ColumnUnit::Utf8 => PositionEncodingKind::UTF8,
            ColumnUnit::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    pub(super) fn unit(self) -> ColumnUnit {
        self.0
    }
}

/// A protocol number from a count; a text over 4 GiB is never linted, so this never saturates
/// in practice.
fn number(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

pub(super) fn position(source: &Source, offset: usize, encoding: Encoding) -> Position {
    let at = source.position_in(offset, encoding.unit());
    Position::new(number(at.line), number(at.character))
}

pub(super) fn range(source: &Source, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(source, span.start(), encoding),
        position(source, span.end(), encoding),
    )
}

/// The byte offset of a position a client sent, clamped into the text as LSP says.
pub(super) fn offset(source: &Source, at: Position, encoding: Encoding) -> usize {
    let at = source::Position {
        line: at.line as usize,
        character: at.character as usize,
    };
    source.clamped_offset(at, encoding.unit())
}

/// The bytes a range covers: its ends clamped into the text, and in order.
pub(super) fn span(source: &Source, range: Range, encoding: Encoding) -> Span {
    let start = offset(source, range.start, encoding);
    let end = offset(source, range.end, encoding);
    Span::between(start.min(end), start.max(end))
}

/// A diagnostic of `source`, the text of the document at `uri`.
pub(super) fn diagnostic(
    uri: &Uri,
    source: &Source,
    d: &Diagnostic,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let related = d
        .labels
        .iter()
        .filter_map(|label| {
            let location = match &label.file {
                // Another file (a helper's): its own URI, and the range the project found.
                Some(file) => Location::new(path_to_uri(&file.path)?, lsp_range(file.range)),
                None => Location::new(uri.clone(), range(source, label.span, encoding)),
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: label.message.clone(),
            })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range: range(source, d.span, encoding),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description: help_uri(d.rule)
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("checkout-lint".to_string()),
        message,
        related_information: Some(related),
        tags: None,
        data: Some(json!({ "pointer": d.pointer })),
    }
}

fn lsp_range(range: source::Range) -> Range {
    let position = |p: source::Position| {
        Position::new(
            u32::try_from(p.line).unwrap_or(u32::MAX),
            u32::try_from(p.character).unwrap_or(u32::MAX),
        )
    };
    Range::new(position(range.start), position(range.end))
}

/// The `file:` URI of a path (made absolute against the current folder).
pub(super) fn path_to_uri(path: &str) -> Option<Uri> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?;
    format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(text, SEGMENT)
    )
    .parse()
    .ok()
}

/// The path of a `file:` URI (`file:///a%20b/c.json` → `/a b/c.json`); `None` for another
/// scheme or a path that is not UTF-8 once decoded.
pub(super) fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let scheme = uri.scheme()?.as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    let path = percent_decode_str(uri.path().as_str()).decode_utf8().ok()?;
    Some(PathBuf::from(path.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_decode_to_paths() {
        let path = |uri: &str| uri_to_path(&uri.parse().unwrap());
        assert_eq!(
            path("file:///a%20b/c%C3%A9.json"),
            Some(PathBuf::from("/a b/cé.json"))
        );
        assert_eq!(path("untitled:Untitled-1"), None);
        assert_eq!(path("file:///bad%FF.json"), None, "not UTF-8");
    }

    #[test]
    fn positions_in_either_encoding() {
        let source = Source::new("t", "é😀x\ny");
        let utf8 = Encoding::negotiate(Some(&[PositionEncodingKind::UTF8]));
        assert_eq!(position(&source, 6, utf8), Position::new(0, 6));
        assert_eq!(position(&source, 6, Encoding::UTF16), Position::new(0, 3));
        assert_eq!(offset(&source, Position::new(0, 3), Encoding::UTF16), 6);
        assert_eq!(
            offset(&source, Position::new(9, 9), utf8),
            source.text().len()
        );
        let reversed = Range::new(Position::new(1, 1), Position::new(0, 0));
        assert_eq!(span(&source, reversed, utf8), Span::new(0, 9));
    }
}
