//! Hostile source files (issue 23): nesting that would overflow a stack, data flow and
//! suppressions that once cost the square of the file. Each file is one a repository could
//! commit; the run must end, say what it skipped, and keep every other file's findings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use crate::common::bin;
use checkout_lint::Linter;

/// Counts the bytes this thread allocates: a deterministic measure of the work a lint does
/// (time is not: tests share the machine).
struct Counting;

thread_local! {
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATED.try_with(|n| n.set(n.get() + layout.size() as u64));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocated_by(f: impl FnOnce()) -> u64 {
    let before = ALLOCATED.with(Cell::get);
    f();
    ALLOCATED.with(Cell::get) - before
}

const GOOD_TS: &str = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nawait client.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }] });\n";
const GOOD_PY: &str = "from dodopayments import DodoPayments\nclient = DodoPayments()\nclient.checkout_sessions.create(product_cart=[{'product_id': 'p', 'quantity': 0}])\n";

const GO_HEAD: &str = "package a\n\nimport \"github.com/dodopayments/dodopayments-go\"\n\n";
const GOOD_GO: &str = "package a\n\nimport \"github.com/dodopayments/dodopayments-go\"\n\nvar p = dodopayments.CheckoutSessionRequestParam{ProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(0))}})}\n";

fn nested(open: &str, close: &str, levels: usize) -> String {
    format!("{}1{}", open.repeat(levels), close.repeat(levels))
}

/// Lines of `--format concise` output for a directory holding `files`.
fn lint_dir(files: &[(&str, String)]) -> (Option<i32>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let output = bin()
        .args(["--format", "concise"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let prefix = format!("{}/", dir.path().display());
    let lines = stdout
        .lines()
        .map(|line| line.replace(&prefix, ""))
        .collect();
    (output.status.code(), lines)
}

#[test]
fn deep_typescript_in_a_directory_run_is_reported_and_the_other_files_still_linted() {
    let deep = format!(
        "// checkoutSessions\nconst x = {};\n",
        nested("(", ")", 1_400)
    );
    let deeper = format!(
        "// checkoutSessions\nconst y = {};\n",
        nested("(", ")", 6_000)
    );
    let chain = format!(
        "// checkoutSessions\nconst z = a{};\n",
        ".b".repeat(200_000)
    );
    let (code, lines) = lint_dir(&[
        ("deep.ts", deep),
        ("deeper.tsx", deeper),
        ("chain.js", chain),
        ("good.ts", GOOD_TS.to_string()),
    ]);
    assert_eq!(code, Some(1), "{lines:#?}");
    assert_eq!(
        lines,
        [
            "chain.js:2:11: warning[file-too-deep] expressions or statements nested more than 1000 levels deep here; the file was not searched for payloads",
            "deep.ts:2:267: warning[file-too-deep] brackets (or prefix operators) nested more than 256 levels deep here; the file was not searched for payloads",
            "deeper.tsx:2:267: warning[file-too-deep] brackets (or prefix operators) nested more than 256 levels deep here; the file was not searched for payloads",
            "good.ts:3:84: error[zero-quantity] quantity must be at least 1, found 0",
        ]
    );
}

#[test]
fn deep_python_in_a_directory_run_is_reported_and_the_other_files_still_linted() {
    let lists = format!("# checkout_sessions\nx = {}\n", nested("[", "]", 40_000));
    let sums = format!("# checkout_sessions\nx = 1{}\n", "+1".repeat(200_000));
    let nots = format!("# checkout_sessions\nx = {}1\n", "not ".repeat(50_000));
    let (code, lines) = lint_dir(&[
        ("lists.py", lists),
        ("sums.py", sums),
        ("nots.py", nots),
        ("good.py", GOOD_PY.to_string()),
    ]);
    assert_eq!(code, Some(1), "{lines:#?}");
    assert_eq!(
        lines,
        [
            "good.py:3:79: error[zero-quantity] quantity must be at least 1, found 0",
            "lists.py:2:261: warning[file-too-deep] brackets (or prefix operators) nested more than 256 levels deep here; the file was not searched for payloads",
            "nots.py:2:4001: warning[file-too-deep] expressions or statements nested more than 1000 levels deep here; the file was not searched for payloads",
            "sums.py:2:5: warning[file-too-deep] expressions or statements nested more than 1000 levels deep here; the file was not searched for payloads",
        ]
    );
}

#[test]
fn deep_go_in_a_directory_run_is_reported_and_the_other_files_still_linted() {
    let parens = format!("{GO_HEAD}var x = {}\n", nested("(", ")", 40_000));
    let minus = format!("{GO_HEAD}var x = {}1\n", "- ".repeat(50_000));
    let chain = format!("{GO_HEAD}var x = a{}\n", ".b".repeat(200_000));
    let sums = format!("{GO_HEAD}var x = 1{}\n", "+1".repeat(200_000));
    let (code, lines) = lint_dir(&[
        ("parens.go", parens),
        ("minus.go", minus),
        ("chain.go", chain),
        ("sums.go", sums),
        ("good.go", GOOD_GO.to_string()),
    ]);
    assert_eq!(code, Some(1), "{lines:#?}");
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert_eq!(
        lines[1],
        "good.go:5:177: error[zero-quantity] quantity must be at least 1, found 0"
    );
    assert!(
        lines[2].starts_with("minus.go:") && lines[2].contains("file-too-deep"),
        "{lines:#?}"
    );
    assert_eq!(
        lines[3],
        "parens.go:5:265: warning[file-too-deep] brackets (or prefix operators) nested more than 256 levels deep here; the file was not searched for payloads"
    );
    for line in [&lines[0], &lines[4]] {
        assert!(
            line.contains(
                "warning[file-too-deep] expressions or statements nested more than 1000 levels deep"
            ),
            "{line}"
        );
    }
}

#[test]
fn nesting_within_the_limit_is_linted_as_usual() {
    let text = format!(
        "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nconst n = {};\nawait client.checkoutSessions.create({{ product_cart: [{{ product_id: 'p', quantity: 0 }}] }});\n",
        nested("(", ")", 200)
    );
    let report = Linter::default().lint_str("ok.ts", &text);
    let rules: Vec<_> = report.diagnostics().iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["zero-quantity"]);
}

/// `params['mN'] = 1; create(params)` repeated `n` times: each call once rebuilt its object
/// from every earlier assignment.
fn assign_and_send_ts(n: usize) -> String {
    let mut text = String::from(
        "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nconst params = { product_cart: [{ product_id: 'p', quantity: 1 }] };\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "params['m{i}'] = 1; await client.checkoutSessions.create(params);\n"
        ));
    }
    text
}

