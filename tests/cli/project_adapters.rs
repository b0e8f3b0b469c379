//! Dodo's adapters across files: a better-auth app (`tests/fixtures/projects/better_auth/`,
//! shaped as `@dodopayments/better-auth` 1.6.6's README sets one up) whose server config in
//! `src/lib/auth.ts` is the catalogue of slugs that components in other files send through
//! the client of `src/lib/auth-client.ts`.

use serde_json::Value;

use crate::project::{found, json_in, project};

/// The diagnostic of `rule` in `file`.
pub(crate) fn diagnostic<'d>(document: &'d Value, file: &str, rule: &str) -> &'d Value {
    document["files"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["path"] == file)
        .flat_map(|f| f["diagnostics"].as_array().into_iter().flatten())
        .find(|d| d["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {file}: {document:#}"))
}

#[test]
fn the_server_config_is_the_catalogue_of_the_client_s_slugs() {
    let (document, _) = json_in(&project("better_auth"), &["."]);
    assert_eq!(
        found(&document),
        [
            "./src/app/billing/page.tsx:8:7 unknown-field",
            "./src/app/billing/page.tsx:13:52 deprecated-adapter-checkout",
            "./src/components/Upgrade.tsx:7:13 unknown-slug",
            "./src/components/Upgrade.tsx:8:7 adapter-overridden-field",
            "./src/components/Upgrade.tsx:9:7 adapter-overridden-field",
            "./src/components/Upgrade.tsx:11:43 unknown-response-field",
            "./src/lib/auth.ts:20:26 unknown-product",
        ]
    );
    let slug = diagnostic(&document, "./src/components/Upgrade.tsx", "unknown-slug");
    assert_eq!(slug["severity"], "error");
    assert_eq!(slug["pointer"], "/slug");
    assert_eq!(
        slug["message"],
        "slug \"premium\" is not one of the server's checkout products (premium-plan, basic-plan): the server answers \"Product not found\""
    );
    // The label is the server's `products`, in the server's file.
    assert_eq!(slug["labels"][0]["file"], "src/lib/auth.ts");
    assert_eq!(slug["labels"][0]["range"]["start"]["line"], 17);
    assert_eq!(slug["labels"][0]["range"]["start"]["character"], 10);
    // The overridden fields say what the config puts there instead.
    let text = document.to_string();
    assert!(
        text.contains("the server sets return_url to its successUrl \\\"/dashboard/success\\\""),
        "{text}"
    );
    assert!(
        text.contains("requires a signed-in user (authenticatedUsersOnly)"),
        "{text}"
    );
    // A slug the config has is silent, and so is the plugin-dropped key's severity a warning.
    let dropped = diagnostic(&document, "./src/app/billing/page.tsx", "unknown-field");
    assert_eq!(dropped["severity"], "warning");
    // A product id of the config that the catalogue lacks is reported in the config, once.
    let product = diagnostic(&document, "./src/lib/auth.ts", "unknown-product");
    assert_eq!(
        product["message"],
        "product \"pdt_basic\" is not in the catalogue"
    );
}

#[test]
fn a_named_component_without_the_config_in_its_imports_says_nothing_of_its_slug() {
    // As a hook runs it: the component and what it imports; the server config is not among
    // them, so the slug cannot be judged (the rest still is).
    let (document, _) = json_in(&project("better_auth"), &["src/components/Upgrade.tsx"]);
    let found = found(&document);
    assert!(
        !found.iter().any(|f| f.ends_with("unknown-slug")),
        "{found:?}"
    );
    assert!(
        found.contains(&"src/components/Upgrade.tsx:11:43 unknown-response-field".to_string()),
        "{found:?}"
    );
}

#[test]
fn the_convex_component_s_checkout_payload_is_linted_through_its_validator() {
    // `convex/dodo.ts` makes the client and exports `checkout`; `convex/payments.ts` calls it.
    let (document, _) = json_in(&project("convex"), &["."]);
    assert_eq!(
        found(&document),
        [
            "./convex/payments.ts:10:64 zero-quantity",
            "./convex/payments.ts:12:9 unknown-field",
            "./convex/payments.ts:13:24 rejected-by-adapter",
            "./convex/payments.ts:26:20 unknown-response-field",
        ]
    );
    let file = "./convex/payments.ts";
    let unknown = diagnostic(&document, file, "unknown-field");
    assert_eq!(unknown["severity"], "error");
    assert_eq!(
        unknown["message"],
        "unknown field \"billing_curency\" in a checkout session: @dodopayments/convex's validator rejects it, so the checkout action throws before any request"
    );
    assert_eq!(unknown["help"], "did you mean \"billing_currency\"?");
    let null = diagnostic(&document, file, "rejected-by-adapter");
    assert_eq!(null["pointer"], "/discount_code");
    assert_eq!(
        null["labels"][0]["message"],
        "validated by @dodopayments/convex 0.2.15"
    );
    let read = diagnostic(&document, file, "unknown-response-field");
    assert_eq!(
        read["message"],
        "the Convex checkout response has no field \"url\""
    );
    assert_eq!(read["help"], "did you mean \"checkout_url\"?");
}

