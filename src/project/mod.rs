//! The project stage: the module graph of the source files being linted, and what each file's
//! imported names are across it — a client from a factory in `lib/`, a wrapper that sends its
//! parameter, a helper whose returned literal another file sends to Dodo. Front-ends export
//! each file's [`ModuleFacts`]; this stage links them and hands each file its [`Neighbours`].
//!
//! Bounded like every stage: at most [`MAX_MODULES`] modules, each read up to the run's file
//! size limit, only inside the project's tree; resolution reads bounded config files
//! (`contained_fs`); linking is memoised and capped (`link`).

mod adapters;
mod canonical;
mod contained_fs;
mod link;
mod next_config;
mod nuxt_config;
mod resolve;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};

use crate::payload::exports::ModuleFacts;
use crate::payload::front_end::{self, FrontEnd};
use crate::payload::neighbours::{HelperShape, Kind, Neighbours};
pub(crate) use adapters::shares_app_wide;
use link::Linker;
use resolve::Resolver;

/// The most modules read into one project.
pub(crate) const MAX_MODULES: usize = 50_000;
/// The most rounds of following imports out of the named files (a chain of imports longer
/// than this is not followed to its end).
const MAX_ROUNDS: usize = 64;

/// One module: what it says, and the modules its specifiers resolve to (by index).
pub(super) struct Module {
    path: PathBuf,
    pub(super) facts: ModuleFacts,
    /// Each specifier's file, until every module has its index.
    resolved: HashMap<String, PathBuf>,
    pub(super) targets: HashMap<String, usize>,
}

/// What every file of the project learns from the others.
#[derive(Default)]
pub(crate) struct Project {
    /// By canonical path; files that learn nothing are absent.
    neighbours: HashMap<PathBuf, Neighbours>,
    /// By the position of the files it was built from: read, and mentioning nothing any stage
    /// looks for (most of a repository). Their lint would find nothing: not read again.
    quiet: Vec<bool>,
    /// The canonical path of each file that matters, as the run named it.
    given: HashMap<PathBuf, PathBuf>,
}

/// What reading one module gave.
enum Outcome {
    /// Boxed: most outcomes of a tree are the small ones.
    Read(Box<Read>),
    /// It mentions nothing the front-end looks for.
    Quiet,
    /// Not read, or nothing to say (too deep, too large, a parser failure, no needles).
    Nothing,
}

impl Project {
    /// The project of `files` (and the modules they import, transitively) under `root`.
    pub(crate) fn build(root: &Path, files: &[PathBuf], max_file_size: u64) -> Self {
        Self::build_with(root, files, max_file_size, &HashMap::default())
    }

