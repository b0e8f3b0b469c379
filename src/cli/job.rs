//! [`Job`]: one input and the linter its config gives it — what `check` lints and `fixes`
//! rewrites, in a module of its own so neither imports the other.

use std::sync::Arc;

use super::inputs::Input;
use crate::Linter;

/// One unit of work: where the payload comes from, its name in output, and its linter.
pub(super) struct Job {
    pub(super) input: Input,
    pub(super) name: String,
    pub(super) linter: Arc<Linter>,
    /// A walked JSON file: linted only when it looks like a checkout payload.
    pub(super) detect: bool,
}
