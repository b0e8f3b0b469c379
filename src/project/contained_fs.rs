//! The file system module resolution sees: it reads only inside the project's tree (never a
//! file in `node_modules` or above the root, except a package's own `package.json`, which
//! resolution needs), each file bounded in size, and a bounded number of files in all — a
//! `tsconfig.json` chain of hundreds of `extends`, or aliases that map onto each other, end
//! with a module not found instead of a long run.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use oxc_resolver::{FileMetadata, FileSystem, FileSystemOs, ResolveError};

/// The largest config file read (`tsconfig.json`, `package.json`).
const MAX_CONFIG_SIZE: u64 = 1 << 20;
/// The most files read in one run.
const MAX_READS: usize = 4096;
/// The most config files other than `package.json` (tsconfig.json and what it extends) read in
/// one run. oxc_resolver follows `extends` recursively, so this also bounds how deep its stack
/// grows: a chain longer than this ends unread (the tsconfig is then reported and its aliases
/// not followed) instead of overflowing the stack.
const MAX_CONFIG_READS: usize = 256;

pub(super) struct ContainedFs {
    /// Canonical.
    root: PathBuf,
    reads: AtomicUsize,
    config_reads: AtomicUsize,
}

impl ContainedFs {
    pub(super) fn inside(root: PathBuf) -> Self {
        Self {
            root,
            reads: AtomicUsize::new(0),
            config_reads: AtomicUsize::new(0),
        }
    }

    fn may_read(&self, path: &Path) -> bool {
        let is_package_json = path.file_name().is_some_and(|name| name == "package.json");
        let in_tree = path.starts_with(&self.root)
            && !path
                .components()
                .any(|part| part == Component::Normal("node_modules".as_ref()));
        let within_configs = || {
            is_package_json || self.config_reads.fetch_add(1, Ordering::Relaxed) < MAX_CONFIG_READS
        };
        (in_tree || is_package_json)
            && self.reads.fetch_add(1, Ordering::Relaxed) < MAX_READS
            && within_configs()
    }
}

fn refused(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotFound,
        format!("{} is outside the linted tree", path.display()),
    )
}

impl FileSystem for ContainedFs {
    /// Only for the trait: a resolver is always built with [`ContainedFs::inside`]; this one
    /// reads nothing.
    fn new() -> Self {
        Self::inside(PathBuf::new())
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        if !self.may_read(path) {
            return Err(refused(path));
        }
        crate::untrusted_file::read(path, MAX_CONFIG_SIZE).map_err(|err| match err {
            crate::untrusted_file::ReadError::Io(err) => err,
            _ => io::Error::new(
                io::ErrorKind::InvalidData,
                "not a regular file, or too large",
            ),
        })
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        String::from_utf8(self.read(path)?)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"))
    }

    fn metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        FileSystemOs::metadata(path)
    }

    fn symlink_metadata(&self, path: &Path) -> io::Result<FileMetadata> {
        FileSystemOs::symlink_metadata(path)
    }

    fn read_link(&self, path: &Path) -> Result<PathBuf, ResolveError> {
        FileSystemOs::read_link(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        FileSystemOs::canonicalize(path)
    }
}
