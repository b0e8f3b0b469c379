//! Writing files in a folder someone else controls (a cloned repository) without being turned
//! against the user: nothing is ever written through a link that already exists, and nobody
//! ever sees a file half written.
//!
//! A regular file is replaced by a new file made beside it: created exclusively under an
//! unpredictable name (`.checkout-lint-XXXXXX.tmp`, so a link planted at the name cannot be
//! followed and a long file name still fits), given the old file's mode, owner and group on the
//! open descriptor, fsynced, checked once more (the file must still be the one that was read)
//! and renamed over the target. A process killed in between leaves at most that hidden file
//! behind; `find . -name '.checkout-lint-*.tmp'` lists them.
//!
//! What each kind of target gets, and why:
//! - a symbolic link is refused: a link committed to a repository can point anywhere (a git
//!   hook, a dotfile), and replacing the link instead would leave its target stale. The one
//!   exception is `-o` to a link whose target is a device, pipe or socket (`/dev/stdout`).
//! - a file with more than one hard link is refused: a replacement would split the links, and
//!   writing in place could leave it half written.
//! - a device, FIFO or socket named by `-o` is written to as it is, never replaced.
//! - a file the process may not write (by `access(2)`, so ownership and ACLs count), or whose
//!   mode marks it read-only, is refused; so is one whose owner or group cannot be kept.

use std::fs::{self, File, Metadata};
use std::io::Write;
use std::path::Path;

/// What the target must still be right before the rename.
pub(super) struct Expected<'a> {
    /// The metadata of the file as it was opened (its identity and permissions).
    pub metadata: &'a Metadata,
    /// Its content as it was read, when the new content was made from it (`--fix`).
    pub content: Option<&'a [u8]>,
}

/// Opens an existing file to be fixed: a regular file with one link, not through a symbolic
/// link, without blocking. Returns the open file (to read from) and its metadata.
pub(super) fn open_for_fix(path: &Path) -> Result<(File, Metadata), String> {
    let shown = crate::text::escape_line(&path.to_string_lossy()).into_owned();
    let link = fs::symlink_metadata(path).map_err(|err| format!("cannot read {shown}: {err}"))?;
    if link.file_type().is_symlink() {
        return Err(format!(
            "{shown} is a symbolic link; not fixed (fix the file it points to by its own name)"
        ));
    }
    let (file, metadata) = opened(&shown, crate::untrusted_file::open_regular(path, false))?;
    check_replaceable(&shown, &metadata)?;
    Ok((file, metadata))
}

/// Opens a file to read it whole (for `--diff`), links followed, without blocking.
pub(super) fn open_to_read(path: &Path) -> Result<(File, Metadata), String> {
    let shown = crate::text::escape_line(&path.to_string_lossy()).into_owned();
    opened(&shown, crate::untrusted_file::open_regular(path, true))
}

fn opened(
    shown: &str,
    result: Result<(File, Metadata), crate::untrusted_file::ReadError>,
) -> Result<(File, Metadata), String> {
    result.map_err(|err| match err {
        crate::untrusted_file::ReadError::Io(err) => format!("cannot read {shown}: {err}"),
        _ => format!("{shown} is not a regular file; not written"),
    })
}

/// Replaces the regular file `path` with `content`, keeping its mode, owner and group; see the
/// module documentation for what is refused.
pub(super) fn replace(path: &Path, content: &[u8], expected: &Expected<'_>) -> Result<(), String> {
    let shown = crate::text::escape_line(&path.to_string_lossy()).into_owned();
    check_replaceable(&shown, expected.metadata)?;
    check_writable(path, &shown, expected.metadata)?;
    let keep = |file: &File| {
        keep_owner_and_mode(file, expected.metadata).map_err(|err| {
            format!("cannot keep the owner and mode of {shown} ({err}); not written")
        })
    };
    // The last look before the swap. A writer that changes the file between this look and the
    // rename (microseconds) still loses its change: no portable call closes that window.
    swap_in(path, &shown, content, keep, || {
        still_the_same(path, &shown, expected)
    })
}

/// Writes `content` to a new temporary file beside `path`, lets `prepare` set up the open file,
/// fsyncs it, lets `before_rename` have the last word (and cancel), and renames it over `path`:
/// over whatever is at the path by then, so a link planted there is replaced, never followed.
fn swap_in(
    path: &Path,
    shown: &str,
    content: &[u8],
    prepare: impl FnOnce(&File) -> Result<(), String>,
    before_rename: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    let describe = |err: std::io::Error| format!("cannot write {shown}: {err}");
    let mut temporary = new_temporary(path, shown)?;
    temporary.write_all(content).map_err(describe)?;
    prepare(temporary.as_file())?;
    temporary.as_file().sync_all().map_err(describe)?;
    before_rename()?;
    temporary.persist(path).map_err(|err| describe(err.error))?;
    sync_folder(path);
    Ok(())
}

