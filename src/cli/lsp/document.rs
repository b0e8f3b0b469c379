//! An open document as a snapshot: its text with its line index, the version the client gave
//! it, and what linting that version found — computed once per version, then shared by its
//! diagnostics, hovers and code actions.

use std::path::PathBuf;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::convert::{self, Encoding, uri_to_path};
use crate::payload::neighbours::Neighbours;
use crate::{Linter, Report, Source};

pub(super) struct Document {
    pub uri: Uri,
    /// The file the URI names, when it names one: it finds the config, and names the text
    /// when it is linted (so a config's globs match it as they match it on the command line).
    pub path: Option<PathBuf>,
    pub source: Source,
    pub version: i32,
    /// What linting this version found; `None` until something asks.
    pub linted: Option<Linted>,
}

/// What linting one version of a document found.
pub(super) struct Linted {
    /// The linter of the document's config (its fixes are applied with the same one); `None`
    /// when no config lints the document.
    pub linter: Option<Arc<Linter>>,
    /// `None` when nothing is reported: the config does not select the document, or it is
    /// JSON that is not a payload.
    pub report: Option<Report>,
    /// What the project stage told this version about its imports and its helpers that other
    /// open files send; a change there lints it again.
    pub neighbours: Option<Neighbours>,
}

impl Linted {
    /// The report and its linter, when there is a report.
    pub(super) fn report(&self) -> Option<(&Report, &Arc<Linter>)> {
        self.report.as_ref().zip(self.linter.as_ref())
    }
}

impl Document {
    pub(super) fn new(uri: Uri, version: i32, text: String) -> Self {
        let path = uri_to_path(&uri);
        let name = name_of(&uri, path.as_ref());
        Self {
            source: Source::new(name, text),
            uri,
            path,
            version,
            linted: None,
        }
    }

    /// The name the text is linted under: its path, else its URI.
    pub(super) fn name(&self) -> &str {
        self.source.name()
    }

    pub(super) fn text(&self) -> &str {
        self.source.text()
    }

    /// Applies a `didChange`'s edits in order and takes its version. A change without a
    /// range is the whole text; a range is read in the connection's encoding and clamped
    /// into the text (a client's bad range never panics, and keeps the text valid UTF-8).
    pub(super) fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            let text = match change.range {
                None => change.text,
                Some(range) => {
                    let span = convert::span(&self.source, range, encoding);
                    let mut text = self.text().to_string();
                    text.replace_range(span.range(), &change.text);
                    text
                }
            };
            self.source = Source::new(self.name(), text);
        }
        self.version = version;
        self.linted = None;
    }
}

fn name_of(uri: &Uri, path: Option<&PathBuf>) -> String {
    match path {
        Some(path) => path.to_string_lossy().into_owned(),
        None => uri.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::{Position, PositionEncodingKind, Range};

    use super::*;

    fn edit(range: Range, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(range),
            range_length: None,
            text: text.into(),
        }
    }

    fn range(a: (u32, u32), b: (u32, u32)) -> Range {
        Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))
    }

    fn document(text: &str) -> Document {
        Document::new("file:///p/a%20b.json".parse().unwrap(), 1, text.into())
    }

    #[test]
    fn edits_count_utf16_units_past_characters_outside_the_basic_plane() {
        let mut doc = document("{\"a\": \"😀x\"}\n");
        // 😀 is two UTF-16 units: `x` is at character 9.
        doc.change(2, vec![edit(range((0, 9), (0, 10)), "y")], Encoding::UTF16);
        assert_eq!(doc.text(), "{\"a\": \"😀y\"}\n");
        assert_eq!((doc.version, doc.name()), (2, "/p/a b.json"));
        let utf8 = Encoding::negotiate(Some(&[PositionEncodingKind::UTF8]));
        doc.change(3, vec![edit(range((0, 11), (0, 12)), "z")], utf8);
        assert_eq!(doc.text(), "{\"a\": \"😀z\"}\n");
    }

    #[test]
    fn bad_ranges_are_clamped_never_a_panic() {
        let mut doc = document("é😀\nb");
        let changes = vec![
            // Inside the surrogate pair, and past the line: from 😀 to the line's end.
            edit(range((0, 2), (0, 99)), "1"),
            // Reversed, and lines past the end.
            edit(range((9, 0), (0, 1)), "2"),
            edit(range((u32::MAX, u32::MAX), (u32::MAX, 0)), "3"),
        ];
        doc.change(2, changes, Encoding::UTF16);
        assert_eq!(doc.text(), "é23");
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new".into(),
        };
        doc.change(3, vec![whole], Encoding::UTF16);
        assert_eq!(doc.text(), "new");
    }
}
