//! `[[overrides]]`: rule levels for some files, or only for some fields of them.
//!
//! ```toml
//! [[overrides]]
//! files = ["legacy/**/*.json", "upi-*.json"]   # relative to the config file
//! pointers = ["/allowed_payment_method_types"] # optional: only findings at or under these
//! rules = { missing-card-fallback = "off" }
//! ```
//!
//! Payload JSON has no comments, so this is how a finding is silenced (as Spectral does).

use std::collections::BTreeMap;
use std::path::Path;

use super::Level;
use super::files::{self, FileSet};
use super::glob_index::GlobIndex;

#[derive(Debug, Clone)]
pub struct Override {
    pub files: FileSet,
    pub pointers: Vec<String>,
    pub rules: BTreeMap<String, Level>,
}

impl Override {
    pub fn new(
        patterns: Vec<String>,
        pointers: Vec<String>,
        rules: BTreeMap<String, Level>,
    ) -> Result<Self, String> {
        for pointer in &pointers {
            if !(pointer.is_empty() || pointer.starts_with('/')) {
                return Err(format!(
                    "invalid JSON pointer {pointer:?}: it must be empty or start with '/'"
                ));
            }
        }
        Ok(Self {
            files: FileSet::new(patterns)?,
            pointers,
            rules,
        })
    }

    /// Whether the file `name` (a path, relative to the working directory or absolute) is one
    /// of this override's files; `root` is the folder of the config that declared it.
    pub fn matches_file(&self, name: &str, root: Option<&Path>) -> bool {
        self.files.matches(name, root)
    }

    /// The level this override sets for a finding of `rule` at `pointer`, if any.
    pub fn level_for(&self, rule: &str, pointer: &str) -> Option<Level> {
        let level = *self.rules.get(rule)?;
        let applies = self.pointers.is_empty()
            || self.pointers.iter().any(|p| {
                pointer == p
                    || pointer
                        .strip_prefix(p.as_str())
                        .is_some_and(|rest| rest.starts_with('/'))
            });
        applies.then_some(level)
    }
}

/// Every override's globs in two indexes, built once per linter: which overrides apply to a
/// file costs about the same however many overrides there are (10,000 overrides, each with its
/// own set and its own path normalisation, once cost a 2,000-file run 600 times its time).
#[derive(Clone)]
pub struct OverrideMatcher {
    /// Globs with a `/`, matched against the path relative to the config's folder.
    files: GlobIndex<usize>,
    /// Globs without one, matched against the file name (as in `.gitignore`).
    names: GlobIndex<usize>,
}

impl OverrideMatcher {
    pub fn new(overrides: &[Override]) -> Self {
        let patterns = || {
            overrides
                .iter()
                .enumerate()
                .flat_map(|(index, o)| o.files.patterns.iter().map(move |p| (p.as_str(), index)))
        };
        // Each pattern already compiled once, in `FileSet::new`.
        let index = |with_slash: bool| {
            GlobIndex::new(patterns().filter(|(p, _)| p.contains('/') == with_slash))
                .unwrap_or_else(|_| GlobIndex::empty())
        };
        Self {
            files: index(true),
            names: index(false),
        }
    }

    /// The indexes of the overrides whose files include `name`, in order.
    pub fn matching(&self, name: &str, root: Option<&Path>) -> Vec<usize> {
        if self.files.is_empty() && self.names.is_empty() {
            return Vec::new();
        }
        let path = files::relative_to(Path::new(name), root);
        let mut found = self.files.matches(&path);
        if let Some(file_name) = path.file_name() {
            found.extend(self.names.matches(Path::new(file_name)));
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

impl std::fmt::Debug for OverrideMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OverrideMatcher")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(rule: &str, level: Level) -> BTreeMap<String, Level> {
        BTreeMap::from([(rule.to_string(), level)])
    }

    #[test]
    fn globs_match_relative_to_the_config_folder() {
        let o = Override::new(
            vec!["legacy/**/*.json".into(), "upi-*.json".into()],
            vec![],
            rules("zero-quantity", Level::Off),
        )
        .unwrap();
        let root = Path::new("/repo");
        assert!(o.matches_file("/repo/legacy/a/b.json", Some(root)));
        assert!(!o.matches_file("/repo/current/b.json", Some(root)));
        assert!(o.matches_file("/repo/deep/down/upi-india.json", Some(root)));
        assert!(o.matches_file("/repo/x/../legacy/c.json", Some(root)));
    }

    #[test]
    fn pointers_limit_an_override_to_a_subtree() {
        let o = Override::new(
            vec!["*.json".into()],
            vec!["/product_cart/0".into()],
            rules("zero-quantity", Level::Off),
        )
        .unwrap();
        assert_eq!(
            o.level_for("zero-quantity", "/product_cart/0/quantity"),
            Some(Level::Off)
        );
        assert_eq!(
            o.level_for("zero-quantity", "/product_cart/0"),
            Some(Level::Off)
        );
        assert_eq!(o.level_for("zero-quantity", "/product_cart/01"), None);
        assert_eq!(o.level_for("mixed-cart", "/product_cart/0"), None);
        assert!(Override::new(vec!["[".into()], vec![], BTreeMap::new()).is_err());
        assert!(
            Override::new(
                vec!["*".into()],
                vec!["product_cart".into()],
                BTreeMap::new()
            )
            .is_err()
        );
    }
}
