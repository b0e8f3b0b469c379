//! Walking a folder for files to lint, much as ripgrep does (`.gitignore`, `.ignore`,
//! `.git/info/exclude`, hidden files skipped; the nearest folder's files decide first, and in a
//! folder `.ignore` before `.gitignore`; no global excludes file, no nested repositories) — but
//! with ignore files read the way every other
//! file a repository supplies is read here: only regular files within a size bound, never
//! through a link that leaves the tree, never blocking. The `ignore` crate's own reader would
//! read a committed `.gitignore -> /dev/zero` until memory ran out and block on a FIFO, so the
//! walk reads them itself and hands the lines to the crate's matcher.
//!
//! Folders that are never payloads' homes (`node_modules`, build outputs, virtualenvs …) are
//! skipped whatever the ignore files say, as ruff and eslint do.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::link_containment::{Containment, resolve_inside};

/// Folders skipped in every walk, unless a config's `default-excludes` replaces the list.
pub(super) const DEFAULT_EXCLUDES: &[&str] = &[
    "node_modules",
    ".git",
    "vendor",
    "dist",
    "build",
    "out",
    ".next",
    ".nuxt",
    ".output",
    ".svelte-kit",
    ".vercel",
    ".turbo",
    "coverage",
    ".venv",
    "venv",
    "site-packages",
    "__pycache__",
    ".tox",
];

/// The largest ignore file read; a bigger one is skipped, with a note.
const MAX_IGNORE_FILE: u64 = 256 << 10;
/// The most bytes of ignore files one walk reads (their patterns are compiled into automata,
/// which cost many times their text).
const MAX_IGNORE_TOTAL: u64 = 2 << 20;

/// The matchers that speak for a folder's entries: its own ignore files, then its parent's
/// chain — shared, never copied, so a deep tree costs one link per folder.
struct Chain {
    own: Vec<Gitignore>,
    parent: Option<Arc<Chain>>,
}

impl Chain {
    /// What the nearest matcher that speaks of `path` says, if any speaks.
    fn decide(&self, path: &Path, is_dir: bool) -> Option<bool> {
        let mut chain = Some(self);
        while let Some(link) = chain {
            for matcher in &link.own {
                let matched = matcher.matched(path, is_dir);
                if matched.is_ignore() {
                    return Some(true);
                }
                if matched.is_whitelist() {
                    return Some(false);
                }
            }
            chain = link.parent.as_deref();
        }
        None
    }
}

/// The ignore files of one walk, read once per folder.
struct Ignores {
    /// The walk's root as given, and as an absolute, canonical path.
    given: PathBuf,
    root: PathBuf,
    /// Where links may point: the repository's top folder, or the walk's root outside one.
    tree: PathBuf,
    /// The matchers of folders above the root, nearest first, up to the repository's top,
    /// and `.git/info/exclude` last.
    above: Vec<Gitignore>,
    /// Chains by folder, keyed by the folder's bytes (hashing a `Path` parses it).
    by_dir: Mutex<HashMap<OsString, Arc<Chain>>>,
    budget: Mutex<u64>,
    notes: Notes,
    excludes: Vec<String>,
}

/// Notes on what a walk skipped, each said once on standard error after the walk.
#[derive(Default, Clone)]
pub(super) struct Notes(Arc<Mutex<BTreeSet<String>>>);

impl Notes {
    pub(super) fn print(&self) {
        let notes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        for note in notes.iter() {
            eprintln!("checkout-lint: note: {}", crate::text::escape_line(note));
        }
    }

    /// Keeps a note; one said twice is printed once.
    fn add(&self, note: String) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(note);
    }
}

impl Ignores {
    fn new(given: &Path, excludes: &[String], notes: &Notes) -> Result<Self, String> {
        let root = std::fs::canonicalize(given)
            .map_err(|err| format!("cannot read {}: {err}", given.display()))?;
        let top = super::repository::top(&root).map(Path::to_path_buf);
        let mut ignores = Self {
            given: given.to_path_buf(),
            tree: top.clone().unwrap_or_else(|| root.clone()),
            root: root.clone(),
            above: Vec::new(),
            by_dir: Mutex::new(HashMap::new()),
            budget: Mutex::new(MAX_IGNORE_TOTAL),
            notes: notes.clone(),
            excludes: excludes.to_vec(),
        };
        if let Some(top) = top {
            let mut above = Vec::new();
            for dir in root.ancestors().skip(1) {
                if !dir.starts_with(&top) {
                    break;
                }
                above.extend(ignores.read_dir_files(dir, None));
            }
            let exclude = top.join(".git").join("info").join("exclude");
            if top.join(".git").is_dir()
                && let Some(matcher) = ignores.read_ignore_file(&top, &exclude)
            {
                above.push(matcher);
            }
            ignores.above = above;
        }
        Ok(ignores)
    }

