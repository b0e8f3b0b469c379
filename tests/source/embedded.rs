//! Scripts embedded in `.vue`, `.svelte` and `.astro` components: their payloads are linted at
//! the bytes of the host file (findings, suppressions, fixes and code frames), and the markup
//! around them is never read as code.

use crate::common::source::{found, rules_of};
use checkout_lint::{Linter, Report, fix_text, render};

const CALL: &str =
    "client.checkoutSessions.create({ product_cart: [{ product_id: \"p\", quantity: 0 }] })";

fn lint(name: &str, text: &str) -> Report {
    Linter::default().lint_str(name, text)
}

/// A Vue single-file component: markup that mentions the SDK call, then a TypeScript block.
fn vue(script: &str) -> String {
    format!(
        "<template>\n  <!-- client.checkoutSessions.create({{ product_cart: [] }}) -->\n  <p>checkoutSessions.create({{ quantity: 0 }}) — “docs”</p>\n</template>\n\n<script setup lang=\"ts\">\nimport DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n{script}\n</script>\n\n<style>.a {{ color: red }}</style>\n"
    )
}

/// (line, column) of each finding in the host file, as a person reads them.
fn positions(report: &Report) -> Vec<(usize, usize)> {
    report
        .diagnostics()
        .iter()
        .map(|d| report.source().line_col(d.span.start()))
        .collect()
}

#[test]
fn a_vue_script_setup_block_is_linted_at_the_bytes_of_the_host_file() {
    let text = vue(&format!("await {CALL};"));
    let report = lint("src/components/Checkout.vue", &text);
    assert_eq!(
        found(&report),
        [(
            "zero-quantity",
            "/product_cart/0/quantity".into(),
            "0".into()
        )]
    );
    let zero = text.find("quantity: 0 }] })").unwrap() + "quantity: ".len();
    assert_eq!(report.diagnostics()[0].span.start(), zero);
    // Line 9 of the component: the template's lines count.
    assert_eq!(positions(&report), [(9, 84)]);
}

#[test]
fn a_svelte_typescript_block_is_linted() {
    let text = format!(
        "<script lang=\"ts\">\n  import DodoPayments from 'dodopayments';\n  const client = new DodoPayments();\n  let n: number = 1;\n  async function buy() {{ await {CALL}; }}\n</script>\n\n<button on:click={{buy}}>Buy {{n}}</button>\n"
    );
    let report = lint("src/routes/+page.svelte", &text);
    assert_eq!(rules_of(&report), ["zero-quantity"]);
    assert_eq!(positions(&report), [(5, 109)]);
}

#[test]
fn an_astro_frontmatter_is_linted_as_typescript() {
    let text = format!(
        "---\nimport DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nconst session: {{ checkout_url: string }} = await {CALL};\nif (!session) return Astro.redirect('/');\n---\n<a href={{session.checkout_url}}>Pay</a>\n"
    );
    let report = lint("src/pages/pay.astro", &text);
    assert_eq!(rules_of(&report), ["zero-quantity"]);
    assert_eq!(positions(&report), [(4, 126)]);
}

#[test]
fn a_suppression_comment_in_the_script_block_works_and_html_comments_are_not_read() {
    let text = vue(&format!(
        "// checkout-lint-disable-next-line zero-quantity\nawait {CALL};"
    ));
    assert!(lint("Checkout.vue", &text).diagnostics().is_empty());
    // An HTML comment in the markup that reads like a suppression is markup: it neither
    // silences the call nor is reported as a suppression of an unknown rule.
    let markup = format!(
        "<!-- checkout-lint-disable-next-line zero-quantity -->\n<script>\nimport DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n{CALL};\n</script>\n"
    );
    assert_eq!(rules_of(&lint("Checkout.vue", &markup)), ["zero-quantity"]);
}

#[test]
fn a_fix_in_a_vue_file_edits_only_bytes_inside_the_script() {
    let text = vue(
        "await client.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 1 }], billing_currency: 'usd' });",
    );
    let linter = Linter::default();
    assert_eq!(
        rules_of(&linter.lint_str("Checkout.vue", &text)),
        ["invalid-currency-code"]
    );
    let fixed = fix_text(&linter, "Checkout.vue", &text, true);
    assert_eq!(fixed.applied, 1);
    assert_eq!(fixed.text, text.replace("'usd'", "'USD'"));
    // The template's own text is untouched (it holds no `'usd'`, but every byte outside the
    // script is compared, not only the replaced one).
    let script = text.find("<script").unwrap();
    assert_eq!(fixed.text[..script], text[..script]);
    assert!(
        linter
            .lint_str("Checkout.vue", &fixed.text)
            .diagnostics()
            .is_empty()
    );
}