fn assign_and_send_py(n: usize) -> String {
    let mut text = String::from(
        "from dodopayments import DodoPayments\nclient = DodoPayments()\nparams = {'product_cart': [{'product_id': 'p', 'quantity': 1}]}\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "params['m{i}'] = 1\nclient.checkout_sessions.create(**params)\n"
        ));
    }
    text
}

fn assign_and_send_go(n: usize) -> String {
    let mut text =
        format!("{GO_HEAD}func f() {{\n\tparams := dodopayments.CheckoutSessionNewParams{{}}\n");
    for i in 0..n {
        text.push_str(&format!(
            "\tparams.CheckoutSessionRequest.Field{i} = dodopayments.F(1)\n\tclient.CheckoutSessions.New(ctx, params)\n"
        ));
    }
    text.push_str("}\n");
    text
}

/// One suppressed finding per payload, `n` times.
fn suppressed_ts(n: usize) -> String {
    let mut text = String::from(
        "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n",
    );
    for _ in 0..n {
        text.push_str("// checkout-lint-disable-next-line zero-quantity\nclient.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }] });\n");
    }
    text
}

fn suppressed_py(n: usize) -> String {
    let mut text = String::from("from dodopayments import DodoPayments\nclient = DodoPayments()\n");
    for _ in 0..n {
        text.push_str("client.checkout_sessions.create(product_cart=[{'product_id': 'p', 'quantity': 0}])  # checkout-lint: disable=zero-quantity\n");
    }
    text
}

fn suppressed_go(n: usize) -> String {
    let mut text = GO_HEAD.to_string();
    for _ in 0..n {
        text.push_str("// checkout-lint-disable-next-line zero-quantity\nvar _ = dodopayments.CheckoutSessionRequestParam{ProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(0))}})}\n");
    }
    text
}

/// The work of linting the file made by `make(n)` and by `make(2n)`: doubling the input may at
/// most about double the work.
fn assert_linear(name: &str, make: fn(usize) -> String, n: usize) {
    let linter = Linter::default();
    let (small, large) = (make(n), make(2 * n));
    let mut findings = 0;
    let cost_small = allocated_by(|| findings = linter.lint_str(name, &small).diagnostics().len());
    let cost_large = allocated_by(|| {
        linter.lint_str(name, &large);
    });
    let ratio = cost_large as f64 / cost_small as f64;
    assert!(
        ratio <= 2.5,
        "{name}: {cost_small} bytes allocated for n={n}, {cost_large} for 2n (×{ratio:.2}); {findings} findings"
    );
}

