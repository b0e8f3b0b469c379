//! The app's own routes that Dodo's route-handler adapters serve, mapped as the frameworks map
//! them: a Next.js App Router `route.*` file by its folders (a Pages Router `pages/api/*` file by
//! its name) (route groups `(group)` left out,
//! `[slug]` any one segment, `[...slug]` the rest), an Express `app.post('/path', …)` by its
//! path (`:id` any one segment), a Nuxt server file by its path below `server/api` or
//! `server/routes` (Nitro's names). A body the app POSTs to a path one of them claims is a
//! checkout session. Host-neutral: a front-end says which modules handle what, the project
//! stage places them.

use crate::facts::adapters::Adapter;

/// A module's handler, before the project stage places it: Next.js's by the module's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ModuleRoute {
    /// The module exports `POST = Checkout({ type: 'session' })`.
    NextPost,
    /// The module's default export is `Checkout({ type: 'session' })` (a Pages Router API
    /// route).
    NextDefault,
    /// `app.post(path, checkoutHandler({ type: 'session' }))`.
    Express(String),
    /// The default export hands its event to Nuxt's `checkoutHandler({ type: 'session' })`
    /// (placed below the Nuxt app's root, whose config the project stage reads).
    NuxtDefault,
}

impl ModuleRoute {
    /// The route this is in the module at `components` (its path below the project root).
    pub(crate) fn place(&self, components: &[&str]) -> Option<Route> {
        let (segments, adapter) = match self {
            Self::NextPost => (next_app_route(components)?, Adapter::NextjsRoute),
            Self::NextDefault => (next_pages_route(components)?, Adapter::NextjsRoute),
            Self::Express(path) => (express_route(path)?, Adapter::ExpressRoute),
            Self::NuxtDefault => (nuxt_route(components)?, Adapter::NuxtRoute),
        };
        Some(Route { segments, adapter })
    }
}

/// One segment of a route's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    Static(String),
    /// `[id]`, `:id`: any one segment.
    One,
    /// `[...rest]`, `[[...rest]]`: one or more (zero for the optional form) to the end.
    Rest {
        optional: bool,
    },
}

/// A path the app serves with an adapter's handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub(crate) segments: Vec<Segment>,
    pub(crate) adapter: Adapter,
}

impl Route {
    /// True when the request path `path` (`/api/checkout`) is this route's.
    pub(crate) fn claims(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let mut at = 0;
        for segment in &self.segments {
            match segment {
                Segment::Static(text) => {
                    if parts.get(at) != Some(&text.as_str()) {
                        return false;
                    }
                    at += 1;
                }
                Segment::One => {
                    if parts.get(at).is_none() {
                        return false;
                    }
                    at += 1;
                }
                Segment::Rest { optional } => return *optional || at < parts.len(),
            }
        }
        at == parts.len()
    }
}

/// The route of a Next.js App Router file, from its path's components below the project root
/// (`["src", "app", "api", "checkout", "route.ts"]` → `/api/checkout`); `None` for a file that
/// is not a route handler, or a folder that is not part of a URL (`_private`, `@slot`).
pub(crate) fn next_app_route(components: &[&str]) -> Option<Vec<Segment>> {
    let (file, folders) = components.split_last()?;
    // Next.js serves `route.<ext>` only: `route.test.ts` or a kept `route.old.ts` is no route.
    if file.rsplit_once('.').map(|(stem, _)| stem) != Some("route") {
        return None;
    }
    // `app/` at the root of the project or of `src/`, as Next.js looks for it.
    let below = match folders {
        ["app", rest @ ..] | ["src", "app", rest @ ..] => rest,
        _ => return None,
    };
    let mut segments = Vec::new();
    for folder in below {
        if folder.starts_with('(') && folder.ends_with(')') {
            continue;
        }
        if folder.starts_with('_') || folder.starts_with('@') {
            return None;
        }
        segments
            .push(dynamic(folder, '[', ']').unwrap_or_else(|| Segment::Static(folder.to_string())));
    }
    Some(segments)
}

