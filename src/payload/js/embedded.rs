//! Scripts embedded in a host file: a `.vue` or `.svelte` component's `<script>` blocks, an
//! `.astro` component's frontmatter and `<script>` blocks — found as oxc's `PartialLoader` finds
//! them. The scripts are not cut out: [`blank`] keeps the host file's length and lines and
//! replaces everything else with spaces, so every span the JavaScript front-end makes is already
//! a span of the host file (payloads, suppressions, fixes and code frames need no translation).

use std::ops::Range;

use memchr::memmem;
use oxc_span::SourceType;

/// A host language whose files hold scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Host {
    Vue,
    Svelte,
    Astro,
}

/// The extensions of hosts (lower case): the front-end claims them.
pub(super) const EXTENSIONS: &[&str] = &["vue", "svelte", "astro"];

impl Host {
    /// The host a file name's extension (in any case) names.
    pub(super) fn of(name: &str) -> Option<Self> {
        let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let (_, extension) = file.rsplit_once('.')?;
        [Self::Vue, Self::Svelte, Self::Astro]
            .into_iter()
            .zip(EXTENSIONS)
            .find(|(_, claimed)| claimed.eq_ignore_ascii_case(extension))
            .map(|(host, _)| host)
    }
}

/// The script regions of a host file, in order and without overlap, and the languages they are
/// written in.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Scripts {
    /// Byte ranges of the host file; each starts and ends at an ASCII delimiter (`>`, `<`, a
    /// line break or `---`), so each is whole UTF-8.
    pub(super) regions: Vec<Range<usize>>,
    pub(super) typescript: bool,
    pub(super) jsx: bool,
}

impl Scripts {
    /// How the blanked text parses: one program for all blocks, in the widest mode any block
    /// asks for. A block without `lang` is a plain module, as oxc reads it (JSX in a component's
    /// plain `<script>` is rare, and `a <b` comparisons are not).
    pub(super) fn source_type(&self) -> SourceType {
        match (self.typescript, self.jsx) {
            (true, true) => SourceType::tsx(),
            (true, false) => SourceType::ts(),
            (false, true) => SourceType::jsx().with_module(true),
            (false, false) => SourceType::mjs(),
        }
    }

    fn push(&mut self, region: Range<usize>, lang: Lang) {
        self.typescript |= matches!(lang, Lang::Ts | Lang::Tsx);
        self.jsx |= matches!(lang, Lang::Jsx | Lang::Tsx);
        self.regions.push(region);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    Js,
    Jsx,
    Ts,
    Tsx,
}

/// The scripts of `text`, a file of `host`.
pub(super) fn scripts(host: Host, text: &str) -> Scripts {
    let mut scripts = Scripts::default();
    let mut from = 0;
    if host == Host::Astro
        && let Some((frontmatter, after)) = frontmatter(text)
    {
        // Astro compiles its frontmatter as TypeScript.
        scripts.push(frontmatter, Lang::Ts);
        // A `<script` in the frontmatter is a string there, not a tag.
        from = after;
    }
    script_blocks(host, text, from, &mut scripts);
    scripts
}

/// A copy of `text` with every byte outside `regions` replaced by a space (line breaks kept, so
/// lines and columns hold): the same length, valid UTF-8 (whole characters are kept or every
/// byte of one is blanked). Each region is followed by a `;` where its closing delimiter was, so
/// a block that ends without one does not run on into the next (`a` then `(b)` is not a call).
pub(super) fn blank(text: &str, regions: &[Range<usize>]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for region in regions {
        // Regions come in order from `scripts`; one that overlaps or is not whole UTF-8 is
        // left blank rather than break the length.
        let Some(script) = text.get(region.clone()).filter(|_| region.start >= at) else {
            continue;
        };
        blank_into(&mut out, bytes.get(at..region.start).unwrap_or_default());
        out.push_str(script);
        at = region.end;
        if let Some(&delimiter) = bytes.get(at)
            && delimiter.is_ascii()
            && !matches!(delimiter, b'\n' | b'\r')
        {
            out.push(';');
            at += 1;
        }
    }
    blank_into(&mut out, bytes.get(at..).unwrap_or_default());
    out
}

fn blank_into(out: &mut String, bytes: &[u8]) {
    out.extend(bytes.iter().map(|&byte| match byte {
        b'\n' => '\n',
        b'\r' => '\r',
        _ => ' ',
    }));
}

const FENCE: &str = "---";

/// Astro's frontmatter: between a `---` line that only whitespace precedes and the next `---`
/// line. Returns the region (after the first fence, up to the second) and where the component's
/// markup starts; `None` when either fence is missing, as for oxc.
fn frontmatter(text: &str) -> Option<(Range<usize>, usize)> {
    let mut fences = lines(text).filter_map(|(start, line)| {
        let trimmed = line.trim();
        (trimmed == FENCE).then(|| start + (line.len() - line.trim_start().len()))
    });
    let open = fences.next()?;
    if !text.get(..open)?.trim().is_empty() {
        return None;
    }
    let close = fences.next()?;
    Some((open + FENCE.len()..close, close + FENCE.len()))
}

/// Each line of `text` with its start.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |start, line| {
        let at = *start;
        *start += line.len();
        Some((at, line))
    })
}

const SCRIPT: &[u8] = b"<script";
const CLOSE: &[u8] = b"</script";

