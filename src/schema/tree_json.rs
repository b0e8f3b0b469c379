//! Our span tree as a JSON representation jsonschema can validate directly (its `Json` trait):
//! no `serde_json::Value` copy of the payload is built, which halves lint time on large inputs
//! and keeps peak memory near the size of the tree.
//!
//! Objects answer lookups with the last of duplicate keys, as serde_json (and so the server)
//! does; `duplicate-key` reports the others.

use std::borrow::Cow;

use jsonschema::json::{Array, Json, JsonNumber, Node, NodeIdentity, Object};
use jsonschema::types::JsonType;
use serde_json::Value as Json_;

use super::window::{Shown, View};
use crate::span::Span;
use crate::tree::{self, Member, StaticType, Unknown, Value};

/// The marker type naming the representation.
pub(super) struct TreeJson;

/// A tree node, by reference, as one validation pass shows it (see [`super::window`]); `None`
/// shows everything.
#[derive(Clone, Copy)]
pub(super) struct TreeNode<'a>(pub &'a tree::Node<'a>, pub Option<View<'a>>);

#[derive(Clone, Copy)]
pub(super) struct TreeObject<'a> {
    all: &'a [Member<'a>],
    shown: Shown<'a>,
    /// Pinned members (empty unless the object is wide): they answer lookups of the keys the
    /// schema names.
    pinned: &'a [usize],
    view: Option<View<'a>>,
}

#[derive(Clone, Copy)]
pub(super) struct TreeArray<'a>(&'a [tree::Node<'a>], Option<View<'a>>);

/// A number as written; parsed on demand.
#[derive(Clone, Copy)]
pub(super) struct TreeNumber<'a>(&'a str);

impl Json for TreeJson {
    type Node<'a> = TreeNode<'a>;
    type PreparedKey = String;
    type StringBuffer = ();
    const KEYS_PER_LOOKUP: usize = 4;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(TreeNode<'_>) -> T) -> T {
        let node = tree::Node {
            span: Span::default(),
            value: Value::String(string),
        };
        f(TreeNode(&node, None))
    }
}

impl<'a> Node<'a, TreeJson> for TreeNode<'a> {
    type Object = TreeObject<'a>;
    type Array = TreeArray<'a>;
    type Number = TreeNumber<'a>;

    fn as_object(&self) -> Option<TreeObject<'a>> {
        match &self.0.value {
            Value::Object(members, _) => Some(match self.1 {
                Some(view) => TreeObject {
                    all: members,
                    shown: view.members(members),
                    pinned: view.pinned(members),
                    view: self.1,
                },
                None => TreeObject {
                    all: members,
                    shown: Shown {
                        start: 0,
                        end: members.len(),
                        before: &[],
                        after: &[],
                    },
                    pinned: &[],
                    view: None,
                },
            }),
            // An unknown value reads as an empty one of its type: whatever the schema says of
            // it is dropped afterwards (`schema::certain`), but the type must agree.
            Value::Unknown(Unknown {
                kind: StaticType::Object,
                ..
            }) => Some(TreeObject {
                all: &[],
                shown: Shown {
                    start: 0,
                    end: 0,
                    before: &[],
                    after: &[],
                },
                pinned: &[],
                view: None,
            }),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<TreeArray<'a>> {
        match &self.0.value {
            Value::Array(items, _) => {
                let items = self.1.map_or(*items, |view| view.items(items));
                Some(TreeArray(items, self.1))
            }
            Value::Unknown(Unknown {
                kind: StaticType::Array,
                ..
            }) => Some(TreeArray(&[], None)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match &self.0.value {
            Value::String(text) => Some(Cow::Borrowed(text)),
            Value::Unknown(Unknown {
                kind: StaticType::String,
                prefix,
            }) => Some(Cow::Borrowed(prefix)),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<TreeNumber<'a>> {
        match self.0.value {
            Value::Number(raw) => Some(TreeNumber(raw)),
            Value::Unknown(Unknown {
                kind: StaticType::Number,
                ..
            }) => Some(TreeNumber("0")),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self.0.value {
            Value::Unknown(Unknown {
                kind: StaticType::Boolean,
                ..
            }) => Some(false),
            _ => self.0.as_bool(),
        }
    }

    fn is_null(&self) -> bool {
        self.0.is_null() || matches!(self.0.as_unknown(), Some(u) if u.kind == StaticType::Any)
    }

    fn json_type(&self) -> JsonType {
        match self.0.value {
            Value::Null => JsonType::Null,
            Value::Bool(_) => JsonType::Boolean,
            Value::Number(_) => JsonType::Number,
            Value::String(_) => JsonType::String,
            Value::Array(_, _) => JsonType::Array,
            Value::Object(_, _) => JsonType::Object,
            Value::Unknown(unknown) => match unknown.kind {
                // Null is the type fewest keywords look into.
                StaticType::Any => JsonType::Null,
                StaticType::String => JsonType::String,
                StaticType::Number => JsonType::Number,
                StaticType::Boolean => JsonType::Boolean,
                StaticType::Object => JsonType::Object,
                StaticType::Array => JsonType::Array,
            },
        }
    }

    fn equals_value(&self, expected: &Json_) -> bool {
        // Enums are strings: compare without building a Value.
        match (&self.0.value, expected) {
            (Value::String(text), Json_::String(other)) => text == other,
            (Value::String(_), _) | (_, Json_::String(_)) => false,
            (Value::Null, Json_::Null) => true,
            (Value::Bool(a), Json_::Bool(b)) => a == b,
            _ => jsonschema::json::cmp::equal(&self.0.to_json(), expected),
        }
    }

    /// What this pass shows of the node, as a `Value` (jsonschema keeps one in some errors):
    /// a window of a wide object, not the whole of it once per pass.
    fn to_value(&self) -> Cow<'a, Json_> {
        Cow::Owned(shown_json(self.0, self.1))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(std::ptr::from_ref(self.0) as usize))
    }
}

/// [`tree::Node::to_json`] of what `view` shows (duplicate keys: the last wins).
fn shown_json(node: &tree::Node<'_>, view: Option<View<'_>>) -> Json_ {
    let Some(view) = view else {
        return node.to_json();
    };
    match &node.value {
        Value::Array(items, _) => view
            .items(items)
            .iter()
            .map(|item| shown_json(item, Some(view)))
            .collect(),
        Value::Object(members, _) => Json_::Object(
            view.members(members)
                .indexes()
                .filter_map(|i| members.get(i))
                .map(|m| (m.key.to_string(), shown_json(&m.value, Some(view))))
                .collect(),
        ),
        _ => node.to_json(),
    }
}

/// An object's members as this pass shows them.
pub(super) enum Members<'a> {
    /// Every member, in order: no window (every object of a payload that is not wide), so the
    /// common case iterates a slice.
    All(std::slice::Iter<'a, Member<'a>>),
    /// The pinned members before the window, the window, and those after it.
    Windowed {
        all: &'a [Member<'a>],
        before: std::slice::Iter<'a, usize>,
        window: std::ops::Range<usize>,
        after: std::slice::Iter<'a, usize>,
        view: View<'a>,
    },
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, TreeNode<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Members::All(members) => members
                .next()
                .map(|member| (member.key, TreeNode(&member.value, None))),
            Members::Windowed {
                all,
                before,
                window,
                after,
                view,
            } => {
                let index = before
                    .next()
                    .copied()
                    .or_else(|| window.next())
                    .or_else(|| after.next().copied())?;
                let member = all.get(index)?;
                Some((member.key, TreeNode(&member.value, Some(*view))))
            }
        }
    }
}

