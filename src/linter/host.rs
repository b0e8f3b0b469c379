//! What differs between a file that is a payload (JSON) and a source file that holds payloads:
//! where pointers come from, how fixes are printed, and which findings a comment suppresses —
//! each asked of the file's front-end.

use std::collections::{HashMap, HashSet};

use super::Linter;
use crate::bounded::Bounded;
use crate::diagnostic::{Diagnostic, Severity};
use crate::payload::depth::TooDeep;
use crate::payload::front_end::FrontEnd;
use crate::payload::neighbours::Neighbours;
use crate::payload::print::Printer;
use crate::payload::suppress::{Suppression, suppressions};
use crate::payload::{Found, detect};
use crate::pointer;
use crate::rules::{self, invalid_suppression};
use crate::source::{InvalidUtf8, Source, TooLarge};
use crate::span::Span;
use crate::tree::{self, Node};

/// The file-level facts every payload of a file shares.
pub(crate) struct Frame<'a> {
    pub(crate) source: &'a Source,
    pub(crate) invalid_utf8: Option<InvalidUtf8>,
    pub(crate) too_large: Option<TooLarge>,
    pub(crate) too_deep: Option<TooDeep>,
    pub(crate) syntax_error: Option<&'a tree::SyntaxError>,
}

/// The diagnostics of one file as they are found: the first by position within the limit.
pub(crate) struct Collected {
    pub(crate) kept: Bounded<(usize, usize, &'static str, usize), Diagnostic>,
    pub(crate) worst_dropped: Option<Severity>,
    /// Findings counted but never collected (schema violations past the limit).
    pub(crate) dropped: usize,
    pub(crate) sequence: usize,
    /// How many payloads the file held.
    pub(crate) payloads: usize,
    /// The config overrides that match this file.
    pub(crate) matching: Vec<usize>,
    /// In a source file, what was already reported: payloads that share a value (an object
    /// sent again after one more member is set) report what is wrong in it once.
    pub(crate) reported: Option<HashSet<(&'static str, Span, String)>>,
}

impl Collected {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        if let Some(reported) = &mut self.reported
            && !reported.insert((diagnostic.rule, diagnostic.span, diagnostic.message.clone()))
        {
            return;
        }
        let key = (
            diagnostic.span.start(),
            diagnostic.span.len(),
            diagnostic.rule,
            self.sequence,
        );
        self.sequence += 1;
        if let Some(evicted) = self.kept.push(key, diagnostic) {
            self.worst_dropped = self.worst_dropped.max(Some(evicted.severity));
        }
    }
}

/// The file a payload is written in, and its front-end: where pointers come from, how fixes
/// are printed and which findings a comment suppresses.
pub(crate) struct Host<'a> {
    front_end: &'static dyn FrontEnd,
    source: &'a Source,
    suppressions: SuppressionIndex,
}

impl<'a> Host<'a> {
    fn new(front_end: &'static dyn FrontEnd, source: &'a Source, found: &Found<'_>) -> Self {
        let list = suppressions(front_end, &found.comments, source.text());
        Self {
            front_end,
            source,
            suppressions: SuppressionIndex::new(list, source),
        }
    }

    /// A file that is the payload has spans that nest (pointers by binary search); in a source
    /// file values may come from elsewhere (a member assigned below the literal), so pointers
    /// follow the tree.
    pub(crate) fn pointer(&self, root: &Node<'_>, span: Span) -> String {
        if self.front_end.payload_is_file() {
            pointer::pointer_of(root, span)
        } else {
            pointer::pointer_in(root, span)
        }
    }

    /// The printer of one payload's fixes, in the file's syntax.
    pub(crate) fn printer<'p>(&'p self, root: &Node<'_>) -> Printer<'p> {
        Printer::new(self.source.text(), root, self.front_end.syntax())
    }

    /// The payload's own span, in a file that holds payloads rather than being one.
    pub(crate) fn payload_span(&self, root: Option<&Node<'_>>) -> Option<Span> {
        if self.front_end.payload_is_file() {
            return None;
        }
        root.map(|root| root.span)
    }

    /// True when a comment silences `rule` on the line where `span` starts.
    pub(crate) fn suppressed(&self, rule: &str, span: Span) -> bool {
        if self.suppressions.list.is_empty() {
            return false;
        }
        let line = self.source.line_col(span.start()).0;
        self.suppressions.on_line(line).any(|suppression| {
            suppression.rules.is_empty() || suppression.rules.iter().any(|(name, _)| name == rule)
        })
    }
}

