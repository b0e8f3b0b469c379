//! The rules: the [`Rule`] trait, what a rule sees ([`Context`]) and reports ([`Finding`]), and
//! the registry — the one list of every rule.
//!
//! A rule reads the stages to its left (the parse outcome, schema violations, the typed model,
//! the catalogue and the account settings) and reports findings. Rules never parse and never
//! print; the engine attaches the rule name, the configured severity and the JSON pointer.

/// Declares a rule: its unit struct, its [`RuleMeta`] (documentation from `rules/<name>.md`) and
/// the [`Rule`] impl that calls the file's `fn check(ctx, findings)`.
macro_rules! declare_rule {
    (
        $ty:ident, $name:literal, $severity:ident, $summary:literal
        $(, fix = [$($fix:ident),*])?
        $(, needs = [$($need:ident),*])?
        $(, on = $on:ident)?
        $(,)?
    ) => {
        pub(crate) struct $ty;

        pub(crate) static META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            name: $name,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            fix: &[$($($crate::diagnostic::Applicability::$fix),*)?],
            needs: &[$($($crate::rules::Need::$need),*)?],
            on: $crate::rules::declared_trigger(&[$($crate::rules::Trigger::$on)?]),
            docs: include_str!(concat!("../../rules/", $name, ".md")),
        };

        impl $crate::rules::Rule for $ty {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &META
            }

            fn check(
                &self,
                ctx: &$crate::rules::Context<'_>,
                findings: &mut $crate::rules::Findings<'_>,
            ) {
                check(ctx, findings)
            }
        }
    };
}

use std::borrow::Cow;

use crate::diagnostic::{Label, Severity};
use crate::edit::NodeFix;
use crate::span::Span;

pub use crate::rule_context::Context;

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case, saying what is wrong: `zero-quantity`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line.
    pub summary: &'static str,
    /// The fixes it may offer: none, safe ones, unsafe ones, or both. The engine holds every
    /// rule to it (a fix it does not declare fails in debug builds), and its page says the same.
    pub fix: &'static [crate::diagnostic::Applicability],
    /// What the rule cannot speak without (it is silent, or says less, when the config lacks
    /// it); its page's **Needs:** says the same.
    pub needs: &'static [Need],
    /// What must be there for the rule to find anything; the engine does not call it otherwise.
    pub on: Trigger,
    /// The rule's page, `rules/<name>.md`, embedded.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The text of a `## heading` section of the rule's page, trimmed.
    pub fn section(&self, heading: &str) -> Option<&'static str> {
        let marker = format!("\n## {heading}\n");
        let start = self.docs.find(&marker)? + marker.len();
        let rest = &self.docs[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        Some(rest[..end].trim())
    }
}

/// Knowledge a rule needs beyond the payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A product catalogue (`catalogue` in the config, or `catalogue pull`).
    Catalogue,
    /// Account settings (`[account]` in the config).
    Account,
}

/// What a rule cannot find anything without. Most payloads have no adapter, no response reads
/// and no schema violations, so the engine skips the rules that look only at those without
/// calling them: a call per rule per payload was a tenth of a small payload's lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Runs on every payload.
    Always,
    /// Reported by the engine itself, never by a call (`too-many-findings`,
    /// `invalid-suppression`).
    Never,
    /// The payload goes through one of Dodo's adapters.
    Adapter,
    /// The code reads the response of the call that sends the payload.
    Response,
    /// A raw request posts the payload to a URL naming a host.
    PostedTo,
    /// The schema found violations.
    Violations,
    /// The config has a product catalogue.
    Catalogue,
    /// The file was over the size limit.
    TooLarge,
    /// The file nests past the depth limit.
    TooDeep,
}

impl Trigger {
    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// A set of [`Trigger`]s ([`Trigger::Never`] is never in one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Triggers(u16);

impl Triggers {
    /// Every trigger that is there (a rule declared `on` one may find something only when it
    /// is), read once per payload: the engine's test per rule is then a mask, not a `match`
    /// (whose jump table was a mispredicted branch per rule).
    pub fn of(ctx: &Context<'_>) -> Self {
        [
            (true, Trigger::Always),
            (ctx.adapter.is_some(), Trigger::Adapter),
            (ctx.response.is_some(), Trigger::Response),
            (ctx.posted_to.is_some(), Trigger::PostedTo),
            (!ctx.violations.is_empty(), Trigger::Violations),
            (ctx.catalogue.is_some(), Trigger::Catalogue),
            (ctx.too_large.is_some(), Trigger::TooLarge),
            (ctx.too_deep.is_some(), Trigger::TooDeep),
        ]
        .into_iter()
        .filter(|&(present, _)| present)
        .fold(Triggers(0), |set, (_, trigger)| {
            Triggers(set.0 | trigger.bit())
        })
    }

    pub fn contains(self, trigger: Trigger) -> bool {
        self.0 & trigger.bit() != 0
    }
}

/// The trigger `declare_rule!` was given, or [`Trigger::Always`].
pub(crate) const fn declared_trigger(on: &[Trigger]) -> Trigger {
    match on {
        [trigger] => *trigger,
        _ => Trigger::Always,
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Context<'_>, findings: &mut Findings<'_>);
}

/// Where a rule reports its findings: handed straight to the engine, which keeps what the
/// per-file limit allows, so a rule never holds a vector of a million findings.
pub struct Findings<'a> {
    sink: &'a mut dyn FnMut(Finding),
}

impl<'a> Findings<'a> {
    pub fn new(sink: &'a mut dyn FnMut(Finding)) -> Self {
        Self { sink }
    }

