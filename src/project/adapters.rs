//! What the project stage tells files about Dodo's adapters, which is the whole app's rather
//! than an import's: the better-auth plugin's server config (for the files that call the
//! plugin's client) and the routes Dodo's handlers serve (for the files that POST to the app's
//! own paths).

use std::path::{Path, PathBuf};

use super::next_config::{BasePath, CONFIG_FILES, base_path};
use super::nuxt_config::below_nuxt_app;
use super::{Module, shown};
use crate::facts::adapters::{Adapter, BETTER_AUTH, EXPRESS, NEXTJS, NUXT_CHECKOUT};
use crate::payload::adapter_config::ServerConfig;
use crate::payload::neighbours::Neighbours;
use crate::payload::routes::{ModuleRoute, Route, Segment};

/// Text every module that tells the whole app something has: the better-auth plugin's server
/// config, a Next.js or Express handler's route, Nuxt's auto-imported handler. An editor reads
/// such modules of its workspace even when no open document imports them.
const APP_WIDE: &[&str] = &[BETTER_AUTH, NEXTJS, EXPRESS, NUXT_CHECKOUT];

/// True when a module's bytes may tell the whole app something (see [`APP_WIDE`]).
pub(crate) fn shares_app_wide(bytes: &[u8]) -> bool {
    APP_WIDE
        .iter()
        .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

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
    // serve one are looked at on disk. Each with the folder of the app that serves it: a
    // Next.js or Nuxt route is only its own app's (another app of a monorepo may serve the same
    // path with its own code), an Express route the whole project's (a front-end elsewhere may
    // reach it through a proxy).
    let routes: Vec<(PathBuf, Route)> = modules
        .iter()
        .filter(|module| !module.facts.routes.is_empty())
        .flat_map(|module| {
            let (app, components) = below_app_root(&module.path, root);
            let base = app.as_ref().map_or(BasePath::None, |app| base_path(app));
            module
                .facts
                .routes
                .iter()
                .filter_map(|route| {
                    let (served_by, placed) = match route {
                        // Nitro's routes are placed below the Nuxt app's own root.
                        ModuleRoute::NuxtDefault => {
                            let (nuxt_app, below) = below_nuxt_app(&module.path, root)?;
                            (nuxt_app, route.place(&below)?)
                        }
                        ModuleRoute::Express(_) => (root.to_path_buf(), route.place(&components)?),
                        _ => (
                            app.clone().unwrap_or_else(|| root.to_path_buf()),
                            route.place(&components)?,
                        ),
                    };
                    Some((served_by, under_base_path(placed, &base)?))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for (module, neighbours) in modules.iter().zip(all.iter_mut()) {
        if module.facts.posts {
            neighbours.routes = routes
                .iter()
                .filter(|(served_by, _)| module.path.starts_with(served_by))
                .map(|(_, route)| route.clone())
                .collect();
        }
        if module.facts.calls_adapter {
            neighbours.server = server.clone();
        }
    }
}

/// A Next.js route as the app serves it, below its `basePath`; `None` when that is not known.
fn under_base_path(mut route: Route, base: &BasePath) -> Option<Route> {
    if route.adapter != Adapter::NextjsRoute {
        return Some(route);
    }
    match base {
        BasePath::None => Some(route),
        BasePath::Unknown => None,
        BasePath::Literal(parts) => {
            let mut segments: Vec<Segment> = parts
                .iter()
                .map(|part| Segment::Static(part.clone()))
                .collect();
            segments.append(&mut route.segments);
            route.segments = segments;
            Some(route)
        }
    }
}

/// The folder of the app `path` belongs to — the nearest folder above an `app` or `pages` (or
/// `src/app`, `src/pages`) folder that holds a `package.json` or a `next.config.*`, as Next.js
/// roots an app — and the components of `path` below it (below `root` when none does).
fn below_app_root<'p>(path: &'p Path, root: &Path) -> (Option<PathBuf>, Vec<&'p str>) {
    let components: Vec<&str> = path
        .strip_prefix(root)
        .ok()
        .into_iter()
        .flat_map(|p| p.components())
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    let is_app_root = |dir: &Path| {
        std::iter::once(&"package.json")
            .chain(CONFIG_FILES)
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
        is_app_root(&dir).then_some((dir, start))
    });
    match found {
        Some((dir, start)) => (Some(dir), components[start..].to_vec()),
        None => (None, components),
    }
}
