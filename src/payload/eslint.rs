//! ESLint's suppression comments, read in every language whose comments are `//` and `/* */`
//! (JavaScript, Go): `// checkout-lint-disable-next-line rule-a, rule-b` above a
//! line, and `// checkout-lint-disable-line rule-a` on it; a `--` ends the list and starts a
//! reason.

use crate::payload::suppress::{Suppression, names};
use crate::span::Span;

const NEXT_LINE: &str = "checkout-lint-disable-next-line";
const SAME_LINE: &str = "checkout-lint-disable-line";

/// ESLint's comments (`// checkout-lint-disable-next-line a, b -- why`).
pub(crate) fn eslint_style(span: Span, text: &str) -> Option<Suppression> {
    let comment = text.get(span.start()..span.end())?;
    let body_start = comment.find("checkout-lint-disable")?;
    let body = &comment[body_start..];
    let (next_line, after) = if let Some(rest) = body.strip_prefix(NEXT_LINE) {
        (true, rest)
    } else {
        (false, body.strip_prefix(SAME_LINE)?)
    };
    // `checkout-lint-disable-lines` is not ours.
    if after.starts_with(|c: char| !c.is_whitespace() && c != '*') {
        return None;
    }
    let list_start = span.start() + body_start + (body.len() - after.len());
    let list = after.split("--").next().unwrap_or_default();
    let list = list.trim_end_matches("*/");
    Some(Suppression {
        span,
        next_line,
        rules: names(list, list_start),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<Suppression> {
        eslint_style(Span::new(0, text.len()), text)
    }

    #[test]
    fn reads_both_forms_with_rules_and_reasons() {
        let text = "// checkout-lint-disable-next-line zero-quantity, mixed-cart -- on purpose";
        let found = parsed(text).unwrap();
        assert!(found.next_line);
        let names: Vec<&str> = found.rules.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["zero-quantity", "mixed-cart"]);
        let (_, span) = &found.rules[1];
        assert_eq!(&text[span.start()..span.end()], "mixed-cart");
        let all = parsed("/* checkout-lint-disable-line */").unwrap();
        assert!(!all.next_line && all.rules.is_empty());
        assert!(parsed("// checkout-lint-disable-lines x").is_none());
        assert!(parsed("// nothing here").is_none());
    }
}
