//! The URL of a raw request, as far as the source says it: its static text and whether it
//! names Dodo's API.

use std::collections::HashMap;

use oxc_ast::ast::{BinaryOperator, Expression};

/// Where Dodo's API lives.
const DODO_HOST: &str = "dodopayments.com";

/// The endpoints whose bodies are checkout-session payloads.
const ENDPOINTS: &[&str] = &["/checkouts", "/checkouts/preview"];

/// How deep constants built from constants are followed.
const MAX_DEPTH: usize = 8;

/// The known text of a string expression, with `HOLE` where a part is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlText {
    text: String,
    /// The text, or a constant or environment variable it is built from, names Dodo.
    dodo: bool,
}

const HOLE: char = '\u{0}';

impl UrlText {
    /// The expression's text, when it is string-like (literal, template, `+`, a known
    /// constant, `process.env.X`); `strings` holds the constants of the file seen so far.
    pub(crate) fn of(expr: &Expression<'_>, strings: &HashMap<String, UrlText>) -> Option<Self> {
        Self::at(expr, strings, 0)
    }

    fn hole(dodo: bool) -> Self {
        Self {
            text: HOLE.to_string(),
            dodo,
        }
    }

    fn at(expr: &Expression<'_>, strings: &HashMap<String, UrlText>, depth: usize) -> Option<Self> {
        if depth > MAX_DEPTH {
            return None;
        }
        let part = |expr: &Expression<'_>| {
            Self::at(expr, strings, depth + 1).unwrap_or_else(|| Self::hole(false))
        };
        Some(match expr.get_inner_expression() {
            Expression::StringLiteral(lit) => Self {
                dodo: lit.value.contains(DODO_HOST),
                text: lit.value.to_string(),
            },
            Expression::TemplateLiteral(template) => {
                let mut text = String::new();
                let mut dodo = false;
                for (index, quasi) in template.quasis.iter().enumerate() {
                    let cooked = quasi
                        .value
                        .cooked
                        .map(|c| c.to_string())
                        .unwrap_or_default();
                    dodo |= cooked.contains(DODO_HOST);
                    text.push_str(&cooked);
                    if let Some(expr) = template.expressions.get(index) {
                        let inner = part(expr);
                        dodo |= inner.dodo;
                        text.push_str(&inner.text);
                    }
                }
                Self { text, dodo }
            }
            Expression::BinaryExpression(binary) if binary.operator == BinaryOperator::Addition => {
                let (left, right) = (part(&binary.left), part(&binary.right));
                Self {
                    text: left.text + &right.text,
                    dodo: left.dodo || right.dodo,
                }
            }
            // `process.env.DODO_API_URL ?? "https://test.dodopayments.com"`: either side.
            Expression::LogicalExpression(logical) => either(&logical.left, &logical.right, &part),
            // `live ? 'https://live.dodopayments.com' : 'https://test.dodopayments.com'`.
            Expression::ConditionalExpression(conditional) => {
                either(&conditional.consequent, &conditional.alternate, &part)
            }
            Expression::Identifier(ident) => strings.get(ident.name.as_str())?.clone(),
            Expression::StaticMemberExpression(member) => {
                let object = member.object.get_inner_expression();
                // `process.env.X`, `import.meta.env.X`.
                let is_env = matches!(object, Expression::StaticMemberExpression(env)
                    if env.property.name == "env");
                if !is_env {
                    return None;
                }
                Self::hole(member.property.name.to_ascii_uppercase().contains("DODO"))
            }
            _ => return None,
        })
    }

    /// True for a POST target that is Dodo's checkout-session endpoint.
    pub(crate) fn is_dodo_checkouts(&self) -> bool {
        if !self.dodo {
            return false;
        }
        let tail = self.text.rsplit(HOLE).next().unwrap_or_default();
        let path = tail.split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_end_matches('/');
        ENDPOINTS.iter().any(|endpoint| path.ends_with(endpoint))
    }
}

fn either(
    left: &Expression<'_>,
    right: &Expression<'_>,
    part: &dyn Fn(&Expression<'_>) -> UrlText,
) -> UrlText {
    let (left, right) = (part(left), part(right));
    UrlText {
        // The text of whichever side has one; both are candidates for the same URL.
        text: if left.text.chars().all(|c| c == HOLE) {
            right.text
        } else {
            left.text
        },
        dodo: left.dodo || right.dodo,
    }
}
