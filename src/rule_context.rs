//! What a rule may read about one payload: the [`Context`] the engine builds from the stages to
//! the rules' left, and the questions several rules ask of it. Apart from `rules/`, where every
//! file is a rule with its documentation page; it knows nothing of the rules.

use crate::account::Account;
use crate::analysis::Cart;
use crate::catalogue::Catalogue;
use crate::model::CheckoutSession;
use crate::schema::Violation;
use crate::source::{InvalidUtf8, Source, TooLarge};
use crate::span::Span;
use crate::tree::{Node, SyntaxError};

/// Everything a rule may read.
pub struct Context<'a> {
    pub source: &'a Source,
    pub invalid_utf8: Option<InvalidUtf8>,
    /// Set when the file was not read because it exceeds the size limit.
    pub too_large: Option<TooLarge>,
    /// Set when a source file nests past a limit and was not read further.
    pub too_deep: Option<crate::payload::depth::TooDeep>,
    pub syntax_error: Option<&'a SyntaxError>,
    /// The parsed document, when it parsed.
    pub tree: Option<&'a Node<'a>>,
    pub violations: &'a [Violation],
    /// The typed request, when the document is an object.
    pub session: Option<&'a CheckoutSession<'a>>,
    pub catalogue: Option<&'a Catalogue>,
    /// What the catalogue says about the cart (all unknown without a catalogue).
    pub cart: &'a Cart<'a>,
    pub account: &'a Account,
    /// In a source file: the SDK call the payload is sent with, and what the code reads from
    /// its result.
    pub response: Option<(crate::payload::Call, &'a [crate::payload::ResponseRead<'a>])>,
    /// In a source file: the host a raw request posts the payload to, when its URL names one.
    pub posted_to: Option<&'a crate::payload::UrlHost>,
    /// In a source file: the adapter call (Dodo's better-auth client …) that carries the
    /// payload, when it is one; the tree is then the session the adapter sends on.
    pub adapter: Option<&'a crate::payload::AdapterSite>,
    /// Whether a rule (by name) runs for this file: what one rule leaves to another is
    /// reported by neither when the other is off.
    pub enabled: &'a dyn Fn(&str) -> bool,
}

/// Whether a JSON pointer names a given kind of field.
type FieldTest = fn(&str) -> bool;

/// Enum fields with a rule of their own, which explains a bad value better than
/// `invalid-value` does: the rule, and the fields it takes.
const ENUM_SPECIALISTS: &[(&str, FieldTest)] = &[
    (
        "invalid-country-code",
        crate::facts::countries::is_country_field,
    ),
    (
        "invalid-currency-code",
        crate::facts::currencies::is_currency_field,
    ),
];

impl<'a> Context<'a> {
    /// True when a running rule of its own reports a bad value at `pointer` (so
    /// `invalid-value` does not).
    pub fn enum_specialist_reports(&self, pointer: &str) -> bool {
        ENUM_SPECIALISTS
            .iter()
            .any(|(rule, takes)| takes(pointer) && (self.enabled)(rule))
    }

    /// Cart items with their catalogue products (`None` without a catalogue or for unknown ids).
    pub fn items_with_products(
        &self,
    ) -> impl Iterator<
        Item = (
            &'a crate::model::ProductItem<'a>,
            Option<&'a crate::catalogue::Product>,
        ),
    > {
        let items = self.session.map_or(&[][..], |s| s.items());
        items.iter().zip(
            self.cart
                .products
                .iter()
                .copied()
                .chain(std::iter::repeat(None)),
        )
    }

    /// Enum violations (pointer, span, value found) at the pointers `handles` accepts: how the
    /// ISO-aware rules take over from `invalid-value`.
    pub fn enum_violations(
        &self,
        handles: fn(&str) -> bool,
    ) -> impl Iterator<Item = (&'a str, crate::span::Span, &'a str)> {
        self.violations
            .iter()
            .filter_map(move |violation| match &violation.kind {
                crate::schema::ViolationKind::NotAllowed { span, found, .. }
                    if handles(&violation.pointer) =>
                {
                    Some((violation.pointer.as_str(), *span, found.as_str()))
                }
                _ => None,
            })
    }

    /// Every item of the array at `span` as written, readable or not: what the API counts,
    /// and what a fix or label that names "the previous item" or "item 21" must index (the
    /// model leaves out items that failed the schema).
    pub fn array_items(&self, span: Span) -> &'a [Node<'a>] {
        self.tree
            .and_then(|root| crate::pointer::node_at(root, span))
            .and_then(Node::as_array)
            .unwrap_or_default()
    }

    /// `allowed_payment_method_types`, when it is a list (known, or known in part).
    pub fn payment_methods(
        &self,
    ) -> crate::model::Field<&'a crate::model::Spanned<Vec<crate::model::Spanned<&'a str>>>> {
        self.session.map_or(crate::model::Field::Absent, |session| {
            session.allowed_payment_method_types.as_ref()
        })
    }
}