#[test]
fn assigning_and_sending_thousands_of_times_costs_linear_work() {
    assert_linear("flow.ts", assign_and_send_ts, 2_000);
    assert_linear("flow.py", assign_and_send_py, 2_000);
    assert_linear("flow.go", assign_and_send_go, 2_000);
}

fn alias_chain_py(n: usize) -> String {
    let mut text = String::from("from dodopayments import DodoPayments\nc0 = DodoPayments()\n");
    for at in 1..=n {
        text.push_str(&format!("c{at} = c{}\n", at - 1));
    }
    text.push_str(&format!(
        "c{n}.checkout_sessions.create(product_cart=[{{'product_id': 'p', 'quantity': 0}}])\n"
    ));
    text
}

/// Builders that unpack builders, `n` times each, three deep.
fn nested_builders_py(n: usize) -> String {
    let mut text = String::from("from dodopayments import DodoPayments\nclient = DodoPayments()\n");
    for level in 0..2 {
        let calls = vec![format!("**f{}(x)", level + 1); n].join(", ");
        text.push_str(&format!("def f{level}(x):\n    return {{{calls}}}\n"));
    }
    text.push_str(
        "def f2(x):\n    return {'product_cart': [{'product_id': 'p', 'quantity': x}]}\n",
    );
    text.push_str("client.checkout_sessions.create(**f0(0))\n");
    text
}

#[test]
fn client_alias_chains_and_builders_of_builders_cost_linear_work() {
    assert_linear("aliases.py", alias_chain_py, 2_000);
    assert_linear("builders.py", nested_builders_py, 1_000);
    // The chain is followed to its end.
    let report = Linter::default().lint_str("aliases.py", &alias_chain_py(50));
    assert_eq!(
        report
            .diagnostics()
            .iter()
            .map(|d| d.rule)
            .collect::<Vec<_>>(),
        ["zero-quantity"]
    );
}

#[test]
fn thousands_of_suppression_comments_cost_linear_work() {
    assert_linear("many.ts", suppressed_ts, 4_000);
    assert_linear("many.py", suppressed_py, 4_000);
    assert_linear("many.go", suppressed_go, 4_000);
    let report = Linter::default().lint_str("many.go", &suppressed_go(50));
    assert!(report.diagnostics().is_empty(), "{report}");
    // And they still suppress.
    let report = Linter::default().lint_str("many.py", &suppressed_py(50));
    assert!(
        report.diagnostics().is_empty(),
        "{:#?}",
        report.diagnostics()
    );
}

#[test]
fn the_followed_object_is_still_right_before_the_budget_runs_out() {
    let text = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nconst params = { product_cart: [{ product_id: 'p', quantity: 1 }] };\nparams.quantity = 0;\nparams['confirm'] = true;\ndelete params.x;\nparams.product_cart = [{ product_id: 'p', quantity: 0 }];\nawait client.checkoutSessions.create(params);\n";
    let report = Linter::default().lint_str("f.ts", text);
    let rules: Vec<_> = report
        .diagnostics()
        .iter()
        .map(|d| (d.rule, d.pointer.as_str()))
        .collect();
    assert!(
        rules.contains(&("zero-quantity", "/product_cart/0/quantity")),
        "{rules:?}"
    );
    assert!(rules.contains(&("unknown-field", "/quantity")), "{rules:?}");
}

#[test]
fn spans_in_a_source_file_that_is_not_utf8_are_offsets_of_its_bytes() {
    let bytes = b"import DodoPayments from 'dodopayments';\n// caf\xe9 \xe9\xe9\nconst c = new DodoPayments();\nawait c.checkoutSessions.create({ product_cart: [{ product_id: 'p', quantity: 0 }], billing_currency: 'usd' });\n";
    let report = Linter::default().lint_bytes("latin1.ts", bytes);
    let zero = report
        .diagnostics()
        .iter()
        .find(|d| d.rule == "zero-quantity")
        .expect("zero-quantity");
    assert_eq!(&bytes[zero.span.range()], b"0");
    let currency = report
        .diagnostics()
        .iter()
        .find(|d| d.rule == "invalid-currency-code")
        .expect("invalid-currency-code");
    assert_eq!(&bytes[currency.span.range()], b"'usd'");
    let fix = currency.fix.as_ref().expect("a fix");
    assert_eq!(&bytes[fix.edits[0].span.range()], b"'usd'");
}

