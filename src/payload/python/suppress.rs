//! pylint's suppression comments: `# checkout-lint: disable=rule-a,rule-b`, on the line it
//! silences, or alone on the line before it.

use crate::payload::suppress::{Suppression, names};
use crate::span::Span;

const PYLINT: &str = "checkout-lint: disable";

/// pylint's comments (`# checkout-lint: disable=a,b`).
pub(super) fn pylint_style(span: Span, text: &str) -> Option<Suppression> {
    let comment = text.get(span.start()..span.end())?;
    let at = comment.find(PYLINT)?;
    let after = &comment[at + PYLINT.len()..];
    let list = match after.strip_prefix('=') {
        Some(list) => list,
        None if after.trim().is_empty() => "",
        // `checkout-lint: disabled` and the like are not ours.
        None => return None,
    };
    let list_start = span.end() - list.len();
    let list = list.split('#').next().unwrap_or_default();
    // Alone on its line, it is about the next one.
    let before = text.get(..span.start())?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let next_line = before[line_start..].trim().is_empty();
    Some(Suppression {
        span,
        next_line,
        rules: names(list, list_start),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_python_form_by_where_the_comment_stands() {
        let text = "x = 1\n    # checkout-lint: disable=zero-quantity, mixed-cart\ny = 2  # checkout-lint: disable\n";
        let alone = text.find("# checkout-lint: disable=").unwrap();
        let alone_end = text[alone..].find('\n').unwrap() + alone;
        let found = pylint_style(Span::between(alone, alone_end), text).unwrap();
        assert!(found.next_line, "alone on its line: the next line");
        let names: Vec<&str> = found.rules.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["zero-quantity", "mixed-cart"]);
        let (_, span) = &found.rules[0];
        assert_eq!(&text[span.start()..span.end()], "zero-quantity");
        let trailing = text.rfind("# checkout").unwrap();
        let found = pylint_style(Span::between(trailing, text.len() - 1), text).unwrap();
        assert!(!found.next_line && found.rules.is_empty());
        assert!(pylint_style(Span::new(0, 25), "# checkout-lint: disabled").is_none());
        assert!(pylint_style(Span::new(0, 28), "// checkout-lint-disable-line").is_none());
    }
}
