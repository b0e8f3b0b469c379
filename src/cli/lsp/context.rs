//! Where the cursor is in a JSON document that may be half typed: which object or array it is
//! in, and whether a key or a value is being written. A tolerant scan, since the text rarely
//! parses while someone types.

/// What the cursor is writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// A key of the object at `container` (a JSON pointer).
    Key { container: String },
    /// The value at `pointer`.
    Value { pointer: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub slot: Slot,
    /// True when the cursor is inside an open string (the quotes are already typed).
    pub in_string: bool,
}

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

fn segment(frame: &Frame) -> Option<String> {
    match frame {
        Frame::Object { key, .. } => key
            .as_ref()
            .map(|k| crate::pointer::escape_pointer_segment(k).into_owned()),
        Frame::Array { index } => Some(index.to_string()),
    }
}

fn pointer_of(frames: &[Frame]) -> String {
    frames
        .iter()
        .filter_map(segment)
        .map(|s| format!("/{s}"))
        .collect()
}

/// Scans `text` up to byte `offset`.
pub fn at(text: &str, offset: usize) -> Option<Cursor> {
    scan(text.get(..offset)?, false, false)
}

/// [`at`] for a JavaScript object literal that starts `before` (the text from its `{` to the
/// cursor): quotes may be `'`, `"` or `` ` ``, keys may be bare identifiers, and comments are
/// skipped. `None` when the literal closed before the cursor.
pub fn in_js_literal(before: &str) -> Option<Cursor> {
    scan(before, true, false)
}

/// [`at`] for the keyword arguments of a Python call: `before` is the text from just after the
/// call's `(` to the cursor. Keywords are the payload's keys (`name=`), `#` starts a comment,
/// and `None` is returned once the call closed.
pub fn in_python_call(before: &str) -> Option<Cursor> {
    scan(before, true, true)
}

/// The scan; `js` accepts bare identifiers, other quotes and comments, `python` reads `#`
/// comments and starts inside the keyword arguments of a call.
fn scan(before: &str, js: bool, python: bool) -> Option<Cursor> {
    let mut frames: Vec<Frame> = Vec::new();
    if python {
        frames.push(Frame::Object {
            key: None,
            expecting_key: true,
        });
    }
    let mut last_string: Option<String> = None;
    let mut chars = before.chars().peekable();
    let mut in_string = false;
    let mut opened = python;
    // Parentheses inside values (calls, tuples): not containers of the payload.
    let mut groups = 0_usize;
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if opened && frames.is_empty() {
            // The literal closed before the cursor.
            return None;
        }
        let before_c = std::mem::replace(&mut previous, c);
        match c {
            '#' if python => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' if python => groups += 1,
            ')' if python && groups > 0 => groups -= 1,
            // The call closed.
            ')' if python => return None,
            '=' if python
                && groups == 0
                && chars.peek() != Some(&'=')
                && !matches!(before_c, '=' | '!' | '<' | '>') =>
            {
                if let [Frame::Object { key, expecting_key }] = frames.as_mut_slice() {
                    *key = last_string.take();
                    *expecting_key = false;
                }
            }
            ',' if groups > 0 => {}
            '/' if js && chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if js && chars.peek() == Some(&'*') => {
                chars.next();
                let mut star = false;
                for c in chars.by_ref() {
                    if star && c == '/' {
                        break;
                    }
                    star = c == '*';
                }
            }
            c if js && (c.is_alphabetic() || c == '_' || c == '$') => {
                let mut word = String::from(c);
                while let Some(&next) = chars.peek() {
                    if !(next.is_alphanumeric() || next == '_' || next == '$') {
                        break;
                    }
                    word.push(next);
                    chars.next();
                }
                last_string = Some(word);
            }
            quote @ ('"' | '\'' | '`') if quote == '"' || js => {
                let mut content = String::new();
                let mut closed = false;
                while let Some(c) = chars.next() {
                    match c {
                        c if c == quote => {
                            closed = true;
                            break;
                        }
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                content.push(escaped);
                            }
                        }
                        other => content.push(other),
                    }
                }
                if closed {
                    last_string = Some(content);
                } else {
                    in_string = true;
                }
            }
            ':' => {
                if let Some(Frame::Object { key, expecting_key }) = frames.last_mut() {
                    *key = last_string.take();
                    *expecting_key = false;
                }
            }
            ',' => match frames.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            '{' => {
                opened = true;
                frames.push(Frame::Object {
                    key: None,
                    expecting_key: true,
                });
            }
            '[' => {
                opened = true;
                frames.push(Frame::Array { index: 0 });
            }
            '}' | ']' => {
                frames.pop();
            }
            _ => {}
        }
    }
    let (last, outer) = frames.split_last()?;
    let slot = match last {
        Frame::Object {
            expecting_key: true,
            ..
        } => Slot::Key {
            container: pointer_of(outer),
        },
        _ => Slot::Value {
            pointer: pointer_of(&frames),
        },
    };
    Some(Cursor { slot, in_string })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(text: &str) -> Cursor {
        let offset = text.find('|').unwrap();
        at(&text.replace('|', ""), offset).unwrap()
    }

    #[test]
    fn knows_keys_from_values_in_half_typed_documents() {
        assert_eq!(
            cursor(r#"{"billing_address": {"co|"#).slot,
            Slot::Key {
                container: "/billing_address".into()
            }
        );
        assert!(cursor(r#"{"billing_address": {"co|"#).in_string);
        assert_eq!(
            cursor(r#"{"billing_currency": "|"#).slot,
            Slot::Value {
                pointer: "/billing_currency".into()
            }
        );
        assert_eq!(
            cursor(r#"{"allowed_payment_method_types": ["credit", |"#).slot,
            Slot::Value {
                pointer: "/allowed_payment_method_types/1".into()
            }
        );
        assert_eq!(
            cursor(r#"{"product_cart": [{"quantity": 1}, {|"#).slot,
            Slot::Key {
                container: "/product_cart/1".into()
            }
        );
        assert_eq!(
            cursor("{|").slot,
            Slot::Key {
                container: String::new()
            }
        );
    }

    #[test]
    fn reads_javascript_literals_with_bare_keys_quotes_and_comments() {
        let js = |text: &str| {
            let offset = text.find('|').unwrap();
            in_js_literal(&text[..offset])
        };
        assert_eq!(
            js("{ billing_address: { // note: {\n co|").unwrap().slot,
            Slot::Key {
                container: "/billing_address".into()
            }
        );
        let value = js("{ product_cart: [], billing_currency: '|").unwrap();
        assert_eq!(
            value.slot,
            Slot::Value {
                pointer: "/billing_currency".into()
            }
        );
        assert!(value.in_string);
        assert!(js("{ a: 1 } |").is_none(), "the literal closed");
    }

    #[test]
    fn reads_python_keyword_arguments() {
        let py = |text: &str| {
            let offset = text.find('|').unwrap();
            in_python_call(&text[..offset])
        };
        assert_eq!(
            py("\n    product_cart=[], # a, b=\n    bil|").unwrap().slot,
            Slot::Key {
                container: String::new()
            }
        );
        assert_eq!(
            py("product_cart=f(a, b), billing_address={'co|")
                .unwrap()
                .slot,
            Slot::Key {
                container: "/billing_address".into()
            }
        );
        assert_eq!(
            py("billing_currency=\"|").unwrap().slot,
            Slot::Value {
                pointer: "/billing_currency".into()
            }
        );
        assert!(py("product_cart=[]) |").is_none(), "the call closed");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text_or_offset(text in "\\PC{0,80}", offset in 0usize..100) {
            let _ = at(&text, offset);
        }
    }
}
