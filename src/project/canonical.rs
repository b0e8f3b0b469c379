//! Canonical paths of the files a run names or walks, cheaply: modules are known by their
//! canonical path, and a tree has thousands of files but few folders.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The canonical paths of the files named or walked, with one lookup per folder rather than
/// per file: a plain relative path (what a walk from the current folder yields: it does not
/// follow links into folders) is the current folder's canonical path joined with it; a plain
/// absolute one (a walk of `/abs/repo`) is its folder's canonical path joined with its name,
/// each folder resolved once from its parent's unless it is itself a link. A file that is
/// itself a link keeps its own name (resolution that reaches it by its target reads it once
/// more, harmlessly); anything else (`..`) is resolved.
pub(super) struct Canonical<'c> {
    cwd: Option<&'c Path>,
    folders: HashMap<PathBuf, Option<PathBuf>>,
}

impl<'c> Canonical<'c> {
    pub(super) fn new(cwd: Option<&'c Path>) -> Self {
        Self {
            cwd,
            folders: HashMap::new(),
        }
    }

    pub(super) fn of(&mut self, path: &Path) -> Option<PathBuf> {
        use std::path::Component;
        let mut parts = path.components().peekable();
        let absolute = parts.next_if_eq(&Component::RootDir).is_some();
        let plain = parts.all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
        match (absolute, self.cwd) {
            (false, Some(cwd)) if plain => Some(
                path.components()
                    .filter(|part| matches!(part, Component::Normal(_)))
                    .fold(cwd.to_path_buf(), |joined, part| joined.join(part)),
            ),
            (true, _) if plain => {
                let folder = self.folder(path.parent()?, 0)?;
                Some(folder.join(path.file_name()?))
            }
            _ => std::fs::canonicalize(path).ok(),
        }
    }

    /// A plain absolute folder's canonical path, memoised.
    fn folder(&mut self, dir: &Path, depth: usize) -> Option<PathBuf> {
        if let Some(known) = self.folders.get(dir) {
            return known.clone();
        }
        let is_link = dir
            .symlink_metadata()
            .is_ok_and(|meta| meta.file_type().is_symlink());
        let resolved = match (dir.parent(), dir.file_name()) {
            (Some(parent), Some(name)) if !is_link && depth < 256 => self
                .folder(parent, depth + 1)
                .map(|parent| parent.join(name)),
            _ => std::fs::canonicalize(dir).ok(),
        };
        self.folders.insert(dir.to_path_buf(), resolved.clone());
        resolved
    }
}
