//! What the project stage tells files about Dodo's adapters, which is the whole app's rather
//! than an import's: the better-auth plugin's server config (for the files that call the
//! plugin's client) and the routes Dodo's handlers serve (for the files that POST to the app's
//! own paths).

use std::path::Path;

use super::{Module, shown};
use crate::payload::adapter_config::ServerConfig;
use crate::payload::neighbours::Neighbours;
use crate::payload::routes::Route;

/// Hands each module's neighbours what the app's adapters say (`all` is by module).
pub(super) fn share(modules: &[Module], root: &Path, all: &mut [Neighbours]) {
    // One config, or none when several disagree.
    let server = ServerConfig::only(
        modules
            .iter()
            .flat_map(|module| {
                module
                    .facts
                    .server_checkouts
                    .iter()
                    .map(|checkout| ServerConfig {
                        file: Some(shown(&module.path)),
                        checkout: checkout.clone(),
                    })
            })
            .collect(),
    );
    // Placed by their modules' paths (Next.js) or registrations (Express); only modules that
    // serve one are looked at on disk.
    let routes: Vec<Route> = modules
        .iter()
        .filter(|module| !module.facts.routes.is_empty())
        .flat_map(|module| {
            let components = below_app_root(&module.path, root);
            module
                .facts
                .routes
                .iter()
                .filter_map(|route| route.place(&components))
                .collect::<Vec<_>>()
        })
        .collect();
    for (module, neighbours) in modules.iter().zip(all.iter_mut()) {
        if module.facts.posts && !routes.is_empty() {
            neighbours.routes = routes.clone();
        }
        if module.facts.calls_adapter {
            neighbours.server = server.clone();
        }
    }
}

/// The components of `path` below the folder of the app it belongs to: the nearest folder
/// above an `app` or `pages` (or `src/app`, `src/pages`) folder that holds a `package.json` or a `next.config.*`, as
/// Next.js roots an app; `path` below `root` when none does.
fn below_app_root<'p>(path: &'p Path, root: &Path) -> Vec<&'p str> {
    let components: Vec<&str> = path
        .strip_prefix(root)
        .ok()
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    let is_app_root = |dir: &Path| {
        [
            "package.json",
            "next.config.js",
            "next.config.mjs",
            "next.config.ts",
        ]
        .iter()
        .any(|file| dir.join(file).is_file())
    };
    let found = components.iter().enumerate().find_map(|(at, component)| {
        if *component != "app" && *component != "pages" {
            return None;
        }
        let start = match at.checked_sub(1).and_then(|before| components.get(before)) {
            Some(&"src") => at - 1,
            _ => at,
        };
        let dir = components[..start]
            .iter()
            .fold(root.to_path_buf(), |dir, c| dir.join(c));
        is_app_root(&dir).then_some(start)
    });
    match found {
        Some(start) => components[start..].to_vec(),
        None => components,
    }
}
