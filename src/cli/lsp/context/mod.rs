//! Where the cursor is in the payload being typed, for completion: the whole JSON document, or
//! in source code the object literal (or Python call) after the nearest payload opener. The
//! text is read by its language's own lexical rules ([`language`]), then its brackets are
//! followed ([`walk`]).

mod language;
mod walk;

pub use walk::{Cursor, Slot};

use crate::payload::HostLanguage;

/// How keys are written where the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStyle {
    /// JSON, and Python dict keys: quoted.
    Quoted,
    /// JavaScript object keys: bare.
    Bare,
    /// The keyword arguments of a Python call: `name=`.
    Keyword,
}

/// The cursor at byte `at` of `text`, written in `language`, and how keys are written there;
/// `None` outside any payload being typed.
pub fn cursor_at(language: HostLanguage, text: &str, at: usize) -> Option<(Cursor, KeyStyle)> {
    let before = text.get(..at)?;
    let lexemes = language::lexemes(language, before)?;
    let start = language::payload_start(language, &lexemes)?;
    let cursor = walk::walk(
        lexemes.get(start.index..)?,
        start.keyword_call,
        before.len(),
    )?;
    let style = match language {
        HostLanguage::Json => KeyStyle::Quoted,
        HostLanguage::JavaScript => KeyStyle::Bare,
        HostLanguage::Python => match &cursor.slot {
            Slot::Key { container } if start.keyword_call && container.is_empty() => {
                KeyStyle::Keyword
            }
            _ => KeyStyle::Quoted,
        },
    };
    Some((cursor, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor where `|` is written.
    fn at(language: HostLanguage, text: &str) -> Option<(Cursor, KeyStyle)> {
        let offset = text.find('|')?;
        cursor_at(language, &text.replace('|', ""), offset)
    }

    fn slot(language: HostLanguage, text: &str) -> Slot {
        at(language, text).expect("a cursor").0.slot
    }

    fn key(container: &str) -> Slot {
        Slot::Key {
            container: container.into(),
        }
    }

    fn value(pointer: &str) -> Slot {
        Slot::Value {
            pointer: pointer.into(),
        }
    }

    #[test]
    fn knows_keys_from_values_in_half_typed_json() {
        let json = |text: &str| slot(HostLanguage::Json, text);
        assert_eq!(
            json(r#"{"billing_address": {"co|"#),
            key("/billing_address")
        );
        assert!(
            at(HostLanguage::Json, r#"{"a": {"co|"#)
                .unwrap()
                .0
                .in_string
        );
        assert_eq!(
            json(r#"{"billing_currency": "|"#),
            value("/billing_currency")
        );
        assert_eq!(
            json(r#"{"allowed_payment_method_types": ["credit", |"#),
            value("/allowed_payment_method_types/1")
        );
        assert_eq!(
            json(r#"{"product_cart": [{"quantity": 1}, {|"#),
            key("/product_cart/1")
        );
        assert_eq!(json("{|"), key(""));
        assert!(
            at(HostLanguage::Json, "{} |").is_none(),
            "the document closed"
        );
    }

    #[test]
    fn reads_javascript_literals_with_bare_keys_quotes_comments_and_regexes() {
        let js = |text: &str| slot(HostLanguage::JavaScript, text);
        assert_eq!(
            js("client.checkoutSessions.create({ billing_address: { // note: {\n co|"),
            key("/billing_address")
        );
        let (cursor, style) = at(
            HostLanguage::JavaScript,
            "client.checkoutSessions.create({ product_cart: [f(a, b)], return_url: u.replace(/'{/g, ''), billing_currency: '|",
        )
        .unwrap();
        assert_eq!(cursor.slot, value("/billing_currency"));
        assert!(cursor.in_string);
        assert_eq!(style, KeyStyle::Bare);
        assert!(
            at(
                HostLanguage::JavaScript,
                "x.checkoutSessions.create({ a: 1 }) |"
            )
            .is_none()
        );
        assert_eq!(
            js(
                "// checkoutSessions.create({ a: {\nconst p: CheckoutSessionCreateParams = { customer: { |"
            ),
            key("/customer")
        );
    }

    #[test]
    fn reads_python_keyword_arguments() {
        let py = |text: &str| at(HostLanguage::Python, text).expect("a cursor");
        let call = "client.checkout_sessions.create(";
        let (cursor, style) = py(&format!("{call}\n    product_cart=[], # a, b=\n    bil|"));
        assert_eq!((cursor.slot, style), (key(""), KeyStyle::Keyword));
        let (cursor, style) = py(&format!(
            "{call}product_cart=f(a, b), billing_address={{'co|"
        ));
        assert_eq!(
            (cursor.slot, style),
            (key("/billing_address"), KeyStyle::Quoted)
        );
        assert_eq!(
            py(&format!("{call}billing_currency=\"|")).0.slot,
            value("/billing_currency")
        );
        assert!(at(HostLanguage::Python, &format!("{call}product_cart=[]) |")).is_none());
    }

    #[test]
    fn python_floor_division_is_not_a_comment() {
        let call = "client.checkout_sessions.create(";
        let cart = "product_cart=[{'product_id': 'p', 'quantity': total // 2}], ";
        let (cursor, _) = at(
            HostLanguage::Python,
            &format!("{call}{cart}billing_currency='|"),
        )
        .unwrap();
        assert_eq!(cursor.slot, value("/billing_currency"));
        assert!(cursor.in_string);
        let (cursor, _) = at(
            HostLanguage::Python,
            &format!("{call}{cart}billing_address={{'country': 'US', 'ci|"),
        )
        .unwrap();
        assert_eq!(cursor.slot, key("/billing_address"));
    }

    #[test]
    fn python_dicts_nest_inside_lists_of_a_typed_literal() {
        let text = "params: CheckoutSessionCreateParams = {\n    'product_cart': [\n        {'product_id': 'p', 'quantity': n // 2},\n        {'addons': [{'|";
        assert_eq!(
            slot(HostLanguage::Python, text),
            key("/product_cart/1/addons/0")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text_or_offset(text in "\\PC{0,80}", offset in 0usize..100) {
            for language in [HostLanguage::Json, HostLanguage::JavaScript, HostLanguage::Python] {
                let _ = cursor_at(language, &text, offset);
            }
        }
    }
}
