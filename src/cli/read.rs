//! Reading a payload file or standard input with a size bound: what `check` lints and `fixes`
//! rewrites read the same way, from a module of its own so neither imports the other.

use std::io::Read;
use std::path::Path;

use crate::text::escape_line;
use crate::untrusted_file::{AtMost, read_at_most};

/// Reads at most `limit` bytes ([`read_at_most`]): `(None, size)` when there is more, so a huge
/// file never sits in memory whole. `known` is the size when it can be known beforehand (a file;
/// 0 for standard input). An error names the file.
pub(super) fn read_bounded<R: Read>(
    reader: R,
    path: &Path,
    known: u64,
    limit: u64,
) -> Result<(Option<Vec<u8>>, u64), String> {
    let describe = |err: std::io::Error| {
        format!(
            "cannot read {}: {err}",
            escape_line(&path.to_string_lossy())
        )
    };
    match read_at_most(reader, known, limit).map_err(describe)? {
        AtMost::Whole(bytes) => {
            let size = bytes.len() as u64;
            Ok((Some(bytes), size))
        }
        AtMost::Over(size) => Ok((None, size)),
    }
}
