//! The language server's stdio transport: JSON-RPC messages framed by `Content-Length`, read
//! here instead of by `lsp-server` (still so in 0.10), whose reader ends the server on the first
//! body it cannot parse, allocates whatever a `Content-Length` asks for before a byte of the
//! body arrives (a hostile length is an out-of-memory kill, an absurd one a panic), and reads a
//! header line with no bound on its length. A client's bytes must never make the server
//! allocate without bound or hang on a line that never ends.
//!
//! - A body that is not JSON (or not UTF-8) is answered with a JSON-RPC parse error (-32700);
//!   JSON that is not a message (an array, a number) with an invalid-request error (-32600);
//!   the server goes on either way.
//! - A body over [`MAX_MESSAGE_SIZE`] is never allocated: it is read and discarded in small
//!   pieces, the client is told in a log message, and the server goes on.
//! - Framing that cannot be followed (a header line that never ends, no usable
//!   `Content-Length`, the stream ending mid-body) ends the server with the reason on stderr.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use lsp_server::{Connection, Message};
use serde_json::json;

/// The largest message body read: a document at the CLI's default `--max-file-size` (10 MiB),
/// even with every character escaped in JSON, fits.
pub(super) const MAX_MESSAGE_SIZE: u64 = 64 << 20;

/// A header line longer than this is not a header.
const MAX_HEADER_LINE: u64 = 4096;

pub(super) struct IoThreads {
    reader: JoinHandle<Result<(), String>>,
    writer: JoinHandle<()>,
}

impl IoThreads {
    /// Waits for both threads; the reader's reason when it stopped on broken framing.
    pub(super) fn join(self) -> Result<(), String> {
        let _ = self.writer.join();
        self.reader
            .join()
            .map_err(|_| "the reader thread failed".to_string())?
    }
}

/// The server's end of a connection over this process's stdin and stdout.
pub(super) fn stdio() -> (Connection, IoThreads) {
    let (server, bridge) = Connection::memory();
    let stdout = Arc::new(Mutex::new(std::io::stdout()));
    let to_client = Arc::clone(&stdout);
    let outgoing = bridge.receiver;
    let writer = std::thread::spawn(move || {
        for message in outgoing {
            if write_message(&to_client, &message).is_err() {
                return;
            }
        }
    });
    let incoming = bridge.sender;
    let reader = std::thread::spawn(move || {
        let mut stdin = BufReader::new(std::io::stdin().lock());
        read_loop(&mut stdin, &stdout, |message| {
            incoming.send(message).is_ok()
        })
    });
    (server, IoThreads { reader, writer })
}

/// Reads messages until the stream ends, `deliver` refuses one (the server is gone) or an
/// `exit` notification has been delivered. Answers what cannot be delivered on `out`.
pub(super) fn read_loop<W: Write>(
    input: &mut impl BufRead,
    out: &Mutex<W>,
    mut deliver: impl FnMut(Message) -> bool,
) -> Result<(), String> {
    loop {
        let length = match read_headers(input)? {
            Some(length) => length,
            None => return Ok(()),
        };
        if length > MAX_MESSAGE_SIZE {
            let skipped = std::io::copy(&mut input.take(length), &mut std::io::sink())
                .map_err(|err| format!("reading a message: {err}"))?;
            if skipped < length {
                return Err("the stream ended inside a message".into());
            }
            log_to_client(
                out,
                &format!(
                    "checkout-lint skipped a message of {length} bytes: the limit is \
                     {MAX_MESSAGE_SIZE} bytes"
                ),
            );
            continue;
        }
        // At most MAX_MESSAGE_SIZE, so this fits in memory and in a usize.
        let mut body = Vec::with_capacity(length as usize);
        input
            .take(length)
            .read_to_end(&mut body)
            .map_err(|err| format!("reading a message: {err}"))?;
        if (body.len() as u64) < length {
            return Err("the stream ended inside a message".into());
        }
        match parse(&body) {
            Ok(message) => {
                let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if !deliver(message) || is_exit {
                    return Ok(());
                }
            }
            Err((code, reason)) => reply_error(out, code, &reason),
        }
    }
}

/// The body's length from the headers; `None` when the stream ended before a message began.
fn read_headers(input: &mut impl BufRead) -> Result<Option<u64>, String> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let read = input
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .map_err(|err| format!("reading a message header: {err}"))?;
        if read == 0 {
            return if first {
                Ok(None)
            } else {
                Err("the stream ended inside a message header".into())
            };
        }
        first = false;
        if line.last() != Some(&b'\n') {
            return Err(format!(
                "a message header line is longer than {MAX_HEADER_LINE} bytes"
            ));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return length
                .map(Some)
                .ok_or_else(|| "a message has no Content-Length header".to_string());
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!(
                "malformed message header {}",
                crate::text::quote(line)
            ));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            length =
                Some(value.parse::<u64>().map_err(|_| {
                    format!("invalid Content-Length {}", crate::text::quote(value))
                })?);
        }
    }
}

