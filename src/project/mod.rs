//! The project stage: the module graph of the source files being linted, and what each file's
//! imported names are across it — a client from a factory in `lib/`, a wrapper that sends its
//! parameter, a helper whose returned literal another file sends to Dodo. Front-ends export
//! each file's [`ModuleFacts`]; this stage links them and hands each file its [`Neighbours`].
//!
//! Bounded like every stage: at most [`MAX_MODULES`] modules, each read up to the run's file
//! size limit, only inside the project's tree; resolution reads bounded config files
//! (`contained_fs`); linking is memoised and capped (`link`).

mod contained_fs;
mod link;
mod resolve;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::payload::exports::ModuleFacts;
use crate::payload::front_end::{self, FrontEnd};
use crate::payload::neighbours::{HelperShape, Kind, Neighbours};
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
    /// Files read that mention nothing any stage looks for (most of a repository): their lint
    /// would find nothing, so it need not read them again.
    quiet: HashSet<PathBuf>,
    /// The canonical path of each file as the run named it (no second lookup per file).
    given: HashMap<PathBuf, PathBuf>,
}

/// What reading one module gave.
enum Outcome {
    Read(Read),
    /// It mentions nothing the front-end looks for.
    Quiet,
    /// Not read, or nothing to say (too deep, too large, a parser failure, no needles).
    Nothing,
}

impl Project {
    /// The project of `files` (and the modules they import, transitively) under `root`.
    pub(crate) fn build(root: &Path, files: &[PathBuf], max_file_size: u64) -> Self {
        Self::build_with(root, files, max_file_size, &HashMap::new())
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
        // `None`: read, and nothing to say; files that did not match the needles are absent,
        // so that an import can still bring them in.
        let mut index: HashMap<PathBuf, Option<usize>> = HashMap::new();
        let mut unmatched: HashSet<PathBuf> = HashSet::new();
        let mut quiet: HashSet<PathBuf> = HashSet::new();
        let mut imported = false;
        let given: HashMap<PathBuf, PathBuf> = files
            .iter()
            .filter(|path| linked(path).is_some())
            .filter_map(|path| Some((path.clone(), std::fs::canonicalize(path).ok()?)))
            .filter(|(_, canonical)| canonical.starts_with(&root))
            .collect();
        let mut queue: Vec<PathBuf> = given.values().cloned().collect();
        queue.sort();
        queue.dedup();
        for _ in 0..MAX_ROUNDS {
            queue.retain(|path| !index.contains_key(path));
            queue.sort();
            queue.dedup();
            queue.truncate(MAX_MODULES.saturating_sub(index.len()));
            if queue.is_empty() {
                break;
            }
            let read = read_in_parallel(&queue, max_file_size, &resolver, imported, texts);
            let mut next = Vec::new();
            for (path, found) in std::mem::take(&mut queue).into_iter().zip(read) {
                let (facts, targets) = match found {
                    Outcome::Read(read) => {
                        quiet.remove(&path);
                        read
                    }
                    outcome => {
                        if !imported && matches!(outcome, Outcome::Quiet) {
                            quiet.insert(path.clone());
                        }
                        if imported || !unmatched.insert(path.clone()) {
                            index.insert(path, None);
                        }
                        continue;
                    }
                };
                next.extend(targets.values().cloned());
                index.insert(path.clone(), Some(modules.len()));
                modules.push(Module {
                    path,
                    facts,
                    resolved: targets,
                    targets: HashMap::new(),
                });
            }
            queue = next;
            // From the second round on, modules are read because one that matters imports
            // them.
            imported = true;
        }
        for module in &mut modules {
            module.targets = std::mem::take(&mut module.resolved)
                .into_iter()
                .filter_map(|(specifier, path)| Some((specifier, (*index.get(&path)?)?)))
                .collect();
        }
        Self {
            neighbours: neighbours_of(&modules),
            quiet,
            given,
        }
    }

    /// True for a file the project read and found to mention nothing any stage looks for.
    pub(crate) fn is_quiet(&self, path: &Path) -> bool {
        !self.quiet.is_empty()
            && self
                .canonical(path)
                .is_some_and(|c| self.quiet.contains(&c))
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
        read_module(path, max_file_size, resolver, imported, open)
    })
    .into_iter()
    .map(|outcome| outcome.unwrap_or(Outcome::Nothing))
    .collect()
}

fn read_module(
    path: &Path,
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
        None => match crate::untrusted_file::read(path, max_file_size) {
            Ok(read) => {
                bytes = read;
                String::from_utf8_lossy(&bytes)
            }
            Err(_) => return Outcome::Nothing,
        },
    };
    if !front_end.mentions_anything(&text) && !imported {
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
    let mut targets = HashMap::new();
    for specifier in specifiers {
        if targets.contains_key(specifier) {
            continue;
        }
        if let Some(target) = resolver.resolve(path, specifier) {
            targets.insert(specifier.clone(), target);
        }
    }
    Outcome::Read((facts, targets))
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
    Some(HelperShape {
        file: shown(&module.path),
        name,
        params,
    })
}

/// A path as the run names files: relative to the current folder when inside it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok());
    match cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()) {
        Some(relative) => relative.display().to_string(),
        None => path.display().to_string(),
    }
}

/// Each module's neighbours: the kinds of the names it imports, and its helpers that other
/// modules send.
fn neighbours_of(modules: &[Module]) -> HashMap<PathBuf, Neighbours> {
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
            if !matches!(linker.kind(defined_in, &name), Some(Kind::Helper { .. })) {
                continue;
            }
            let certain = send.certain
                || send.receiver.as_ref().is_some_and(|receiver| {
                    matches!(
                        linker.kind(at, receiver),
                        Some(Kind::Client | Kind::Factory)
                    )
                });
            let sent = all[defined_in].sent.entry(name).or_insert(false);
            *sent |= certain;
        }
    }
    modules
        .iter()
        .zip(all)
        .filter(|(_, neighbours)| !neighbours.is_empty())
        .map(|(module, neighbours)| (module.path.clone(), neighbours))
        .collect()
}
