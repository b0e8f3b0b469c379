//! `adapter-overridden-field`: a field the client sends through Dodo's better-auth plugin that
//! the server replaces before the session is made (`@dodopayments/better-auth` 1.6.6,
//! `dodoCheckoutSession`): `return_url` always (the plugin's `successUrl`, or nothing), and
//! `customer` whenever a user is signed in (their email and name).

use super::{Context, Finding, Findings};

declare_rule!(
    AdapterOverriddenField,
    "adapter-overridden-field",
    Warning,
    "The better-auth plugin replaces return_url (with its successUrl) and customer (with the signed-in user) sent by the client.", on = Adapter);

/// The fields the server writes over.
const OVERRIDDEN: &[&str] = &["return_url", "customer"];

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(site) = ctx.adapter.filter(|site| site.adapter.overrides_fields()) else {
        return;
    };
    let Some(members) = ctx.tree.and_then(|root| root.as_object()) else {
        return;
    };
    let (package, _) = site.adapter.package();
    let server = &site.server;
    for field in OVERRIDDEN {
        // What the server writes instead, as far as its config (when the project shows it) says.
        let (why, help) = match *field {
            "return_url" => (
                match &server.success_url {
                    Some(url) => format!(
                        "the server sets return_url to its successUrl {}, so this value is never used",
                        crate::text::quote(url)
                    ),
                    None => "the server sets return_url from the checkout plugin's successUrl (and leaves it out without one), so this value is never used".to_string(),
                },
                "set successUrl in checkout({ successUrl }) on the server and leave return_url out",
            ),
            _ if server.authenticated_only => (
                "the server requires a signed-in user (authenticatedUsersOnly) and replaces customer with their email and name, so this value is never used".to_string(),
                "leave customer out: the signed-in user is the customer",
            ),
            _ => (
                "the server replaces customer with the signed-in user's email and name, so this value is used only for visitors who are not signed in".to_string(),
                "leave customer out, or let signed-out visitors set it knowing the signed-in user's replaces it",
            ),
        };
        for member in members.iter().filter(|m| m.key == *field) {
            findings.push(
                Finding::new(
                    member.key_span,
                    format!("{field} sent through {package} is replaced by the server: {why}"),
                )
                .help(help),
            );
        }
    }
}
