//! `checkout-lint.toml`: the account's settings, the catalogue, and rule levels.
//!
//! ```toml
//! catalogue = "products.json"   # relative to this file (or one per environment: see
//!                                # `catalogue_files`)
//!
//! [account]
//! adaptive_pricing = false
//!
//! [rules]
//! mixed-cart = "off"
//! missing-card-fallback = "error"
//! ```

mod catalogue_files;
pub(crate) mod files;
mod glob_index;
mod overrides;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

pub use crate::account::Account;
use crate::catalogue::{Catalogue, CatalogueError};
use crate::diagnostic::Severity;
use crate::environment::Environment;
use crate::rules;
use crate::source::Source;

pub use catalogue_files::{CatalogueFiles, catalogue_files};
pub use files::FileSet;
pub use overrides::{Override, OverrideMatcher};

/// The name of the config file looked up next to the linted files.
pub const CONFIG_FILE_NAME: &str = "checkout-lint.toml";

/// The largest config file read (1 MiB; a real one is a few hundred bytes). A bigger one, or
/// one that is not a regular file, is an error naming the file.
pub const MAX_CONFIG_SIZE: u64 = 1 << 20;

/// What a rule is set to: off, or the severity it reports at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    /// The severity to report at, or `None` when off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

impl std::str::FromStr for Level {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "off" => Ok(Level::Off),
            "info" => Ok(Level::Info),
            "warning" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            other => Err(format!(
                "unknown level {other:?}: expected off, info, warning or error"
            )),
        }
    }
}

/// How many diagnostics one file keeps by default; past it, one `too-many-findings` diagnostic
/// says how many more there were.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 10_000;

