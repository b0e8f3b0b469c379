//! `textDocument/completion`: field names where a key is being written, enum values where a
//! value is, from the schema; keys and quotes written as the host language writes them.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse,
    Documentation, MarkupContent, MarkupKind,
};

use super::{Outcome, slugs};
use crate::cli::lsp::context::{self, KeyStyle, Slot};
use crate::cli::lsp::convert::offset;
use crate::cli::lsp::state::State;
use crate::payload::front_end;
use crate::schema::docs;

pub(crate) fn completion(
    state: &mut State,
    params: CompletionParams,
) -> Outcome<Option<CompletionResponse>> {
    let at = params.text_document_position;
    // Inside a better-auth slug: the server config's slugs.
    if let Some(items) = slugs::completion(state, &at.text_document.uri, at.position) {
        return Ok(Some(CompletionResponse::List(CompletionList {
            is_incomplete: false,
            items,
        })));
    }
    let Some(document) = state.documents.get(&at.text_document.uri) else {
        return Ok(None);
    };
    let source = &document.source;
    let language = front_end::of(source.name());
    let offset = offset(source, at.position, state.encoding);
    let Some((cursor, keys)) = context::cursor_at(language, source.text(), offset) else {
        return Ok(Some(CompletionResponse::Array(Vec::new())));
    };
    let mark = language.value_quote(source.text());
    let quote = |text: &str| {
        if cursor.in_string {
            text.to_string()
        } else {
            format!("{mark}{text}{mark}")
        }
    };
    let items = match &cursor.slot {
        Slot::Key { container } => docs::at_pointer(container)
            .map(docs::properties)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, schema)| CompletionItem {
                label: name.to_string(),
                kind: Some(CompletionItemKind::PROPERTY),
                insert_text: Some(match keys {
                    KeyStyle::Quoted => quote(name),
                    KeyStyle::Bare => name.to_string(),
                    KeyStyle::Keyword => format!("{name}="),
                }),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: docs::describe(name, schema),
                })),
                ..CompletionItem::default()
            })
            .collect(),
        Slot::Value { pointer } => docs::at_pointer(pointer)
            .map(docs::enum_values)
            .unwrap_or_default()
            .into_iter()
            .map(|value| CompletionItem {
                label: value.to_string(),
                kind: Some(CompletionItemKind::VALUE),
                insert_text: Some(quote(value)),
                ..CompletionItem::default()
            })
            .collect(),
    };
    Ok(Some(CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    })))
}
