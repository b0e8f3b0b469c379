//! Every rule's page (`rules/<name>.md`, embedded in the binary) has the agreed sections, and
//! every example in it is run: a `bad` example must raise the rule exactly at the marked place, a
//! `good` example must not raise it. Documentation that cannot drift. (`rule_pages` reads the
//! pages and lints the examples.)

use std::path::Path;

use checkout_lint::internals as tree;
use checkout_lint::internals::{member_at, value_at};
use checkout_lint::rules::{self, Rule};
use checkout_lint::{Linter, Span};

use crate::rule_pages::{Block, Example, examples};

const SECTIONS: [&str; 6] = [
    "## What it checks",
    "## Why",
    "## Example",
    "## Use instead",
    "## Configuration",
    "## Source",
];

/// The span an example marks: `pointer=/a/0` (that value), `key=/a` (that member's key) or
/// `at=LINE:COL` (a diagnostic starting there).
enum Mark {
    Span(Span),
    Start(usize, usize),
}

fn mark(block: &Block, name: &str) -> Mark {
    let attr = |key: &str| {
        block
            .info
            .iter()
            .find_map(|a| a.strip_prefix(&format!("{key}=")).map(str::to_string))
    };
    if let Some(at) = attr("at") {
        let (line, col) = at.split_once(':').expect("at=LINE:COL");
        return Mark::Start(line.parse().unwrap(), col.parse().unwrap());
    }
    let arena = tree::Arena::new();
    let root = tree::parse(&block.body, &arena).unwrap_or_else(|e| {
        panic!(
            "{name}: example at line {} does not parse: {e:?}",
            block.line
        )
    });
    if let Some(pointer) = attr("pointer") {
        let node = value_at(&root, &pointer)
            .unwrap_or_else(|| panic!("{name}: no value at {pointer} (line {})", block.line));
        return Mark::Span(node.span);
    }
    if let Some(pointer) = attr("key") {
        let member = member_at(&root, &pointer)
            .unwrap_or_else(|| panic!("{name}: no member at {pointer} (line {})", block.line));
        return Mark::Span(member.key_span);
    }
    panic!(
        "{name}: bad example at line {} marks no place (pointer=, key= or at=)",
        block.line
    )
}

/// Applies a diagnostic's fix; the edits do not overlap, so they go in from the back.
fn apply(text: &str, fix: &checkout_lint::Fix) -> String {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.span.start()));
    let mut fixed = text.to_string();
    for edit in edits {
        fixed.replace_range(edit.span.start()..edit.span.end(), &edit.replacement);
    }
    fixed
}

/// Every fix a bad example offers yields JSON that no longer has the finding it fixes.
fn check_fixes(name: &str, linter: &Linter, text: &str, report: &checkout_lint::Report) {
    for diagnostic in report.diagnostics().iter().filter(|d| d.rule == name) {
        let Some(fix) = &diagnostic.fix else { continue };
        let fixed = apply(text, fix);
        assert!(
            serde_json::from_str::<serde_json::Value>(&fixed).is_ok(),
            "{name}: fix {:?} breaks the JSON:\n{fixed}",
            fix.message
        );
        let again = linter.lint_str("fixed.json", &fixed);
        let same = again
            .diagnostics()
            .iter()
            .any(|d| d.rule == name && d.message == diagnostic.message);
        assert!(
            !same,
            "{name}: fix {:?} does not remove the finding:\n{fixed}",
            fix.message
        );
    }
}

