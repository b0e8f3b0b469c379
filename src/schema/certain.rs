//! Which schema violations are certain when the payload holds values that are not known
//! statically (see [`crate::tree::Value::Unknown`] and [`crate::tree::Extent::Open`]).
//!
//! An unknown value stands in the validated tree as an empty value of its static type, so what
//! the schema says about it, or about a container whose verdict may depend on it, is a guess.
//! A linter's worst failure is a false alarm: those guesses are dropped.

use super::{Violation, ViolationKind};
use crate::pointer::value_at;
use crate::tree::{Node, StaticType};

/// True when `violation` holds whatever the unknown values of `root` turn out to be.
pub(super) fn is_certain(root: &Node<'_>, violation: &Violation) -> bool {
    let Some(node) = value_at(root, &violation.pointer) else {
        return true;
    };
    match &violation.kind {
        // The key is written in the source: it is sent whatever the values are.
        ViolationKind::UnknownField { .. } => true,
        // An open object may hold the field in its spread.
        ViolationKind::MissingField { .. } => !node.is_open() && !node.is_unknown(),
        // A template literal is a string whatever it holds.
        ViolationKind::WrongType { .. } => node
            .as_unknown()
            .is_none_or(|unknown| unknown.kind != StaticType::Any),
        ViolationKind::NotAllowed { .. } | ViolationKind::OutOfRange { .. } => !node.is_unknown(),
        ViolationKind::Other { .. } => !node.has_unknowns(),
    }
}
