//! `textDocument/hover`: the schema's description of the key or value under the cursor, and
//! for a product id what the catalogue knows of the product.

use std::sync::Arc;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::{Outcome, slugs};
use crate::cli::lsp::convert::{offset, range};
use crate::cli::lsp::state::State;
use crate::payload::{find_payloads, front_end};
use crate::pointer::pointer_of;
use crate::schema::{docs, unescape_pointer_segment};
use crate::tree::{self, Node, Value as TreeValue};
use crate::{Linter, Span};

pub(crate) fn hover(state: &mut State, params: HoverParams) -> Outcome<Option<Hover>> {
    let at = params.text_document_position_params;
    let encoding = state.encoding;
    let Some(document) = state.linted(&at.text_document.uri) else {
        return Ok(None);
    };
    // The catalogue of the document's config; the defaults for a document no config lints.
    let linter = match document.linted.as_ref().and_then(|l| l.linter.as_ref()) {
        Some(linter) => Arc::clone(linter),
        None => Arc::default(),
    };
    let source = &document.source;
    let offset = offset(source, at.position, encoding);
    let arena = tree::Arena::new();
    let ordered = front_end::of(source.name()).payload_is_file();
    // With what the project says of the file: an adapter's server config.
    let neighbours = document
        .linted
        .as_ref()
        .and_then(|linted| linted.neighbours.clone())
        .unwrap_or_default();
    let payloads = find_payloads(source.name(), source.text(), &arena, &neighbours);
    if let Some((value, span)) = slugs::hover(&payloads, offset, &linter) {
        return Ok(Some(markdown_hover(value, range(source, span, encoding))));
    }
    let Some((root, item)) = payloads.iter().find_map(|payload| {
        let item = item_at(&payload.root, offset, ordered)?;
        // Outside every payload the pointer is the root's: not a place to hover.
        (payload.root.span.contains(Span::new(offset, 0)) || !item.pointer.is_empty())
            .then_some((&payload.root, item))
    }) else {
        return Ok(None);
    };
    let markdown = if !item.on_key && item.pointer.ends_with("/product_id") {
        product(&linter, root, &item.pointer)
    } else {
        let name = item.pointer.rsplit('/').next().unwrap_or_default();
        docs::at_pointer(&item.pointer).map(|schema| docs::describe(name, schema))
    };
    Ok(markdown.map(|value| markdown_hover(value, range(source, item.span, encoding))))
}

fn markdown_hover(value: String, range: lsp_types::Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    }
}

/// What a hover is on: a member's key or a value, by its pointer.
struct Item {
    pointer: String,
    span: Span,
    on_key: bool,
}

/// The member whose key contains `at`, or the value containing it, with its pointer.
/// `ordered` trees (JSON) are searched by position; source payloads by their tree.
fn item_at(root: &Node<'_>, at: usize, ordered: bool) -> Option<Item> {
    let probe = Span::new(at, 0);
    let pointer = if ordered {
        pointer_of(root, probe)
    } else {
        crate::pointer::pointer_in(root, probe)
    };
    let mut node = root;
    let mut on_key = None;
    for segment in pointer.split('/').skip(1) {
        let segment = unescape_pointer_segment(segment);
        match &node.value {
            TreeValue::Object(_, _) => {
                let member = node.member(&segment)?;
                if member.key_span.start() <= at && at <= member.key_span.end() {
                    on_key = Some(member.key_span);
                }
                node = &member.value;
            }
            TreeValue::Array(items, _) => node = items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        }
    }
    Some(Item {
        span: on_key.unwrap_or(node.span),
        on_key: on_key.is_some(),
        pointer,
    })
}

/// The catalogue's product for the id at `pointer`: its name, price and kind.
fn product(linter: &Linter, root: &Node<'_>, pointer: &str) -> Option<String> {
    let id = crate::pointer::value_at(root, pointer).and_then(Node::as_str)?;
    product_markdown(linter, id)
}

/// The catalogue's product `id`: its name, price and kind.
pub(super) fn product_markdown(linter: &Linter, id: &str) -> Option<String> {
    let product = linter.config().catalogue.as_deref()?.get(id)?;
    let price = product.price.amount.map_or("unknown".into(), |amount| {
        crate::facts::currencies::format_amount(
            amount,
            product.price.currency.as_deref().unwrap_or(""),
        )
    });
    Some(format!(
        "**{}** ({})\n\nPrice: {}{}\n\n{}",
        markdown_text(product.display_name()),
        markdown_text(&product.id),
        markdown_text(&price),
        if product.price.pay_what_you_want {
            " (minimum, pay what you want)"
        } else {
            ""
        },
        match (product.archived, product.is_subscription()) {
            (true, _) => "Archived: a checkout cannot sell it",
            (false, true) => "Subscription product",
            (false, false) => "One-time product",
        }
    ))
}

/// Catalogue text as literal Markdown: every character that Markdown could read as syntax
/// (links, images, HTML, emphasis, code) is backslash-escaped, and line breaks and control
/// characters are escaped, so a product name shows as written and nothing more.
pub(super) fn markdown_text(text: &str) -> String {
    let text = crate::text::escape_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if "\\`*_{}[]<>()#+-!|~&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
