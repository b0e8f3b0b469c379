//! Reading object literals by key.

use oxc_ast::ast::{Expression, ObjectExpression};

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
