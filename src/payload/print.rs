//! Printing a fix in the host syntax: rules describe fixes as JSON text at payload nodes; here
//! each string becomes a string of the host in the file's quote style (or the replaced string's
//! own), a key keeps the way the file writes it (a bare JS key or Python keyword, or quoted),
//! `true`/`false`/`null` become Python's `True`/`False`/`None`, and a fix that would touch code
//! outside the payload, a value that is not known, or a template or f-string is dropped.

use crate::diagnostic::{Edit, Fix};
use crate::span::Span;
use crate::tree::{Node, Value};

/// The syntax a fix is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    JavaScript,
    Python,
}

/// The fix in the file's own syntax, or `None` when it cannot be made safely here.
pub(crate) fn print_fix(fix: &Fix, text: &str, root: &Node<'_>, syntax: Syntax) -> Option<Fix> {
    let mut shape = Shape::default();
    shape.read(root, text, root.span);
    let style = Style::of(&shape, syntax);
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
                // A template literal, or a Python string with a prefix (f, r, b): no fix is
                // printed inside one.
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
    syntax: Syntax,
    quote: char,
    /// Keys inside inserted objects are written bare where they can be (JS only: a Python
    /// dict's keys are strings).
    bare_keys: bool,
}

impl Style {
    fn of(shape: &Shape, syntax: Syntax) -> Self {
        Self {
            syntax,
            quote: shape
                .quote
                .filter(|q| *q == '\'' || *q == '"')
                .unwrap_or('"'),
            bare_keys: syntax == Syntax::JavaScript && shape.keys.iter().any(|(_, bare)| *bare),
        }
    }

    fn with_quote(self, quote: Option<char>) -> Self {
        Self {
            quote: quote.unwrap_or(self.quote),
            ..self
        }
    }

    /// A key rename: written as the key it replaces was. A Python keyword can only be renamed
    /// to another identifier.
    fn key(&self, json: &str, bare: bool) -> Option<String> {
        let name: String = serde_json::from_str(json).ok()?;
        Some(match (bare && is_identifier(&name), self.syntax) {
            (true, _) => name,
            (false, Syntax::Python) if bare => return None,
            (false, _) => self.string(&name),
        })
    }

    /// JSON text outside strings: Python spells the literals its own way.
    fn words(&self, json: &str) -> String {
        match self.syntax {
            Syntax::JavaScript => json.to_string(),
            Syntax::Python => {
                let mut out = String::with_capacity(json.len());
                let mut word = String::new();
                for c in json.chars().chain(std::iter::once(' ')) {
                    if c.is_ascii_alphabetic() {
                        word.push(c);
                        continue;
                    }
                    out.push_str(match word.as_str() {
                        "true" => "True",
                        "false" => "False",
                        "null" => "None",
                        other => other,
                    });
                    word.clear();
                    out.push(c);
                }
                out.pop();
                out
            }
        }
    }

    /// JSON text with each string re-quoted; a string followed by `:` is a key.
    fn value(&self, json: &str) -> Option<String> {
        let mut out = String::with_capacity(json.len());
        let mut rest = json;
        while let Some(start) = rest.find('"') {
            out.push_str(&self.words(&rest[..start]));
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
        out.push_str(&self.words(rest));
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
            syntax: Syntax::JavaScript,
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
