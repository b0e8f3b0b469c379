//! What TypeScript annotations make certain: a parameter or an initialized variable of a type
//! without `undefined` is sent, with a value of that type; `?:`, `| undefined`, `any`, no
//! annotation and a shadowing binding leave it unknown.

use crate::common::source::found;
use checkout_lint::{Config, Level, Linter, Report};

const IMPORT: &str =
    "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n";

/// The `discount_code` of these payloads is also deprecated (an info): that is not the point.
fn lint(text: &str) -> Report {
    Linter::new(Config::default().with_rule("deprecated-discount-code", Level::Off))
        .lint_str("app.ts", text)
}

/// A function taking `params` whose body sends `members` (after a one-item cart).
fn sent(params: &str, body_before: &str, members: &str) -> String {
    format!(
        "{IMPORT}export async function go({params}) {{\n{body_before}  return client.checkoutSessions.create({{ product_cart: [{{ product_id: 'p', quantity: 1 }}], {members} }});\n}}\n"
    )
}

const CONFLICT: &str = "discount_code: 'SAVE10', discount_codes: codes";

#[test]
fn a_list_parameter_of_a_certain_type_conflicts_with_discount_code() {
    for params in [
        "codes: string[]",
        "codes: readonly string[] = []",
        "codes: Array<string>",
    ] {
        let report = lint(&sent(params, "", CONFLICT));
        assert_eq!(
            found(&report),
            [(
                "conflicting-discount-fields",
                "/discount_code".into(),
                "'SAVE10'".into()
            )],
            "{params}"
        );
        let diagnostic = &report.diagnostics()[0];
        assert_eq!(
            diagnostic.message,
            "discount_code cannot be used together with discount_codes"
        );
        let label = &diagnostic.labels[0];
        assert_eq!(&report.source().text()[label.span.range()], "codes");
    }
}

#[test]
fn optional_undefined_any_and_unannotated_parameters_stay_unknown() {
    for params in [
        "codes?: string[]",
        "codes: string[] | undefined",
        "codes: string[] | null",
        "codes: any",
        "codes: unknown",
        "codes: Codes",
        "codes",
    ] {
        let report = lint(&sent(params, "", CONFLICT));
        assert!(
            report.diagnostics().is_empty(),
            "{params}: {:#?}",
            report.diagnostics()
        );
    }
}

#[test]
fn a_shadowing_binding_without_annotation_does_not_take_the_outer_type() {
    // A block's own `const`, an arrow's parameter, a `var` in a nested block (function-scoped)
    // and a declared-but-unassigned `let`.
    let shadows = [
        (
            "codes: string[], flag: boolean",
            "  if (flag) {\n    SHADOW\n    return client.checkoutSessions.create({ product_cart: [], discount_code: 'SAVE10', discount_codes: codes });\n  }\n",
            "const codes = maybe();",
        ),
        (
            "codes: string[]",
            "  await all.map((SHADOW) => client.checkoutSessions.create({ product_cart: [], discount_code: 'SAVE10', discount_codes: codes }));\n",
            "codes",
        ),
        (
            "codes: string[]",
            "  const inner = () => {\n    if (x) { SHADOW }\n    return client.checkoutSessions.create({ product_cart: [], discount_code: 'SAVE10', discount_codes: codes });\n  };\n",
            "var codes = maybe();",
        ),
    ];
    let conflicts = |text: &str| {
        lint(text)
            .diagnostics()
            .iter()
            .filter(|d| d.rule == "conflicting-discount-fields")
            .count()
    };
    for (params, body, shadow) in shadows {
        let shadowed = body.replace("SHADOW", shadow);
        let text = format!("{IMPORT}export async function go({params}) {{\n{shadowed}}}\n");
        assert_eq!(conflicts(&text), 0, "{text}");
        // The same code without the shadowing binding reads the parameter.
        let plain = body.replace("SHADOW", "p");
        let text = format!("{IMPORT}export async function go({params}) {{\n{plain}}}\n");
        assert_eq!(conflicts(&text), 1, "{text}");
    }
    let unassigned = sent("", "  let codes: string[];\n", CONFLICT);
    assert!(lint(&unassigned).diagnostics().is_empty());
    // An initialized, annotated `const` is as certain as a parameter.
    let assigned = sent("", "  const codes: string[] = load();\n", CONFLICT);
    assert_eq!(
        found(&lint(&assigned)),
        [(
            "conflicting-discount-fields",
            "/discount_code".into(),
            "'SAVE10'".into()
        )]
    );
}

#[test]
fn a_value_of_a_certain_wrong_type_is_an_invalid_type() {
    let text = format!(
        "{IMPORT}export async function go(qty: string, id: string) {{\n  return client.checkoutSessions.create({{ product_cart: [{{ product_id: id, quantity: qty }}] }});\n}}\n"
    );
    let report = lint(&text);
    assert_eq!(
        found(&report),
        [(
            "invalid-type",
            "/product_cart/0/quantity".into(),
            "qty".into()
        )]
    );
    assert!(
        report.diagnostics()[0].message.contains("string"),
        "{}",
        report.diagnostics()[0].message
    );
    // The right type, or a literal union of it, raises nothing.
    let right = format!(
        "{IMPORT}export async function go(qty: number, id: 'pdt_a' | 'pdt_b') {{\n  return client.checkoutSessions.create({{ product_cart: [{{ product_id: id, quantity: qty }}] }});\n}}\n"
    );
    assert!(lint(&right).diagnostics().is_empty());
}

#[test]
fn typed_lists_and_objects_are_present_but_their_contents_unknown() {
    // An empty cart or a customer without email is not what a typed parameter says.
    let text = format!(
        "{IMPORT}type Item = {{ product_id: string; quantity: number }};\nexport async function go(items: Item[], customer: {{ email: string }}, methods: string[]) {{\n  return client.checkoutSessions.create({{ product_cart: items, customer, allowed_payment_method_types: methods, confirm: true, billing_address: address }});\n}}\n"
    );
    let report = lint(&text);
    assert!(
        report.diagnostics().is_empty(),
        "{:#?}",
        report.diagnostics()
    );
}
