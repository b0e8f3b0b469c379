//! The folder traversal under a walk: every core reads folders from one shared queue; links
//! are never followed and hidden entries (a name starting with `.`) never entered, as the
//! `ignore` crate's walker does with its standard filters off.
//!
//! Written here rather than taken from `ignore::WalkParallel`: that walker cost more per entry
//! than the rest of a small file's lint (a path join, a work-queue push and pop, and a
//! visitor call for every entry), and its idle workers poll in 1 ms sleeps, so every walk ended
//! up to a millisecond after its last folder. Here an idle worker waits on a condition variable
//! and is woken the moment there is a folder or the walk is over.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, PoisonError};

/// Which entries a traversal enters or keeps.
pub(super) struct Visit<'a, E> {
    /// For a folder just listed, with the names in it that start with `.` or are named in
    /// [`MARKERS`] (the files a folder's rules come from: its ignore files, a virtualenv's
    /// `pyvenv.cfg`), what says of each of its entries (a folder or a file, with whether it is
    /// a folder) whether it is entered; `None` when nothing in the folder is. Asked once per
    /// folder, by the worker reading it: what a folder's entries share is looked up once, and
    /// the listing says which of those files exist without a lookup of each.
    pub(super) entries_of: &'a E,
    /// True for a file that is kept.
    pub(super) keep: &'a (dyn Fn(&Path) -> bool + Sync),
}

/// Names, besides those starting with `.`, that a folder's listing reports to
/// [`Visit::entries_of`].
pub(super) const MARKERS: &[&str] = &["pyvenv.cfg"];

/// The queue of folders still to read, and how many are being read.
struct Queue {
    folders: Vec<PathBuf>,
    reading: usize,
    /// Workers waiting for a folder: only they need waking (a wake is a system call).
    idle: usize,
    failed: Option<String>,
}

/// The files under `root` that `visit` keeps, in no particular order; the first folder that
/// cannot be read ends the walk with its error.
pub(super) fn files<E, F>(root: &Path, visit: &Visit<'_, E>) -> Result<Vec<PathBuf>, String>
where
    E: Fn(&Path, &[OsString]) -> Option<F> + Sync,
    F: Fn(&Path, bool) -> bool,
{
    let queue = Mutex::new(Queue {
        folders: vec![root.to_path_buf()],
        reading: 0,
        idle: 0,
        failed: None,
    });
    let changed = Condvar::new();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let work = || worker(&queue, &changed, visit);
    let found = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        // The calling thread is a worker too: no thread to start for the usual small walk.
        let mut found = work();
        for helper in helpers {
            found.extend(helper.join().unwrap_or_default());
        }
        found
    });
    let queue = queue.into_inner().unwrap_or_else(PoisonError::into_inner);
    match queue.failed {
        Some(error) => Err(error),
        None => Ok(found),
    }
}

/// One worker: reads folders until none is queued and none is being read.
fn worker<E, F>(queue: &Mutex<Queue>, changed: &Condvar, visit: &Visit<'_, E>) -> Vec<PathBuf>
where
    E: Fn(&Path, &[OsString]) -> Option<F>,
    F: Fn(&Path, bool) -> bool,
{
    let mut found = Vec::new();
    let mut subfolders = Vec::new();
    loop {
        let folder = {
            let mut state = queue.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if state.failed.is_some() {
                    return found;
                }
                if let Some(folder) = state.folders.pop() {
                    state.reading += 1;
                    break folder;
                }
                if state.reading == 0 {
                    return found;
                }
                state.idle += 1;
                state = changed.wait(state).unwrap_or_else(PoisonError::into_inner);
                state.idle -= 1;
            }
        };
        let guard = Reading { queue, changed };
        let read = read_folder(&folder, visit, &mut found, &mut subfolders);
        std::mem::forget(guard);
        let mut state = queue.lock().unwrap_or_else(PoisonError::into_inner);
        state.reading -= 1;
        match read {
            Ok(()) => state.folders.append(&mut subfolders),
            Err(error) => {
                state.failed.get_or_insert(error);
            }
        }
        // The idle are woken for new folders, for the end of the walk, or for a failure.
        let news = !state.folders.is_empty() || state.reading == 0 || state.failed.is_some();
        if state.idle > 0 && news {
            changed.notify_all();
        }
    }
}

/// Ends the walk when a worker panics while reading a folder: without it the folder would stay
/// counted as being read, and the other workers would wait for it for ever. (Forgotten, not
/// dropped, when the read returns.)
struct Reading<'q> {
    queue: &'q Mutex<Queue>,
    changed: &'q Condvar,
}

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        let mut state = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        state.reading -= 1;
        state
            .failed
            .get_or_insert_with(|| "internal error: the walk stopped".to_string());
        self.changed.notify_all();
    }
}

/// Reads one folder: its kept files into `found`, the folders to enter into `subfolders`.
fn read_folder<E, F>(
    folder: &Path,
    visit: &Visit<'_, E>,
    found: &mut Vec<PathBuf>,
    subfolders: &mut Vec<PathBuf>,
) -> Result<(), String>
where
    E: Fn(&Path, &[OsString]) -> Option<F>,
    F: Fn(&Path, bool) -> bool,
{
    let failed = |error: std::io::Error| format!("cannot read {}: {error}", folder.display());
    // The listing first, so the folder's own rules are known before its entries are judged.
    let mut entries = Vec::new();
    let mut markers = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(failed)? {
        let entry = entry.map_err(failed)?;
        let name = entry.file_name();
        let marker = name.as_encoded_bytes().first() == Some(&b'.')
            || MARKERS.iter().any(|marker| name == *marker);
        if marker {
            markers.push(name);
        }
        if is_hidden(&entry) {
            continue;
        }
        // The entry's own type, from the folder listing where the file system gives it: a link
        // is a link, never what it points to.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() || kind.is_file() {
            entries.push((entry.path(), kind.is_dir()));
        }
    }
    let Some(enters) = (visit.entries_of)(folder, &markers) else {
        return Ok(());
    };
    for (path, is_dir) in entries {
        if !enters(&path, is_dir) {
            continue;
        }
        if is_dir {
            subfolders.push(path);
        } else if (visit.keep)(&path) {
            found.push(path);
        }
    }
    Ok(())
}

