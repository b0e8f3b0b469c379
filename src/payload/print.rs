//! Printing a rule's typed edits ([`NodeFix`]) in the syntax of the file it was found in: each
//! string in the file's quote (or the replaced string's own), a key the way the file writes it
//! (a bare JS key or Python keyword, or quoted), and a fix that would touch code outside the
//! payload, a value that is not known, or a template or f-string is dropped.
//!
//! The same printer serves every front-end; what differs is its [`Syntax`], which the front-end
//! supplies (JSON's is the strictest: every key quoted, serde_json's escapes).

use crate::diagnostic::{Edit, Fix};
use crate::edit::{Literal, NodeEdit, NodeFix, Wrapper};
use crate::span::Span;
use crate::tree::{Node, Value};

/// How a host language writes what a fix prints.
#[derive(Debug)]
pub(crate) struct Syntax {
    /// Keys written without quotes, and what they are.
    pub(crate) bare_keys: BareKeys,
    /// Strings are escaped as JSON escapes them (serde_json), else as JS and Python do.
    pub(crate) json_escapes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BareKeys {
    /// JSON: every key is a quoted string.
    Never,
    /// JavaScript: `{ customer: … }`, an identifier or a quoted string.
    Identifiers,
    /// Python: a bare key is a keyword argument (`create(customer=…)`); dict keys are quoted.
    #[cfg_attr(not(feature = "python"), allow(dead_code))]
    Keywords,
    /// Go: a bare key is a struct field (`ReturnURL:`), named through the SDK's `json` tags;
    /// map keys are quoted. A value a fix writes in place of a typed constant
    /// (`dodopayments.CurrencyUsd`) is the constant of the same type; objects and wrappers, which
    /// Go writes with their types, are not printed.
    #[cfg_attr(not(feature = "go"), allow(dead_code))]
    GoFields,
}

/// Prints the fixes of one payload; reads the payload's shape once.
pub(crate) struct Printer<'a> {
    text: &'a str,
    syntax: &'static Syntax,
    shape: Shape,
}

impl<'a> Printer<'a> {
    pub(crate) fn new(text: &'a str, root: &Node<'_>, syntax: &'static Syntax) -> Self {
        let mut shape = Shape {
            constants: (syntax.bare_keys == BareKeys::GoFields).then(Vec::new),
            ..Shape::default()
        };
        shape.read(root, text, root.span);
        Self {
            text,
            syntax,
            shape,
        }
    }

    /// The fix in the file's own syntax, or `None` when it cannot be made safely here.
    pub(crate) fn print(&self, fix: &NodeFix) -> Option<Fix> {
        let mut edits = Vec::with_capacity(fix.edits.len());
        for edit in &fix.edits {
            self.print_edit(edit, &mut edits)?;
        }
        if edits.iter().any(|edit| !self.may_touch(edit.span)) {
            return None;
        }
        Some(Fix {
            message: fix.message.clone(),
            applicability: fix.applicability,
            edits,
        })
    }

    /// True when `span` lies in the payload's own text and touches no value it cannot know.
    fn may_touch(&self, span: Span) -> bool {
        self.shape.regions.iter().any(|r| r.contains(span))
            && !self.shape.unknown.iter().any(|u| u.overlaps(span))
    }

    fn print_edit(&self, edit: &NodeEdit, out: &mut Vec<Edit>) -> Option<()> {
        match edit {
            NodeEdit::Set { node, value } if self.shape.constant(*node).is_some() => {
                // A typed constant is replaced by the constant of its type with the value.
                let Literal::String(value) = value else {
                    return None;
                };
                out.push(Edit {
                    span: *node,
                    replacement: go_constant(self.shape.constant(*node)?, value)?,
                });
            }
            NodeEdit::Set { node, value } => {
                // A string replaced by a string keeps its own quote.
                let quote = self.shape.string_quote(*node).unwrap_or(self.shape.quote);
                out.push(Edit {
                    span: *node,
                    replacement: self.literal(value, quote)?,
                });
            }
            NodeEdit::RenameKey { key, name } => out.push(Edit {
                span: *key,
                replacement: self.renamed_key(*key, name)?,
            }),
            NodeEdit::Prepend { array, items } => {
                let inside = self
                    .text
                    .get(array.start() + 1..array.end().saturating_sub(1))?;
                // Items of an array of typed constants are its type's constants.
                let first_constant = self
                    .shape
                    .constants
                    .iter()
                    .flatten()
                    .find(|(at, _)| array.contains(*at))
                    .map(|(_, written)| written.as_str());
                let printed = items
                    .iter()
                    .map(|item| match (first_constant, item) {
                        (Some(written), Literal::String(value)) => go_constant(written, value),
                        _ => self.literal(item, self.shape.quote),
                    })
                    .collect::<Option<Vec<_>>>()?;
                let separator = if inside.trim().is_empty() { "" } else { ", " };
                out.push(Edit {
                    span: Span::new(array.start() + 1, 0),
                    replacement: format!("{}{separator}", printed.join(", ")),
                });
            }
            NodeEdit::Remove { span } => out.push(Edit {
                span: *span,
                replacement: String::new(),
            }),
            NodeEdit::Wrap { node, wrapper } => self.wrap(*node, wrapper, out)?,
        }
        Some(())
    }

