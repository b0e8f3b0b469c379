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

/// [`closest`], else the one candidate that ends with the word after a separator:
/// `currency` → `billing_currency` (a field named without its prefix, as another API or an
/// older version spells it). Two such candidates are no suggestion.
pub(crate) fn closest_or_suffix<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str> + Clone,
) -> Option<&'c str> {
    closest(word, candidates.clone()).or_else(|| {
        let lower = word.to_lowercase();
        if lower.len() < 3 {
            return None;
        }
        let mut ends = candidates.into_iter().filter(|c| {
            let c = c.to_lowercase();
            c.len() > lower.len()
                && c.ends_with(&lower)
                && matches!(c.as_bytes().get(c.len() - lower.len() - 1), Some(b'_'))
        });
        let first = ends.next()?;
        ends.next().is_none().then_some(first)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_named_without_its_prefix_is_the_one_field_that_ends_so() {
        let fields = ["billing_currency", "return_url", "cancel_url", "customer"];
        assert_eq!(
            closest_or_suffix("currency", fields),
            Some("billing_currency")
        );
        // Two fields end in `_url`: no guess.
        assert_eq!(closest_or_suffix("url", fields), None);
        assert_eq!(closest_or_suffix("custmer", fields), Some("customer"));
        assert_eq!(closest_or_suffix("id", ["customer_id"]), None);
    }

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
