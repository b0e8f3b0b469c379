//! The responses a [`Flow`] follows: names bound to an SDK call's result, the fields read from
//! them, and the other fields a `??` / `||` (Python `or`) chain reads beside each.

use super::ResponseRead;
use super::flow::{ChainRead, Flow, ResponseBinding, insert_sorted, visible};
use crate::span::Span;

/// The payload of a binding that holds no answer (see [`Flow::shadow`]).
const NO_ANSWER: usize = usize::MAX;

impl<'s> Flow<'s> {
    /// `name` is bound again (a declaration, a parameter) or assigned at `from`, seen in
    /// `scope`: from there on it holds none of the answers it held (`const res` of another
    /// request in a nested function is not the checkout's `res`).
    pub(crate) fn shadow(&mut self, name: &str, scope: Span, from: usize) {
        for bindings in [&mut self.responses, &mut self.wrappers] {
            if let Some(list) = bindings.get_mut(name) {
                let shadow = ResponseBinding {
                    scope,
                    from,
                    payload: NO_ANSWER,
                };
                insert_sorted(list, shadow, |b| b.from);
            }
        }
    }

    /// `name` holds the result of payload `payload`'s call from `from` on, in `scope`.
    pub(crate) fn bind_response(&mut self, name: &str, scope: Span, from: usize, payload: usize) {
        bind(&mut self.responses, name, scope, from, payload);
    }

    /// The operands of one `??` / `||` chain that read fields of names, seen before the reads
    /// themselves: each read learns the other fields its chain reads from the same name. A
    /// chain nested in another was already noted with the outer one, which keeps its operands.
    pub(crate) fn chain(&mut self, reads: &[ChainRead<'_>], arena: &'s bumpalo::Bump) {
        for read in reads {
            if self.beside.contains_key(&read.span.start()) {
                continue;
            }
            let others: Vec<&'s str> = reads
                .iter()
                .filter(|other| other.name == read.name && other.span != read.span)
                .map(|other| &*arena.alloc_str(other.field))
                .collect();
            if !others.is_empty() {
                self.beside
                    .insert(read.span.start(), arena.alloc_slice_copy(&others));
            }
        }
    }

    /// A field read on `name` at `read.span`: recorded when `name` holds a response there.
    pub(crate) fn read(&mut self, name: &str, mut read: ResponseRead<'s>) {
        let at = read.span.start();
        if let Some(beside) = self.beside.get(&at) {
            read.beside = beside;
        }
        let payload = self.bound_at(self.responses.get(name), at);
        if let Some(payload) = payload.and_then(|index| self.payloads.get_mut(index)) {
            payload.reads.push(read);
        }
    }

    /// The payload whose answer's wrapper `name` holds at `at` (`res` of `const res = await
    /// fetch(…)`).
    pub(crate) fn wrapper_at(&self, name: &str, at: usize) -> Option<usize> {
        self.bound_at(self.wrappers.get(name), at)
    }

    /// `name` holds the wrapper of payload `payload`'s answer from `from` on, in `scope`.
    pub(crate) fn bind_wrapper(&mut self, name: &str, scope: Span, from: usize, payload: usize) {
        bind(&mut self.wrappers, name, scope, from, payload);
    }

    /// The payload of the latest of `bindings` made before `at` and visible there.
    fn bound_at(&self, bindings: Option<&Vec<ResponseBinding>>, at: usize) -> Option<usize> {
        let bindings = bindings?;
        let before = bindings.partition_point(|b| b.from <= at);
        for binding in bindings[..before].iter().rev() {
            if !self.spend(1) {
                return None;
            }
            if visible(binding.scope, at) {
                return (binding.payload != NO_ANSWER).then_some(binding.payload);
            }
        }
        None
    }

    /// A field read straight from payload `index`'s result (`const { url } = await …`,
    /// `create(...).url`).
    pub(crate) fn read_of(&mut self, index: usize, read: ResponseRead<'s>) {
        if let Some(payload) = self.payloads.get_mut(index) {
            payload.reads.push(read);
        }
    }
}

/// Records that `name` holds payload `payload`'s answer (or its wrapper) from `from` on, in
/// `scope`, in the bindings kept sorted by where they start.
fn bind(
    bindings: &mut std::collections::HashMap<String, Vec<ResponseBinding>>,
    name: &str,
    scope: Span,
    from: usize,
    payload: usize,
) {
    let list = bindings.entry(name.to_string()).or_default();
    let binding = ResponseBinding {
        scope,
        from,
        payload,
    };
    insert_sorted(list, binding, |b| b.from);
}