    /// [`Project::build`] where some files' texts are not what is on disk (an editor's open
    /// documents, by canonical path).
    pub(crate) fn build_with(
        root: &Path,
        files: &[PathBuf],
        max_file_size: u64,
        texts: &HashMap<PathBuf, String>,
    ) -> Self {
        let Ok(root) = std::fs::canonicalize(root) else {
            return Self::default();
        };
        let linking: Vec<&'static dyn FrontEnd> = front_end::all()
            .iter()
            .copied()
            .filter(|front_end| front_end.resolves_imports())
            .collect();
        let extensions: Vec<&str> = linking
            .iter()
            .flat_map(|front_end| front_end.extensions().iter().copied())
            .collect();
        let resolver = Resolver::new(&root, &extensions);
        let mut modules: Vec<Module> = Vec::new();
        // Modules by canonical path; `None`: read, and nothing to say.
        let mut index: HashMap<PathBuf, Option<usize>> = HashMap::default();
        let cwd = std::env::current_dir().and_then(std::fs::canonicalize).ok();
        let mut canonical = canonical::Canonical::new(cwd.as_deref());
        // The first round reads the files themselves, by position: most of a tree is quiet,
        // and its paths are never hashed, sorted or kept.
        let first: Vec<(usize, PathBuf)> = files
            .iter()
            .enumerate()
            .filter(|(_, path)| linked(path).is_some())
            .filter_map(|(at, path)| Some((at, canonical.of_under(path, &root)?)))
            .take(MAX_MODULES)
            .collect();
        let read = crate::parallel::map(&first, |(at, path)| {
            // Opened by the name the run has (relative: a shorter walk for the kernel than
            // the canonical path); imports resolve from the canonical one.
            let named = files.get(*at).map_or(path.as_path(), PathBuf::as_path);
            let open = texts.get(path).map(String::as_str);
            read_module(path, named, max_file_size, &resolver, false, open)
        });
        let mut quiet = vec![false; files.len()];
        let mut given = HashMap::default();
        let mut queue = Vec::new();
        for ((at, path), outcome) in first.into_iter().zip(read) {
            match outcome {
                Some(Outcome::Read(read)) => {
                    if let Some(named) = files.get(at) {
                        given.insert(named.clone(), path.clone());
                    }
                    add(&mut modules, &mut index, &mut queue, path, *read);
                }
                // Not in the index: a module that matters may still import it.
                Some(Outcome::Quiet) => quiet[at] = true,
                _ => {}
            }
        }
        // Then what those import, read whatever they mention; a quiet file among them is not
        // quiet after all.
        let mut was_quiet: Option<HashMap<PathBuf, usize>> = None;
        for _ in 0..MAX_ROUNDS {
            queue.retain(|path| !index.contains_key(path));
            queue.sort();
            queue.dedup();
            queue.truncate(MAX_MODULES.saturating_sub(index.len()));
            if queue.is_empty() {
                break;
            }
            let read = read_in_parallel(&queue, max_file_size, &resolver, true, texts);
            let mut next = Vec::new();
            for (path, found) in std::mem::take(&mut queue).into_iter().zip(read) {
                let Outcome::Read(read) = found else {
                    index.insert(path, None);
                    continue;
                };
                let positions = was_quiet.get_or_insert_with(|| {
                    files
                        .iter()
                        .enumerate()
                        .filter(|(at, _)| quiet.get(*at).copied().unwrap_or(false))
                        .filter_map(|(at, named)| Some((canonical.of(named)?, at)))
                        .collect()
                });
                if let Some(&at) = positions.get(&path) {
                    quiet[at] = false;
                    if let Some(named) = files.get(at) {
                        given.insert(named.clone(), path.clone());
                    }
                }
                add(&mut modules, &mut index, &mut next, path, *read);
            }
            queue = next;
        }
        for module in &mut modules {
            module.targets = std::mem::take(&mut module.resolved)
                .into_iter()
                .filter_map(|(specifier, path)| Some((specifier, (*index.get(&path)?)?)))
                .collect();
        }
        Self {
            neighbours: neighbours_of(&modules, &root),
            quiet,
            given,
        }
    }

    /// Takes in the project of another tree, built from the same files: a file is quiet when
    /// either found it so (each reads only the files under its own root).
    pub(crate) fn absorb(&mut self, other: Project) {
        if self.quiet.len() < other.quiet.len() {
            self.quiet.resize(other.quiet.len(), false);
        }
        for (mine, theirs) in self.quiet.iter_mut().zip(other.quiet) {
            *mine |= theirs;
        }
        self.neighbours.extend(other.neighbours);
        self.given.extend(other.given);
    }

    /// True for the file at position `at` of those the project was built from, when it was
    /// read and found to mention nothing any stage looks for.
    pub(crate) fn is_quiet(&self, at: usize) -> bool {
        self.quiet.get(at).copied().unwrap_or(false)
    }

    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        match self.given.get(path) {
            Some(canonical) => Some(canonical.clone()),
            None => std::fs::canonicalize(path).ok(),
        }
    }

    /// What the file at `path` learns from the others, when it learns anything.
    pub(crate) fn neighbours(&self, path: &Path) -> Option<&Neighbours> {
        if self.neighbours.is_empty() {
            return None;
        }
        self.neighbours.get(&self.canonical(path)?)
    }
}

/// A module's facts and the files its specifiers resolve to.
type Read = (ModuleFacts, HashMap<String, PathBuf>);

/// Adds a module read at `path`; the files it imports go to `next`, to be read in turn.
fn add(
    modules: &mut Vec<Module>,
    index: &mut HashMap<PathBuf, Option<usize>>,
    next: &mut Vec<PathBuf>,
    path: PathBuf,
    (facts, targets): Read,
) {
    next.extend(targets.values().cloned());
    index.insert(path.clone(), Some(modules.len()));
    modules.push(Module {
        path,
        facts,
        resolved: targets,
        targets: HashMap::default(),
    });
}

/// The front-end of a file whose language links modules.
fn linked(path: &Path) -> Option<&'static dyn FrontEnd> {
    let name = path.file_name()?.to_str()?;
    front_end::by_extension(name).filter(|front_end| front_end.resolves_imports())
}

