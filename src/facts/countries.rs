//! Countries: ISO facts from `isocountry`, Dodo's acceptance list from its docs.

use isocountry::CountryCode;

/// Valid `CountryCode` enum values that are not in Dodo's "Countries Eligible for Payment
/// Acceptance" (docs, 2026-03): a request with one fails with `UNSUPPORTED_COUNTRY`.
pub(crate) const NOT_ACCEPTED: [&str; 23] = [
    "AF", "AQ", "BY", "CD", "CF", "CU", "HT", "IR", "KP", "LY", "MD", "ML", "MM", "PS", "RU", "SD",
    "SO", "SS", "SY", "UA", "VE", "YE", "ZW",
];

pub(crate) fn is_accepted(alpha2: &str) -> bool {
    !NOT_ACCEPTED.contains(&alpha2)
}

/// The ISO 3166-1 alpha-2 code a value most likely means: a lower-case alpha-2 code (`us`), an
/// alpha-3 code in any case (`USA`, `deu`), or the common non-ISO `UK` (→ `GB`) and `EL`
/// (Greece's EU code, → `GR`). `None` when it is none of these.
pub(crate) fn alpha2_for(value: &str) -> Option<&'static str> {
    let upper = value.trim().to_ascii_uppercase();
    match upper.as_str() {
        "UK" => return Some("GB"),
        "EL" => return Some("GR"),
        _ => {}
    }
    match upper.len() {
        2 => CountryCode::for_alpha2(&upper).ok().map(|c| c.alpha2()),
        3 => CountryCode::for_alpha3(&upper).ok().map(|c| c.alpha2()),
        _ => None,
    }
}

/// The English name of an alpha-2 code, for messages.
pub(crate) fn name(alpha2: &str) -> Option<&'static str> {
    CountryCode::for_alpha2(alpha2).ok().map(|c| c.name())
}

/// The payload fields that hold a country code.
pub(crate) fn is_country_field(pointer: &str) -> bool {
    pointer == "/billing_address/country"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_common_mistakes() {
        assert_eq!(alpha2_for("us"), Some("US"));
        assert_eq!(alpha2_for("USA"), Some("US"));
        assert_eq!(alpha2_for("deu"), Some("DE"));
        assert_eq!(alpha2_for("UK"), Some("GB"));
        assert_eq!(alpha2_for("XX"), None);
        assert_eq!(alpha2_for("United States"), None);
        assert!(!is_accepted("AF") && is_accepted("US"));
    }
}
