//! `checkout-lint lsp`: a language server over stdio. Diagnostics on open and change, hovers from
//! the schema's descriptions (and the catalogue for product ids), completion of field names and
//! enum values, quick fixes and a "fix all" source action.
//!
//! It lints only JSON and JavaScript/TypeScript files that the nearest `checkout-lint.toml`
//! includes (its `include` / `exclude` globs; every such file below it by default), so other
//! JSON stays quiet and source files without a payload are silent. Configs and
//! catalogues are reloaded when their files change. Linting a payload takes microseconds, so
//! diagnostics are computed once a burst of changes has been read (for the latest text); a failing request answers with an error, never a crash.

mod context;
mod convert;
mod features;
mod transport;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use serde_json::{Value, json};

use crate::config::CONFIG_FILE_NAME;
use crate::{Config, Linter, Source};

use convert::{Encoding, diagnostic, uri_to_path};

/// A loaded config with the modification times it was read at.
struct Loaded {
    linter: Arc<Linter>,
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
}

struct Server {
    connection: Connection,
    encoding: Encoding,
    documents: HashMap<String, String>,
    configs: HashMap<PathBuf, Loaded>,
    /// Documents changed since their diagnostics were last published.
    dirty: Vec<String>,
    /// The last error shown for each broken config, so it is shown once, not on every change.
    config_errors: HashMap<PathBuf, String>,
    /// The config the client named (`initializationOptions.configPath`), used for every
    /// document instead of the nearest one.
    config_override: Option<PathBuf>,
    /// For source files no config claims.
    default_linter: Option<Arc<Linter>>,
}

/// Runs the server until the client says `exit`: exit code 0 after a `shutdown` request, 1
/// without one (as the specification says), also when the client just goes away.
pub fn run() -> Result<u8, String> {
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
    let (server, client) = Connection::memory();
    let answers = std::sync::Mutex::new(std::io::sink());
    let mut reader = input;
    let _ = transport::read_loop(&mut reader, &answers, |message| {
        client.sender.send(message).is_ok()
    });
    drop(client.sender);
    // Whatever the server answers is dropped as it comes.
    let drain = std::thread::spawn(move || for _ in client.receiver {});
    let code = serve(server);
    let _ = drain.join();
    code
}

