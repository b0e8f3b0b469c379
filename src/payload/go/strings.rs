//! Go's string literals: an interpreted string's escapes (`\n`, `\"`, `\u00e9`, `\x41`, `\101`)
//! and a raw string's text (carriage returns dropped, as the compiler drops them).

use std::borrow::Cow;

/// The value of an interpreted string literal's inside; `None` for an escape the compiler
/// refuses, or bytes that are not UTF-8 (`"\xff"`: not a JSON string).
pub(super) fn go_string(inner: &str) -> Option<Cow<'_, str>> {
    if !inner.contains('\\') {
        return Some(Cow::Borrowed(inner));
    }
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buffer = [0; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            continue;
        }
        let escaped = chars.next()?;
        let simple = match escaped {
            'a' => Some(0x07),
            'b' => Some(0x08),
            'f' => Some(0x0c),
            'n' => Some(b'\n'),
            'r' => Some(b'\r'),
            't' => Some(b'\t'),
            'v' => Some(0x0b),
            '\\' => Some(b'\\'),
            '\'' => Some(b'\''),
            '"' => Some(b'"'),
            _ => None,
        };
        if let Some(byte) = simple {
            bytes.push(byte);
            continue;
        }
        match escaped {
            'x' => bytes.push(u8::from_str_radix(&take(&mut chars, 2)?, 16).ok()?),
            'u' | 'U' => {
                let digits = take(&mut chars, if escaped == 'u' { 4 } else { 8 })?;
                let c = char::from_u32(u32::from_str_radix(&digits, 16).ok()?)?;
                let mut buffer = [0; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
            '0'..='7' => {
                let rest = take(&mut chars, 2)?;
                bytes.push(u8::from_str_radix(&format!("{escaped}{rest}"), 8).ok()?);
            }
            _ => return None,
        }
    }
    String::from_utf8(bytes).ok().map(Cow::Owned)
}

fn take(chars: &mut std::str::Chars<'_>, count: usize) -> Option<String> {
    let taken: String = chars.by_ref().take(count).collect();
    (taken.chars().count() == count).then_some(taken)
}

/// The value of a raw string literal's inside.
pub(super) fn raw_string(inner: &str) -> String {
    inner.replace('\r', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_read_as_the_compiler_reads_them() {
        assert_eq!(go_string("plain").as_deref(), Some("plain"));
        assert_eq!(go_string(r#"a\"b\\c\n"#).as_deref(), Some("a\"b\\c\n"));
        assert_eq!(
            go_string(r"\u00e9\U0001F600\x41\101").as_deref(),
            Some("é😀AA")
        );
        assert_eq!(go_string(r"\xff"), None, "not UTF-8");
        assert_eq!(go_string(r"\q"), None);
        assert_eq!(go_string(r"\u12"), None);
        assert_eq!(raw_string("a\r\nb"), "a\nb");
    }
}
