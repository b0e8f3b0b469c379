//! `checkout-lint catalogue pull`: the account's products from the Dodo API into the catalogue
//! file, so that the catalogue rules work without a hand-made products.json.
//!
//! Nothing is written unless every step succeeded, and then atomically: a failed pull leaves
//! the old catalogue byte for byte as it was. A pull is bounded whatever the server does: one
//! answer ([`api::MAX_BODY`]), all answers together (`--max-bytes`), the pages read
//! (`--max-pages`), a product id ([`products::MAX_ID_BYTES`]) and the time it all takes
//! (`--deadline`); and what it writes is what the catalogue reader accepts.
//!
//! Where it writes: `-o` anywhere (the user typed it); a file a config names only inside that
//! config's folder tree (a repository's config must not point a pull at `~/.bashrc`).

mod api;
mod base_url;
mod file;
mod products;
mod progress;
mod retry;
mod secret;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::args::PullArgs;
use crate::config;
use crate::environment::Environment;

/// The file written when no config names one.
const DEFAULT_OUTPUT: &str = "products.json";

pub(super) fn run(args: &PullArgs) -> Result<u8, String> {
    let environment = args.environment;
    let (output, hint) = output_path(args)?;
    let key = secret::ApiKey::from_env(environment)?;
    let base = base_url::resolve(args.base_url.as_deref(), environment)?;
    let limits = api::Limits {
        max_bytes: args.max_bytes,
        deadline: Duration::from_secs(args.deadline),
    };
    let api = api::Api::new(
        base,
        key,
        environment,
        Duration::from_secs(args.timeout),
        limits,
    );

    let listed = products::list(&api, args.include_archived, args.max_pages)?;
    let progress = progress::Progress::new(listed.len());
    let pulled = products::details(&api, &listed, &progress);
    progress.finish();
    let pulled = pulled?;
    let count = pulled.products.len();
    let text = file::compose(api.environment(), SystemTime::now(), pulled.products)?;
    // Every answer was checked as it came; this is the last look before anything is written.
    if api.echoes_key(text.as_bytes()) {
        return Err(
            "the API's answers hold the API key (the server echoed the Authorization header); \
             refusing to write it anywhere; nothing written"
                .to_string(),
        );
    }
    super::atomic::write_output(&output, text.as_bytes())?;

    let shown = crate::text::escape_line(&output.to_string_lossy()).into_owned();
    for id in &pulled.vanished {
        eprintln!(
            "checkout-lint: warning: product {} was listed but is gone (404); left out",
            crate::text::escape_line(id)
        );
    }
    let plural = if count == 1 { "" } else { "s" };
    eprintln!("checkout-lint: pulled {count} product{plural} ({environment}) into {shown}");
    if let Some(hint) = hint {
        eprintln!("checkout-lint: hint: {hint}");
    }
    Ok(0)
}

/// Where the pull writes: `-o` (wherever it points), else the catalogue the config names for
/// the environment (inside the config's folder tree, see [`config::catalogue_files`]), else
/// products.json (beside the config, when there is one). The second part is a hint when no
/// config will read the file.
fn output_path(args: &PullArgs) -> Result<(PathBuf, Option<String>), String> {
    if let Some(path) = &args.output {
        return Ok((path.clone(), None));
    }
    let config = match &args.config {
        Some(path) => Some(path.clone()),
        None => {
            let here = std::env::current_dir()
                .map_err(|err| format!("cannot read the current folder: {err}"))?;
            super::configs::nearest_config(&here)
        }
    };
    let hint = format!(
        "add `catalogue = \"{DEFAULT_OUTPUT}\"` to checkout-lint.toml so that the rules read it"
    );
    let Some(config) = config else {
        let path = config::CatalogueFiles::beside(Path::new(""), DEFAULT_OUTPUT)?;
        return Ok((path, Some(hint)));
    };
    let files = config::catalogue_files(&config).map_err(|err| err.to_string())?;
    match files {
        None => {
            let path = config::CatalogueFiles::beside(config_dir(&config), DEFAULT_OUTPUT)?;
            Ok((path, Some(hint)))
        }
        Some(files) => files
            .for_environment(args.environment)
            .map(|path| (path.to_path_buf(), None))
            .ok_or_else(|| no_file_for(&config, args.environment)),
    }
}

fn config_dir(config: &Path) -> &Path {
    config.parent().unwrap_or(Path::new("."))
}

fn no_file_for(config: &Path, environment: Environment) -> String {
    format!(
        "{} names no {environment} catalogue: add `{environment} = \"products.{}.json\"` under \
         [catalogue], or give -o FILE",
        crate::text::escape_line(&config.to_string_lossy()),
        environment.as_str().trim_end_matches("_mode")
    )
}
