//! What a rule reports: [`Diagnostic`], its [`Severity`], [`Label`]s and an optional [`Fix`].

use std::borrow::Cow;

use serde::Serialize;

use crate::span::Span;

/// How bad a finding is. One meaning everywhere:
/// **error** = the API rejects the request or the checkout fails;
/// **warning** = accepted, but not what the author meant;
/// **info** = worth knowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary span with a message: "the subscription product is here".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// Set when the label points into another file than its diagnostic's (the helper that
    /// writes the value the diagnostic is about): that file, and where in it. `span` is then a
    /// span of that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Box<LabelFile>>,
}

/// The other file a [`Label`] points into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LabelFile {
    /// As the run names files (relative to the current folder when inside it).
    pub path: String,
    pub range: crate::source::Range,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            file: None,
        }
    }

    /// A label at `span` of the file at `path`, where `range` is.
    pub fn in_file(
        span: Span,
        message: impl Into<String>,
        path: impl Into<String>,
        range: crate::source::Range,
    ) -> Self {
        Self {
            span,
            message: message.into(),
            file: Some(Box::new(LabelFile {
                path: path.into(),
                range,
            })),
        }
    }
}

/// Whether a fix can be applied without a human looking at it (ruff's safe/unsafe split).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the author's intent exactly (a case fix, a duplicate removed).
    Safe,
    /// Probably right, but changes meaning (a renamed field, an added payment method).
    Unsafe,
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A machine-applicable fix: non-overlapping edits applied together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix made of one edit.
    pub fn replace(
        message: impl Into<String>,
        applicability: Applicability,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        Self {
            message: message.into(),
            applicability,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }
}

/// One problem found in one payload.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The kebab-case rule name, e.g. `zero-quantity`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// RFC 6901 JSON pointer to the value (or member) the primary span covers; `""` is the root.
    pub pointer: String,
    /// The primary span: the bytes that cause the problem.
    pub span: Span,
    /// In a source file, the span of the payload literal the diagnostic belongs to (a file can
    /// hold several, and `pointer` is relative to it); `None` for JSON, where it is the file.
    pub payload: Option<Span>,
    /// Source files only: the call that makes the payload one (the SDK call, a wrapper's or a
    /// raw request's), when it is in this file and is not the payload itself.
    pub call: Option<Span>,
    pub labels: Vec<Label>,
    /// Most help is a fixed sentence: borrowed then, not copied into every diagnostic.
    pub help: Option<Cow<'static, str>>,
    /// Boxed: most diagnostics have none, and big reports hold many.
    pub fix: Option<Box<Fix>>,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    /// The memory cost per kept diagnostic that the README states: this struct plus its message
    /// and pointer text (help is borrowed, fixes and labels are rare).
    #[test]
    fn a_diagnostic_stays_small() {
        let size = std::mem::size_of::<super::Diagnostic>();
        assert!(size <= 160, "Diagnostic is {size} bytes");
    }
}
