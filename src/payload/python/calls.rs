//! The payload sites: Dodo's `checkout_sessions.create` / `.preview` calls (whose client is
//! certainly Dodo's, or whose keywords are a checkout session's) and raw POSTs to Dodo's
//! `/checkouts` with a `json=` body.

use ruff_python_ast::{Expr, ExprCall};
use ruff_text_size::Ranged;

use super::dicts::{EXTRA_BODY, KeywordCall, TRANSPORT};
use super::find::Finder;
use super::lower::span_of;
use super::urls::url_text;
use crate::payload::flow::{BASE, Variant};
use crate::payload::{Bound, CART_KEY, Call};
use crate::tree::Node;

impl<'s> Finder<'_, 's> {
    pub(super) fn sdk_call(&mut self, call: &ExprCall) {
        let Expr::Attribute(method) = &*call.func else {
            return;
        };
        let Some(sent_with) = Call::of_method(method.attr.as_str()) else {
            return;
        };
        let Expr::Attribute(resource) = &*method.value else {
            return;
        };
        if resource.attr.as_str() != "checkout_sessions" {
            return;
        }
        // What an earlier resolution placed and nobody pushed is not this call's.
        self.bound.borrow_mut().clear();
        let readings = self.readings(call);
        let receiver = &*resource.value;
        let (last, first) = names(receiver);
        let certain = self.facts.is_client_expr(receiver);
        // A client imported from a module of the app counts when it is named for Dodo
        // (`from app.clients import dodo`): an ORM's `db.checkout_sessions.create(...)` in a
        // file that never imports the SDK is not Dodo's, even with a product_cart column.
        let imported_dodo = first.is_some_and(|name| self.facts.imported.contains(name))
            && [last, first]
                .into_iter()
                .flatten()
                .any(|name| name.to_ascii_lowercase().contains("dodo"));
        // One reading with a cart makes every reading of the call Dodo's.
        let looks_like_dodo = readings
            .iter()
            .any(|(_, root, _)| root.get(CART_KEY).is_some())
            && (self.facts.imports_sdk || imported_dodo);
        // An injected client (`self.client.checkout_sessions.create(...)` in a module that never
        // imports the SDK): the call is Dodo's when its keywords are a checkout session's, as a
        // JSON file is a payload when its keys are — no other SDK has this resource with these
        // parameters. A call with none of them stays silent.
        let written: Vec<&str> = call
            .arguments
            .keywords
            .iter()
            .filter_map(|keyword| keyword.arg.as_ref().map(|arg| arg.as_str()))
            .filter(|arg| !TRANSPORT.contains(arg) && *arg != EXTRA_BODY)
            .collect();
        let keywords_say_dodo = !written.is_empty()
            && !written.contains(&"data")
            && crate::payload::detect::keywords_are_a_sessions(written.iter().copied());
        if certain || looks_like_dodo || keywords_say_dodo {
            for (variant, root, bound) in readings {
                self.bound.replace(bound);
                self.push(root, variant, span_of(call.range()), Some(sent_with));
            }
        }
    }
    /// The payloads of an SDK call's keywords: one, or one per reading of the first `**x`
    /// that has several (see [`super::variants`]), each with the builders' arguments it
    /// placed.
    pub(super) fn readings(&self, call: &ExprCall) -> Vec<(Variant, Node<'s>, Vec<Bound>)> {
        let at = call.range().start().to_u32();
        let split = call
            .arguments
            .keywords
            .iter()
            .filter(|keyword| keyword.arg.is_none())
            .find_map(|keyword| {
                let variants = self.dict_variants(&keyword.value, at);
                let several = variants.len() > 1 || variants.iter().any(|(v, _)| *v != BASE);
                several.then(|| (span_of(keyword.value.range()), variants))
            });
        let keywords = &call.arguments.keywords;
        let Some((splat, variants)) = split else {
            self.bound.borrow_mut().clear();
            let root = self.keywords(call, keywords, KeywordCall::SdkMethod);
            return vec![(BASE, root, self.bound.take())];
        };
        variants
            .into_iter()
            .map(|(variant, node)| {
                self.bound.borrow_mut().clear();
                self.chosen.replace(Some((splat, node)));
                let root = self.keywords(call, keywords, KeywordCall::SdkMethod);
                self.chosen.replace(None);
                (variant, root, self.bound.take())
            })
            .collect()
    }
    /// `requests.post(url, json=...)`, `httpx.post`, `client.post` and `session.post` to
    /// Dodo's `/checkouts`.
    pub(super) fn raw_post(&mut self, call: &ExprCall) {
        let Some((url, body)) = posted(call) else {
            return;
        };
        let Some(url) = url_text(url, &self.facts.strings).filter(|u| u.is_dodo_checkouts()) else {
            return;
        };
        self.bound.borrow_mut().clear();
        for (_, root) in self.dict_variants(body, call.range().start().to_u32()) {
            self.bound.borrow_mut().clear();
            self.flow
                .push_post(root, span_of(call.range()), url.host().cloned());
        }
    }
}

pub(super) fn keyword<'c>(call: &'c ExprCall, name: &str) -> Option<&'c Expr> {
    call.arguments
        .keywords
        .iter()
        .find(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == name))
        .map(|k| &k.value)
}

/// The last and first names of a receiver: `self.dodo` → (dodo, self), `get_client()` →
/// (get_client, get_client).
pub(super) fn names(expr: &Expr) -> (Option<&str>, Option<&str>) {
    match expr {
        Expr::Name(name) => (Some(name.id.as_str()), Some(name.id.as_str())),
        Expr::Attribute(attribute) => (Some(attribute.attr.as_str()), names(&attribute.value).1),
        Expr::Call(call) => names(&call.func),
        Expr::Await(awaited) => names(&awaited.value),
        _ => (None, None),
    }
}

/// The URL and the `json=` body of a `….post(url, json=…)` call.
pub(super) fn posted(call: &ExprCall) -> Option<(&Expr, &Expr)> {
    let Expr::Attribute(method) = &*call.func else {
        return None;
    };
    if method.attr.as_str() != "post" {
        return None;
    }
    let url = call
        .arguments
        .args
        .first()
        .or_else(|| keyword(call, "url"))?;
    Some((url, keyword(call, "json")?))
}
