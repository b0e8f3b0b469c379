//! `textDocument/didOpen`: a snapshot of the document at the client's version.

use lsp_types::DidOpenTextDocumentParams;

use crate::cli::lsp::document::Document;
use crate::cli::lsp::state::State;

pub(crate) fn did_open(state: &mut State, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let document = Document::new(item.uri.clone(), item.version, item.text);
    state.documents.insert(item.uri.clone(), document);
    state.mark_dirty(&item.uri);
}
