//! Text from a repository (file names, payload bytes, config keys, paths) never reaches a
//! terminal or a CI log raw: not in any output format, not in `--diff`, not on stderr.
#![cfg(unix)]

use std::fs;

use crate::common::run;

/// Characters that move the cursor, recolour, reorder or break what is shown.
const DANGEROUS: &[char] = &[
    '\u{1b}', '\u{9b}', '\u{7}', '\u{202e}', '\u{2066}', '\u{200f}', '\u{2028}', '\u{2029}',
];

fn assert_safe(what: &str, text: &str) {
    for c in DANGEROUS {
        assert!(!text.contains(*c), "{what}: raw {c:?} in {text:?}");
    }
    let bytes = text.as_bytes();
    for (at, byte) in bytes.iter().enumerate() {
        if *byte == b'\r' {
            assert_eq!(
                bytes.get(at + 1),
                Some(&b'\n'),
                "{what}: a bare CR in {text:?}"
            );
        }
    }
}

/// A valid payload whose keys, strings and whitespace hold what JSON allows raw: C1 controls,
/// bidi overrides, line separators and lone carriage returns (one fixable finding among them).
const VALID: &str = "{\"product_cart\": [{\"product_id\": \"pdt_1\", \"quantity\": 0}],\r\"billing_currency\": \"usd\",\r\"x\u{202e}\u{9b}31m\u{2028}\": \"\u{2066}\u{200f}\u{2029}\"}";
/// Not JSON: a raw ESC and BEL inside a string, shown in the invalid-json code frame.
const BROKEN: &str = "{\"product_cart\": [], \"note\": \"\u{1b}[2J\u{7}\"}";

#[test]
fn every_format_and_the_diff_escape_repository_text() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\u{1b}[2J\u{202e}\t\u{9b}.json");
    fs::write(&evil, VALID).unwrap();
    let broken = dir.path().join("broken\u{2028}.json");
    fs::write(&broken, BROKEN).unwrap();
    let (evil, broken) = (evil.to_str().unwrap(), broken.to_str().unwrap());
    for format in ["human", "concise", "github"] {
        for color in ["never", "always"] {
            let output = run(&[
                "--isolated",
                "--format",
                format,
                "--color",
                color,
                evil,
                broken,
            ]);
            assert_eq!(output.status.code(), Some(1));
            let stdout = String::from_utf8_lossy(&output.stdout);
            // With colour on, miette's own escapes are there; take them out before looking.
            let shown = strip_sgr(&stdout);
            assert_safe(&format!("{format} --color {color}"), &shown);
            assert!(shown.contains("unknown-field"), "{format}: {shown}");
        }
    }
    let output = run(&["--isolated", "--diff", evil]);
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8_lossy(&output.stdout);
    assert_safe("--diff", &diff);
    assert!(diff.contains("+\"billing_currency\": \"USD\","), "{diff}");
}

#[test]
fn stderr_escapes_paths_keys_and_globs_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let payload = dir.path().join("p.json");
    fs::write(&payload, VALID).unwrap();
    let config = dir.path().join("checkout-lint.toml");
    // TOML escapes: the parsed strings hold the raw characters.
    for text in [
        "catalogue = \"missing\\u001b[2J\\u202e.json\"\n",
        "[account]\n\"adaptive\\u001b[31m\\u202e\" = true\n",
        "[[overrides]]\nfiles = [\"a/[\\u001b\\u009b\"]\n",
        "[rules]\n\"mixed\\u001b]8;;http://x\\u0007\" = \"off\"\n",
    ] {
        fs::write(&config, text).unwrap();
        let output = run(&[
            "--config",
            config.to_str().unwrap(),
            payload.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2), "{text:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_safe(text, &stderr);
        assert!(
            stderr.contains("\\u{1b}"),
            "the escape is shown escaped: {stderr}"
        );
    }
    let hidden = dir.path().join("d\u{1b}[2J\u{202e}");
    let output = run(&[hidden.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_safe("a missing path", &String::from_utf8_lossy(&output.stderr));
}

/// `text` without ANSI SGR sequences (`ESC [ … m`), which only miette's colours produce.
fn strip_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            let mut sequence = String::new();
            for next in chars.by_ref() {
                sequence.push(next);
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
            if sequence.ends_with('m')
                && sequence[1..sequence.len() - 1]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b';')
            {
                continue;
            }
            out.push(c);
            out.push_str(&sequence);
            continue;
        }
        out.push(c);
    }
    out
}
