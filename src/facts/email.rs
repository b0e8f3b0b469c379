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
    let bytes = text.as_bytes();
    let at = memchr::memchr(b'@', bytes)?;
    let local_ok = local_part(&bytes[..at])?;
    let domain_ok = domain(&bytes[at + 1..])?;
    Some(local_ok && domain_ok)
}

/// The common alphabet's classes, by byte: what [`local_part`] and [`domain`] branch on.
const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const DOT: u8 = 2;
const HYPHEN: u8 = 3;
/// `_` and `+`: allowed in a local part only.
const LOCAL_ONLY: u8 = 4;

static CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        class[byte] = if b.is_ascii_alphanumeric() {
            ALNUM
        } else {
            match b {
                b'.' => DOT,
                b'-' => HYPHEN,
                b'_' | b'+' => LOCAL_ONLY,
                _ => OTHER,
            }
        };
        byte += 1;
    }
    class
};

/// Whether a local part in the common alphabet is well formed (1 to 64 bytes, no empty
/// dot-separated atom); `None` when a byte is outside the alphabet. One pass, one table load a
/// byte: this runs on every email of every payload.
fn local_part(local: &[u8]) -> Option<bool> {
    let mut ok = (1..=64).contains(&local.len());
    let mut atom_empty = true;
    for &byte in local {
        match CLASS[usize::from(byte)] {
            DOT => {
                ok &= !atom_empty;
                atom_empty = true;
            }
            OTHER => return None,
            _ => atom_empty = false,
        }
    }
    Some(ok && !atom_empty)
}

/// Whether a domain in the common alphabet is well formed (1 to 254 bytes, at least two
/// labels, each 1 to 63 bytes starting and ending with a letter or digit); `None` when a byte is
/// outside the alphabet.
fn domain(domain: &[u8]) -> Option<bool> {
    let mut ok = (1..=254).contains(&domain.len());
    let (mut labels, mut label_len, mut last) = (1, 0usize, DOT);
    for &byte in domain {
        let class = CLASS[usize::from(byte)];
        match class {
            DOT => {
                ok &= label_len > 0 && last == ALNUM;
                labels += 1;
                label_len = 0;
            }
            HYPHEN => {
                ok &= label_len > 0;
                label_len += 1;
            }
            ALNUM => label_len += 1,
            _ => return None,
        }
        ok &= label_len <= 63;
        last = class;
    }
    Some(ok && labels > 1 && label_len > 0 && last == ALNUM)
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
