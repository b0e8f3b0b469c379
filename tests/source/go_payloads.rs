//! Payloads in Go source: the SDK's params literals and the calls that send them, params built
//! in a variable, raw POSTs of marshalled maps — each finding at the right bytes with the right
//! pointer — while other packages' look-alikes, names, calls and the SDK's escape hatches raise
//! nothing.

use crate::common::source::{found, rules_of};
use checkout_lint::{Linter, Report};

const HEADER: &str = "package billing\n\nimport (\n\t\"context\"\n\n\t\"github.com/dodopayments/dodopayments-go\"\n\t\"github.com/dodopayments/dodopayments-go/option\"\n)\n\n";

fn lint(text: &str) -> Report {
    Linter::default().lint_str("billing/checkout.go", text)
}

fn go(body: &str) -> String {
    format!(
        "{HEADER}func Create(ctx context.Context) (*dodopayments.CheckoutSessionResponse, error) {{\n\tclient := dodopayments.NewClient(option.WithBearerToken(\"k\"))\n{body}\n}}\n"
    )
}

#[test]
fn the_newest_sdk_style_is_read_through_its_json_tags() {
    let text = go(
        "\treturn client.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{\n\t\t\tProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{\n\t\t\t\tProductID: dodopayments.F(\"pdt_1\"),\n\t\t\t\tQuantity:  dodopayments.F(int64(0)),\n\t\t\t}}),\n\t\t\tBillingCurrency: dodopayments.F[dodopayments.Currency](\"usd\"),\n\t\t\tBillingAddress: dodopayments.F(dodopayments.CheckoutSessionBillingAddressParam{\n\t\t\t\tCountry: dodopayments.F(dodopayments.CountryCode(\"USA\")),\n\t\t\t}),\n\t\t\tReturnURL: dodopayments.String(\"http://shop.example.com/done\"),\n\t\t},\n\t})",
    );
    assert_eq!(
        found(&lint(&text)),
        [
            (
                "zero-quantity",
                "/product_cart/0/quantity".into(),
                "0".into()
            ),
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "\"usd\"".into()
            ),
            (
                "invalid-country-code",
                "/billing_address/country".into(),
                "\"USA\"".into()
            ),
            (
                "insecure-redirect-url",
                "/return_url".into(),
                "\"http://shop.example.com/done\"".into()
            ),
        ]
    );
}

#[test]
fn typed_constants_are_their_values() {
    let text = go(
        "\treturn client.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{\n\t\t\tProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.Int(1)}}),\n\t\t\tBillingCurrency: dodopayments.F(dodopayments.CurrencyInr),\n\t\t\tAllowedPaymentMethodTypes: dodopayments.F([]dodopayments.PaymentMethodTypes{dodopayments.PaymentMethodTypesUpiCollect, dodopayments.PaymentMethodTypesCredit, dodopayments.PaymentMethodTypesDebit, dodopayments.PaymentMethodTypesCredit}),\n\t\t\tBillingAddress: dodopayments.F(dodopayments.CheckoutSessionBillingAddressParam{Country: dodopayments.F(dodopayments.CountryCodeIn)}),\n\t\t},\n\t})",
    );
    assert_eq!(
        found(&lint(&text)),
        [(
            "duplicate-payment-method",
            "/allowed_payment_method_types/3".into(),
            "dodopayments.PaymentMethodTypesCredit".into()
        )]
    );
}

#[test]
fn params_built_in_a_variable_are_followed_with_the_fields_set_before_the_call() {
    let text = go(
        "\tparams := dodopayments.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{\n\t\t\tProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(1))}}),\n\t\t},\n\t}\n\tparams.CheckoutSessionRequest.BillingCurrency = dodopayments.F(dodopayments.Currency(\"eur\"))\n\tparams.CheckoutSessionRequest.DiscountCode = dodopayments.F(\"SPRING\")\n\treturn client.CheckoutSessions.New(ctx, params)",
    );
    assert_eq!(
        found(&lint(&text)),
        [
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "\"eur\"".into()
            ),
            (
                "deprecated-discount-code",
                "/discount_code".into(),
                "DiscountCode".into()
            ),
        ]
    );
}