    fn wrap(&self, node: Span, wrapper: &Wrapper, out: &mut Vec<Edit>) -> Option<()> {
        if self.syntax.bare_keys == BareKeys::GoFields {
            return self.go_wrap(node, wrapper, out);
        }
        match wrapper {
            Wrapper::Array => out.push(Edit {
                span: node,
                replacement: format!("[{}]", self.text.get(node.range())?),
            }),
            // Two insertions: the wrapped value's own bytes stay as they are.
            Wrapper::Object { key } => {
                out.push(Edit {
                    span: Span::new(node.start(), 0),
                    replacement: format!("{{{}: ", self.new_key(key, self.shape.quote)),
                });
                out.push(Edit {
                    span: Span::new(node.end(), 0),
                    replacement: "}".into(),
                });
            }
        }
        Some(())
    }

    /// Go writes a container with its type, which a fix knows only for a string the SDK's
    /// `F(…)` takes: `dodopayments.F("A")` → `dodopayments.F([]string{"A"})` (`F` infers the
    /// slice's type, the field's). Anything else is not printed.
    fn go_wrap(&self, node: Span, wrapper: &Wrapper, out: &mut Vec<Edit>) -> Option<()> {
        let written = self.text.get(node.range())?;
        let in_f = self
            .text
            .get(..node.start())?
            .trim_end()
            .strip_suffix("F(")
            .is_some_and(|before| before.ends_with('.'));
        if *wrapper != Wrapper::Array || !in_f || !written.starts_with(['"', '`']) {
            return None;
        }
        out.push(Edit {
            span: node,
            replacement: format!("[]string{{{written}}}"),
        });
        Some(())
    }

    fn literal(&self, literal: &Literal, quote: char) -> Option<String> {
        Some(match literal {
            Literal::String(value) => self.string(value, quote),
            Literal::Array(_) | Literal::Object(_)
                if self.syntax.bare_keys == BareKeys::GoFields =>
            {
                return None;
            }
            Literal::Array(items) => {
                let items = items
                    .iter()
                    .map(|item| self.literal(item, quote))
                    .collect::<Option<Vec<_>>>()?;
                format!("[{}]", items.join(", "))
            }
            Literal::Object(members) => {
                let members = members
                    .iter()
                    .map(|(key, value)| {
                        Some(format!(
                            "{}: {}",
                            self.new_key(key, quote),
                            self.literal(value, quote)?
                        ))
                    })
                    .collect::<Option<Vec<_>>>()?;
                format!("{{ {} }}", members.join(", "))
            }
            Literal::Copy(span) => self.text.get(span.range())?.to_string(),
        })
    }

    /// A key rename, written as the key it replaces was. A Python keyword can only be renamed
    /// to another identifier.
    fn renamed_key(&self, key: Span, name: &str) -> Option<String> {
        let written = self.shape.key(key)?;
        Some(match (written, self.syntax.bare_keys) {
            // A Go struct field is the SDK's name for the API field.
            (KeyStyle::Bare, BareKeys::GoFields) => go_field(name)?.to_string(),
            (KeyStyle::Bare, _) if is_identifier(name) => name.to_string(),
            (KeyStyle::Bare, BareKeys::Keywords) => return None,
            (KeyStyle::Bare, _) => self.string(name, self.shape.quote),
            (KeyStyle::Quoted(quote), _) => self.string(name, quote),
        })
    }

    /// A key of an object the fix writes: bare where the file writes its keys bare.
    fn new_key(&self, name: &str, quote: char) -> String {
        let bare = self.syntax.bare_keys == BareKeys::Identifiers
            && self.shape.any_bare_key
            && is_identifier(name);
        if bare {
            name.to_string()
        } else {
            self.string(name, quote)
        }
    }

