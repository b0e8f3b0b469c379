//! The request's shape: `schemas/checkout-session.schema.json`, compiled once per process, and
//! its errors mapped back onto the tree as [`Violation`]s with exact spans.

mod certain;
pub(crate) mod docs;
mod locate;
mod tree_json;
mod window;

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value as Json;

use crate::bounded::Bounded;
pub(crate) use crate::pointer::{escape_pointer_segment, unescape_pointer_segment};
use crate::span::Span;
use crate::text::quote;
use crate::tree::{Node, Value};
use locate::Locator;
use tree_json::{TreeJson, TreeNode};
use window::Plan;

/// The schema text, embedded so the binary and library need no files at run time.
pub(crate) const SCHEMA_TEXT: &str = include_str!("../../schemas/checkout-session.schema.json");

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
    /// Every key the schema names under a `properties` keyword.
    names: HashSet<String>,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        // The schema is a constant of this crate, checked by its tests; failing here is a
        // build defect, not an input error.
        let mut schema: Json =
            serde_json::from_str(SCHEMA_TEXT).expect("embedded schema is valid JSON");
        as_draft7(&mut schema);
        let validator = jsonschema::options_for::<TreeJson>()
            .with_draft(jsonschema::Draft::Draft7)
            .build(&schema)
            .expect("embedded schema compiles");
        let mut names = HashSet::new();
        property_names(&schema, &mut names);
        Compiled {
            schema,
            validator,
            names,
        }
    })
}

fn property_names(schema: &Json, names: &mut HashSet<String>) {
    match schema {
        Json::Object(object) => {
            if let Some(Json::Object(properties)) = object.get("properties") {
                names.extend(properties.keys().cloned());
            }
            object
                .values()
                .for_each(|value| property_names(value, names));
        }
        Json::Array(values) => values.iter().for_each(|value| property_names(value, names)),
        _ => {}
    }
}

/// The schema as compiled: the document without its `$schema`, so that it compiles as draft 7.
/// It uses only keywords whose meaning is the same in draft 7 and 2020-12 (`type`,
/// `properties`, `required`, `additionalProperties`, `items`, `anyOf`, `enum`, bounds,
/// `if`/`then`/`else`, and `$ref`s to `$defs` with no sibling keywords; a test keeps it so), and
/// the 2020-12 meta-schema alone costs more to set up than everything else in a one-file run.
/// Removed in place: nothing reads `$schema` from the document, and a copy of it was an eighth
/// of the start-up.
fn as_draft7(schema: &mut Json) {
    if let Some(object) = schema.as_object_mut() {
        // `retain` keeps the other keys in order with or without `preserve_order`.
        object.retain(|key, _| key != "$schema");
    }
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
pub(crate) struct Validation {
    /// The first violations by position, at most the limit.
    pub violations: Vec<Violation>,
    /// The spans of every value that failed, kept or not: the model leaves them all out.
    pub failed: HashSet<Span>,
    /// How many violations were found past the limit.
    pub dropped: usize,
}

/// [`validate`], keeping at most `limit` violations (the first by position).
pub(crate) fn validate_within(root: &Node<'_>, limit: usize) -> Validation {
    let compiled = compiled();
    if compiled.validator.is_valid(TreeNode(root, None)) {
        return Validation::default();
    }
    let mut failed = HashSet::new();
    let mut kept = Bounded::new(limit);
    let mut sequence = 0_usize;
    // One pass per window of the longest array or widest object (see `window`); a payload
    // without either takes one.
    let plan = Plan::new(root, &compiled.names);
    let mut locator = Locator::new(&compiled.schema, root);
    // JSON has no unknown values: only source payloads pay for the check.
    let uncertain = root.has_unknowns();
    for pass in 0..plan.passes {
        let view = plan.view(pass);
        locator.view = Some(view);
        for error in compiled.validator.iter_errors(TreeNode(root, Some(view))) {
            locator.locate(&error, &mut |violation: Violation| {
                if uncertain && !certain::is_certain(root, &violation) {
                    return;
                }
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

/// What a value is, for messages: `string "yes"`, `number 1.5`, `array`.
fn describe(node: &Node<'_>) -> String {
    match &node.value {
        Value::String(text) => format!("string {}", quote(text)),
        Value::Number(raw) => format!("number {}", quote(raw).trim_matches('"')),
        Value::Bool(flag) => format!("boolean {flag}"),
        Value::Null => "null".into(),
        Value::Array(_, _) => "an array".into(),
        Value::Object(_, _) => "an object".into(),
        Value::Unknown(unknown) => match unknown.kind.json_name() {
            Some(name) => format!("a {name} computed at run time"),
            None => "a value computed at run time".into(),
        },
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

    /// Keywords that mean the same in draft 7 and 2020-12 (see `as_draft7`). None of them
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