/// The route of a Next.js Pages Router API file (`["pages", "api", "checkout.ts"]` →
/// `/api/checkout`, `pages/api/checkout/index.ts` the same); `None` outside `pages/api/`.
pub(crate) fn next_pages_route(components: &[&str]) -> Option<Vec<Segment>> {
    let (file, folders) = components.split_last()?;
    let below = match folders {
        ["pages", "api", rest @ ..] | ["src", "pages", "api", rest @ ..] => rest,
        _ => return None,
    };
    // The name without its extension: `checkout.old.ts` serves `/api/checkout.old`.
    let stem = file.rsplit_once('.').map_or(*file, |(stem, _)| stem);
    let mut segments = vec![Segment::Static("api".to_string())];
    let parts = below
        .iter()
        .copied()
        .chain((stem != "index").then_some(stem));
    for part in parts {
        if part.starts_with('_') {
            return None;
        }
        segments.push(dynamic(part, '[', ']').unwrap_or_else(|| Segment::Static(part.to_string())));
    }
    Some(segments)
}

/// `[x]` → one, `[...x]` → rest, `[[...x]]` → optional rest.
fn dynamic(folder: &str, open: char, close: char) -> Option<Segment> {
    let inner = folder.strip_prefix(open)?.strip_suffix(close)?;
    if let Some(optional) = inner.strip_prefix(open).and_then(|i| i.strip_suffix(close)) {
        return optional
            .starts_with("...")
            .then_some(Segment::Rest { optional: true });
    }
    Some(if inner.starts_with("...") {
        Segment::Rest { optional: false }
    } else {
        Segment::One
    })
}

/// The HTTP methods a Nitro route file may name after its route (`checkout.post.ts`).
const NITRO_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "connect", "trace",
];

/// The route of a Nuxt server file that takes a POST, from its path's components below the
/// Nuxt app's root, as Nitro maps them: `server/api/…` below `/api`, `server/routes/…` at the
/// root, `index` its folder, `[id]` any one segment, `[...slug]` the rest, `.post`/no method
/// suffix a POST route. `None` for a file that takes no POST (`checkout.get.ts`) or a name
/// this does not read (another suffix, `[[x]]`, a partly dynamic segment, `_`/`-` prefixes,
/// which Nitro or Nuxt may ignore).
pub(crate) fn nuxt_route(components: &[&str]) -> Option<Vec<Segment>> {
    let (file, folders) = components.split_last()?;
    let (mut segments, below) = match folders {
        ["server", "api", rest @ ..] => (vec![Segment::Static("api".to_string())], rest),
        ["server", "routes", rest @ ..] => (Vec::new(), rest),
        _ => return None,
    };
    // `name.method.ext`; a dot inside brackets is a catch-all's (`[...slug].ts`).
    let (name, _extension) = file.rsplit_once('.')?;
    let (stem, method) = match name.rsplit_once('.') {
        Some((stem, method)) if !method.contains(']') => (stem, Some(method)),
        _ => (name, None),
    };
    match method {
        None | Some("post") => {}
        Some(method) if NITRO_METHODS.contains(&method) => return None,
        // Another suffix (`.prod`, `.dev`): not read.
        Some(_) => return None,
    }
    if stem
        .rsplit_once('.')
        .is_some_and(|(_, rest)| !rest.contains(']'))
    {
        return None;
    }
    let names = below
        .iter()
        .copied()
        .chain((stem != "index").then_some(stem));
    for name in names {
        if name.is_empty() || name.starts_with(['_', '-']) || name.starts_with("[[") {
            return None;
        }
        let segment = match dynamic(name, '[', ']') {
            Some(segment) => segment,
            None if name.contains(['[', ']']) => return None,
            None => Segment::Static(name.to_string()),
        };
        segments.push(segment);
    }
    Some(segments)
}

