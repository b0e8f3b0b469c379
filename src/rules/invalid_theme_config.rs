//! `invalid-theme-config`: theme values the docs constrain: https font URLs, a CSS length radius,
//! a pay button text of at most 100 characters, CSS colours.

use super::{Context, Finding, Findings};
use crate::facts::colors::is_css_color;
use crate::facts::url::parse;
use crate::text::quote;

declare_rule!(
    InvalidThemeConfig,
    "invalid-theme-config",
    Error,
    "customization.theme_config: font URLs not https://, radius not a number with px/rem/em, pay_button_text over 100 characters, or colours that are not CSS colours."
);

const MAX_BUTTON_TEXT: usize = 100;

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(theme) = ctx
        .session
        .and_then(|s| s.customization.seen())
        .and_then(|c| c.theme_config.seen())
    else {
        return;
    };
    for (field, url) in [
        ("font_primary_url", theme.font_primary_url),
        ("font_secondary_url", theme.font_secondary_url),
    ] {
        let Some(url) = url.get() else { continue };
        if !parse(url.value).is_ok_and(|u| u.has_scheme("https")) {
            findings.push(Finding::new(
                url.span,
                format!("{field} {} must be a valid https:// URL", quote(url.value)),
            ));
        }
    }
    if let Some(radius) = theme.radius.get()
        && !is_radius(radius.value)
    {
        findings.push(
            Finding::new(
                radius.span,
                format!(
                    "radius {} must be a number followed by px, rem or em",
                    quote(radius.value)
                ),
            )
            .help("for example \"4px\", \"0.5rem\" or \"1em\""),
        );
    }
    if let Some(text) = theme.pay_button_text.get() {
        let length = text.value.chars().count();
        if length > MAX_BUTTON_TEXT {
            findings.push(Finding::new(
                text.span,
                format!(
                    "pay_button_text is {length} characters; at most {MAX_BUTTON_TEXT} are allowed"
                ),
            ));
        }
    }
    for (name, color) in &theme.colors {
        if !is_css_color(color.value) {
            findings.push(
                Finding::new(
                    color.span,
                    format!("{name} {} is not a CSS colour", quote(color.value)),
                )
                .help("use hex (\"#1a1a1a\"), rgb()/hsl()/oklch() or a named colour"),
            );
        }
    }
}

fn is_radius(value: &str) -> bool {
    let Some(number) = ["px", "rem", "em"]
        .iter()
        .find_map(|unit| value.strip_suffix(unit))
    else {
        return false;
    };
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && number.parse::<f64>().is_ok()
}
