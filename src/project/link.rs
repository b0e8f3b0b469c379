//! Names across modules: where an imported name is defined (through imports, exports,
//! re-exports and `export *`), and what it is there — a client, a factory, a helper, a wrapper.
//! Every step is memoised and the walk is bounded, so import cycles, re-export loops and graphs
//! of tens of thousands of modules end with the name unknown, never a hang.

use std::collections::HashMap;

use super::Module;
use crate::payload::exports::{CJS_VALUE, Imported, Local};
use crate::payload::neighbours::Kind;

/// The most steps one linking pass takes over the whole project.
const MAX_STEPS: usize = 1 << 20;
/// The most `export *` modules searched for one name.
const MAX_STARS: usize = 64;

/// Where a name is defined: a module's index and the name there.
type Definition = (usize, String);

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Query {
    Local,
    Export,
}

pub(super) struct Linker<'p> {
    modules: &'p [Module],
    /// `None` while a lookup is under way: a cycle back to it finds nothing.
    definitions: HashMap<(usize, String, Query), Option<Definition>>,
    kinds: HashMap<Definition, Option<Kind>>,
    steps: usize,
}

impl<'p> Linker<'p> {
    pub(super) fn new(modules: &'p [Module]) -> Self {
        Self {
            modules,
            definitions: HashMap::new(),
            kinds: HashMap::new(),
            steps: 0,
        }
    }

    fn step(&mut self) -> bool {
        self.steps += 1;
        self.steps <= MAX_STEPS
    }

    /// What `local` is in module `module`, following imports to its definition.
    pub(super) fn kind(&mut self, module: usize, local: &str) -> Option<Kind> {
        let definition = self.definition(module, local)?;
        if let Some(known) = self.kinds.get(&definition) {
            return *known;
        }
        self.kinds.insert(definition.clone(), None);
        let kind = self.local_kind(&definition);
        self.kinds.insert(definition, kind);
        kind
    }

    fn local_kind(&mut self, (module, name): &Definition) -> Option<Kind> {
        let local = self.modules.get(*module)?.facts.locals.get(name)?.clone();
        match local {
            Local::Known(kind) => Some(kind),
            Local::Returns(returned) => match self.kind(*module, &returned)? {
                Kind::Client | Kind::Factory => Some(Kind::Factory),
                _ => None,
            },
            Local::ResultOf(callee) => match self.kind(*module, &callee)? {
                Kind::Factory => Some(Kind::Client),
                _ => None,
            },
        }
    }

    /// The module and name where `local` of `module` is defined: itself when the module
    /// defines it, else what its import names.
    pub(super) fn definition(&mut self, module: usize, local: &str) -> Option<Definition> {
        self.memo(module, local, Query::Local, |this| {
            let facts = &this.modules.get(module)?.facts;
            if facts.locals.contains_key(local) {
                return Some((module, local.to_string()));
            }
            let import = facts.imports.iter().find(|import| import.local == local)?;
            let target = *this.modules.get(module)?.targets.get(&import.specifier)?;
            let name = import.name.clone();
            this.exported(target, &name)
        })
    }

    fn exported(&mut self, module: usize, name: &Imported) -> Option<Definition> {
        match name {
            // `const x = require('./m')` of a CommonJS module: its `module.exports` value.
            Imported::Namespace => self.export(module, CJS_VALUE),
            Imported::Default => self.export(module, "default"),
            Imported::Named(name) => self.export(module, name),
        }
    }

    /// Where the export `exported` of `module` is defined.
    fn export(&mut self, module: usize, exported: &str) -> Option<Definition> {
        self.memo(module, exported, Query::Export, |this| {
            let this_module = this.modules.get(module)?;
            if let Some((_, local)) = this_module
                .facts
                .exports
                .iter()
                .find(|(e, _)| e == exported)
            {
                let local = local.clone();
                return this.definition(module, &local);
            }
            let re_exports = &this_module.facts.re_exports;
            if let Some(named) = re_exports
                .iter()
                .find(|re| re.exported.as_deref() == Some(exported))
            {
                let target = *this_module.targets.get(&named.specifier)?;
                let name = named.name.clone();
                return this.exported(target, &name);
            }
            if exported == "default" {
                return None;
            }
            let stars: Vec<usize> = re_exports
                .iter()
                .filter(|re| re.exported.is_none())
                .filter_map(|re| this_module.targets.get(&re.specifier).copied())
                .take(MAX_STARS)
                .collect();
            stars
                .into_iter()
                .find_map(|target| this.export(target, exported))
        })
    }

    fn memo(
        &mut self,
        module: usize,
        name: &str,
        query: Query,
        find: impl FnOnce(&mut Self) -> Option<Definition>,
    ) -> Option<Definition> {
        let key = (module, name.to_string(), query);
        if let Some(known) = self.definitions.get(&key) {
            return known.clone();
        }
        if !self.step() {
            return None;
        }
        self.definitions.insert(key.clone(), None);
        let found = find(self);
        self.definitions.insert(key, found.clone());
        found
    }
}
