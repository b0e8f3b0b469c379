//! Whether a file's bytes hold any of a front-end's needles, in one SIMD pass (aho-corasick's
//! packed Teddy searcher, as ripgrep searches for several literals): the project stage asks
//! this of every file of a tree, and most hold none.

use std::sync::OnceLock;

use aho_corasick::packed::{Config, Searcher};

/// A fixed set of needles, from several lists, searched for together.
pub(crate) struct Needles {
    lists: &'static [&'static [&'static str]],
    searcher: OnceLock<Option<Searcher>>,
}

impl Needles {
    pub(crate) const fn new(lists: &'static [&'static [&'static str]]) -> Self {
        Self {
            lists,
            searcher: OnceLock::new(),
        }
    }

    fn needles(&self) -> impl Iterator<Item = &'static str> {
        self.lists.iter().flat_map(|list| list.iter().copied())
    }

    /// True when `bytes` hold any of the needles.
    pub(crate) fn any_in(&self, bytes: &[u8]) -> bool {
        let searcher = self.searcher.get_or_init(|| {
            let mut builder = Config::new().builder();
            builder.extend(self.needles());
            builder.build()
        });
        match searcher {
            Some(searcher) => searcher.find(bytes).is_some(),
            // No SIMD searcher for this machine: one memchr pass per needle.
            None => self
                .needles()
                .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Needles;

    #[test]
    fn any_needle_of_any_list_is_found_and_nothing_else() {
        static NEEDLES: Needles = Needles::new(&[&["checkoutSessions"], &["dodopayments", "x_y"]]);
        assert!(NEEDLES.any_in(b"import x from 'dodopayments'"));
        assert!(NEEDLES.any_in(b"a.checkoutSessions.create()"));
        assert!(NEEDLES.any_in(b"x_y"));
        assert!(!NEEDLES.any_in(b"checkout the docs; dodo payments"));
        assert!(!NEEDLES.any_in(b""));
    }
}