    fn string(&self, value: &str, quote: char) -> String {
        if self.syntax.json_escapes {
            // Serializing a string cannot fail.
            return serde_json::to_string(value).unwrap_or_default();
        }
        host_string(value, quote)
    }
}

/// The Go constant of `written`'s type with `value` (a Go front-end's table).
#[cfg(feature = "go")]
fn go_constant(written: &str, value: &str) -> Option<String> {
    super::go::sdk::constant_like(written, value)
}

#[cfg(not(feature = "go"))]
fn go_constant(_written: &str, _value: &str) -> Option<String> {
    None
}

/// The Go field that writes the API field `name`.
#[cfg(feature = "go")]
fn go_field(name: &str) -> Option<&'static str> {
    super::go::sdk::go_field(name)
}

#[cfg(not(feature = "go"))]
fn go_field(_name: &str) -> Option<&'static str> {
    None
}

/// A JS or Python string literal in `quote` (both read these escapes the same way).
fn host_string(value: &str, quote: char) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push(quote);
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyStyle {
    Bare,
    Quoted(char),
}

/// What a fix may touch: the payload's own text, its keys and the values it cannot know.
struct Shape {
    /// The literal, and members assigned to it elsewhere in the file.
    regions: Vec<Span>,
    unknown: Vec<Span>,
    keys: Vec<(Span, KeyStyle)>,
    any_bare_key: bool,
    /// The quote of the first string written in the payload (`"` when there is none).
    quote: char,
    first_quote: Option<char>,
    /// Every string value with its quote.
    strings: Vec<(Span, char)>,
    /// Go: every string written as a typed constant, with its text (`None` elsewhere).
    constants: Option<Vec<(Span, String)>>,
}

impl Default for Shape {
    fn default() -> Self {
        Self {
            regions: Vec::new(),
            unknown: Vec::new(),
            keys: Vec::new(),
            any_bare_key: false,
            quote: '"',
            first_quote: None,
            strings: Vec::new(),
            constants: None,
        }
    }
}

impl Shape {
    fn read(&mut self, node: &Node<'_>, text: &str, outer: Span) {
        self.visit(node, text, outer);
        self.quote = self.first_quote.unwrap_or('"');
    }

    fn visit(&mut self, node: &Node<'_>, text: &str, outer: Span) {
        if !outer.contains(node.span) || self.regions.is_empty() {
            self.regions.push(node.span);
        }
        match &node.value {
            Value::Unknown(_) => self.unknown.push(node.span),
            Value::String(_) => match text[node.span.start()..].chars().next() {
                Some(quote @ ('\'' | '"')) => {
                    self.first_quote.get_or_insert(quote);
                    self.strings.push((node.span, quote));
                }
                Some(c) if c.is_alphabetic() && self.constants.is_some() => {
                    let written = text.get(node.span.range()).unwrap_or_default().to_string();
                    self.constants
                        .get_or_insert_default()
                        .push((node.span, written));
                }
                // A template literal, or a Python string with a prefix (f, r, b): no fix is
                // printed inside one.
                _ => self.unknown.push(node.span),
            },
            Value::Array(items, _) => {
                for item in *items {
                    self.visit(item, text, node.span);
                }
            }
            Value::Object(members, _) => {
                for member in *members {
                    let key = text
                        .get(member.key_span.range())
                        .and_then(|k| k.chars().next());
                    let style = match key {
                        Some(quote @ ('"' | '\'')) => Some(KeyStyle::Quoted(quote)),
                        // A computed or template key is not printed over.
                        Some('`' | '[') | None => None,
                        Some(_) => Some(KeyStyle::Bare),
                    };
                    if let Some(style) = style {
                        self.any_bare_key |= style == KeyStyle::Bare;
                        self.keys.push((member.key_span, style));
                    }
                    if !node.span.contains(member.span()) {
                        self.regions.push(member.span());
                    }
                    self.visit(&member.value, text, node.span);
                }
            }
            _ => {}
        }
    }

    fn constant(&self, span: Span) -> Option<&str> {
        self.constants
            .iter()
            .flatten()
            .find(|(at, _)| *at == span)
            .map(|(_, written)| written.as_str())
    }

    fn string_quote(&self, span: Span) -> Option<char> {
        self.strings
            .iter()
            .find(|(at, _)| *at == span)
            .map(|(_, quote)| *quote)
    }

    fn key(&self, span: Span) -> Option<KeyStyle> {
        self.keys
            .iter()
            .find(|(at, _)| *at == span)
            .map(|(_, style)| *style)
    }
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
#[path = "print_tests.rs"]
mod tests;
