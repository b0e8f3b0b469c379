//! How deep a source file may nest, and the stack its front-end runs on.
//!
//! Parsers and AST visitors recurse once per level of nesting, and a stack overflow aborts the
//! process: no `catch_unwind` stops it, and every other file's findings are lost. So a file is
//! measured before it is parsed (brackets, and runs of prefix operators, the two shapes that
//! nest without bound in a few bytes), its tree is measured again by a bounded probe before
//! any other visitor walks it, and parsing and visiting run on a stack of their own, sized for
//! what the file could hold at most (see [`with_stack`]).

use crate::span::Span;

/// The deepest bracket nesting (`(`, `[`, `{`, counted as written, strings and comments
/// included) a source file may have. Hand-written code stays far below (CPython refuses 200
/// nested parentheses); a file past it is reported and not parsed.
pub(crate) const MAX_NESTING: usize = 256;

/// The deepest syntax tree (expressions, statements, types, patterns, JSX elements nested in
/// each other) a parsed file may have before its payloads are looked for. Chains such as
/// `a.b.c…`, `a + b + …` or `else if …` nest without brackets.
pub(crate) const MAX_TREE_DEPTH: usize = 1_000;

#[cfg(any(feature = "js", feature = "python", feature = "go"))]
/// Stack per byte of the file: the parsers spend at most about this much per level of
/// recursion, and a level needs at least one byte, so no file within its stack can overflow
/// it, whatever the measures above miss.
const STACK_PER_BYTE: usize = 2 << 10;
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
/// The smallest and largest stacks a front-end runs on (address space, committed only as used).
const MIN_STACK: usize = 16 << 20;
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
const MAX_STACK: usize = 1 << 30;

/// The stack of a thread that parses many files (the project stage's and the lint's workers):
/// its own frames' 8 MiB plus the stack a file of up to 32 KiB needs at [`STACK_PER_BYTE`].
/// Such a file then runs on the thread's stack, and [`with_stack`] maps nothing: a stack
/// mapped and unmapped per file cost more than parsing most files (the unmap stalls every
/// core for a TLB flush, and the two workers queue on the address-space lock).
/// Address space only: a page is committed when the recursion first reaches it.
#[cfg(feature = "cli")]
pub(crate) const WORKER_STACK: usize = (8 << 20) + (32 << 10) * STACK_PER_BYTE;

/// Why a file was not parsed: it nests past a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// What nests: brackets (before parsing) or the syntax tree.
    pub what: Nesting,
    /// The limit it passed.
    pub limit: usize,
    /// Where the limit was passed.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nesting {
    Brackets,
    Tree,
    /// The file is larger than the stack can cover at its bound per byte ([`MAX_SOURCE`]).
    Size,
}

/// The largest source file the front-ends parse: past it, no stack within [`MAX_STACK`] keeps
/// the bound per byte, and a hand-written file with a payload is never this large (bundles and
/// generated code are).
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
pub const MAX_SOURCE: usize = MAX_STACK / STACK_PER_BYTE;

/// The first place where `bytes` nests past [`MAX_NESTING`]: a bracket opened that deep, or
/// a run of prefix operators (`!!!!x`, `- - - x`; `prefix` lists the language's) that long
/// on top of the brackets around it. Closing brackets never go below zero.
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
pub(crate) fn too_deep_brackets(bytes: &[u8], prefix: &[u8]) -> Option<TooDeep> {
    if bytes.len() > MAX_SOURCE {
        return Some(TooDeep {
            what: Nesting::Size,
            limit: MAX_SOURCE,
            span: Span::new(0, 0),
        });
    }
    let mut depth = 0usize;
    let mut run = 0usize;
    for (at, &byte) in bytes.iter().enumerate() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                run = 0;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                run = 0;
            }
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ if prefix.contains(&byte) => run += 1,
            _ => run = 0,
        }
        if depth + run > MAX_NESTING {
            return Some(TooDeep {
                what: Nesting::Brackets,
                limit: MAX_NESTING,
                span: Span::new(at, 1),
            });
        }
    }
    None
}

/// Runs `f` (a parse and the visits of its tree) on a stack of its own, sized for a text of
/// `len` bytes; a panic in it (a parser defect on odd input) is caught and is `None`. The
/// stack is mapped, not touched: memory is used only as deep as the recursion goes.
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
pub(crate) fn with_stack<R>(len: usize, f: impl FnOnce() -> R) -> Option<R> {
    let size = len
        .saturating_mul(STACK_PER_BYTE)
        .clamp(MIN_STACK, MAX_STACK);
    let run = std::panic::AssertUnwindSafe(f);
    // A failed mapping (address space refused) panics in stacker: caught as well, and the
    // file is skipped rather than the process ended.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        stacker::maybe_grow(size, size, || std::panic::catch_unwind(run).ok())
    }))
    .ok()
    .flatten()
}

/// Counts the depth of a visit; `enter` is false once past [`MAX_TREE_DEPTH`], and the first
/// place that happened is kept.
#[cfg(any(feature = "js", feature = "python", feature = "go"))]
#[derive(Debug, Default)]
pub(crate) struct DepthProbe {
    depth: usize,
    pub(crate) too_deep: Option<TooDeep>,
}

#[cfg(any(feature = "js", feature = "python", feature = "go"))]
impl DepthProbe {
    /// Enters a node at `span`: true when the visit may go into it (then [`DepthProbe::leave`]
    /// must follow).
    pub(crate) fn enter(&mut self, span: Span) -> bool {
        if self.too_deep.is_some() {
            return false;
        }
        if self.depth >= MAX_TREE_DEPTH {
            self.too_deep = Some(TooDeep {
                what: Nesting::Tree,
                limit: MAX_TREE_DEPTH,
                span: Span::new(span.start(), 0),
            });
            return false;
        }
        self.depth += 1;
        true
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

#[cfg(all(test, any(feature = "js", feature = "python", feature = "go")))]
mod tests {
    use super::*;

    #[test]
    fn brackets_count_as_written_and_prefix_runs_add_to_them() {
        let deep = "(".repeat(MAX_NESTING + 1);
        let found = too_deep_brackets(deep.as_bytes(), b"!").unwrap();
        assert_eq!(found.span, Span::new(MAX_NESTING, 1));
        let closed = "()".repeat(10 * MAX_NESTING);
        assert_eq!(too_deep_brackets(closed.as_bytes(), b"!"), None);
        let bangs = format!("f({}x)", "! ".repeat(MAX_NESTING));
        assert!(too_deep_brackets(bangs.as_bytes(), b"!").is_some());
        assert_eq!(too_deep_brackets(bangs.as_bytes(), b"~"), None);
        // Stray closers never make later openers count less.
        let stray = format!("{}{}", ")".repeat(50), "[".repeat(MAX_NESTING + 1));
        assert!(too_deep_brackets(stray.as_bytes(), b"").is_some());
    }

    #[test]
    fn a_panic_inside_is_contained() {
        assert_eq!(with_stack(10, || 7), Some(7));
        let caught: Option<()> = with_stack(10, || panic!("parser defect"));
        assert_eq!(caught, None);
    }
}
