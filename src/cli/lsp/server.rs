//! The main loop: one thread, messages in the order they came. Each turn takes every message
//! that has arrived: a request that a `$/cancelRequest` among them names is answered with
//! RequestCancelled instead of being run, and diagnostics are published once the turn is done,
//! for the latest text of each document that changed (a burst of keystrokes is linted once).

use std::collections::HashSet;

use lsp_server::{Connection, ErrorCode, Message, Request, RequestId, Response};
use lsp_types::notification::{Cancel, Exit, Notification as _};
use lsp_types::{CancelParams, NumberOrString};

use super::dispatch;
use super::state::State;

/// Serves until the client says `exit` or goes away: 0 after a `shutdown` request then `exit`,
/// 1 otherwise (as the specification says).
pub(super) fn main_loop(connection: &Connection, state: &mut State) -> u8 {
    while let Ok(first) = connection.receiver.recv() {
        let mut turn = vec![first];
        turn.extend(connection.receiver.try_iter());
        let cancelled = cancelled_in(&turn);
        for message in turn {
            match message {
                Message::Request(request) => {
                    let response = answer(state, request, &cancelled);
                    send(connection, Message::Response(response));
                }
                Message::Notification(notification) if notification.method == Exit::METHOD => {
                    flush(connection, state);
                    return if state.shutdown_requested { 0 } else { 1 };
                }
                Message::Notification(notification) if notification.method == Cancel::METHOD => {}
                Message::Notification(notification) => {
                    dispatch::notification(state, notification);
                }
                Message::Response(_) => {}
            }
            flush(connection, state);
        }
        state.refresh_project();
        for uri in std::mem::take(&mut state.dirty) {
            state.publish(&uri);
        }
        flush(connection, state);
    }
    1
}

fn answer(state: &mut State, request: Request, cancelled: &HashSet<RequestId>) -> Response {
    if cancelled.contains(&request.id) {
        return Response::new_err(
            request.id,
            ErrorCode::RequestCanceled as i32,
            "cancelled by the client".to_string(),
        );
    }
    if state.shutdown_requested {
        return Response::new_err(
            request.id,
            ErrorCode::InvalidRequest as i32,
            "the server is shutting down".to_string(),
        );
    }
    dispatch::request(state, request)
}

/// The ids of the requests that `$/cancelRequest` notifications in `turn` cancel.
fn cancelled_in(turn: &[Message]) -> HashSet<RequestId> {
    turn.iter()
        .filter_map(|message| match message {
            Message::Notification(n) if n.method == Cancel::METHOD => {
                serde_json::from_value::<CancelParams>(n.params.clone()).ok()
            }
            _ => None,
        })
        .map(|params| match params.id {
            NumberOrString::Number(number) => RequestId::from(number),
            NumberOrString::String(text) => RequestId::from(text),
        })
        .collect()
}

fn flush(connection: &Connection, state: &mut State) {
    for message in state.outbox.take() {
        send(connection, message);
    }
}

fn send(connection: &Connection, message: Message) {
    // The client going away ends the loop through the closed receiver.
    let _ = connection.sender.send(message);
}