#[test]
fn a_zero_value_params_variable_is_built_by_its_assignments() {
    let text = go(
        "\tvar params dodopayments.CheckoutSessionPreviewParams\n\tparams.CheckoutSessionRequest.Confirm = dodopayments.F(true)\n\t_, err := client.CheckoutSessions.Preview(ctx, params)\n\treturn nil, err",
    );
    let findings = found(&lint(&text));
    assert_eq!(findings.len(), 3, "{findings:?}");
    assert_eq!(findings[0].0, "missing-field");
    assert_eq!(findings[0].2, "dodopayments.CheckoutSessionPreviewParams");
    assert!(
        findings[1..]
            .iter()
            .all(|(rule, _, at)| *rule == "confirm-incomplete" && at == "true"),
        "{findings:?}"
    );
}

#[test]
fn a_params_variable_handed_elsewhere_before_the_call_is_open() {
    let text = go(
        "\tparams := dodopayments.CheckoutSessionNewParams{CheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{}}\n\taddCart(&params)\n\treturn client.CheckoutSessions.New(ctx, params)",
    );
    // The helper may have added a cart: the call's reading, which replaces the literal's own,
    // is open and says nothing of what is missing.
    let report = lint(&text);
    assert!(report.diagnostics().is_empty(), "{report}");
    let kept = text.replace("\taddCart(&params)\n", "");
    assert_eq!(rules_of(&lint(&kept)), ["missing-field"]);
}

#[test]
fn names_calls_and_the_sdk_escape_hatches_raise_nothing() {
    let text = go(
        "\treturn client.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{\n\t\t\tProductCart: dodopayments.F(cart),\n\t\t\tBillingCurrency: dodopayments.F(currencyFor(ctx)),\n\t\t\tReturnURL: dodopayments.F(\"http://\" + host + \"/done\"),\n\t\t\tCustomer: dodopayments.Null[dodopayments.CustomerRequestUnionParam](),\n\t\t\tDiscountCodes: dodopayments.Raw[[]string](codes),\n\t\t\tTaxID: dodopayments.F(fmt.Sprintf(\"%s\", id)),\n\t\t},\n\t})",
    );
    let report = lint(&text);
    assert!(
        report
            .diagnostics()
            .iter()
            .all(|d| d.rule == "insecure-redirect-url"),
        "{report}"
    );
}

#[test]
fn a_package_that_does_not_import_the_sdk_is_someone_elses() {
    let text = "package fake\n\nimport dodopayments \"example.com/other/payments\"\n\nfunc f() {\n\tclient.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{\n\t\t\tProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{Quantity: dodopayments.F(int64(0))}}),\n\t\t},\n\t})\n}\n// github.com/dodopayments/dodopayments-go is mentioned, not imported.\n";
    let report = lint(text);
    assert!(report.diagnostics().is_empty(), "{report}");
}

#[test]
fn an_aliased_import_and_the_older_sdk_type_names_are_read() {
    let text = "package billing\n\nimport dodo \"github.com/dodopayments/dodopayments-go\"\n\nfunc f(s *Service) {\n\ts.client.CheckoutSessions.New(ctx, dodo.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: dodo.CheckoutSessionRequestParam{\n\t\t\tProductCart: dodo.F([]dodo.CheckoutSessionRequestProductCartParam{{ProductID: dodo.F(\"p\"), Quantity: dodo.F[int64](-2)}}),\n\t\t\tFeatureFlags: dodo.F(dodo.CheckoutSessionRequestFeatureFlagsParam{AllowDiscountCode: dodo.F(true)}),\n\t\t},\n\t})\n}\n";
    assert_eq!(
        found(&lint(text)),
        [(
            "zero-quantity",
            "/product_cart/0/quantity".into(),
            "-2".into()
        )]
    );
}

#[test]
fn a_raw_post_of_a_marshalled_map_to_dodo_is_a_payload() {
    let text = "package billing\n\nimport (\n\t\"bytes\"\n\t\"encoding/json\"\n\t\"net/http\"\n)\n\nconst base = \"https://test.dodopayments.com\"\n\nfunc f() {\n\tpayload := map[string]any{\n\t\t\"product_cart\": []map[string]any{{\"product_id\": \"p\", \"quantity\": 0}},\n\t\t\"customer_email\": \"a@b.co\",\n\t}\n\tpayload[\"billing_currency\"] = \"usd\"\n\tbody, _ := json.Marshal(payload)\n\treq, _ := http.NewRequest(http.MethodPost, base+\"/checkouts\", bytes.NewBuffer(body))\n\t_ = req\n\tother, _ := json.Marshal(map[string]any{\"quantity\": 0})\n\thttp.Post(\"https://example.com/checkouts\", \"application/json\", bytes.NewReader(other))\n}\n";
    assert_eq!(
        found(&lint(text)),
        [
            (
                "zero-quantity",
                "/product_cart/0/quantity".into(),
                "0".into()
            ),
            (
                "unknown-field",
                "/customer_email".into(),
                "\"customer_email\"".into()
            ),
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "\"usd\"".into()
            ),
        ]
    );
}

