//! `catalogue`: the catalogue file a config names — one file, or one per environment so that a
//! team can keep its test-mode and live-mode products side by side and lint against the
//! environment its code targets.
//!
//! ```toml
//! catalogue = "products.json"            # one file, whatever the environment
//!
//! [catalogue]                            # or one per environment
//! test_mode = "products.test.json"
//! live_mode = "products.live.json"
//! environment = "live_mode"              # the one that applies; default test_mode
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::catalogue::Catalogue;
use crate::environment::Environment;
use crate::source::Source;

use super::{ConfigError, located, parse_raw, read_config_file};

/// The `catalogue` value as written.
pub(super) enum RawCatalogue {
    Single(String),
    ByEnvironment(RawByEnvironment),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawByEnvironment {
    test_mode: Option<String>,
    live_mode: Option<String>,
    environment: Option<String>,
}

impl<'de> Deserialize<'de> for RawCatalogue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = RawCatalogue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a file name, or a table of test_mode, live_mode and environment")
            }

            fn visit_str<E: de::Error>(self, path: &str) -> Result<RawCatalogue, E> {
                Ok(RawCatalogue::Single(path.to_string()))
            }

            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<RawCatalogue, M::Error> {
                let table =
                    RawByEnvironment::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawCatalogue::ByEnvironment(table))
            }
        }
        deserializer.deserialize_any(Either)
    }
}

/// The catalogue files a config names, resolved against its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueFiles {
    /// `catalogue = "..."`: used whatever the environment.
    single: Option<PathBuf>,
    /// `[catalogue] test_mode = ..., live_mode = ...`, in [`Environment::ALL`] order.
    by_environment: Vec<(Environment, PathBuf)>,
    /// The environment whose file applies (only with per-environment files).
    environment: Option<Environment>,
}

impl CatalogueFiles {
    /// Resolves the raw value; the message says what is wrong with it.
    pub(super) fn resolve(raw: RawCatalogue, base_dir: &Path) -> Result<Self, String> {
        let table = match raw {
            RawCatalogue::Single(path) => {
                return Ok(Self {
                    single: Some(base_dir.join(path)),
                    by_environment: Vec::new(),
                    environment: None,
                });
            }
            RawCatalogue::ByEnvironment(table) => table,
        };
        let by_environment: Vec<(Environment, PathBuf)> = [
            (Environment::TestMode, table.test_mode),
            (Environment::LiveMode, table.live_mode),
        ]
        .into_iter()
        .filter_map(|(env, path)| Some((env, base_dir.join(path?))))
        .collect();
        let environment = match table.environment {
            Some(name) => Environment::from_name(&name).ok_or_else(|| {
                format!(
                    "unknown environment {name:?} in [catalogue]: {}",
                    Environment::expected()
                )
            })?,
            None => match by_environment.first() {
                Some((env, _)) => *env,
                None => return Err("[catalogue] names no file: set test_mode or live_mode".into()),
            },
        };
        if !by_environment.iter().any(|(env, _)| *env == environment) {
            return Err(format!(
                "[catalogue] environment = {:?}, but names no {environment} file",
                environment.as_str()
            ));
        }
        Ok(Self {
            single: None,
            by_environment,
            environment: Some(environment),
        })
    }

    /// The file the linter reads, and the environment it must have been pulled from.
    pub fn applied(&self) -> Option<(&Path, Option<Environment>)> {
        match (&self.single, self.environment) {
            (Some(path), _) => Some((path, None)),
            (None, Some(env)) => self.for_environment(env).map(|path| (path, Some(env))),
            (None, None) => None,
        }
    }

    /// The file that holds `environment`'s products (the single file, when there is one).
    pub fn for_environment(&self, environment: Environment) -> Option<&Path> {
        self.single.as_deref().or_else(|| {
            self.by_environment
                .iter()
                .find(|(env, _)| *env == environment)
                .map(|(_, path)| path.as_path())
        })
    }

    /// The environment that applies, when the config names one file per environment.
    pub fn environment(&self) -> Option<Environment> {
        self.environment
    }
}

