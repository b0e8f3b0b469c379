//! `textDocument/codeAction`: a quick fix for each diagnostic under the range that carries one,
//! from the cached lint of the document's version, and a "fix all" source action. The fix-all
//! is listed without running the fixes (its `data` names the document and version); they run
//! when the client resolves it, or at once for a client that cannot resolve an edit.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, Uri, WorkspaceEdit,
};

use super::Outcome;
use super::code_action_resolve::{FixAllData, fix_all_edit};
use super::initialize::FIX_ALL;
use crate::cli::lsp::convert::{self, Encoding, range};
use crate::cli::lsp::document::Document;
use crate::cli::lsp::state::State;
use crate::{Applicability, Report, Span};

pub(crate) fn code_action(
    state: &mut State,
    params: CodeActionParams,
) -> Outcome<Option<CodeActionResponse>> {
    let encoding = state.encoding;
    let resolves_edits = state.resolves_edits;
    let Some(document) = state.linted(&params.text_document.uri) else {
        return Ok(None);
    };
    let Some((report, _)) = document.linted.as_ref().and_then(|l| l.report()) else {
        return Ok(Some(Vec::new()));
    };
    let wanted = convert::span(report.source(), params.range, encoding);
    let mut actions = quick_fixes(&document.uri, report, wanted, encoding);
    let safe_fixes = report
        .diagnostics()
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .any(|fix| fix.applicability == Applicability::Safe);
    if safe_fixes {
        actions.extend(
            fix_all(document, resolves_edits, encoding).map(CodeActionOrCommand::CodeAction),
        );
    }
    Ok(Some(actions))
}

fn quick_fixes(
    uri: &Uri,
    report: &Report,
    wanted: Span,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let source = report.source();
    let overlaps = |span: Span| span.start() <= wanted.end() && wanted.start() <= span.end();
    report
        .diagnostics()
        .iter()
        .filter(|d| overlaps(d.span))
        .filter_map(|d| {
            let fix = d.fix.as_ref()?;
            let edits = fix
                .edits
                .iter()
                .map(|edit| TextEdit {
                    range: range(source, edit.span, encoding),
                    new_text: edit.replacement.clone(),
                })
                .collect();
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("{} ({})", fix.message, d.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                diagnostics: Some(vec![convert::diagnostic(uri, source, d, encoding)]),
                edit: Some(changes(uri, edits)),
                ..CodeAction::default()
            }))
        })
        .collect()
}

/// The fix-all action: its edit left for `codeAction/resolve` when the client resolves edits,
/// else computed now (and left out when no fix applies).
fn fix_all(document: &Document, resolves_edits: bool, encoding: Encoding) -> Option<CodeAction> {
    let data = FixAllData {
        uri: document.uri.clone(),
        version: document.version,
    };
    let edit = if resolves_edits {
        None
    } else {
        Some(fix_all_edit(document, encoding)?)
    };
    Some(CodeAction {
        title: "Fix all safe checkout-lint problems".to_string(),
        kind: Some(FIX_ALL),
        edit,
        data: serde_json::to_value(data).ok(),
        ..CodeAction::default()
    })
}

/// A workspace edit of one document.
pub(crate) fn changes(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}