    fn note(&self, note: String) {
        self.notes.add(note);
    }

    /// `.ignore` then `.gitignore` of `dir` (the first has precedence, as in ripgrep); only
    /// those the folder's listing names, when it was listed.
    fn read_dir_files(&self, dir: &Path, listed: Option<&[OsString]>) -> Vec<Gitignore> {
        [".ignore", ".gitignore"]
            .iter()
            .filter(|name| listed.is_none_or(|listed| listed.iter().any(|n| n == **name)))
            .filter_map(|name| self.read_ignore_file(dir, &dir.join(name)))
            .collect()
    }

    /// One ignore file, when it is safe to read: a regular file (or a link to one inside the
    /// tree) within the size bounds. What is skipped is noted.
    fn read_ignore_file(&self, dir: &Path, path: &Path) -> Option<Gitignore> {
        let metadata = path.symlink_metadata().ok()?;
        let shown = path.display();
        if metadata.file_type().is_symlink()
            && resolve_inside(&self.tree, path) != Containment::Inside
        {
            self.note(format!(
                "{shown} is a link that leads out of the repository; not read"
            ));
            return None;
        }
        let bytes = match crate::untrusted_file::read(path, MAX_IGNORE_FILE) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.note(format!("{shown}: {err}"));
                return None;
            }
        };
        // Charged what was read (a link's own size says nothing of its target's).
        {
            let mut budget = self.budget.lock().unwrap_or_else(PoisonError::into_inner);
            let size = bytes.len() as u64;
            if size > *budget {
                drop(budget);
                self.note(format!(
                    "{shown}: the ignore files of this walk are over {MAX_IGNORE_TOTAL} bytes in all; not read"
                ));
                return None;
            }
            *budget -= size;
        }
        let text = String::from_utf8_lossy(&bytes);
        let mut builder = GitignoreBuilder::new(dir);
        for line in text.lines() {
            // A line that is not a valid glob is skipped, as git does.
            let _ = builder.add_line(Some(path.to_path_buf()), line);
        }
        builder.build().ok()
    }

    /// The matchers that speak for the entries of `dir` (a folder as the walk gives it, at or
    /// below the root): its own ignore files, then its parent's chain — nearest first. Built
    /// once per folder, so an entry costs one lookup.
    /// `listed`: the dot-names in the folder, when the walk has just listed it (its ignore
    /// files are then read only if they are there).
    fn chain_of(&self, dir: &Path, listed: Option<&[OsString]>) -> Arc<Chain> {
        let found = self
            .by_dir
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(dir.as_os_str())
            .map(Arc::clone);
        found.unwrap_or_else(|| self.build_chain(dir, listed))
    }

    fn build_chain(&self, dir: &Path, listed: Option<&[OsString]>) -> Arc<Chain> {
        let parent = (dir.as_os_str() != self.given.as_os_str())
            .then(|| dir.parent().filter(|p| p.starts_with(&self.given)))
            .flatten()
            .map(|parent| self.chain_of(parent, None));
        let chain = Arc::new(Chain {
            own: self.read_dir_files(dir, listed),
            parent,
        });
        self.by_dir
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(dir.as_os_str().to_os_string(), Arc::clone(&chain));
        chain
    }

    /// What says of each entry of the folder `dir` (as the walk gives it, with the names its
    /// listing marks: see [`super::traverse::MARKERS`]) whether the walk skips it
    /// ([`Ignores::skips`]); `None` for a virtualenv below the root, whose entries are all
    /// skipped. The folder's chain of matchers is looked up once.
    fn entries_of<'i>(
        &'i self,
        dir: &Path,
        listed: &[OsString],
    ) -> Option<impl Fn(&Path, bool) -> bool + use<'i>> {
        let is_virtualenv = listed.iter().any(|name| name == "pyvenv.cfg");
        if is_virtualenv && dir.as_os_str() != self.given.as_os_str() {
            return None;
        }
        let chain = self.chain_of(dir, Some(listed));
        Some(move |path: &Path, is_dir| self.skips(&chain, path, is_dir))
    }

    /// True when the walk should skip `path` (as the walk gives it), an entry of the folder
    /// whose matchers are `chain`: a default-excluded folder, or what the nearest ignore file
    /// that speaks of it says. (A virtualenv is found when it is listed: `entries_of`.)
    fn skips(&self, chain: &Chain, path: &Path, is_dir: bool) -> bool {
        if path.as_os_str() == self.given.as_os_str() {
            return false;
        }
        if is_dir {
            let named = path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| self.excludes.iter().any(|e| e == name));
            if named {
                return true;
            }
        }
        if let Some(ignored) = chain.decide(path, is_dir) {
            return ignored;
        }
        if self.above.is_empty() {
            return false;
        }
        // Ignore files above the root match absolute paths.
        let Ok(relative) = path.strip_prefix(&self.given) else {
            return false;
        };
        let absolute = self.root.join(relative);
        for matcher in &self.above {
            let matched = matcher.matched(&absolute, is_dir);
            if matched.is_ignore() {
                return true;
            }
            if matched.is_whitelist() {
                return false;
            }
        }
        false
    }
}