/// Every JavaScript `<script>` block from `from` on. One forward pass: HTML comments are
/// skipped whole, a block ends at the first `</script` (in a string too, as browsers end it),
/// and an unterminated tag or block ends the search with nothing more found, as for oxc.
fn script_blocks(host: Host, text: &str, from: usize, scripts: &mut Scripts) {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(open) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr(b'<', rest))
        .map(|offset| at + offset)
    {
        let rest = bytes.get(open..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            let Some(end) = memmem::find(rest.get(4..).unwrap_or_default(), b"-->") else {
                return;
            };
            at = open + 4 + end + 3;
            continue;
        }
        if !starts_tag(rest, SCRIPT) {
            at = open + 1;
            continue;
        }
        let attributes_start = open + SCRIPT.len();
        let Some(tag_end) = tag_end(bytes, attributes_start) else {
            return;
        };
        let attributes = text.get(attributes_start..tag_end).unwrap_or_default();
        let content = tag_end + 1;
        // `<script src="…" />`: a component compiler reads the element as empty.
        if attributes.trim_end().ends_with('/') {
            at = content;
            continue;
        }
        let Some(close) = closing_tag(bytes, content) else {
            return;
        };
        if let Some(lang) = language(host, attributes) {
            scripts.push(content..close, lang);
        }
        at = memchr::memchr(b'>', bytes.get(close..).unwrap_or_default())
            .map_or(bytes.len(), |offset| close + offset + 1);
    }
}

/// True when `rest` starts with the tag `name` in any case, followed by what ends a tag name
/// (`<script>`, `<SCRIPT lang="ts">`, not `<script-setup>` or `<scripts>`).
fn starts_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.get(..name.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(name))
        && rest
            .get(name.len())
            .is_some_and(|&next| next.is_ascii_whitespace() || matches!(next, b'>' | b'/'))
}

/// The `>` that ends a start tag whose attributes start at `from`: not one in a quoted value
/// (`generic="T extends Record<string, number>"`) or in a `{…}` expression (Svelte, Astro).
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    let mut braces = 0usize;
    for (offset, &byte) in bytes.get(from..)?.iter().enumerate() {
        match (quote, byte) {
            (Some(open), _) if byte == open => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'{') => braces += 1,
            (None, b'}') => braces = braces.saturating_sub(1),
            (None, b'>') if braces == 0 => return Some(from + offset),
            _ => {}
        }
    }
    None
}

/// Where the block whose content starts at `from` ends: its `</script` (any case, followed by
/// what ends a tag name).
fn closing_tag(bytes: &[u8], from: usize) -> Option<usize> {
    memmem::find_iter(bytes.get(from..)?, b"</")
        .map(|offset| from + offset)
        .find(|&at| starts_tag(bytes.get(at..).unwrap_or_default(), CLOSE))
}

/// The language of a `<script>` block with these attributes, `None` when it is not JavaScript
/// the linter reads: a `src=` script (its content is not run), a data or template type, a
/// `lang` that is not JavaScript or TypeScript (`coffee`).
fn language(host: Host, attributes: &str) -> Option<Lang> {
    if attribute(attributes, "src").is_some() || !runs_as_javascript(attributes) {
        return None;
    }
    if host == Host::Astro {
        // Astro processes every script as TypeScript.
        return Some(Lang::Ts);
    }
    let lang = attribute(attributes, "lang").unwrap_or_default().trim();
    Some(match lang.to_ascii_lowercase().as_str() {
        "" | "js" | "javascript" | "mjs" | "cjs" => Lang::Js,
        "jsx" => Lang::Jsx,
        "ts" | "typescript" | "mts" | "cts" => Lang::Ts,
        "tsx" => Lang::Tsx,
        _ => return None,
    })
}

/// A `type` a browser runs as a script (oxc's list): none, `module` or a JavaScript MIME type.
/// `application/json`, `text/template`, `importmap` … are data.
fn runs_as_javascript(attributes: &str) -> bool {
    let Some(value) = attribute(attributes, "type") else {
        return true;
    };
    let kind = value.split(';').next().unwrap_or_default().trim();
    kind.is_empty()
        || [
            "module",
            "text/javascript",
            "application/javascript",
            "text/ecmascript",
            "application/ecmascript",
        ]
        .iter()
        .any(|allowed| kind.eq_ignore_ascii_case(allowed))
}

/// The value of the attribute `name` (any case) in a start tag's attributes: `Some("")` for one
/// without a value, `None` when absent.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attributes;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '/'))
            .unwrap_or(rest.len())
            // A stray `=` is a one-character name: the loop always moves on.
            .max(1);
        let (found, after) = rest.split_at_checked(name_end)?;
        rest = after.trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after_equals) => {
                let (value, after) = value(after_equals.trim_start());
                rest = after;
                value
            }
            None => "",
        };
        if found.eq_ignore_ascii_case(name) {
            return Some(value);
        }
    }
}

/// An attribute value at the start of `rest` (quoted, a `{…}` expression or bare) and what
/// follows it. An unterminated quote or brace runs to the end.
fn value(rest: &str) -> (&str, &str) {
    let end = match rest.as_bytes().first() {
        Some(&quote @ (b'"' | b'\'')) => {
            let inner = rest.get(1..).unwrap_or_default();
            let end = memchr::memchr(quote, inner.as_bytes()).unwrap_or(inner.len());
            let after = inner.get(end + 1..).unwrap_or_default();
            return (inner.get(..end).unwrap_or_default(), after);
        }
        Some(b'{') => {
            let mut depth = 0usize;
            rest.bytes()
                .position(|byte| {
                    match byte {
                        b'{' => depth += 1,
                        b'}' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(rest.len(), |last| last + 1)
        }
        _ => rest
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(rest.len()),
    };
    rest.split_at_checked(end).unwrap_or((rest, ""))
}

#[cfg(test)]
mod tests;