/// Runs the server on a connection until the client ends it.
fn serve(connection: Connection) -> Result<u8, String> {
    let (id, params) = connection
        .initialize_start()
        .map_err(|e| format!("initialize: {e}"))?;
    let offered = &params["capabilities"]["general"]["positionEncodings"];
    let encoding = if offered
        .as_array()
        .is_some_and(|list| list.iter().any(|e| e == "utf-8"))
    {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let capabilities = json!({
        "positionEncoding": encoding.name(),
        "textDocumentSync": 1,
        "hoverProvider": true,
        "completionProvider": { "triggerCharacters": ["\"", ":", " "] },
        "codeActionProvider": { "codeActionKinds": ["quickfix", "source.fixAll.checkout-lint"] },
    });
    connection
        .initialize_finish(
            id,
            json!({
                "capabilities": capabilities,
                "serverInfo": { "name": "checkout-lint", "version": env!("CARGO_PKG_VERSION") },
            }),
        )
        .map_err(|e| format!("initialize: {e}"))?;
    let config_override = params["initializationOptions"]["configPath"]
        .as_str()
        .filter(|path| !path.is_empty())
        .map(PathBuf::from);
    let mut server = Server {
        connection,
        encoding,
        documents: HashMap::new(),
        configs: HashMap::new(),
        dirty: Vec::new(),
        config_errors: HashMap::new(),
        config_override,
        default_linter: None,
    };
    server.main_loop()
}

impl Server {
    /// The exit code: 0 after `shutdown` then `exit`, 1 when the client ends otherwise.
    fn main_loop(&mut self) -> Result<u8, String> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(0);
                    }
                    let response = self.request(&request);
                    self.send(Message::Response(response));
                }
                Message::Notification(notification) if notification.method == "exit" => {
                    return Ok(1);
                }
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
            // Debounce: while more messages wait (a burst of keystrokes), only the text is kept;
            // diagnostics are computed once the queue is empty, for the latest text.
            if self.connection.receiver.is_empty() {
                for uri in std::mem::take(&mut self.dirty) {
                    self.publish(&uri);
                }
            }
        }
        Ok(1)
    }

    fn send(&self, message: Message) {
        // The client going away ends the loop through the closed receiver.
        let _ = self.connection.sender.send(message);
    }

    fn request(&mut self, request: &Request) -> Response {
        let params = &request.params;
        let uri = params["textDocument"]["uri"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let result = match request.method.as_str() {
            "textDocument/hover" | "textDocument/completion" | "textDocument/codeAction" => {
                match (self.documents.get(&uri).cloned(), self.linter_for(&uri)) {
                    (Some(text), linter) => {
                        let linter = linter.unwrap_or_default();
                        let source = Source::new(uri.as_str(), text);
                        match request.method.as_str() {
                            "textDocument/hover" => features::hover(
                                &linter,
                                &source,
                                &params["position"],
                                self.encoding,
                            ),
                            "textDocument/completion" => {
                                features::completion(&source, &params["position"], self.encoding)
                            }
                            _ => features::code_actions(
                                &linter,
                                &uri,
                                &source,
                                params,
                                self.encoding,
                            ),
                        }
                    }
                    (None, _) => Value::Null,
                }
            }
            _ => {
                return Response::new_err(
                    request.id.clone(),
                    ErrorCode::MethodNotFound as i32,
                    format!("checkout-lint does not handle {}", request.method),
                );
            }
        };
        Response::new_ok(request.id.clone(), result)
    }

    fn notification(&mut self, notification: Notification) {
        let params = &notification.params;
        let uri = params["textDocument"]["uri"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        match notification.method.as_str() {
            "textDocument/didOpen" => {
                let text = params["textDocument"]["text"].as_str().unwrap_or_default();
                self.documents.insert(uri.clone(), text.to_string());
                self.mark_dirty(uri);
            }
            "textDocument/didChange" => {
                // Full sync: the last change holds the whole text.
                if let Some(text) = params["contentChanges"]
                    .as_array()
                    .and_then(|changes| changes.last())
                    .and_then(|change| change["text"].as_str())
                {
                    self.documents.insert(uri.clone(), text.to_string());
                    self.mark_dirty(uri);
                }
            }
            "textDocument/didClose" => {
                self.documents.remove(&uri);
                self.dirty.retain(|d| *d != uri);
                self.send_diagnostics(&uri, Vec::new());
            }
            "workspace/didChangeWatchedFiles" | "workspace/didChangeConfiguration" => {
                self.configs.clear();
                let open: Vec<String> = self.documents.keys().cloned().collect();
                for uri in open {
                    self.mark_dirty(uri);
                }
            }
            _ => {}
        }
    }

    fn mark_dirty(&mut self, uri: String) {
        if !self.dirty.contains(&uri) {
            self.dirty.push(uri);
        }
    }

    fn publish(&mut self, uri: &str) {
        let Some(text) = self.documents.get(uri).cloned() else {
            return;
        };
        let diagnostics = match self.linter_for(uri) {
            Some(linter) => {
                let report = linter.lint_str(uri, &text);
                report
                    .diagnostics()
                    .iter()
                    .map(|d| diagnostic(uri, &report, d, self.encoding))
                    .collect()
            }
            None => Vec::new(),
        };
        self.send_diagnostics(uri, diagnostics);
    }

    fn send_diagnostics(&self, uri: &str, diagnostics: Vec<Value>) {
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            json!({ "uri": uri, "diagnostics": diagnostics }),
        )));
    }

    fn report_config_error(&mut self, config: &Path, message: String) {
        if self.config_errors.get(config) == Some(&message) {
            return;
        }
        self.send(Message::Notification(Notification::new(
            "window/showMessage".into(),
            json!({ "type": 1, "message": format!("checkout-lint: {message}") }),
        )));
        self.config_errors.insert(config.to_path_buf(), message);
    }

    /// The linter of the client's config, else of the nearest config, that includes this
    /// document, reloaded when the config or its catalogue changed on disk. A source file no
    /// config claims gets the defaults (its payloads are Dodo calls, found by what the file says
    /// of itself); a JSON file no config claims may be anything, and gets `None`.
    fn linter_for(&mut self, uri: &str) -> Option<Arc<Linter>> {
        let path = PathBuf::from(uri_to_path(uri)?);
        // JSON, and source files a front-end reads (a source file without a payload is
        // silent).
        let language = crate::payload::front_end::by_extension(&path.to_string_lossy())?;
        let nearest = || {
            path.parent()?
                .ancestors()
                .map(|dir| dir.join(CONFIG_FILE_NAME))
                .find(|candidate| candidate.is_file())
        };
        let Some(config_path) = self.config_override.clone().or_else(nearest) else {
            if language.payload_is_file() {
                return None;
            }
            let default = self.default_linter.get_or_insert_with(Arc::default);
            return Some(Arc::clone(default));
        };
        let fresh = self
            .configs
            .get(&config_path)
            .is_some_and(|loaded| loaded.stamps.iter().all(|(p, t)| modified(p) == *t));
        if !fresh {
            // A broken config lints nothing rather than lint with the wrong settings; the user
            // is told once what is wrong with it.
            let config = match Config::load(&config_path) {
                Ok(config) => config,
                Err(err) => {
                    self.report_config_error(&config_path, err.to_string());
                    return None;
                }
            };
            self.config_errors.remove(&config_path);
            let mut stamps = vec![(config_path.clone(), modified(&config_path))];
            if let Some(catalogue) = &config.catalogue_path {
                stamps.push((catalogue.clone(), modified(catalogue)));
            }
            let linter = Arc::new(Linter::new(config));
            self.configs
                .insert(config_path.clone(), Loaded { linter, stamps });
        }
        let linter = Arc::clone(&self.configs.get(&config_path)?.linter);
        linter
            .config()
            .includes(&path.to_string_lossy())
            .then_some(linter)
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
