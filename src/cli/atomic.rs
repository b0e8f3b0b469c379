//! Writing a file so that nobody ever sees it half written: a temporary file in the same folder,
//! fsync, then a rename over the target.

use std::fs::{self, File, Permissions};
use std::io::Write;
use std::path::Path;

/// Replaces (or creates) `path` with `content`. `permissions` are given to the new file;
/// `before_rename` gets a last word (e.g. "the file changed meanwhile") and can cancel.
pub fn write(
    path: &Path,
    content: &[u8],
    permissions: Option<Permissions>,
    before_rename: impl FnOnce() -> Result<(), String>,
) -> Result<(), String> {
    let describe = |err: std::io::Error| format!("cannot write {}: {err}", path.display());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{file_name}.checkout-lint.tmp"));
    let result = (|| {
        let mut file = File::create(&temporary).map_err(describe)?;
        file.write_all(content).map_err(describe)?;
        file.sync_all().map_err(describe)?;
        if let Some(permissions) = permissions {
            fs::set_permissions(&temporary, permissions).map_err(describe)?;
        }
        before_rename()?;
        fs::rename(&temporary, path).map_err(describe)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}
