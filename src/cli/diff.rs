//! `--diff`: a unified diff of what `--fix` would change, safe to print on a terminal.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (JSON allows all three as whitespace), so a file
//! with old Mac line endings diffs line by line instead of as one line full of carriage
//! returns. What a line holds is shown with control, C1 and bidi characters replaced
//! ([`crate::text::for_terminal`]), and file names are escaped, so a payload cannot move the
//! cursor, recolour the terminal or reorder what a reviewer reads.

use std::fmt::Write as _;

use similar::TextDiff;

use crate::text::{escape_line, for_terminal};

pub(super) fn unified(name: &str, old: &str, new: &str) -> String {
    let old_lines = lines(old);
    let new_lines = lines(new);
    let diff = TextDiff::configure().diff_slices(&old_lines, &new_lines);
    let name = escape_line(name);
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    for hunk in diff.unified_diff().iter_hunks() {
        let _ = writeln!(out, "{}", hunk.header());
        for change in hunk.iter_changes() {
            let line = change.value();
            let content = line.trim_end_matches(['\r', '\n']);
            let _ = writeln!(out, "{}{}", change.tag(), for_terminal(content));
            if content.len() == line.len() {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// The lines of `text`, each with its ending (`\n`, `\r\n` or `\r`), split where the source's
/// line index splits them.
fn lines(text: &str) -> Vec<&str> {
    let mut starts = crate::source::line_starts(text);
    if starts.last() != Some(&text.len()) {
        starts.push(text.len());
    }
    starts
        .windows(2)
        .filter_map(|pair| text.get(pair[0]..pair[1]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(lines("a\rb\r\nc\nd"), ["a\r", "b\r\n", "c\n", "d"]);
        let diff = unified("p.json", "{\r\"a\": 1\r}\r", "{\r\"a\": 2\r}\r");
        assert_eq!(
            diff,
            "--- a/p.json\n+++ b/p.json\n@@ -1,3 +1,3 @@\n {\n-\"a\": 1\n+\"a\": 2\n }\n"
        );
        assert!(!diff.contains('\r'));
    }

    #[test]
    fn names_and_lines_cannot_reach_the_terminal_raw() {
        let diff = unified(
            "evil\u{1b}[2J\n.json",
            "{\"x\": \"\u{202e}\u{9b}31m\"}",
            "{\"x\": 1}",
        );
        assert!(
            diff.starts_with("--- a/evil\\u{1b}[2J\\u{a}.json\n"),
            "{diff}"
        );
        for c in ['\u{1b}', '\u{202e}', '\u{9b}', '\r'] {
            assert!(!diff.contains(c), "{c:?} in {diff:?}");
        }
        assert!(diff.ends_with("\\ No newline at end of file\n"));
    }
}