#[cfg(unix)]
fn is_hidden(entry: &std::fs::DirEntry) -> bool {
    use std::os::unix::ffi::OsStrExt;
    entry.file_name().as_bytes().first() == Some(&b'.')
}

/// A dot name, or (as the `ignore` crate has it on Windows) the hidden attribute.
#[cfg(windows)]
fn is_hidden(entry: &std::fs::DirEntry) -> bool {
    use std::os::windows::fs::MetadataExt;
    const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
    entry.file_name().to_string_lossy().starts_with('.')
        || entry
            .metadata()
            .is_ok_and(|m| m.file_attributes() & FILE_ATTRIBUTE_HIDDEN != 0)
}

#[cfg(not(any(unix, windows)))]
fn is_hidden(entry: &std::fs::DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// Writes `{}` at each of `paths` under `root`, making their folders: a walk's test tree.
#[cfg(test)]
pub(super) fn write_files<P: AsRef<Path>>(root: &Path, paths: impl IntoIterator<Item = P>) {
    for path in paths {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "{}").unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(root: &Path, enter: &(dyn Fn(&Path, bool) -> bool + Sync)) -> Vec<String> {
        let visit = Visit {
            entries_of: &|_: &Path, _: &[OsString]| Some(enter),
            keep: &|path| path.extension().is_some_and(|e| e == "json"),
        };
        let mut names: Vec<String> = files(root, &visit)
            .unwrap()
            .iter()
            .map(|path| path.strip_prefix(root).unwrap().display().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_folder_is_read_once_and_hidden_entries_never() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_files(
            root,
            [
                "a.json",
                "a.txt",
                ".hidden.json",
                ".git/x.json",
                "one/b.json",
                "one/two/c.json",
                "one/two/three/d.json",
                "skip/e.json",
            ],
        );
        write_files(
            root,
            (0..200).map(|index| format!("wide/{}/f{index}.json", index % 7)),
        );
        let names = walk(root, &|path, is_dir| !(is_dir && path.ends_with("skip")));
        assert_eq!(names.len(), 204, "{names:?}");
        assert_eq!(
            &names[..4],
            [
                "a.json",
                "one/b.json",
                "one/two/c.json",
                "one/two/three/d.json"
            ]
        );
        assert!(
            names.iter().all(|name| name.ends_with(".json")
                && !name.contains("skip")
                && !name.starts_with('.')
                && !name.contains("/.")),
            "{names:?}"
        );
    }

    #[test]
    fn a_folder_is_judged_by_its_listing_s_marked_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write_files(
            root,
            [
                "venv/pyvenv.cfg",
                "venv/lib/x.json",
                "ok/.gitignore",
                "ok/y.json",
            ],
        );
        let seen = Mutex::new(Vec::new());
        let visit = Visit {
            entries_of: &|folder: &Path, listed: &[OsString]| {
                let name = folder.strip_prefix(root).unwrap().display().to_string();
                seen.lock().unwrap().push((name, listed.to_vec()));
                let is_virtualenv = listed.iter().any(|n| n == "pyvenv.cfg");
                (!is_virtualenv).then_some(|_: &Path, _| true)
            },
            keep: &|path| path.extension().is_some_and(|e| e == "json"),
        };
        let found = files(root, &visit).unwrap();
        assert_eq!(found, [root.join("ok/y.json")]);
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
        assert_eq!(
            seen,
            [
                (String::new(), Vec::new()),
                ("ok".to_string(), vec![OsString::from(".gitignore")]),
                ("venv".to_string(), vec![OsString::from("pyvenv.cfg")]),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.json"), "{}").unwrap();
        std::fs::write(dir.path().join("real.json"), "{}").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.json"),
            dir.path().join("file-link.json"),
        )
        .unwrap();
        assert_eq!(walk(dir.path(), &|_, _| true), ["real.json"]);
    }

    #[test]
    fn a_worker_that_panics_ends_the_walk_instead_of_hanging_it() {
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), (0..40).map(|index| format!("d{index}/f.json")));
        let visit = Visit {
            entries_of: &|folder: &Path, _: &[OsString]| {
                assert!(!folder.ends_with("d7"), "a bug in a rule of the walk");
                Some(|_: &Path, _| true)
            },
            keep: &|_| true,
        };
        // The panicking worker may be the calling thread (the panic then reaches here) or a
        // helper (the walk then fails): either way it returns.
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| files(dir.path(), &visit)));
        assert!(
            outcome.is_err() || outcome.as_ref().is_ok_and(Result::is_err),
            "{outcome:?}"
        );
    }

    #[test]
    fn an_unreadable_root_is_an_error_that_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing");
        let visit = Visit {
            entries_of: &|_: &Path, _: &[OsString]| Some(|_: &Path, _| true),
            keep: &|_| true,
        };
        let error = files(&missing, &visit).unwrap_err();
        assert!(
            error.starts_with("cannot read ") && error.contains("missing"),
            "{error}"
        );
    }
}
