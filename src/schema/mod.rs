//! The request's shape: `schemas/checkout-session.schema.json`, compiled once per process, and
//! its errors mapped back onto the tree as [`Violation`]s with exact spans.

pub mod docs;
mod tree_json;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::paths::LocationSegment;
use jsonschema::{ValidationError, Validator};
use serde_json::Value as Json;

use crate::bounded::Bounded;
use crate::span::Span;
use crate::text::quote;
use crate::tree::{Member, Node, Value};
use tree_json::{TreeJson, TreeNode};

/// The schema text, embedded so the binary and library need no files at run time.
pub const SCHEMA_TEXT: &str = include_str!("../../schemas/checkout-session.schema.json");

/// One way the payload breaks the schema, located in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// JSON pointer to the offending value; for an unknown field, to that member.
    pub pointer: String,
    pub kind: ViolationKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ViolationKind {
    /// A key the API does not define. `known` are the keys the object may have.
    UnknownField {
        key: String,
        key_span: Span,
        /// Shared by every unknown key of one object: a wide object costs one list, not one each.
        known: Arc<[String]>,
    },
    /// A required key is absent; `object` is the span of the object that lacks it.
    MissingField { object: Span, field: String },
    /// The value has the wrong JSON type; `expected` reads like "integer" or "string or null".
    WrongType {
        span: Span,
        expected: String,
        /// What was there, for messages: `string "yes"`, `number 1.5`, `array`.
        found: String,
    },
    /// A string outside an enumeration.
    NotAllowed {
        span: Span,
        found: String,
        /// Shared by every violation of the same enumeration.
        allowed: Arc<[String]>,
    },
    /// A number outside its range: "must be at most 2147483647".
    OutOfRange { span: Span, message: String },
    /// Anything else the schema says, in its words.
    Other { span: Span, message: String },
}

impl Violation {
    /// The primary span.
    pub fn span(&self) -> Span {
        match &self.kind {
            ViolationKind::UnknownField { key_span, .. } => *key_span,
            ViolationKind::MissingField { object, .. } => *object,
            ViolationKind::WrongType { span, .. }
            | ViolationKind::NotAllowed { span, .. }
            | ViolationKind::OutOfRange { span, .. }
            | ViolationKind::Other { span, .. } => *span,
        }
    }

    /// The span of a value that failed and so is left out of the typed model.
    pub fn failed_value(&self) -> Option<Span> {
        match self.kind {
            ViolationKind::UnknownField { .. } | ViolationKind::MissingField { .. } => None,
            _ => Some(self.span()),
        }
    }
}

struct Compiled {
    schema: Json,
    validator: Validator<TreeJson>,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        // The schema is a constant of this crate, checked by its tests; failing here is a
        // build defect, not an input error.
        let schema: Json =
            serde_json::from_str(SCHEMA_TEXT).expect("embedded schema is valid JSON");
        let validator = jsonschema::options_for::<TreeJson>()
            .with_draft(jsonschema::Draft::Draft7)
            .build(&draft7_view(&schema))
            .expect("embedded schema compiles");
        Compiled { schema, validator }
    })
}

/// The schema as compiled: the same document without its `$schema`, so that it compiles as
/// draft 7. It uses only keywords whose meaning is the same in draft 7 and 2020-12 (`type`,
/// `properties`, `required`, `additionalProperties`, `items`, `anyOf`, `enum`, bounds,
/// `if`/`then`/`else`, and `$ref`s to `$defs` with no sibling keywords; a test keeps it so), and
/// the 2020-12 meta-schema alone costs more to set up than everything else in a one-file run.
fn draft7_view(schema: &Json) -> Json {
    let mut view = schema.clone();
    if let Some(object) = view.as_object_mut() {
        object.remove("$schema");
    }
    view
}

/// The parsed schema document (for descriptions, known keys and enumerations).
pub fn document() -> &'static Json {
    &compiled().schema
}

/// Validates the payload tree (whose root is an object) against the schema.
pub fn validate(root: &Node<'_>) -> Vec<Violation> {
    validate_within(root, usize::MAX).violations
}

/// What validation found, in memory bounded by the limit it was given.
#[derive(Debug, Default)]
pub struct Validation {
    /// The first violations by position, at most the limit.
    pub violations: Vec<Violation>,
    /// The spans of every value that failed, kept or not: the model leaves them all out.
    pub failed: HashSet<Span>,
    /// How many violations were found past the limit.
    pub dropped: usize,
}

