//! Nuxt's checkout handler across a project (`tests/fixtures/projects/nuxt_handler/`, shaped as
//! `@dodopayments/nuxt` 0.2.7's README sets one up): `nuxt.config.ts` registers the module,
//! whose auto-imported `checkoutHandler` serves Nitro file routes; components post to them with
//! `$fetch`, `useFetch` and `fetch`, and read the `{ checkout_url }` answer.

use crate::project::{found, json_in, project};
use crate::project_adapters::{diagnostic, project_with};

#[test]
fn bodies_posted_to_nuxt_s_checkout_routes_are_sessions_and_their_answers_are_read() {
    // `server/routes/api/checkout.post.ts` → `/api/checkout`, `server/api/subscribe/[plan]
    // .post.ts` → `/api/subscribe/*`; `checkout.get.ts` takes no POST and `/api/pay` is the
    // dynamic flow: the body `dynamic()` posts there (quantity 0) says nothing.
    let (document, _) = json_in(&project("nuxt_handler"), &["."]);
    assert_eq!(
        found(&document),
        [
            "./components/BuyButton.vue:9:7 unknown-field",
            "./components/BuyButton.vue:18:63 zero-quantity",
            "./components/BuyButton.vue:20:34 unknown-response-field",
            "./composables/useCheckout.ts:13:15 dead-response-fallback",
            "./pages/pricing.vue:13:23 invalid-currency-code",
            "./pages/pricing.vue:19:47 unknown-response-field",
        ]
    );
    // `useFetch`'s `data` is a `Ref` of the answer: `data.value.checkoutUrl` is no field of it.
    let read = diagnostic(&document, "./pages/pricing.vue", "unknown-response-field");
    assert_eq!(read["help"], "did you mean \"checkout_url\"?");
    // `$fetch`'s object body: the key the handler's schema drops, at its bytes in the .vue file.
    let dropped = diagnostic(&document, "./components/BuyButton.vue", "unknown-field");
    assert_eq!(dropped["severity"], "warning");
    assert_eq!(
        dropped["message"],
        "unknown field \"billing_curency\" in a checkout session: @dodopayments/nuxt ignores it (its schema drops keys it does not define, so the request goes on without it)"
    );
    assert_eq!(dropped["help"], "did you mean \"billing_currency\"?");
    assert_eq!(
        dropped["labels"][0]["message"],
        "sent through @dodopayments/nuxt 0.2.7"
    );
    assert_eq!(dropped["range"]["start"]["line"], 8);
    assert_eq!(dropped["range"]["start"]["character"], 6);
    // `$fetch`'s result is the answer: `session.url` is no field of `{ checkout_url }`.
    let read = diagnostic(
        &document,
        "./components/BuyButton.vue",
        "unknown-response-field",
    );
    assert_eq!(
        read["message"],
        "the checkout handler response has no field \"url\""
    );
    assert_eq!(read["help"], "did you mean \"checkout_url\"?");
    // `fetch`'s answer is `await res.json()`, which may be Nuxt's error object: its
    // `failure.url` (the request's path) and `failure.message` are not judged.
    let fallback = diagnostic(
        &document,
        "./composables/useCheckout.ts",
        "dead-response-fallback",
    );
    assert_eq!(
        fallback["message"],
        "the checkout handler response has no field \"checkoutUrl\": this fallback beside \"checkout_url\" is always undefined"
    );
}

#[test]
fn a_nuxt_app_that_does_not_register_the_module_or_moves_its_routes_says_nothing() {
    // Without the module `checkoutHandler` is not Dodo's; with a `baseURL` (or `srcDir`,
    // `serverDir`) the routes' URLs are not the files' alone.
    for config in [
        "export default defineNuxtConfig({ modules: [] });\n",
        "export default defineNuxtConfig({ modules: ['@dodopayments/nuxt'], app: { baseURL: '/shop/' } });\n",
        "export default defineNuxtConfig({ modules: ['@dodopayments/nuxt'], srcDir: 'src/' });\n",
    ] {
        let app = project_with("nuxt_handler", "nuxt.config.ts", config);
        let (document, _) = json_in(app.path(), &["."]);
        assert_eq!(found(&document), Vec::<String>::new(), "{config}");
    }
}

#[test]
fn a_checkout_handler_the_file_defines_itself_is_not_nuxt_s() {
    // A server file that binds `checkoutHandler` (imported from elsewhere, or its own) does not
    // call the auto-import: posts to its route say nothing.
    let app = project_with(
        "nuxt_handler",
        "server/routes/api/checkout.post.ts",
        "import { checkoutHandler } from '../../utils/checkout';\nexport default defineEventHandler((event) => checkoutHandler({ type: 'session' })(event));\n",
    );
    let (document, _) = json_in(app.path(), &["."]);
    assert_eq!(
        found(&document),
        [
            "./pages/pricing.vue:13:23 invalid-currency-code",
            "./pages/pricing.vue:19:47 unknown-response-field",
        ]
    );
}

#[test]
fn fix_renames_a_misspelt_key_sent_through_the_handler_in_the_vue_file_and_nothing_else() {
    // unknown-field's did-you-mean (an unsafe fix, as for the SDK) works through the adapter:
    // only the key's bytes in the component change.
    let component = "components/BuyButton.vue";
    let original = std::fs::read_to_string(project("nuxt_handler").join(component)).expect("read");
    let app = project_with("nuxt_handler", component, &original);
    let output = crate::common::bin()
        .current_dir(app.path())
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "."])
        .output()
        .expect("runs");
    assert!(!output.status.success(), "other findings remain");
    let fixed = std::fs::read_to_string(app.path().join(component)).expect("read");
    assert_eq!(
        fixed,
        original.replacen("billing_curency:", "billing_currency:", 1)
    );
    // The other files (no fix offered there) are as they were.
    let page = std::fs::read_to_string(app.path().join("pages/pricing.vue")).expect("read");
    assert_eq!(
        page,
        std::fs::read_to_string(project("nuxt_handler").join("pages/pricing.vue")).expect("read")
    );
}

#[test]
fn a_component_named_without_the_route_s_file_says_nothing_of_its_bodies() {
    // As a hook given only the component runs it: the routes are not known.
    let (document, _) = json_in(&project("nuxt_handler"), &["components/BuyButton.vue"]);
    assert_eq!(found(&document), Vec::<String>::new());
}
