//! `workspace/didChangeWatchedFiles` and `workspace/didChangeConfiguration`: a config or a
//! catalogue may have changed, so every config is read again and every open document re-linted.
//! What changed is not read: configs are few, and reading them again costs little.

use crate::cli::lsp::state::State;

pub(crate) fn config_changed(state: &mut State) {
    state.linters.forget();
    let open: Vec<_> = state.documents.keys().cloned().collect();
    for uri in &open {
        if let Some(document) = state.documents.get_mut(uri) {
            document.linted = None;
        }
        state.mark_dirty(uri);
    }
}
