//! Front-ends: finding the payloads of a file and lowering each to the payload tree
//! ([`crate::tree`]). JSON is one payload, the whole file; a source file may hold several.
//!
//! [`HostLanguage`] is the one list of languages: adding one is a variant, its extensions and
//! its front-end.

#[cfg(feature = "js")]
pub(crate) mod js;
pub(crate) mod suppress;

use crate::span::Span;
use crate::tree::Node;

/// A language payloads are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostLanguage {
    Json,
    /// JavaScript and TypeScript, with or without JSX.
    JavaScript,
}

impl HostLanguage {
    /// Every language with its file extensions (lower case, without the dot).
    pub const ALL: &'static [(HostLanguage, &'static [&'static str])] = &[
        (HostLanguage::Json, &["json"]),
        (
            HostLanguage::JavaScript,
            &["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"],
        ),
    ];

    /// The language of a file by its name; JSON for anything else (stdin, `<value>`, a file
    /// named explicitly), as before front-ends existed.
    pub fn of(name: &str) -> Self {
        Self::by_extension(name).unwrap_or(Self::Json)
    }

    /// The language of a file by its extension, if it is one of [`HostLanguage::ALL`] and its
    /// front-end is built in.
    pub fn by_extension(name: &str) -> Option<Self> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        let language = Self::ALL
            .iter()
            .find(|(_, extensions)| extensions.contains(&extension.as_str()))?
            .0;
        language.is_built_in().then_some(language)
    }

    fn is_built_in(self) -> bool {
        match self {
            Self::Json => true,
            Self::JavaScript => cfg!(feature = "js"),
        }
    }

    /// The name editors and code frames use for it.
    pub fn id(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::JavaScript => "javascript",
        }
    }
}

/// One payload in a source file.
#[derive(Debug, Clone)]
pub struct Payload<'s> {
    /// Its tree; spans are in the host file.
    pub root: Node<'s>,
    /// The call or literal it was found at.
    pub call: Span,
}

/// A comment of the host file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Comment {
    pub(crate) span: Span,
}

/// What a source front-end found in a file.
#[derive(Debug, Default)]
pub(crate) struct Found<'s> {
    pub(crate) payloads: Vec<Payload<'s>>,
    pub(crate) comments: Vec<Comment>,
}
