//! The project stage from the command line: small projects under
//! `tests/fixtures/projects/`, linted as `checkout-lint .` (and as a hook names files), whose
//! payloads and clients live in other modules than the calls that send them.

use std::path::Path;

use serde_json::Value;

use crate::common::bin;

pub(crate) fn project(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/projects")
        .join(name)
}

/// `checkout-lint --format json <args>` in `dir`: the document and standard error.
pub(crate) fn json_in(dir: &Path, args: &[&str]) -> (Value, String) {
    let output = bin()
        .current_dir(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let document = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("JSON on stdout ({err}); stderr: {stderr}"));
    (document, stderr)
}

/// Each diagnostic as `file:line:col rule` (1-based), in output order.
pub(crate) fn found(document: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for file in document["files"].as_array().into_iter().flatten() {
        for diagnostic in file["diagnostics"].as_array().into_iter().flatten() {
            let start = &diagnostic["range"]["start"];
            out.push(format!(
                "{}:{}:{} {}",
                file["path"].as_str().unwrap_or_default(),
                start["line"].as_u64().unwrap_or_default() + 1,
                start["character"].as_u64().unwrap_or_default() + 1,
                diagnostic["rule"].as_str().unwrap_or_default(),
            ));
        }
    }
    out
}

#[test]
fn a_factory_client_through_a_barrel_and_a_path_alias_and_an_imported_helper() {
    let (document, _) = json_in(&project("factory_helper"), &["."]);
    let found = found(&document);
    // The helper's own mistake is reported once, in the helper's file; the route's read of a
    // field the response lacks is seen through the factory's client.
    assert!(
        found.contains(&"./src/lib/checkout.ts:5:17 insecure-redirect-url".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"./src/app/api/checkout/route.ts:7:39 unknown-response-field".to_string()),
        "{found:?}"
    );
    // The caller's `0` goes through the imported helper's parameter into `quantity`: reported
    // at the caller's argument, with a label where the helper writes it.
    let zero = document["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|file| file["diagnostics"].as_array().into_iter().flatten())
        .find(|d| d["rule"] == "zero-quantity")
        .expect("zero-quantity at the call");
    assert_eq!(zero["range"]["start"]["line"], 5);
    assert_eq!(zero["range"]["start"]["character"], 78);
    assert_eq!(zero["labels"][0]["file"], "src/lib/checkout.ts");
    assert_eq!(zero["labels"][0]["range"]["start"]["line"], 2);
    assert_eq!(zero["labels"][0]["range"]["start"]["character"], 44);
    assert_eq!(
        zero["labels"][0]["message"],
        "seatCheckout puts the argument here"
    );
    insta::assert_json_snapshot!("project_factory_helper", document);
}

#[test]
fn a_named_file_is_linted_with_the_project_around_it() {
    // As a pre-commit hook runs it: only the route is staged, and the factory it imports is
    // still read (through the barrel and the tsconfig alias).
    let (document, _) = json_in(
        &project("factory_helper"),
        &["src/app/api/checkout/route.ts"],
    );
    assert_eq!(
        found(&document),
        [
            "src/app/api/checkout/route.ts:6:79 zero-quantity",
            "src/app/api/checkout/route.ts:7:39 unknown-response-field"
        ]
    );
}

#[test]
fn a_wrapper_that_forwards_its_parameter_makes_each_call_a_payload_site() {
    let (document, _) = json_in(&project("wrapper"), &["."]);
    let found = found(&document);
    assert!(
        found.contains(&"./app/buy.ts:5:55 zero-quantity".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"./app/buy.ts:6:5 unknown-field".to_string()),
        "{found:?}"
    );
    insta::assert_json_snapshot!("project_wrapper", document);
}

#[test]
fn common_js_exports_and_requires_are_followed() {
    let (document, stderr) = json_in(&project("commonjs"), &["."]);
    let found = found(&document);
    // `module.exports = { getDodo }` and `module.exports = new DodoPayments()`: both clients
    // are known in the route, so payloads without a cart are linted.
    for expected in [
        "./routes/buy.js:6:77 unknown-field",
        "./routes/buy.js:7:88 invalid-type",
    ] {
        assert!(
            found.contains(&expected.to_string()),
            "{expected}: {found:?} {stderr}"
        );
    }
}

#[test]
fn an_imported_object_or_helper_spread_into_a_payload_is_linted_open_where_it_is_written() {
    let (document, stderr) = json_in(&project("spreads"), &["."]);
    let found = found(&document);
    let rules_in = |file: &str| -> Vec<String> {
        found
            .iter()
            .filter(|line| line.starts_with(file))
            .filter_map(|line| line.rsplit(' ').next().map(str::to_string))
            .collect()
    };
    // The base's zero is its own mistake, reported where it is written; what the route adds
    // (the customer) is not the base's to lack.
    assert_eq!(
        rules_in("./lib/plans.ts"),
        ["zero-quantity", "invalid-value"],
        "{stderr}"
    );
    assert_eq!(rules_in("./route.ts"), Vec::<String>::new(), "{found:?}");
}

#[test]
fn other_providers_behind_factories_and_helpers_stay_silent() {
    let (document, stderr) = json_in(&project("lookalikes"), &["."]);
    assert_eq!(found(&document), Vec::<String>::new(), "{stderr}");
}

#[test]
fn cycles_self_extending_and_malformed_configs_end_unknown_and_are_noted_once() {
    let (document, stderr) = json_in(&project("hostile"), &["."]);
    // The literal payload is still linted; the client re-exported in a cycle is still found.
    assert_eq!(found(&document), ["./cfg/route.ts:9:84 zero-quantity"]);
    assert_eq!(stderr.matches("extends itself").count(), 1, "{stderr}");
    assert_eq!(
        stderr
            .matches("cfg/tsconfig.json is not valid JSON")
            .count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_folder_link_that_loops_and_files_outside_the_tree_are_not_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).expect("git folder");
    std::fs::create_dir_all(root.join("app")).expect("app folder");
    std::fs::write(
        root.join("app/route.ts"),
        "import { dodo } from '../outside/client';\nimport { x } from './loop/loop/loop/route';\n\
         export const go = () => dodo.checkoutSessions.create({ billing_curency: 'USD' });\n",
    )
    .expect("route");
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", root.join("app/loop")).expect("loop link");
    // A client module above the project's root: not read, so the call is not known as Dodo's.
    let outside = tempfile::tempdir().expect("outside");
    std::fs::write(
        outside.path().join("client.ts"),
        "import DodoPayments from 'dodopayments';\nexport const dodo = new DodoPayments();\n",
    )
    .expect("client");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), root.join("outside")).expect("outside link");
    let (document, stderr) = json_in(root, &["."]);
    assert_eq!(found(&document), Vec::<String>::new(), "{stderr}");
}

