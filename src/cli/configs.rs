//! Which config applies to each file: `--config FILE`, else the nearest `checkout-lint.toml`
//! walking up from the file's folder (as ruff and eslint do), else the defaults; `--isolated`
//! ignores config files. `--rule` flags apply on top of whichever config it is.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::CONFIG_FILE_NAME;
use crate::{Config, Level, Linter};

/// Linters by config file, each built once.
pub(super) struct Configs {
    explicit: Option<Arc<Linter>>,
    isolated: bool,
    rule_flags: BTreeMap<String, Level>,
    max_diagnostics: usize,
    by_file: HashMap<Option<PathBuf>, Arc<Linter>>,
    nearest_by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl Configs {
    pub(super) fn new(
        explicit: Option<&Path>,
        isolated: bool,
        rule_flags: BTreeMap<String, Level>,
        max_diagnostics: usize,
    ) -> Result<Self, String> {
        let mut configs = Self {
            explicit: None,
            isolated,
            rule_flags,
            max_diagnostics,
            by_file: HashMap::default(),
            nearest_by_dir: HashMap::default(),
        };
        if let Some(path) = explicit {
            let config = Config::load(path).map_err(|err| err.to_string())?;
            configs.explicit = Some(configs.build(config));
        }
        Ok(configs)
    }

    /// The linter for a file at `path` (which need not exist, e.g. `--stdin-filename`).
    pub(super) fn linter_for(&mut self, path: &Path) -> Result<Arc<Linter>, String> {
        if let Some(linter) = &self.explicit {
            return Ok(Arc::clone(linter));
        }
        let config_file = if self.isolated {
            None
        } else {
            let dir = std::path::absolute(path)
                .ok()
                .and_then(|f| f.parent().map(Path::to_path_buf))
                .unwrap_or_else(|| PathBuf::from("."));
            self.nearest_by_dir
                .entry(dir.clone())
                .or_insert_with(|| nearest_config(&dir))
                .clone()
        };
        if let Some(linter) = self.by_file.get(&config_file) {
            return Ok(Arc::clone(linter));
        }
        let config = match &config_file {
            Some(file) => Config::load(file).map_err(|err| err.to_string())?,
            None => Config::default(),
        };
        let linter = self.build(config);
        self.by_file.insert(config_file, Arc::clone(&linter));
        Ok(linter)
    }

    /// Command-line `--rule` flags win over the config and its overrides.
    fn build(&self, config: Config) -> Arc<Linter> {
        let mut config = config.with_max_diagnostics(self.max_diagnostics);
        for (rule, level) in &self.rule_flags {
            config.rules.insert(rule.clone(), *level);
            for o in &mut config.overrides {
                o.rules.remove(rule);
            }
        }
        Arc::new(Linter::new(config))
    }
}

pub(super) fn nearest_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|ancestor| ancestor.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}
