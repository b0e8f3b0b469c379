//! Suppression comments, in the style linters of each ecosystem use. JavaScript (ESLint's):
//! `// checkout-lint-disable-next-line rule-a, rule-b` above a line, and
//! `// checkout-lint-disable-line rule-a` on it; a `--` ends the list and starts a reason.
//! Python (pylint's): `# checkout-lint: disable=rule-a,rule-b`, on the line it silences, or
//! alone on the line before it. Without rule names, every rule is silenced.

use super::Comment;
use crate::span::Span;

const NEXT_LINE: &str = "checkout-lint-disable-next-line";
const SAME_LINE: &str = "checkout-lint-disable-line";
const PYTHON: &str = "checkout-lint: disable";

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

/// The suppression comments among `comments`.
pub(crate) fn suppressions(comments: &[Comment], text: &str) -> Vec<Suppression> {
    comments
        .iter()
        .filter_map(|comment| parse(comment.span, text))
        .collect()
}

fn parse(span: Span, text: &str) -> Option<Suppression> {
    let comment = text.get(span.start()..span.end())?;
    if let Some(at) = comment.find(PYTHON) {
        return python(span, text, at);
    }
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

/// `# checkout-lint: disable=a,b` (the comment starts `at` bytes into `span`).
fn python(span: Span, text: &str, at: usize) -> Option<Suppression> {
    let comment = text.get(span.start()..span.end())?;
    let after = &comment[at + PYTHON.len()..];
    let list = match after.strip_prefix('=') {
        Some(list) => list,
        None if after.trim().is_empty() => "",
        // `checkout-lint: disabled` and the like are not ours.
        None => return None,
    };
    let list_start = span.end() - list.len();
    let list = list.split('#').next().unwrap_or_default();
    // Alone on its line, it is about the next one.
    let line_start = text[..span.start()].rfind('\n').map_or(0, |i| i + 1);
    let next_line = text[line_start..span.start()].trim().is_empty();
    Some(Suppression {
        span,
        next_line,
        rules: names(list, list_start),
    })
}

/// The comma-separated names of `list`, which starts at byte `list_start` of the text.
fn names(list: &str, list_start: usize) -> Vec<(String, Span)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<Suppression> {
        parse(Span::new(0, text.len()), text)
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

    #[test]
    fn reads_the_python_form_by_where_the_comment_stands() {
        let text = "x = 1\n    # checkout-lint: disable=zero-quantity, mixed-cart\ny = 2  # checkout-lint: disable\n";
        let alone = text.find("# checkout-lint: disable=").unwrap();
        let alone_end = text[alone..].find('\n').unwrap() + alone;
        let found = parse(Span::between(alone, alone_end), text).unwrap();
        assert!(found.next_line, "alone on its line: the next line");
        let names: Vec<&str> = found.rules.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["zero-quantity", "mixed-cart"]);
        let (_, span) = &found.rules[0];
        assert_eq!(&text[span.start()..span.end()], "zero-quantity");
        let trailing = text.rfind("# checkout").unwrap();
        let found = parse(Span::between(trailing, text.len() - 1), text).unwrap();
        assert!(!found.next_line && found.rules.is_empty());
        assert!(parsed("# checkout-lint: disabled").is_none());
    }
}
