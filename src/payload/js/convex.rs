//! Which names are the `checkout` of Dodo's Convex component (`@dodopayments/convex` 0.2.15):
//! `const dodo = new DodoPayments(components.dodopayments, {...})` with the component's class,
//! then `export const { checkout } = dodo.api()` (the shape of its README), or
//! `const checkout = dodo.api().checkout`.

use std::collections::HashSet;

use oxc_ast::ast::{BindingPattern, Expression};

use crate::facts::adapters::{CONVEX, CONVEX_API, CONVEX_CHECKOUT, CONVEX_CLIENT};

#[derive(Debug, Default)]
pub(super) struct ConvexNames {
    /// The component's `DodoPayments` under the names it is imported as.
    classes: HashSet<String>,
    /// Names bound to `new DodoPayments(...)` of the component.
    clients: HashSet<String>,
    /// Names bound to a client's `api().checkout`.
    pub(super) checkouts: HashSet<String>,
}

impl ConvexNames {
    /// Notes an import of `imported` as `local` from `source`.
    pub(super) fn import(&mut self, source: &str, imported: &str, local: &str) {
        if source == CONVEX && imported == CONVEX_CLIENT {
            self.classes.insert(local.to_string());
        }
    }

    /// Notes `<pattern> = <init>` (a declaration: clients are declared before `api()` is
    /// called on them, as the README writes it).
    pub(super) fn declare(&mut self, pattern: &BindingPattern<'_>, init: &Expression<'_>) {
        if let Some(name) = pattern.get_identifier_name() {
            if self.is_new_client(init) {
                self.clients.insert(name.to_string());
            }
            // `const checkout = dodo.api().checkout`
            if let Expression::StaticMemberExpression(member) = init.get_inner_expression()
                && member.property.name == CONVEX_CHECKOUT
                && self.is_api(&member.object)
            {
                self.checkouts.insert(name.to_string());
            }
            return;
        }
        // `const { checkout } = dodo.api()`, `const { checkout: createCheckout } = …`
        if let BindingPattern::ObjectPattern(object) = pattern
            && self.is_api(init)
        {
            for property in &object.properties {
                let is_checkout = property
                    .key
                    .static_name()
                    .is_some_and(|key| key == CONVEX_CHECKOUT);
                if let (true, Some(local)) = (is_checkout, property.value.get_identifier_name()) {
                    self.checkouts.insert(local.to_string());
                }
            }
        }
    }

    fn is_new_client(&self, expr: &Expression<'_>) -> bool {
        matches!(expr.get_inner_expression(), Expression::NewExpression(new)
            if matches!(new.callee.get_inner_expression(),
                Expression::Identifier(class) if self.classes.contains(class.name.as_str())))
    }

    /// `<client>.api()`, the client a name or a `new` of the class.
    fn is_api(&self, expr: &Expression<'_>) -> bool {
        let Expression::CallExpression(call) = expr.get_inner_expression() else {
            return false;
        };
        let Expression::StaticMemberExpression(member) = call.callee.get_inner_expression() else {
            return false;
        };
        member.property.name == CONVEX_API
            && match member.object.get_inner_expression() {
                Expression::Identifier(client) => self.clients.contains(client.name.as_str()),
                other => self.is_new_client(other),
            }
    }
}
