//! Code people write beside Dodo's route handlers that is not a checkout through them: each
//! small project here must say nothing (or only what is certain). A false alarm on a body the
//! app posts to its own route is the worst a linter can do, so each of these is a regression.

use crate::project::{found, json_in};

/// A temporary repository holding `files` (path, text).
fn app(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("folder");
        }
        std::fs::write(path, text).expect("file");
    }
    dir
}

/// The findings of `checkout-lint .` in `files`.
fn findings(files: &[(&str, &str)]) -> Vec<String> {
    let dir = app(files);
    let (document, stderr) = json_in(dir.path(), &["."]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    found(&document)
}

const PACKAGE: &str = "{ \"name\": \"app\", \"private\": true }\n";

const DODO_ROUTE: &str = "import { Checkout } from \"@dodopayments/nextjs\";\n\
export const POST = Checkout({ bearerToken: process.env.KEY, type: \"session\" });\n";

/// A body with a cart and a key of the app's own (`plan`): through Dodo's handler, `plan` would
/// be an unknown field. (A module that mentions neither a cart nor Dodo is never read.)
const OWN_PAGE: &str = "\"use client\";\n\
export default function Pricing() {\n\
  async function buy() {\n\
    const res = await fetch(\"/api/checkout\", {\n\
      method: \"POST\",\n\
      body: JSON.stringify({ product_cart: [{ product_id: \"pdt_1\", quantity: 1 }], plan: \"pro\" }),\n\
    });\n\
    const { url } = await res.json();\n\
    window.location.href = url;\n\
  }\n\
  return <button onClick={buy}>Buy</button>;\n\
}\n";

/// The app's own route at `/api/checkout`: it reads `plan` and creates the session with the SDK.
const OWN_ROUTE: &str = "import DodoPayments from \"dodopayments\";\n\
const client = new DodoPayments();\n\
export async function POST(req) {\n\
  const { product_cart, plan } = await req.json();\n\
  const session = await client.checkoutSessions.create({ product_cart, metadata: { plan } });\n\
  return Response.json({ url: session.checkout_url });\n\
}\n";

#[test]
fn another_app_of_a_monorepo_posting_to_the_same_path_is_not_dodo_s() {
    // `apps/shop` serves `/api/checkout` with Dodo's handler; `apps/web` serves its own
    // `/api/checkout` and posts its own body there. The web app's body never reaches Dodo's
    // handler: nothing is said of it.
    let found = findings(&[
        (
            "package.json",
            "{ \"private\": true, \"workspaces\": [\"apps/*\"] }\n",
        ),
        ("apps/shop/package.json", PACKAGE),
        ("apps/shop/app/api/checkout/route.ts", DODO_ROUTE),
        ("apps/web/package.json", PACKAGE),
        ("apps/web/app/api/checkout/route.ts", OWN_ROUTE),
        ("apps/web/app/pricing/page.tsx", OWN_PAGE),
    ]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn the_same_app_s_body_is_still_the_handler_s() {
    // The counterpart of the monorepo case: inside the shop app, its own body is linted.
    let found = findings(&[
        (
            "package.json",
            "{ \"private\": true, \"workspaces\": [\"apps/*\"] }\n",
        ),
        ("apps/shop/package.json", PACKAGE),
        ("apps/shop/app/api/checkout/route.ts", DODO_ROUTE),
        ("apps/shop/app/pricing/page.tsx", OWN_PAGE),
    ]);
    assert!(
        found.iter().any(|f| f.ends_with("unknown-field")),
        "{found:?}"
    );
}

#[test]
fn a_nuxt_app_s_route_is_not_another_app_s() {
    // `shop/` is a Nuxt app with Dodo's module; `web/` is a Next app whose page posts to its
    // own `/api/checkout`.
    let found = findings(&[
        ("shop/package.json", PACKAGE),
        (
            "shop/nuxt.config.ts",
            "export default defineNuxtConfig({ modules: ['@dodopayments/nuxt'] });\n",
        ),
        (
            "shop/server/api/checkout.post.ts",
            "export default defineEventHandler(checkoutHandler({ type: 'session' }));\n",
        ),
        ("web/package.json", PACKAGE),
        ("web/app/api/checkout/route.ts", OWN_ROUTE),
        ("web/app/pricing/page.tsx", OWN_PAGE),
    ]);
    assert_eq!(found, Vec::<String>::new());
}

/// A Next app with Dodo's handler at `/api/checkout` and `page` as `app/pricing/page.tsx`.
fn next_app_page(page: &str) -> Vec<String> {
    findings(&[
        ("package.json", PACKAGE),
        ("app/api/checkout/route.ts", DODO_ROUTE),
        ("app/pricing/page.tsx", page),
    ])
}

#[test]
fn a_method_not_written_as_a_literal_post_is_not_followed() {
    let found = next_app_page(
        "export async function send(method) {\n\
  await fetch(\"/api/checkout\", { method, body: JSON.stringify({ product_cart: [], plan: \"p\" }) });\n\
}\n",
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn an_express_handler_of_the_app_s_own_is_not_dodo_s() {
    // `checkoutHandler` is the app's own (imported from its module, or declared here).
    for server in [
        "import express from 'express';\nimport { checkoutHandler } from './checkout';\n\
const app = express();\napp.post('/api/checkout', checkoutHandler({ type: 'session' }));\n",
        "import express from 'express';\nconst app = express();\n\
function checkoutHandler(options) { return (req, res) => res.json(options); }\n\
app.post('/api/checkout', checkoutHandler({ type: 'session' }));\n",
    ] {
        let found = findings(&[
            ("package.json", PACKAGE),
            ("server/index.ts", server),
            (
                "server/checkout.ts",
                "export function checkoutHandler(options) { return (req, res) => res.json(options); }\n",
            ),
            (
                "web/buy.ts",
                "export async function buy() {\n  await fetch('/api/checkout', { method: 'POST', body: JSON.stringify({ product_cart: [], plan: 'p' }) });\n}\n",
            ),
        ]);
        assert_eq!(found, Vec::<String>::new(), "{server}");
    }
}

#[test]
fn route_files_that_are_not_routes_serve_nothing() {
    // A test beside the route and a component folder's `route.ts` are no URL.
    for (path, text) in [
        ("app/api/checkout/route.test.ts", DODO_ROUTE),
        ("app/api/checkout/route.stories.tsx", DODO_ROUTE),
        ("components/app/api/checkout/route.ts", DODO_ROUTE),
        ("app/api/checkout/_route.ts", DODO_ROUTE),
        // A copy kept beside the route Next.js serves is no route either.
        ("app/api/checkout/route.old.ts", DODO_ROUTE),
        // Pages Router: `checkout.old.ts` serves `/api/checkout.old`, not `/api/checkout`.
        (
            "pages/api/checkout.old.ts",
            "import { Checkout } from \"@dodopayments/nextjs\";\nexport default Checkout({ type: \"session\" });\n",
        ),
    ] {
        let found = findings(&[
            ("package.json", PACKAGE),
            (path, text),
            ("app/pricing/page.tsx", OWN_PAGE),
        ]);
        assert_eq!(found, Vec::<String>::new(), "{path}");
    }
}

#[test]
fn nuxt_server_files_of_other_methods_do_not_take_the_body() {
    // `checkout.get.ts` is the static checkout (GET); `checkout.put.ts` takes no POST.
    for path in ["server/api/checkout.get.ts", "server/api/checkout.put.ts"] {
        let found = findings(&[
            ("package.json", PACKAGE),
            (
                "nuxt.config.ts",
                "export default defineNuxtConfig({ modules: ['@dodopayments/nuxt'] });\n",
            ),
            (
                path,
                "export default defineEventHandler(checkoutHandler({ type: 'session' }));\n",
            ),
            (
                "components/Buy.vue",
                "<script setup>\nasync function buy() {\n  await $fetch('/api/checkout', { method: 'POST', body: { product_cart: [], plan: 'p' } });\n}\n</script>\n",
            ),
        ]);
        assert_eq!(found, Vec::<String>::new(), "{path}");
    }
}

#[test]
fn a_checkout_the_project_knows_is_the_app_s_own_is_not_convex_s() {
    // `convex/lib.ts` is the app's own `checkout`, which sends the payload with the SDK (the
    // API takes `null` for `discount_code`): the component's validator is not in the way.
    let found = findings(&[
        ("package.json", PACKAGE),
        (
            "convex/lib.ts",
            "import DodoPayments from 'dodopayments';\n\
const client = new DodoPayments();\n\
export async function checkout(ctx, { payload }) {\n\
  return client.checkoutSessions.create(payload);\n\
}\n",
        ),
        (
            "convex/payments.ts",
            "import { checkout } from './lib';\n\
export async function buy(ctx) {\n\
  return checkout(ctx, { payload: { product_cart: [{ product_id: 'pdt_1', quantity: 1 }], discount_code: null } });\n\
}\n",
        ),
    ]);
    assert!(
        !found.iter().any(|f| f.ends_with("rejected-by-adapter")),
        "{found:?}"
    );
}

#[test]
fn a_response_of_another_fetch_under_a_shadowing_name_is_not_the_handler_s_answer() {
    // `res` in `profile()` is another request's: its `url` is not the handler's.
    let found = next_app_page(
        "export async function buy() {\n\
  const res = await fetch(\"/api/checkout\", {\n\
    method: \"POST\",\n\
    body: JSON.stringify({ product_cart: [{ product_id: \"pdt_1\", quantity: 1 }] }),\n\
  });\n\
  const { checkout_url } = await res.json();\n\
  async function profile() {\n\
    const res = await fetch(\"/api/me\");\n\
    const me = await res.json();\n\
    return me.url;\n\
  }\n\
  return [checkout_url, await profile()];\n\
}\n",
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn a_response_name_assigned_another_request_is_not_the_handler_s_answer() {
    let found = next_app_page(
        "export async function buy() {\n\
  let res = await fetch(\"/api/checkout\", {\n\
    method: \"POST\",\n\
    body: JSON.stringify({ product_cart: [{ product_id: \"pdt_1\", quantity: 1 }] }),\n\
  });\n\
  const { checkout_url } = await res.json();\n\
  res = await fetch(\"/api/me\");\n\
  const me = await res.json();\n\
  return [checkout_url, me.url];\n\
}\n",
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn a_body_fetched_with_another_base_url_is_not_the_app_s_route() {
    // ofetch's `baseURL` (and axios's) sends the request to another server: the app's own
    // `/api/checkout` handler never sees it.
    for call in [
        "await $fetch('/api/checkout', { baseURL: 'https://billing.example.com', method: 'POST', body: { product_cart: [], plan: 'p' } });",
        "await axios.post('/api/checkout', { product_cart: [], plan: 'p' }, { baseURL: 'https://billing.example.com' });",
    ] {
        let found = findings(&[
            ("package.json", PACKAGE),
            (
                "nuxt.config.ts",
                "export default defineNuxtConfig({ modules: ['@dodopayments/nuxt'] });\n",
            ),
            (
                "server/api/checkout.post.ts",
                "export default defineEventHandler(checkoutHandler({ type: 'session' }));\n",
            ),
            (
                "composables/buy.ts",
                &format!(
                    "import axios from 'axios';\nexport async function buy() {{\n  {call}\n}}\n"
                ),
            ),
        ]);
        assert_eq!(found, Vec::<String>::new(), "{call}");
    }
}

#[test]
fn keys_the_nuxt_route_reads_itself_before_the_handler_are_not_ignored() {
    // The route reads `plan` from the body (h3 caches it) before handing the event over: `plan`
    // is the app's own key, not one Dodo's handler merely drops.
    let found = findings(&[
        ("package.json", PACKAGE),
        (
            "nuxt.config.ts",
            "export default defineNuxtConfig({ modules: ['@dodopayments/nuxt'] });\n",
        ),
        (
            "server/api/checkout.post.ts",
            "export default defineEventHandler(async (event) => {\n\
  const { plan } = await readBody(event);\n\
  if (!(await allowed(plan))) throw createError({ statusCode: 403 });\n\
  const handler = checkoutHandler({ type: 'session' });\n\
  return handler(event);\n\
});\n",
        ),
        (
            "components/Buy.vue",
            "<script setup>\nasync function buy() {\n  await $fetch('/api/checkout', { method: 'POST', body: { product_cart: [{ product_id: 'pdt_1', quantity: 1 }], plan: 'pro' } });\n}\n</script>\n",
        ),
    ]);
    assert_eq!(found, Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_route_below_a_folder_whose_name_is_not_utf8_is_not_another_route() {
    // `app/api/<not UTF-8>/checkout/route.ts` serves `/api/<that>/checkout`: dropping the
    // folder would make it `/api/checkout`, where the page posts its own body.
    use std::os::unix::ffi::OsStrExt;
    let dir = app(&[
        ("package.json", PACKAGE),
        ("app/pricing/page.tsx", OWN_PAGE),
    ]);
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9");
    let folder = dir.path().join("app/api").join(odd).join("checkout");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("route.ts"), DODO_ROUTE).expect("route");
    let (document, _) = json_in(dir.path(), &["."]);
    assert_eq!(found(&document), Vec::<String>::new());
}
