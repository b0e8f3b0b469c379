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
pub(crate) enum ReadError {
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
pub(crate) fn open(path: &Path, follow: bool) -> std::io::Result<File> {
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
pub(crate) fn open_regular(path: &Path, follow: bool) -> Result<(File, Metadata), ReadError> {
    let file = open(path, follow).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind(&metadata)));
    }
    Ok((file, metadata))
}

/// The bytes of the regular file at `path` (links followed), when it holds at most `limit`.
pub(crate) fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, metadata) = open_regular(path, true)?;
    match read_at_most(file, metadata.len(), limit).map_err(ReadError::Io)? {
        AtMost::Whole(bytes) => Ok(bytes),
        AtMost::Over(size) => Err(ReadError::TooLarge { size, limit }),
    }
}

/// What [`read_at_most`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum AtMost {
    /// All there was, within the limit.
    Whole(Vec<u8>),
    /// More than the limit: the size known beforehand, or as much as was read.
    Over(u64),
}

/// Reads `reader` to its end when it holds at most `limit` bytes; never more than one byte
/// past the limit, so a huge file or an endless stream never sits in memory whole. `known` is
/// the size when it can be known beforehand (an open regular file's, whose read stops short
/// only at its end; 0 for a stream): over the limit, nothing is read. A file that grows while
/// it is read stops at the limit too.
pub(crate) fn read_at_most(
    mut reader: impl Read,
    known: u64,
    limit: u64,
) -> std::io::Result<AtMost> {
    if known > limit {
        return Ok(AtMost::Over(known));
    }
    let mut bytes = Vec::new();
    if let Ok(size) = usize::try_from(known)
        && size > 0
    {
        // One read for the size known and a byte more. A read that stops at exactly that size
        // met the end: the read that `read_to_end` would spend to see the end (a system call
        // per file of a tree) is not needed. Any other count reads on, as below.
        bytes.resize(size.saturating_add(1), 0);
        let first = read_once(&mut reader, &mut bytes)?;
        bytes.truncate(first);
        if first == size {
            return Ok(AtMost::Whole(bytes));
        }
    }
    let read = bytes.len() as u64;
    reader
        .take(limit.saturating_add(1).saturating_sub(read))
        .read_to_end(&mut bytes)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Ok(AtMost::Over(known.max(size)));
    }
    Ok(AtMost::Whole(bytes))
}

/// One `read`, tried again when a signal interrupted it.
fn read_once(reader: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match reader.read(buffer) {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            result => return result,
        }
    }
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

    #[test]
    fn bounded_reads_say_when_there_was_more() {
        let read = |text: &[u8], known, limit| read_at_most(text, known, limit).unwrap();
        assert_eq!(read(b"12345", 5, 5), AtMost::Whole(b"12345".to_vec()));
        assert_eq!(read(b"", 0, 0), AtMost::Whole(Vec::new()));
        // A stream (size unknown) is read one byte past the limit, no further.
        assert_eq!(read(b"12345", 0, 3), AtMost::Over(4));
        let endless = read_at_most(std::io::repeat(b'x'), 0, 1 << 10).unwrap();
        assert_eq!(endless, AtMost::Over((1 << 10) + 1));
        // A size known to be over the limit: nothing is read (this reader fails if asked).
        struct Unreadable;
        impl Read for Unreadable {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("read"))
            }
        }
        assert_eq!(read_at_most(Unreadable, 9, 8).unwrap(), AtMost::Over(9));
        assert!(read_at_most(Unreadable, 8, 8).is_err());
        // Grown since its size was taken: the size read, which is more than the size known.
        assert_eq!(read(b"123456", 2, 4), AtMost::Over(5));
        assert_eq!(read(b"123456", 2, 9), AtMost::Whole(b"123456".to_vec()));
    }

    #[test]
    fn a_read_short_of_the_size_known_reads_on() {
        // A byte per read (as an interrupted or network file system's read may be short): the
        // first read stops before the size known, so the end is looked for, not assumed.
        struct ByteAtATime<'a>(&'a [u8]);
        impl Read for ByteAtATime<'_> {
            fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
                let (Some(first), Some(slot)) = (self.0.first(), buffer.first_mut()) else {
                    return Ok(0);
                };
                *slot = *first;
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        let whole = read_at_most(ByteAtATime(b"12345"), 5, 5).unwrap();
        assert_eq!(whole, AtMost::Whole(b"12345".to_vec()));
        let over = read_at_most(ByteAtATime(b"12345"), 4, 4).unwrap();
        assert_eq!(over, AtMost::Over(5));
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
