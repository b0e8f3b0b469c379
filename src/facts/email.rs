//! Whether `customer.email` is an address Dodo can send a receipt to: an RFC 5322 addr-spec as
//! the `email_address` crate reads it, with a dot in the domain.

use email_address::{EmailAddress, Options};

/// True when `text` is an addr-spec (no display name) whose domain has a dot.
pub(crate) fn is_deliverable(text: &str) -> bool {
    common_shape(text).unwrap_or_else(|| by_the_crate(text))
}

/// The full check. The crate scans for a display name, copies the address and splits it again
/// for `domain()`: a few thousand instructions, so it only sees what [`common_shape`] cannot
/// decide.
fn by_the_crate(text: &str) -> bool {
    EmailAddress::parse_with_options(text, Options::default().without_display_text())
        .is_ok_and(|address| address.domain().contains('.'))
}

/// The crate's answer for the addresses people write, `local@label.label`, where local is
/// `[A-Za-z0-9._+-]` and labels are `[A-Za-z0-9-]`; `None` for anything else (quotes, display
/// names, domain literals, other characters, a second `@`), which the crate then decides.
///
/// Within that alphabet the crate's rules are: a local part of 1 to 64 bytes with no empty
/// dot-separated atom; a domain of 1 to 254 bytes whose labels are 1 to 63 bytes and start and
/// end with a letter or digit. `tests::agrees_with_the_crate` holds the two together.
fn common_shape(text: &str) -> Option<bool> {
    let at = memchr::memchr(b'@', text.as_bytes())?;
    let (local, domain) = (&text.as_bytes()[..at], &text.as_bytes()[at + 1..]);
    let local_alphabet =
        |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-');
    let domain_alphabet = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    if !local.iter().all(local_alphabet) || !domain.iter().all(domain_alphabet) {
        return None;
    }
    let local_ok =
        (1..=64).contains(&local.len()) && local.split(|&b| b == b'.').all(|atom| !atom.is_empty());
    let domain_ok = (1..=254).contains(&domain.len())
        && domain.split(|&b| b == b'.').all(|label| {
            (1..=63).contains(&label.len())
                && label.first().is_some_and(u8::is_ascii_alphanumeric)
                && label.last().is_some_and(u8::is_ascii_alphanumeric)
        });
    Some(local_ok && domain_ok && domain.contains(&b'.'))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn everyday_addresses() {
        assert!(is_deliverable("customer@example.com"));
        assert!(is_deliverable("first.last+tag@mail.example.co.uk"));
        assert!(is_deliverable("\"quoted@local\"@example.com"));
        assert!(!is_deliverable("customer@localhost"));
        assert!(!is_deliverable("customer.example.com"));
        assert!(!is_deliverable("a..b@example.com"));
        assert!(!is_deliverable("a@-example.com"));
        assert!(!is_deliverable("Ada <ada@example.com>"));
        assert!(!is_deliverable(""));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// The fast path decides exactly what the crate decides, wherever it decides at all.
        #[test]
        fn agrees_with_the_crate(text in "[a-zA-Z0-9._+@\"<> -]{0,12}@[a-zA-Z0-9.-]{0,12}|[a-z.]{60,70}@[a-z.]{0,8}|[a-z]{1,3}@[a-z-]{58,68}\\.[a-z]{1,3}") {
            if let Some(fast) = common_shape(&text) {
                prop_assert_eq!(fast, by_the_crate(&text), "{}", text);
            }
        }
    }
}
