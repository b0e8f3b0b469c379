//! "Did you mean …?": the closest candidate by edit distance.

/// The candidate closest to `word`, if it is close enough to be a plausible typo: case
/// differences are free to spot (`usd` → `USD`), and otherwise at most a third of the word may
/// differ.
pub(crate) fn closest<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate.to_lowercase() == lower {
            return Some(candidate);
        }
        let (word_len, candidate_len) = (word.chars().count(), candidate.chars().count());
        let limit = (word_len.max(candidate_len) / 3).max(1);
        // The distance is at least the difference in length: most candidates end here.
        if word_len.abs_diff(candidate_len) > limit {
            continue;
        }
        // Damerau: a swapped pair of letters (`biling_adress`, `qunatity`) is one edit.
        let distance = strsim::damerau_levenshtein(&lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Prefix-aware closest match: `credit_card` → `credit` (a candidate that the word starts with
/// after a separator), else [`closest`].
pub(crate) fn closest_or_prefix<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str> + Clone,
) -> Option<&'c str> {
    closest(word, candidates.clone()).or_else(|| {
        let lower = word.to_lowercase();
        candidates
            .into_iter()
            .filter(|c| {
                lower.len() > c.len()
                    && lower.starts_with(&c.to_lowercase())
                    && matches!(lower.as_bytes().get(c.len()), Some(b'_' | b'-' | b' '))
            })
            .max_by_key(|c| c.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_and_case() {
        let fields = ["billing_address", "billing_currency", "customer"];
        assert_eq!(closest("billing_adress", fields), Some("billing_address"));
        assert_eq!(closest("usd", ["EUR", "USD"]), Some("USD"));
        assert_eq!(closest("zzzzzz", fields), None);
        // A swapped pair is one edit: a word of 8 letters may differ by 2.
        assert_eq!(closest("cutsomre", fields), Some("customer"));
        assert_eq!(
            closest_or_prefix("credit_card", ["credit", "debit", "ach"]),
            Some("credit")
        );
    }
}
