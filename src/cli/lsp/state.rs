//! What the server knows between messages: the connection's settings, the open documents and
//! their lints, the loaded configs, and the notifications waiting to be sent.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use lsp_server::Message;
use lsp_types::notification::{Notification, PublishDiagnostics};
use lsp_types::{PublishDiagnosticsParams, Uri};

use super::convert::{self, Encoding};
use super::document::{Document, Linted};
use super::linters::{Linters, Selection};
use crate::Linter;
use crate::payload::front_end;
use crate::payload::neighbours::Neighbours;
use crate::project::Project;

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
    /// The project of the open source documents and the modules they import (from disk).
    project: Project,
    /// Set when an open source document changed, opened or closed: the project is read again
    /// before the next lint.
    project_stale: bool,
    /// The workspace root last looked at, and its modules that tell the whole app something
    /// (read into the project beside the open documents).
    app_files: Option<(PathBuf, Vec<PathBuf>)>,
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
            project: Project::default(),
            project_stale: false,
            app_files: None,
        }
    }

    pub(super) fn mark_dirty(&mut self, uri: &Uri) {
        if !self.dirty.contains(uri) {
            self.dirty.push(uri.clone());
        }
        if self.documents.get(uri).is_some_and(links_modules) {
            self.project_stale = true;
        }
    }

    /// A document was closed: what the others learn from it goes with it.
    pub(super) fn closed(&mut self, uri: &Uri) {
        if let Some(document) = self.documents.remove(uri)
            && links_modules(&document)
        {
            self.project_stale = true;
        }
        self.dirty.retain(|dirty| dirty != uri);
    }

    /// Reads the project again when an open source document changed, and marks the documents
    /// whose neighbours changed (a helper another open file stopped sending) to be linted
    /// and published again.
    pub(super) fn refresh_project(&mut self) {
        if !std::mem::take(&mut self.project_stale) {
            return;
        }
        let open: Vec<(PathBuf, String)> = self
            .documents
            .values()
            .filter(|document| links_modules(document))
            .filter_map(|document| {
                let path = std::fs::canonicalize(document.path.as_ref()?).ok()?;
                Some((path, document.text().to_string()))
            })
            .collect();
        let Some((first, _)) = open.first() else {
            self.project = Project::default();
            return;
        };
        let root = project_root(first);
        let mut files: Vec<PathBuf> = open.iter().map(|(path, _)| path.clone()).collect();
        // The app's server config and routes, wherever they are in the workspace.
        if self
            .app_files
            .as_ref()
            .is_none_or(|(walked, _)| *walked != root)
        {
            self.app_files = Some((root.clone(), super::app_files::app_files(&root)));
        }
        if let Some((_, app)) = &self.app_files {
            let app: Vec<PathBuf> = app
                .iter()
                .filter(|path| !files.contains(path))
                .cloned()
                .collect();
            files.extend(app);
        }
        let texts: rustc_hash::FxHashMap<PathBuf, String> = open.into_iter().collect();
        self.project = Project::build_with(&root, &files, MAX_DOCUMENT_SIZE, &texts);
        for (uri, document) in &mut self.documents {
            let now = document
                .path
                .as_ref()
                .and_then(|path| self.project.neighbours(path))
                .cloned();
            let before = document.linted.as_ref().map(|l| l.neighbours.clone());
            if before.is_some_and(|before| before != now) {
                document.linted = None;
                if !self.dirty.contains(uri) {
                    self.dirty.push(uri.clone());
                }
            }
        }
    }

    /// The open document at `uri`, linted at its current version: once per version, and
    /// again when its config changed on disk since (then its diagnostics are published again).
    pub(super) fn linted(&mut self, uri: &Uri) -> Option<&Document> {
        self.refresh_project();
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
            let neighbours = document
                .path
                .as_ref()
                .and_then(|path| self.project.neighbours(path))
                .cloned();
            document.linted = Some(lint(selection, document, neighbours));
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

/// Lints a document's text as its config's selection says, with what the project says of it.
fn lint(selection: Selection, document: &Document, neighbours: Option<Neighbours>) -> Linted {
    let (linter, report) = match selection {
        Selection::Quiet => (None, None),
        Selection::Lint(linter) => {
            let report = match &neighbours {
                Some(neighbours) => linter.lint_in_project(
                    document.name(),
                    document.text().as_bytes().to_vec(),
                    neighbours,
                ),
                None => linter.lint_str(document.name(), document.text()),
            };
            (Some(linter), Some(report))
        }
        Selection::IfPayload(linter) => {
            let bytes = document.text().as_bytes().to_vec();
            let report = linter.lint_walked_json(document.name(), bytes);
            (Some(linter), report)
        }
    };
    Linted {
        linter,
        report,
        neighbours,
    }
}

/// True for a document whose language imports modules (JS/TS): the project links it.
fn links_modules(document: &Document) -> bool {
    front_end::by_extension(document.name()).is_some_and(|front_end| front_end.resolves_imports())
}

/// The repository around a file, else its folder: the tree its imports are read from.
fn project_root(file: &std::path::Path) -> PathBuf {
    let folder = file.parent().unwrap_or(file);
    crate::cli::repository::top(folder)
        .unwrap_or(folder)
        .to_path_buf()
}

/// The largest module read from disk for the project (the command line's default limit).
const MAX_DOCUMENT_SIZE: u64 = 10 << 20;
