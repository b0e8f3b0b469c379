//! The better-auth plugin's slugs in an editor: a hover on the literal slug of
//! `authClient.dodopayments.checkoutSession({ slug })` shows the product the server's
//! `checkout({ products })` maps it to, and where that config is; completion inside the slug's
//! quotes offers the config's slugs. The config is the project's (the neighbours the document
//! was linted with) or the document's own; without one, nothing is offered or shown.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Position, TextEdit, Uri};

use super::hover::{markdown_text, product_markdown};
use crate::Linter;
use crate::cli::lsp::convert::{offset, range};
use crate::cli::lsp::state::State;
use crate::payload::adapter_config::SlugLookup;
use crate::payload::{AdapterSite, Payload, find_payloads};
use crate::span::Span;
use crate::tree::{self, Node};

/// The adapter site whose literal slug holds `at` strictly inside its quotes, with the span of
/// the literal's contents.
fn slug_at<'p>(
    payloads: &'p [Payload<'_>],
    at: usize,
) -> Option<(&'p Payload<'p>, &'p AdapterSite, Span)> {
    payloads.iter().find_map(|payload| {
        let site = payload.adapter.as_ref()?;
        let slug = site.slug.filter(|slug| slug.known)?;
        // The literal's quotes are its first and last bytes.
        let contents = Span::new(slug.value.start() + 1, slug.value.len().checked_sub(2)?);
        (contents.start() <= at && at <= contents.end()).then_some((payload, site, contents))
    })
}

/// The hover of a literal slug at `at`: its product in the server's config, or that the config
/// lacks it. `None` off a slug, or when no config is known.
pub(super) fn hover(
    payloads: &[Payload<'_>],
    at: usize,
    linter: &Linter,
) -> Option<(String, Span)> {
    let (payload, site, contents) = slug_at(payloads, at)?;
    let slug = payload.root.get("slug").and_then(Node::as_str)?;
    let markdown = match site.server.slug.as_ref()? {
        SlugLookup::Configured {
            product_id, file, ..
        } => {
            let product = match product_id {
                Some(id) => format!("product {}", markdown_text(id)),
                None => "a product id not known statically".to_string(),
            };
            let place = file
                .as_deref()
                .map_or("this file".to_string(), markdown_text);
            let mut text = format!(
                "**slug {}**: a checkout of one {product}\n\nConfigured in the server's `checkout({{ products }})` in {place}",
                markdown_text(slug)
            );
            if let Some(details) = product_id
                .as_deref()
                .and_then(|id| product_markdown(linter, id))
            {
                text.push_str("\n\n---\n\n");
                text.push_str(&details);
            }
            text
        }
        SlugLookup::Missing { slugs, .. } => format!(
            "**slug {}** is not one of the server's checkout products ({}): the server answers \"Product not found\"",
            markdown_text(slug),
            markdown_text(&slugs.join(", "))
        ),
    };
    Some((markdown, contents))
}

/// The config's slugs, when the position is inside a literal slug's quotes: each replaces the
/// literal's contents (a slug's `-` would end an editor's word).
pub(super) fn completion(
    state: &mut State,
    uri: &Uri,
    position: Position,
) -> Option<Vec<CompletionItem>> {
    let encoding = state.encoding;
    let document = state.linted(uri)?;
    let source = &document.source;
    let neighbours = document
        .linted
        .as_ref()
        .and_then(|linted| linted.neighbours.clone())
        .unwrap_or_default();
    let at = offset(source, position, encoding);
    let arena = tree::Arena::new();
    let payloads = find_payloads(source.name(), source.text(), &arena, &neighbours);
    let (_, site, contents) = slug_at(&payloads, at)?;
    if site.server.slugs.is_empty() {
        return None;
    }
    let replaced = range(source, contents, encoding);
    Some(
        site.server
            .slugs
            .iter()
            .map(|(slug, product_id)| CompletionItem {
                label: slug.clone(),
                kind: Some(CompletionItemKind::VALUE),
                detail: product_id.clone(),
                filter_text: Some(slug.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: replaced,
                    new_text: slug.clone(),
                })),
                ..CompletionItem::default()
            })
            .collect(),
    )
}
