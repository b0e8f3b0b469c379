//! One work loop for "do this to every item, on every core, and give the results back in the
//! items' order": the command line's lint of every file and the project stage's read of every
//! module. Workers take the next item from a shared counter, so a slow file never holds up the
//! ones behind it.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::payload::depth::WORKER_STACK;

/// `work` applied to each item, in the items' order; `None` only where a worker died (a panic
/// the caller decides how to report).
pub(crate) fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    map_on(items, WORKER_STACK, work)
}

/// [`map`] on workers with `stack` bytes of stack each.
fn map_on<T: Sync, R: Send>(
    items: &[T],
    stack: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    // One item (the usual pre-commit run): no thread, and no second malloc arena to grow.
    if let [item] = items {
        return vec![Some(work(item))];
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let finished: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .filter_map(|_| {
                // Room for libraries that recurse as deep as their input (module resolution
                // following a tsconfig's `extends`), and for parsing most files in place.
                let worker = std::thread::Builder::new().stack_size(stack);
                worker
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(item) = items.get(index) else { break };
                            done.push((index, work(item)));
                        }
                        done
                    })
                    .ok()
            })
            .collect();
        if handles.is_empty() {
            // Not one thread could start (a limit on threads or on address space): the work
            // is done here rather than not at all.
            return vec![items.iter().map(&work).enumerate().collect()];
        }
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    let mut results: Vec<Option<R>> = Vec::new();
    results.resize_with(items.len(), || None);
    for (index, result) in finished.into_iter().flatten() {
        if let Some(slot) = results.get_mut(index) {
            *slot = Some(result);
        }
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_the_items_order() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = map(&items, |n| n * 2);
        assert_eq!(
            doubled,
            items.iter().map(|n| Some(n * 2)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn work_is_done_on_the_calling_thread_when_no_worker_starts() {
        // No thread can have a stack larger than the address space: every spawn fails.
        let items = [1, 2, 3];
        let caller = std::thread::current().id();
        let done = map_on(&items, 1 << 60, |n| (n + 1, std::thread::current().id()));
        assert_eq!(
            done,
            [Some((2, caller)), Some((3, caller)), Some((4, caller))]
        );
    }
}
