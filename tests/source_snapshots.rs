//! The JSON output for every source fixture in `tests/fixtures/source/`: one snapshot a file,
//! so a change in what the front-end finds, or where, shows up in review; each output keeps the
//! versioned contract (`schemas/diagnostics.schema.json`, with its `payload` span).

use checkout_lint::{Catalogue, Config, Linter, render};

#[test]
fn json_output_of_every_source_fixture() {
    let catalogue = Catalogue::from_json_str(
        "catalogue",
        include_str!("../examples/catalogue/products.json"),
    )
    .unwrap();
    let linter = Linter::new(Config::default().with_catalogue(catalogue));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/source");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    let contract: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/diagnostics.schema.json")).unwrap();
    let contract = jsonschema::draft202012::new(&contract).unwrap();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let report = linter.lint_str(&format!("tests/fixtures/source/{name}"), &text);
        let output: serde_json::Value =
            serde_json::from_str(&render::json::render(std::slice::from_ref(&report))).unwrap();
        assert!(
            contract.is_valid(&output),
            "{name}: output breaks the contract"
        );
        insta::assert_json_snapshot!(format!("source__{name}"), output);
    }
}
