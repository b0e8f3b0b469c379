//! The names a Go file gives the packages it imports: the SDK's (`dodopayments`, or its alias),
//! its `shared` and `option` packages, and the standard library's `net/http`, `encoding/json`, `bytes`,
//! `strings`, `fmt` and `os` that a raw request is built with. A name the file does not import
//! is `None`: a struct of the SDK's names in a package that does not import it is someone else's.

use tree_sitter::Node as TsNode;

use super::sdk::{IMPORT_PATH, OPTION_PATH, SHARED_PATH};
use super::text_of;

#[derive(Debug, Default)]
pub(super) struct Imports {
    pub(super) sdk: Option<String>,
    pub(super) shared: Option<String>,
    pub(super) option: Option<String>,
    pub(super) http: Option<String>,
    pub(super) json: Option<String>,
    pub(super) bytes: Option<String>,
    pub(super) strings: Option<String>,
    pub(super) fmt: Option<String>,
    pub(super) os: Option<String>,
}

impl Imports {
    /// The imports of the file whose root is `root`.
    pub(super) fn of(root: TsNode<'_>, text: &str) -> Self {
        let mut imports = Self::default();
        let mut cursor = root.walk();
        for declaration in root.named_children(&mut cursor) {
            if declaration.kind() != "import_declaration" {
                continue;
            }
            let mut specs = Vec::new();
            collect_specs(declaration, &mut specs);
            for spec in specs {
                imports.add(spec, text);
            }
        }
        imports
    }

    fn add(&mut self, spec: TsNode<'_>, text: &str) {
        let Some(path) = spec.child_by_field_name("path") else {
            return;
        };
        let path = text_of(path, text).trim_matches(['"', '`']);
        let alias = spec
            .child_by_field_name("name")
            .map(|name| text_of(name, text));
        // `_` imports for side effects, `.` imports into the file's own scope: neither gives
        // the package a name to select from.
        if matches!(alias, Some("_" | ".")) {
            return;
        }
        let slot = match path {
            IMPORT_PATH => &mut self.sdk,
            SHARED_PATH => &mut self.shared,
            OPTION_PATH => &mut self.option,
            "net/http" => &mut self.http,
            "encoding/json" => &mut self.json,
            "bytes" => &mut self.bytes,
            "strings" => &mut self.strings,
            "fmt" => &mut self.fmt,
            "os" => &mut self.os,
            _ => return,
        };
        let default = match path {
            IMPORT_PATH => "dodopayments",
            _ => path.rsplit('/').next().unwrap_or(path),
        };
        *slot = Some(alias.unwrap_or(default).to_string());
    }

    /// True when `package` is the name the file gives `slot`'s package.
    pub(super) fn is(slot: &Option<String>, package: &str) -> bool {
        slot.as_deref() == Some(package)
    }
}

fn collect_specs<'t>(node: TsNode<'t>, out: &mut Vec<TsNode<'t>>) {
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        match child.kind() {
            "import_spec" => out.push(child),
            "import_spec_list" => collect_specs(child, out),
            _ => {}
        }
    }
}
