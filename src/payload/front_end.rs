//! [`FrontEnd`]: everything the engine knows about one host language, behind one trait, and
//! [`all`], the one list of host languages. Adding a language is a module that implements the
//! trait and a line in [`all`]; nothing to the right of the front-ends changes.

use super::Found;
use super::exports::ModuleFacts;
#[cfg(feature = "cli")]
use super::lexeme::{KeyStyle, Lexeme, Start};
use super::neighbours::Neighbours;
use super::print::Syntax;
use super::suppress::Suppression;
use crate::span::Span;
use crate::tree::Arena;

/// A host language's front-end.
pub(crate) trait FrontEnd: Sync {
    /// Its name, as configs and messages spell it (`json`, `javascript`, `python`, `go`).
    fn name(&self) -> &'static str;

    /// The file extensions it claims (lower case, without the dot).
    fn extensions(&self) -> &'static [&'static str];

    /// The name syntax highlighters use for a file with this extension (a code frame's
    /// language: `json`, `javascript`, `tsx` …).
    fn frame_language(&self, extension: &str) -> &'static str;

    /// True when the payload is the whole file (JSON): the file's encoding and syntax are then
    /// the linter's to report, and a file that is not a payload is not linted at all. A source
    /// file is the compiler's: only the payloads found in it are.
    fn payload_is_file(&self) -> bool {
        false
    }

    /// Parses `text` (bounded: past a nesting or size limit, [`Found::too_deep`] says so) and
    /// finds its payloads and comments; `neighbours` is what the project stage knows of the
    /// names it imports (empty when it is linted alone).
    fn find<'s>(
        &self,
        name: &str,
        text: &'s str,
        arena: &'s Arena,
        neighbours: &Neighbours,
    ) -> Found<'s>;

    /// False only for a file's bytes that mention nothing the front-end looks for, as a payload site
    /// or as a module of the project: such a file is not read twice (the project stage has
    /// read it, and the lint would find nothing).
    fn mentions_anything(&self, bytes: &[u8]) -> bool {
        let _ = bytes;
        true
    }

    /// The files an import's specifier may name, most likely first, for a language that does
    /// not resolve as Node does (Python's packages); `None` to resolve it as Node and
    /// TypeScript do.
    fn module_paths(
        &self,
        from: &std::path::Path,
        specifier: &str,
        root: &std::path::Path,
    ) -> Option<Vec<std::path::PathBuf>> {
        let _ = (from, specifier, root);
        None
    }

    /// True when files of this language import each other, so the project stage links them.
    fn resolves_imports(&self) -> bool {
        false
    }

    /// What the file tells the project stage about its imports, exports and the roles of its
    /// names; `None` for a language without modules (JSON), or a file that mentions nothing
    /// relevant unless `imported` (a module that matters imports it: a barrel file, a factory
    /// module that only re-exports the client).
    fn module_facts(&self, name: &str, text: &str, imported: bool) -> Option<ModuleFacts> {
        let _ = (name, text, imported);
        None
    }

    /// The suppression a comment of this language makes, if any (`comment` is its span).
    fn suppression(&self, comment: Span, text: &str) -> Option<Suppression> {
        let _ = (comment, text);
        None
    }

    /// How fixes are printed in this language.
    fn syntax(&self) -> &'static Syntax;

    /// The tokens of `text` by this language's lexical rules, for an editor's completion in
    /// text that rarely parses while it is typed; `None` past what the front-end reads.
    #[cfg(feature = "cli")]
    fn lexemes(&self, text: &str) -> Option<Vec<Lexeme>>;

    /// Where the payload being typed starts: the last payload opener's literal (or call)
    /// before the end of `lexemes`.
    #[cfg(feature = "cli")]
    fn payload_start(&self, lexemes: &[Lexeme]) -> Option<Start>;

    /// How a key is written at a cursor in the payload that starts at `start`; `top_level`
    /// when the cursor is in the payload's own members.
    #[cfg(feature = "cli")]
    fn key_style(&self, start: Start, top_level: bool) -> KeyStyle;

    /// The quote a completed value is written in.
    #[cfg(feature = "cli")]
    fn value_quote(&self, text: &str) -> char {
        super::lexeme::majority_quote(text)
    }
}

impl std::fmt::Debug for dyn FrontEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Every host language built into this binary: the one list of them.
pub(crate) fn all() -> &'static [&'static dyn FrontEnd] {
    &[
        &super::json::Json,
        #[cfg(feature = "js")]
        &super::js::JavaScript,
        #[cfg(feature = "python")]
        &super::python::Python,
        #[cfg(feature = "go")]
        &super::go::Go,
    ]
}

/// The front-end of a file by its extension (in any case), if one claims it. Called for every
/// lint, the library's too: it compares in place rather than allocate a lower-case copy.
pub(crate) fn by_extension(name: &str) -> Option<&'static dyn FrontEnd> {
    let extension = extension_of(name)?;
    all().iter().copied().find(|front_end| {
        front_end
            .extensions()
            .iter()
            .any(|claimed| claimed.eq_ignore_ascii_case(extension))
    })
}

/// The front-end of a file: JSON for a name no front-end claims (stdin, `<value>`, a library
/// caller's name), as the library has always read text.
pub(crate) fn of(name: &str) -> &'static dyn FrontEnd {
    by_extension(name).unwrap_or(&super::json::Json)
}

/// The language a code frame of the file `name` is shown as.
pub(crate) fn frame_language(name: &str) -> &'static str {
    let extension = extension_of(name).unwrap_or_default().to_ascii_lowercase();
    of(name).frame_language(&extension)
}

