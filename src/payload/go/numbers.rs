//! Go's number literals as JSON text: `1_000` → `1000`, `0x1F` → `31`, `0o17` and `017` →
//! `15`, `0b11` → `3`, `1.` → `1.0`, `.5` → `0.5`. Hexadecimal floats and imaginary numbers are
//! not JSON numbers (`None`: the value is an unknown number).

/// The JSON text of a Go int or float literal.
pub(super) fn json_number(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|&c| c != '_').collect();
    let lower = digits.to_ascii_lowercase();
    let integer = |text: &str, radix: u32| {
        u128::from_str_radix(text, radix)
            .ok()
            .map(|n| n.to_string())
    };
    if let Some(hex) = lower.strip_prefix("0x") {
        // `0x1p-2` is a hexadecimal float.
        return if hex.contains(['p', '.']) {
            None
        } else {
            integer(hex, 16)
        };
    }
    if let Some(binary) = lower.strip_prefix("0b") {
        return integer(binary, 2);
    }
    if let Some(octal) = lower.strip_prefix("0o") {
        return integer(octal, 8);
    }
    if lower.ends_with('i') {
        return None;
    }
    let is_float = lower.contains(['.', 'e']);
    if !is_float {
        return if lower.len() > 1 && lower.starts_with('0') {
            integer(&lower[1..], 8)
        } else {
            integer(&lower, 10)
        };
    }
    if lower.parse::<serde_json::Number>().is_ok() {
        return Some(lower);
    }
    let float: f64 = lower.parse().ok()?;
    if !float.is_finite() {
        return None;
    }
    Some(if float.fract() == 0.0 && float.abs() < 1e21 {
        format!("{float:.1}")
    } else {
        format!("{float}")
    })
}

#[cfg(test)]
mod tests {
    use super::json_number;

    #[test]
    fn go_literals_read_as_json_numbers() {
        let cases = [
            ("0", "0"),
            ("1_000", "1000"),
            ("0x1F", "31"),
            ("0o17", "15"),
            ("017", "15"),
            ("0b11", "3"),
            ("1.5", "1.5"),
            ("1.", "1.0"),
            (".5", "0.5"),
            ("1e3", "1e3"),
            ("9223372036854775807", "9223372036854775807"),
        ];
        for (go, json) in cases {
            assert_eq!(json_number(go).as_deref(), Some(json), "{go}");
        }
        assert_eq!(json_number("0x1p-2"), None);
        assert_eq!(json_number("2i"), None);
        assert_eq!(
            json_number("09"),
            None,
            "not an octal digit: the compiler refuses it"
        );
    }
}