mod equivalence {
    //! A payload written in a helper of another module, sent by a route that imports it through
    //! a barrel, lints in the helper's file as the same payload linted as JSON.

    use std::collections::BTreeSet;

    use checkout_lint::Linter;
    use proptest::prelude::*;

    use super::json_in;
    use crate::common::source::payload;

    fn findings_of_json(value: &serde_json::Value) -> BTreeSet<(String, String, String)> {
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
        fn a_helper_in_another_module_lints_as_its_json(value in payload()) {
            let dir = tempfile::tempdir().expect("temp dir");
            let root = dir.path();
            std::fs::create_dir_all(root.join(".git")).expect("git folder");
            std::fs::create_dir_all(root.join("lib")).expect("lib");
            let literal = serde_json::to_string_pretty(&value).expect("serializes");
            std::fs::write(
                root.join("lib/helper.ts"),
                format!("export function build() {{\n  return {literal};\n}}\n"),
            ).expect("helper");
            std::fs::write(root.join("lib/index.ts"), "export * from './helper';\n").expect("barrel");
            std::fs::write(
                root.join("route.ts"),
                "import DodoPayments from 'dodopayments';\nimport { build } from './lib';\n\
                 const dodo = new DodoPayments();\nawait dodo.checkoutSessions.create(build());\n",
            ).expect("route");
            let (document, stderr) = json_in(root, &["."]);
            let mut in_helper = BTreeSet::new();
            for file in document["files"].as_array().into_iter().flatten() {
                for d in file["diagnostics"].as_array().into_iter().flatten() {
                    prop_assert_eq!(file["path"].as_str(), Some("./lib/helper.ts"), "{}", stderr);
                    in_helper.insert((
                        d["rule"].as_str().unwrap_or_default().to_string(),
                        d["pointer"].as_str().unwrap_or_default().to_string(),
                        d["severity"].as_str().unwrap_or_default().to_string(),
                    ));
                }
            }
            prop_assert_eq!(findings_of_json(&value), in_helper, "{}", literal);
        }
    }
}

mod bounds {
    //! Resolution that cannot end well ends with the value unknown, quickly, and says so once.

    use super::{found, json_in};

