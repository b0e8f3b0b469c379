//! The checks every source front-end's tests make of a payload written in its host syntax: that
//! it lints as the same payload as JSON does, at the written places; that a value replaced by a
//! name adds nothing; and that each fix applies, in that syntax, and removes its finding.

use std::collections::HashMap;

use checkout_lint::{Diagnostic, Linter, Severity, Span, fix_text, rules};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;

use super::source::{findings, pointers};

/// A payload written in a host syntax: the file's text, and where each pointer's value and key
/// were written.
pub struct Written<'w> {
    pub text: &'w str,
    pub values: &'w HashMap<String, Span>,
    pub keys: &'w HashMap<String, Span>,
}

/// `written` (linted as `name`) has the findings `value` has as JSON, each at the key or the
/// value of its pointer, or where `also_at` accepts it.
pub fn lints_as_its_json(
    linter: &Linter,
    value: &Value,
    name: &str,
    written: &Written<'_>,
    also_at: impl Fn(&Diagnostic) -> bool,
) -> Result<(), TestCaseError> {
    let json = linter.lint_str("p.json", &serde_json::to_string_pretty(value).unwrap());
    let source = linter.lint_str(name, written.text);
    prop_assert_eq!(findings(&json), findings(&source), "{}", written.text);
    for diagnostic in source.diagnostics() {
        let at_value = written.values.get(&diagnostic.pointer) == Some(&diagnostic.span);
        let at_key = written.keys.get(&diagnostic.pointer) == Some(&diagnostic.span);
        prop_assert!(
            at_value || at_key || also_at(diagnostic),
            "{} at {:?} in {}",
            diagnostic.rule,
            diagnostic.span,
            written.text
        );
    }
    Ok(())
}

/// Replacing the value at one of `value`'s pointers (chosen by `pick`) by a name adds no error
/// or warning: `write` writes the payload as `name`, with that pointer's value replaced when
/// it is given one.
pub fn a_name_adds_nothing(
    linter: &Linter,
    name: &str,
    value: &Value,
    pick: prop::sample::Index,
    write: impl Fn(Option<String>) -> String,
) -> Result<(), TestCaseError> {
    let mut all = Vec::new();
    pointers(value, String::new(), &mut all);
    prop_assume!(!all.is_empty());
    let replaced = all[pick.index(all.len())].clone();
    let before = findings(&linter.lint_str(name, &write(None)));
    let after_text = write(Some(replaced.clone()));
    let after = findings(&linter.lint_str(name, &after_text));
    for finding in after.iter().filter(|f| f.2 != Severity::Info) {
        prop_assert!(
            before.contains(finding),
            "{finding:?} after replacing {replaced} in {after_text}"
        );
    }
    Ok(())
}

/// Lints `text` as `name`, where `rule` must offer a fix, and applies every fix; `rule` must be
/// gone from what they leave, which is returned.
pub fn fixed_away(linter: &Linter, name: &str, rule: &str, text: &str) -> String {
    let report = linter.lint_str(name, text);
    assert!(
        report
            .diagnostics()
            .iter()
            .any(|d| d.rule == rule && d.fix.is_some()),
        "{rule}: no fix offered in {text}: {:#?}",
        report.diagnostics()
    );
    let fixed = fix_text(linter, name, text, true).text;
    let again = linter.lint_str(name, &fixed);
    assert!(
        again.diagnostics().iter().all(|d| d.rule != rule),
        "{rule} still raised after its fix:\n{fixed}"
    );
    fixed
}

/// The rules whose documentation offers a fix and that have no case among `cases` (by rule
/// name), `exempt` left out.
pub fn fixable_without_a_case(cases: &[&str], exempt: &[&str]) -> Vec<&'static str> {
    rules::all()
        .iter()
        .map(|rule| rule.meta())
        .filter(|meta| !meta.docs.contains("**Fix:** none"))
        .map(|meta| meta.name)
        .filter(|name| !cases.contains(name) && !exempt.contains(name))
        .collect()
}
