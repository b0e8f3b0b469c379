//! `initialize`: the capabilities, and what the client's parameters settle for the session.

use std::path::PathBuf;

use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind,
};

use crate::cli::lsp::convert::Encoding;

/// The kind of the "fix all" source action.
pub(crate) const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.checkout-lint");

/// What the client's `initialize` settles for the whole session.
pub(crate) struct Session {
    pub encoding: Encoding,
    /// The client resolves a code action's edit lazily (`codeAction/resolve`).
    pub resolves_edits: bool,
    /// `initializationOptions.configPath`: the config for every document.
    pub config_override: Option<PathBuf>,
}

pub(crate) fn initialize(params: &InitializeParams) -> (InitializeResult, Session) {
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref()),
    );
    let resolves_edits = params
        .capabilities
        .text_document
        .as_ref()
        .and_then(|text| text.code_action.as_ref())
        .and_then(|actions| actions.resolve_support.as_ref())
        .is_some_and(|support| support.properties.iter().any(|p| p == "edit"));
    let config_override = params
        .initialization_options
        .as_ref()
        .and_then(|options| options.get("configPath")?.as_str())
        .filter(|path| !path.is_empty())
        .map(PathBuf::from);
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "checkout-lint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    let session = Session {
        encoding,
        resolves_edits,
        config_override,
    };
    (result, session)
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["\"", ":", " "].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, FIX_ALL]),
            resolve_provider: Some(true),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