    fn tree(files: &[(String, String)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join(".git")).expect("git folder");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
            std::fs::write(path, text).expect("file");
        }
        dir
    }

    const ROUTE_OF_ALIAS: &str = "import { dodo } from '@/client';\n\
        export const go = () => dodo.checkoutSessions.create({ billing_curency: 'USD' });\n";
    const CLIENT: &str =
        "import DodoPayments from 'dodopayments';\nexport const dodo = new DodoPayments();\n";

    /// A route importing the client through `@/`, an alias that the last of `links` tsconfig
    /// files extending one another defines.
    fn aliased_through_a_chain_of(links: usize) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = (0..links)
            .map(|i| {
                let text = if i + 1 == links {
                    r#"{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }"#.to_string()
                } else {
                    format!(r#"{{ "extends": "./tsconfig.{}.json" }}"#, i + 1)
                };
                (format!("tsconfig.{i}.json"), text)
            })
            .collect();
        files.push((
            "tsconfig.json".into(),
            r#"{ "extends": "./tsconfig.0.json" }"#.into(),
        ));
        files.push(("src/client.ts".into(), CLIENT.into()));
        files.push(("src/route.ts".into(), ROUTE_OF_ALIAS.into()));
        files
    }

    #[test]
    fn a_chain_of_hundreds_of_tsconfig_extends_ends_at_its_bound_and_is_noted() {
        let files = aliased_through_a_chain_of(300);
        let dir = tree(&files);
        let (document, stderr) = json_in(dir.path(), &["."]);
        // Past the bound the alias is not followed: the client is not known, nothing is said.
        assert_eq!(found(&document), Vec::<String>::new(), "{stderr}");
        let notes: Vec<&str> = stderr
            .lines()
            .filter(|line| line.contains("its path aliases are not followed"))
            .collect();
        assert!(!notes.is_empty(), "{stderr}");
        // Each config file is reported once, however many modules resolve through it.
        let unique: std::collections::BTreeSet<&&str> = notes.iter().collect();
        assert_eq!(unique.len(), notes.len(), "{stderr}");
    }

    #[test]
    fn a_short_chain_of_tsconfig_extends_is_followed() {
        let files = aliased_through_a_chain_of(20);
        let dir = tree(&files);
        let (document, stderr) = json_in(dir.path(), &["."]);
        // The alias at the end of the chain is followed: the client is known, so a payload
        // without a cart is linted.
        assert_eq!(
            found(&document),
            [
                "./src/route.ts:2:54 missing-field",
                "./src/route.ts:2:56 unknown-field"
            ],
            "{stderr}"
        );
    }

    #[test]
    fn a_malformed_package_json_on_the_way_is_reported_once() {
        let files = vec![
            ("pkg/package.json".to_string(), "{ \"main\": ".to_string()),
            ("pkg/index.ts".to_string(), CLIENT.to_string()),
            (
                "a.ts".to_string(),
                "import { dodo } from './pkg';\nexport const a = () => dodo.checkoutSessions.create({ billing_curency: 'USD' });\n"
                    .to_string(),
            ),
            (
                "b.ts".to_string(),
                "import { dodo } from './pkg';\nexport const b = () => dodo.checkoutSessions.create({ billing_curency: 'USD' });\n"
                    .to_string(),
            ),
        ];
        let dir = tree(&files);
        let (document, stderr) = json_in(dir.path(), &["."]);
        assert!(
            stderr.matches("package.json").count() <= 1,
            "reported at most once: {stderr}"
        );
        // Whatever resolution made of it, nothing uncertain is reported.
        for line in found(&document) {
            assert!(line.ends_with("unknown-field"), "{line}");
        }
    }

    #[test]
    fn a_re_export_chain_longer_than_the_bound_ends_unknown() {
        let mut files: Vec<(String, String)> = (0..2_000)
            .map(|i| {
                let text = if i == 1_999 {
                    CLIENT.to_string()
                } else {
                    format!("export * from './m{}';\n", i + 1)
                };
                (format!("m{i}.ts"), text)
            })
            .collect();
        files.push((
            "route.ts".into(),
            "import { dodo } from './m0';\nexport const go = () => dodo.checkoutSessions.create({ billing_curency: 'USD' });\n"
                .into(),
        ));
        let dir = tree(&files);
        let started = std::time::Instant::now();
        let (document, stderr) = json_in(dir.path(), &["."]);
        assert_eq!(found(&document), Vec::<String>::new(), "{stderr}");
        // A bound, not a benchmark: minutes would mean the walk is not bounded.
        assert!(started.elapsed().as_secs() < 60);
    }
}

#[test]
fn fix_edits_the_file_that_wrote_the_value() {
    // A copy of the factory project: the helper's `http://` return URL is fixed in the helper's
    // file, which is linted only because the route sends its literal (an unsafe fix: the
    // server must answer on https).
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).expect("git folder");
    crate::project_roots::copy_project("factory_helper", root);
    let route_before =
        std::fs::read_to_string(root.join("src/app/api/checkout/route.ts")).expect("route");
    let output = bin()
        .current_dir(root)
        .args(["--fix", "--unsafe-fixes", "--format", "concise", "."])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let helper = std::fs::read_to_string(root.join("src/lib/checkout.ts")).expect("helper");
    assert!(
        helper.contains("\"https://example.com/billing/done\""),
        "{helper}\n{stdout}"
    );
    assert!(!stdout.contains("insecure-redirect-url"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(root.join("src/app/api/checkout/route.ts")).expect("route"),
        route_before
    );
}
