//! Import specifiers to files, as oxc's linter resolves them (`oxc_resolver`): relative paths,
//! index files, tsconfig `paths` (`@/lib/dodo`), `package.json` `exports` and `imports`, TS's
//! `.js`-for-`.ts` imports. Only files inside the project's tree count; what resolves into
//! `node_modules` or outside is another package's, not followed.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use oxc_resolver::{ResolveError, ResolveOptions, ResolverGeneric, TsconfigDiscovery};

use super::contained_fs::ContainedFs;

pub(super) struct Resolver {
    root: PathBuf,
    with_tsconfig: ResolverGeneric<ContainedFs>,
    /// For a folder whose tsconfig does not load: relative imports still resolve.
    without_tsconfig: ResolverGeneric<ContainedFs>,
    /// Config files already reported as unreadable (each is reported once).
    reported: Mutex<BTreeSet<String>>,
    /// What each candidate of [`Resolver::first_in_tree`] turned out to be: modules of one
    /// package import the same names (`app.db`, `logging`), and most candidates are not files.
    candidates: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

/// Folders whose files are other packages', never the project's modules.
const OUTSIDE: &[&str] = &[
    "node_modules",
    "site-packages",
    "dist-packages",
    "__pypackages__",
    ".venv",
    "venv",
];

/// Candidates remembered; past it each is looked up again.
const MAX_CANDIDATES: usize = 1 << 16;

fn options(extensions: &[&str], tsconfig: bool) -> ResolveOptions {
    let dotted = |ext: &&str| format!(".{ext}");
    ResolveOptions {
        tsconfig: tsconfig.then_some(TsconfigDiscovery::Auto),
        extensions: extensions.iter().map(dotted).collect(),
        // TypeScript's ESM style imports `./x.js` for `./x.ts`.
        extension_alias: vec![
            (
                ".js".into(),
                vec![".ts".into(), ".tsx".into(), ".js".into(), ".jsx".into()],
            ),
            (".mjs".into(), vec![".mts".into(), ".mjs".into()]),
            (".cjs".into(), vec![".cts".into(), ".cjs".into()]),
        ],
        condition_names: ["node", "import", "require", "default"]
            .map(String::from)
            .to_vec(),
        main_fields: vec!["module".into(), "main".into()],
        // The environment is not the project's: NODE_PATH is not read.
        node_path: false,
        ..ResolveOptions::default()
    }
}

impl Resolver {
    /// A resolver for files under `root` (canonical) with these extensions (no dot).
    pub(super) fn new(root: &Path, extensions: &[&str]) -> Self {
        let fs = || ContainedFs::inside(root.to_path_buf());
        Self {
            root: root.to_path_buf(),
            with_tsconfig: ResolverGeneric::new_with_file_system(fs(), options(extensions, true)),
            without_tsconfig: ResolverGeneric::new_with_file_system(
                fs(),
                options(extensions, false),
            ),
            reported: Mutex::new(BTreeSet::new()),
            candidates: Mutex::new(HashMap::default()),
        }
    }

    /// The project's root (canonical).
    pub(super) fn root(&self) -> &Path {
        &self.root
    }

    /// The first of `candidates` that is a file in the project's tree (not in a virtualenv or
    /// `site-packages`), canonical.
    pub(super) fn first_in_tree(&self, candidates: &[PathBuf]) -> Option<PathBuf> {
        candidates.iter().find_map(|candidate| {
            if let Ok(known) = self.candidates.lock()
                && let Some(known) = known.get(candidate)
            {
                return known.clone();
            }
            let found = self.in_tree(candidate);
            if let Ok(mut known) = self.candidates.lock()
                && known.len() < MAX_CANDIDATES
            {
                known.insert(candidate.clone(), found.clone());
            }
            found
        })
    }

    /// The canonical path of `candidate` when it is a file of the tree, outside every folder
    /// of [`OUTSIDE`] and every virtualenv.
    fn in_tree(&self, candidate: &Path) -> Option<PathBuf> {
        // Most candidates do not exist: one stat says so, where resolving the links of every
        // folder on the way would take one call per folder.
        if !candidate.is_file() {
            return None;
        }
        let real = std::fs::canonicalize(candidate).ok()?;
        let in_tree = real.starts_with(&self.root)
            && !real.components().any(|part| {
                OUTSIDE
                    .iter()
                    .any(|o| part == Component::Normal(o.as_ref()))
            })
            && !self.in_virtualenv(&real);
        (in_tree && real.is_file()).then_some(real)
    }

    /// True when a folder between the root and `path` is a virtualenv, whatever its name (it
    /// holds a `pyvenv.cfg`), as the walk skips it.
    fn in_virtualenv(&self, path: &Path) -> bool {
        path.ancestors()
            .skip(1)
            .take_while(|dir| dir.starts_with(&self.root) && *dir != self.root)
            .take(64)
            .any(|dir| dir.join("pyvenv.cfg").is_file())
    }

    /// The project file `specifier` names from `file`; `None` when it is not one (a package,
    /// a built-in, a file outside the tree, nothing).
    pub(super) fn resolve(&self, file: &Path, specifier: &str) -> Option<PathBuf> {
        if specifier.is_empty() || specifier.len() > 4096 || specifier.starts_with("node:") {
            return None;
        }
        let resolved = match self.with_tsconfig.resolve_file(file, specifier) {
            Ok(resolution) => resolution.into_path_buf(),
            Err(err) if is_config_error(&err) => {
                self.report_once(&err);
                self.without_tsconfig
                    .resolve_file(file, specifier)
                    .ok()?
                    .into_path_buf()
            }
            Err(_) => return None,
        };
        let in_tree = resolved.starts_with(&self.root)
            && !resolved
                .components()
                .any(|part| part == Component::Normal("node_modules".as_ref()));
        in_tree.then_some(resolved)
    }

    fn report_once(&self, err: &ResolveError) {
        let message = crate::text::escape_line(&describe(err)).into_owned();
        let Ok(mut reported) = self.reported.lock() else {
            return;
        };
        if reported.len() < 16 && reported.insert(message.clone()) {
            eprintln!("checkout-lint: note: {message}; its path aliases are not followed");
        }
    }
}

/// What is wrong with a config file, named as the user would (relative to the current folder).
fn describe(err: &ResolveError) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = |path: &Path| {
        path.strip_prefix(&cwd)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    match err {
        ResolveError::TsconfigLoadFailed { path, source } => match source.as_ref() {
            ResolveError::Json(json) => {
                format!("{} is not valid JSON ({})", shown(path), json.message)
            }
            other => format!("{} does not load ({other})", shown(path)),
        },
        ResolveError::Json(json) => {
            format!("{} is not valid JSON ({})", shown(&json.path), json.message)
        }
        ResolveError::TsconfigCircularExtend(_) => "a tsconfig.json extends itself".to_string(),
        ResolveError::TsconfigSelfReference(path) => {
            format!("{} references itself", shown(path))
        }
        ResolveError::TsconfigNotFound(path) => {
            format!("{} extends a tsconfig that is not in the tree", shown(path))
        }
        other => other.to_string(),
    }
}

/// A tsconfig that does not load (malformed, circular, missing `extends`).
fn is_config_error(err: &ResolveError) -> bool {
    matches!(
        err,
        ResolveError::TsconfigLoadFailed { .. }
            | ResolveError::TsconfigCircularExtend(_)
            | ResolveError::TsconfigSelfReference(_)
            | ResolveError::TsconfigNotFound(_)
            | ResolveError::Json(_)
    )
}
