//! `shutdown`: the client is about to send `exit`; nothing else is answered from here on.

use super::Outcome;
use crate::cli::lsp::state::State;

pub(crate) fn shutdown(state: &mut State, _: ()) -> Outcome<()> {
    state.shutdown_requested = true;
    Ok(())
}
