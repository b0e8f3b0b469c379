//! The modules of a workspace that every document may learn from, not only those it imports:
//! the better-auth plugin's server config (the catalogue of slugs) and the modules that serve
//! Dodo's checkout handlers' routes. `checkout-lint .` finds them in the tree it lints; the
//! language server looks for them once per workspace root (the walk the command line does, its
//! ignore files and skipped folders included), so a component open alone still knows them. A
//! module created after that is known once it is opened.

use std::path::{Path, PathBuf};

use crate::cli::walk::{self, Notes};
use crate::payload::front_end;

/// The largest module looked into.
const MAX_FILE: u64 = 1 << 20;

/// The most such modules kept (a monorepo of many apps has configs that disagree anyway).
const MAX_APP_FILES: usize = 256;

/// The modules under `root` whose text tells the whole app something, in path order.
pub(super) fn app_files(root: &Path) -> Vec<PathBuf> {
    let keep = |path: &Path| {
        let links = path
            .to_str()
            .and_then(front_end::by_extension)
            .is_some_and(|front_end| front_end.resolves_imports());
        links
            && crate::untrusted_file::read(path, MAX_FILE)
                .is_ok_and(|bytes| crate::project::shares_app_wide(&bytes))
    };
    let mut found = Vec::new();
    // What the walk skips is the editor's business only when it lints: nothing to say here.
    if walk::files(root, &[], &Notes::default(), &keep, &mut found).is_err() {
        return Vec::new();
    }
    found.sort();
    found.truncate(MAX_APP_FILES);
    found
}
