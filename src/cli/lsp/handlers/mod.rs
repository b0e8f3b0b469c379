//! One handler per LSP method; [`super::dispatch`] is the one table that routes to them.
//! Requests answer with a typed result or an error; notifications change the state.

pub mod code_action;
pub mod code_action_resolve;
pub mod completion;
pub mod config_changed;
pub mod did_change;
pub mod did_close;
pub mod did_open;
pub mod hover;
pub mod initialize;
pub mod shutdown;

use lsp_server::{ErrorCode, ResponseError};

/// What a request handler returns.
pub type Outcome<T> = Result<T, ResponseError>;

pub fn error(code: ErrorCode, message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}
