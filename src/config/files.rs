//! Sets of files named by globs relative to a config file (overrides, `include`, `exclude`),
//! and where a file a config names may lie (inside the config's folder tree).

use std::path::{Component, Path, PathBuf};

use std::sync::OnceLock;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::link_containment::{Containment, resolve_inside};

#[derive(Debug, Clone)]
pub struct FileSet {
    /// The patterns as written, for messages.
    pub patterns: Vec<String>,
    /// Checked when read; compiled into sets on first use (a config of thousands of overrides
    /// matches through one index instead, and need not compile each override's own set).
    globs: Vec<Glob>,
    sets: OnceLock<Sets>,
}

#[derive(Debug, Clone)]
struct Sets {
    files: GlobSet,
    /// Patterns without a `/` also match a file's name in any folder, as in `.gitignore`.
    names: GlobSet,
}

impl FileSet {
    pub fn new(patterns: Vec<String>) -> Result<Self, String> {
        let globs = patterns
            .iter()
            .map(|pattern| {
                GlobBuilder::new(pattern)
                    .literal_separator(true)
                    .build()
                    .map_err(|err| format!("invalid glob {pattern:?}: {err}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            patterns,
            globs,
            sets: OnceLock::new(),
        })
    }

    fn sets(&self) -> &Sets {
        self.sets.get_or_init(|| {
            let mut files = GlobSetBuilder::new();
            let mut names = GlobSetBuilder::new();
            for (pattern, glob) in self.patterns.iter().zip(&self.globs) {
                if pattern.contains('/') {
                    files.add(glob.clone());
                } else {
                    names.add(glob.clone());
                }
            }
            // Each glob was parsed when read; a set of them fails only past the
            // regex size limit, and then matches nothing.
            let build = |set: GlobSetBuilder| set.build().unwrap_or_else(|_| GlobSet::empty());
            Sets {
                files: build(files),
                names: build(names),
            }
        })
    }

    /// Whether `name` (a path, relative to the working directory or absolute) is in the set;
    /// `root` is the folder the patterns are relative to.
    pub fn matches(&self, name: &str, root: Option<&Path>) -> bool {
        let path = relative_to(Path::new(name), root);
        let file_name = path.file_name().map(Path::new);
        let sets = self.sets();
        sets.files.is_match(&path) || file_name.is_some_and(|n| sets.names.is_match(n))
    }
}

/// `path` relative to `root` when it lies inside it; otherwise the normalized path itself.
pub(crate) fn relative_to(path: &Path, root: Option<&Path>) -> PathBuf {
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

/// Why a file a config names is not inside the config's folder tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outside {
    /// A `..` or an absolute path leads out, as written.
    Named,
    /// A link on the way (a folder, or the file itself) leads out, or goes nowhere.
    Link,
    /// A `..` after a folder that does not exist, or a path that cannot be looked at.
    Unresolvable(String),
}

impl std::fmt::Display for Outside {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outside::Named => f.write_str("a `..` or an absolute path leads out of it"),
            Outside::Link => f.write_str("a symbolic link on the way leads out of it"),
            Outside::Unresolvable(why) => write!(f, "it cannot be resolved inside it: {why}"),
        }
    }
}

/// Checks that `path` (a file a config names, joined to the config's folder `root`) lies inside
/// `root`'s folder tree: as written (no `..` out of it, no absolute path elsewhere) and on the
/// file system ([`resolve_inside`]: the file, or when it does not exist yet its deepest
/// existing ancestor, is resolved through every link and must still be under the resolved
/// `root`). A file the config names is read or written by whoever runs checkout-lint in a
/// repository that someone else prepared; only a path the user types may lead elsewhere.
pub(crate) fn check_inside(root: &Path, path: &Path) -> Result<(), Outside> {
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let unresolvable = |err: std::io::Error| Outside::Unresolvable(err.to_string());
    let absolute_root = std::path::absolute(root).map_err(unresolvable)?;
    let absolute_path = std::path::absolute(if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    })
    .map_err(unresolvable)?;
    if !normalize(&absolute_path).starts_with(normalize(&absolute_root)) {
        return Err(Outside::Named);
    }
    match resolve_inside(&absolute_root, &absolute_path) {
        Containment::Inside => Ok(()),
        Containment::LeadsOut => Err(Outside::Link),
        Containment::Unresolvable(why) => Err(Outside::Unresolvable(why)),
    }
}
