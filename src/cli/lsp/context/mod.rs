//! Where the cursor is in the payload being typed, for completion: the whole JSON document, or
//! in source code the object literal (or Python call) after the nearest payload opener. The
//! text is read by its language's own lexical rules ([`language`]), then its brackets are
//! followed ([`walk`]).

mod walk;

pub(super) use crate::payload::lexeme::KeyStyle;
pub(super) use walk::{Cursor, Slot};

use crate::payload::front_end::FrontEnd;

/// The cursor at byte `at` of `text`, written in the language of `front_end`, and how keys
/// are written there; `None` outside any payload being typed.
pub(super) fn cursor_at(
    front_end: &dyn FrontEnd,
    text: &str,
    at: usize,
) -> Option<(Cursor, KeyStyle)> {
    let before = text.get(..at)?;
    let lexemes = front_end.lexemes(before)?;
    let start = front_end.payload_start(&lexemes)?;
    let cursor = walk::walk(
        lexemes.get(start.index..)?,
        start.keyword_call,
        before.len(),
    )?;
    let top_level = matches!(&cursor.slot, Slot::Key { container } if container.is_empty());
    let style = front_end.key_style(start, top_level);
    Some((cursor, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::payload::front_end;

    /// The languages, by a file name each.
    const JSON: &str = "body.json";
    const JS: &str = "route.ts";
    const PYTHON: &str = "billing.py";

    /// The cursor where `|` is written, in the language of the file `name`.
    fn at(name: &str, text: &str) -> Option<(Cursor, KeyStyle)> {
        let offset = text.find('|')?;
        cursor_at(front_end::of(name), &text.replace('|', ""), offset)
    }

    fn slot(name: &str, text: &str) -> Slot {
        at(name, text).expect("a cursor").0.slot
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
        let json = |text: &str| slot(JSON, text);
        assert_eq!(
            json(r#"{"billing_address": {"co|"#),
            key("/billing_address")
        );
        assert!(at(JSON, r#"{"a": {"co|"#).unwrap().0.in_string);
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
        assert!(at(JSON, "{} |").is_none(), "the document closed");
    }

    #[test]
    fn reads_javascript_literals_with_bare_keys_quotes_comments_and_regexes() {
        let js = |text: &str| slot(JS, text);
        assert_eq!(
            js("client.checkoutSessions.create({ billing_address: { // note: {\n co|"),
            key("/billing_address")
        );
        let (cursor, style) = at(
            JS,
            "client.checkoutSessions.create({ product_cart: [f(a, b)], return_url: u.replace(/'{/g, ''), billing_currency: '|",
        )
        .unwrap();
        assert_eq!(cursor.slot, value("/billing_currency"));
        assert!(cursor.in_string);
        assert_eq!(style, KeyStyle::Bare);
        assert!(at(JS, "x.checkoutSessions.create({ a: 1 }) |").is_none());
        assert_eq!(
            js(
                "// checkoutSessions.create({ a: {\nconst p: CheckoutSessionCreateParams = { customer: { |"
            ),
            key("/customer")
        );
    }

    #[test]
    fn reads_python_keyword_arguments() {
        let py = |text: &str| at(PYTHON, text).expect("a cursor");
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
        assert!(at(PYTHON, &format!("{call}product_cart=[]) |")).is_none());
    }

    #[test]
    fn python_floor_division_is_not_a_comment() {
        let call = "client.checkout_sessions.create(";
        let cart = "product_cart=[{'product_id': 'p', 'quantity': total // 2}], ";
        let (cursor, _) = at(PYTHON, &format!("{call}{cart}billing_currency='|")).unwrap();
        assert_eq!(cursor.slot, value("/billing_currency"));
        assert!(cursor.in_string);
        let (cursor, _) = at(
            PYTHON,
            &format!("{call}{cart}billing_address={{'country': 'US', 'ci|"),
        )
        .unwrap();
        assert_eq!(cursor.slot, key("/billing_address"));
    }

    #[test]
    fn python_dicts_nest_inside_lists_of_a_typed_literal() {
        let text = "params: CheckoutSessionCreateParams = {\n    'product_cart': [\n        {'product_id': 'p', 'quantity': n // 2},\n        {'addons': [{'|";
        assert_eq!(slot(PYTHON, text), key("/product_cart/1/addons/0"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text_or_offset(text in "\\PC{0,80}", offset in 0usize..100) {
            for name in [JSON, JS, PYTHON] {
                let _ = cursor_at(front_end::of(name), &text, offset);
            }
        }
    }
}
