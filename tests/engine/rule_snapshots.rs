//! One snapshot per rule of how its page's bad examples read: the human format (the CLI's
//! default, colours off) of each bad example's whole report, as a person running that example
//! would see it. A change of a message, a label or a help line then shows in review, per rule,
//! as oxc and ruff keep a rendered snapshot per rule. Examples are linted as `example.json` /
//! `example.ts`, so no machine's paths get in.

use checkout_lint::render;
use checkout_lint::rules;

use crate::rule_pages::{Example, examples};

#[test]
fn human_rendering_of_every_bad_example_per_rule() {
    for rule in rules::all() {
        let meta = rule.meta();
        let mut text = String::new();
        let mut count = 0;
        for example in examples(meta.docs) {
            let Example::Bad { block, report, .. } = example else {
                continue;
            };
            count += 1;
            // The block's info string says which example this is, and stays put when the page
            // grows above it (a line number would not).
            text.push_str(&format!(
                "── bad example {count}: {} ──\n",
                block.info.join(" ")
            ));
            text.push_str(&render::human::render(&[report], false));
            text.push('\n');
        }
        assert!(count > 0, "{}: no bad example to show", meta.name);
        insta::assert_snapshot!(format!("rule_{}", meta.name), text);
    }
}
