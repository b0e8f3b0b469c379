//! Which JSON files are checkout payloads. A repository holds many JSON files that are not
//! (`package.json`, `tsconfig.json`, lockfiles, manifests, tool config, migration metadata,
//! data): linting them as payloads reports every key of theirs as unknown. A walked JSON file is
//! a payload when it looks like one; well-known project files never are.

use std::path::Path;
use std::sync::OnceLock;

use crate::tree::{self, Arena, Node};

/// Files that are never checkout payloads, by name.
const PROJECT_FILES: &[&str] = &[
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "composer.json",
    "composer.lock",
    "components.json",
    "manifest.json",
    "vercel.json",
    "now.json",
    "netlify.json",
    "turbo.json",
    "biome.json",
    "biome.jsonc",
    "nx.json",
    "project.json",
    "lerna.json",
    "angular.json",
    "firebase.json",
    "app.json",
    "deno.json",
    "deno.jsonc",
    "jsr.json",
    "renovate.json",
    "tslint.json",
    "nodemon.json",
    "babel.config.json",
    "jest.config.json",
    "cypress.json",
    "wrangler.json",
    "wrangler.jsonc",
    "tauri.conf.json",
    "capacitor.config.json",
    "dprint.json",
    "knip.json",
    "typedoc.json",
    "vitest.workspace.json",
    "openapi.json",
    "swagger.json",
];

/// Name prefixes of project files: `tsconfig.json`, `tsconfig.build.json`, `.eslintrc.json` …
const PROJECT_PREFIXES: &[&str] = &[
    "tsconfig",
    "jsconfig",
    ".eslintrc",
    ".prettierrc",
    ".stylelintrc",
    ".babelrc",
    ".swcrc",
    ".releaserc",
    ".lintstagedrc",
];

/// Folders whose JSON is tool state: Drizzle's `migrations/meta`, editors' settings.
const PROJECT_FOLDERS: &[&[&str]] = &[&["migrations", "meta"], &[".vscode"], &[".devcontainer"]];

/// True for a well-known project file (`package.json`, `tsconfig.*.json`, a web manifest, tool
/// config, migration metadata): never a checkout payload, even when named.
pub(crate) fn is_project_file(path: &Path) -> bool {
    // Read as bytes split at separators, not through `Path`'s component parser, and compared
    // without case and without a lowercased copy: a walk asks this of every JSON file.
    let mut parts = path
        .as_os_str()
        .as_encoded_bytes()
        .split(|&byte| std::path::is_separator(char::from(byte)))
        .filter(|part| !part.is_empty() && *part != b".");
    let Some(name) = parts.next_back() else {
        return false;
    };
    let named = PROJECT_FILES
        .iter()
        .any(|file| name.eq_ignore_ascii_case(file.as_bytes()))
        || name.len() >= WEB_MANIFEST.len()
            && name[name.len() - WEB_MANIFEST.len()..].eq_ignore_ascii_case(WEB_MANIFEST)
        || PROJECT_PREFIXES.iter().any(|prefix| {
            name.get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
        });
    named || in_project_folder(parts)
}

const WEB_MANIFEST: &[u8] = b".webmanifest";

/// The longest folder sequence in [`PROJECT_FOLDERS`]: the folders above a file are matched
/// through a window of this many names, without collecting them.
const LONGEST_FOLDERS: usize = 2;
const _: () = {
    let mut index = 0;
    while index < PROJECT_FOLDERS.len() {
        assert!(PROJECT_FOLDERS[index].len() <= LONGEST_FOLDERS);
        index += 1;
    }
};

/// Whether `folders`, outermost first, contain one of [`PROJECT_FOLDERS`] in sequence.
fn in_project_folder<'p>(folders: impl Iterator<Item = &'p [u8]>) -> bool {
    let mut window: [&[u8]; LONGEST_FOLDERS] = [b""; LONGEST_FOLDERS];
    for (seen, folder) in folders.enumerate() {
        window.rotate_left(1);
        window[LONGEST_FOLDERS - 1] = folder;
        let filled = &window[LONGEST_FOLDERS - (seen + 1).min(LONGEST_FOLDERS)..];
        let matches = |tail: &&[&str]| {
            filled.len() >= tail.len()
                && filled[filled.len() - tail.len()..]
                    .iter()
                    .zip(tail.iter())
                    .all(|(part, name)| *part == name.as_bytes())
        };
        if PROJECT_FOLDERS.iter().any(matches) {
            return true;
        }
    }
    false
}

