//! Reading a payload file or standard input with a size bound: what `check` lints and `fixes`
//! rewrites read the same way, from a module of its own so neither imports the other.

use std::io::Read;
use std::path::Path;

use crate::text::escape_line;

/// Reads at most `limit` bytes: `(None, size)` when there is more, so a huge file never sits in
/// memory whole. `known` is the size when it can be known beforehand (a file; 0 for standard
/// input).
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
    if known > limit {
        // Known to be too large (a file): not even the first `limit` bytes are read.
        return Ok((None, known));
    }
    // Sized up front: through `take`, read_to_end would double its buffer past the file's size.
    let mut bytes = Vec::with_capacity(usize::try_from(known).unwrap_or(0).saturating_add(1));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(describe)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Ok((None, known.max(size)));
    }
    Ok((Some(bytes), size))
}
