//! Whether a path stays inside a folder tree once every symbolic link on its way is resolved:
//! the one check behind a file a config names, a named input reached through a link, and a
//! walked ignore file that is a link. A repository someone else prepared can plant a link to
//! `/etc/…` or to a home folder under any name, and checkout-lint reads, prints and writes what
//! it names.

use std::path::{Component, Path, PathBuf};

/// Where a path lies once its links are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Containment {
    Inside,
    /// A link on the way (a folder, or the file itself) leads out of the tree, or goes nowhere.
    LeadsOut,
    /// The tree or the path cannot be looked at, or a `..` follows a folder that does not exist.
    Unresolvable(String),
}

/// Whether `path` resolves inside `root`'s folder tree: both are resolved through every link
/// and compared. A `path` that does not exist yet (a file about to be written) is judged by its
/// deepest existing ancestor; what follows it are plain names, created inside it.
pub(crate) fn resolve_inside(root: &Path, path: &Path) -> Containment {
    let unresolvable = |err: std::io::Error| Containment::Unresolvable(err.to_string());
    let real_root = match std::fs::canonicalize(root) {
        Ok(real_root) => real_root,
        Err(err) => return unresolvable(err),
    };
    // Absolute first: a relative path's ancestors would run out at "" instead of "/".
    let existing = match std::path::absolute(path)
        .map_err(unresolvable)
        .and_then(deepest_existing)
    {
        Ok(existing) => existing,
        Err(why) => return why,
    };
    // A dangling link or a loop does not resolve: it leads nowhere inside.
    match std::fs::canonicalize(&existing) {
        Ok(real) if real.starts_with(&real_root) => Containment::Inside,
        _ => Containment::LeadsOut,
    }
}

/// `path`, or its deepest ancestor that exists (a dangling link exists too, and then fails to
/// resolve).
fn deepest_existing(mut path: PathBuf) -> Result<PathBuf, Containment> {
    loop {
        match std::fs::symlink_metadata(&path) {
            Ok(_) => return Ok(path),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                if !matches!(path.components().next_back(), Some(Component::Normal(_))) {
                    return Err(Containment::Unresolvable(
                        "a `..` follows a folder that does not exist".into(),
                    ));
                }
                path.pop();
            }
            Err(err) => return Err(Containment::Unresolvable(err.to_string())),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn files_and_links_that_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/f.json"), "{}").unwrap();
        symlink(root.join("sub/f.json"), root.join("inner-link")).unwrap();
        symlink(root.join("sub"), root.join("inner-folder")).unwrap();
        for path in [
            "sub/f.json",
            "inner-link",
            "inner-folder/f.json",
            "not/yet/written.json",
            "sub/../sub/f.json",
        ] {
            assert_eq!(
                resolve_inside(&root, &root.join(path)),
                Containment::Inside,
                "{path}"
            );
        }
    }

    #[test]
    fn links_that_lead_out_or_nowhere() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        symlink(dir.path().join("secret"), root.join("file-out")).unwrap();
        symlink(dir.path(), root.join("folder-out")).unwrap();
        symlink(root.join("missing"), root.join("dangling")).unwrap();
        for path in [
            "file-out",
            "folder-out/secret",
            "folder-out/new.json",
            "dangling",
        ] {
            assert_eq!(
                resolve_inside(&root, &root.join(path)),
                Containment::LeadsOut,
                "{path}"
            );
        }
    }

    #[test]
    fn what_cannot_be_resolved_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(
            resolve_inside(root, &root.join("missing/../f.json")),
            Containment::Unresolvable("a `..` follows a folder that does not exist".into())
        );
        assert!(matches!(
            resolve_inside(&root.join("no-such-root"), &root.join("f.json")),
            Containment::Unresolvable(_)
        ));
    }
}