/// An Express path (`/api/checkout`, `/api/:plan/checkout`); `None` for a pattern this does not
/// read (wildcards, regular expressions, optional parameters).
pub(crate) fn express_route(path: &str) -> Option<Vec<Segment>> {
    if !path.starts_with('/') || path.contains(['*', '(', '?', '+']) {
        return None;
    }
    Some(
        path.split('/')
            .filter(|p| !p.is_empty())
            .map(|part| match part.starts_with(':') {
                true => Segment::One,
                false => Segment::Static(part.to_string()),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(path: &str) -> Option<Route> {
        let components: Vec<&str> = path.split('/').collect();
        Some(Route {
            segments: next_app_route(&components)?,
            adapter: Adapter::NextjsRoute,
        })
    }

    #[test]
    fn next_routes_are_mapped_as_next_maps_them() {
        let plain = next("src/app/api/checkout/route.ts");
        assert!(plain.as_ref().is_some_and(|r| r.claims("/api/checkout")));
        assert!(plain.as_ref().is_some_and(|r| !r.claims("/api/checkout/x")));
        assert!(plain.is_some_and(|r| !r.claims("/api")));
        let grouped = next("app/(billing)/api/[plan]/checkout/route.js");
        assert!(grouped.is_some_and(|r| r.claims("/api/pro/checkout")));
        let rest = next("app/api/[...all]/route.ts");
        assert!(rest.as_ref().is_some_and(|r| r.claims("/api/a/b")));
        assert!(rest.is_some_and(|r| !r.claims("/api")));
        assert!(next("app/api/[[...all]]/route.ts").is_some_and(|r| r.claims("/api")));
        assert!(next("app/_lib/route.ts").is_none());
        assert!(next("app/api/checkout/page.tsx").is_none());
        assert!(next("app/api/checkout/route.test.ts").is_none());
        assert!(next("lib/app/route.ts").is_none());
    }

    #[test]
    fn pages_api_routes_are_mapped_by_file() {
        let pages = |path: &str| {
            let components: Vec<&str> = path.split('/').collect();
            next_pages_route(&components).map(|segments| Route {
                segments,
                adapter: Adapter::NextjsRoute,
            })
        };
        assert!(pages("pages/api/checkout.ts").is_some_and(|r| r.claims("/api/checkout")));
        assert!(
            pages("src/pages/api/checkout/index.ts").is_some_and(|r| r.claims("/api/checkout"))
        );
        assert!(pages("pages/api/[plan].ts").is_some_and(|r| r.claims("/api/pro")));
        assert!(pages("pages/checkout.tsx").is_none());
        assert!(
            pages("pages/api/checkout.old.ts")
                .is_some_and(|r| r.claims("/api/checkout.old") && !r.claims("/api/checkout"))
        );
        assert!(pages("pages/api/_helpers.ts").is_none());
    }

    #[test]
    fn nuxt_server_files_that_take_a_post_are_mapped_as_nitro_maps_them() {
        let nuxt = |path: &str| {
            let components: Vec<&str> = path.split('/').collect();
            nuxt_route(&components).map(|segments| Route {
                segments,
                adapter: Adapter::NuxtRoute,
            })
        };
        let post = nuxt("server/api/checkout.post.ts");
        assert!(post.as_ref().is_some_and(|r| r.claims("/api/checkout")));
        assert!(post.is_some_and(|r| !r.claims("/checkout")));
        assert!(nuxt("server/routes/api/checkout.ts").is_some_and(|r| r.claims("/api/checkout")));
        assert!(nuxt("server/routes/pay/index.post.js").is_some_and(|r| r.claims("/pay")));
        assert!(
            nuxt("server/api/[plan]/checkout.post.ts")
                .is_some_and(|r| r.claims("/api/pro/checkout"))
        );
        assert!(nuxt("server/api/pay/[...slug].ts").is_some_and(|r| r.claims("/api/pay/a/b")));
        // Takes no POST, or named in ways not read.
        assert!(nuxt("server/routes/api/checkout.get.ts").is_none());
        assert!(nuxt("server/api/checkout.post.prod.ts").is_none());
        assert!(nuxt("server/api/pay-[id].ts").is_none());
        assert!(nuxt("server/api/_utils/checkout.ts").is_none());
        assert!(nuxt("server/middleware/checkout.ts").is_none());
        assert!(nuxt("api/checkout.post.ts").is_none());
    }

    #[test]
    fn express_paths_with_parameters_and_nothing_else() {
        let route = |path| {
            express_route(path).map(|segments| Route {
                segments,
                adapter: Adapter::ExpressRoute,
            })
        };
        assert!(route("/api/checkout").is_some_and(|r| r.claims("/api/checkout/")));
        assert!(route("/api/:plan/checkout").is_some_and(|r| r.claims("/api/pro/checkout")));
        assert!(route("/api/*").is_none());
        assert!(route("api").is_none());
    }
}