#[test]
fn suppression_comments_read_as_in_javascript() {
    let text = go(
        "\treturn client.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{\n\t\t\tProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{\n\t\t\t\tProductID: dodopayments.F(\"p\"),\n\t\t\t\t// checkout-lint-disable-next-line zero-quantity -- a free sample\n\t\t\t\tQuantity: dodopayments.F(int64(0)),\n\t\t\t}}),\n\t\t\tBillingCurrency: dodopayments.F[dodopayments.Currency](\"usd\"), // checkout-lint-disable-line\n\t\t},\n\t})",
    );
    let report = lint(&text);
    assert!(report.diagnostics().is_empty(), "{report}");
}

#[test]
fn a_file_without_the_sdk_or_a_checkouts_url_is_not_parsed() {
    // Past the bracket limit: a parsed file would be reported too deep.
    let text = format!(
        "package a\n\nvar x = {}1{}\n",
        "(".repeat(300),
        ")".repeat(300)
    );
    assert!(lint(&text).diagnostics().is_empty());
    let with_sdk = format!("{HEADER}var x = {}1{}\n", "(".repeat(300), ")".repeat(300));
    assert_eq!(rules_of(&lint(&with_sdk)), ["file-too-deep"]);
}

#[test]
fn a_request_variable_in_the_params_and_comments_between_arguments_are_read() {
    let text = go(
        "\treq := dodopayments.CheckoutSessionRequestParam{\n\t\tProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(1))}}),\n\t}\n\treq.ReturnURL = dodopayments.F(\"http://shop.example.com\")\n\treturn client.CheckoutSessions.New(ctx, /* the session */ dodopayments.CheckoutSessionNewParams{\n\t\tCheckoutSessionRequest: req, // built above\n\t})",
    );
    assert_eq!(
        found(&lint(&text)),
        [(
            "insecure-redirect-url",
            "/return_url".into(),
            "\"http://shop.example.com\"".into()
        )]
    );
}

#[test]
fn a_pointer_to_a_map_marshals_as_the_map() {
    let text = "package billing\n\nimport (\n\t\"bytes\"\n\t\"encoding/json\"\n\t\"net/http\"\n)\n\nfunc f(ctx context.Context) {\n\tpayload := map[string]any{\"product_cart\": []any{}, \"confirm\": \"yes\"}\n\tbody, _ := json.Marshal(&payload)\n\treq, _ := http.NewRequestWithContext(ctx, \"POST\", \"https://live.dodopayments.com/checkouts\", bytes.NewReader(body))\n\t_ = req\n}\n";
    assert_eq!(
        found(&lint(text)),
        [
            // A slice is reported at its braces (the type before them is the compiler's).
            ("empty-cart", "/product_cart".into(), "{}".into()),
            ("invalid-type", "/confirm".into(), "\"yes\"".into())
        ]
    );
}

#[test]
fn a_struct_of_the_files_own_is_marshalled_by_its_json_tags() {
    let text = "package billing\n\nimport (\n\t\"bytes\"\n\t\"encoding/json\"\n\t\"net/http\"\n)\n\ntype item struct {\n\tProductID string `json:\"product_id\"`\n\tQuantity  int    `json:\"quantity\"`\n}\n\ntype checkoutRequest struct {\n\tCart      []item `json:\"product_cart\"`\n\tReturnURL string `json:\"return_url,omitempty\"`\n\tCurrency  string `json:\"billing_currency,omitempty\"`\n\tSecret    string `json:\"-\"`\n\tEmail     string\n\tinternal  int\n}\n\nfunc f() {\n\treq := checkoutRequest{\n\t\tCart:      []item{{ProductID: \"p\", Quantity: 0}},\n\t\tReturnURL: \"\",\n\t\tCurrency:  \"usd\",\n\t\tSecret:    \"s\",\n\t\tEmail:     \"a@b.co\",\n\t\tinternal:  1,\n\t}\n\tbody, _ := json.Marshal(req)\n\thttp.Post(\"https://test.dodopayments.com/checkouts\", \"application/json\", bytes.NewBuffer(body))\n}\n";
    assert_eq!(
        found(&lint(text)),
        [
            (
                "zero-quantity",
                "/product_cart/0/quantity".into(),
                "0".into()
            ),
            (
                "invalid-currency-code",
                "/billing_currency".into(),
                "\"usd\"".into()
            ),
            // No tag: the Go name is the JSON name. `ReturnURL: ""` is left out (omitempty),
            // `Secret` (`json:"-"`) and `internal` (unexported) are never sent.
            ("unknown-field", "/Email".into(), "Email".into()),
        ]
    );
}

