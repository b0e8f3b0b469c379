//! The better-auth plugin's server config in a module: each `checkout({...})` call of the
//! `checkout` imported from `@dodopayments/better-auth`, read as far as its literal shows it
//! ([`ServerCheckout`]). A `products` that is not a literal list of literal entries (a
//! function, a variable, a spread) leaves the catalogue unknown.

use std::collections::HashSet;

use oxc_ast::ast::{
    ArrayExpressionElement, CallExpression, Expression, ObjectExpression, ObjectPropertyKind,
    Program,
};
use oxc_ast_visit::{Visit, walk};

use super::lower::span_of;
use super::properties::{has_spread, property};
use crate::payload::adapter_config::{ConfiguredProduct, ServerCheckout};
use crate::source::Source;

/// Every server `checkout({...})` of the program, `names` being the local names of the
/// plugin's `checkout`.
pub(super) fn server_checkouts(
    program: &Program<'_>,
    names: &HashSet<String>,
    name: &str,
    text: &str,
) -> Vec<ServerCheckout> {
    if names.is_empty() {
        return Vec::new();
    }
    let mut finder = Calls {
        names,
        source: Source::new(name, text),
        found: Vec::new(),
    };
    finder.visit_program(program);
    finder.found
}

struct Calls<'n> {
    names: &'n HashSet<String>,
    source: Source,
    found: Vec<ServerCheckout>,
}

impl Calls<'_> {
    fn read(&self, call: &CallExpression<'_>) -> Option<ServerCheckout> {
        let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
            return None;
        };
        if !self.names.contains(callee.name.as_str()) {
            return None;
        }
        let options = match super::properties::first_argument(call) {
            Some(Expression::ObjectExpression(options)) => options,
            // `checkout()` has no products: every slug is "Product not found"; anything else
            // is not known.
            _ if call.arguments.is_empty() => return Some(self.empty(call)),
            _ => return None,
        };
        // A spread of options may set any of them.
        let spread = has_spread(options);
        let products_key = options.properties.iter().find_map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p)
                if !p.computed && p.key.static_name().is_some_and(|k| k == "products") =>
            {
                Some(span_of(oxc_span::GetSpan::span(&p.key)))
            }
            _ => None,
        });
        let at = products_key.unwrap_or(span_of(call.span));
        let products = if spread {
            None
        } else {
            match property(options, "products").map(Expression::get_inner_expression) {
                None => Some(Vec::new()),
                Some(Expression::ArrayExpression(list)) => self.products(&list.elements),
                Some(_) => None,
            }
        };
        Some(ServerCheckout {
            products,
            success_url: (!spread)
                .then(|| property(options, "successUrl").map(|url| text_of(url)))
                .flatten(),
            authenticated_only: bool_of(options, "authenticatedUsersOnly").filter(|_| !spread),
            at,
            range: self.source.range(at),
        })
    }

    fn empty(&self, call: &CallExpression<'_>) -> ServerCheckout {
        let at = span_of(call.span);
        ServerCheckout {
            products: Some(Vec::new()),
            success_url: None,
            authenticated_only: None,
            at,
            range: self.source.range(at),
        }
    }

    /// The entries, when each is `{ productId, slug }` with a literal slug.
    fn products(&self, elements: &[ArrayExpressionElement<'_>]) -> Option<Vec<ConfiguredProduct>> {
        elements
            .iter()
            .map(|element| {
                let ArrayExpressionElement::ObjectExpression(entry) = element else {
                    return None;
                };
                let slug = property(entry, "slug")?;
                let Expression::StringLiteral(literal) = slug.get_inner_expression() else {
                    return None;
                };
                let at = span_of(literal.span);
                Some(ConfiguredProduct {
                    slug: literal.value.to_string(),
                    product_id: property(entry, "productId").and_then(text_of),
                    at,
                    range: self.source.range(at),
                })
            })
            .collect()
    }
}

/// The text of a string literal (or a template without substitutions).
fn text_of(expr: &Expression<'_>) -> Option<String> {
    match expr.get_inner_expression() {
        Expression::StringLiteral(literal) => Some(literal.value.to_string()),
        Expression::TemplateLiteral(template) if template.expressions.is_empty() => template
            .quasis
            .first()
            .and_then(|quasi| quasi.value.cooked.as_ref())
            .map(|cooked| cooked.to_string()),
        _ => None,
    }
}

fn bool_of(options: &ObjectExpression<'_>, key: &str) -> Option<bool> {
    match property(options, key).map(Expression::get_inner_expression) {
        Some(Expression::BooleanLiteral(literal)) => Some(literal.value),
        _ => None,
    }
}

impl<'a> Visit<'a> for Calls<'_> {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Some(found) = self.read(it) {
            self.found.push(found);
        }
        walk::walk_call_expression(self, it);
    }
}