/// The catalogue files the config at `path` names, without reading them (`catalogue pull`
/// writes them).
pub fn catalogue_files(path: &Path) -> Result<Option<CatalogueFiles>, ConfigError> {
    let text = read_config_file(path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let source = Source::new(path.display().to_string(), text.as_str());
    let Some(raw_files) = parse_raw(&source)?.catalogue else {
        return Ok(None);
    };
    let span = raw_files.span();
    CatalogueFiles::resolve(raw_files.into_inner(), base)
        .map(Some)
        .map_err(|message| located(&source, span, message))
}

/// Reads the catalogue that applies. `named` is the place in the config that names it (for an
/// unreadable file); a file pulled from another environment than the one it is configured for
/// is refused, since its ids would all be wrong for the code that is linted.
pub(super) fn load(
    path: &Path,
    environment: Option<Environment>,
    named: &ConfigError,
) -> Result<Catalogue, ConfigError> {
    let catalogue = Catalogue::load(path).map_err(|err| {
        let mut error = ConfigError::from(err);
        if error.line == 0 {
            error.message = format!(
                "{} (named at {}:{})",
                error.message, named.line, named.column
            );
        }
        error
    })?;
    match (environment, catalogue.environment) {
        (Some(expected), Some(pulled)) if expected != pulled => Err(ConfigError {
            kind: "catalogue",
            file: crate::text::escape_line(&path.to_string_lossy()).into_owned(),
            line: 0,
            column: 0,
            message: format!(
                "pulled from {pulled}, but the config uses it for {expected} (named at {}:{}); \
                 run `checkout-lint catalogue pull --environment {expected}`",
                named.line, named.column
            ),
        }),
        _ => Ok(catalogue),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use crate::config::Config;
    use crate::environment::Environment;

    const PRODUCT: &str = r#"{"product_id": "pdt_ID", "is_recurring": false}"#;

    /// A folder with a test-mode and a live-mode catalogue, pulled from `live_recorded`.
    fn folder(live_recorded: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let file = |env: &str, id: &str| {
            format!(
                r#"{{"environment": "{env}", "items": [{}]}}"#,
                PRODUCT.replace("ID", id)
            )
        };
        fs::write(dir.path().join("t.json"), file("test_mode", "test")).unwrap();
        fs::write(dir.path().join("l.json"), file(live_recorded, "live")).unwrap();
        dir
    }

    fn parse(dir: &tempfile::TempDir, text: &str) -> Result<Config, crate::ConfigError> {
        Config::from_toml_str("checkout-lint.toml", text, dir.path())
    }

    #[test]
    fn the_named_environment_picks_the_file() {
        let dir = folder("live_mode");
        let both = "[catalogue]\ntest_mode = \"t.json\"\nlive_mode = \"l.json\"\n";
        let config = parse(&dir, both).unwrap();
        assert_eq!(config.environment, Some(Environment::TestMode));
        assert!(config.catalogue.unwrap().get("pdt_test").is_some());

        let config = parse(&dir, &format!("{both}environment = \"live_mode\"\n")).unwrap();
        assert_eq!(config.environment, Some(Environment::LiveMode));
        assert!(config.catalogue.as_ref().unwrap().get("pdt_live").is_some());
        assert_eq!(config.catalogue_path, Some(dir.path().join("l.json")));

        let only_live = parse(&dir, "[catalogue]\nlive_mode = \"l.json\"\n").unwrap();
        assert_eq!(only_live.environment, Some(Environment::LiveMode));
    }

    #[test]
    fn a_file_pulled_from_the_other_environment_is_refused() {
        let dir = folder("test_mode");
        let err = parse(
            &dir,
            "[catalogue]\nlive_mode = \"l.json\"\nenvironment = \"live_mode\"\n",
        )
        .unwrap_err();
        assert_eq!(err.kind, "catalogue");
        assert!(
            err.message
                .starts_with("pulled from test_mode, but the config uses it for live_mode")
                && err.message.contains("--environment live_mode"),
            "{err}"
        );
    }

    #[test]
    fn mistakes_in_the_table_name_their_line() {
        let dir = folder("live_mode");
        let err = parse(
            &dir,
            "[catalogue]\ntest_mode = \"t.json\"\nenvironment = \"live_mode\"\n",
        )
        .unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("names no live_mode file"), "{err}");

        let err = parse(
            &dir,
            "[catalogue]\ntest_mode = \"t.json\"\nenvironment = \"prod\"\n",
        )
        .unwrap_err();
        assert!(
            err.message.contains("expected test_mode or live_mode"),
            "{err}"
        );

        let err = parse(&dir, "[catalogue]\ntest = \"t.json\"\n").unwrap_err();
        assert!(err.message.contains("unknown field `test`"), "{err}");

        let err = parse(&dir, "catalogue = 3\n").unwrap_err();
        assert!(err.message.contains("a file name, or a table"), "{err}");
        assert!(
            parse(&dir, "[catalogue]\n")
                .unwrap_err()
                .message
                .contains("names no file")
        );
    }
}
