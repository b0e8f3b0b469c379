//! Next.js's `basePath` (`next.config.*`): every route of the app is served below it. Read as
//! text: a literal `basePath: '/docs'` is the prefix; a `basePath` written any other way (a
//! variable, a template, two different values) leaves the app's routes unknown, so nothing
//! posted to them is said to be a checkout session.

use std::path::Path;

/// The config files Next.js reads, in its order.
pub(super) const CONFIG_FILES: &[&str] = &["next.config.js", "next.config.mjs", "next.config.ts"];

/// The largest config read.
const MAX_CONFIG: u64 = 1 << 20;

/// What the app at `dir` says of its base path.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum BasePath {
    /// No config, or one without `basePath`.
    None,
    /// `basePath: '/docs'`: its segments.
    Literal(Vec<String>),
    /// Written in a way not known statically.
    Unknown,
}

pub(super) fn base_path(dir: &Path) -> BasePath {
    let Some(text) = CONFIG_FILES.iter().find_map(|name| {
        crate::untrusted_file::read(&dir.join(name), MAX_CONFIG)
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    }) else {
        return BasePath::None;
    };
    of_text(&text)
}

fn of_text(text: &str) -> BasePath {
    let mut found: Option<String> = None;
    for (at, _) in text.match_indices("basePath") {
        let Some(value) = literal_after(&text[at + "basePath".len()..]) else {
            return BasePath::Unknown;
        };
        if found.as_ref().is_some_and(|earlier| *earlier != value) {
            return BasePath::Unknown;
        }
        found = Some(value);
    }
    match found {
        None => BasePath::None,
        Some(path) => BasePath::Literal(
            path.split('/')
                .filter(|part| !part.is_empty())
                .map(str::to_string)
                .collect(),
        ),
    }
}

/// `: '/docs'` (any quote, no interpolation) after the key.
fn literal_after(rest: &str) -> Option<String> {
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let quote = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let body = &rest[1..];
    let end = body.find(quote)?;
    let value = &body[..end];
    (!value.contains("${") && !value.contains('\\') && value.starts_with('/'))
        .then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_base_path_is_the_prefix_and_anything_else_is_unknown() {
        let literal = |text| of_text(text);
        assert_eq!(
            literal("module.exports = { basePath: '/shop', reactStrictMode: true }"),
            BasePath::Literal(vec!["shop".into()])
        );
        assert_eq!(
            literal("export default { basePath : \"/a/b\" }"),
            BasePath::Literal(vec!["a".into(), "b".into()])
        );
        assert_eq!(literal("export default { images: {} }"), BasePath::None);
        assert_eq!(
            literal("const basePath = '/x'; export default { basePath }"),
            BasePath::Unknown
        );
        assert_eq!(
            literal("export default { basePath: process.env.BASE }"),
            BasePath::Unknown
        );
        assert_eq!(
            literal("export default { basePath: `/${x}` }"),
            BasePath::Unknown
        );
        assert_eq!(
            literal("x ? { basePath: '/a' } : { basePath: '/b' }"),
            BasePath::Unknown
        );
    }
}
