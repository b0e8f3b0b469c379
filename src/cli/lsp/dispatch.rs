//! The one table from LSP methods to their handlers. Parameters are read into the method's
//! typed params (a request whose params do not fit is answered with InvalidParams) and results
//! written from its typed result. `initialize` is answered during the handshake, `exit` and
//! `$/cancelRequest` by the main loop.

use lsp_server::{ErrorCode, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, CodeActionResolveRequest, Completion, HoverRequest, Request as _, Shutdown,
};

use super::handlers::{self, Outcome};
use super::state::State;

pub(super) fn request(state: &mut State, request: Request) -> Response {
    match request.method.as_str() {
        HoverRequest::METHOD => answer::<HoverRequest>(state, request, handlers::hover::hover),
        Completion::METHOD => {
            answer::<Completion>(state, request, handlers::completion::completion)
        }
        CodeActionRequest::METHOD => {
            answer::<CodeActionRequest>(state, request, handlers::code_action::code_action)
        }
        CodeActionResolveRequest::METHOD => answer::<CodeActionResolveRequest>(
            state,
            request,
            handlers::code_action_resolve::resolve,
        ),
        Shutdown::METHOD => answer::<Shutdown>(state, request, handlers::shutdown::shutdown),
        method => Response::new_err(
            request.id,
            ErrorCode::MethodNotFound as i32,
            format!("checkout-lint does not handle {method}"),
        ),
    }
}

pub(super) fn notification(state: &mut State, notification: Notification) {
    match notification.method.as_str() {
        DidOpenTextDocument::METHOD => {
            deliver::<DidOpenTextDocument>(state, notification, handlers::did_open::did_open)
        }
        DidChangeTextDocument::METHOD => {
            deliver::<DidChangeTextDocument>(state, notification, handlers::did_change::did_change)
        }
        DidCloseTextDocument::METHOD => {
            deliver::<DidCloseTextDocument>(state, notification, handlers::did_close::did_close)
        }
        // What changed is not read: every config is read again.
        DidChangeWatchedFiles::METHOD | DidChangeConfiguration::METHOD => {
            handlers::config_changed::config_changed(state);
        }
        // `initialized`, `$/setTrace` and the rest: nothing to do.
        _ => {}
    }
}

type RequestHandler<R> = fn(
    &mut State,
    <R as lsp_types::request::Request>::Params,
) -> Outcome<<R as lsp_types::request::Request>::Result>;

fn answer<R: lsp_types::request::Request>(
    state: &mut State,
    request: Request,
    handler: RequestHandler<R>,
) -> Response {
    let params = match serde_json::from_value::<R::Params>(request.params) {
        Ok(params) => params,
        Err(err) => {
            return Response::new_err(
                request.id,
                ErrorCode::InvalidParams as i32,
                format!("invalid params for {}: {err}", R::METHOD),
            );
        }
    };
    let result = handler(state, params).and_then(|result| {
        serde_json::to_value(result)
            .map_err(|err| handlers::error(ErrorCode::InternalError, err.to_string()))
    });
    Response {
        id: request.id,
        response_result: result,
    }
}

/// Runs a notification's handler; one whose params do not fit is dropped (a notification has
/// no answer to carry an error).
fn deliver<N: lsp_types::notification::Notification>(
    state: &mut State,
    notification: Notification,
    handler: fn(&mut State, N::Params),
) {
    if let Ok(params) = serde_json::from_value::<N::Params>(notification.params) {
        handler(state, params);
    }
}
