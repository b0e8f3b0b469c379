//! Canonical paths of the files a run names or walks, cheaply: modules are known by their
//! canonical path, and a tree has thousands of files but few folders.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

/// The canonical paths of the files named or walked, with one lookup per folder rather than
/// per file: a plain relative path (what a walk from the current folder yields: it does not
/// follow links into folders) is the current folder's canonical path joined with it; a plain
/// absolute one (a walk of `/abs/repo`) is its folder's canonical path joined with its name,
/// each folder resolved once from its parent's unless it is itself a link. A file that is
/// itself a link keeps its own name (resolution that reaches it by its target reads it once
/// more, harmlessly); anything else (`..`) is resolved.
pub(super) struct Canonical<'c> {
    cwd: Option<&'c Path>,
    /// By the folder's bytes: `Path`'s own hash splits it into components first, and this is
    /// asked once per file. (Two spellings of one folder, `a//b` and `a/b`, are two entries
    /// with one answer.)
    folders: FxHashMap<OsString, Option<PathBuf>>,
}

impl<'c> Canonical<'c> {
    pub(super) fn new(cwd: Option<&'c Path>) -> Self {
        Self {
            cwd,
            folders: FxHashMap::default(),
        }
    }

    pub(super) fn of(&mut self, path: &Path) -> Option<PathBuf> {
        self.resolve(path, None)
    }

    /// [`Canonical::of`], for a path inside `root` only (a canonical folder): a file of a
    /// folder outside it is turned away at its folder, before its own path is built. (A run
    /// over a tree outside the current repository has no project files, and paid for a
    /// canonical path of each of its files.)
    pub(super) fn of_under(&mut self, path: &Path, root: &Path) -> Option<PathBuf> {
        self.resolve(path, Some(root))
            .filter(|canonical| is_under(canonical, root))
    }

    fn resolve(&mut self, path: &Path, root: Option<&Path>) -> Option<PathBuf> {
        use std::path::Component;
        let mut parts = path.components().peekable();
        let absolute = parts.next_if_eq(&Component::RootDir).is_some();
        if let (false, Some(cwd)) = (absolute, self.cwd) {
            // A plain relative path, joined to the current folder in the same pass that checks
            // it is plain (every file of a walk from `.` comes here), in one buffer sized for
            // both.
            let mut joined =
                PathBuf::with_capacity(cwd.as_os_str().len() + path.as_os_str().len() + 1);
            joined.push(cwd);
            for part in parts {
                match part {
                    Component::Normal(part) => joined.push(part),
                    Component::CurDir => {}
                    _ => return std::fs::canonicalize(path).ok(),
                }
            }
            return Some(joined);
        }
        let plain = parts.all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
        if !(absolute && plain) {
            return std::fs::canonicalize(path).ok();
        }
        // One backward step gives both the name and its folder (`parent` and `file_name` would
        // each parse the path again), and one buffer holds the join.
        let mut parts = path.components();
        let Some(Component::Normal(name)) = parts.next_back() else {
            return std::fs::canonicalize(path).ok();
        };
        let folder = self.folder(parts.as_path(), 0)?;
        if root.is_some_and(|root| !is_under(folder, root)) {
            return None;
        }
        let mut joined = PathBuf::with_capacity(folder.as_os_str().len() + name.len() + 1);
        joined.push(folder);
        joined.push(name);
        Some(joined)
    }

    /// A plain absolute folder's canonical path, memoised; lent, not copied, since every file
    /// of a folder asks for it.
    fn folder(&mut self, dir: &Path, depth: usize) -> Option<&Path> {
        if !self.folders.contains_key(dir.as_os_str()) {
            let is_link = dir
                .symlink_metadata()
                .is_ok_and(|meta| meta.file_type().is_symlink());
            let resolved = match (dir.parent(), dir.file_name()) {
                (Some(parent), Some(name)) if !is_link && depth < 256 => self
                    .folder(parent, depth + 1)
                    .map(|parent| parent.join(name)),
                _ => std::fs::canonicalize(dir).ok(),
            };
            self.folders.insert(dir.as_os_str().to_owned(), resolved);
        }
        self.folders.get(dir.as_os_str())?.as_deref()
    }
}

/// `path.starts_with(root)` for canonical paths (no `.` parts, no doubled separators), by
/// their bytes: `Path::starts_with` walks both paths' components, once per file of a walk.
pub(super) fn is_under(path: &Path, root: &Path) -> bool {
    let (path, root) = (
        path.as_os_str().as_encoded_bytes(),
        root.as_os_str().as_encoded_bytes(),
    );
    path.starts_with(root)
        && (path.len() == root.len()
            || root
                .last()
                .is_some_and(|&b| std::path::is_separator(char::from(b)))
            || path
                .get(root.len())
                .is_some_and(|&b| std::path::is_separator(char::from(b))))
}

#[cfg(test)]
mod tests {
    use super::is_under;
    use std::path::Path;

    #[test]
    fn a_path_is_under_a_root_as_path_starts_with_says() {
        for (path, root) in [
            ("/repo/src/a.ts", "/repo"),
            ("/repo", "/repo"),
            ("/repo/a.ts", "/repo/"),
            ("/", "/"),
            ("/repo2/a.ts", "/repo"),
            ("/rep", "/repo"),
            ("/other/a.ts", "/repo"),
        ] {
            let (path, root) = (Path::new(path), Path::new(root));
            assert_eq!(
                is_under(path, root),
                path.starts_with(root),
                "{path:?} {root:?}"
            );
        }
    }
}