fn parse(body: &[u8]) -> Result<Message, (i32, String)> {
    let value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|err| (-32700, format!("the message is not JSON: {err}")))?;
    serde_json::from_value(value).map_err(|err| {
        (
            -32600,
            format!("the message is not a JSON-RPC request, response or notification: {err}"),
        )
    })
}

/// A JSON-RPC error with a null id: the message it answers had no readable id.
fn reply_error<W: Write>(out: &Mutex<W>, code: i32, reason: &str) {
    let response = json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": code, "message": reason },
    });
    let _ = write_raw(out, response.to_string().as_bytes());
}

fn log_to_client<W: Write>(out: &Mutex<W>, text: &str) {
    let notification = json!({
        "jsonrpc": "2.0",
        "method": "window/logMessage",
        "params": { "type": 2, "message": text },
    });
    let _ = write_raw(out, notification.to_string().as_bytes());
}

fn write_message<W: Write>(out: &Mutex<W>, message: &Message) -> std::io::Result<()> {
    let body = serde_json::to_vec(message).map_err(std::io::Error::other)?;
    write_raw(out, &body)
}

/// One whole frame under the lock, so the reader's answers never split the writer's frames.
fn write_raw<W: Write>(out: &Mutex<W>, body: &[u8]) -> std::io::Result<()> {
    let mut out = out
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    /// Runs the loop over `input`; returns the delivered messages, what was written back, and
    /// how the loop ended.
    fn run(input: &[u8]) -> (Vec<Message>, String, Result<(), String>) {
        let out = Mutex::new(Vec::new());
        let mut delivered = Vec::new();
        let ended = read_loop(&mut &input[..], &out, |m| {
            delivered.push(m);
            true
        });
        let written = String::from_utf8(out.into_inner().unwrap()).unwrap();
        (delivered, written, ended)
    }

    const PING: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

    #[test]
    fn malformed_bodies_are_answered_and_the_server_goes_on() {
        let mut input = frame("{not json");
        input.push_str(&frame("[1, 2]"));
        input.push_str("Content-Length: 3\r\n\r\n\u{0}\u{1}\u{2}");
        input.push_str(&frame(PING));
        let mut bytes = input.into_bytes();
        // Invalid UTF-8 in a body of its own.
        bytes.extend_from_slice(b"Content-Length: 2\r\n\r\n\xff\xfe");
        bytes.extend_from_slice(frame(PING).as_bytes());
        let (delivered, written, ended) = run(&bytes);
        assert_eq!(ended, Ok(()));
        assert_eq!(delivered.len(), 2, "both pings arrive");
        assert_eq!(written.matches("\"code\":-32700").count(), 3, "{written}");
        assert_eq!(written.matches("\"code\":-32600").count(), 1, "{written}");
    }

    #[test]
    fn oversized_lengths_are_refused_before_allocating() {
        // A length the stream does not hold: refused without allocating, then the stream ends.
        let (_, _, ended) = run(b"Content-Length: 9223372036854775808\r\n\r\n{}");
        assert_eq!(ended, Err("the stream ended inside a message".into()));
        let (_, _, ended) = run(b"Content-Length: 20000000000\r\n\r\n");
        assert!(ended.is_err());
        // One that it does hold is skipped, and what follows is read.
        let big = MAX_MESSAGE_SIZE + 1;
        let mut input = format!("Content-Length: {big}\r\n\r\n").into_bytes();
        input.resize(input.len() + big as usize, b' ');
        input.extend_from_slice(frame(PING).as_bytes());
        let (delivered, written, ended) = run(&input);
        assert_eq!((delivered.len(), ended), (1, Ok(())));
        assert!(
            written.contains("skipped a message of 67108865 bytes"),
            "{written}"
        );
    }

    #[test]
    fn broken_framing_ends_with_a_reason() {
        for (input, reason) in [
            ("Content-Length: x\r\n\r\n", "invalid Content-Length \"x\""),
            (
                "Content-Type: a\r\n\r\n{}",
                "a message has no Content-Length header",
            ),
            ("garbage\r\n\r\n", "malformed message header \"garbage\""),
            (
                "Content-Length: 10\r\n\r\n{}",
                "the stream ended inside a message",
            ),
        ] {
            let (_, _, ended) = run(input.as_bytes());
            assert_eq!(ended, Err(reason.to_string()), "{input:?}");
        }
        let long = "x".repeat(5000);
        let (_, _, ended) = run(long.as_bytes());
        assert!(ended.unwrap_err().contains("longer than 4096"));
        let (delivered, _, ended) = run(b"");
        assert!(delivered.is_empty() && ended.is_ok());
    }
}