#[test]
fn bodies_posted_to_routes_that_dodo_s_handlers_serve_are_checkout_sessions() {
    // `src/app/(shop)/api/checkout/route.ts` exports `POST = Checkout({ type: 'session' })`
    // (the route group is not in the URL); `server/express.ts` registers `checkoutHandler` at
    // `/api/express/:plan/checkout` (a router's `/checkout` in `server/router.ts` is relative to
    // a mount point not known: silent); `src/pages/api/legacy-checkout.ts` default-exports a
    // handler (Pages Router, posted to with axios); `/api/other` is the app's own and says
    // nothing.
    // `client/Checkout.svelte` and `site/buy.astro` post from components' scripts to the
    // Express route (spans in the host files).
    let (document, _) = json_in(&project("nextjs_handler"), &["."]);
    assert_eq!(
        found(&document),
        [
            "./client/Checkout.svelte:6:95 invalid-type",
            "./client/Checkout.svelte:9:26 unknown-response-field",
            "./server/express.ts:20:102 invalid-currency-code",
            "./site/buy.astro:10:106 invalid-currency-code",
            "./src/app/pricing/legacy.ts:6:23 invalid-currency-code",
            "./src/app/pricing/legacy.ts:9:35 unknown-response-field",
            "./src/app/pricing/legacy.ts:16:15 unknown-response-field",
            "./src/app/pricing/page.tsx:9:59 zero-quantity",
            "./src/app/pricing/page.tsx:10:9 unknown-field",
        ]
    );
    // axios's answer is `res.data` (or the `data` destructured from it): the handler's `{
    // checkout_url }` has no `url` or `checkoutUrl` (the response's own `res.status` is no read
    // of the answer; the page's `checkout_url` is right).
    let read = diagnostic(
        &document,
        "./src/app/pricing/legacy.ts",
        "unknown-response-field",
    );
    assert_eq!(
        read["message"],
        "the checkout handler response has no field \"url\""
    );
    assert_eq!(read["help"], "did you mean \"checkout_url\"?");
    let dropped = diagnostic(&document, "./src/app/pricing/page.tsx", "unknown-field");
    assert_eq!(dropped["severity"], "warning");
    assert_eq!(
        dropped["message"],
        "unknown field \"success_url\" in a checkout session: @dodopayments/nextjs ignores it (its schema drops keys it does not define, so the request goes on without it)"
    );
    assert_eq!(
        dropped["labels"][0]["message"],
        "sent through @dodopayments/nextjs 0.3.9"
    );
}

/// What the `nextjs_handler` project says when its Next.js routes are not where its code posts:
/// the bodies posted to the Express route only.
const EXPRESS_ONLY: [&str; 4] = [
    "./client/Checkout.svelte:6:95 invalid-type",
    "./client/Checkout.svelte:9:26 unknown-response-field",
    "./server/express.ts:20:102 invalid-currency-code",
    "./site/buy.astro:10:106 invalid-currency-code",
];

/// A copy of the `nextjs_handler` project with `next_config` as its `next.config.js`.
fn next_app_with(next_config: &str) -> tempfile::TempDir {
    project_with("nextjs_handler", "next.config.js", next_config)
}

/// A copy of fixture project `name` (a repository's root) with `text` as its `file`.
pub(crate) fn project_with(name: &str, file: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = project(name);
    let mut stack = vec![source.clone()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read fixture").flatten() {
            let path = entry.path();
            let to = dir.path().join(path.strip_prefix(&source).expect("inside"));
            if path.is_dir() {
                std::fs::create_dir_all(&to).expect("folder");
                stack.push(path);
            } else {
                std::fs::copy(&path, &to).expect("copy");
            }
        }
    }
    std::fs::create_dir_all(dir.path().join(".git")).expect("git folder");
    std::fs::write(dir.path().join(file), text).expect("config");
    dir
}

#[test]
fn a_literal_base_path_moves_the_next_routes_and_any_other_leaves_them_unknown() {
    // With `basePath: '/shop'` the App and Pages Router handlers serve `/shop/api/…`: the
    // component's `fetch("/api/checkout")` and axios's `/api/legacy-checkout` reach no Dodo
    // handler. Express's routes are not Next's.
    let moved = next_app_with("module.exports = { basePath: '/shop' };\n");
    let (document, _) = json_in(moved.path(), &["."]);
    assert_eq!(found(&document), EXPRESS_ONLY);
    // Posted below the base path, the same body is the handler's again.
    let page = moved.path().join("src/app/pricing/page.tsx");
    let text = std::fs::read_to_string(&page).expect("page");
    std::fs::write(
        &page,
        text.replace("fetch(\"/api/checkout\"", "fetch(\"/shop/api/checkout\""),
    )
    .expect("page");
    let (document, _) = json_in(moved.path(), &["."]);
    assert!(
        found(&document).contains(&"./src/app/pricing/page.tsx:9:59 zero-quantity".to_string()),
        "{:?}",
        found(&document)
    );
    // A base path not written as a literal: the Next routes are not known, so silent too.
    let unknown = next_app_with("module.exports = { basePath: process.env.BASE_PATH };\n");
    let (document, _) = json_in(unknown.path(), &["."]);
    assert_eq!(found(&document), EXPRESS_ONLY);
    // No basePath: as without the config.
    let none = next_app_with("module.exports = { reactStrictMode: true };\n");
    let (document, _) = json_in(none.path(), &["."]);
    assert_eq!(found(&document).len(), 9, "{:?}", found(&document));
}
