//! The project stage for Python from the command line: small projects under
//! `tests/fixtures/projects/python_*`, modelled on how services are written — clients injected
//! into classes and FastAPI routes, factories and singletons in other modules, builders of
//! payload dicts in other packages (`src/` layouts, `__init__.py` re-exports), raw requests to
//! URLs that other modules build — and a hostile one that must end silent.

use std::fmt::Write as _;

use crate::common::bin;
use crate::project::{found, json_in, project};

#[test]
fn python_factories_singletons_and_builders_across_modules() {
    let (document, stderr) = json_in(&project("python_service"), &["."]);
    assert_eq!(
        found(&document),
        [
            // The builder's own mistakes, where it writes them, sent with `**build_payload(...)`.
            "./app/payloads.py:3:65 zero-quantity",
            "./app/payloads.py:5:23 insecure-redirect-url",
            // The factory's client (`dodo = get_client()`, from `app.dodo`): its response read.
            "./app/routes.py:9:20 unknown-response-field",
            // The module's singleton client (`from app.dodo import client`).
            "./app/routes.py:13:44 missing-field",
            "./app/routes.py:13:52 tax-id-without-country",
        ],
        "{stderr}"
    );
    // As a hook names it: the route alone, with the modules it imports read.
    let (document, _) = json_in(&project("python_service"), &["app/routes.py"]);
    assert_eq!(
        found(&document),
        [
            "app/routes.py:9:20 unknown-response-field",
            "app/routes.py:13:44 missing-field",
            "app/routes.py:13:52 tax-id-without-country",
        ]
    );
}

#[test]
fn clients_injected_through_init_dataclasses_and_depends_make_their_calls_dodos() {
    let (document, stderr) = json_in(&project("python_injected"), &["."]);
    assert_eq!(
        found(&document),
        [
            // `Depends(get_dodo)`: a keyword the SDK's create() does not take.
            "./app/routes.py:11:9 unknown-field",
            // `Annotated[DodoClient, Depends(get_dodo)]`.
            "./app/routes.py:18:20 insecure-redirect-url",
            "./app/routes.py:20:29 dead-response-fallback",
            // Only the client says Dodo here: a splat of an unknown dict, and a read of its answer.
            "./app/routes.py:24:50 unknown-response-field",
            // `__init__(self, client: DodoClient)`, in a module that never imports the SDK.
            "./app/services/billing.py:11:63 zero-quantity",
            "./app/services/billing.py:14:24 unknown-response-field",
            "./app/services/billing.py:18:64 unknown-response-field",
            // A dataclass field `Optional[DodoClient]`; preview takes no `currency`.
            "./app/services/store.py:15:13 unknown-field",
        ],
        "{stderr}"
    );
    // The ORM's `checkout_sessions` table stays silent (asserted by the list above); the
    // misspelt keyword gets its did-you-mean.
    let store = document["files"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|file| file["path"] == "./app/services/store.py")
        .expect("store.py has a finding");
    let help = store["diagnostics"][0]["help"].as_str().unwrap_or_default();
    assert!(
        help.contains("did you mean \"billing_currency\"?"),
        "{help}"
    );
}

