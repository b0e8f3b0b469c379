//! Languages the checkout page can be forced to (Checkout Sessions docs, `force_language`).

pub(crate) const DOCUMENTED: [&str; 22] = [
    "ar", "ca", "de", "en", "es", "fr", "he", "id", "it", "ja", "ka", "ko", "ms", "nl", "pl", "pt",
    "ro", "ru", "sv", "th", "tr", "zh",
];

pub(crate) fn is_documented(code: &str) -> bool {
    DOCUMENTED.contains(&code)
}