fn check_page(rule: &dyn Rule) -> (usize, usize) {
    let meta = rule.meta();
    let page = meta.docs;
    assert!(
        page.starts_with(&format!("# {}\n", meta.name)),
        "{}: page must start with its name",
        meta.name
    );
    let mut last = 0;
    for section in SECTIONS {
        let at = page
            .find(&format!("\n{section}\n"))
            .unwrap_or_else(|| panic!("{}: missing section {section:?}", meta.name));
        assert!(at > last, "{}: section {section:?} out of order", meta.name);
        last = at;
    }
    // The page's "Needs:" says what the metadata declares.
    let severity_line = page
        .lines()
        .find(|line| line.starts_with("**Default severity:**"))
        .unwrap_or_default();
    let needs = severity_line
        .split("**Needs:**")
        .nth(1)
        .and_then(|rest| rest.split('·').next())
        .unwrap_or_default();
    let said = [
        (
            checkout_lint::rules::Need::Catalogue,
            needs.contains("catalogue"),
        ),
        (
            checkout_lint::rules::Need::Account,
            needs.contains("[account]"),
        ),
    ];
    for (need, on_page) in said {
        assert_eq!(
            meta.needs.contains(&need),
            on_page,
            "{}: metadata needs {:?}, the page says {needs:?}",
            meta.name,
            meta.needs
        );
    }
    // The page's "Fix:" says what the metadata declares.
    let fix_line = page
        .lines()
        .find(|line| line.starts_with("**Default severity:**"))
        .and_then(|line| line.split("**Fix:**").nth(1))
        .unwrap_or_else(|| panic!("{}: no **Fix:** on the severity line", meta.name));
    if meta.fix.is_empty() {
        assert!(
            fix_line.trim().starts_with("none"),
            "{}: declares no fix, the page says {fix_line:?}",
            meta.name
        );
    } else {
        for applicability in meta.fix {
            let word = match applicability {
                checkout_lint::Applicability::Safe => "safe",
                checkout_lint::Applicability::Unsafe => "unsafe",
            };
            let said = fix_line
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word);
            assert!(
                said,
                "{}: declares {word} fixes, the page says {fix_line:?}",
                meta.name
            );
        }
    }
    let severity = format!("**Default severity:** {}", meta.severity);
    assert!(
        page.contains(&severity),
        "{}: page must state {severity}",
        meta.name
    );

    let (mut bad, mut good) = (0, 0);
    for example in examples(page) {
        match example {
            Example::Bad {
                block,
                language,
                linter,
                report,
            } => {
                bad += 1;
                if language == "json" {
                    check_fixes(meta.name, &linter, &block.body, &report);
                }
                let raised: Vec<_> = report
                    .diagnostics()
                    .iter()
                    .filter(|d| d.rule == meta.name)
                    .collect();
                let hit = match mark(&block, meta.name) {
                    Mark::Span(span) => raised.iter().any(|d| d.span == span),
                    Mark::Start(line, col) => raised
                        .iter()
                        .any(|d| report.source().line_col(d.span.start()) == (line, col)),
                };
                assert!(
                    hit,
                    "{}: bad example at line {} must raise the rule at the marked place; got {:#?}",
                    meta.name,
                    block.line,
                    report.diagnostics()
                );
            }
            Example::Good { block, report } => {
                good += 1;
                let raised: Vec<_> = report
                    .diagnostics()
                    .iter()
                    .filter(|d| d.rule == meta.name)
                    .collect();
                assert!(
                    raised.is_empty(),
                    "{}: good example at line {} raised {raised:#?}",
                    meta.name,
                    block.line
                );
                assert!(
                    !report.has_errors(),
                    "{}: good example at line {} has errors: {:#?}",
                    meta.name,
                    block.line,
                    report.diagnostics()
                );
            }
        }
    }
    assert!(
        bad > 0 && good > 0,
        "{}: a page needs bad and good examples",
        meta.name
    );
    (bad, good)
}

#[test]
fn every_rule_page_has_the_sections_and_its_examples_hold() {
    let mut examples = 0;
    for rule in rules::all() {
        let (bad, good) = check_page(*rule);
        examples += bad + good;
    }
    assert!(examples >= 2 * rules::all().len());
}

#[test]
fn every_page_on_disk_belongs_to_a_rule_and_matches_the_embedded_copy() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let rule =
            rules::find(&name).unwrap_or_else(|| panic!("rules/{name}.md documents no rule"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), rule.meta().docs);
        pages += 1;
    }
    assert_eq!(pages, rules::all().len());
}

#[test]
fn rule_names_are_kebab_case_and_unique() {
    let mut names: Vec<&str> = rules::all().iter().map(|r| r.meta().name).collect();
    for name in &names {
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{name}"
        );
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), rules::all().len());
}

/// The README's table of rules is the registry's, row for row: each rule's name, default
/// severity and summary, in the registry's order.
#[test]
fn the_readme_table_lists_every_rule_as_declared() {
    let readme = include_str!("../../README.md");
    let rows: Vec<&str> = readme
        .lines()
        .filter(|line| line.starts_with("| [") && line.contains("](rules/"))
        .collect();
    let expected: Vec<String> = rules::all()
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            format!(
                "| [{name}](rules/{name}.md) | {} | {} |",
                meta.severity,
                meta.summary,
                name = meta.name
            )
        })
        .collect();
    assert_eq!(rows, expected);
}
