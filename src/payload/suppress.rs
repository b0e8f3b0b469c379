//! Suppression comments: what every front-end shares. Each reads its comments in the style
//! linters of its ecosystem use ([`FrontEnd::suppression`](super::front_end::FrontEnd): ESLint's
//! in JavaScript, pylint's in Python). Without rule names, every rule is silenced.

use super::Comment;
use super::front_end::FrontEnd;
use crate::span::Span;

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Suppression {
    /// The comment.
    pub(crate) span: Span,
    /// True for `-next-line`: it applies to the line after the comment's last line.
    pub(crate) next_line: bool,
    /// The rule names with their spans; empty for every rule.
    pub(crate) rules: Vec<(String, Span)>,
}

/// The suppression comments among `comments`, as `front_end` writes them.
pub(crate) fn suppressions(
    front_end: &dyn FrontEnd,
    comments: &[Comment],
    text: &str,
) -> Vec<Suppression> {
    comments
        .iter()
        .filter_map(|comment| front_end.suppression(comment.span, text))
        .collect()
}

/// The comma-separated names of `list`, which starts at byte `list_start` of the text.
#[cfg_attr(
    not(any(feature = "js", feature = "python", feature = "go")),
    allow(dead_code)
)]
pub(crate) fn names(list: &str, list_start: usize) -> Vec<(String, Span)> {
    let mut rules = Vec::new();
    let mut offset = 0;
    for part in list.split(',') {
        let name = part.trim();
        if !name.is_empty() {
            let at = list_start + offset + part.find(name).unwrap_or(0);
            rules.push((name.to_string(), Span::new(at, name.len())));
        }
        offset += part.len() + 1;
    }
    rules
}
