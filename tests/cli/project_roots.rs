//! Which trees the project stage reads: the repository around the current folder, and the
//! repository around a path named outside it (`checkout-lint ../app` from a sibling
//! repository), never more.

use std::path::Path;

use crate::project::{found, json_in, project};

/// Copies the files of the fixture project `name` into `to`.
pub(crate) fn copy_project(name: &str, to: &Path) {
    let from = project(name);
    let mut folders = vec![from.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let copy = to.join(path.strip_prefix(&from).expect("under the fixture"));
            std::fs::create_dir_all(copy.parent().expect("parent")).expect("folders");
            std::fs::copy(&path, &copy).expect("copy");
        }
    }
}

#[test]
fn a_repository_named_from_a_sibling_repository_is_read_as_a_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = dir.path().join("app");
    let here = dir.path().join("other");
    copy_project("factory_helper", &app);
    std::fs::create_dir_all(app.join(".git")).expect("git folder");
    std::fs::create_dir_all(here.join(".git")).expect("git folder");
    let (inside, _) = json_in(&app, &["."]);
    let (beside, stderr) = json_in(&here, &["../app"]);
    let beside = found(&beside);
    // The findings that need the other modules (the factory's client, the helper's parameter)
    // are there, as from inside the app.
    for finding in [
        "../app/src/app/api/checkout/route.ts:6:79 zero-quantity",
        "../app/src/app/api/checkout/route.ts:7:39 unknown-response-field",
    ] {
        assert!(
            beside.contains(&finding.to_string()),
            "{finding}: {beside:?} {stderr}"
        );
    }
    let inside: Vec<String> = found(&inside)
        .iter()
        .map(|line| line.replacen("./", "../app/", 1))
        .collect();
    assert_eq!(beside, inside);
}

#[test]
fn a_named_subfolder_of_the_current_repository_is_read_within_it() {
    // `app/src` named from the repository's top: the project is the repository (the tsconfig
    // alias at `app/` resolves), not the folder named.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join(".git")).expect("git folder");
    copy_project("factory_helper", &dir.path().join("app"));
    let (document, stderr) = json_in(dir.path(), &["app/src"]);
    let found = found(&document);
    assert!(
        found
            .contains(&"app/src/app/api/checkout/route.ts:7:39 unknown-response-field".to_string()),
        "{found:?} {stderr}"
    );
}