#[test]
fn spans_in_a_go_file_that_is_not_utf8_are_offsets_of_its_bytes() {
    let bytes = b"package a\n\nimport \"github.com/dodopayments/dodopayments-go\"\n\n// caf\xe9 \xe9\xe9\nvar p = dodopayments.CheckoutSessionRequestParam{ProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F(\"p\"), Quantity: dodopayments.F(int64(0))}}), BillingCurrency: dodopayments.F[dodopayments.Currency](\"usd\")}\n";
    let report = Linter::default().lint_bytes("latin1.go", bytes);
    let zero = report
        .diagnostics()
        .iter()
        .find(|d| d.rule == "zero-quantity")
        .expect("zero-quantity");
    assert_eq!(&bytes[zero.span.range()], b"0");
    let currency = report
        .diagnostics()
        .iter()
        .find(|d| d.rule == "invalid-currency-code")
        .expect("invalid-currency-code");
    assert_eq!(&bytes[currency.span.range()], b"\"usd\"");
    let fix = currency.fix.as_ref().expect("a fix");
    assert_eq!(&bytes[fix.edits[0].span.range()], b"\"usd\"");
    assert_eq!(fix.edits[0].replacement, "\"USD\"");
}

#[cfg(unix)]
#[test]
fn a_named_link_out_of_the_working_tree_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.json");
    std::fs::write(
        &secret,
        r#"{"product_cart": [{"product_id": "TOP-SECRET", "quantity": 0}]}"#,
    )
    .unwrap();
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    std::os::unix::fs::symlink(&secret, repo.path().join("payload.json")).unwrap();
    std::fs::write(
        repo.path().join("real.json"),
        r#"{"product_cart": [{"product_id": "p", "quantity": 0}]}"#,
    )
    .unwrap();
    std::os::unix::fs::symlink("real.json", repo.path().join("inside.json")).unwrap();
    let run = |name: &str| {
        bin()
            .current_dir(repo.path())
            .args(["--format", "human", "--color", "never", name])
            .output()
            .unwrap()
    };
    let refused = run("payload.json");
    assert_eq!(refused.status.code(), Some(2));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&refused.stdout),
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(
        all.contains("payload.json is a link to a file outside the working tree"),
        "{all}"
    );
    assert!(!all.contains("TOP-SECRET"), "{all}");
    // A folder link on the way out is refused the same way.
    std::os::unix::fs::symlink(outside.path(), repo.path().join("linked")).unwrap();
    let through_folder = run("linked/secret.json");
    assert_eq!(through_folder.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&through_folder.stdout).contains("TOP-SECRET"));
    // A link that stays inside is read as before.
    let inside = run("inside.json");
    assert_eq!(inside.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&inside.stdout).contains("zero-quantity"));
}

#[test]
fn a_value_sent_by_several_calls_is_reported_once() {
    let mut text = String::from(
        "from dodopayments import DodoPayments\nclient = DodoPayments()\nparams = {'product_cart': [{'product_id': 'p', 'quantity': 0}]}\n",
    );
    for i in 0..150 {
        text.push_str(&format!(
            "params['m{i}'] = 1\nclient.checkout_sessions.create(**params)\n"
        ));
    }
    let report = Linter::default().lint_str("many.py", &text);
    let count = |rule: &str| {
        report
            .diagnostics()
            .iter()
            .filter(|d| d.rule == rule)
            .count()
    };
    assert_eq!(report.payload_count(), 150);
    assert_eq!(count("zero-quantity"), 1);
    assert_eq!(count("unknown-field"), 150);
}

#[test]
fn a_followed_literal_keeps_its_repeated_keys() {
    let text = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nconst p = { product_cart: [{ product_id: 'p', quantity: 1 }], confirm: true, confirm: false };\nawait client.checkoutSessions.create(p);\n";
    let report = Linter::default().lint_str("dup.ts", text);
    let rules: Vec<_> = report.diagnostics().iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"duplicate-key"), "{rules:?}");
}

#[test]
fn a_source_file_past_the_parse_limit_is_reported_not_parsed() {
    let text = format!(
        "// checkoutSessions\nconst x = {}1;\n",
        "-+".repeat(checkout_lint::internals::MAX_SOURCE / 2)
    );
    let report = Linter::default().lint_str("big.js", &text);
    let rules: Vec<_> = report.diagnostics().iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["file-too-deep"]);
    let go = format!(
        "{GO_HEAD}var x = {}1\n",
        "-+".repeat(checkout_lint::internals::MAX_SOURCE / 2)
    );
    let report = Linter::default().lint_str("big.go", &go);
    let rules: Vec<_> = report.diagnostics().iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["file-too-deep"]);
    assert!(
        report.diagnostics()[0]
            .message
            .contains("the most the source front-ends parse")
    );
}

#[cfg(unix)]
#[test]
fn a_named_project_file_that_is_a_link_out_is_skipped_not_an_error() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", repo.path().join("package.json")).unwrap();
    let output = bin()
        .current_dir(repo.path())
        .args(["--format", "concise", "package.json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
