//! `invalid-zipcode`: a postal code whose shape cannot be right for the billing country.

use super::{Context, Finding, Findings};
use crate::text::quote;

declare_rule!(
    InvalidZipcode,
    "invalid-zipcode",
    Warning,
    "billing_address.zipcode does not have the shape of a postal code of its country (US, CA, GB, IN, DE, FR, AU)."
);

/// A postal-code shape: a test on the trimmed code, and an example for the message.
type Shape = (fn(&[u8]) -> bool, &'static str);

/// Shapes where they are well defined. Hand-written rather than regexes: compiling even these
/// small patterns cost more than the rest of a one-file lint.
fn shape(country: &str) -> Option<Shape> {
    Some(match country {
        "US" => (
            |code| pattern(code, b"99999") || pattern(code, b"99999-9999"),
            "94103 or 94103-1234",
        ),
        "CA" => (
            |code| pattern(code, b"A9A 9A9") || pattern(code, b"A9A9A9"),
            "K1A 0B1",
        ),
        "GB" => (is_uk_postcode, "SW1A 1AA"),
        // Indian PIN codes do not start with 0.
        "IN" => (
            |code| pattern(code, b"999999") && code.first() != Some(&b'0'),
            "560001",
        ),
        "DE" => (|code| pattern(code, b"99999"), "10115"),
        "FR" => (|code| pattern(code, b"99999"), "75001"),
        "AU" => (|code| pattern(code, b"9999"), "2000"),
        _ => return None,
    })
}

/// Position by position: `A` a letter, `9` a digit, any other byte itself.
fn pattern(code: &[u8], shape: &[u8]) -> bool {
    code.len() == shape.len()
        && code.iter().zip(shape).all(|(byte, kind)| match kind {
            b'A' => byte.is_ascii_alphabetic(),
            b'9' => byte.is_ascii_digit(),
            literal => byte == literal,
        })
}

/// Outward code (`A9`, `A99`, `AA9`, `AA99`, `A9A`, `AA9A`), optional space, inward code `9AA`.
fn is_uk_postcode(code: &[u8]) -> bool {
    let Some(split) = code.len().checked_sub(3) else {
        return false;
    };
    let (outward, inward) = code.split_at(split);
    let outward = outward.strip_suffix(b" ").unwrap_or(outward);
    let letters = outward
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let Some(rest) = outward.get(letters..) else {
        return false;
    };
    (1..=2).contains(&letters)
        && matches!(rest, [digit] | [digit, _] if digit.is_ascii_digit())
        && rest.get(1).is_none_or(u8::is_ascii_alphanumeric)
        && pattern(inward, b"9AA")
}

fn check(ctx: &Context<'_>, findings: &mut Findings<'_>) {
    let Some(address) = ctx.session.and_then(|s| s.billing_address.seen()) else {
        return;
    };
    let (Some(country), Some(zipcode)) = (address.country.get(), address.zipcode.get()) else {
        return;
    };
    let Some((fits, example)) = shape(country.value) else {
        return;
    };
    if !fits(zipcode.value.trim().as_bytes()) {
        findings.push(
            Finding::new(
                zipcode.span,
                format!(
                    "zipcode {} is not a postal code of {}",
                    quote(zipcode.value),
                    country.value
                ),
            )
            .label(country.span, "billing country")
            .help(format!(
                "a {} postal code looks like {example}",
                country.value
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::shape;

    fn fits(country: &str, code: &str) -> bool {
        let (fits, _) = shape(country).expect("a known country");
        fits(code.as_bytes())
    }

    #[test]
    fn shapes_accept_real_codes() {
        for (country, code) in [
            ("US", "94103"),
            ("US", "94103-1234"),
            ("CA", "K1A 0B1"),
            ("CA", "k1a0b1"),
            ("GB", "SW1A 1AA"),
            ("GB", "M1 1AE"),
            ("GB", "B33 8TH"),
            ("GB", "CR2 6XH"),
            ("GB", "DN55 1PT"),
            ("GB", "W1A0AX"),
            ("IN", "560001"),
            ("DE", "10115"),
            ("FR", "75001"),
            ("AU", "2000"),
        ] {
            assert!(fits(country, code), "{country} {code}");
        }
    }

    #[test]
    fn shapes_reject_wrong_codes() {
        for (country, code) in [
            ("US", "9410"),
            ("US", "94103-123"),
            ("US", "94103 1234"),
            ("US", "9410é"),
            ("CA", "K1A 0B"),
            ("CA", "11A 0B1"),
            ("GB", "SW1A 1A"),
            ("GB", "SWXA 1AA"),
            ("GB", "1W1A 1AA"),
            ("GB", "AA"),
            ("IN", "060001"),
            ("IN", "56000"),
            ("DE", "1011"),
            ("AU", "20000"),
        ] {
            assert!(!fits(country, code), "{country} {code}");
        }
        assert!(shape("JP").is_none());
    }
}
