//! The file's own struct types, as `encoding/json` marshals them: each exported field under the
//! name its `json:"…"` tag gives (its Go name without one), `json:"-"` left out, and whether
//! `omitempty` drops its zero value. A raw request's body is often one of these.

use std::collections::HashMap;

use tree_sitter::Node as TsNode;

use super::{named, text_of};

/// One field of a struct type.
#[derive(Debug)]
pub(super) struct Field {
    /// The JSON name; `None` when the field is never marshalled (`json:"-"`, unexported).
    pub(super) json: Option<String>,
    pub(super) omitempty: bool,
}

/// A struct type: its fields by Go name; `open` when it embeds another type (whose fields
/// are marshalled inline, and are not read here).
#[derive(Debug, Default)]
pub(super) struct Struct {
    fields: HashMap<String, Field>,
    pub(super) open: bool,
}

impl Struct {
    pub(super) fn field(&self, go: &str) -> Option<&Field> {
        self.fields.get(go)
    }
}

/// The struct types a file declares at its top level, by name.
#[derive(Debug, Default)]
pub(super) struct Structs {
    types: Vec<Struct>,
    by_name: HashMap<String, usize>,
}

impl Structs {
    pub(super) fn of(root: TsNode<'_>, text: &str) -> Self {
        let mut structs = Self::default();
        for declaration in named(root) {
            if declaration.kind() != "type_declaration" {
                continue;
            }
            for spec in named(declaration) {
                let (Some(name), Some(kind)) = (
                    spec.child_by_field_name("name"),
                    spec.child_by_field_name("type"),
                ) else {
                    continue;
                };
                if spec.kind() != "type_spec" || kind.kind() != "struct_type" {
                    continue;
                }
                let fields = struct_of(kind, text);
                structs
                    .by_name
                    .insert(text_of(name, text).to_string(), structs.types.len());
                structs.types.push(fields);
            }
        }
        structs
    }

    /// The index of the struct type `name`, if the file declares it.
    pub(super) fn index(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub(super) fn get(&self, index: usize) -> Option<&Struct> {
        self.types.get(index)
    }
}

fn struct_of(kind: TsNode<'_>, text: &str) -> Struct {
    let mut out = Struct::default();
    let Some(list) = named(kind)
        .into_iter()
        .find(|n| n.kind() == "field_declaration_list")
    else {
        return out;
    };
    for declaration in named(list) {
        let tag = declaration
            .child_by_field_name("tag")
            .map(|tag| text_of(tag, text))
            .and_then(json_tag);
        let mut cursor = declaration.walk();
        let names: Vec<&str> = declaration
            .children_by_field_name("name", &mut cursor)
            .map(|name| text_of(name, text))
            .collect();
        if names.is_empty() {
            // An embedded type: its fields are marshalled inline.
            out.open = true;
            continue;
        }
        for name in names {
            let exported = name.starts_with(|c: char| c.is_uppercase());
            let (json, omitempty) = match &tag {
                _ if !exported => (None, false),
                Some((tag_name, _)) if tag_name == "-" => (None, false),
                Some((tag_name, omitempty)) if !tag_name.is_empty() => {
                    (Some(tag_name.clone()), *omitempty)
                }
                Some((_, omitempty)) => (Some(name.to_string()), *omitempty),
                None => (Some(name.to_string()), false),
            };
            out.fields
                .insert(name.to_string(), Field { json, omitempty });
        }
    }
    out
}

/// The name and `omitempty` of a struct tag's `json` key (`` `json:"product_cart,omitempty"` ``).
fn json_tag(tag: &str) -> Option<(String, bool)> {
    // A raw string (as tags are written), or an interpreted one with its escapes.
    let inner = tag.get(1..tag.len().checked_sub(1)?)?;
    let tag = match tag.as_bytes().first() {
        Some(b'`') => std::borrow::Cow::Borrowed(inner),
        _ => super::strings::go_string(inner)?,
    };
    let at = tag.find("json:\"")?;
    let tag = &*tag;
    // `xjson:"…"` is another key.
    if at > 0 && !tag[..at].ends_with(' ') {
        return None;
    }
    let value = &tag[at + 6..];
    let value = &value[..value.find('"')?];
    let mut parts = value.split(',');
    let name = parts.next().unwrap_or_default().to_string();
    let omitempty = parts.any(|option| option == "omitempty");
    Some((name, omitempty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_as_encoding_json_reads_them() {
        assert_eq!(
            json_tag("`json:\"product_cart,omitempty\" db:\"cart\"`"),
            Some(("product_cart".into(), true))
        );
        assert_eq!(json_tag("`db:\"x\" json:\"-\"`"), Some(("-".into(), false)));
        assert_eq!(
            json_tag("`json:\",omitempty\"`"),
            Some((String::new(), true))
        );
        assert_eq!(json_tag("`xjson:\"a\"`"), None);
        assert_eq!(json_tag("\"json:\\\"a\\\"\""), Some(("a".into(), false)));
    }
}