#[test]
fn builders_in_other_packages_are_bound_to_the_arguments_of_each_call() {
    let (document, stderr) = json_in(&project("python_builders"), &["."]);
    assert_eq!(
        found(&document),
        [
            // A map's entries sent one at a time from another module (indexed by a key not
            // known, and iterated), and a dict spread beside other keywords (linted open).
            "./src/shop/billing/catalog.py:3:70 zero-quantity",
            "./src/shop/billing/catalog.py:4:73 unknown-field",
            "./src/shop/billing/catalog.py:6:42 unknown-field",
            // The builder's own key, linted where it is written: `json=plan_checkout(...)` of
            // a raw POST to a URL that an imported helper builds.
            "./src/shop/billing/payloads.py:9:69 unknown-field",
            // Each plan of the map read in turn (iterated, and indexed by a key not known).
            "./src/shop/web/views.py:9:70 zero-quantity",
            "./src/shop/web/views.py:10:83 confirm-incomplete",
            "./src/shop/web/views.py:10:83 confirm-incomplete",
            // The caller's arguments, placed where the builder puts them (positional, then by
            // keyword through a variable).
            "./src/shop/web/views.py:16:67 zero-quantity",
            "./src/shop/web/views.py:16:77 missing-card-fallback",
            "./src/shop/web/views.py:20:52 zero-quantity",
            // The other branch of a conditional expression.
            "./src/shop/web/views.py:27:55 empty-cart",
            "./src/shop/web/views.py:40:103 zero-quantity",
        ],
        "{stderr}"
    );
    // A finding on the caller's argument points at the builder's key in its own module.
    let views = document["files"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|file| file["path"] == "./src/shop/web/views.py")
        .expect("views.py has findings");
    let seats = views["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["rule"] == "zero-quantity" && d["range"]["start"]["line"] == 15)
        .expect("the positional call's zero-quantity");
    let label = &seats["labels"][0];
    assert_eq!(label["message"], "seat_checkout puts the argument here");
    assert_eq!(label["file"], "src/shop/billing/payloads.py");
    // The `"quantity"` key the builder writes `seats` under.
    assert_eq!(
        label["range"]["start"],
        serde_json::json!({"line": 1, "character": 59})
    );
}

#[test]
fn names_read_through_imported_modules_are_resolved_in_those_modules() {
    let (document, stderr) = json_in(&project("python_modules"), &["."]);
    assert_eq!(
        found(&document),
        [
            // `payloads.build(0)` of `from . import payloads`: its own key, where it is written.
            "./app/payloads.py:2:87 insecure-redirect-url",
            // `dodo.client` of `from . import dodo`, and the argument of `payloads.build(0)`.
            "./app/views.py:10:66 zero-quantity",
            // `dodo.get_client()`, a factory by its `-> DodoPayments` annotation.
            "./app/views.py:14:63 unknown-response-field",
            // `with DodoPayments() as dodo_client:`.
            "./app/views.py:19:61 unknown-response-field",
            // `config.LIVE` of `import app.config as config`.
            "./app/views.py:23:109 zero-quantity",
        ],
        "{stderr}"
    );
}

#[test]
fn cycles_stars_rebound_names_and_virtualenvs_end_unknown() {
    let (document, stderr) = json_in(&project("python_hostile"), &["."]);
    // Only the call whose client and builder are both known: a builder of a namespace
    // package, with the SDK's class re-exported by a module of the app.
    assert_eq!(
        found(&document),
        ["./main.py:20:43 zero-quantity"],
        "{stderr}"
    );
}

#[test]
fn a_package_of_thousands_of_modules_and_a_long_import_chain_end_quickly_and_unknown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).expect("git folder");
    std::fs::create_dir_all(root.join("big")).expect("package");
    std::fs::write(root.join("big/__init__.py"), "").expect("init");
    // A chain of 300 modules, each re-exporting the next one's client: past the depth the
    // project reads, the client is unknown.
    const LINKS: usize = 300;
    for at in 0..LINKS {
        let text = if at + 1 == LINKS {
            "from dodopayments import DodoPayments\nclient = DodoPayments()\n".to_string()
        } else {
            format!("from big.m{} import client\n", at + 1)
        };
        std::fs::write(root.join(format!("big/m{at}.py")), text).expect("module");
    }
    // Thousands of modules that mention nothing: walked, never parsed.
    for at in 0..5000 {
        std::fs::write(root.join(format!("big/other{at}.py")), "x = 1\n").expect("module");
    }
    let mut main = String::from("from big.m0 import client as far\n");
    let _ = writeln!(main, "from big.m{} import client as near\n", LINKS - 1);
    main.push_str("def go(p):\n    far.checkout_sessions.create(**p).url\n    near.checkout_sessions.create(**p).url\n");
    std::fs::write(root.join("main.py"), main).expect("main");
    let output = bin()
        .current_dir(root)
        .args(["--format", "concise", "main.py"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The near client is known; the far one, 300 modules away, is not, and is not guessed.
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "main.py:6:40: error[unknown-response-field] the checkout session create response has no field \"url\""
        ],
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn fix_edits_the_builders_module_and_the_callers_argument_each_in_its_own_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).expect("git folder");
    let source = project("python_builders");
    for file in [
        "src/shop/__init__.py",
        "src/shop/config.py",
        "src/shop/billing/__init__.py",
        "src/shop/billing/clients.py",
        "src/shop/billing/payloads.py",
        "src/shop/billing/catalog.py",
        "src/shop/web/__init__.py",
        "src/shop/web/views.py",
    ] {
        let to = root.join(file);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("folders");
        std::fs::copy(source.join(file), &to).expect("copy");
    }
    let output = bin()
        .current_dir(root)
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "."])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let payloads =
        std::fs::read_to_string(root.join("src/shop/billing/payloads.py")).expect("read");
    // A keyword of `dict(...)` is renamed as a keyword.
    assert!(
        payloads.contains("billing_currency=currency)"),
        "{payloads}\n{stdout}"
    );
    let views = std::fs::read_to_string(root.join("src/shop/web/views.py")).expect("read");
    assert!(
        views.contains(r#"seat_checkout("pdt_1", 0, email, ["credit", "debit", "apple_pay"])"#),
        "{views}\n{stdout}"
    );
    assert!(!stdout.contains("unknown-field"), "{stdout}");
}

