//! The JavaScript and TypeScript front-end: oxc's parser, then two passes over the program —
//! what the file knows about Dodo ([`facts`]) and where its payloads are ([`find`]). It also
//! reads the scripts of `.vue`, `.svelte` and `.astro` components ([`embedded`]), in place.

mod adapters;
mod alternatives;
mod auth_client;
mod candidates;
mod convex;
mod embedded;
mod exports;
mod facts;
mod fallbacks;
mod fetch_wrapper;
mod find;
mod functions;
mod handlers;
mod raw_posts;
mod rebound;
mod resolve;
mod responses;
mod route_answers;
mod sends;
// Tokens for the language server's completion, the one reader so far.
#[cfg(feature = "cli")]
pub(crate) mod lexemes;
mod lower;
mod nuxt_handlers;
mod probe;
mod properties;
mod server_checkout;
mod types;
mod urls;

use oxc_allocator::Allocator;
use oxc_ast_visit::Visit;
use oxc_span::SourceType;

use super::adapter_config::ServerConfig;
use super::exports::ModuleFacts;
use super::front_end::FrontEnd;
#[cfg(feature = "cli")]
use super::lexeme::{self, Atom, KeyStyle, Lexeme, Start, last_after};
use super::needles::Needles;
use super::neighbours::Neighbours;
use super::print::{BareKeys, Syntax};
use super::routes::ModuleRoute;
use super::suppress::Suppression;
use super::{Comment, Found, depth};
use crate::span::Span;
use crate::tree::Arena;

/// JavaScript and TypeScript, with or without JSX.
pub(crate) struct JavaScript;

const SYNTAX: Syntax = Syntax {
    bare_keys: BareKeys::Identifiers,
    json_escapes: false,
};

impl FrontEnd for JavaScript {
    fn name(&self) -> &'static str {
        "javascript"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &[
            "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "vue", "svelte", "astro",
        ]
    }

    fn frame_language(&self, extension: &str) -> &'static str {
        match extension {
            "ts" | "mts" | "cts" => "typescript",
            "tsx" => "tsx",
            "jsx" => "jsx",
            // Code frames only tag their language (no highlighter reads it): the host's name.
            "vue" => "vue",
            "svelte" => "svelte",
            "astro" => "astro",
            _ => "javascript",
        }
    }

    fn find<'s>(
        &self,
        name: &str,
        text: &'s str,
        arena: &'s Arena,
        neighbours: &Neighbours,
    ) -> Found<'s> {
        find(name, text, arena, neighbours)
    }

    fn resolves_imports(&self) -> bool {
        true
    }

    fn mentions_anything(&self, bytes: &[u8]) -> bool {
        static ANY: Needles = Needles::new(&[NEEDLES, MODULE_NEEDLES]);
        ANY.any_in(bytes)
    }

    fn module_facts(&self, name: &str, text: &str, imported: bool) -> Option<ModuleFacts> {
        module_facts(name, text, imported)
    }

    fn suppression(&self, comment: Span, text: &str) -> Option<Suppression> {
        super::eslint::eslint_style(comment, text)
    }

    fn syntax(&self) -> &'static Syntax {
        &SYNTAX
    }

    #[cfg(feature = "cli")]
    fn lexemes(&self, text: &str) -> Option<Vec<Lexeme>> {
        Some(lexemes::lexemes(text))
    }

    /// The literal after `checkoutSessions.create(` or a typed declaration.
    #[cfg(feature = "cli")]
    fn payload_start(&self, lexemes: &[Lexeme]) -> Option<Start> {
        let calls = lexeme::sdk_calls("checkoutSessions");
        let calls: [&[Atom]; 2] = [&calls[0], &calls[1]];
        let opener =
            last_after(lexemes, &calls).max(last_after(lexemes, lexeme::TYPED_LITERALS))?;
        lexeme::literal_after(lexemes, opener)
    }

    #[cfg(feature = "cli")]
    fn key_style(&self, _start: Start, _top_level: bool) -> KeyStyle {
        KeyStyle::Bare
    }
}

/// Text every file with a payload contains: `checkoutSessions.create`, a `/checkouts` URL or the
/// SDK's params types. Files without any are not parsed.
const NEEDLES: &[&str] = &[
    "checkoutSessions",
    "/checkouts",
    "CheckoutSession",
    // Dodo's better-auth plugin: `authClient.dodopayments.checkoutSession(…)`, `.checkout(…)`.
    ".dodopayments.checkout",
];

/// A call of the better-auth plugin's client.
const ADAPTER_NEEDLE: &[u8] = b".dodopayments.checkout";

