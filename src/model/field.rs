//! [`Field`]: what the payload says of one field — absent, unknown, or known.

use crate::span::Span;

/// One field of the request as the source shows it.
///
/// There is deliberately no `is_none`: a rule that reasons about absence must say which absence
/// it means — [`Field::is_absent`] (certainly not sent) or "not seen" (`seen().is_none()`,
/// which includes values computed at run time) — so the compiler lists every such rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Field<T> {
    /// Not in the payload (or `null`, `undefined`, or a value that failed the schema).
    #[default]
    Absent,
    /// Present, or possibly present, with a value not known statically: a variable, a call, a
    /// spread that may hold it. The span is the value's, or the open container's.
    Unknown(Span),
    /// Known, but only in part: a list or object with a spread or an unknown item, whose
    /// visible items are certain and whose whole is not.
    Partial(T),
    /// Known completely.
    Known(T),
}

impl<T> Field<T> {
    /// The value as far as it can be seen: known, or known in part.
    pub fn seen(&self) -> Option<&T> {
        match self {
            Self::Known(value) | Self::Partial(value) => Some(value),
            Self::Absent | Self::Unknown(_) => None,
        }
    }

    /// The value when nothing of it is hidden: what a rule about the whole ("lacks credit",
    /// "is empty") needs.
    pub fn whole(&self) -> Option<&T> {
        match self {
            Self::Known(value) => Some(value),
            _ => None,
        }
    }

    /// Certainly not sent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Sent, or possibly sent, with a value that is not known.
    pub fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown(_))
    }

    pub fn as_ref(&self) -> Field<&T> {
        match self {
            Self::Absent => Field::Absent,
            Self::Unknown(span) => Field::Unknown(*span),
            Self::Partial(value) => Field::Partial(value),
            Self::Known(value) => Field::Known(value),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        self.and_then(|value| Field::Known(f(value)))
    }

    /// Reads further into a seen value; what is read from a partial value stays partial.
    pub fn and_then<U>(self, f: impl FnOnce(T) -> Field<U>) -> Field<U> {
        match self {
            Self::Absent => Field::Absent,
            Self::Unknown(span) => Field::Unknown(span),
            Self::Known(value) => f(value),
            Self::Partial(value) => match f(value) {
                Field::Known(inner) => Field::Partial(inner),
                other => other,
            },
        }
    }

    /// The value, marked as known only in part when `partial`.
    pub(crate) fn partial_if(self, partial: bool) -> Self {
        match self {
            Self::Known(value) if partial => Self::Partial(value),
            other => other,
        }
    }
}

impl<T: Copy> Field<T> {
    /// [`Field::seen`], copied: the usual way to read a scalar.
    pub fn get(&self) -> Option<T> {
        self.seen().copied()
    }
}

impl<T> From<Option<T>> for Field<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Absent, Self::Known)
    }
}
