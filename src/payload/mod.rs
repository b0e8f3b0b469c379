//! Front-ends: finding the payloads of a file and lowering each to the payload tree
//! ([`crate::tree`]). JSON is one payload, the whole file; a source file may hold several.
//!
//! [`HostLanguage`] is the one list of languages: adding one is a variant, its extensions and
//! its front-end.

// depth, flow, print and urls are what the source front-ends share; nothing else uses them.
pub mod depth;
pub mod detect;
#[cfg(any(feature = "js", feature = "python"))]
pub(crate) mod flow;
#[cfg(feature = "js")]
pub(crate) mod js;
// Tokens for the language server's completion, the one reader so far.
#[cfg(feature = "cli")]
pub(crate) mod lexeme;
#[cfg(any(feature = "js", feature = "python"))]
pub(crate) mod print;
#[cfg(feature = "python")]
pub(crate) mod python;
pub(crate) mod suppress;
#[cfg(any(feature = "js", feature = "python"))]
pub(crate) mod urls;

pub use crate::facts::response::Call;
use crate::span::Span;
use crate::tree::Node;

/// A language payloads are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostLanguage {
    Json,
    /// JavaScript and TypeScript, with or without JSX.
    JavaScript,
    /// Python (`.pyi` stubs hold no calls, and are not read).
    Python,
}

impl HostLanguage {
    /// Every language with its file extensions (lower case, without the dot).
    pub const ALL: &'static [(HostLanguage, &'static [&'static str])] = &[
        (HostLanguage::Json, &["json"]),
        (
            HostLanguage::JavaScript,
            &["js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx"],
        ),
        (HostLanguage::Python, &["py"]),
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
            Self::Python => cfg!(feature = "python"),
        }
    }

    /// The language a code frame of the file `name` is shown as (the names syntax
    /// highlighters use: `json`, `javascript`, `jsx`, `typescript`, `tsx`).
    pub fn frame_language(name: &str) -> &'static str {
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match (Self::of(name), extension.as_deref()) {
            (Self::Json, _) => "json",
            (Self::JavaScript, Some("ts" | "mts" | "cts")) => "typescript",
            (Self::JavaScript, Some("tsx")) => "tsx",
            (Self::JavaScript, Some("jsx")) => "jsx",
            (Self::JavaScript, _) => "javascript",
            (Self::Python, _) => "python",
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
    /// The SDK call it is sent with, when it is an SDK call whose result the code reads.
    pub sent_with: Option<Call>,
    /// The fields the code reads from that call's result.
    pub reads: Vec<ResponseRead<'s>>,
}

/// `session.checkout_url`: a property read on the awaited result of an SDK call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseRead<'s> {
    pub field: &'s str,
    /// The property name as written.
    pub span: Span,
}

/// The payloads of a file in any host language: a JSON file's root (when it parses), or what
/// a source front-end finds. For editors, which look up the payload under the cursor.
pub fn find_payloads<'s>(
    name: &str,
    text: &'s str,
    arena: &'s crate::tree::Arena,
) -> Vec<Payload<'s>> {
    match HostLanguage::of(name) {
        HostLanguage::Json => crate::tree::parse(text, arena)
            .map(|root| {
                vec![Payload {
                    call: root.span,
                    root,
                    sent_with: None,
                    reads: Vec::new(),
                }]
            })
            .unwrap_or_default(),
        source => find_in_source(source, name, text, arena).payloads,
    }
}

/// What the front-end of a source language finds in a file: the one place a language is
/// mapped to its front-end. JSON, and languages whose front-end is not built, find nothing.
pub(crate) fn find_in_source<'s>(
    language: HostLanguage,
    name: &str,
    text: &'s str,
    arena: &'s crate::tree::Arena,
) -> Found<'s> {
    match language {
        #[cfg(feature = "js")]
        HostLanguage::JavaScript => js::find(name, text, arena),
        #[cfg(feature = "python")]
        HostLanguage::Python => python::find(name, text, arena),
        _ => {
            let _ = (name, text, arena);
            Found::default()
        }
    }
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
    /// Set when the file nests past a limit and was not read further.
    pub(crate) too_deep: Option<depth::TooDeep>,
}

impl Found<'_> {
    #[cfg(any(feature = "js", feature = "python"))]
    pub(crate) fn too_deep(too_deep: depth::TooDeep) -> Self {
        Self {
            too_deep: Some(too_deep),
            ..Self::default()
        }
    }
}
