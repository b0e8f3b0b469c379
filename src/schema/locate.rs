//! Mapping schema errors back onto the tree: the node, its pointer and its span. Every lookup
//! is indexed, so the cost stays linear however wide an object is: members of wide objects are
//! indexed by key once, and the lists of known keys and allowed values are built once per
//! process and shared.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use serde_json::Value as Json;

use super::window::{View, WINDOW};
use super::{
    Violation, ViolationKind, describe, escape_pointer_segment, expected_types,
    is_only_null_type_error,
};
use crate::tree::{Member, Node};

/// Maps one validation's errors onto the tree, pass by pass.
pub(super) struct Locator<'t, 's> {
    schema: &'static Json,
    root: &'t Node<'s>,
    /// Wide objects' member indexes by key (the last of duplicates wins), keyed by the
    /// members' address.
    wide: HashMap<usize, HashMap<&'t str, usize>>,
    /// The pass whose errors are being located: indexes into long arrays are relative to its
    /// window.
    pub(super) view: Option<View<'t>>,
}

/// Objects with more members than this are indexed instead of scanned.
const SCAN_LIMIT: usize = 16;

/// The lists violations share: the keys each object schema knows, by the path of its
/// `additionalProperties`, and each enumeration's strings, by the address of the validator's
/// options. The schema and its validator live as long as the process, so the lists are built
/// once per process. (Built once per payload, they were most of an invalid payload's lint: a
/// string allocation per known key.) Both are bounded by the schema's size.
#[derive(Default)]
struct Lists {
    known: HashMap<String, Arc<[String]>>,
    enums: HashMap<usize, Arc<[String]>>,
}

static LISTS: LazyLock<Mutex<Lists>> = LazyLock::new(Mutex::default);

