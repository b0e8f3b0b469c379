//! Reading object literals by key.

use oxc_ast::ast::{CallExpression, Expression, ObjectExpression, ObjectPropertyKind};

/// The value of the last property written `key` (a later one wins, as in JavaScript).
pub(super) fn property<'e, 'a>(
    object: &'e ObjectExpression<'a>,
    key: &str,
) -> Option<&'e Expression<'a>> {
    object
        .properties
        .iter()
        .rev()
        .find_map(|property| match property {
            oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p)
                if !p.computed && p.key.static_name().is_some_and(|name| name == key) =>
            {
                Some(&p.value)
            }
            _ => None,
        })
}

/// A call's first argument, parentheses and type assertions taken off (`handler(req)`,
/// `readBody(event)`, `app.post('/path', …)`).
pub(super) fn first_argument<'e, 'a>(call: &'e CallExpression<'a>) -> Option<&'e Expression<'a>> {
    Some(
        call.arguments
            .first()?
            .as_expression()?
            .get_inner_expression(),
    )
}

/// The object literal a call's first argument is (`Checkout({ … })`, `createAuthClient({ … })`).
pub(super) fn first_object<'e, 'a>(
    call: &'e CallExpression<'a>,
) -> Option<&'e ObjectExpression<'a>> {
    match first_argument(call)? {
        Expression::ObjectExpression(object) => Some(object),
        _ => None,
    }
}

/// True when the literal spreads another object into itself: any key may come from there.
pub(super) fn has_spread(object: &ObjectExpression<'_>) -> bool {
    object
        .properties
        .iter()
        .any(|p| matches!(p, ObjectPropertyKind::SpreadProperty(_)))
}
