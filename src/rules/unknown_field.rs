//! `unknown-field`: a key the API does not define (usually a typo).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use super::{Context, Finding, Findings};
use crate::diagnostic::Applicability;
use crate::edit::{NodeEdit, NodeFix, Wrapper};
use crate::pointer::display_path;
use crate::span::Span;
use crate::schema::ViolationKind;
use crate::suggest::closest_or_suffix;
use crate::text::quote;
use crate::tree::{Member, Node};

declare_rule!(
    UnknownField,
    "unknown-field",
    Error,
    "A key that the checkout-session API does not define, with the closest valid name.",
    fix = [Unsafe], on = Violations);

/// Objects with up to this many fields have them listed in the help.
const LISTED: usize = 12;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let mut objects: HashMap<&str, Object<'_>> = HashMap::new();
    for violation in ctx.violations {
        let ViolationKind::UnknownField {
            key,
            key_span,
            known,
        } = &violation.kind
        else {
            continue;
        };
        // The adapter's own keys (better-auth's `slug`, `referenceId`) are not the API's to know.
        let own_keys = ctx.adapter.map_or(&[][..], |site| site.adapter.own_keys());
        if violation
            .pointer
            .strip_prefix('/')
            .is_some_and(|key| own_keys.contains(&key))
        {
            continue;
        }
        // New-customer fields next to customer_id are invalid-customer's to explain.
        if violation
            .pointer
            .strip_prefix("/customer/")
            .is_some_and(|field| crate::model::NEW_CUSTOMER_KEYS.contains(&field))
        {
            continue;
        }
        let pointer = violation.pointer.as_str();
        let parent = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
        let object = objects
            .entry(parent)
            .or_insert_with(|| Object::at(ctx, parent));
        let unknown = Unknown {
            ctx,
            pointer,
            key,
            key_span: *key_span,
            known,
            object,
        };
        findings.push(unknown.finding());
    }
}

/// An object that holds unknown keys, looked at once: its members by where their keys start
/// (a binary search when they are in source order, as a JSON object's always are; else an
/// index), and its keys, gathered the first time a suggested name must be checked. Looked up per
/// key, a payload of 200,000 unknown keys scanned its whole root once for each of the 10,000
/// findings a file keeps.
struct Object<'t> {
    members: &'t [Member<'t>],
    /// `None` when the members are in source order.
    by_key: Option<HashMap<usize, &'t Member<'t>>>,
    keys: OnceCell<HashSet<&'t str>>,
}

impl<'t> Object<'t> {
    fn at(ctx: &Context<'t>, pointer: &str) -> Self {
        let members = ctx
            .tree
            .and_then(|root| crate::pointer::value_at(root, pointer))
            .and_then(Node::as_object)
            .unwrap_or_default();
        let in_order = members
            .windows(2)
            .all(|pair| pair[0].key_span.start() < pair[1].key_span.start());
        Self {
            members,
            by_key: (!in_order).then(|| {
                members
                    .iter()
                    .map(|member| (member.key_span.start(), member))
                    .collect()
            }),
            keys: OnceCell::new(),
        }
    }

    /// The member whose key starts at `start`.
    fn member(&self, start: usize) -> Option<&'t Member<'t>> {
        match &self.by_key {
            Some(by_key) => by_key.get(&start).copied(),
            None => self
                .members
                .binary_search_by_key(&start, |member| member.key_span.start())
                .ok()
                .and_then(|at| self.members.get(at)),
        }
    }

    fn has(&self, key: &str) -> bool {
        self.keys
            .get_or_init(|| self.members.iter().map(|member| member.key).collect())
            .contains(key)
    }
}

/// One unknown key, where it is written.
struct Unknown<'a, 'o> {
    ctx: &'a Context<'a>,
    pointer: &'a str,
    key: &'a str,
    key_span: Span,
    known: &'a [String],
    /// The object it is written in.
    object: &'o Object<'a>,
}

impl Unknown<'_, '_> {
    fn parent(&self) -> &str {
        self.pointer.rsplit_once('/').map_or("", |(parent, _)| parent)
    }

