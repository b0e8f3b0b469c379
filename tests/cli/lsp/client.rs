//! A language client for the tests: `checkout-lint lsp` over stdio, as an editor drives it.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

pub struct Client {
    pub child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Client {
    pub fn start(utf8: bool) -> (Client, Value) {
        Self::start_with(utf8, Value::Null)
    }

    /// Starts the server with these `initializationOptions`.
    pub fn start_with(utf8: bool, options: Value) -> (Client, Value) {
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let capabilities = json!({ "general": { "positionEncodings": encodings } });
        Self::start_with_capabilities(capabilities, options)
    }

    /// Starts the server for a client with these capabilities and `initializationOptions`.
    pub fn start_with_capabilities(capabilities: Value, options: Value) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_checkout-lint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if sender.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
        };
        let init = client.request(
            "initialize",
            json!({
                "processId": null, "rootUri": null,
                "capabilities": capabilities,
                "initializationOptions": options
            }),
        );
        client.notify("initialized", json!({}));
        (client, init)
    }

    pub fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Closes the server's input and returns its exit code.
    pub fn hang_up(self) -> Option<i32> {
        let Client {
            mut child, stdin, ..
        } = self;
        drop(stdin);
        child.wait().unwrap().code()
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == id)
    }

    pub fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(10))
                .expect("the server answers");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The next `publishDiagnostics` of `uri`, whole.
    pub fn published(&mut self, uri: &str) -> Value {
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    pub fn stop(mut self) {
        let shutdown = self.request("shutdown", Value::Null);
        assert!(shutdown["error"].is_null());
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success());
    }
}

pub struct Workspace {
    pub _dir: tempfile::TempDir,
    pub uri: String,
}

pub fn workspace() -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("checkout-lint.toml"),
        "include = [\"payloads/*.json\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("payloads")).unwrap();
    let uri = format!("file://{}/payloads/body.json", dir.path().display());
    Workspace { _dir: dir, uri }
}

/// Frames `messages` as a client sends them.
pub fn frames(messages: &[Value]) -> Vec<u8> {
    let mut input = Vec::new();
    for message in messages {
        let body = message.to_string();
        input.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        input.extend_from_slice(body.as_bytes());
    }
    input
}

/// Serves `messages` in process, every one of them waiting before the server reads the first
/// (so they make one turn of its loop): its exit code and everything it sent.
pub fn transcript(messages: &[Value]) -> (u8, Vec<Value>) {
    let (code, answers) = checkout_lint::cli::lsp_serve_bytes_answers(&frames(messages));
    (code.expect("the server runs"), answers)
}

/// `initialize` (id 0) for a client with these capabilities, and `initialized`.
pub fn handshake(capabilities: Value) -> Vec<Value> {
    vec![
        json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize", "params": { "capabilities": capabilities } }),
        json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    ]
}

pub fn notification(method: &str, params: Value) -> Value {
    json!({ "jsonrpc": "2.0", "method": method, "params": params })
}

pub fn request(id: Value, method: &str, params: Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })
}

pub fn did_open(uri: &str, language: &str, text: &str) -> Value {
    notification(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
    )
}

/// A `didChange` to `version` with these content changes.
pub fn did_change(uri: &str, version: i32, changes: Value) -> Value {
    notification(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
    )
}

/// A content change replacing the range from (line, character) to (line, character).
pub fn edit(start: (usize, usize), end: (usize, usize), text: &str) -> Value {
    json!({
        "range": {
            "start": { "line": start.0, "character": start.1 },
            "end": { "line": end.0, "character": end.1 },
        },
        "text": text,
    })
}

/// The `publishDiagnostics` params the server sent, in order.
pub fn published(answers: &[Value]) -> Vec<&Value> {
    answers
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| &m["params"])
        .collect()
}

/// The answer to the request `id`.
pub fn answer<'a>(answers: &'a [Value], id: &Value) -> &'a Value {
    answers
        .iter()
        .find(|m| m["id"] == *id && m.get("method").is_none())
        .unwrap_or_else(|| panic!("no answer to {id}: {answers:#?}"))
}
