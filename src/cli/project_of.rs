//! The project stage over a run's jobs: what each source file learns from the modules it
//! imports (and they from each other), for the lint and for `--fix` alike.

use std::path::{Path, PathBuf};

use super::inputs::Input;
use super::job::Job;
use crate::project::Project;

/// The project stage over the run's source files: what each learns from the modules it
/// imports (and they from each other), read under the current folder's tree — the files a
/// walk or the named files' imports reach there.
pub(super) fn project_of(jobs: &[Job], max_file_size: u64) -> (Project, Vec<bool>) {
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
    let project = Project::build(&project_root(), &files, max_file_size);
    // Which jobs the project found to mention nothing: their lint need not read them.
    let mut quiet = vec![false; jobs.len()];
    for (file, job) in positions.into_iter().enumerate() {
        if let Some(slot) = quiet.get_mut(job) {
            *slot = project.is_quiet(file);
        }
    }
    (project, quiet)
}

/// The tree a project is read from: the repository around the current folder, else the folder.
fn project_root() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    super::repository::top(&cwd).map_or_else(|| cwd.clone(), Path::to_path_buf)
}
