//! Applying fixes to text: the machine-applicable edits that diagnostics carry, changing only
//! the fixed byte ranges and keeping everything else byte for byte.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::linter::Linter;
use crate::payload::neighbours::Neighbours;

/// How many rounds of lint → fix are run before giving up (fixes can enable other fixes).
pub const MAX_ROUNDS: usize = 10;

/// The outcome of fixing one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied, over all rounds.
    pub applied: usize,
}

/// Applies the fixes of `diagnostics` to `text` in one pass: safe ones, and unsafe ones too when
/// `include_unsafe`. A fix whose edits overlap one already taken is left for a later round.
pub(crate) fn apply_once(
    text: &str,
    diagnostics: &[Diagnostic],
    include_unsafe: bool,
) -> (String, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.applicability == Applicability::Unsafe && !include_unsafe {
            continue;
        }
        let in_bounds = fix.edits.iter().all(|e| {
            e.span.end() <= text.len()
                && text.is_char_boundary(e.span.start())
                && text.is_char_boundary(e.span.end())
        });
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.span.overlaps(t.span)
                    // Two insertions (or an insertion at a replaced range's edge) at one
                    // offset would be ordered arbitrarily: treat as overlapping.
                    || e.span.start() == t.span.start()
            })
        });
        if in_bounds && !overlaps {
            taken.extend(fix.edits.iter());
            applied += 1;
        }
    }
    taken.sort_by_key(|edit| std::cmp::Reverse(edit.span.start()));
    let mut fixed = text.to_string();
    for edit in taken {
        fixed.replace_range(edit.span.start()..edit.span.end(), &edit.replacement);
    }
    (fixed, applied)
}

/// Lints and fixes until no fix applies (at most [`MAX_ROUNDS`] rounds).
pub fn fix_text(linter: &Linter, name: &str, text: &str, include_unsafe: bool) -> Fixed {
    fix_text_with(linter, name, text, include_unsafe, None)
}