/// Each module's facts and the files its specifiers resolve to, read on all cores.
fn read_in_parallel(
    paths: &[PathBuf],
    max_file_size: u64,
    resolver: &Resolver,
    imported: bool,
    texts: &HashMap<PathBuf, String>,
) -> Vec<Outcome> {
    crate::parallel::map(paths, |path| {
        let open = texts.get(path).map(String::as_str);
        read_module(path, path, max_file_size, resolver, imported, open)
    })
    .into_iter()
    .map(|outcome| outcome.unwrap_or(Outcome::Nothing))
    .collect()
}

/// Reads the module at `path` (canonical) from `named` (the same file, as the run names it).
fn read_module(
    path: &Path,
    named: &Path,
    max_file_size: u64,
    resolver: &Resolver,
    imported: bool,
    open: Option<&str>,
) -> Outcome {
    let Some(front_end) = linked(path) else {
        return Outcome::Nothing;
    };
    let bytes;
    let text = match open {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => match crate::untrusted_file::read(named, max_file_size) {
            Ok(read) => {
                bytes = read;
                // Decoded only when it matters: most files of a repository do not.
                if !imported && !front_end.mentions_anything(&bytes) {
                    return Outcome::Quiet;
                }
                String::from_utf8_lossy(&bytes)
            }
            Err(_) => return Outcome::Nothing,
        },
    };
    if !imported && !front_end.mentions_anything(text.as_bytes()) {
        return Outcome::Quiet;
    }
    let name = path.to_string_lossy();
    let Some(facts) = front_end.module_facts(&name, &text, imported) else {
        return Outcome::Nothing;
    };
    let specifiers = facts
        .imports
        .iter()
        .map(|import| &import.specifier)
        .chain(facts.re_exports.iter().map(|re| &re.specifier));
    let mut targets = HashMap::default();
    for specifier in specifiers {
        if targets.contains_key(specifier) {
            continue;
        }
        let target = match front_end.module_paths(path, specifier, resolver.root()) {
            Some(candidates) => resolver.first_in_tree(&candidates),
            None => resolver.resolve(path, specifier),
        };
        if let Some(target) = target {
            targets.insert(specifier.clone(), target);
        }
    }
    Outcome::Read(Box::new((facts, targets)))
}

/// Where the helper that `local` of module `at` names places its parameters.
fn helper_shape(
    linker: &mut Linker<'_>,
    modules: &[Module],
    at: usize,
    local: &str,
) -> Option<HelperShape> {
    let (defined_in, name) = linker.definition(at, local)?;
    let module = modules.get(defined_in)?;
    let params = module.facts.shapes.get(&name)?.clone();
    let names = module
        .facts
        .param_names
        .get(&name)
        .cloned()
        .unwrap_or_default();
    Some(HelperShape {
        file: shown(&module.path),
        name,
        params,
        names,
    })
}

/// A path as the run names files: relative to the current folder when inside it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok());
    match cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()) {
        Some(relative) => crate::text::path_string(relative),
        None => crate::text::path_string(path),
    }
}

/// Each module's neighbours: the kinds of the names it imports, and its helpers that other
/// modules send.
fn neighbours_of(modules: &[Module], root: &Path) -> HashMap<PathBuf, Neighbours> {
    let mut linker = Linker::new(modules);
    let mut all: Vec<Neighbours> = vec![Neighbours::default(); modules.len()];
    for (at, module) in modules.iter().enumerate() {
        for import in &module.facts.imports {
            if let Some(kind) = linker.kind(at, &import.local) {
                all[at].imported.insert(import.local.clone(), kind);
            }
            if let Some(shape) = helper_shape(&mut linker, modules, at, &import.local) {
                all[at].helpers.insert(import.local.clone(), shape);
            }
        }
    }
    for (at, module) in modules.iter().enumerate() {
        for send in &module.facts.sends {
            let Some((defined_in, name)) = linker.definition(at, &send.helper) else {
                continue;
            };
            if !matches!(
                linker.kind(defined_in, &name),
                Some(Kind::Helper { .. } | Kind::Object)
            ) {
                continue;
            }
            let certain = send.certain
                || send.receiver.as_ref().is_some_and(|receiver| {
                    matches!(
                        linker.kind(at, receiver),
                        Some(Kind::Client | Kind::Factory | Kind::DodoUrl)
                    )
                });
            let sent = all[defined_in].sent.entry(name).or_default();
            sent.certain |= certain;
            sent.whole |= !send.partial;
            sent.entries |= send.entries;
        }
    }
    adapters::share(modules, root, &mut all);
    modules
        .iter()
        .zip(all)
        .filter(|(_, neighbours)| !neighbours.is_empty())
        .map(|(module, neighbours)| (module.path.clone(), neighbours))
        .collect()
}
