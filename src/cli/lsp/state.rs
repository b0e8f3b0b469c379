//! What the server knows between messages: the connection's settings, the open documents and
//! their lints, the loaded configs, and the notifications waiting to be sent.

use std::collections::HashMap;
use std::sync::Arc;

use lsp_server::Message;
use lsp_types::notification::{Notification, PublishDiagnostics};
use lsp_types::{PublishDiagnosticsParams, Uri};

use super::convert::{self, Encoding};
use super::document::{Document, Linted};
use super::linters::{Linters, Selection};
use crate::Linter;

/// Notifications a handler has for the client; the main loop sends them after it.
#[derive(Default)]
pub(super) struct Outbox(Vec<Message>);

impl Outbox {
    pub(super) fn notify<N: Notification>(&mut self, params: N::Params) {
        let notification = lsp_server::Notification::new(N::METHOD.to_string(), params);
        self.0.push(Message::Notification(notification));
    }

    pub(super) fn take(&mut self) -> Vec<Message> {
        std::mem::take(&mut self.0)
    }
}

pub(super) struct State {
    pub encoding: Encoding,
    /// The client asks for a code action's edit when it applies it (`codeAction/resolve`),
    /// so "fix all" is listed without running the fixes.
    pub resolves_edits: bool,
    pub documents: HashMap<Uri, Document>,
    pub linters: Linters,
    pub outbox: Outbox,
    /// Documents changed since their diagnostics were last published, in order.
    pub dirty: Vec<Uri>,
    /// Set by `shutdown`: then only `exit` is expected.
    pub shutdown_requested: bool,
}

impl State {
    pub(super) fn new(encoding: Encoding, resolves_edits: bool, linters: Linters) -> Self {
        Self {
            encoding,
            resolves_edits,
            documents: HashMap::new(),
            linters,
            outbox: Outbox::default(),
            dirty: Vec::new(),
            shutdown_requested: false,
        }
    }

    pub(super) fn mark_dirty(&mut self, uri: &Uri) {
        if !self.dirty.contains(uri) {
            self.dirty.push(uri.clone());
        }
    }

    /// The open document at `uri`, linted at its current version: once per version, and
    /// again when its config changed on disk since (then its diagnostics are published again).
    pub(super) fn linted(&mut self, uri: &Uri) -> Option<&Document> {
        let document = self.documents.get_mut(uri)?;
        let selection = match &document.path {
            Some(path) => self.linters.select(path, &mut self.outbox),
            None => Selection::Quiet,
        };
        let current = document
            .linted
            .as_ref()
            .is_some_and(|linted| same_linter(linted.linter.as_ref(), selection.linter()));
        if !current {
            if document.linted.is_some() && !self.dirty.contains(uri) {
                self.dirty.push(uri.clone());
            }
            document.linted = Some(lint(selection, document));
        }
        Some(document)
    }

    /// Publishes the diagnostics of a document's current version, with that version.
    pub(super) fn publish(&mut self, uri: &Uri) {
        let encoding = self.encoding;
        let Some(document) = self.linted(uri) else {
            return;
        };
        let version = Some(document.version);
        let diagnostics = match document.linted.as_ref().and_then(|l| l.report.as_ref()) {
            Some(report) => report
                .diagnostics()
                .iter()
                .map(|d| convert::diagnostic(uri, report.source(), d, encoding))
                .collect(),
            None => Vec::new(),
        };
        self.outbox
            .notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            });
    }
}

fn same_linter(a: Option<&Arc<Linter>>, b: Option<&Arc<Linter>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// Lints a document's text as its config's selection says.
fn lint(selection: Selection, document: &Document) -> Linted {
    let (linter, report) = match selection {
        Selection::Quiet => (None, None),
        Selection::Lint(linter) => {
            let report = linter.lint_str(document.name(), document.text());
            (Some(linter), Some(report))
        }
        Selection::IfPayload(linter) => {
            let bytes = document.text().as_bytes().to_vec();
            let report = linter.lint_walked_json(document.name(), bytes);
            (Some(linter), report)
        }
    };
    Linted { linter, report }
}
