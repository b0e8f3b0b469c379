//! The project stage over a run's jobs: what each source file learns from the modules it
//! imports (and they from each other), for the lint and for `--fix` alike.

use std::path::{Path, PathBuf};

use super::inputs::Input;
use super::job::Job;
use crate::project::Project;

/// The project stage over the run's source files: what each learns from the modules it
/// imports (and they from each other). Each file is read under the root that holds it, of
/// those the run's command-line `paths` give ([`project_roots`]): the files a walk or the named
/// files' imports reach there.
pub(super) fn project_of(
    jobs: &[Job],
    paths: &[String],
    max_file_size: u64,
) -> (Project, Vec<bool>) {
    let (positions, files): (Vec<usize>, Vec<PathBuf>) = jobs
        .iter()
        .enumerate()
        .filter_map(|(at, job)| match &job.input {
            Input::File(path) if !job.detect => Some((at, path.clone())),
            _ => None,
        })
        .unzip();
    if files.is_empty() {
        return (Project::default(), vec![false; jobs.len()]);
    }
    // Looked for only now: a run of JSON files alone (a pre-commit hook's) needs no root.
    // The roots hold none of each other, so each file is read once, under its own.
    let mut project = Project::default();
    for root in project_roots(paths) {
        project.absorb(Project::build(&root, &files, max_file_size));
    }
    // Which jobs the project found to mention nothing: their lint need not read them.
    let mut quiet = vec![false; jobs.len()];
    for (file, job) in positions.into_iter().enumerate() {
        if let Some(slot) = quiet.get_mut(job) {
            *slot = project.is_quiet(file);
        }
    }
    (project, quiet)
}

/// The trees the project stage reads: the repository around the current folder (else the
/// folder), and for each path the run names outside it, the repository around that path (else
/// the folder it names or holds). `checkout-lint ../app` from a sibling repository reads
/// `../app`'s repository, and nothing else of the disk. None holds another.
fn project_roots(paths: &[String]) -> Vec<PathBuf> {
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .unwrap_or_else(|_| PathBuf::from("."));
    let mut roots = vec![tree_around(&cwd)];
    for path in paths.iter().filter(|path| path.as_str() != "-") {
        let Ok(canonical) = std::fs::canonicalize(path) else {
            // A glob, or a path that fails later with its own message.
            continue;
        };
        let folder = if canonical.is_dir() {
            canonical.as_path()
        } else {
            canonical.parent().unwrap_or(&canonical)
        };
        if roots.iter().any(|root| folder.starts_with(root)) {
            continue;
        }
        let root = tree_around(folder);
        roots.retain(|held| !held.starts_with(&root));
        roots.push(root);
    }
    roots
}

/// The repository around `folder` (absolute), else the folder.
fn tree_around(folder: &Path) -> PathBuf {
    super::repository::top(folder).map_or_else(|| folder.to_path_buf(), Path::to_path_buf)
}
