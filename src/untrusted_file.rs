//! Reading a file that a repository supplies (the config, the catalogue): a cloned repository
//! can name `/dev/zero`, `/dev/stdin`, a FIFO or a sparse file of gigabytes. Only a regular
//! file is read, and at most a limit of bytes; opening never blocks (a FIFO opens
//! non-blocking, and is then refused because the open file is not a regular file).

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A device, FIFO, socket or folder: what it is.
    NotRegular(&'static str),
    TooLarge {
        size: u64,
        limit: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(err) => write!(f, "cannot read the file: {err}"),
            ReadError::NotRegular(kind) => {
                write!(f, "cannot read the file: it is {kind}, not a regular file")
            }
            ReadError::TooLarge { size, limit } => write!(
                f,
                "the file is {size} bytes, over the limit of {limit} bytes; not read"
            ),
        }
    }
}

/// Opens `path` for reading without blocking; `follow` says whether a final symbolic link is
/// followed.
pub fn open(path: &Path, follow: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let no_follow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | no_follow);
    }
    #[cfg(not(unix))]
    let _ = follow;
    options.open(path)
}

/// Opens `path` without blocking and checks, on the open file (so a path swapped after a look
/// cannot slip through), that it is a regular file.
pub fn open_regular(path: &Path, follow: bool) -> Result<(File, Metadata), ReadError> {
    let file = open(path, follow).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind(&metadata)));
    }
    Ok((file, metadata))
}

/// The bytes of the regular file at `path` (links followed), when it holds at most `limit`.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, metadata) = open_regular(path, true)?;
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // A file that grows while it is read stops at the limit too.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

fn kind(metadata: &Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read(&path, 5).unwrap(), b"12345");
        let err = read(&path, 4).unwrap_err();
        assert!(
            matches!(err, ReadError::TooLarge { size: 5, limit: 4 }),
            "{err}"
        );
        let err = read(dir.path(), 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot read the file: it is a folder, not a regular file"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_blocking() {
        let err = read(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular("a device")), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        // Without O_NONBLOCK this open would wait for a writer for ever.
        let err = read(&fifo, 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular("a FIFO")), "{err}");
    }
}
