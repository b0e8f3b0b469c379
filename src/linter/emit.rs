//! One rule's findings made diagnostics: suppression comments, pointers, the config's override
//! levels, and fixes printed in the file's syntax.

use std::cell::OnceCell;

use super::Linter;
use super::host::{Collected, Host};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::payload::Payload;
use crate::payload::print::Printer;
use crate::rules::{Finding, Rule};
use crate::span::Span;
use crate::tree::Node;

/// Emits the findings of one payload.
pub(super) struct Emitter<'a, 't> {
    linter: &'a Linter,
    host: &'a Host<'a>,
    root: Option<&'a Node<'t>>,
    payload: Option<&'a Payload<'t>>,
    /// Read once per payload, and only when a finding offers a fix.
    printer: OnceCell<Printer<'a>>,
}

impl<'a, 't> Emitter<'a, 't> {
    pub(super) fn new(
        linter: &'a Linter,
        host: &'a Host<'a>,
        payload: Option<&'a Payload<'t>>,
    ) -> Self {
        Self {
            linter,
            host,
            root: payload.map(|payload| &payload.root),
            payload,
            printer: OnceCell::new(),
        }
    }

    /// The call that makes the payload one, when it is not the payload's own literal.
    fn call(&self) -> Option<Span> {
        let payload = self.payload?;
        (self.host.payload_span(self.root).is_some() && payload.call != payload.root.span)
            .then_some(payload.call)
    }

    /// A finding's labels, and where a helper writes the value it is about when the value is
    /// an argument of a call of that helper.
    fn labels(&self, span: Span, mut labels: Vec<Label>) -> Vec<Label> {
        if let Some(payload) = self.payload {
            labels.extend(
                payload
                    .bound
                    .iter()
                    .filter(|bound| bound.argument.contains(span))
                    .map(|bound| bound.label.clone()),
            );
        }
        labels
    }

    /// Collects `finding` of `rule` unless a comment suppresses it or the config turns it off
    /// where it is.
    pub(super) fn emit(
        &self,
        rule: &dyn Rule,
        severity: Severity,
        finding: Finding,
        collected: &mut Collected,
    ) {
        let meta = rule.meta();
        if self.host.suppressed(meta.name, finding.span) {
            return;
        }
        let pointer = self
            .root
            .map(|root| self.host.pointer(root, finding.span))
            .unwrap_or_default();
        let level = self
            .linter
            .override_level(&collected.matching, meta.name, &pointer);
        // A finding's own severity stands for the rule's default, never for a configured one.
        let severity = match finding.severity {
            Some(own) if !self.linter.config.rules.contains_key(meta.name) => own,
            _ => severity,
        };
        let severity = match level {
            None => severity,
            Some(level) => match level.severity() {
                Some(severity) => severity,
                None => return,
            },
        };
        debug_assert!(
            finding
                .fix
                .as_ref()
                .is_none_or(|fix| meta.fix.contains(&fix.applicability)),
            "{} offered a fix its metadata does not declare",
            meta.name
        );
        let fix = match (&finding.fix, self.root) {
            (Some(fix), Some(root)) => self
                .printer
                .get_or_init(|| self.host.printer(root))
                .print(fix),
            _ => None,
        };
        collected.push(Diagnostic {
            rule: meta.name,
            severity,
            pointer,
            message: finding.message,
            span: finding.span,
            payload: self.host.payload_span(self.root),
            call: self.call(),
            labels: self.labels(finding.span, finding.labels),
            help: finding.help,
            fix: fix.map(Box::new),
        });
    }
}