/// `-o FILE`: a new file, a replaced regular file, or a device/pipe written as it is.
pub(super) fn write_output(path: &Path, content: &[u8]) -> Result<(), String> {
    let shown = crate::text::escape_line(&path.to_string_lossy()).into_owned();
    let describe = |err: std::io::Error| format!("cannot write {shown}: {err}");
    match fs::symlink_metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            swap_in(path, &shown, content, |_| Ok(()), || Ok(()))
        }
        Err(err) => Err(describe(err)),
        Ok(link) if link.file_type().is_symlink() => match fs::metadata(path) {
            Ok(target) if is_stream(&target) => write_in_place(path, &shown, content),
            _ => Err(format!(
                "{shown} is a symbolic link; not written through (name the file it points to, or \
                 remove the link)"
            )),
        },
        Ok(metadata) if is_stream(&metadata) => write_in_place(path, &shown, content),
        Ok(metadata) => replace(
            path,
            content,
            &Expected {
                metadata: &metadata,
                content: None,
            },
        ),
    }
}

/// A device, FIFO or socket: written to, never replaced.
fn is_stream(metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        kind.is_char_device() || kind.is_block_device() || kind.is_fifo() || kind.is_socket()
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

fn write_in_place(path: &Path, shown: &str, content: &[u8]) -> Result<(), String> {
    let describe = |err: std::io::Error| format!("cannot write {shown}: {err}");
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(describe)?;
    // The path may have been swapped for a regular file since it was looked at: writing into
    // that without truncating would leave it half old, half new.
    let opened = file.metadata().map_err(describe)?;
    if !is_stream(&opened) {
        return Err(format!("{shown} changed while it was opened; not written"));
    }
    file.write_all(content).map_err(describe)?;
    file.flush().map_err(describe)
}

fn check_replaceable(shown: &str, metadata: &Metadata) -> Result<(), String> {
    if !metadata.is_file() {
        return Err(format!("{shown} is not a regular file; not written"));
    }
    let links = link_count(metadata);
    if links > 1 {
        return Err(format!(
            "{shown} has {links} hard links; not written (replacing it would split them)"
        ));
    }
    Ok(())
}

/// Refuses a file whose mode says read-only, and one the process may not write: `access(2)`
/// answers for the real user, with ownership and ACLs, where mode bits alone cannot.
fn check_writable(path: &Path, shown: &str, metadata: &Metadata) -> Result<(), String> {
    if metadata.permissions().readonly() {
        return Err(format!("{shown} is read-only; not written"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return Err(format!("{shown}: the name holds a NUL byte"));
        };
        // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
        if unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } != 0 {
            return Err(format!("{shown} is not writable by this user; not written"));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn link_count(metadata: &Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(metadata)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        1
    }
}

/// An exclusively created file with a random name in `path`'s folder, with the mode a new file
/// gets (0666 less the umask) until it is given another.
fn new_temporary(path: &Path, shown: &str) -> Result<tempfile::NamedTempFile, String> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".checkout-lint-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
        .tempfile_in(dir)
        .map_err(|err| format!("cannot write {shown}: {err}"))
}

fn keep_owner_and_mode(file: &File, original: &Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ours = file.metadata()?;
        if (ours.uid(), ours.gid()) != (original.uid(), original.gid()) {
            std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()))?;
        }
    }
    // After the owner: changing the owner may clear set-id bits.
    file.set_permissions(original.permissions())
}

/// The target must still be the file that was opened (same device and inode, still one link,
/// not swapped for a link) and, for a fix, still hold what was read.
fn still_the_same(path: &Path, shown: &str, expected: &Expected<'_>) -> Result<(), String> {
    let changed = || format!("{shown} changed on disk while it was being written; not overwritten");
    let now = fs::symlink_metadata(path).map_err(|err| format!("cannot read {shown}: {err}"))?;
    if !same_file(&now, expected.metadata) || now.file_type().is_symlink() {
        return Err(changed());
    }
    if let Some(content) = expected.content {
        let mut file = open_no_follow(path).map_err(|_| changed())?;
        let mut current = Vec::with_capacity(content.len() + 1);
        std::io::Read::read_to_end(&mut file, &mut current)
            .map_err(|err| format!("cannot read {shown}: {err}"))?;
        if current != content {
            return Err(changed());
        }
    }
    Ok(())
}

fn same_file(a: &Metadata, b: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (a.dev(), a.ino(), a.nlink()) == (b.dev(), b.ino(), 1)
    }
    #[cfg(not(unix))]
    {
        a.len() == b.len()
    }
}

/// Opens for reading without following a final symbolic link and without blocking on a FIFO.
pub(super) fn open_no_follow(path: &Path) -> std::io::Result<File> {
    crate::untrusted_file::open(path, false)
}

/// Makes the rename durable; a folder that cannot be synced (some file systems) is no error.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}