/// A file's suppression comments by the line each silences, so a finding looks up its own
/// line instead of every comment of the file.
pub(crate) struct SuppressionIndex {
    list: Vec<Suppression>,
    by_line: HashMap<usize, Vec<usize>>,
}

impl SuppressionIndex {
    fn new(list: Vec<Suppression>, source: &Source) -> Self {
        let mut by_line: HashMap<usize, Vec<usize>> = HashMap::new();
        for (index, suppression) in list.iter().enumerate() {
            let line = if suppression.next_line {
                source.line_col(suppression.span.end()).0 + 1
            } else {
                source.line_col(suppression.span.start()).0
            };
            by_line.entry(line).or_default().push(index);
        }
        Self { list, by_line }
    }

    fn on_line(&self, line: usize) -> impl Iterator<Item = &Suppression> {
        self.by_line
            .get(&line)
            .into_iter()
            .flatten()
            .filter_map(|&index| self.list.get(index))
    }
}

impl Linter {
    /// A file that is one payload (JSON): its tree, or why there is none. `None` when
    /// `only_payload` and the file does not look like a checkout payload.
    pub(super) fn diagnose_file(
        &self,
        front_end: &'static dyn FrontEnd,
        frame: Frame<'_>,
        only_payload: bool,
        collected: &mut Collected,
    ) -> Option<()> {
        let source = frame.source;
        let readable = frame.invalid_utf8.is_none() && frame.too_large.is_none();
        let len = if readable { source.text().len() } else { 0 };
        tree::Arena::reused(len, |arena| {
            let found = if readable {
                front_end.find(source.name(), source.text(), arena, &Neighbours::default())
            } else {
                Found::default()
            };
            let payload = found.payloads.first();
            let root = payload.map(|payload| &payload.root);
            if only_payload {
                let looks_like_payload = match (root, &found.syntax_error) {
                    (Some(root), _) => detect::is_payload_tree(root),
                    (None, Some(_)) => detect::is_payload_text(source.text()),
                    (None, None) => false,
                };
                if !looks_like_payload {
                    return None;
                }
            }
            collected.payloads = 1;
            let host = Host::new(front_end, source, &found);
            let frame = Frame {
                too_deep: found.too_deep,
                syntax_error: found.syntax_error.as_ref(),
                ..frame
            };
            self.check_payload(&frame, payload, &host, collected);
            Some(())
        })
    }

    /// Every payload of a source file, then the file's suppression comments that name rules
    /// that do not exist. A file without a payload is silent.
    pub(super) fn diagnose_host(
        &self,
        front_end: &'static dyn FrontEnd,
        source: &Source,
        neighbours: &Neighbours,
        collected: &mut Collected,
    ) {
        let arena = tree::Arena::new();
        let found = front_end.find(source.name(), source.text(), &arena, neighbours);
        // Readings of one literal (its branches, a map's entries spread into it) are one
        // payload of the file; each is linted, and a finding they share is reported once.
        collected.payloads = found
            .payloads
            .iter()
            .map(|payload| payload.root.span)
            .collect::<HashSet<_>>()
            .len();
        collected.reported = Some(HashSet::new());
        let host = Host::new(front_end, source, &found);
        let frame = Frame {
            source,
            invalid_utf8: None,
            too_large: None,
            too_deep: found.too_deep,
            syntax_error: None,
        };
        if found.too_deep.is_some() {
            // Not searched: the rules see no tree, and only file-too-deep speaks.
            self.check_payload(&frame, None, &host, collected);
        }
        for payload in &found.payloads {
            self.check_payload(&frame, Some(payload), &host, collected);
        }
        self.report_unknown_rules(&host.suppressions.list, collected);
    }

    fn report_unknown_rules(&self, suppressions: &[Suppression], collected: &mut Collected) {
        let meta = &invalid_suppression::META;
        let severity = match self.config.rules.get(meta.name) {
            Some(level) => match level.severity() {
                Some(severity) => severity,
                None => return,
            },
            None => meta.severity,
        };
        for (name, span) in suppressions.iter().flat_map(|s| &s.rules) {
            if rules::find(name).is_some() {
                continue;
            }
            let suggestion =
                crate::suggest::closest(name, rules::all().iter().map(|rule| rule.meta().name));
            collected.push(Diagnostic {
                rule: meta.name,
                severity,
                pointer: String::new(),
                message: format!("no rule is named {}", crate::text::quote(name)),
                span: *span,
                payload: None,
                call: None,
                labels: Vec::new(),
                help: Some(match suggestion {
                    Some(close) => format!("did you mean {}?", crate::text::quote(close)).into(),
                    None => "`checkout-lint rules` lists every rule".into(),
                }),
                fix: None,
            });
        }
    }
}
