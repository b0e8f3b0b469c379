//! `textDocument/didChange`: incremental edits (or a whole text), applied in the negotiated
//! position encoding; the new version's diagnostics are published once the burst is read.

use lsp_types::DidChangeTextDocumentParams;

use crate::cli::lsp::state::State;

pub(crate) fn did_change(state: &mut State, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let encoding = state.encoding;
    // A change to a document never opened has no text to apply it to.
    let Some(document) = state.documents.get_mut(&uri) else {
        return;
    };
    document.change(
        params.text_document.version,
        params.content_changes,
        encoding,
    );
    state.mark_dirty(&uri);
}
