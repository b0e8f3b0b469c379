//! Raw requests to Dodo's `/checkouts` or to the app's own routes that Dodo's handlers serve:
//! `fetch(url, {method: 'POST', body: JSON.stringify(x)})`, `axios.post(url, x)`,
//! `axios({method: 'post', url, data: x})`, and Nuxt's (ofetch's) `$fetch(url, {method:
//! 'POST', body: x})` and `useFetch(url, {method: 'POST', body: x})`, which send an object
//! body as JSON.

use oxc_ast::ast::{CallExpression, Expression, ObjectExpression};
use oxc_span::GetSpan;

use super::find::Finder;
use super::lower::span_of;
use super::properties::property;
use super::urls::url_text;

/// The client a raw POST is made with: what its awaited result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Client {
    /// `fetch`: a `Response`, whose `json()` is the answer.
    Fetch,
    /// axios: the answer is the result's `data`.
    Axios,
    /// `$fetch`: the answer itself.
    Ofetch,
    /// `useFetch`: `{ data }`, a `Ref` of the answer.
    UseFetch,
}

/// Nuxt's fetchers and ofetch's own name, which take an object `body` and send it as JSON.
const OFETCH: &[(&str, Client)] = &[
    ("$fetch", Client::Ofetch),
    ("ofetch", Client::Ofetch),
    ("useFetch", Client::UseFetch),
];

impl<'s> Finder<'_, '_, 's> {
    /// `fetch(url, {method: 'POST', body: JSON.stringify(x)})`, `$fetch(url, {method: 'POST',
    /// body: x})`, `axios.post(url, x)` and `axios({method: 'post', url, data: x})` to Dodo's
    /// `/checkouts` or to a route one of Dodo's handlers serves.
    pub(super) fn raw_post(&mut self, call: &CallExpression<'_>) {
        let argument = |index: usize| call.arguments.get(index).and_then(|a| a.as_expression());
        let callee = call.callee.get_inner_expression();
        let init = || match argument(1).map(Expression::get_inner_expression) {
            Some(Expression::ObjectExpression(init)) if is_post(init) => Some(init),
            _ => None,
        };
        // A `baseURL` option (ofetch's, axios's) sends the request to another server: its path
        // is not one of the app's own routes.
        let based = |options: Option<&Expression<'_>>| {
            matches!(options.map(Expression::get_inner_expression),
                Some(Expression::ObjectExpression(options)) if property(options, "baseURL").is_some())
        };
        let mut elsewhere = false;
        let (url, body, client) = match callee {
            Expression::Identifier(ident) if ident.name == "fetch" => {
                let Some(init) = init() else {
                    return;
                };
                let body = property(init, "body").and_then(stringified);
                (argument(0), body, Client::Fetch)
            }
            Expression::Identifier(ident) if OFETCH.iter().any(|(name, _)| ident.name == *name) => {
                let (Some(init), Some(&(_, client))) =
                    (init(), OFETCH.iter().find(|(name, _)| ident.name == *name))
                else {
                    return;
                };
                // An object is sent as JSON; a string already is.
                let body = property(init, "body").map(|body| stringified(body).unwrap_or(body));
                elsewhere = property(init, "baseURL").is_some();
                (argument(0), body, client)
            }
            Expression::StaticMemberExpression(member)
                if member.property.name == "post" && is_axios(&member.object) =>
            {
                elsewhere = based(argument(2));
                (argument(0), argument(1), Client::Axios)
            }
            _ if is_axios(callee)
                || matches!(callee, Expression::StaticMemberExpression(m)
                    if m.property.name == "request" && is_axios(&m.object)) =>
            {
                let Some(Expression::ObjectExpression(config)) =
                    argument(0).map(Expression::get_inner_expression)
                else {
                    return;
                };
                if !is_post(config) {
                    return;
                }
                elsewhere = property(config, "baseURL").is_some();
                (
                    property(config, "url"),
                    property(config, "data"),
                    Client::Axios,
                )
            }
            _ => return,
        };
        let (Some(url), Some(body)) = (url, body) else {
            return;
        };
        let Some(text) = url_text(url, &self.facts.strings) else {
            return;
        };
        if let Some(path) = text
            .app_path()
            .filter(|_| !elsewhere && !self.neighbours.routes.is_empty())
        {
            let path = path.to_string();
            self.route_post(&path, span_of(url.span()), body, span_of(call.span), client);
            return;
        }
        let Some(url) = Some(text).filter(|u| u.is_dodo_checkouts()) else {
            return;
        };
        for root in self.resolve(body, call.span.start) {
            self.flow
                .push_post(root, span_of(call.span), url.host().cloned());
        }
    }
}

fn is_axios(expr: &Expression<'_>) -> bool {
    matches!(expr.get_inner_expression(), Expression::Identifier(ident) if ident.name == "axios")
}

pub(super) fn is_post(init: &ObjectExpression<'_>) -> bool {
    matches!(property(init, "method").map(Expression::get_inner_expression),
        Some(Expression::StringLiteral(lit)) if lit.value.eq_ignore_ascii_case("post"))
}

/// `x` of `JSON.stringify(x)`.
pub(super) fn stringified<'e, 'a>(body: &'e Expression<'a>) -> Option<&'e Expression<'a>> {
    let Expression::CallExpression(call) = body.get_inner_expression() else {
        return None;
    };
    let Expression::StaticMemberExpression(callee) = call.callee.get_inner_expression() else {
        return None;
    };
    let is_json = matches!(callee.object.get_inner_expression(),
        Expression::Identifier(ident) if ident.name == "JSON");
    (is_json && callee.property.name == "stringify")
        .then(|| call.arguments.first()?.as_expression())
        .flatten()
}