    pub fn push(&mut self, finding: Finding) {
        (self.sink)(finding);
    }
}

/// One problem as a rule reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<Cow<'static, str>>,
    pub fix: Option<NodeFix>,
    /// The severity of this finding when the config does not set the rule's level: what the
    /// same mistake costs can depend on where the payload goes (an unknown key the API
    /// rejects is an error; one an adapter silently drops is a warning).
    pub severity: Option<Severity>,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            fix: None,
            severity: None,
        }
    }

    /// This finding at `severity` rather than the rule's default (a configured level wins).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label::new(span, message));
        self
    }

    /// A label made elsewhere (one in another file).
    pub fn with_label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(mut self, fix: NodeFix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// The registry, the one list of every rule: each entry declares the rule's module (its file,
/// `src/rules/<module>.rs`) and puts the rule in [`all`], in this order — the order rules run
/// in and tools list them.
macro_rules! registry {
    ($($module:ident::$rule:ident,)*) => {
        $(pub(crate) mod $module;)*

        static RULES: &[&dyn Rule] = &[$(&$module::$rule,)*];
    };
}

registry! {
    file_too_large::FileTooLarge,
    file_too_deep::FileTooDeep,
    too_many_findings::TooManyFindings,
    invalid_suppression::InvalidSuppression,
    invalid_json::InvalidJson,
    duplicate_key::DuplicateKey,
    unknown_field::UnknownField,
    missing_field::MissingField,
    invalid_type::InvalidType,
    invalid_value::InvalidValue,
    out_of_range::OutOfRange,
    empty_cart::EmptyCart,
    too_many_items::TooManyItems,
    duplicate_product::DuplicateProduct,
    zero_quantity::ZeroQuantity,
    unknown_product::UnknownProduct,
    mixed_cart::MixedCart,
    usage_based_quantity::UsageBasedQuantity,
    invalid_addons::InvalidAddons,
    ignored_amount::IgnoredAmount,
    amount_below_minimum::AmountBelowMinimum,
    invalid_credits_amount::InvalidCreditsAmount,
    amount_overflow::AmountOverflow,
    below_minimum_charge::BelowMinimumCharge,
    invalid_customer::InvalidCustomer,
    invalid_email::InvalidEmail,
    invalid_phone_number::InvalidPhoneNumber,
    invalid_country_code::InvalidCountryCode,
    unsupported_country::UnsupportedCountry,
    invalid_zipcode::InvalidZipcode,
    tax_id_without_country::TaxIdWithoutCountry,
    confirm_incomplete::ConfirmIncomplete,
    invalid_currency_code::InvalidCurrencyCode,
    ineffective_billing_currency::IneffectiveBillingCurrency,
    missing_card_fallback::MissingCardFallback,
    duplicate_payment_method::DuplicatePaymentMethod,
    unavailable_payment_method::UnavailablePaymentMethod,
    no_available_payment_method::NoAvailablePaymentMethod,
    trial_period_out_of_range::TrialPeriodOutOfRange,
    trial_without_subscription::TrialWithoutSubscription,
    discount_with_on_demand::DiscountWithOnDemand,
    conflicting_discount_fields::ConflictingDiscountFields,
    too_many_discount_codes::TooManyDiscountCodes,
    deprecated_discount_code::DeprecatedDiscountCode,
    short_discount_code::ShortDiscountCode,
    conflicting_feature_flags::ConflictingFeatureFlags,
    addon_editing_without_subscription::AddonEditingWithoutSubscription,
    saved_methods_for_new_customer::SavedMethodsForNewCustomer,
    invalid_redirect_url::InvalidRedirectUrl,
    insecure_redirect_url::InsecureRedirectUrl,
    placeholder_in_redirect_url::PlaceholderInRedirectUrl,
    non_api_dodo_host::NonApiDodoHost,
    too_many_custom_fields::TooManyCustomFields,
    duplicate_custom_field_key::DuplicateCustomFieldKey,
    dropdown_without_options::DropdownWithoutOptions,
    ignored_custom_field_options::IgnoredCustomFieldOptions,
    invalid_metadata::InvalidMetadata,
    invalid_theme_config::InvalidThemeConfig,
    unknown_language::UnknownLanguage,
    unknown_response_field::UnknownResponseField,
    dead_response_fallback::DeadResponseFallback,
    deprecated_adapter_checkout::DeprecatedAdapterCheckout,
    unknown_adapter_endpoint::UnknownAdapterEndpoint,
    adapter_overridden_field::AdapterOverriddenField,
    unknown_slug::UnknownSlug,
    rejected_by_adapter::RejectedByAdapter,
    no_post_on_handler::NoPostOnHandler,
    request_body_read_twice::RequestBodyReadTwice,
}

/// Every rule, in registry order.
pub fn all() -> &'static [&'static dyn Rule] {
    RULES
}

/// The rule with this name.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|rule| rule.meta().name == name)
}

/// What the payload says about where and how the customer pays, for availability rules.
pub(crate) fn payment_situation<'a>(
    ctx: &'a Context<'_>,
) -> crate::facts::payment_methods::Situation<'a> {
    let Some(session) = ctx.session else {
        return Default::default();
    };
    let currency = crate::analysis::charge_currency(session, ctx.account, ctx.cart);
    crate::facts::payment_methods::Situation {
        country: session
            .billing_address
            .as_ref()
            .and_then(|a| a.country)
            .get()
            .map(|c| c.value),
        currency,
        subscription: ctx.cart.has_subscription,
        total_usd_cents: ctx.cart.total.filter(|_| ctx.cart.currency == Some("USD")),
    }
}
