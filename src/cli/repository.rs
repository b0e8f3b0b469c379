//! The repository around a folder: the nearest ancestor with a `.git` entry (a folder, or the
//! file a worktree or submodule has). The one place that says what a repository's top is, for
//! the walk's ignore files, the containment of named links, and the project stage's tree.

use std::path::Path;

/// The top of the repository holding `folder` (itself included), if any.
pub(crate) fn top(folder: &Path) -> Option<&Path> {
    folder
        .ancestors()
        .find(|dir| dir.join(".git").symlink_metadata().is_ok())
}