/// Text every module the project stage reads has: the SDK's name (a client or factory
/// module), a payload's cart (a helper), or a payload site. The rest are not parsed.
/// `checkoutHandler`: Nuxt's auto-import, called in a server file that need not name Dodo.
const MODULE_NEEDLES: &[&str] = &[
    "dodopayments",
    "product_cart",
    "checkoutSessions",
    "checkoutHandler",
];

/// One pass for what every needle contains, so the common file (none of them) is read once.
const COMMON: &str = "heckout";

fn may_hold_payload(bytes: &[u8]) -> bool {
    static COMMON_FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let common = COMMON_FINDER.get_or_init(|| memchr::memmem::Finder::new(COMMON));
    common.find(bytes).is_some()
        && NEEDLES
            .iter()
            .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

/// Prefix operators that nest without brackets (`!!!!x`, `~~~~x`). `-` and `+` are left out:
/// comment rulers (`// ------`) would count.
const PREFIX: &[u8] = b"!~";

/// True when a module may matter to other modules: it names the SDK or a payload's cart.
fn may_matter(bytes: &[u8]) -> bool {
    MODULE_NEEDLES
        .iter()
        .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

/// What the module tells the project stage; `None` for a module that mentions nothing
/// relevant (unless another imports it), nests too deep, or that the parser gives up on.
fn module_facts(name: &str, text: &str, imported: bool) -> Option<ModuleFacts> {
    let arena = Arena::for_text(0);
    let matters = |bytes: &[u8]| imported || may_matter(bytes);
    let ProgramText {
        text,
        source_type,
        options,
    } = program_text(name, text, &arena, matters).filter(|p| matters(p.text.as_bytes()))?;
    if depth::too_deep_brackets(text.as_bytes(), PREFIX).is_some() {
        return None;
    }
    depth::with_stack(text.len(), || {
        let allocator = Allocator::default();
        let parsed = oxc_parser::Parser::new(&allocator, text, source_type)
            .with_options(options)
            .parse();
        let program = &parsed.program;
        if probe::too_deep(program).is_some() {
            return None;
        }
        let facts = facts::Facts::of(program, &Neighbours::default());
        let lower = lower::Lowerer::new(text, arena.bump(), types::Types::of(program));
        let neighbours = Neighbours::default();
        let mut finder = find::Finder::new(&facts, &neighbours, &lower, program.span, text.len());
        finder.visit_program(program);
        let mut module = exports::module_facts(program, &facts);
        module.sends = finder.sends;
        module.shapes = exports::shapes(&facts, name, text);
        module.server_checkouts =
            server_checkout::server_checkouts(program, &facts.auth.server_checkouts, name, text);
        module.calls_adapter = memchr::memmem::find(text.as_bytes(), ADAPTER_NEEDLE).is_some();
        let handlers = handlers::scan(program, &facts.handlers);
        if handlers.next_post {
            module.routes.push(ModuleRoute::NextPost);
        }
        if handlers.next_default {
            module.routes.push(ModuleRoute::NextDefault);
        }
        if handlers.nuxt_default {
            module.routes.push(ModuleRoute::NuxtDefault);
        }
        module
            .routes
            .extend(handlers.express.into_iter().map(ModuleRoute::Express));
        // `fetch(` is also in ofetch's `$fetch(`.
        module.posts = ["fetch(", "axios", "$fetch", "useFetch"]
            .iter()
            .any(|needle| memchr::memmem::find(text.as_bytes(), needle.as_bytes()).is_some());
        Some(module)
    })
    .flatten()
}

/// The payloads of one source file, with its comments (for suppressions).
fn find<'s>(name: &str, text: &'s str, arena: &'s Arena, neighbours: &Neighbours) -> Found<'s> {
    // Payload sites, helpers another file sends, calls of imported clients and wrappers.
    let relevant = |bytes: &[u8]| {
        may_hold_payload(bytes)
            || !neighbours.routes.is_empty()
            // The better-auth plugin's server config (its products are linted where written)
            // and Dodo's Convex component, whose `checkout` is called where it is made.
            || memchr::memmem::find(bytes, b"@dodopayments/").is_some()
            || !neighbours.sent.is_empty()
            || neighbours
                .imported
                .keys()
                .any(|name| memchr::memmem::find(bytes, name.as_bytes()).is_some())
    };
    if !relevant(text.as_bytes()) {
        return Found::default();
    }
    let Some(program_text) = program_text(name, text, arena, relevant) else {
        return Found::default();
    };
    if let Some(too_deep) = depth::too_deep_brackets(program_text.text.as_bytes(), PREFIX) {
        return Found::too_deep(too_deep);
    }
    // A parser defect must not end the run over a repository's other files: a file the parser
    // panics on is a file without payloads (the panic hook has already said what happened).
    depth::with_stack(text.len(), || {
        parse_and_find(program_text, arena, neighbours)
    })
    .unwrap_or_default()
}

/// The text oxc parses, and how: the file itself, or a component's scripts in place.
#[derive(Clone, Copy)]
struct ProgramText<'s> {
    text: &'s str,
    source_type: SourceType,
    options: oxc_parser::ParseOptions,
}

/// The file's program text; `None` for a component whose scripts fail `needed` (the needles
/// are only in the markup: nothing to copy or parse).
fn program_text<'s>(
    name: &str,
    text: &'s str,
    arena: &'s Arena,
    needed: impl Fn(&[u8]) -> bool,
) -> Option<ProgramText<'s>> {
    let host = embedded::Host::of(name);
    let (text, source_type) = match host {
        None => (text, source_type(name)),
        Some(host) => {
            let scripts = embedded::scripts(host, text);
            let bytes = text.as_bytes();
            let in_scripts = scripts
                .regions
                .iter()
                .any(|region| bytes.get(region.clone()).is_some_and(&needed));
            if !in_scripts {
                return None;
            }
            // The scripts where they are in the host file, everything else blank: spans need
            // no translation, and string values borrow from bytes equal to the host's.
            let blanked = arena
                .bump()
                .alloc_str(&embedded::blank(text, &scripts.regions));
            (&*blanked, scripts.source_type())
        }
    };
    let options = oxc_parser::ParseOptions {
        // Astro's frontmatter may `return Astro.redirect(…)` at its top level.
        allow_return_outside_function: host == Some(embedded::Host::Astro),
        ..oxc_parser::ParseOptions::default()
    };
    Some(ProgramText {
        text,
        source_type,
        options,
    })
}

