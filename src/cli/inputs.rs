//! Which payloads to lint: files, directories (recursively, `*.json` and source files of the
//! languages in [`crate::payload::front_end::all`], respecting `.gitignore`),
//! globs, and standard input.

use std::path::{Component, Path, PathBuf};

use globset::GlobBuilder;

use super::walk::Notes;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Input {
    Stdin,
    File(PathBuf),
}

/// How folders are walked: the folder names always skipped, and where notes on what was
/// skipped go.
pub(super) struct WalkOptions<'a> {
    pub excludes: &'a [String],
    pub notes: &'a Notes,
}

/// Expands the command-line paths into inputs, sorted by path and without duplicates
/// (standard input first), each with whether it was named (not found by a walk).
pub(super) fn collect(
    paths: &[String],
    options: &WalkOptions<'_>,
) -> Result<Vec<(Input, bool)>, String> {
    let mut inputs = Vec::new();
    let mut named = std::collections::HashSet::new();
    for arg in paths {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => walk(path, None, options, &mut inputs)?,
            Ok(_) => {
                named.insert(path.to_path_buf());
                inputs.push(Input::File(path.to_path_buf()));
            }
            Err(_) if is_glob(arg) => expand_glob(arg, options, &mut inputs)?,
            Err(err) => return Err(format!("cannot read {arg}: {err}")),
        }
    }
    let mut keyed: Vec<_> = inputs
        .into_iter()
        .map(|input| (sort_key(&input), input))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Equal keys are equal paths (`a//b` and `a/b` too, as `PathBuf` equality says).
    keyed.dedup_by(|a, b| a.0 == b.0);
    Ok(keyed
        .into_iter()
        .map(|(_, input)| {
            let is_named = match &input {
                Input::File(path) => named.contains(path),
                Input::Stdin => true,
            };
            (input, is_named)
        })
        .collect())
}

/// Path order, as `PathBuf`'s own `Ord`, but computed once per input. `Path` compares component
/// by component, and a component by its kind (root, `.`, `..`, then names) before its bytes, so
/// the key is each component's kind, bytes and a 0 (no path holds a NUL, so a shorter name sorts
/// first). Comparing `PathBuf`s re-parses their components on every comparison, which on a
/// 10,000-file run cost more than linting a tenth of them.
fn sort_key(input: &Input) -> Option<Vec<u8>> {
    let Input::File(path) = input else {
        return None;
    };
    let bytes = path.as_os_str().as_encoded_bytes();
    // A walk of `.` gives `./a/b.json`: a leading `.` is the one `.` that `Path` keeps.
    let (head, rest) = match bytes.strip_prefix(b"./") {
        Some(rest) => (Some(CURRENT), rest),
        None => match bytes.strip_prefix(b"/") {
            Some(rest) => (Some(ROOT), rest),
            None => (None, bytes),
        },
    };
    if !is_plain(rest) {
        return Some(components_key(path));
    }
    // What a directory walk produces: the `/`-separated parts are the components, so the
    // key is built without running `Path`'s parser, in one allocation (each part adds its
    // kind and a terminator, the separators' places aside).
    let parts = rest.iter().filter(|&&b| b == b'/').count() + 1;
    let mut key = Vec::with_capacity(rest.len() + parts * 2 + 2);
    if let Some(kind) = head {
        push_component(&mut key, kind, b"");
    }
    for part in rest.split(|&b| b == b'/') {
        push_component(&mut key, NAME, part);
    }
    Some(key)
}

const ROOT: u8 = 1;
const CURRENT: u8 = 2;
const NAME: u8 = 4;

fn components_key(path: &Path) -> Vec<u8> {
    let mut key = Vec::new();
    for component in path.components() {
        let (kind, bytes): (u8, &[u8]) = match component {
            Component::Prefix(prefix) => (0, prefix.as_os_str().as_encoded_bytes()),
            Component::RootDir => (ROOT, b""),
            Component::CurDir => (CURRENT, b""),
            Component::ParentDir => (3, b""),
            Component::Normal(name) => (NAME, name.as_encoded_bytes()),
        };
        push_component(&mut key, kind, bytes);
    }
    key
}

fn push_component(key: &mut Vec<u8>, kind: u8, bytes: &[u8]) {
    key.push(kind);
    key.extend_from_slice(bytes);
    key.push(0);
}

/// True when splitting a relative path at `/` gives exactly `Path::components`: no empty part
/// (`a//b`, a trailing `/`), and no `.` or `..` part.
fn is_plain(relative: &[u8]) -> bool {
    cfg!(unix)
        && !relative.is_empty()
        && relative
            .split(|&b| b == b'/')
            .all(|part| !part.is_empty() && part != b"." && part != b"..")
}

fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '[', '{'])
}

/// `payloads/**/*.json`: walks from the pattern's literal prefix and keeps what matches.
fn expand_glob(
    pattern: &str,
    options: &WalkOptions<'_>,
    inputs: &mut Vec<Input>,
) -> Result<(), String> {
    let glob = GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|err| format!("invalid glob {pattern:?}: {err}"))?
        .compile_matcher();
    let literal: Vec<&str> = pattern
        .split('/')
        .take_while(|part| !is_glob(part))
        .collect();
    let base = if literal.is_empty() {
        PathBuf::from(".")
    } else {
        PathBuf::from(literal.join("/"))
    };
    let before = inputs.len();
    walk(
        &base,
        Some(&|path: &Path| {
            let shown = path.strip_prefix("./").unwrap_or(path);
            glob.is_match(shown)
        }),
        options,
        inputs,
    )?;
    if inputs.len() == before {
        return Err(format!("no file matches {pattern:?}"));
    }
    Ok(())
}

type Filter<'f> = &'f (dyn Fn(&Path) -> bool + Sync);

/// Collects the files under `dir` that a front-end reads and that pass `filter`, as
/// [`super::walk::files`] walks them.
fn walk(
    dir: &Path,
    filter: Option<Filter<'_>>,
    options: &WalkOptions<'_>,
    inputs: &mut Vec<Input>,
) -> Result<(), String> {
    let keep = |path: &Path| {
        // JSON files, and source files of every language a front-end reads.
        let is_payload_file = path
            .to_str()
            .is_some_and(|name| crate::payload::front_end::by_extension(name).is_some());
        is_payload_file && filter.is_none_or(|keep| keep(path))
    };
    let mut found = Vec::new();
    super::walk::files(dir, options.excludes, options.notes, &keep, &mut found)?;
    inputs.extend(found.into_iter().map(Input::File));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sort_key_orders_as_path_ord_does() {
        let paths = [
            "a/x.json",
            "a-b/x.json",
            "a.json",
            "a/b/c.json",
            "ab/x.json",
            "a//y.json",
            "a/y.json",
            "./a/z.json",
            "/root/z.json",
            "../z.json",
            "b.json",
            "A/x.json",
            "a/x.json.bak",
            "é/x.json",
        ];
        let mut by_ord: Vec<Input> = paths.iter().map(|p| Input::File(p.into())).collect();
        by_ord.push(Input::Stdin);
        let mut by_key = by_ord.clone();
        by_ord.sort();
        by_key.sort_by_cached_key(sort_key);
        assert_eq!(by_key, by_ord);
        for path in paths.iter().chain(&[
            "/abs/x.json",
            "../up/x.json",
            "a/./b.json",
            "a/",
            "./a/b/c.json",
            "./x.json",
            ".//x.json",
            "./../x.json",
            "./.",
            "/./a.json",
        ]) {
            let key = sort_key(&Input::File(path.into()));
            assert_eq!(key, Some(components_key(Path::new(path))), "{path}");
        }
    }
}
