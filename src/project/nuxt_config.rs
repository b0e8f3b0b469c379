//! The Nuxt app a server file belongs to: the nearest folder above it that holds a
//! `nuxt.config.*`. Its server routes are Dodo's checkout handler's only when the config
//! registers `@dodopayments/nuxt` (the module is what auto-imports `checkoutHandler`), and
//! their URLs are known only when the config moves nothing: `srcDir`/`serverDir` (another
//! `server/` folder) and `baseURL` (every route below it, and `$fetch` prefixed with it) leave
//! them unknown. Read as text, as `next_config` reads `basePath`.

use std::path::{Path, PathBuf};

use crate::facts::adapters::NUXT;

/// The config files Nuxt reads.
const CONFIG_FILES: &[&str] = &["nuxt.config.ts", "nuxt.config.js", "nuxt.config.mjs"];

/// The largest config read.
const MAX_CONFIG: u64 = 1 << 20;

/// Keys that move the server's folder or its URLs.
const MOVES_ROUTES: &[&str] = &["srcDir", "serverDir", "baseURL"];

/// The root of the Nuxt app that holds `path` (no higher than `root`) and the components of
/// `path` below it, when that app's config registers Dodo's module and moves none of its
/// routes.
pub(super) fn below_nuxt_app<'p>(path: &'p Path, root: &Path) -> Option<(PathBuf, Vec<&'p str>)> {
    let relative = path.strip_prefix(root).ok()?;
    let components: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    // The nearest config above the file wins (a nested app is its own).
    let depth = (0..components.len()).rev().find_map(|depth| {
        let dir = components[..depth]
            .iter()
            .fold(root.to_path_buf(), |dir, c| dir.join(c));
        config_text(&dir).map(|text| (depth, dir, text))
    });
    let (depth, dir, text) = depth?;
    serves_dodo_routes(&text).then(|| (dir, components[depth..].to_vec()))
}

fn config_text(dir: &Path) -> Option<String> {
    CONFIG_FILES.iter().find_map(|name| {
        crate::untrusted_file::read(&dir.join(name), MAX_CONFIG)
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    })
}

/// True when the config registers the module (its name as a string) and moves no route.
fn serves_dodo_routes(text: &str) -> bool {
    let registered = ['"', '\'', '`']
        .iter()
        .any(|quote| text.contains(&format!("{quote}{NUXT}{quote}")));
    registered && !MOVES_ROUTES.iter().any(|key| text.contains(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_config_that_registers_the_module_and_moves_nothing_serves_its_routes() {
        assert!(serves_dodo_routes(
            "export default defineNuxtConfig({ modules: [\"@dodopayments/nuxt\"] })"
        ));
        assert!(serves_dodo_routes(
            "modules: ['@nuxt/ui', '@dodopayments/nuxt']"
        ));
        assert!(!serves_dodo_routes(
            "export default defineNuxtConfig({ modules: [] })"
        ));
        assert!(!serves_dodo_routes(
            "modules: ['@dodopayments/nuxt'], app: { baseURL: '/shop/' }"
        ));
        assert!(!serves_dodo_routes(
            "modules: ['@dodopayments/nuxt'], srcDir: 'src/'"
        ));
        assert!(!serves_dodo_routes("modules: ['@dodopayments/nuxt-extra']"));
    }
}