fn parse_and_find<'s>(
    program_text: ProgramText<'s>,
    arena: &'s Arena,
    neighbours: &Neighbours,
) -> Found<'s> {
    let ProgramText {
        text,
        source_type,
        options,
    } = program_text;
    let allocator = Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, source_type)
        .with_options(options)
        .parse();
    // Syntax errors are the compiler's to report; what the parser recovered is still linted.
    let program = &parsed.program;
    if let Some(too_deep) = probe::too_deep(program) {
        return Found::too_deep(too_deep);
    }
    let facts = facts::Facts::of(program, neighbours);
    let lower = lower::Lowerer::new(text, arena.bump(), types::Types::of(program));
    let mut finder = find::Finder::new(&facts, neighbours, &lower, program.span, text.len());
    // The project's server config, or this file's own (a file linted alone).
    finder.server = neighbours.server.clone().or_else(|| {
        let here =
            server_checkout::server_checkouts(program, &facts.auth.server_checkouts, "", text);
        ServerConfig::only(
            here.into_iter()
                .map(|checkout| ServerConfig {
                    file: None,
                    checkout,
                })
                .collect(),
        )
    });
    finder.visit_program(program);
    finder.sent_helpers();
    for (at, misuse) in handlers::scan(program, &facts.handlers).misuses {
        finder.misuse(at, misuse);
    }
    let comments = program
        .comments
        .iter()
        .map(|comment| Comment {
            span: lower::span_of(comment.span),
        })
        .collect();
    Found {
        payloads: finder.flow.payloads,
        comments,
        ..Found::default()
    }
}

fn source_type(name: &str) -> SourceType {
    // The registry claims extensions in any case (`Checkout.TSX`); the parser's mode follows.
    let extension = name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "ts" | "mts" | "cts" => SourceType::ts(),
        "tsx" => SourceType::tsx(),
        // JSX is common in .js files of React projects; plain scripts parse the same with it.
        _ => SourceType::jsx().with_module(extension != "cjs"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parser_mode_follows_the_extension_in_any_case() {
        assert!(source_type("a/Checkout.TSX").is_typescript());
        assert!(source_type("a/route.Ts").is_typescript());
        assert!(source_type("a/page.jsx").is_module());
    }

    #[test]
    fn the_front_end_claims_every_host_of_embedded_scripts() {
        let claimed = JavaScript.extensions();
        assert!(
            embedded::EXTENSIONS
                .iter()
                .all(|host| claimed.contains(host))
        );
    }

    #[test]
    fn every_needle_holds_the_common_part() {
        assert!(NEEDLES.iter().all(|needle| needle.contains(COMMON)));
        assert!(may_hold_payload(b"x.checkoutSessions.create({})"));
        assert!(!may_hold_payload(b"checkout the docs"));
    }
}
