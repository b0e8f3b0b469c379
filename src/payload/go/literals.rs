//! Composite literals: a body's shape by its type (a struct's fields named by the SDK's table or
//! by the `json` tags of a struct the file declares, a map's string keys, a slice's items), and
//! the members and items it holds. An element whose type is elided (`[]T{{…}}`) takes the
//! slice's element type.

use tree_sitter::Node as TsNode;

use super::lower::Lowerer;
use super::sdk::MAP_TYPES;
use super::{span_of, text_of};
use crate::tree::{Extent, Member, Node, Value};

/// What a composite literal's body holds, by its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Fields named by identifiers (a struct), and where their JSON names come from.
    Struct(Fields),
    /// String keys (a map); `elements` is the shape of an element whose type is elided.
    Map,
    /// Items (a slice or array).
    List,
}

/// Where a struct's fields get their JSON names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fields {
    /// The SDK's table (and any type the file does not declare: the SDK's are the ones that
    /// matter there).
    Sdk,
    /// A struct type the file declares, by its index in [`Structs`].
    Local(usize),
}

pub(super) const SDK_STRUCT: Shape = Shape::Struct(Fields::Sdk);

/// A composite literal's shape, and the shape of its elements written without their type
/// (`[]dodopayments.ProductItemReqParam{{…}}`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Kind {
    pub(super) shape: Shape,
    pub(super) elements: Shape,
}

impl<'s> Lowerer<'s, '_> {
    /// The shape of a literal of type `kind`.
    pub(super) fn kind_of(&self, kind: TsNode<'_>) -> Kind {
        let shape = self.shape_of(kind);
        let elements = match kind.kind() {
            "slice_type" | "array_type" | "implicit_length_array_type" => kind
                .child_by_field_name("element")
                .map_or(SDK_STRUCT, |t| self.shape_of(t)),
            "map_type" => kind
                .child_by_field_name("value")
                .map_or(SDK_STRUCT, |t| self.shape_of(t)),
            _ => SDK_STRUCT,
        };
        Kind { shape, elements }
    }

    fn shape_of(&self, kind: TsNode<'_>) -> Shape {
        match kind.kind() {
            "slice_type" | "array_type" | "implicit_length_array_type" => Shape::List,
            "map_type" => Shape::Map,
            "pointer_type" => super::nth(kind, 0).map_or(SDK_STRUCT, |t| self.shape_of(t)),
            "type_identifier" => match self.structs.index(text_of(kind, self.text)) {
                Some(index) => Shape::Struct(Fields::Local(index)),
                None => SDK_STRUCT,
            },
            "qualified_type" if self.sdk_name(kind).is_some_and(|n| MAP_TYPES.contains(&n)) => {
                Shape::Map
            }
            _ => SDK_STRUCT,
        }
    }

    /// A literal's body (`{…}`): its span is the braces.
    pub(super) fn body(&self, body: TsNode<'_>, kind: Kind, depth: usize) -> Node<'s> {
        let mut extent = Extent::Closed;
        let mut members = Vec::new();
        let mut items = Vec::new();
        let mut cursor = body.walk();
        for element in body.named_children(&mut cursor) {
            match (element.kind(), kind.shape) {
                ("literal_element", Shape::List) => match super::nth(element, 0) {
                    Some(item) => items.push(self.node_in(item, depth, kind.elements)),
                    None => extent = Extent::Open,
                },
                ("keyed_element", Shape::Struct(_) | Shape::Map) => {
                    match self.member(element, kind, depth) {
                        Ok(Some(member)) => members.push(member),
                        Ok(None) => {}
                        Err(Open) => extent = Extent::Open,
                    }
                }
                ("comment", _) => {}
                // A positional struct literal, an indexed slice element: not followed.
                _ => extent = Extent::Open,
            }
        }
        let value = match kind.shape {
            Shape::List => Value::Array(self.arena.alloc_slice_fill_iter(items), extent),
            Shape::Struct(Fields::Local(index))
                if self.structs.get(index).is_some_and(|s| s.open) =>
            {
                Value::Object(self.arena.alloc_slice_fill_iter(members), Extent::Open)
            }
            Shape::Struct(_) | Shape::Map => {
                Value::Object(self.arena.alloc_slice_fill_iter(members), extent)
            }
        };
        Node {
            span: span_of(body),
            value,
        }
    }

    /// `Field: value` of a struct (the API's name for the field, or its `json` tag's), `"key":
    /// value` of a map. `Ok(None)` for a field `encoding/json` leaves out; `Err(Open)` for a key
    /// that is not read (the object may then hold anything).
    fn member(
        &self,
        element: TsNode<'_>,
        kind: Kind,
        depth: usize,
    ) -> Result<Option<Member<'s>>, Open> {
        let key = super::nth(element.child_by_field_name("key").ok_or(Open)?, 0).ok_or(Open)?;
        let value = super::nth(element.child_by_field_name("value").ok_or(Open)?, 0).ok_or(Open)?;
        let (name, omitempty) = match (kind.shape, key.kind()) {
            (Shape::Struct(Fields::Sdk), "identifier" | "field_identifier") => {
                (self.api_field(text_of(key, self.text)), false)
            }
            (Shape::Struct(Fields::Local(index)), "identifier" | "field_identifier") => {
                let field = self
                    .structs
                    .get(index)
                    .and_then(|s| s.field(text_of(key, self.text)))
                    .ok_or(Open)?;
                match &field.json {
                    Some(name) => (self.alloc(name), field.omitempty),
                    None => return Ok(None),
                }
            }
            (Shape::Map, "interpreted_string_literal" | "raw_string_literal") => {
                match self.scalar(key).ok_or(Open)? {
                    Value::String(text) => (text, false),
                    _ => return Err(Open),
                }
            }
            _ => return Err(Open),
        };
        let value = self.node_in(value, depth, kind.elements);
        if omitempty {
            match &value.value {
                // A zero value is left out; an empty object may be a map (left out) or a
                // struct (kept): not known.
                Value::Object([], _) => return Err(Open),
                value if is_zero(value) => return Ok(None),
                Value::Unknown(_) => return Err(Open),
                _ => {}
            }
        }
        Ok(Some(Member {
            key: name,
            key_span: span_of(key),
            value,
        }))
    }
}

/// A key of a literal that is not read: its object may hold anything.
#[derive(Debug)]
struct Open;

/// True for the values `omitempty` leaves out: `false`, `0`, `""`, `nil`, an empty slice.
fn is_zero(value: &Value<'_>) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::String(text) => text.is_empty(),
        Value::Number(text) => text.parse::<f64>().is_ok_and(|n| n == 0.0),
        Value::Array(items, Extent::Closed) => items.is_empty(),
        _ => false,
    }
}
