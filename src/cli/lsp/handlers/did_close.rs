//! `textDocument/didClose`: the document is forgotten and its diagnostics cleared.

use lsp_types::notification::PublishDiagnostics;
use lsp_types::{DidCloseTextDocumentParams, PublishDiagnosticsParams};

use crate::cli::lsp::state::State;

pub(crate) fn did_close(state: &mut State, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    state.closed(&uri);
    state
        .outbox
        .notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics: Vec::new(),
            version: None,
        });
}
