//! Printing a fix in JavaScript: rules describe fixes as JSON text at payload nodes; here each
//! string becomes a JS string in the file's quote style, a key keeps the way the file writes
//! keys (bare identifiers or quoted), and a fix that would touch code outside the payload or a
//! value that is not known is dropped.

use crate::diagnostic::{Edit, Fix};
use crate::span::Span;
use crate::tree::{Node, Value};

/// The fix in the file's own syntax, or `None` when it cannot be made safely here.
pub(crate) fn print_fix(fix: &Fix, text: &str, root: &Node<'_>) -> Option<Fix> {
    let mut shape = Shape::default();
    shape.read(root, text, root.span);
    let style = Style::of(&shape, text);
    let edits = fix
        .edits
        .iter()
        .map(|edit| {
            let inside = shape.regions.iter().any(|r| r.contains(edit.span));
            let touches_unknown = shape.unknown.iter().any(|u| overlaps(*u, edit.span));
            if !inside || touches_unknown {
                return None;
            }
            // A string replaced by a string keeps its own quote.
            let own = shape.strings.iter().find(|(span, _)| *span == edit.span);
            let style = own.map_or(style.with_quote(None), |(_, quote)| {
                style.with_quote(Some(*quote))
            });
            let replacement = match shape.keys.iter().find(|(span, _)| *span == edit.span) {
                Some((_, bare)) => style.key(&edit.replacement, *bare)?,
                None => style.value(&edit.replacement)?,
            };
            Some(Edit {
                span: edit.span,
                replacement,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Fix {
        message: fix.message.clone(),
        applicability: fix.applicability,
        edits,
    })
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start() < b.end() && b.start() < a.end()
        || (b.is_empty() && a.start() < b.start() && b.start() < a.end())
}

/// What a fix may touch: the payload's own text, its keys and the values it cannot know.
#[derive(Default)]
struct Shape {
    /// The literal, and members assigned to it elsewhere in the file.
    regions: Vec<Span>,
    unknown: Vec<Span>,
    /// Key spans, and whether the key is written bare.
    keys: Vec<(Span, bool)>,
    /// The quote of the first string written in the payload.
    quote: Option<char>,
    /// Every string value with its quote.
    strings: Vec<(Span, char)>,
}

impl Shape {
    fn read(&mut self, node: &Node<'_>, text: &str, outer: Span) {
        if !outer.contains(node.span) || self.regions.is_empty() {
            self.regions.push(node.span);
        }
        match &node.value {
            Value::Unknown(_) => self.unknown.push(node.span),
            Value::String(_) => match text[node.span.start()..].chars().next() {
                Some(quote @ ('\'' | '"')) => {
                    self.quote.get_or_insert(quote);
                    self.strings.push((node.span, quote));
                }
                // A template literal: no fix is printed inside one.
                _ => self.unknown.push(node.span),
            },
            Value::Array(items, _) => {
                for item in *items {
                    self.read(item, text, node.span);
                }
            }
            Value::Object(members, _) => {
                for member in *members {
                    let key = text.get(member.key_span.start()..member.key_span.end());
                    let bare = key.is_some_and(|k| !k.starts_with(['"', '\'', '`']));
                    self.keys.push((member.key_span, bare));
                    if !node.span.contains(member.span()) {
                        self.regions.push(member.span());
                    }
                    self.read(&member.value, text, node.span);
                }
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy)]
struct Style {
    quote: char,
    /// Keys are written bare where they can be.
    bare_keys: bool,
}

impl Style {
    fn of(shape: &Shape, _text: &str) -> Self {
        Self {
            quote: shape
                .quote
                .filter(|q| *q == '\'' || *q == '"')
                .unwrap_or('"'),
            bare_keys: shape.keys.iter().any(|(_, bare)| *bare),
        }
    }

    fn with_quote(self, quote: Option<char>) -> Self {
        Self {
            quote: quote.unwrap_or(self.quote),
            ..self
        }
    }

    /// A key rename: written as the key it replaces was.
    fn key(&self, json: &str, bare: bool) -> Option<String> {
        let name: String = serde_json::from_str(json).ok()?;
        Some(if bare && is_identifier(&name) {
            name
        } else {
            self.string(&name)
        })
    }

    /// JSON text with each string re-quoted; a string followed by `:` is a key.
    fn value(&self, json: &str) -> Option<String> {
        let mut out = String::with_capacity(json.len());
        let mut rest = json;
        while let Some(start) = rest.find('"') {
            out.push_str(&rest[..start]);
            let end = string_end(&rest[start..])? + start;
            let value: String = serde_json::from_str(&rest[start..end]).ok()?;
            let after = rest[end..].trim_start();
            if after.starts_with(':') && self.bare_keys && is_identifier(&value) {
                out.push_str(&value);
            } else {
                out.push_str(&self.string(&value));
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        Some(out)
    }

    fn string(&self, value: &str) -> String {
        let mut out = String::with_capacity(value.len() + 2);
        out.push(self.quote);
        for c in value.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
                c if c == self.quote => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push(self.quote);
        out
    }
}

/// The end (exclusive) of the JSON string that starts `text`.
fn string_end(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (index, byte) in text.bytes().enumerate().skip(1) {
        match byte {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return Some(index + 1),
            _ => {}
        }
    }
    None
}

/// A name that can be written as a bare property key (ASCII identifiers; others are quoted).
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_take_the_file_quote_and_keys_stay_bare() {
        let style = Style {
            quote: '\'',
            bare_keys: true,
        };
        assert_eq!(
            style.value(r#"{ "customer_id": "c\"1" }"#).unwrap(),
            r#"{ customer_id: 'c"1' }"#
        );
        assert_eq!(style.value(r#""it's""#).unwrap(), r"'it\'s'");
        assert_eq!(
            style.key(r#""billing_address""#, true).unwrap(),
            "billing_address"
        );
        assert_eq!(style.key(r#""a-b""#, true).unwrap(), "'a-b'");
        assert_eq!(
            style.value("[\"credit\", \"debit\", ").unwrap(),
            "['credit', 'debit', "
        );
    }
}