/// The files under `dir` (recursively) that `keep` accepts, skipping what the ignore files
/// and `excludes` (folder names) skip; what could not be read safely is added to `notes`.
/// Walked on every core (the caller sorts what it finds); the first error ends the walk.
pub(super) fn files(
    dir: &Path,
    excludes: &[String],
    notes: &Notes,
    keep: &(dyn Fn(&Path) -> bool + Sync),
    out: &mut Vec<PathBuf>,
) -> Result<(), String> {
    let ignores = Ignores::new(dir, excludes, notes)?;
    let visit = super::traverse::Visit {
        entries_of: &|dir: &Path, listed: &[OsString]| {
            let skips = ignores.entries_of(dir, listed)?;
            Some(move |path: &Path, is_dir| !skips(path, is_dir))
        },
        keep,
    };
    out.extend(super::traverse::files(dir, &visit)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(dir: &Path) -> (Vec<String>, Vec<String>) {
        let notes = Notes::default();
        let excludes: Vec<String> = DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        files(dir, &excludes, &notes, &|_| true, &mut out).unwrap();
        let mut names: Vec<String> = out
            .iter()
            .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
            .collect();
        names.sort();
        let notes = notes
            .0
            .lock()
            .unwrap()
            .iter()
            .filter(|n| !n.is_empty())
            .cloned()
            .collect();
        (names, notes)
    }

    #[test]
    fn ignore_files_nest_and_default_excludes_hold_whatever_they_say() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        super::super::traverse::write_files(
            root,
            [
                "a.json",
                "skip.json",
                "sub/b.json",
                "sub/keep.json",
                "node_modules/p/package.json",
                "dist/x.json",
                "env/pyvenv.cfg",
                "env/y.json",
            ],
        );
        std::fs::write(
            root.join(".gitignore"),
            "skip.json\nsub/*.json\n!node_modules\n",
        )
        .unwrap();
        std::fs::write(root.join("sub/.gitignore"), "!keep.json\n").unwrap();
        let (names, notes) = walked(root);
        assert_eq!(names, ["a.json", "sub/keep.json"]);
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[cfg(unix)]
    #[test]
    fn ignore_files_that_are_devices_fifos_or_links_out_are_skipped_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::create_dir_all(root.join("b")).unwrap();
        std::fs::create_dir_all(root.join("c")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("a/.gitignore")).unwrap();
        std::os::unix::fs::symlink("/dev/stdin", root.join("b/.gitignore")).unwrap();
        let fifo = std::ffi::CString::new(root.join("c/.ignore").to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        std::fs::write(
            root.join("c/.gitignore"),
            "x".repeat(MAX_IGNORE_FILE as usize + 10),
        )
        .unwrap();
        for d in ["a", "b", "c"] {
            std::fs::write(root.join(d).join("p.json"), "{}").unwrap();
        }
        let (names, notes) = walked(root);
        assert_eq!(names, ["a/p.json", "b/p.json", "c/p.json"]);
        assert_eq!(notes.len(), 4, "{notes:#?}");
        assert!(
            notes
                .iter()
                .any(|n| n.contains("a/.gitignore is a link that leads out")),
            "{notes:#?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("c/.ignore") && n.contains("not a regular file")),
            "{notes:#?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("c/.gitignore") && n.contains("over the limit")),
            "{notes:#?}"
        );
    }
}