#[test]
fn params_rebound_to_something_not_followed_are_open_at_the_call() {
    let text = go(
        "\tparams := dodopayments.CheckoutSessionNewParams{CheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{}}\n\tparams = build(ctx)\n\tparams.CheckoutSessionRequest.Confirm = dodopayments.F(true)\n\treturn client.CheckoutSessions.New(ctx, params)",
    );
    let report = lint(&text);
    assert!(report.diagnostics().is_empty(), "{report}");
    let kept = text.replace("\tparams = build(ctx)\n", "");
    assert_eq!(
        rules_of(&lint(&kept)),
        ["missing-field", "confirm-incomplete", "confirm-incomplete"]
    );
}

#[test]
fn request_options_that_change_the_body_make_the_payload_open() {
    let call = |options: &str| {
        go(&format!(
            "\treturn client.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{{\n\t\tCheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{{\n\t\t\tBillingCurrency: dodopayments.F(dodopayments.Currency(\"usd\")),\n\t\t}},\n\t}}{options})"
        ))
    };
    // Headers and retries leave the body alone: the cart is missing.
    let kept = lint(&call(
        ", option.WithHeader(\"X-Trace\", \"1\"), option.WithMaxRetries(2)",
    ));
    assert_eq!(rules_of(&kept), ["missing-field", "invalid-currency-code"]);
    // `WithJSONSet` (or options not seen) may add it: only what is written is checked.
    for options in [", option.WithJSONSet(\"product_cart\", cart)", ", opts..."] {
        let report = lint(&call(options));
        assert_eq!(rules_of(&report), ["invalid-currency-code"], "{options}");
    }
}

#[test]
fn params_sent_by_the_service_itself_or_elsewhere_are_read_with_their_assignments() {
    // The service made on its own (`NewCheckoutSessionService`), the cart assigned after the
    // literal: the call is known by its params' type, and reads the cart.
    let service = go(
        "\tsvc := dodopayments.NewCheckoutSessionService(option.WithBearerToken(\"k\"))\n\tparams := dodopayments.CheckoutSessionNewParams{}\n\tparams.CheckoutSessionRequest.ProductCart = dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(0))}})\n\treturn svc.New(ctx, params)",
    );
    assert_eq!(
        found(&lint(&service)),
        [(
            "zero-quantity",
            "/product_cart/0/quantity".into(),
            "0".into()
        )]
    );
    // Handed to a helper: read where the function ends, open (the helper may add fields),
    // with what was assigned before.
    let helper = go(
        "\treq := dodopayments.CheckoutSessionRequestParam{ReturnURL: dodopayments.F(\"http://shop.example.com\")}\n\tif email != \"\" {\n\t\treq.Customer = dodopayments.F[dodopayments.CustomerRequestUnionParam](dodopayments.CustomerRequestParam{Email: dodopayments.F(email)})\n\t}\n\treturn send(ctx, req)",
    );
    assert_eq!(
        found(&lint(&helper)),
        [(
            "insecure-redirect-url",
            "/return_url".into(),
            "\"http://shop.example.com\"".into()
        )]
    );
}

#[test]
fn a_literal_handed_to_a_helper_or_returned_is_open() {
    // The helper may set the cart before it sends: what is written is checked, what is missing
    // is not claimed.
    for body in [
        "\treturn send(ctx, dodopayments.CheckoutSessionRequestParam{ReturnURL: dodopayments.F(\"http://shop.example.com\")})",
        "\treturn dodopayments.CheckoutSessionNewParams{CheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{ReturnURL: dodopayments.F(\"http://shop.example.com\")}}",
    ] {
        assert_eq!(
            found(&lint(&go(body))),
            [(
                "insecure-redirect-url",
                "/return_url".into(),
                "\"http://shop.example.com\"".into()
            )],
            "{body}"
        );
    }
}

#[test]
fn literals_assigned_to_the_blank_identifier_are_each_read() {
    let literal = "var _ = dodopayments.CheckoutSessionRequestParam{ProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(0))}})}\n";
    let text = format!("{HEADER}{literal}{literal}");
    assert_eq!(rules_of(&lint(&text)), ["zero-quantity", "zero-quantity"]);
}
