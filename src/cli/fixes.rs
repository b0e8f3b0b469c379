//! `--fix` and `--diff`: apply the diagnostics' fixes to files, or show them as a diff.
//!
//! Files are written only when a fix changed them, through [`atomic::replace`]: atomically, with
//! mode, owner and group kept. A symbolic link, a hard-linked file, a file this user may not
//! write, and one that changed on disk while it was being fixed are reported and left alone.

use crate::fix::fix_text_with;
use crate::project::Project;

use super::args::CheckArgs;
use super::atomic;
use super::inputs::Input;
use super::job::Job;

#[derive(Default)]
pub(super) struct Outcome {
    /// Unified diffs of every changed file (for `--diff`).
    pub diff: String,
}

pub(super) fn run(jobs: &[Job], args: &CheckArgs, project: &Project) -> Result<Outcome, String> {
    let mut outcome = Outcome::default();
    let mut problems = Vec::new();
    for job in jobs {
        let Input::File(path) = &job.input else {
            return Err("--fix and --diff work on files, not standard input".into());
        };
        // `--diff` writes nothing, so it reads through links; `--fix` refuses what it may not
        // replace before reading.
        let opened = if args.diff {
            atomic::open_to_read(path)
        } else {
            atomic::open_for_fix(path)
        };
        let (file, metadata) = match opened {
            Ok(opened) => opened,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let (Some(original), _) =
            super::read::read_bounded(file, path, metadata.len(), args.max_file_size)?
        else {
            continue; // file-too-large reports it; it is not read, so not fixed.
        };
        let Ok(text) = std::str::from_utf8(&original) else {
            continue; // invalid-json reports it; there is nothing to fix.
        };
        if job.detect && !crate::payload::detect::looks_like_payload(text) {
            continue; // Not a checkout payload: never linted, never touched.
        }
        let neighbours = project.neighbours(path);
        let fixed = fix_text_with(&job.linter, &job.name, text, args.unsafe_fixes, neighbours);
        if fixed.text == text {
            continue;
        }
        if args.diff {
            outcome
                .diff
                .push_str(&super::diff::unified(&job.name, text, &fixed.text));
        } else {
            let expected = atomic::Expected {
                metadata: &metadata,
                content: Some(&original),
            };
            if let Err(problem) = atomic::replace(path, fixed.text.as_bytes(), &expected) {
                problems.push(problem);
            }
        }
    }
    if problems.is_empty() {
        Ok(outcome)
    } else {
        Err(problems.join("\n"))
    }
}
