//! The JSON output for every source fixture in `tests/fixtures/source/` (JS/TS) and `tests/fixtures/python/`: one snapshot a file,
//! so a change in what the front-end finds, or where, shows up in review; each output keeps the
//! versioned contract (`schemas/diagnostics.schema.json`, with its `payload` span).

use checkout_lint::{Catalogue, Config, Linter, render};

#[test]
fn json_output_of_every_source_fixture() {
    let catalogue = Catalogue::from_json_str(
        "catalogue",
        include_str!("../../examples/catalogue/products.json"),
    )
    .unwrap();
    let linter = Linter::new(Config::default().with_catalogue(catalogue));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = ["tests/fixtures/source", "tests/fixtures/python"]
        .iter()
        .flat_map(|dir| {
            std::fs::read_dir(root.join(dir))
                .unwrap()
                .map(move |entry| {
                    format!(
                        "{dir}/{}",
                        entry.unwrap().file_name().into_string().unwrap()
                    )
                })
        })
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    let contract: serde_json::Value =
        serde_json::from_str(include_str!("../../schemas/diagnostics.schema.json")).unwrap();
    let contract = jsonschema::draft202012::new(&contract).unwrap();
    for name in names {
        let text = std::fs::read_to_string(root.join(&name)).unwrap();
        let report = linter.lint_str(&name, &text);
        let output: serde_json::Value =
            serde_json::from_str(&render::json::render(std::slice::from_ref(&report))).unwrap();
        assert!(
            contract.is_valid(&output),
            "{name}: output breaks the contract"
        );
        let file = name.rsplit('/').next().unwrap_or(&name);
        insta::assert_json_snapshot!(format!("source__{file}"), output);
    }
}
