//! `invalid-json`: the file is not a JSON object (bad UTF-8, a syntax error, nesting too deep,
//! or a top level that is an array, string or number).

use super::{Context, Finding, Findings};

declare_rule!(InvalidJson, "invalid-json", Error, "The payload is not a JSON object: invalid UTF-8, a syntax error, nesting too deep, or another top-level type.");

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    if let Some(invalid) = ctx.invalid_utf8 {
        findings.push(
            Finding::new(invalid.span, "the file is not valid UTF-8")
                .help("JSON must be UTF-8: re-save the file as UTF-8"),
        );
    } else if let Some(error) = ctx.syntax_error {
        findings.push(Finding::new(
            error.span,
            format!("invalid JSON: {}", error.message),
        ));
    } else if let Some(tree) = ctx.tree.filter(|tree| tree.as_object().is_none()) {
        findings.push(
            Finding::new(
                tree.span,
                format!(
                    "a checkout session must be a JSON object, found {}",
                    tree.type_name()
                ),
            )
            .help("the request body of POST /checkouts is an object such as {\"product_cart\": [...]}"),
        );
    }
}