#[test]
fn the_code_frame_shows_the_host_files_line() {
    let text = vue(&format!("await {CALL};"));
    let shown = render::human::render(&[lint("Checkout.vue", &text)], false);
    assert!(shown.contains("Checkout.vue:9:84"), "{shown}");
    assert!(
        shown.contains("await client.checkoutSessions.create"),
        "{shown}"
    );
}

#[test]
fn markup_alone_unterminated_scripts_and_data_scripts_find_nothing() {
    let cases = [
        // Only markup, though it names the call.
        format!("<template>\n  <pre>{CALL}</pre>\n</template>\n"),
        // A block that never closes is not read (as oxc's loader drops it).
        format!(
            "<script>\nimport DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n{CALL};\n"
        ),
        // A start tag that never ends.
        format!("<script lang=\"ts\n{CALL}"),
        // JSON and templates in a script element are data.
        format!(
            "<script type=\"application/json\">{{\"a\": \"{CALL}\"}}</script>\n<script type=\"text/template\">{CALL}</script>\n"
        ),
        // A commented-out block.
        format!("<!-- <script>\nconst client = new DodoPayments();\n{CALL};\n</script> -->\n"),
    ];
    for text in &cases {
        for name in ["a.vue", "a.svelte", "a.astro"] {
            let report = lint(name, text);
            assert!(
                report.diagnostics().is_empty(),
                "{name}: {text}\n{:?}",
                report.diagnostics()
            );
        }
    }
    // The same call in a closed block is found: the cases above fail for the reason they name.
    let closed = format!(
        "<script>\nimport DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n{CALL};\n</script>\n"
    );
    for name in ["a.vue", "a.svelte", "a.astro"] {
        assert_eq!(rules_of(&lint(name, &closed)), ["zero-quantity"], "{name}");
    }
}

#[test]
fn uppercase_tags_and_a_closing_angle_in_an_attribute_are_read() {
    let text = format!(
        "<SCRIPT setup lang=\"ts\" generic=\"T extends Record<string, '>'>\">\nimport DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n{CALL};\n</SCRIPT>\n"
    );
    let report = lint("Checkout.vue", &text);
    assert_eq!(rules_of(&report), ["zero-quantity"]);
    assert_eq!(positions(&report), [(4, 78)]);
}

#[test]
fn nuxt_s_fetch_posts_an_object_body_as_json_and_a_get_or_a_plain_fetch_of_an_object_do_not() {
    // `$fetch` (ofetch) sends an object body as JSON: a payload when POSTed to Dodo's
    // `/checkouts`, at its bytes in the component.
    let post = "const session = await $fetch('https://test.dodopayments.com/checkouts', {\n  method: 'POST',\n  headers: { Authorization: `Bearer ${key}` },\n  body: { product_cart: [{ product_id: 'p', quantity: 0 }] },\n});";
    let text = vue(post);
    let report = lint("components/Buy.vue", &text);
    assert_eq!(
        found(&report),
        [(
            "zero-quantity",
            "/product_cart/0/quantity".into(),
            "0".into()
        )]
    );
    assert_eq!(positions(&report), [(12, 55)]);
    // Without `method: 'POST'` ofetch sends a GET (no body); `fetch` sends an object as
    // "[object Object]": neither is a payload.
    let get = vue(&post.replace("  method: 'POST',\n", ""));
    assert!(rules_of(&lint("components/Buy.vue", &get)).is_empty());
    let plain = vue(&post.replace("$fetch(", "fetch("));
    assert!(rules_of(&lint("components/Buy.vue", &plain)).is_empty());
    // ofetch's own name sends the same way.
    let ofetch = vue(&format!(
        "import {{ ofetch }} from 'ofetch';\n{}",
        post.replace("$fetch(", "ofetch(")
    ));
    assert_eq!(
        rules_of(&lint("components/Buy.vue", &ofetch)),
        ["zero-quantity"]
    );
}