/// The top-level fields of a checkout session, from the schema.
fn fields() -> &'static [&'static str] {
    static FIELDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        crate::schema::docs::at_pointer("")
            .map(|schema| {
                crate::schema::docs::properties(schema)
                    .into_iter()
                    .map(|(name, _)| name)
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// How a key relates to the checkout-session fields.
#[derive(PartialEq, Eq)]
enum Kinship {
    /// A field, in any case style (`productCart`).
    Field,
    /// A typo close enough for a did-you-mean (`billing_adress`).
    NearMiss,
    None,
}

fn kinship(key: &str) -> Kinship {
    let fields = fields();
    let snake = snake_case(key);
    if fields.contains(&key) || fields.contains(&snake.as_str()) {
        Kinship::Field
    } else if crate::suggest::closest(&snake, fields.iter().copied()).is_some() {
        Kinship::NearMiss
    } else {
        Kinship::None
    }
}

/// The key every payload has: written, in another case, or misspelt, it decides alone.
fn is_cart_key(key: &str) -> bool {
    let snake = snake_case(key);
    snake == CART || crate::suggest::closest(&snake, [CART]).is_some()
}

const CART: &str = "product_cart";

/// The most keys looked at: a payload's top level has a few dozen.
const MAX_KEYS: usize = 256;

fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '-' {
            out.push('_');
        } else {
            out.push(c);
        }
    }
    out
}

/// True when JSON text looks like a checkout payload: its top level is an object most of whose
/// keys are checkout-session fields or near misses of them. Text that does not parse is judged
/// by the keys it seems to hold (`"key":`), so a payload file with a syntax error is still
/// linted and reported.
pub(crate) fn looks_like_payload(text: &str) -> bool {
    let arena = Arena::for_text(text.len());
    match tree::parse(text, &arena) {
        Ok(root) => is_payload_tree(&root),
        Err(_) => is_payload_text(text),
    }
}

/// [`looks_like_payload`] for a document already parsed.
pub(crate) fn is_payload_tree(root: &Node<'_>) -> bool {
    match root.as_object() {
        Some(members) => mostly_fields(members.iter().map(|member| member.key)),
        None => false,
    }
}

/// [`looks_like_payload`] for text that did not parse: judged by the `"key":` strings it holds.
pub(crate) fn is_payload_text(text: &str) -> bool {
    mostly_fields(written_keys(text))
}

/// A cart key decides alone; otherwise at least one real field, and most keys fields or near
/// misses (a lone `"config"` is not a misspelt `"confirm"` payload).
fn mostly_fields<'k>(keys: impl Iterator<Item = &'k str>) -> bool {
    fields_outnumber(keys, true)
}

/// True when a call's keywords are a checkout session's (a Python client the file does not
/// show): at least one field, and most keywords fields or near misses — the cart does not
/// decide alone here, since a table may have a `product_cart` column beside its own.
pub(crate) fn keywords_are_a_sessions<'k>(keys: impl Iterator<Item = &'k str>) -> bool {
    fields_outnumber(keys, false)
}

fn fields_outnumber<'k>(keys: impl Iterator<Item = &'k str>, cart_decides: bool) -> bool {
    let (mut total, mut fields, mut near) = (0usize, 0usize, 0usize);
    for key in keys.filter(|key| key.len() < 64).take(MAX_KEYS) {
        if cart_decides && is_cart_key(key) {
            return true;
        }
        total += 1;
        match kinship(key) {
            Kinship::Field => fields += 1,
            Kinship::NearMiss => near += 1,
            Kinship::None => {}
        }
    }
    fields > 0 && (fields + near) * 2 > total
}

/// The `"key":` strings of text that does not parse, found lazily.
fn written_keys(text: &str) -> impl Iterator<Item = &str> {
    let mut pieces = text.split('"').peekable();
    std::iter::from_fn(move || {
        loop {
            let piece = pieces.next()?;
            let next = pieces.peek()?;
            if !piece.is_empty() && next.trim_start().starts_with(':') {
                return Some(piece);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_and_their_near_misses_are_payloads() {
        // The cart decides alone, whatever else the file holds.
        assert!(looks_like_payload(
            r#"{"productCart": [], "successUrl": "x", "customerEmail": "y", "currency": "z"}"#
        ));
        assert!(looks_like_payload(
            r#"{"customer": {}, "billing_adress": {}}"#
        ));
        assert!(looks_like_payload(
            r#"{"product_cart": [], "confirm": true}"#
        ));
        assert!(looks_like_payload(
            r#"{"productCart": [], "billing_adress": {}}"#
        ));
        assert!(looks_like_payload(
            r#"{"product_cart": [], "billing_currency": "USD",}"#
        ));
    }

    #[test]
    fn other_json_is_not() {
        for text in [
            r#"{"name": "app", "version": "1.0.0", "config": {}, "scripts": {}}"#,
            r#"{"compilerOptions": {"strict": true}, // comment
               "include": ["src"]}"#,
            r#"{"type": "service_account", "project_id": "x", "private_key": "-----"}"#,
            r#"[{"product_cart": []}]"#,
            r#"{"config": {"port": 3000}}"#,
            r#"{"config": {"port": 3000}}"#,
            "{}",
            "",
        ] {
            assert!(!looks_like_payload(text), "{text}");
        }
    }

    #[test]
    fn project_files_by_name_and_folder() {
        for path in [
            "package.json",
            "apps/web/tsconfig.build.json",
            "drizzle/migrations/meta/_journal.json",
            "public/site.webmanifest",
            ".vscode/settings.json",
            "Package.JSON",
            "web/TSConfig.app.json",
            "public/Site.WebManifest",
            "apps/web/.vscode/extra/settings.json",
            "/abs/db/migrations/meta/0001_snapshot.json",
        ] {
            assert!(is_project_file(Path::new(path)), "{path}");
        }
        for path in [
            "payloads/checkout.json",
            "manifests/checkout.json",
            "meta/x.json",
            "migrations/x/meta/y.json",
            "meta/migrations/y.json",
            "migrations/meta.json",
            "my-package.json",
            "webmanifest",
        ] {
            assert!(!is_project_file(Path::new(path)), "{path}");
        }
    }
}