    fn finding(&self) -> Finding {
        let parent = self.parent();
        let place = if parent.is_empty() {
            "a checkout session".to_string()
        } else {
            display_path(parent)
        };
        let adapter = self.ctx.adapter.map(|site| (site, site.adapter.package()));
        if let Some((site, (package, version))) =
            adapter.filter(|(site, _)| site.adapter.rejects_unknown_keys_and_null())
        {
            // Convex's validator throws before anything is sent.
            return self.did_you_mean(
                Finding::new(
                    self.key_span,
                    format!(
                        "unknown field {} in {place}: {package}'s validator rejects it, so the checkout action throws before any request",
                        quote(self.key)
                    ),
                )
                .label(site.method, format!("validated by {package} {version}")),
                self.member(),
            );
        }
        let finding = match self.ctx.adapter.filter(|a| a.adapter.strips_unknown_keys()) {
            None => Finding::new(
                self.key_span,
                format!("unknown field {} in {place}", quote(self.key)),
            ),
            // The adapter's zod schema strips the key: no error, and no effect either.
            Some(site) => {
                let (package, version) = site.adapter.package();
                Finding::new(
                    self.key_span,
                    format!(
                        "unknown field {} in {place}: {package} ignores it (its schema drops keys it does not define, so the request goes on without it)",
                        quote(self.key)
                    ),
                )
                .label(site.method, format!("sent through {package} {version}"))
                .with_severity(crate::diagnostic::Severity::Warning)
            }
        };
        let member = self.member();
        match member.filter(|_| parent.is_empty() && self.key == "customer_id") {
            Some(member) => self.customer_id(finding, member),
            None => self.did_you_mean(finding, member),
        }
    }

    /// The member whose key this is.
    fn member(&self) -> Option<&Member<'_>> {
        self.object.member(self.key_span.start())
    }

    /// True when the object holding the key already has `field`.
    fn present(&self, field: &str) -> bool {
        self.object.has(field)
    }

    fn customer_id(&self, finding: Finding, member: &Member<'_>) -> Finding {
        let finding = finding.help(
            "an existing customer goes in the customer object: \"customer\": {\"customer_id\": ...}",
        );
        if self.present("customer") {
            return finding;
        }
        finding.fix(move_into_customer(member))
    }

    fn did_you_mean(&self, finding: Finding, member: Option<&Member<'_>>) -> Finding {
        let known = self.known;
        let Some(suggestion) = closest_or_suffix(self.key, known.iter().map(String::as_str)) else {
            return match known.len() {
                0 => finding,
                n if n <= LISTED => {
                    finding.help(format!("valid fields here: {}", known.join(", ")))
                }
                n => finding.help(format!(
                    "{n} fields are valid here; schemas/checkout-session.schema.json lists them"
                )),
            };
        };
        let finding = finding.help(format!("did you mean \"{suggestion}\"?"));
        // A did-you-mean is a guess: never a safe fix, and no fix at all when the name is
        // taken or the value could not be that field's.
        let fits = member.is_some_and(|m| {
            fits_field(&format!("{}/{suggestion}", self.parent()), &m.value)
        });
        if !fits || self.present(suggestion) {
            return finding;
        }
        let rename = NodeEdit::RenameKey {
            key: self.key_span,
            name: suggestion.to_string(),
        };
        finding.fix(
            NodeFix::new(format!("rename to \"{suggestion}\""), Applicability::Unsafe)
                .with(rename),
        )
    }
}

/// `"customer_id": v` at the top level → `"customer": {"customer_id": v}`: what the author
/// evidently meant, but it changes the request's shape, so unsafe.
fn move_into_customer(member: &Member<'_>) -> NodeFix {
    NodeFix::new(
        "move into \"customer\": {\"customer_id\": ...}",
        Applicability::Unsafe,
    )
    .with(NodeEdit::RenameKey {
        key: member.key_span,
        name: "customer".into(),
    })
    .with(NodeEdit::Wrap {
        node: member.value.span,
        wrapper: Wrapper::Object {
            key: "customer_id".into(),
        },
    })
}

/// True when the schema of the field at `pointer` accepts a value of `value`'s JSON type
/// (or when either is not known).
fn fits_field(pointer: &str, value: &Node<'_>) -> bool {
    let Some(schema) = crate::schema::docs::at_pointer(pointer) else {
        return false;
    };
    match value.type_name() {
        "unknown" => true,
        found => crate::schema::docs::allows_type(schema, found).unwrap_or(true),
    }
}
