//! Which linter speaks for a document, and whether it lints it at all. The config is the one
//! the client named (`initializationOptions.configPath`), else the nearest `checkout-lint.toml`
//! (found as the command line finds it), reloaded when it or its catalogue changes on disk.
//! Whether the config selects the file is the command line's own rule ([`select_document`]): a
//! config's `include` and `exclude` mean the same in the editor and in `checkout-lint <dir>`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use lsp_types::notification::ShowMessage;
use lsp_types::{MessageType, ShowMessageParams};

use super::state::Outbox;
use crate::cli::configs::nearest_config;
use crate::cli::select::{Selected, select_document};
use crate::payload::front_end;
use crate::{Config, Linter};

/// What a document's config makes of it.
pub(super) enum Selection {
    /// Not linted: no config claims it, its config excludes it, or its config is broken.
    Quiet,
    Lint(Arc<Linter>),
    /// A JSON file the config's `include` does not name: linted when it looks like a payload.
    IfPayload(Arc<Linter>),
}

impl Selection {
    pub(super) fn linter(&self) -> Option<&Arc<Linter>> {
        match self {
            Selection::Quiet => None,
            Selection::Lint(linter) | Selection::IfPayload(linter) => Some(linter),
        }
    }
}

/// A loaded config with the modification times it was read at.
struct Loaded {
    linter: Arc<Linter>,
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
}

#[derive(Default)]
pub(super) struct Linters {
    configs: HashMap<PathBuf, Loaded>,
    /// The last error shown for each broken config, so it is shown once, not on every change.
    config_errors: HashMap<PathBuf, String>,
    /// The config the client named, used for every document instead of the nearest one.
    config_override: Option<PathBuf>,
    /// For source files no config claims: their payloads are Dodo calls, found by what the
    /// file says of itself.
    default: Option<Arc<Linter>>,
}

impl Linters {
    pub(super) fn new(config_override: Option<PathBuf>) -> Self {
        Self {
            config_override,
            ..Self::default()
        }
    }

    /// Drops every loaded config: the next document to ask reads its config again.
    pub(super) fn forget(&mut self) {
        self.configs.clear();
    }

    /// What the config of the file at `path` makes of it. A JSON file no config claims may be
    /// anything, and stays quiet; a source file gets the defaults.
    pub(super) fn select(&mut self, path: &Path, outbox: &mut Outbox) -> Selection {
        let Some(language) = front_end::by_extension(&path.to_string_lossy()) else {
            return Selection::Quiet;
        };
        let config_path = self
            .config_override
            .clone()
            .or_else(|| nearest_config(path.parent()?));
        let linter = match config_path {
            Some(config_path) => match self.load(&config_path, outbox) {
                Some(linter) => linter,
                None => return Selection::Quiet,
            },
            None if language.payload_is_file() => return Selection::Quiet,
            None => Arc::clone(self.default.get_or_insert_with(Arc::default)),
        };
        match select_document(path, linter.config()) {
            Selected::Skip => Selection::Quiet,
            Selected::Lint => Selection::Lint(linter),
            Selected::IfPayload => Selection::IfPayload(linter),
        }
    }

    /// The linter of a config file, read again when it or its catalogue changed on disk. A
    /// broken config lints nothing rather than lint with the wrong settings; the user is told
    /// once what is wrong with it.
    fn load(&mut self, config_path: &Path, outbox: &mut Outbox) -> Option<Arc<Linter>> {
        let fresh = self
            .configs
            .get(config_path)
            .is_some_and(|loaded| loaded.stamps.iter().all(|(p, t)| modified(p) == *t));
        if !fresh {
            let config = match Config::load(config_path) {
                Ok(config) => config,
                Err(err) => {
                    self.report_config_error(config_path, err.to_string(), outbox);
                    return None;
                }
            };
            self.config_errors.remove(config_path);
            let mut stamps = vec![(config_path.to_path_buf(), modified(config_path))];
            if let Some(catalogue) = &config.catalogue_path {
                stamps.push((catalogue.clone(), modified(catalogue)));
            }
            let linter = Arc::new(Linter::new(config));
            self.configs
                .insert(config_path.to_path_buf(), Loaded { linter, stamps });
        }
        self.configs
            .get(config_path)
            .map(|loaded| Arc::clone(&loaded.linter))
    }

    fn report_config_error(&mut self, config: &Path, message: String, outbox: &mut Outbox) {
        if self.config_errors.get(config) == Some(&message) {
            return;
        }
        outbox.notify::<ShowMessage>(ShowMessageParams {
            typ: MessageType::ERROR,
            message: format!("checkout-lint: {message}"),
        });
        self.config_errors.insert(config.to_path_buf(), message);
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