/// Everything a [`crate::Linter`] needs besides the payload.
#[derive(Debug, Clone)]
pub struct Config {
    pub account: Account,
    /// Rule name → level; rules not listed keep their default severity.
    pub rules: BTreeMap<String, Level>,
    pub catalogue: Option<Arc<Catalogue>>,
    /// `[[overrides]]`, in file order (a later one wins).
    pub overrides: Vec<Override>,
    /// The folder of the config file: override globs are relative to it.
    pub root: Option<PathBuf>,
    /// The catalogue file, when the config names one (editors reload it when it changes).
    pub catalogue_path: Option<PathBuf>,
    /// The environment whose catalogue applies, when the config names one per environment.
    pub environment: Option<Environment>,
    /// Which files are linted (JSON files in `include` are payloads without looking like one).
    pub include: Option<FileSet>,
    pub exclude: Option<FileSet>,
    /// Folder names a walk always skips, replacing the built-in list when set.
    pub default_excludes: Option<Vec<String>>,
    /// The most diagnostics kept per file (the first by position); see
    /// [`DEFAULT_MAX_DIAGNOSTICS`].
    pub max_diagnostics: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            account: Account::default(),
            rules: BTreeMap::new(),
            catalogue: None,
            overrides: Vec::new(),
            root: None,
            catalogue_path: None,
            environment: None,
            include: None,
            exclude: None,
            default_excludes: None,
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

/// Why a config could not be used: the file, the position when known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// What the file is: "config" or "catalogue".
    pub kind: &'static str,
    pub file: String,
    /// 1-based; 0 when the error is not tied to a position.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{} {}: {}", self.kind, self.file, self.message)
        } else {
            write!(
                f,
                "{} {}:{}:{}: {}",
                self.kind, self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<CatalogueError> for ConfigError {
    fn from(err: CatalogueError) -> Self {
        ConfigError {
            kind: "catalogue",
            file: err.file,
            line: err.line,
            column: err.column,
            message: err.message,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    catalogue: Option<toml::Spanned<catalogue_files::RawCatalogue>>,
    #[serde(default)]
    account: Account,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    overrides: Vec<toml::Spanned<RawOverride>>,
    include: Option<toml::Spanned<Vec<String>>>,
    exclude: Option<toml::Spanned<Vec<String>>>,
    #[serde(rename = "default-excludes")]
    default_excludes: Option<Vec<String>>,
}

type RawRules = BTreeMap<toml::Spanned<String>, toml::Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    files: Vec<String>,
    #[serde(default)]
    pointers: Vec<String>,
    #[serde(default)]
    rules: RawRules,
}

impl Config {
    /// Reads a config file; a catalogue it names is read relative to the file's folder.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = read_config_file(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        Self::from_toml_str(&path.display().to_string(), &text, base)
    }

    /// Reads config text; `name` is used in errors and `base_dir` resolves the catalogue path.
    pub fn from_toml_str(name: &str, text: &str, base_dir: &Path) -> Result<Self, ConfigError> {
        let source = Source::new(name, text);
        let at = |span: std::ops::Range<usize>, message: String| located(&source, span, message);
        let raw = parse_raw(&source)?;
        let read_rules = |raw: RawRules| -> Result<BTreeMap<String, Level>, ConfigError> {
            let mut levels = BTreeMap::new();
            for (rule, level) in raw {
                if rules::find(rule.get_ref()).is_none() {
                    return Err(at(rule.span(), unknown_rule_message(rule.get_ref())));
                }
                let parsed = level
                    .get_ref()
                    .parse::<Level>()
                    .map_err(|message| at(level.span(), message))?;
                levels.insert(rule.into_inner(), parsed);
            }
            Ok(levels)
        };
        let mut config = Config {
            account: raw.account,
            rules: read_rules(raw.rules)?,
            root: Some(base_dir.to_path_buf()),
            default_excludes: raw.default_excludes,
            ..Config::default()
        };
        for raw_override in raw.overrides {
            let span = raw_override.span();
            let raw_override = raw_override.into_inner();
            if raw_override.files.is_empty() {
                return Err(at(
                    span,
                    "an override needs at least one glob in \"files\"".into(),
                ));
            }
            let levels = read_rules(raw_override.rules)?;
            let parsed = Override::new(raw_override.files, raw_override.pointers, levels)
                .map_err(|message| at(span.clone(), message))?;
            config.overrides.push(parsed);
        }
        for (field, globs) in [
            (&mut config.include, raw.include),
            (&mut config.exclude, raw.exclude),
        ] {
            if let Some(globs) = globs {
                let span = globs.span();
                *field = Some(FileSet::new(globs.into_inner()).map_err(|m| at(span, m))?);
            }
        }
        if let Some(raw_files) = raw.catalogue {
            let span = raw_files.span();
            let files = CatalogueFiles::resolve(raw_files.into_inner(), base_dir)
                .map_err(|message| at(span.clone(), message))?;
            if let Some((path, environment)) = files.applied() {
                let catalogue = catalogue_files::load(path, environment, &at(span, String::new()))?;
                config.catalogue = Some(Arc::new(catalogue));
                config.catalogue_path = Some(path.to_path_buf());
            }
            config.environment = files.environment();
        }
        Ok(config)
    }

    /// Whether `path` is linted: in `include` (every file when it is not set) and not in
    /// `exclude`. The CLI's walks and the language server ask the same question.
    pub fn includes(&self, path: &str) -> bool {
        let root = self.root.as_deref();
        self.include
            .as_ref()
            .is_none_or(|set| set.matches(path, root))
            && !self
                .exclude
                .as_ref()
                .is_some_and(|set| set.matches(path, root))
    }

    /// Sets a rule's level (builder style, for library callers).
    pub fn with_rule(mut self, name: &str, level: Level) -> Self {
        self.rules.insert(name.to_string(), level);
        self
    }

    pub fn with_catalogue(mut self, catalogue: Catalogue) -> Self {
        self.catalogue = Some(Arc::new(catalogue));
        self
    }

    /// Sets how many diagnostics a file keeps (at least one).
    pub fn with_max_diagnostics(mut self, limit: usize) -> Self {
        self.max_diagnostics = limit.max(1);
        self
    }

    pub fn with_adaptive_pricing(mut self, enabled: bool) -> Self {
        self.account.adaptive_pricing = Some(enabled);
        self
    }
}

fn read_config_file(path: &Path) -> Result<String, ConfigError> {
    let unreadable = |message: String| ConfigError {
        kind: "config",
        file: crate::text::escape_line(&path.to_string_lossy()).into_owned(),
        line: 0,
        column: 0,
        message,
    };
    let bytes = crate::untrusted_file::read(path, MAX_CONFIG_SIZE)
        .map_err(|err| unreadable(err.to_string()))?;
    String::from_utf8(bytes).map_err(|_| unreadable("the file is not valid UTF-8".into()))
}

fn parse_raw(source: &Source) -> Result<RawConfig, ConfigError> {
    toml::from_str(source.text()).map_err(|err| {
        let message = err.message().to_string();
        match err.span() {
            Some(span) => located(source, span, message),
            None => ConfigError {
                kind: "config",
                file: source.name().to_string(),
                line: 0,
                column: 0,
                message,
            },
        }
    })
}

/// An error at a place in the config text.
fn located(source: &Source, span: std::ops::Range<usize>, message: String) -> ConfigError {
    let (line, column) = source.line_col(span.start);
    ConfigError {
        kind: "config",
        file: source.name().to_string(),
        line,
        column,
        message,
    }
}

/// "unknown rule `mixed-carts`; did you mean `mixed-cart`?" plus the valid names.
pub fn unknown_rule_message(name: &str) -> String {
    let names: Vec<&str> = rules::all().iter().map(|rule| rule.meta().name).collect();
    let mut message = format!("unknown rule {name:?}");
    if let Some(best) = crate::suggest::closest(name, names.iter().copied()) {
        message.push_str(&format!("; did you mean {best:?}?"));
    }
    message.push_str(&format!(" Valid rules: {}", names.join(", ")));
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::from_toml_str("checkout-lint.toml", text, Path::new("."))
    }

    #[test]
    fn reads_account_and_rule_levels() {
        let config =
            parse("[account]\nadaptive_pricing = false\n[rules]\nmixed-cart = \"off\"\n").unwrap();
        assert_eq!(config.account.adaptive_pricing, Some(false));
        assert_eq!(config.rules.get("mixed-cart"), Some(&Level::Off));
    }

    #[test]
    fn reads_overrides() {
        let config = parse("[[overrides]]\nfiles = [\"legacy/*.json\"]\npointers = [\"/confirm\"]\n[overrides.rules]\nconfirm-incomplete = \"warning\"\n").unwrap();
        assert_eq!(config.overrides.len(), 1);
        assert_eq!(
            config.overrides[0].level_for("confirm-incomplete", "/confirm"),
            Some(Level::Warning)
        );
        assert!(config.overrides[0].matches_file("legacy/x.json", Some(Path::new("."))));
    }

    #[test]
    fn errors_name_the_file_line_and_key() {
        let err = parse("[account]\nadaptive_pricng = true\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("adaptive_pricng"), "{err}");

        let err = parse("[rules]\nmixed-carts = \"off\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(err.message.contains("did you mean \"mixed-cart\""), "{err}");

        let err = parse("[rules]\nmixed-cart = \"loud\"\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("unknown level \"loud\""));

        let err = parse("[[overrides]]\nfiles = [\"a/[\"]\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("invalid glob"), "{err}");

        let err =
            parse("[[overrides]]\nfiles = [\"*.json\"]\nrules = { nope = \"off\" }\n").unwrap_err();
        assert_eq!(err.line, 3);

        let err = parse("catalogue = \"missing.json\"\n").unwrap_err();
        assert!(
            err.to_string().contains("cannot read the file")
                && err.to_string().contains("named at 1:13"),
            "{err}"
        );
    }
}