/// The shared lists; a thread that panicked while holding them left them whole, since each
/// insertion is a single step.
fn lists() -> std::sync::MutexGuard<'static, Lists> {
    LISTS.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<'t, 's> Locator<'t, 's> {
    pub(super) fn new(schema: &'static Json, root: &'t Node<'s>) -> Self {
        Self {
            schema,
            root,
            wide: HashMap::new(),
            view: None,
        }
    }

    pub(super) fn locate(&mut self, error: &ValidationError<'_>, out: &mut dyn FnMut(Violation)) {
        let Some((node, pointer, in_window)) = self.find_node(error) else {
            return;
        };
        let pass = self.view.map_or(0, |view| view.pass);
        let wide_object = node.as_object().is_some_and(|m| m.len() > WINDOW);
        let per_pass = wide_object
            && matches!(
                error.kind(),
                ValidationErrorKind::AdditionalProperties { .. }
            );
        // Later passes repeat what lies outside every window: pass 0 has reported it. A wide
        // object's unknown keys are reported window by window.
        if pass > 0 && !in_window && !per_pass {
            return;
        }
        let kind = match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                self.unknown_fields(error, unexpected, node, &pointer, in_window, out);
                return;
            }
            ValidationErrorKind::AnyOf { context } => {
                // `T | null` is written as anyOf [T, null]; for a non-null value only T's errors
                // say anything useful.
                let useful: Vec<_> = context
                    .iter()
                    .filter(|branch| !is_only_null_type_error(branch))
                    .collect();
                if let [branch] = useful.as_slice() {
                    for inner in branch.iter() {
                        self.locate(inner, out);
                    }
                    return;
                }
                ViolationKind::Other {
                    span: node.span,
                    message: "does not match the schema".into(),
                }
            }
            kind => match self.violation_kind(kind, node) {
                Some(kind) => kind,
                None => return,
            },
        };
        out(Violation { pointer, kind });
    }

    /// The keys of an object the schema does not know, each reported at the key: a wide
    /// object's only as far as this pass showed it.
    fn unknown_fields(
        &mut self,
        error: &ValidationError<'_>,
        unexpected: &[String],
        object: &'t Node<'s>,
        pointer: &str,
        in_window: bool,
        out: &mut dyn FnMut(Violation),
    ) {
        let known = self.known_keys(error.schema_path().as_str());
        let unexpected: HashSet<&str> = unexpected.iter().map(String::as_str).collect();
        let members = object.as_object().unwrap_or_default();
        let shown = self.shown_members(members, in_window);
        for member in shown.into_iter().filter_map(|i| members.get(i)) {
            if unexpected.contains(member.key) {
                out(Violation {
                    pointer: format!("{pointer}/{}", escape_pointer_segment(member.key)),
                    kind: ViolationKind::UnknownField {
                        key: member.key.to_string(),
                        key_span: member.key_span,
                        known: Arc::clone(&known),
                    },
                });
            }
        }
    }

    /// The indexes of the members this pass showed: a wide object's window, and its pinned
    /// members once; every member of an object that is not wide.
    fn shown_members(&self, members: &[Member<'s>], in_window: bool) -> Vec<usize> {
        match self.view {
            Some(view) if members.len() > WINDOW => {
                let shown = view.members(members);
                let pinned = view.pinned(members);
                shown
                    .indexes()
                    .filter(|i| (view.pass == 0 || in_window) || pinned.binary_search(i).is_err())
                    .collect()
            }
            _ => (0..members.len()).collect(),
        }
    }

    /// What an error about one node says; `None` when another error about it says it better.
    fn violation_kind(
        &mut self,
        kind: &ValidationErrorKind,
        node: &Node<'_>,
    ) -> Option<ViolationKind> {
        let span = node.span;
        Some(match kind {
            ValidationErrorKind::Required { property } => ViolationKind::MissingField {
                object: span,
                field: property.as_str().unwrap_or_default().to_string(),
            },
            ValidationErrorKind::Type { kind } => ViolationKind::WrongType {
                span,
                expected: expected_types(kind),
                found: describe(node),
            },
            // A non-string where a string enum belongs: the `type` error says it better.
            ValidationErrorKind::Enum { .. } if node.as_str().is_none() => return None,
            ValidationErrorKind::Enum { options } => ViolationKind::NotAllowed {
                span,
                found: node
                    .as_str()
                    .map_or_else(|| node.to_json().to_string(), str::to_string),
                allowed: self.allowed(options),
            },
            ValidationErrorKind::Minimum { limit } => ViolationKind::OutOfRange {
                span,
                message: format!("must be at least {limit}, found {}", describe(node)),
            },
            ValidationErrorKind::Maximum { limit } => ViolationKind::OutOfRange {
                span,
                message: format!("must be at most {limit}, found {}", describe(node)),
            },
            other => ViolationKind::Other {
                span,
                message: format!("breaks the schema's {:?} keyword", other.keyword()),
            },
        })
    }

    /// Walks the error's instance path through the tree: the node, its pointer (indexes into
    /// long arrays made absolute) and whether the path runs through a long array's window.
    fn find_node(&mut self, error: &ValidationError<'_>) -> Option<(&'t Node<'s>, String, bool)> {
        let mut node = self.root;
        let mut pointer = String::new();
        let mut in_window = false;
        for segment in error.instance_path().segments() {
            node = match segment {
                LocationSegment::Property(key) => {
                    pointer.push('/');
                    pointer.push_str(&escape_pointer_segment(&key));
                    let members = node.as_object()?;
                    let index = self.member(node, &key)?;
                    // Through a wide object's window, unless the member is pinned (shown in
                    // every pass).
                    if let Some(view) = self.view
                        && members.len() > WINDOW
                        && view.pinned(members).binary_search(&index).is_err()
                    {
                        in_window = true;
                    }
                    &members.get(index)?.value
                }
                LocationSegment::Index(index) => {
                    let items = node.as_array()?;
                    let index = if items.len() > WINDOW {
                        in_window = true;
                        let pass = self.view.map_or(0, |view| view.pass);
                        index + pass * WINDOW
                    } else {
                        index
                    };
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                    items.get(index)?
                }
            };
        }
        Some((node, pointer, in_window))
    }

    /// The index of member `key` of an object (the last of duplicates, as [`Node::member`]).
    fn member(&mut self, object: &'t Node<'s>, key: &str) -> Option<usize> {
        let members: &'t [Member<'s>] = object.as_object()?;
        if members.len() <= SCAN_LIMIT {
            return members.iter().rposition(|m| m.key == key);
        }
        let index = self
            .wide
            .entry(members.as_ptr() as usize)
            .or_insert_with(|| {
                members
                    .iter()
                    .enumerate()
                    .map(|(index, m)| (m.key, index))
                    .collect()
            });
        index.get(key).copied()
    }

    /// The `properties` of the schema object that owns an `additionalProperties` keyword.
    fn known_keys(&mut self, keyword_path: &str) -> Arc<[String]> {
        let mut lists = lists();
        if let Some(known) = lists.known.get(keyword_path) {
            return Arc::clone(known);
        }
        let owner = keyword_path
            .strip_suffix("/additionalProperties")
            .unwrap_or(keyword_path);
        let known: Arc<[String]> = self
            .schema
            .pointer(owner)
            .and_then(|s| s.get("properties"))
            .and_then(Json::as_object)
            .map(|properties| properties.keys().cloned().collect())
            .unwrap_or_default();
        lists
            .known
            .insert(keyword_path.to_string(), Arc::clone(&known));
        known
    }

    /// An enumeration's strings, once per enumeration (the validator shares its options).
    fn allowed(&mut self, options: &Arc<Json>) -> Arc<[String]> {
        let mut lists = lists();
        let names = lists
            .enums
            .entry(Arc::as_ptr(options) as usize)
            .or_insert_with(|| {
                options
                    .as_array()
                    .map(|values| {
                        values
                            .iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            });
        Arc::clone(names)
    }
}