mod equivalence {
    //! A dict a builder of another package returns, sent by a module that imports it through
    //! the package's `__init__.py`, lints in the builder's module as the same payload linted as
    //! JSON.

    use std::collections::BTreeSet;

    use checkout_lint::Linter;
    use proptest::prelude::*;
    use serde_json::Value;

    use crate::common::source::payload;
    use crate::project::json_in;

    /// The value as a Python literal (JSON's string escapes are Python's too).
    fn python(value: &Value, out: &mut String) {
        match value {
            Value::Null => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Number(number) => out.push_str(&number.to_string()),
            Value::String(_) => out.push_str(&value.to_string()),
            Value::Array(items) => {
                out.push('[');
                for item in items {
                    python(item, out);
                    out.push_str(", ");
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push_str("{\n");
                for (key, member) in members {
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push_str(": ");
                    python(member, out);
                    out.push_str(",\n");
                }
                out.push('}');
            }
        }
    }

    fn findings_of_json(value: &Value) -> BTreeSet<(String, String, String)> {
        let text = serde_json::to_string_pretty(value).expect("serializes");
        Linter::default()
            .lint_str("p.json", &text)
            .diagnostics()
            .iter()
            .map(|d| {
                (
                    d.rule.to_string(),
                    d.pointer.clone(),
                    d.severity.to_string(),
                )
            })
            .collect()
    }

    proptest! {
        // Each case runs the command: a few dozen cover the shapes the generator makes.
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn a_builder_in_another_package_lints_as_its_json(value in payload()) {
            let dir = tempfile::tempdir().expect("temp dir");
            let root = dir.path();
            std::fs::create_dir_all(root.join(".git")).expect("git folder");
            std::fs::create_dir_all(root.join("lib")).expect("lib");
            let mut literal = String::new();
            python(&value, &mut literal);
            std::fs::write(
                root.join("lib/payloads.py"),
                format!("def build():\n    return {literal}\n"),
            ).expect("builder");
            std::fs::write(root.join("lib/__init__.py"), "from .payloads import build\n").expect("init");
            std::fs::write(
                root.join("route.py"),
                "from dodopayments import DodoPayments\nfrom lib import build\n\n\
                 dodo = DodoPayments()\ndodo.checkout_sessions.create(**build())\n",
            ).expect("route");
            let (document, stderr) = json_in(root, &["."]);
            let mut in_builder = BTreeSet::new();
            for file in document["files"].as_array().into_iter().flatten() {
                for d in file["diagnostics"].as_array().into_iter().flatten() {
                    prop_assert_eq!(file["path"].as_str(), Some("./lib/payloads.py"), "{}", stderr);
                    in_builder.insert((
                        d["rule"].as_str().unwrap_or_default().to_string(),
                        d["pointer"].as_str().unwrap_or_default().to_string(),
                        d["severity"].as_str().unwrap_or_default().to_string(),
                    ));
                }
            }
            prop_assert_eq!(findings_of_json(&value), in_builder, "{}", literal);
        }
    }
}

#[test]
fn a_builder_bound_to_a_name_in_one_function_is_not_what_that_name_sends_in_another() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).expect("git folder");
    std::fs::create_dir_all(root.join("app")).expect("app");
    std::fs::write(root.join("app/__init__.py"), "").expect("init");
    std::fs::write(
        root.join("app/payloads.py"),
        "def customer_part(email):\n    return {\"customer\": {\"email\": email}}\n",
    )
    .expect("payloads");
    std::fs::write(
        root.join("app/views.py"),
        "from dodopayments import DodoPayments\nfrom app.payloads import customer_part\n\n\
         client = DodoPayments()\n\n\
         def profile(email, mailer):\n    payload = customer_part(email)\n    mailer.send(**payload)\n\n\
         def checkout(pid):\n    payload = {\"product_cart\": [{\"product_id\": pid, \"quantity\": 1}]}\n\
         \x20   return client.checkout_sessions.create(**payload)\n\n\
         def again(email):\n    payload = customer_part(email)\n    payload = {\"product_cart\": []}\n\
         \x20   return client.checkout_sessions.create(**payload)\n",
    )
    .expect("views");
    let (document, stderr) = json_in(root, &["."]);
    // Only the dict `again` really sends: its empty cart. `customer_part`'s dict is never sent.
    assert_eq!(
        found(&document),
        ["./app/views.py:16:32 empty-cart"],
        "{stderr}"
    );
}
