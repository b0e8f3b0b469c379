//! Many globs matched against one path in time that does not grow with their number: each
//! glob is filed under its literal prefix (what comes before its first `*`, `?`, `[`, `{` or
//! `\`), and only the globs whose prefix starts the path are tried. globset's own sets try
//! every glob that shares an extension one by one, so 10,000 `[[overrides]]` of the form
//! `dir-N/*.json` cost 10,000 regex runs per linted file.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use globset::{Glob, GlobBuilder, GlobMatcher};

#[derive(Debug, Clone)]
pub(super) struct GlobIndex<T> {
    /// Each glob is compiled to a matcher the first time a path is a candidate for it: most
    /// of thousands of globs never are.
    globs: Vec<(Glob, OnceLock<GlobMatcher>, T)>,
    by_prefix: HashMap<Box<str>, Vec<usize>>,
    /// The distinct lengths of the prefixes, shortest first.
    lengths: Vec<usize>,
}

impl<T: Copy> GlobIndex<T> {
    pub(super) fn empty() -> Self {
        Self {
            globs: Vec::new(),
            by_prefix: HashMap::new(),
            lengths: Vec::new(),
        }
    }

    pub(super) fn new<'p>(
        patterns: impl IntoIterator<Item = (&'p str, T)>,
    ) -> Result<Self, String> {
        let mut index = Self::empty();
        for (pattern, owner) in patterns {
            let glob = GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|err| format!("invalid glob {pattern:?}: {err}"))?;
            let prefix = literal_prefix(pattern);
            index
                .by_prefix
                .entry(prefix.into())
                .or_default()
                .push(index.globs.len());
            index.lengths.push(prefix.len());
            index.globs.push((glob, OnceLock::new(), owner));
        }
        index.lengths.sort_unstable();
        index.lengths.dedup();
        Ok(index)
    }

    pub(super) fn is_empty(&self) -> bool {
        self.globs.is_empty()
    }

    /// The owners of the globs that match `path`, in the order the globs were given.
    pub(super) fn matches(&self, path: &Path) -> Vec<T> {
        let mut candidates: Vec<usize> = match path.to_str() {
            Some(text) => self
                .lengths
                .iter()
                .take_while(|&&length| length <= text.len())
                .filter_map(|&length| text.get(..length))
                .filter_map(|prefix| self.by_prefix.get(prefix))
                .flatten()
                .copied()
                .collect(),
            // Not UTF-8: no prefix can be taken safely, so every glob is tried.
            None => (0..self.globs.len()).collect(),
        };
        candidates.sort_unstable();
        candidates
            .into_iter()
            .filter_map(|i| self.globs.get(i))
            .filter(|(glob, matcher, _)| {
                matcher
                    .get_or_init(|| glob.compile_matcher())
                    .is_match(path)
            })
            .map(|(_, _, owner)| *owner)
            .collect()
    }
}

/// The part of a glob before its first special character.
fn literal_prefix(pattern: &str) -> &str {
    let end = pattern
        .find(['*', '?', '[', '{', '\\'])
        .unwrap_or(pattern.len());
    &pattern[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_as_the_globs_do_and_tries_only_candidates() {
        let index = GlobIndex::new([
            ("legacy/*.json", 0),
            ("**/upi-*.json", 1),
            ("legacy/old/x.json", 2),
            ("*.json", 3),
            ("le{g,x}acy/*.json", 4),
        ])
        .unwrap();
        assert_eq!(index.matches(Path::new("legacy/a.json")), [0, 4]);
        assert_eq!(index.matches(Path::new("legacy/old/x.json")), [2]);
        assert_eq!(index.matches(Path::new("deep/upi-in.json")), [1]);
        assert_eq!(index.matches(Path::new("a.json")), [3]);
        assert_eq!(literal_prefix("other-7/*.json"), "other-7/");
        assert_eq!(literal_prefix("a\\*b"), "a");
    }
}
