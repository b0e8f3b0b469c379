//! Sets of files named by globs relative to a config file (overrides, `include`, `exclude`).

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

#[derive(Debug, Clone)]
pub struct FileSet {
    /// The patterns as written, for messages.
    pub patterns: Vec<String>,
    files: GlobSet,
    /// Patterns without a `/` also match a file's name in any folder, as in `.gitignore`.
    names: GlobSet,
}

impl FileSet {
    pub fn new(patterns: Vec<String>) -> Result<Self, String> {
        let (files, names) = compile(patterns.iter().map(|p| (p.as_str(), ())))?;
        Ok(Self {
            patterns,
            files: files.set,
            names: names.set,
        })
    }

    /// Whether `name` (a path, relative to the working directory or absolute) is in the set;
    /// `root` is the folder the patterns are relative to.
    pub fn matches(&self, name: &str, root: Option<&Path>) -> bool {
        let path = relative_to(Path::new(name), root);
        let file_name = path.file_name().map(Path::new);
        self.files.is_match(&path) || file_name.is_some_and(|n| self.names.is_match(n))
    }
}

/// Globs compiled into one set, each remembering whose it is (`owners[i]` for the set's glob
/// `i`): matching a path against thousands of patterns is one pass.
#[derive(Clone)]
pub struct OwnedGlobs<T> {
    pub set: GlobSet,
    pub owners: Vec<T>,
}

/// Compiles `(pattern, owner)` pairs into the patterns with a `/` (matched against the path
/// relative to the root) and those without (matched against the file name, as `.gitignore`).
pub fn compile<'p, T>(
    patterns: impl IntoIterator<Item = (&'p str, T)>,
) -> Result<(OwnedGlobs<T>, OwnedGlobs<T>), String> {
    let mut files = (GlobSetBuilder::new(), Vec::new());
    let mut names = (GlobSetBuilder::new(), Vec::new());
    for (pattern, owner) in patterns {
        let glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|err| format!("invalid glob {pattern:?}: {err}"))?;
        let (set, owners) = if pattern.contains('/') {
            &mut files
        } else {
            &mut names
        };
        set.add(glob);
        owners.push(owner);
    }
    let build = |(set, owners): (GlobSetBuilder, Vec<T>)| {
        Ok::<_, String>(OwnedGlobs {
            set: set.build().map_err(|err| err.to_string())?,
            owners,
        })
    };
    Ok((build(files)?, build(names)?))
}
/// `path` relative to `root` when it lies inside it; otherwise the normalized path itself.
pub fn relative_to(path: &Path, root: Option<&Path>) -> PathBuf {
    let absolute = std::path::absolute(path).map(|p| normalize(&p));
    match (root, absolute) {
        (Some(root), Ok(absolute)) => {
            let root = std::path::absolute(root)
                .map(|r| normalize(&r))
                .unwrap_or_default();
            absolute
                .strip_prefix(&root)
                .map(Path::to_path_buf)
                .unwrap_or(absolute)
        }
        _ => normalize(path),
    }
}

/// Removes `.` and resolves `..` lexically (no file system access).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
