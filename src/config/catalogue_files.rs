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

/// What a catalogue file a config names is used for: the containment rule is the same, only
/// what happens to a device or FIFO outside the folder differs (see [`inside`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Read,
    Write,
}

impl CatalogueFiles {
    /// Resolves the raw value for reading; the message says what is wrong with it.
    pub(super) fn resolve(raw: RawCatalogue, base_dir: &Path) -> Result<Self, String> {
        Self::resolve_for(raw, base_dir, Use::Read)
    }

    fn resolve_for(raw: RawCatalogue, base_dir: &Path, use_: Use) -> Result<Self, String> {
        let table = match raw {
            RawCatalogue::Single(path) => {
                return Ok(Self {
                    single: Some(inside(base_dir, &path, use_)?),
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
        .filter_map(|(env, path)| Some((env, path?)))
        .map(|(env, path)| Ok((env, inside(base_dir, &path, use_)?)))
        .collect::<Result<_, String>>()?;
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

    /// `name` in `folder` (a config's folder, or the working folder), held to the rule for the
    /// files a config names: `catalogue pull` writes there when no config names a file, and a
    /// link planted under that name must not lead elsewhere.
    pub fn beside(folder: &Path, name: &str) -> Result<PathBuf, String> {
        let path = folder.join(name);
        super::files::check_inside(folder, &path)
            .map(|()| path.clone())
            .map_err(|why| {
                format!(
                    "{} is outside its folder: {why}; not written (name the file with -o FILE)",
                    crate::text::escape_line(&path.to_string_lossy())
                )
            })
    }
}

/// `named` (as a config writes it) joined to the config's folder, when it lies inside that
/// folder's tree (see [`super::files::check_inside`]). A file outside is refused before it is
/// opened: a repository's config must not make checkout-lint read or replace a file elsewhere
/// (`catalogue = "../../.bashrc"`).
///
/// For reading, a device, FIFO, socket or folder outside is let through: the reader refuses it
/// without reading a byte (it opens without blocking and reads only regular files), and its
/// message says what the file is. A regular file outside, or one that does not exist, is
/// refused here.
fn inside(base_dir: &Path, named: &str, use_: Use) -> Result<PathBuf, String> {
    let path = base_dir.join(named);
    let Err(why) = super::files::check_inside(base_dir, &path) else {
        return Ok(path);
    };
    if use_ == Use::Read && std::fs::metadata(&path).is_ok_and(|metadata| !metadata.is_file()) {
        return Ok(path);
    }
    let folder = if base_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base_dir
    };
    let mut message = format!(
        "catalogue {named:?} is outside the folder of this config ({}): {why}; a config may name \
         only files inside its own folder tree (no `..` out of it, no absolute path elsewhere, no \
         link that leads out)",
        crate::text::escape_line(&folder.to_string_lossy()),
    );
    if use_ == Use::Write {
        message.push_str("; to pull into a file elsewhere, name it with -o FILE");
    }
    Err(message)
}

/// The catalogue files the config at `path` names, without reading them (`catalogue pull`
/// writes them): each must lie inside the config's folder tree, whatever it is.
pub fn catalogue_files(path: &Path) -> Result<Option<CatalogueFiles>, ConfigError> {
    let text = read_config_file(path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let source = Source::new(path.display().to_string(), text.as_str());
    let Some(raw_files) = parse_raw(&source)?.catalogue else {
        return Ok(None);
    };
    let span = raw_files.span();
    CatalogueFiles::resolve_for(raw_files.into_inner(), base, Use::Write)
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
    fn a_config_names_only_files_inside_its_folder() {
        let outer = tempfile::tempdir().unwrap();
        let repo = outer.path().join("repo");
        fs::create_dir_all(repo.join("sub")).unwrap();
        let product = PRODUCT.replace("ID", "x");
        for file in ["outside.json", "repo/sub/p.json", "repo/p.json"] {
            fs::write(outer.path().join(file), &product).unwrap();
        }
        let parse = |text: &str| Config::from_toml_str("checkout-lint.toml", text, &repo);
        let outside = outer.path().join("outside.json");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outer.path(), repo.join("up")).unwrap();
            std::os::unix::fs::symlink(&outside, repo.join("link.json")).unwrap();
        }
        let mut refused = vec![
            "../outside.json".to_string(),
            outside.to_string_lossy().into_owned(),
            "sub/../../outside.json".to_string(),
            "/etc/passwd".to_string(),
        ];
        if cfg!(unix) {
            refused.extend(["up/outside.json".into(), "link.json".into()]);
            refused.push("up/repo/../new.json".into());
        }
        for named in &refused {
            let text = format!("catalogue = {named:?}\n");
            let err = parse(&text).unwrap_err();
            assert_eq!((err.kind, err.line), ("config", 1), "{named}: {err}");
            assert!(
                err.message.contains("is outside the folder of this config"),
                "{named}: {err}"
            );
            let config = repo.join("checkout-lint.toml");
            fs::write(&config, &text).unwrap();
            let err = super::catalogue_files(&config).unwrap_err();
            assert!(
                err.message.contains("name it with -o FILE"),
                "{named}: {err}"
            );
        }
        for named in ["sub/p.json", "./p.json", "sub/../p.json"] {
            let config = parse(&format!("catalogue = {named:?}\n")).unwrap();
            assert!(config.catalogue.unwrap().get("pdt_x").is_some(), "{named}");
        }
        let absolute = repo.join("p.json").to_string_lossy().into_owned();
        assert!(parse(&format!("catalogue = {absolute:?}\n")).is_ok());
        let per_env = "[catalogue]\ntest_mode = \"p.json\"\nlive_mode = \"../outside.json\"\n";
        assert!(
            parse(per_env)
                .unwrap_err()
                .message
                .contains("\"../outside.json\" is outside")
        );
        // Not there yet (a pull creates it): judged by the folder it would be made in.
        let config = repo.join("checkout-lint.toml");
        fs::write(&config, "catalogue = \"sub/new/products.json\"\n").unwrap();
        assert!(super::catalogue_files(&config).is_ok());

        // A device outside is refused by the reader, which says what it is, without reading;
        // a pull is refused it by the containment rule.
        #[cfg(unix)]
        {
            let err = parse("catalogue = \"/dev/zero\"\n").unwrap_err();
            assert_eq!(err.kind, "catalogue");
            assert!(err.message.contains("it is a device"), "{err}");
            fs::write(&config, "catalogue = \"/dev/null\"\n").unwrap();
            let err = super::catalogue_files(&config).unwrap_err();
            assert!(err.message.contains("is outside"), "{err}");
        }
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
