//! `codeAction/resolve`: the edit of the "fix all" action, computed only now — lint and fix
//! rounds until no safe fix applies — for the document version the action was listed for.

use lsp_server::ErrorCode;
use lsp_types::{CodeAction, TextEdit, Uri, WorkspaceEdit};
use serde::{Deserialize, Serialize};

use super::code_action::changes;
use super::{Outcome, error};
use crate::Span;
use crate::cli::lsp::convert::{Encoding, range};
use crate::cli::lsp::document::Document;
use crate::cli::lsp::state::State;
use crate::fix::fix_text;

/// What a listed fix-all action carries to its resolution.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct FixAllData {
    pub uri: Uri,
    pub version: i32,
}

pub(crate) fn resolve(state: &mut State, mut action: CodeAction) -> Outcome<CodeAction> {
    let encoding = state.encoding;
    let data = action
        .data
        .clone()
        .and_then(|data| serde_json::from_value::<FixAllData>(data).ok())
        .ok_or_else(|| {
            error(
                ErrorCode::InvalidParams,
                "not a checkout-lint fix-all action",
            )
        })?;
    let Some(document) = state.linted(&data.uri) else {
        return Err(error(ErrorCode::ContentModified, "the document was closed"));
    };
    if document.version != data.version {
        return Err(error(
            ErrorCode::ContentModified,
            format!(
                "the document changed (version {} now, {} when the action was listed)",
                document.version, data.version
            ),
        ));
    }
    action.edit = Some(fix_all_edit(document, encoding).unwrap_or_default());
    Ok(action)
}

/// The whole document, fixed: `None` when no safe fix applies (or no config lints it).
pub(crate) fn fix_all_edit(document: &Document, encoding: Encoding) -> Option<WorkspaceEdit> {
    let (_, linter) = document.linted.as_ref()?.report()?;
    let fixed = fix_text(linter, document.name(), document.text(), false);
    if fixed.applied == 0 {
        return None;
    }
    let whole = Span::new(0, document.text().len());
    let edit = TextEdit {
        range: range(&document.source, whole, encoding),
        new_text: fixed.text,
    };
    Some(changes(&document.uri, vec![edit]))
}
