//! Which config applies to each file: `--config FILE`, else the nearest `checkout-lint.toml`
//! walking up from the file's folder (as ruff and eslint do), else the defaults.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use checkout_lint::config::CONFIG_FILE_NAME;
use checkout_lint::{Config, Linter};

/// Linters by config file, each built once.
pub struct Configs {
    explicit: Option<Arc<Linter>>,
    by_file: HashMap<Option<PathBuf>, Arc<Linter>>,
    nearest_by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl Configs {
    pub fn new(explicit: Option<&Path>) -> Result<Self, String> {
        let explicit = match explicit {
            Some(path) => Some(Arc::new(Linter::new(
                Config::load(path).map_err(|err| err.to_string())?,
            ))),
            None => None,
        };
        Ok(Self {
            explicit,
            by_file: HashMap::new(),
            nearest_by_dir: HashMap::new(),
        })
    }

    pub fn linter_for(&mut self, file: &Path) -> Result<Arc<Linter>, String> {
        let dir = std::path::absolute(file)
            .ok()
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        self.linter_in(&dir)
    }

    pub fn linter_for_stdin(&mut self) -> Result<Arc<Linter>, String> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        self.linter_in(&cwd)
    }

    fn linter_in(&mut self, dir: &Path) -> Result<Arc<Linter>, String> {
        if let Some(linter) = &self.explicit {
            return Ok(Arc::clone(linter));
        }
        let config_file = self
            .nearest_by_dir
            .entry(dir.to_path_buf())
            .or_insert_with(|| nearest_config(dir))
            .clone();
        if let Some(linter) = self.by_file.get(&config_file) {
            return Ok(Arc::clone(linter));
        }
        let config = match &config_file {
            Some(path) => Config::load(path).map_err(|err| err.to_string())?,
            None => Config::default(),
        };
        let linter = Arc::new(Linter::new(config));
        self.by_file.insert(config_file, Arc::clone(&linter));
        Ok(linter)
    }
}

fn nearest_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|ancestor| ancestor.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}
