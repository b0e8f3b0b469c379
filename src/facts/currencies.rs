//! Currencies: ISO 4217 facts (minor units) from `iso_currency`, Dodo's supported list from the
//! schema, minimum charges from Dodo's docs.

use iso_currency::Currency;

use crate::schema;

/// Minimum charge per currency in major units: the Adaptive Currency table (docs, 2026-03) plus
/// USD ("For USD, the minimum is 0.50 USD", Payment Methods docs).
const MINIMUMS: &[(&str, &str)] = &[
    ("USD", "0.50"),
    ("AED", "2.00"),
    ("ALL", "50.00"),
    ("AMD", "500.00"),
    ("ARS", "1000.00"),
    ("AUD", "0.50"),
    ("AWG", "2.00"),
    ("AZN", "2.00"),
    ("BAM", "2.00"),
    ("BDT", "100.00"),
    ("BMD", "1.00"),
    ("BND", "1.00"),
    ("BOB", "5.00"),
    ("BRL", "0.50"),
    ("BSD", "1.00"),
    ("BWP", "15.00"),
    ("BZD", "2.00"),
    ("CAD", "0.50"),
    ("CHF", "0.50"),
    ("CLP", "1000.00"),
    ("CNY", "4.00"),
    ("CRC", "500.00"),
    ("CZK", "15.00"),
    ("DKK", "2.50"),
    ("DOP", "100.00"),
    ("EGP", "50.00"),
    ("ETB", "100.00"),
    ("EUR", "0.50"),
    ("FJD", "2.00"),
    ("GBP", "0.30"),
    ("GEL", "3.00"),
    ("GMD", "100.00"),
    ("GTQ", "10.00"),
    ("GYD", "200.00"),
    ("HKD", "4.00"),
    ("HNL", "25.00"),
    ("HUF", "175.00"),
    ("IDR", "8500.00"),
    ("ILS", "3.00"),
    ("INR", "5.00"),
    ("KZT", "500.00"),
    ("LKR", "300.00"),
    ("LRD", "200.00"),
    ("LSL", "20.00"),
    ("MAD", "10.00"),
    ("MKD", "50.00"),
    ("MOP", "10.00"),
    ("MUR", "50.00"),
    ("MVR", "15.00"),
    ("MWK", "2000.00"),
    ("MXN", "10.00"),
    ("MYR", "4.00"),
    ("NGN", "2000.00"),
    ("NOK", "3.00"),
    ("NPR", "150.00"),
    ("NZD", "1.00"),
    ("PEN", "3.00"),
    ("PGK", "4.00"),
    ("PHP", "50.00"),
    ("PLN", "2.00"),
    ("QAR", "3.00"),
    ("RON", "2.00"),
    ("RSD", "60.00"),
    ("SAR", "2.00"),
    ("SBD", "10.00"),
    ("SCR", "15.00"),
    ("SEK", "3.00"),
    ("SGD", "0.50"),
    ("SZL", "20.00"),
    ("THB", "25.00"),
    ("TOP", "2.00"),
    ("TRY", "20.00"),
    ("TWD", "20.00"),
    ("TZS", "3000.00"),
    ("UYU", "50.00"),
    ("WST", "2.00"),
    ("ZAR", "20.00"),
    ("ZMW", "30.00"),
];

/// True for an ISO 4217 code (upper case).
pub(crate) fn is_iso(code: &str) -> bool {
    Currency::from_code(code).is_some()
}

/// True for a currency in Dodo's `Currency` enum.
pub(crate) fn is_supported(code: &str) -> bool {
    schema::document()["$defs"]["Currency"]["enum"]
        .as_array()
        .is_some_and(|codes| codes.iter().any(|c| c == code))
}

/// Digits after the decimal point (2 for USD, 0 for JPY, 3 for KWD); 2 when unknown.
pub(crate) fn minor_unit_digits(code: &str) -> u32 {
    Currency::from_code(code)
        .and_then(|c| c.exponent())
        .map_or(2, u32::from)
}

/// The documented minimum charge in minor units, when Dodo documents one.
pub(crate) fn minimum_charge(code: &str) -> Option<i64> {
    let (_, major) = MINIMUMS.iter().find(|(c, _)| *c == code)?;
    to_minor(major, minor_unit_digits(code))
}

/// "2.50" with 2 digits → 250; "1000.00" with 0 digits → 1000.
fn to_minor(major: &str, digits: u32) -> Option<i64> {
    let (whole, fraction) = major.split_once('.').unwrap_or((major, ""));
    let mut minor: i64 = whole.parse().ok()?;
    let fraction: Vec<u32> = fraction.chars().filter_map(|c| c.to_digit(10)).collect();
    for index in 0..digits as usize {
        minor = minor * 10 + i64::from(fraction.get(index).copied().unwrap_or(0));
    }
    Some(minor)
}

/// Minor units as a decimal amount with the code: `5001, USD` → "50.01 USD".
pub(crate) fn format_amount(minor: i64, code: &str) -> String {
    let digits = minor_unit_digits(code);
    if digits == 0 {
        return format!("{minor} {code}");
    }
    let scale = 10_i64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    let scale = scale.unsigned_abs();
    format!(
        "{sign}{}.{:0width$} {code}",
        minor / scale,
        minor % scale,
        width = digits as usize
    )
}

/// The payload fields that hold a currency code.
pub(crate) fn is_currency_field(pointer: &str) -> bool {
    pointer == "/billing_currency" || pointer == "/subscription_data/on_demand/product_currency"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimums_in_minor_units() {
        assert_eq!(minimum_charge("USD"), Some(50));
        assert_eq!(minimum_charge("CLP"), Some(1000));
        assert_eq!(minimum_charge("DKK"), Some(250));
        assert_eq!(minimum_charge("JPY"), None);
        assert_eq!(format_amount(5001, "USD"), "50.01 USD");
        assert_eq!(format_amount(1500, "JPY"), "1500 JPY");
        assert!(is_iso("AFN") && !is_supported("AFN") && is_supported("USD") && !is_iso("XYZ"));
    }
}
