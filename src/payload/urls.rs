//! The URL of a raw request, as far as the source says it — its static text and whether it
//! names Dodo's API — in a form every front-end builds from its own syntax.

/// Where Dodo's API lives.
pub(crate) const DODO_HOST: &str = "dodopayments.com";

/// The endpoints whose bodies are checkout-session payloads.
const ENDPOINTS: &[&str] = &["/checkouts", "/checkouts/preview"];

/// How deep constants built from constants are followed.
pub(crate) const MAX_DEPTH: usize = 8;

/// The known text of a string expression, with a hole where a part is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlText {
    text: String,
    /// The text, or a constant or environment variable it is built from, names Dodo.
    dodo: bool,
}

const HOLE: char = '\u{0}';

impl UrlText {
    /// Literal text.
    pub(crate) fn literal(text: &str) -> Self {
        Self {
            dodo: text.contains(DODO_HOST),
            text: text.to_string(),
        }
    }

    /// A part whose text is not known; `dodo` when its name says it is Dodo's (an environment
    /// variable whose name mentions DODO).
    pub(crate) fn hole(dodo: bool) -> Self {
        Self {
            text: HOLE.to_string(),
            dodo,
        }
    }

    /// The environment variable `name`, as a part of a URL.
    pub(crate) fn env(name: &str) -> Self {
        Self::hole(name.to_ascii_uppercase().contains("DODO"))
    }

    /// This part followed by `next`.
    pub(crate) fn then(self, next: Self) -> Self {
        Self {
            text: self.text + &next.text,
            dodo: self.dodo || next.dodo,
        }
    }

    /// One of two values (`a ?? b`, `a if c else b`): the text of whichever has one; Dodo's
    /// when either is.
    pub(crate) fn either(left: Self, right: Self) -> Self {
        Self {
            text: if left.text.chars().all(|c| c == HOLE) {
                right.text
            } else {
                left.text
            },
            dodo: left.dodo || right.dodo,
        }
    }

    /// True for a POST target that is Dodo's checkout-session endpoint.
    pub(crate) fn is_dodo_checkouts(&self) -> bool {
        if !self.dodo {
            return false;
        }
        let tail = self.text.rsplit(HOLE).next().unwrap_or_default();
        let path = tail.split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_end_matches('/');
        ENDPOINTS.iter().any(|endpoint| path.ends_with(endpoint))
    }
}
