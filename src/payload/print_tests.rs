//! Each typed edit printed in each front-end's syntax.

use super::*;
use crate::diagnostic::Applicability;
use crate::payload::front_end;

/// Prints `edit` (built from the text's payload) in the syntax of the file `name`.
fn printed(name: &str, text: &str, edit: impl Fn(&Node<'_>) -> NodeEdit) -> Option<Vec<String>> {
    let arena = crate::tree::Arena::new();
    let front_end = front_end::of(name);
    let payloads = front_end
        .find(name, text, &arena, &Default::default())
        .payloads;
    let root = &payloads.first().expect("a payload").root;
    let fix = NodeFix::new("fix", Applicability::Safe).with(edit(root));
    let printed = Printer::new(text, root, front_end.syntax()).print(&fix)?;
    Some(printed.edits.into_iter().map(|e| e.replacement).collect())
}

fn member<'t>(root: &'t Node<'t>, key: &str) -> &'t crate::tree::Member<'t> {
    let members = root.as_object().expect("an object");
    members.iter().find(|m| m.key == key).expect("the member")
}

fn rename(key: &'static str, to: &'static str) -> impl Fn(&Node<'_>) -> NodeEdit {
    move |root| NodeEdit::RenameKey {
        key: member(root, key).key_span,
        name: to.into(),
    }
}

const JS: &str = "import D from 'dodopayments'; const client = new D(); client.checkoutSessions.create({ product_cart: [], customer_id: 'c\"1', discount_code: 'X', allowed_payment_method_types: ['upi_collect'] });";
const PY: &str = "from dodopayments import DodoPayments\nclient = DodoPayments()\nclient.checkout_sessions.create(product_cart=[], customer={'customer_id': 'c1', 'email': 'a@b.c'}, allowed_payment_method_types=['upi_collect'])";
const JSON: &str =
    r#"{"product_cart": [], "customer_id": "c1", "allowed_payment_method_types": ["upi_collect"]}"#;

#[test]
fn renamed_keys_keep_how_the_file_writes_keys() {
    assert_eq!(
        printed("a.ts", JS, rename("customer_id", "customer")).unwrap(),
        ["customer"]
    );
    assert_eq!(
        printed("a.ts", JS, rename("customer_id", "a-b")).unwrap(),
        ["'a-b'"]
    );
    assert_eq!(
        printed("a.json", JSON, rename("customer_id", "customer")).unwrap(),
        ["\"customer\""]
    );
    assert_eq!(
        printed("a.py", PY, rename("customer", "customer_x")).unwrap(),
        ["customer_x"]
    );
    // A keyword argument cannot be renamed to a name that is not an identifier.
    assert!(printed("a.py", PY, rename("customer", "a-b")).is_none());
}

#[test]
fn strings_take_their_own_or_the_file_quote() {
    let set = |root: &Node<'_>| NodeEdit::Set {
        node: member(root, "customer_id").value.span,
        value: Literal::string("it's"),
    };
    assert_eq!(printed("a.ts", JS, set).unwrap(), [r"'it\'s'"]);
    assert_eq!(printed("a.json", JSON, set).unwrap(), [r#""it's""#]);
    let object = |root: &Node<'_>| NodeEdit::Set {
        node: member(root, "customer_id").value.span,
        value: Literal::Object(vec![("customer_id".into(), Literal::string("c1"))]),
    };
    assert_eq!(
        printed("a.ts", JS, object).unwrap(),
        ["{ customer_id: 'c1' }"]
    );
    assert_eq!(
        printed("a.json", JSON, object).unwrap(),
        [r#"{ "customer_id": "c1" }"#]
    );
}

#[test]
fn items_are_prepended_with_a_separator_when_the_array_has_items() {
    let prepend = |root: &Node<'_>| NodeEdit::Prepend {
        array: member(root, "allowed_payment_method_types").value.span,
        items: vec![Literal::string("credit"), Literal::string("debit")],
    };
    assert_eq!(
        printed("a.ts", JS, prepend).unwrap(),
        ["'credit', 'debit', "]
    );
    assert_eq!(
        printed("a.py", PY, prepend).unwrap(),
        ["'credit', 'debit', "]
    );
    assert_eq!(
        printed("a.json", JSON, prepend).unwrap(),
        [r#""credit", "debit", "#]
    );
    let empty = |root: &Node<'_>| NodeEdit::Prepend {
        array: member(root, "product_cart").value.span,
        items: vec![Literal::string("x")],
    };
    assert_eq!(printed("a.json", JSON, empty).unwrap(), [r#""x""#]);
}

#[test]
fn wrapped_values_keep_their_bytes() {
    let in_object = |root: &Node<'_>| NodeEdit::Wrap {
        node: member(root, "customer_id").value.span,
        wrapper: Wrapper::Object {
            key: "customer_id".into(),
        },
    };
    assert_eq!(
        printed("a.ts", JS, in_object).unwrap(),
        ["{customer_id: ", "}"]
    );
    assert_eq!(
        printed("a.json", JSON, in_object).unwrap(),
        ["{\"customer_id\": ", "}"]
    );
    let in_array = |root: &Node<'_>| NodeEdit::Wrap {
        node: member(root, "discount_code").value.span,
        wrapper: Wrapper::Array,
    };
    assert_eq!(printed("a.ts", JS, in_array).unwrap(), ["['X']"]);
}

#[test]
fn edits_outside_the_payload_or_over_unknown_values_are_dropped() {
    let text = "import D from 'dodopayments'; const client = new D(); client.checkoutSessions.create({ customer_id: id, product_cart: [] });";
    let over_unknown = |root: &Node<'_>| NodeEdit::Set {
        node: member(root, "customer_id").value.span,
        value: Literal::string("c1"),
    };
    assert!(printed("a.ts", text, over_unknown).is_none());
    let outside = |_: &Node<'_>| NodeEdit::Remove {
        span: Span::new(0, 8),
    };
    assert!(printed("a.ts", text, outside).is_none());
}
