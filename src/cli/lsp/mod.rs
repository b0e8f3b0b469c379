//! `checkout-lint lsp`: a language server over stdio. Diagnostics on open and change, hovers from
//! the schema's descriptions (and the catalogue for product ids), completion of field names and
//! enum values, quick fixes and a "fix all" source action.
//!
//! It lints the JSON and source files that their config selects, by the command line's own
//! rules (see [`linters`]), so other JSON stays quiet and source files without a payload are
//! silent. Configs and catalogues are reloaded when their files change. Documents are synced
//! incrementally and kept as snapshots with their version; each version is linted once, and its
//! diagnostics published with that version. A failing request answers with an error, never a
//! crash; a cancelled one answers RequestCancelled.
//!
//! The parts: [`transport`] frames messages, [`server`] runs the loop, [`dispatch`] routes each
//! method to its handler in [`handlers`], which read and change the [`state`].

mod app_files;
mod context;
mod convert;
mod dispatch;
mod document;
mod handlers;
mod linters;
mod server;
mod state;
mod transport;

use lsp_server::{Connection, Message};
use lsp_types::InitializeParams;

use linters::Linters;
use state::State;

/// Runs the server until the client says `exit`: exit code 0 after a `shutdown` request, 1
/// without one (as the specification says), also when the client just goes away.
pub(super) fn run() -> Result<u8, String> {
    let (connection, io_threads) = transport::stdio();
    let code = serve(connection)?;
    if let Err(reason) = io_threads.join() {
        eprintln!("checkout-lint lsp: stopped reading: {reason}");
        return Ok(1);
    }
    Ok(code)
}

/// Feeds `input`, the bytes a client would send, to a server over an in-memory connection and
/// returns its exit code: what the `lsp` fuzz target drives. Nothing touches stdio.
#[doc(hidden)]
pub fn serve_bytes(input: &[u8]) -> Result<u8, String> {
    // Whatever the server answers is dropped as it comes.
    serve_input(input, |_| {})
}

/// [`serve_bytes`], with every message the server sent, as JSON: every message of `input` is
/// waiting before the server reads the first, so a test sees one turn of the main loop.
#[doc(hidden)]
pub fn serve_bytes_answers(input: &[u8]) -> (Result<u8, String>, Vec<serde_json::Value>) {
    let mut answers = Vec::new();
    let code = serve_input(input, |message| {
        answers.extend(serde_json::to_value(message).ok());
    });
    (code, answers)
}

fn serve_input(input: &[u8], mut on_answer: impl FnMut(Message) + Send) -> Result<u8, String> {
    let (server, client) = Connection::memory();
    let transport_answers = std::sync::Mutex::new(std::io::sink());
    let mut reader = input;
    let _ = transport::read_loop(&mut reader, &transport_answers, |message| {
        client.sender.send(message).is_ok()
    });
    drop(client.sender);
    std::thread::scope(|scope| {
        let receiver = client.receiver;
        scope.spawn(move || receiver.iter().for_each(&mut on_answer));
        serve(server)
    })
}

/// Runs the server on a connection until the client ends it.
fn serve(connection: Connection) -> Result<u8, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    // Parameters that do not fit are read as a client without capabilities: UTF-16, no
    // options, as LSP's defaults say.
    let params = serde_json::from_value::<InitializeParams>(params).unwrap_or_default();
    let (result, session) = handlers::initialize::initialize(&params);
    let result = serde_json::to_value(result).map_err(|e| format!("initialize: {e}"))?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("initialize: {e}"))?;
    let mut state = State::new(
        session.encoding,
        session.resolves_edits,
        Linters::new(session.config_override),
    );
    Ok(server::main_loop(&connection, &mut state))
}
