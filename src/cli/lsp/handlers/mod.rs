//! One handler per LSP method; [`super::dispatch`] is the one table that routes to them.
//! Requests answer with a typed result or an error; notifications change the state.

pub(super) mod code_action;
pub(super) mod code_action_resolve;
pub(super) mod completion;
pub(super) mod config_changed;
pub(super) mod did_change;
pub(super) mod did_close;
pub(super) mod did_open;
pub(super) mod hover;
pub(super) mod initialize;
pub(super) mod shutdown;
mod slugs;

use lsp_server::{ErrorCode, ResponseError};

/// What a request handler returns.
pub(super) type Outcome<T> = Result<T, ResponseError>;

pub(super) fn error(code: ErrorCode, message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}