/// [`validate`], keeping at most `limit` violations (the first by position).
pub fn validate_within(root: &Node<'_>, limit: usize) -> Validation {
    let compiled = compiled();
    if compiled.validator.is_valid(TreeNode(root, None)) {
        return Validation::default();
    }
    let mut failed = HashSet::new();
    let mut kept = Bounded::new(limit);
    let mut sequence = 0_usize;
    let mut locator = Locator::new(&compiled.schema, root);
    // One pass per window of the longest array (see `tree_json::WINDOW`); a payload without
    // long arrays takes one. Pass 0 reports everything outside long arrays, and each pass the
    // errors inside its windows.
    let passes = longest_array(root).div_ceil(tree_json::WINDOW).max(1);
    for pass in 0..passes {
        locator.pass = pass;
        for error in compiled.validator.iter_errors(TreeNode(root, Some(pass))) {
            locator.locate(&error, &mut |violation: Violation| {
                if let Some(span) = violation.failed_value() {
                    failed.insert(span);
                }
                let span = violation.span();
                sequence += 1;
                kept.push((span.start(), span.len(), sequence), violation);
            });
        }
    }
    let dropped = kept.dropped();
    Validation {
        violations: kept.into_sorted(),
        failed,
        dropped,
    }
}

/// The length of the longest array anywhere in the tree.
fn longest_array(node: &Node<'_>) -> usize {
    match &node.value {
        Value::Array(items) => items
            .iter()
            .map(longest_array)
            .fold(items.len(), usize::max),
        Value::Object(members) => members
            .iter()
            .map(|m| longest_array(&m.value))
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

/// Maps schema errors onto the tree. Every lookup is indexed, so the cost stays linear however
/// wide an object is: members of wide objects are indexed by key once, and the lists of known
/// keys and allowed values are built once and shared.
struct Locator<'t, 's> {
    schema: &'static Json,
    root: &'t Node<'s>,
    /// Wide objects' members by key (the last of duplicates wins), keyed by the members' address.
    wide: HashMap<usize, HashMap<&'t str, &'t Member<'s>>>,
    known: HashMap<String, Arc<[String]>>,
    enums: HashMap<usize, Arc<[String]>>,
    /// The validation pass whose errors are being located: indexes into long arrays are
    /// relative to the pass's window.
    pass: usize,
}

/// Objects with more members than this are indexed instead of scanned.
const SCAN_LIMIT: usize = 16;

impl<'t, 's> Locator<'t, 's> {
    fn new(schema: &'static Json, root: &'t Node<'s>) -> Self {
        Self {
            schema,
            root,
            wide: HashMap::new(),
            known: HashMap::new(),
            enums: HashMap::new(),
            pass: 0,
        }
    }

    fn locate(&mut self, error: &ValidationError<'_>, out: &mut dyn FnMut(Violation)) {
        let Some((node, pointer, in_window)) = self.find_node(error) else {
            return;
        };
        // Later passes repeat what lies outside long arrays: pass 0 has reported it.
        if self.pass > 0 && !in_window {
            return;
        }
        let span = node.span;
        let kind = match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = self.known_keys(error.schema_path().as_str());
                let unexpected: HashSet<&str> = unexpected.iter().map(String::as_str).collect();
                for member in node.as_object().unwrap_or_default() {
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
                return;
            }
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
            ValidationErrorKind::Enum { .. } if node.as_str().is_none() => return,
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
                    span,
                    message: "does not match the schema".into(),
                }
            }
            other => ViolationKind::Other {
                span,
                message: format!("breaks the schema's {:?} keyword", other.keyword()),
            },
        };
        out(Violation { pointer, kind });
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
                    &self.member(node, &key)?.value
                }
                LocationSegment::Index(index) => {
                    let items = node.as_array()?;
                    let index = if items.len() > tree_json::WINDOW {
                        in_window = true;
                        index + self.pass * tree_json::WINDOW
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

    /// The member `key` of an object (the last of duplicates, as [`Node::member`]).
    fn member(&mut self, object: &'t Node<'s>, key: &str) -> Option<&'t Member<'s>> {
        let members = object.as_object()?;
        if members.len() <= SCAN_LIMIT {
            return object.member(key);
        }
        let index = self
            .wide
            .entry(members.as_ptr() as usize)
            .or_insert_with(|| members.iter().map(|m| (m.key, m)).collect());
        index.get(key).copied()
    }

    /// The `properties` of the schema object that owns an `additionalProperties` keyword.
    fn known_keys(&mut self, keyword_path: &str) -> Arc<[String]> {
        if let Some(known) = self.known.get(keyword_path) {
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
        self.known
            .insert(keyword_path.to_string(), Arc::clone(&known));
        known
    }

    /// An enumeration's strings, once per enumeration (the validator shares its options).
    fn allowed(&mut self, options: &Arc<Json>) -> Arc<[String]> {
        let names = self
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

/// What a value is, for messages: `string "yes"`, `number 1.5`, `array`.
fn describe(node: &Node<'_>) -> String {
    match &node.value {
        Value::String(text) => format!("string {}", quote(text)),
        Value::Number(raw) => format!("number {}", quote(raw).trim_matches('"')),
        Value::Bool(flag) => format!("boolean {flag}"),
        other => match other {
            Value::Null => "null".into(),
            Value::Array(_) => "an array".into(),
            _ => "an object".into(),
        },
    }
}

/// RFC 6901: `~` → `~0`, `/` → `~1`. Borrowed when there is nothing to escape (nearly always).
pub fn escape_pointer_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains(['~', '/']) {
        Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// RFC 6901 in reverse: `~1` → `/`, then `~0` → `~`.
pub fn unescape_pointer_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

fn is_only_null_type_error(branch: &[ValidationError<'_>]) -> bool {
    matches!(branch, [only] if matches!(only.kind(),
        ValidationErrorKind::Type { kind: TypeKind::Single(t) } if t.to_string() == "null"))
}

fn expected_types(kind: &TypeKind) -> String {
    let mut names: Vec<String> = match kind {
        TypeKind::Single(t) => vec![t.to_string()],
        TypeKind::Multiple(set) => set.iter().map(|t| t.to_string()).collect(),
    };
    // "null" reads best last: "string or null".
    names.sort_by_key(|name| name == "null");
    names.join(" or ")
}

#[cfg(test)]
mod tests {

    /// Tests keep their trees for the whole test: the arena is leaked.
    fn parse(text: &str) -> Result<crate::tree::Node<'_>, crate::tree::SyntaxError> {
        crate::tree::parse(text, Box::leak(Box::default()))
    }
    use super::*;

    fn violations(text: &str) -> Vec<Violation> {
        validate(&parse(text).unwrap())
    }

    /// Keywords that mean the same in draft 7 and 2020-12 (see `draft7_view`). None of them
    /// looks at an array as a whole (`minItems`, `uniqueItems`, `contains` …), which windowed
    /// validation of long arrays relies on (`tree_json::WINDOW`).
    const SHARED_KEYWORDS: &[&str] = &[
        "$id",
        "$schema",
        "$defs",
        "$ref",
        "title",
        "description",
        "default",
        "deprecated",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "anyOf",
        "enum",
        "minimum",
        "maximum",
        "if",
        "then",
        "else",
    ];
    const ANNOTATIONS: &[&str] = &["$ref", "title", "description", "default", "deprecated"];

    fn uses_only_shared_keywords(schema: &Json, at: &str) {
        let Some(object) = schema.as_object() else {
            return;
        };
        for (keyword, value) in object {
            assert!(
                SHARED_KEYWORDS.contains(&keyword.as_str()),
                "{at}: {keyword}"
            );
            if object.contains_key("$ref") {
                // Draft 7 ignores a $ref's siblings; 2020-12 applies them.
                assert!(
                    ANNOTATIONS.contains(&keyword.as_str()),
                    "{at}: {keyword} beside $ref"
                );
            }
            match keyword.as_str() {
                "properties" | "$defs" => {
                    for (name, sub) in value.as_object().into_iter().flatten() {
                        uses_only_shared_keywords(sub, &format!("{at}/{keyword}/{name}"));
                    }
                }
                "anyOf" => {
                    for (index, sub) in value.as_array().into_iter().flatten().enumerate() {
                        uses_only_shared_keywords(sub, &format!("{at}/anyOf/{index}"));
                    }
                }
                "items" | "additionalProperties" | "if" | "then" | "else" => {
                    uses_only_shared_keywords(value, &format!("{at}/{keyword}"));
                }
                _ => {}
            }
        }
    }

    #[test]
    fn the_schema_means_the_same_compiled_as_draft_7() {
        uses_only_shared_keywords(document(), "");
    }

    #[test]
    fn the_embedded_schema_compiles_and_accepts_a_minimal_payload() {
        assert!(violations(r#"{"product_cart": []}"#).is_empty());
    }

    #[test]
    fn nullable_references_report_the_inner_error() {
        let text = r#"{"product_cart": [], "billing_currency": "usd"}"#;
        let found = violations(text);
        assert_eq!(found[0].pointer, "/billing_currency");
        assert!(
            matches!(&found[..], [Violation { kind: ViolationKind::NotAllowed { found, allowed, span }, .. }]
            if found == "usd" && allowed.contains(&"USD".to_string()) && *span == Span::new(41, 5)),
            "{found:?}"
        );
    }

    #[test]
    fn unknown_keys_point_at_the_key_and_know_their_siblings() {
        let text = r#"{"product_cart": [], "billing_adress": {}}"#;
        let found = violations(text);
        assert_eq!(found[0].pointer, "/billing_adress");
        let [
            Violation {
                kind:
                    ViolationKind::UnknownField {
                        key,
                        key_span,
                        known,
                    },
                ..
            },
        ] = &found[..]
        else {
            panic!("{found:?}")
        };
        assert_eq!(key, "billing_adress");
        assert_eq!(*key_span, Span::new(21, 16));
        assert!(known.contains(&"billing_address".to_string()));
    }

    #[test]
    fn customer_variants_are_chosen_by_customer_id() {
        let found = violations(r#"{"product_cart": [], "customer": {"name": "x"}}"#);
        assert!(
            matches!(&found[..], [Violation { kind: ViolationKind::MissingField { field, .. }, .. }] if field == "email")
        );
        let found =
            violations(r#"{"product_cart": [], "customer": {"customer_id": "c", "email": "e"}}"#);
        assert!(
            matches!(&found[..], [Violation { kind: ViolationKind::UnknownField { key, .. }, .. }] if key == "email")
        );
    }
}
