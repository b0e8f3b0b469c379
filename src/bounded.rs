//! Keeping the first `limit` of many items by a key, in memory bounded by `limit`: how a file
//! with millions of findings costs no more than one with ten thousand.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The `limit` smallest items pushed, by `key`; the rest are counted, not kept.
pub(crate) struct Bounded<K: Ord, T> {
    limit: usize,
    heap: BinaryHeap<Keyed<K, T>>,
    dropped: usize,
}

struct Keyed<K, T>(K, T);

impl<K: Ord, T> PartialEq for Keyed<K, T> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl<K: Ord, T> Eq for Keyed<K, T> {}
impl<K: Ord, T> PartialOrd for Keyed<K, T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<K: Ord, T> Ord for Keyed<K, T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl<K: Ord, T> Bounded<K, T> {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            limit,
            heap: BinaryHeap::new(),
            dropped: 0,
        }
    }

    /// Keeps `item` if it is among the `limit` smallest so far; returns what was let go (the
    /// largest kept one, or `item` itself), so the caller can count it.
    pub(crate) fn push(&mut self, key: K, item: T) -> Option<T> {
        if self.heap.len() < self.limit {
            self.heap.push(Keyed(key, item));
            return None;
        }
        self.dropped += 1;
        match self.heap.peek_mut() {
            Some(mut largest) if key < largest.0 => {
                let evicted = std::mem::replace(&mut *largest, Keyed(key, item));
                Some(evicted.1)
            }
            _ => Some(item),
        }
    }

    /// How many items were let go.
    pub(crate) fn dropped(&self) -> usize {
        self.dropped
    }

    /// The kept items, smallest key first.
    pub(crate) fn into_sorted(self) -> Vec<T> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|k| k.1)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Bounded;

    proptest! {
        /// Whatever the order of pushes, what is kept is the first `limit` of the sorted items.
        #[test]
        fn keeps_the_smallest(items in proptest::collection::vec(0u32..1000, 0..300), limit in 0usize..50) {
            let mut bounded = Bounded::new(limit);
            let mut let_go = 0;
            for (seq, &item) in items.iter().enumerate() {
                let_go += usize::from(bounded.push((item, seq), item).is_some());
            }
            let mut sorted = items.clone();
            sorted.sort_unstable();
            let expected: Vec<u32> = sorted.iter().copied().take(limit).collect();
            prop_assert_eq!(bounded.dropped(), items.len().saturating_sub(limit));
            prop_assert_eq!(let_go, bounded.dropped());
            prop_assert_eq!(bounded.into_sorted(), expected);
        }
    }
}
