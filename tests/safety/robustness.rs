//! Bad configs and catalogues are clear errors naming the file and line (exit code 2, never a
//! panic), and linting never writes to the files it reads.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_checkout-lint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs")
}

const PAYLOAD: &str = r#"{"product_cart": [{"product_id": "pdt_1", "quantity": 1}]}"#;

/// Lints `p.json` next to a `checkout-lint.toml` (and optional catalogue) and returns stderr.
fn config_error(config: &str, catalogue: Option<&[u8]>) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("checkout-lint.toml"), config).unwrap();
    if let Some(catalogue) = catalogue {
        std::fs::write(dir.path().join("products.json"), catalogue).unwrap();
    }
    std::fs::write(dir.path().join("p.json"), PAYLOAD).unwrap();
    let output = run(dir.path(), &["p.json"]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn malformed_toml() {
    let stderr = config_error("[account\nadaptive_pricing = true\n", None);
    assert!(stderr.contains("checkout-lint.toml:1:"), "{stderr}");
}

#[test]
fn unknown_keys_and_wrong_types() {
    let unknown = config_error("catalog = \"products.json\"\n", None);
    assert!(
        unknown.contains("checkout-lint.toml:1:1") && unknown.contains("catalog"),
        "{unknown}"
    );
    let wrong_type = config_error("[account]\nadaptive_pricing = \"yes\"\n", None);
    assert!(
        wrong_type.contains("checkout-lint.toml:2:") && wrong_type.contains("bool"),
        "{wrong_type}"
    );
    let bad_level = config_error("[rules]\nzero-quantity = 3\n", None);
    assert!(bad_level.contains("checkout-lint.toml:2:"), "{bad_level}");
}

#[test]
fn catalogue_that_is_not_json() {
    let stderr = config_error(
        "catalogue = \"products.json\"\n",
        Some(b"product_id,price\npdt_1,500\n"),
    );
    assert!(
        stderr.contains("error: catalogue ") && stderr.contains("products.json:1:1: not JSON"),
        "{stderr}"
    );
}

#[test]
fn catalogue_with_duplicate_ids_or_unknown_price_types() {
    let duplicate = br#"[
  {"product_id": "pdt_1", "is_recurring": false},
  {"product_id": "pdt_1", "is_recurring": true}
]"#;
    let stderr = config_error("catalogue = \"products.json\"\n", Some(duplicate));
    assert!(
        stderr.contains("products.json:3:3: product \"pdt_1\" appears twice"),
        "{stderr}"
    );
    let unknown_type =
        br#"[{"product_id": "pdt_1", "price": {"type": "weekly_price", "price": 1}}]"#;
    let stderr = config_error("catalogue = \"products.json\"\n", Some(unknown_type));
    assert!(
        stderr.contains("catalogue ")
            && stderr.contains("products.json:1:35: unknown price type \"weekly_price\""),
        "{stderr}"
    );
}

#[test]
fn unreadable_catalogue_names_the_config_line() {
    let stderr = config_error("\n\ncatalogue = \"missing.json\"\n", None);
    assert!(
        stderr.contains("missing.json") && stderr.contains("named at 3:13"),
        "{stderr}"
    );
}

#[test]
fn linting_never_writes_to_the_files_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("good.json", PAYLOAD.as_bytes().to_vec()),
        ("bad.json", br#"{"product_cart": [{"product_id": "pdt_1", "quantity": 0}], "billing_currency": "usd"}"#.to_vec()),
        ("broken.json", b"{\"product_cart\": [".to_vec()),
        ("binary.json", vec![0xff, 0xfe, 0x00, 0x7b]),
    ];
    for (name, content) in &files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    let before: Vec<_> = files
        .iter()
        .map(|(name, _)| {
            std::fs::metadata(dir.path().join(name))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    std::thread::sleep(Duration::from_millis(20));
    for format in ["human", "concise", "json", "sarif", "github"] {
        let output = run(dir.path(), &["--format", format, "."]);
        assert_eq!(output.status.code(), Some(1), "{format}");
    }
    for ((name, content), modified) in files.iter().zip(before) {
        let path = dir.path().join(name);
        assert_eq!(&std::fs::read(&path).unwrap(), content, "{name} changed");
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified,
            "{name} touched"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        files.len(),
        "no file created"
    );
}