/// [`fix_text`] for a source file of a project: `neighbours` is what the project stage knows of
/// it (its helpers other files send, where imported helpers put its arguments).
pub(crate) fn fix_text_with(
    linter: &Linter,
    name: &str,
    text: &str,
    include_unsafe: bool,
    neighbours: Option<&Neighbours>,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let report = match neighbours {
            Some(neighbours) => {
                linter.lint_in_project(name, current.as_bytes().to_vec(), neighbours)
            }
            None => linter.lint_str(name, &current),
        };
        let (next, count) = apply_once(&current, report.diagnostics(), include_unsafe);
        if count == 0 || next == current {
            break;
        }
        applied += count;
        current = next;
    }
    Fixed {
        text: current,
        applied,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_only_what_they_touch_and_keep_the_rest() {
        let text = "{\n\t\"product_cart\": [{\"product_id\": \"a\", \"quantity\": 1}],\r\n  \"billing_currency\": \"usd\",\n  \"billing_address\": {\"country\": \"us\"}\n}\n";
        let fixed = fix_text(&Linter::default(), "p.json", text, false);
        assert_eq!(fixed.applied, 2);
        assert_eq!(
            fixed.text,
            text.replace("\"usd\"", "\"USD\"")
                .replace("\"us\"", "\"US\"")
        );
    }

    /// One case per fixable rule: (rule, input, expected after all fixes, unsafe too).
    fn byte_exact_cases() -> Vec<(&'static str, String, String)> {
        const CART: &str = r#""product_cart": [{"product_id": "p", "quantity": 1}]"#;
        vec![
            (
                "unknown-field",
                format!("{{{CART}, \"billing_adress\": {{\"country\": \"US\"}}}}"),
                format!("{{{CART}, \"billing_address\": {{\"country\": \"US\"}}}}"),
            ),
            (
                "invalid-value",
                format!("{{{CART},\n  \"customization\": {{\"theme\": \"Dark\"}}}}"),
                format!("{{{CART},\n  \"customization\": {{\"theme\": \"dark\"}}}}"),
            ),
            (
                "missing-card-fallback",
                format!("{{{CART}, \"allowed_payment_method_types\": [ ]}}"),
                format!("{{{CART}, \"allowed_payment_method_types\": [\"credit\", \"debit\" ]}}"),
            ),
            (
                "invalid-customer",
                format!("{{{CART}, \"customer\": {{\"customer_id\": \"c\", \"name\": \"A\"}}}}"),
                format!("{{{CART}, \"customer\": {{ \"customer_id\": \"c\" }}}}"),
            ),
            (
                "invalid-phone-number",
                format!(
                    "{{{CART}, \"customer\": {{\"email\": \"a@b.co\", \"phone_number\": \"+1 (415) 555-0123\"}}}}"
                ),
                format!(
                    "{{{CART}, \"customer\": {{\"email\": \"a@b.co\", \"phone_number\": \"+14155550123\"}}}}"
                ),
            ),
            (
                "invalid-country-code",
                format!("{{{CART}, \"billing_address\": {{\"country\": \"deu\"}}}}"),
                format!("{{{CART}, \"billing_address\": {{\"country\": \"DE\"}}}}"),
            ),
            (
                "invalid-currency-code",
                format!("{{{CART},\r\n\"billing_currency\": \"inr\"}}"),
                format!("{{{CART},\r\n\"billing_currency\": \"INR\"}}"),
            ),
            (
                "duplicate-payment-method",
                format!(
                    "{{{CART}, \"allowed_payment_method_types\": [\"credit\",\n \"debit\",\n \"debit\"]}}"
                ),
                format!("{{{CART}, \"allowed_payment_method_types\": [\"credit\",\n \"debit\"]}}"),
            ),
            (
                "deprecated-discount-code",
                format!("{{{CART}, \"discount_code\": \"SPRING\"}}"),
                format!("{{{CART}, \"discount_codes\": [\"SPRING\"]}}"),
            ),
            (
                "insecure-redirect-url",
                format!("{{{CART}, \"return_url\": \"http://shop.example.com/x?a=1\"}}"),
                format!("{{{CART}, \"return_url\": \"https://shop.example.com/x?a=1\"}}"),
            ),
            (
                "unknown-language",
                format!("{{{CART}, \"customization\": {{\"force_language\": \"pt-BR\"}}}}"),
                format!("{{{CART}, \"customization\": {{\"force_language\": \"pt\"}}}}"),
            ),
        ]
    }

    /// Every fixable rule, byte for byte.
    #[test]
    fn each_fixable_rule_byte_exactly() {
        let cases = byte_exact_cases();
        let linter = Linter::default();
        for (rule, input, expected) in &cases {
            let report = linter.lint_str("p.json", input);
            assert!(
                report
                    .diagnostics()
                    .iter()
                    .any(|d| d.rule == *rule && d.fix.is_some()),
                "{rule}: no fix offered"
            );
            let fixed = fix_text(&linter, "p.json", input, true);
            assert_eq!(&fixed.text, expected, "{rule}");
        }
        let fixable: Vec<&str> = crate::rules::all()
            .iter()
            .map(|r| r.meta().name)
            .filter(|name| crate::rules::find(name).is_some_and(|r| !r.meta().fix.is_empty()))
            .collect();
        for name in fixable {
            assert!(
                cases.iter().any(|(rule, ..)| *rule == name),
                "{name} offers a fix but has no byte-exact case"
            );
        }
    }

    #[test]
    fn unsafe_fixes_need_consent() {
        let text = r#"{"product_cart": [{"product_id": "a", "quantity": 1}], "allowed_payment_method_types": ["upi_collect"]}"#;
        assert_eq!(fix_text(&Linter::default(), "p", text, false).applied, 0);
        let fixed = fix_text(&Linter::default(), "p", text, true);
        assert!(
            fixed.text.contains(r#"["credit", "debit", "upi_collect"]"#),
            "{}",
            fixed.text
        );
    }
}
