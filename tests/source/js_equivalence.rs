//! The JS front-end reads a payload as JSON does: a payload written as a JavaScript object
//! literal in `client.checkoutSessions.create(...)` — in any quoting, with bare keys, trailing
//! commas, comments and odd whitespace — yields the same rules at the same pointers as the
//! same payload linted as JSON, each at the bytes of the corresponding key or value. And a value
//! replaced by a variable never adds an error or warning.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::common::host_syntax::{Written, a_name_adds_nothing, lints_as_its_json};
use crate::common::source::{findings, payload, push_quoted};
use checkout_lint::{Linter, Span};
use proptest::prelude::*;
use serde_json::Value;

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(Linter::default)
}

const PRELUDE: &str = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nawait client.checkoutSessions.create(";

/// How the literal is written.
#[derive(Debug, Clone)]
struct Style {
    quote: char,
    bare_keys: bool,
    trailing_commas: bool,
    comments: bool,
    spacing: &'static str,
}

fn style() -> impl Strategy<Value = Style> {
    (
        prop_oneof![Just('\''), Just('"')],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(" "), Just("\n  "), Just("\t"), Just("")],
    )
        .prop_map(
            |(quote, bare_keys, trailing_commas, comments, spacing)| Style {
                quote,
                bare_keys,
                trailing_commas,
                comments,
                spacing,
            },
        )
}

/// Writes JS and remembers where each pointer's key and value are.
struct Writer<'a> {
    style: &'a Style,
    out: String,
    values: HashMap<String, Span>,
    keys: HashMap<String, Span>,
    /// A pointer whose value is written as an identifier instead.
    replaced: Option<String>,
}

impl Writer<'_> {
    fn string(&mut self, text: &str) {
        push_quoted(&mut self.out, text, self.style.quote);
    }

    fn key(&mut self, key: &str) {
        let bare = self.style.bare_keys
            && key
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if bare {
            self.out.push_str(key);
        } else {
            self.string(key);
        }
    }

    fn gap(&mut self) {
        self.out.push_str(self.style.spacing);
        if self.style.comments {
            self.out.push_str("/* c */ ");
        }
    }

    fn value(&mut self, value: &Value, pointer: &str) {
        let start = self.out.len();
        if self.replaced.as_deref() == Some(pointer) {
            self.out.push_str("someVariable");
        } else {
            match value {
                Value::String(text) => self.string(text),
                Value::Array(items) => {
                    self.out.push('[');
                    for (index, item) in items.iter().enumerate() {
                        self.gap();
                        self.value(item, &format!("{pointer}/{index}"));
                        if index + 1 < items.len() || self.style.trailing_commas {
                            self.out.push(',');
                        }
                    }
                    self.gap();
                    self.out.push(']');
                }
                Value::Object(members) => {
                    self.out.push('{');
                    for (index, (key, item)) in members.iter().enumerate() {
                        self.gap();
                        let child =
                            format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                        let key_start = self.out.len();
                        self.key(key);
                        self.keys
                            .insert(child.clone(), Span::between(key_start, self.out.len()));
                        self.out.push_str(": ");
                        self.value(item, &child);
                        if index + 1 < members.len() || self.style.trailing_commas {
                            self.out.push(',');
                        }
                    }
                    self.gap();
                    self.out.push('}');
                }
                other => self.out.push_str(&other.to_string()),
            }
        }
        self.values
            .insert(pointer.to_string(), Span::between(start, self.out.len()));
    }
}

fn written<'s>(value: &Value, style: &'s Style, replaced: Option<String>) -> Writer<'s> {
    let mut writer = Writer {
        style,
        out: PRELUDE.to_string(),
        values: HashMap::new(),
        keys: HashMap::new(),
        replaced,
    };
    writer.value(value, "");
    writer.out.push_str(");\n");
    writer
}

proptest! {
    #[test]
    fn a_js_literal_lints_as_its_json(value in payload(), style in style()) {
        let writer = written(&value, &style, None);
        let placed = Written { text: &writer.out, values: &writer.values, keys: &writer.keys };
        lints_as_its_json(linter(), &value, "p.ts", &placed, |_| false)?;
    }

    #[test]
    fn a_value_replaced_by_a_variable_adds_no_error_or_warning(
        value in payload(),
        style in style(),
        pick in any::<prop::sample::Index>(),
    ) {
        a_name_adds_nothing(linter(), "p.ts", &value, pick, |replaced| {
            written(&value, &style, replaced).out
        })?;
    }
}

/// The literal of a written payload, without the SDK call around it.
fn literal(writer: &Writer<'_>) -> String {
    writer.out[PRELUDE.len()..writer.out.len() - ");\n".len()].to_string()
}

proptest! {
    #[test]
    fn a_payload_moved_into_a_helper_lints_as_the_literal_at_the_call(
        value in payload(),
        style in style(),
    ) {
        let at_call = linter().lint_str("p.ts", &written(&value, &style, None).out);
        let helper = format!(
            "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\n\
             function build() {{\n  return {};\n}}\nawait client.checkoutSessions.create(build());\n",
            literal(&written(&value, &style, None)),
        );
        let through_helper = linter().lint_str("p.ts", &helper);
        prop_assert_eq!(findings(&at_call), findings(&through_helper), "{}", helper);
    }

    #[test]
    fn a_payload_sent_with_a_factorys_client_lints_as_with_a_new_client(
        value in payload(),
        style in style(),
    ) {
        let at_call = linter().lint_str("p.ts", &written(&value, &style, None).out);
        let factory = format!(
            "import DodoPayments from 'dodopayments';\n\
             async function getDodo() {{ return new DodoPayments(); }}\n\
             const dodo = await getDodo();\nawait dodo.checkoutSessions.create({});\n",
            literal(&written(&value, &style, None)),
        );
        let through_factory = linter().lint_str("p.ts", &factory);
        prop_assert_eq!(findings(&at_call), findings(&through_factory), "{}", factory);
    }
}
