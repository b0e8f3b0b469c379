//! `--fix` and `--diff`: apply the diagnostics' fixes to files, or show them as a diff.
//!
//! Files are written only when a fix changed them, atomically (a temporary file in the same
//! folder, fsync, rename) and with their permissions kept. A read-only file, or one that changed
//! on disk while it was being fixed, is reported and left alone.

use std::fs;
use std::path::Path;

use crate::fix::fix_text;

use super::args::CheckArgs;
use super::check::Job;
use super::inputs::Input;

#[derive(Default)]
pub struct Outcome {
    /// Unified diffs of every changed file (for `--diff`).
    pub diff: String,
}

pub fn run(jobs: &[Job], args: &CheckArgs) -> Result<Outcome, String> {
    let mut outcome = Outcome::default();
    let mut problems = Vec::new();
    for job in jobs {
        let Input::File(path) = &job.input else {
            return Err("--fix and --diff work on files, not standard input".into());
        };
        let original =
            fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
        if original.len() as u64 > args.max_file_size {
            continue;
        }
        let Ok(text) = std::str::from_utf8(&original) else {
            continue; // invalid-json reports it; there is nothing to fix.
        };
        let fixed = fix_text(&job.linter, &job.name, text, args.unsafe_fixes);
        if fixed.text == text {
            continue;
        }
        if args.diff {
            let name = job.name.as_str();
            outcome.diff.push_str(
                &similar::TextDiff::from_lines(text, fixed.text.as_str())
                    .unified_diff()
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string(),
            );
        } else if let Err(problem) = write_atomically(path, &original, fixed.text.as_bytes()) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok(outcome)
    } else {
        Err(problems.join("\n"))
    }
}

/// Replaces `path` with `content` unless the file is read-only or no longer holds `expected`.
fn write_atomically(path: &Path, expected: &[u8], content: &[u8]) -> Result<(), String> {
    let metadata =
        fs::metadata(path).map_err(|err| format!("cannot read {}: {err}", path.display()))?;
    if metadata.permissions().readonly() {
        return Err(format!("{} is read-only; not fixed", path.display()));
    }
    super::atomic::write(path, content, Some(metadata.permissions()), || {
        // Last check before the swap: someone may have edited the file meanwhile.
        match fs::read(path) {
            Ok(now) if now == expected => Ok(()),
            Ok(_) => Err(format!(
                "{} changed on disk while it was being fixed; not overwritten",
                path.display()
            )),
            Err(err) => Err(format!("cannot read {}: {err}", path.display())),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        fs::write(&path, "edited by someone else").unwrap();
        let err = write_atomically(&path, b"what we read", b"fixed").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited by someone else");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_read_only_file_is_reported_not_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        fs::write(&path, "old").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        let err = write_atomically(&path, b"old", b"new").unwrap_err();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_survive_the_swap() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}
