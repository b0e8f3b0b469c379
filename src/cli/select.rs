//! Which inputs are linted: the walk's rules (default excludes, the config's include and
//! exclude, payload detection), well-known project files, and named links that leave the
//! working tree.

use std::path::Path;

use crate::link_containment::{Containment, resolve_inside};
use crate::text::escape_line;

/// What to do with a file the inputs hold.
pub(super) enum Selected {
    Skip,
    Lint,
    /// A walked JSON file: linted when it looks like a checkout payload.
    IfPayload,
}

/// Whether `path` is linted. A file named on the command line is linted as given, unless it
/// is a well-known project file (`package.json`, `tsconfig.json` …). A walked one (or a named
/// one under `--force-exclude`) must also be outside the default excludes and inside the
/// config's `include`/`exclude`; a JSON file the config's `include` does not name must look
/// like a payload. The configured catalogue is never a payload.
pub(super) fn select(
    path: &Path,
    named: bool,
    force_exclude: bool,
    config: &crate::Config,
    excludes: &[String],
) -> Selected {
    // Read once: a walk selects every file it finds.
    let name = path.to_string_lossy();
    let is_json = crate::payload::front_end::of(&name).payload_is_file();
    let is_catalogue = config.catalogue_path.as_deref().is_some_and(|catalogue| {
        catalogue.file_name() == path.file_name() && same_file(catalogue, path)
    });
    if is_catalogue || (is_json && crate::payload::detect::is_project_file(path)) {
        return Selected::Skip;
    }
    if named && !force_exclude {
        return Selected::Lint;
    }
    // A walk never enters an excluded folder; a named file is checked here.
    let excluded_folder = named
        && path
            .parent()
            .into_iter()
            .flat_map(Path::components)
            .any(|c| {
                matches!(c, std::path::Component::Normal(name)
            if excludes.iter().any(|e| name.to_str() == Some(e.as_str())))
            });
    if excluded_folder || !config.includes(&name) {
        return Selected::Skip;
    }
    let included_by_name = config
        .include
        .as_ref()
        .is_some_and(|set| set.matches(&name, config.root.as_deref()));
    if is_json && !included_by_name {
        Selected::IfPayload
    } else {
        Selected::Lint
    }
}

/// Whether a document open in an editor is linted: as a walk finds a file (the config's
/// `include` and `exclude`, well-known project files and the catalogue skipped, a JSON file
/// outside `include` linted when it looks like a payload), so the language server and
/// `checkout-lint <dir>` lint the same files. No folder is walked, so no folder is skipped by
/// name.
pub(super) fn select_document(path: &Path, config: &crate::Config) -> Selected {
    select(path, false, false, config, &[])
}

/// A file named on the command line whose extension no front-end claims (`.html`, `.yaml`):
/// an error that says so, rather than a parse as JSON and an `invalid-json` on every line. A
/// name without an extension is read as JSON, as standard input is.
pub(super) fn refuse_unclaimed(path: &Path) -> Result<(), String> {
    let Some(extension) = path.extension() else {
        return Ok(());
    };
    let name = path.to_string_lossy();
    if crate::payload::front_end::by_extension(&name).is_some() {
        return Ok(());
    }
    let claimed: Vec<String> = crate::payload::front_end::claimed_extensions()
        .map(|extension| format!(".{extension}"))
        .collect();
    Err(format!(
        "{}: no front-end reads .{} files (checkout-lint reads {})",
        escape_line(&name),
        escape_line(&extension.to_string_lossy()),
        claimed.join(", ")
    ))
}

/// A named file reached through a symbolic link (the file or a folder above it) must resolve
/// inside its working tree: the git work tree around the folder it is named in, or that folder
/// outside a repository. A committed `payload.json -> /etc/…` would otherwise be read and
/// printed in a CI log's code frames. A file named without links is read wherever it is; a
/// link to something that is not a regular file is left to the reader, which refuses it.
pub(super) fn refuse_links_out_of_tree(path: &Path) -> Result<(), String> {
    let (Ok(absolute), Ok(real)) = (std::path::absolute(path), std::fs::canonicalize(path)) else {
        return Ok(()); // Missing or unreadable: the read reports it.
    };
    let normal = crate::config::files::relative_to(&absolute, None);
    if normal == real || !std::fs::metadata(&real).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    // Found from the deepest folder of the path as written that no link leads to: a folder
    // link on the way (to a home folder that is a repository of its own) must not choose it.
    let folder = normal.parent().unwrap_or(Path::new("/"));
    let is_link = |dir: &Path| {
        dir.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    };
    let unlinked = folder
        .ancestors()
        .find(|dir| !dir.ancestors().any(is_link))
        .unwrap_or(Path::new("/"));
    let anchor = super::repository::top(unlinked).unwrap_or(unlinked);
    let tree = std::fs::canonicalize(anchor).unwrap_or_else(|_| anchor.to_path_buf());
    if resolve_inside(&tree, path) == Containment::Inside {
        return Ok(());
    }
    Err(format!(
        "{} is a link to a file outside the working tree ({}); not read (name the file itself)",
        escape_line(&path.display().to_string()),
        escape_line(&tree.display().to_string())
    ))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