pub(super) struct Elements<'a>(std::slice::Iter<'a, tree::Node<'a>>, Option<View<'a>>);

impl<'a> Iterator for Elements<'a> {
    type Item = TreeNode<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let view = self.1;
        self.0.next().map(|node| TreeNode(node, view))
    }
}

impl<'a> Object<'a, TreeJson> for TreeObject<'a> {
    type Node = TreeNode<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        self.shown.len()
    }

    /// The last shown member named `key`. A key the schema names is pinned in a wide object,
    /// and its pinned member is its last anywhere; other keys are looked up in the window.
    fn get(&self, key: &String) -> Option<TreeNode<'a>> {
        let pinned = self
            .pinned
            .iter()
            .filter_map(|&i| self.all.get(i))
            .find(|member| member.key == key.as_str());
        pinned
            .or_else(|| {
                self.all
                    .get(self.shown.start..self.shown.end)?
                    .iter()
                    .rev()
                    .find(|member| member.key == key.as_str())
            })
            .map(|member| TreeNode(&member.value, self.view))
    }

    fn members(&self) -> Members<'a> {
        match self.view {
            None => Members::All(self.all.iter()),
            Some(view) => Members::Windowed {
                all: self.all,
                before: self.shown.before.iter(),
                window: self.shown.start..self.shown.end,
                after: self.shown.after.iter(),
                view,
            },
        }
    }
}

impl<'a> Array<'a, TreeJson> for TreeArray<'a> {
    type Node = TreeNode<'a>;
    type ElementsIter = Elements<'a>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> Self::ElementsIter {
        Elements(self.0.iter(), self.1)
    }
}

impl JsonNumber for TreeNumber<'_> {
    /// Written without a fraction or exponent. JSON Schema (draft 6+) calls `2.0` an integer,
    /// but the API decodes integer fields with serde, which rejects `2.0` and `2e0` with a 422;
    /// the linter sides with the server.
    fn is_integer(&self) -> bool {
        !self.0.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }

    fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok()
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.0)
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        // The parser only lets finite numbers through, so this always parses.
        Cow::Owned(
            self.0
                .parse::<serde_json::Number>()
                .unwrap_or_else(|_| serde_json::Number::from(0)),
        )
    }
}
