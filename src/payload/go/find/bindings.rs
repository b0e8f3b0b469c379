//! The statements that bind and assign what the finder follows: a params literal bound to a
//! name, the fields set on it before the call, a map body built key by key, a string a URL
//! may be built from.

use tree_sitter::Node as TsNode;

use super::super as go;
use super::super::sdk::{CALL_PARAMS, REQUEST_FIELD, REQUEST_PARAMS};
use super::super::{span_of, text_of};
use super::{Bound, Finder};
use crate::payload::flow::Assigned;
use crate::tree::{Extent, Node, Value};

impl Finder<'_, '_> {
    /// `params := …`, `params = …`, `params.CheckoutSessionRequest.Field = …`,
    /// `body["key"] = …`, `body, err := json.Marshal(…)`. True when the left side was read here
    /// (its names are then not uses).
    pub(super) fn statement(&mut self, statement: TsNode<'_>) -> bool {
        let (Some(left), Some(right)) = (
            statement.child_by_field_name("left"),
            statement.child_by_field_name("right"),
        ) else {
            return false;
        };
        let end = statement.end_byte();
        let targets = go::named(left);
        let values = go::named(right);
        if let ([target, ..], [value]) = (&targets[..], &values[..])
            && target.kind() == "identifier"
            && self.marshal(self.text(*target), *value, end)
        {
            self.children(right);
            return true;
        }
        if targets.len() != values.len() {
            return false;
        }
        let mut read_left = true;
        for (target, value) in targets.iter().zip(&values) {
            match target.kind() {
                "identifier" => {
                    // Bound to something not followed (`params = build()`): what it held
                    // before may have changed in ways not seen.
                    if !self.bind_value(self.text(*target), *value, end) {
                        self.flow.used(self.text(*target), target.start_byte());
                    }
                }
                "selector_expression" | "index_expression" => {
                    read_left &= self.assign(*target, *value, statement.start_byte());
                }
                _ => read_left = false,
            }
        }
        if read_left {
            self.children(right);
        }
        read_left
    }

    /// `var params dodopayments.CheckoutSessionNewParams` (the zero value: an empty request),
    /// `var params = …`, `const base = "https://…"`.
    pub(super) fn var_spec(&mut self, spec: TsNode<'_>) {
        let Some(name) = spec.child_by_field_name("name") else {
            return;
        };
        let name = self.text(name);
        let end = spec.end_byte();
        if let Some(value) = spec
            .child_by_field_name("value")
            .and_then(|values| go::nth(values, 0))
        {
            self.bind_value(name, value, end);
            return;
        }
        let Some(kind) = spec.child_by_field_name("type") else {
            return;
        };
        let is_params = self
            .lower
            .sdk_name(kind)
            .is_some_and(|n| CALL_PARAMS.contains(&n) || n == REQUEST_PARAMS);
        if is_params {
            let node = Node {
                span: span_of(kind),
                value: Value::Object(&[], Extent::Closed),
            };
            let scope = self.scope();
            self.pending.push((name.to_string(), scope, node.span));
            self.bind(name, end, node, Bound::Request);
        }
    }

    /// `name := value`: a params literal, a map literal, or a string a URL may be built from.
    /// True when `name` is now bound to a literal that is followed.
    fn bind_value(&mut self, name: &str, value: TsNode<'_>, end: usize) -> bool {
        // `_ = …` keeps nothing: a literal there is read where it is written.
        if name == "_" {
            return false;
        }
        if let Some(request) = self.request_of(value) {
            // A literal (not a name bound to one, whose own binding is read).
            if self.lower.transparent(value).unwrap_or(value).kind() == "composite_literal" {
                let scope = self.scope();
                self.pending.push((name.to_string(), scope, request.span));
            }
            self.bind(name, end, request, Bound::Request);
            return true;
        }
        let literal = self.lower.transparent(value).unwrap_or(value);
        let is_body = literal.kind() == "composite_literal"
            && literal.child_by_field_name("type").is_some_and(|t| {
                t.kind() == "map_type"
                    || (t.kind() == "type_identifier"
                        && self
                            .lower
                            .structs
                            .index(text_of(t, self.lower.text))
                            .is_some())
            });
        if is_body {
            let node = self.lower.node(literal, 0);
            self.bind(name, end, node, Bound::Body);
            return true;
        }
        if let Some(text) = self.url_text(value) {
            self.strings.insert(name.to_string(), text);
        }
        false
    }

    /// `params.CheckoutSessionRequest.Field = value` (or `req.Field = value`, the request
    /// itself), `params.CheckoutSessionRequest = …`, `body["key"] = value`. False when the
    /// target is deeper than a field of the request: the name is then used, not followed.
    fn assign(&mut self, target: TsNode<'_>, value: TsNode<'_>, at: usize) -> bool {
        let (base, key, key_span) = match target.kind() {
            "index_expression" => {
                let Some(index) = target.child_by_field_name("index") else {
                    return false;
                };
                let Some(Value::String(key)) = Some(self.lower.node(index, 0).value) else {
                    return false;
                };
                (target.child_by_field_name("operand"), key, span_of(index))
            }
            _ => {
                let Some(field) = target.child_by_field_name("field") else {
                    return false;
                };
                let operand = target.child_by_field_name("operand");
                // `params.CheckoutSessionRequest.Field`: the operand is the params' request.
                let operand = match operand {
                    Some(o)
                        if o.kind() == "selector_expression"
                            && o.child_by_field_name("field")
                                .is_some_and(|f| self.text(f) == REQUEST_FIELD) =>
                    {
                        o.child_by_field_name("operand")
                    }
                    Some(o) if self.text(field) == REQUEST_FIELD && o.kind() == "identifier" => {
                        // The whole request replaced.
                        let name = self.text(o);
                        if let Some(request) = self.request_of(value) {
                            self.bind(name, value.end_byte(), request, Bound::Request);
                            return true;
                        }
                        return false;
                    }
                    other => other,
                };
                (
                    operand,
                    self.lower.api_field(self.text(field)),
                    span_of(field),
                )
            }
        };
        let Some(base) = base.filter(|b| b.kind() == "identifier") else {
            return false;
        };
        self.flow.assign(Assigned {
            name: self.text(base).to_string(),
            at,
            key,
            key_span,
            value: Some(self.lower.node(value, 0)),
        });
        true
    }
}
