//! Code around Dodo's adapters, linted one file at a time, that must say nothing or fix nothing
//! beyond what is certain: regressions of a review of issue 28's adapter support.

use checkout_lint::{Linter, Report, fix_text};

const CLIENT: &str = "import { createAuthClient } from 'better-auth/react';\n\
     import { dodopaymentsClient } from '@dodopayments/better-auth/client';\n\
     export const authClient = createAuthClient({ plugins: [dodopaymentsClient()] });\n";

fn rules(report: &Report) -> Vec<&'static str> {
    report.diagnostics().iter().map(|d| d.rule).collect()
}

/// Lints `text` as the file `name` and asserts it finds nothing.
fn assert_silent(name: &str, text: &str) {
    let report = Linter::default().lint_str(name, text);
    assert_eq!(rules(&report), Vec::<&str>::new(), "{text}");
}

#[test]
fn a_misspelt_shorthand_key_is_not_renamed_away_from_its_variable() {
    // `{ billing_curency }` is both the key and the variable it reads: renaming the bytes to
    // `billing_currency` would read a name that does not exist. The fix, if any, must keep the
    // value (`billing_currency: billing_curency`).
    let text = format!(
        "{CLIENT}const billing_curency = 'USD';\nexport async function buy() {{\n\
           await authClient.dodopayments.checkoutSession({{ slug: 'pro', billing_curency }});\n\
         }}\n"
    );
    let linter = Linter::default();
    let report = linter.lint_str("buy.ts", &text);
    assert_eq!(rules(&report), ["unknown-field"]);
    let fixed = fix_text(&linter, "buy.ts", &text, true);
    assert!(
        fixed.text == text
            || fixed.text
                == text.replace("billing_curency }", "billing_currency: billing_curency }"),
        "{}",
        fixed.text
    );
}

#[test]
fn a_misspelt_shorthand_key_of_an_sdk_payload_keeps_its_variable_too() {
    let text = "import DodoPayments from 'dodopayments';\n\
        const client = new DodoPayments();\n\
        const billing_curency = 'USD';\n\
        export async function buy() {\n\
          return client.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 1 }], billing_curency });\n\
        }\n";
    let linter = Linter::default();
    let fixed = fix_text(&linter, "buy.ts", text, true);
    assert!(
        fixed.text == text
            || fixed.text
                == text.replace("billing_curency }", "billing_currency: billing_curency }"),
        "{}",
        fixed.text
    );
}

#[test]
fn a_slug_written_as_a_variable_is_not_judged() {
    for body in [
        "await authClient.dodopayments.checkoutSession({ slug: plan });\n",
        "await authClient.dodopayments.checkoutSession({ slug: `${plan}-monthly` });\n",
    ] {
        assert_silent(
            "auth.ts",
            &format!(
                "import {{ checkout }} from '@dodopayments/better-auth';\n\
                 export const plugin = checkout({{ products: [{{ productId: 'pdt_1', slug: 'pro' }}] }});\n\
                 {CLIENT}export async function buy(plan: string, yearly: boolean) {{ {body} }}\n"
            ),
        );
    }
}

#[test]
fn a_handler_name_bound_to_something_else_in_another_function_reads_nothing_twice() {
    // `handler` in `POST` is the app's own function, not the module's `Checkout()`: reading the
    // body first is no misuse.
    assert_silent(
        "app/api/checkout/route.ts",
        "import { Checkout } from '@dodopayments/nextjs';\n\
         const handler = Checkout({ type: 'static' });\n\
         export const GET = handler;\n\
         export async function POST(req: Request) {\n\
           const handler = (r: Request) => Response.json({ ok: true });\n\
           const body = await req.json();\n\
           return handler(req);\n\
         }\n",
    );
}

#[test]
fn a_body_read_on_a_branch_that_never_reaches_the_handler_is_no_misuse() {
    // The webhook branch reads the body and returns; the handler gets requests whose body
    // nobody read.
    assert_silent(
        "app/api/dodo/route.ts",
        "import { Checkout } from '@dodopayments/nextjs';\n\
         const handler = Checkout({ type: 'session' });\n\
         export async function POST(req: Request) {\n\
           if (req.headers.get('webhook-id')) {\n\
             const event = await req.json();\n\
             return handleWebhook(event);\n\
           }\n\
           return handler(req);\n\
         }\n",
    );
}

#[test]
fn better_auth_s_own_request_options_are_not_body_keys() {
    // better-auth's client takes `fetchOptions` and `query` out of the argument before it
    // sends the rest as the body (`const { query, fetchOptions, ...body } = arg`).
    assert_silent(
        "buy.ts",
        &format!(
            "{CLIENT}export async function buy() {{\n\
               await authClient.dodopayments.checkoutSession({{\n\
                 slug: 'pro',\n\
                 query: {{ lang: 'en' }},\n\
                 fetchOptions: {{ onSuccess: (ctx) => {{ window.location.href = ctx.data.url; }} }},\n\
               }});\n\
             }}\n"
        ),
    );
    // A misspelt key beside them is still the plugin's to drop.
    let report = Linter::default().lint_str(
        "buy.ts",
        &format!(
            "{CLIENT}await authClient.dodopayments.checkoutSession({{ slug: 'pro', fetchOptions: {{}}, billing_curency: 'USD' }});\n"
        ),
    );
    assert_eq!(rules(&report), ["unknown-field"]);
}
