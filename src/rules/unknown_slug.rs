//! `unknown-slug`: a slug sent through Dodo's better-auth plugin that the server's
//! `checkout({ products })` does not define. The server looks it up (`products.find(p =>
//! p.slug === slug)`) and answers 400 "Product not found" (`@dodopayments/better-auth` 1.6.6).

use super::{Context, Finding, Findings};
use crate::payload::adapter_config::SlugLookup;
use crate::text::quote;

declare_rule!(
    UnknownSlug,
    "unknown-slug",
    Error,
    "A slug sent through the better-auth plugin that the server's checkout({ products }) does not define: the server answers \"Product not found\".", on = Adapter);

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(site) = ctx.adapter else {
        return;
    };
    let (Some(slug), Some(lookup @ SlugLookup::Missing { slug: name, slugs, .. })) =
        (site.slug, &site.server.slug)
    else {
        return;
    };
    let configured = if slugs.is_empty() {
        "none".to_string()
    } else {
        slugs.join(", ")
    };
    let mut finding = Finding::new(
        slug.value,
        format!(
            "slug {} is not one of the server's checkout products ({configured}): the server answers \"Product not found\"",
            quote(name)
        ),
    )
    .with_label(lookup.label("the server's checkout products".into()));
    finding = match crate::suggest::closest(name, slugs.iter().map(String::as_str)) {
        Some(close) => finding.help(format!("did you mean {}?", quote(close))),
        None => finding.help("add { productId, slug } to the products of checkout({...}) on the server, or send one of its slugs"),
    };
    findings.push(finding);
}