/// Every extension a front-end claims, as `.json, .js, …`.
#[cfg_attr(not(feature = "cli"), allow(dead_code))]
pub(crate) fn claimed_extensions() -> impl Iterator<Item = &'static str> {
    all()
        .iter()
        .flat_map(|front_end| front_end.extensions().iter().copied())
}

/// What follows the last `.` of the file name (after the last `/` or `\\`). One backward scan
/// of the bytes: it runs several times for every file of a walk.
fn extension_of(name: &str) -> Option<&str> {
    let bytes = name.as_bytes();
    let last = bytes
        .iter()
        .rposition(|&b| matches!(b, b'.' | b'/' | b'\\'))?;
    // A `.` is ASCII, so the byte after it starts a character.
    (bytes[last] == b'.').then(|| &name[last + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_extension_has_one_front_end() {
        let claimed: Vec<&str> = claimed_extensions().collect();
        for extension in &claimed {
            let owners = all()
                .iter()
                .filter(|front_end| front_end.extensions().contains(extension))
                .count();
            assert_eq!(owners, 1, ".{extension} is claimed {owners} times");
            assert_eq!(extension.to_ascii_lowercase(), *extension);
        }
        let names: Vec<&str> = all().iter().map(|front_end| front_end.name()).collect();
        #[cfg(all(feature = "js", feature = "python", feature = "go"))]
        assert_eq!(names, ["json", "javascript", "python", "go"]);
        assert_eq!(names.first(), Some(&"json"));
    }

    #[test]
    fn the_extension_is_what_follows_the_file_names_last_dot() {
        assert_eq!(extension_of("src/app/route.TS"), Some("TS"));
        assert_eq!(extension_of("a.b/c.d.py"), Some("py"));
        assert_eq!(extension_of("a.json/Makefile"), None);
        assert_eq!(extension_of(r"C:\repo.git\x.go"), Some("go"));
        assert_eq!(extension_of(r"repo.d\README"), None);
        assert_eq!(extension_of(".env"), Some("env"));
        assert_eq!(extension_of("trailing."), Some(""));
        assert_eq!(extension_of("<value>"), None);
        assert_eq!(extension_of("ü/ñ.json"), Some("json"));
    }

    /// The extensions a hook's `files:` pattern `(?i)\.(a|[cm]?[jt]s|…)$` matches: each
    /// alternative is literal letters and `[…]` classes, optionally `?`.
    fn hook_extensions(hooks: &str) -> Vec<Vec<String>> {
        hooks
            .lines()
            .filter_map(|line| {
                line.trim()
                    .strip_prefix("files: '(?i)\\.(")?
                    .strip_suffix(")$'")
            })
            .map(|alternatives| {
                let mut all = Vec::new();
                for alternative in alternatives.split('|') {
                    let mut words = vec![String::new()];
                    let mut chars = alternative.chars().peekable();
                    while let Some(c) = chars.next() {
                        let class: Vec<char> = if c == '[' {
                            chars.by_ref().take_while(|c| *c != ']').collect()
                        } else {
                            vec![c]
                        };
                        let optional = chars.next_if_eq(&'?').is_some();
                        let mut next = Vec::new();
                        for word in &words {
                            if optional {
                                next.push(word.clone());
                            }
                            next.extend(class.iter().map(|c| format!("{word}{c}")));
                        }
                        words = next;
                    }
                    all.extend(words);
                }
                all.sort();
                all
            })
            .collect()
    }

    /// The hooks name the files they hand over by extension: each pattern is exactly the
    /// extensions the front-ends claim (a language added to [`all`] and not to a hook would be
    /// silently skipped by it).
    #[cfg(all(feature = "js", feature = "python", feature = "go"))]
    #[test]
    fn every_hook_hands_over_exactly_the_claimed_extensions() {
        let mut claimed: Vec<String> = claimed_extensions().map(str::to_string).collect();
        claimed.sort();
        for hooks in [
            include_str!("../../.pre-commit-hooks.yaml"),
            include_str!("../../packaging/pre-commit/.pre-commit-hooks.yaml"),
        ] {
            let patterns = hook_extensions(hooks);
            assert!(!patterns.is_empty(), "no files: pattern in\n{hooks}");
            for pattern in patterns {
                assert_eq!(pattern, claimed);
            }
        }
    }

    #[test]
    fn files_are_claimed_by_extension_and_the_rest_read_as_json() {
        assert_eq!(of("src/app/Checkout.TSX").name(), "javascript");
        assert_eq!(of("app/billing.py").name(), "python");
        #[cfg(feature = "go")]
        assert_eq!(of("internal/billing/checkout.go").name(), "go");
        assert_eq!(of("<value>").name(), "json");
        assert_eq!(of("v1.2/README").name(), "json");
        assert_eq!(
            by_extension("src/Page.vue").map(|f| f.name()),
            Some("javascript")
        );
        assert_eq!(of("routes/+page.svelte").name(), "javascript");
        assert_eq!(of("pages/index.ASTRO").name(), "javascript");
        assert_eq!(frame_language("App.vue"), "vue");
        assert!(by_extension("page.html").is_none());
        assert!(by_extension("dir.ts/file").is_none());
        assert_eq!(frame_language("a/b.mts"), "typescript");
        assert_eq!(frame_language("a/b.jsx"), "jsx");
        assert_eq!(frame_language("body.json"), "json");
    }
}
