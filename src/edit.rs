//! Fixes as rules describe them: typed edits of payload nodes, not text. A rule says "set this
//! value to the string `US`" or "rename this key to `customer`"; the front-end of the file then
//! prints each edit in the file's own syntax (its quotes, bare keys, `True`/`None`), as ruff's
//! `Stylist` and oxc's codegen do, into the text [`Fix`](crate::Fix) a report carries.

use crate::diagnostic::Applicability;
use crate::span::Span;

/// A value a fix writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    String(String),
    Array(Vec<Literal>),
    /// Members in order; printed `{ key: value }`.
    Object(Vec<(String, Literal)>),
    /// The text of a node of the same file, as written (an id moved into an object).
    Copy(Span),
}

impl Literal {
    pub fn string(value: impl Into<String>) -> Self {
        Self::String(value.into())
    }
}

/// A container a value is wrapped in, its own bytes untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wrapper {
    /// `v` → `[v]`.
    Array,
    /// `v` → `{"key": v}`.
    Object { key: String },
}

/// One change to the payload tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeEdit {
    /// Replace the value at `node` with `value`.
    Set { node: Span, value: Literal },
    /// Rename the key written at `key`.
    RenameKey { key: Span, name: String },
    /// Insert `items` at the start of the array at `array`.
    Prepend { array: Span, items: Vec<Literal> },
    /// Remove an item with the separator before it (the span covers both).
    Remove { span: Span },
    /// Wrap the value at `node`.
    Wrap { node: Span, wrapper: Wrapper },
}

/// A fix as a rule offers it: edits applied together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeFix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<NodeEdit>,
}

impl NodeFix {
    pub fn new(message: impl Into<String>, applicability: Applicability) -> Self {
        Self {
            message: message.into(),
            applicability,
            edits: Vec::new(),
        }
    }

    /// A fix made of one edit.
    pub fn with(mut self, edit: NodeEdit) -> Self {
        self.edits.push(edit);
        self
    }

    /// The fix that sets the value at `node` to the string `value`.
    pub fn set_string(
        message: impl Into<String>,
        applicability: Applicability,
        node: Span,
        value: impl Into<String>,
    ) -> Self {
        Self::new(message, applicability).with(NodeEdit::Set {
            node,
            value: Literal::string(value),
        })
    }
}
