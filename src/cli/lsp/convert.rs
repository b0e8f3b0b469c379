//! Between checkout-lint's byte spans and the client's positions (UTF-16 by default, UTF-8 when
//! the client offers it), and from diagnostics to LSP JSON.

use serde_json::{Value, json};

use crate::render::sarif::help_uri;
use crate::{Diagnostic, Report, Severity, Source, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }
}

pub fn position(source: &Source, offset: usize, encoding: Encoding) -> Value {
    let position = source.position(offset);
    let character = match encoding {
        Encoding::Utf16 => position.character,
        Encoding::Utf8 => {
            let line_start = source
                .line_starts()
                .get(position.line)
                .copied()
                .unwrap_or(0);
            offset.min(source.text().len()).saturating_sub(line_start)
        }
    };
    json!({ "line": position.line, "character": character })
}

pub fn range(source: &Source, span: Span, encoding: Encoding) -> Value {
    json!({
        "start": position(source, span.start(), encoding),
        "end": position(source, span.end(), encoding),
    })
}

/// The byte offset of an LSP position (clamped into the text).
pub fn offset(source: &Source, position: &Value, encoding: Encoding) -> usize {
    let line = position["line"].as_u64().unwrap_or(0) as usize;
    let character = position["character"].as_u64().unwrap_or(0) as usize;
    let text = source.text();
    let starts = source.line_starts();
    let Some(&line_start) = starts.get(line) else {
        return text.len();
    };
    let line_end = starts.get(line + 1).copied().unwrap_or(text.len());
    let mut at = match encoding {
        Encoding::Utf8 => (line_start + character).min(line_end),
        Encoding::Utf16 => {
            let mut units = 0;
            let mut at = line_end;
            for (index, ch) in text[line_start..line_end].char_indices() {
                if units >= character {
                    at = line_start + index;
                    break;
                }
                units += ch.len_utf16();
            }
            at
        }
    };
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

pub fn diagnostic(uri: &str, report: &Report, d: &Diagnostic, encoding: Encoding) -> Value {
    let source = report.source();
    let related: Vec<Value> = d
        .labels
        .iter()
        .map(|label| {
            json!({
                "location": { "uri": uri, "range": range(source, label.span, encoding) },
                "message": label.message,
            })
        })
        .collect();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    json!({
        "range": range(source, d.span, encoding),
        "severity": match d.severity { Severity::Error => 1, Severity::Warning => 2, Severity::Info => 3 },
        "code": d.rule,
        "codeDescription": { "href": help_uri(d.rule) },
        "source": "checkout-lint",
        "message": message,
        "relatedInformation": related,
        "data": { "pointer": d.pointer },
    })
}

/// `file:///a%20b/c.json` → `/a b/c.json`.
pub fn uri_to_path(uri: &str) -> Option<String> {
    let path = uri.strip_prefix("file://")?;
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = path.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            decoded.push(byte);
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(decoded).ok()
}
