//! Python text as [`Lexeme`]s, from ruff's own tokens: Python's lexical rules (`#` comments,
//! `//` and `:=` operators, string prefixes, triple quotes, f-strings) are the parser's, not a
//! second reading of them. An f-string or t-string is one string lexeme: the code in its
//! braces is not the payload's.

use ruff_python_ast::StringFlags;
use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::Ranged;

use crate::payload::depth;
use crate::payload::lexeme::{Bracket, Lexeme, LexemeKind, unescape};

/// The lexemes of `text` (comments, line breaks and indentation left out); `None` for a text
/// too large or too deeply nested to parse, as the front-end refuses those.
pub(crate) fn lexemes(text: &str) -> Option<Vec<Lexeme>> {
    if text.len() > depth::MAX_SOURCE
        || depth::too_deep_brackets(text.as_bytes(), super::PREFIX).is_some()
    {
        return None;
    }
    // ruff's tokens come with its (error-tolerant) parse, which recurses: on a sized stack,
    // where its tree is dropped too.
    depth::with_stack(text.len(), || {
        let parsed =
            ruff_python_parser::parse_unchecked_source(text, ruff_python_ast::PySourceType::Python);
        convert(text, parsed.tokens())
    })
}

fn convert(text: &str, tokens: &[Token]) -> Vec<Lexeme> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut rest = tokens.iter();
    while let Some(token) = rest.next() {
        let range = token.range();
        let (start, mut end) = (range.start().to_usize(), range.end().to_usize());
        // Tokens of no text: the parser's marks of an error (after an unclosed string).
        if start == end {
            continue;
        }
        let kind = match token.kind() {
            TokenKind::Comment
            | TokenKind::Newline
            | TokenKind::NonLogicalNewline
            | TokenKind::Indent
            | TokenKind::Dedent
            | TokenKind::EndOfFile => continue,
            TokenKind::FStringStart | TokenKind::TStringStart => {
                let (closed, last) = skip_interpolated(&mut rest);
                end = last.unwrap_or(end);
                LexemeKind::Str {
                    value: String::new(),
                    closed,
                }
            }
            TokenKind::String => string(text, token),
            TokenKind::Name => LexemeKind::Name(text.get(start..end).unwrap_or_default().into()),
            TokenKind::Lpar => LexemeKind::Open(Bracket::Round),
            TokenKind::Rpar => LexemeKind::Close(Bracket::Round),
            TokenKind::Lsqb => LexemeKind::Open(Bracket::Square),
            TokenKind::Rsqb => LexemeKind::Close(Bracket::Square),
            TokenKind::Lbrace => LexemeKind::Open(Bracket::Curly),
            TokenKind::Rbrace => LexemeKind::Close(Bracket::Curly),
            TokenKind::Comma => LexemeKind::Comma,
            TokenKind::Colon => LexemeKind::Colon,
            TokenKind::Equal => LexemeKind::Assign,
            TokenKind::Dot => LexemeKind::Dot,
            _ => LexemeKind::Other,
        };
        out.push(Lexeme::new(kind, start, end));
    }
    out
}

/// Skips the tokens of an f-string or t-string after its start, nested ones included: whether
/// its end was found, and where the last token skipped ends.
fn skip_interpolated<'t>(rest: &mut impl Iterator<Item = &'t Token>) -> (bool, Option<usize>) {
    let mut depth = 1_usize;
    let mut last = None;
    for token in rest {
        last = Some(token.range().end().to_usize());
        match token.kind() {
            TokenKind::FStringStart | TokenKind::TStringStart => depth += 1,
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                depth -= 1;
                if depth == 0 {
                    return (true, last);
                }
            }
            _ => {}
        }
    }
    (false, last)
}

/// A string token's value: its text without prefix and quotes, escapes read unless raw.
fn string(text: &str, token: &Token) -> LexemeKind {
    let range = token.range();
    let written = text
        .get(range.start().to_usize()..range.end().to_usize())
        .unwrap_or_default();
    let Some(flags) = token.string_flags() else {
        return LexemeKind::Other;
    };
    let opener = flags.opener_len().to_usize();
    let closer = flags.closer_len().to_usize();
    let body = written
        .get(opener..written.len().saturating_sub(closer))
        .unwrap_or_default();
    LexemeKind::Str {
        value: unescape(body, flags.prefix().is_raw()),
        closed: !flags.is_unclosed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LexemeKind> {
        lexemes(text)
            .unwrap_or_default()
            .into_iter()
            .map(|l| l.kind)
            .collect()
    }

    fn string(value: &str, closed: bool) -> LexemeKind {
        LexemeKind::Str {
            value: value.into(),
            closed,
        }
    }

    #[test]
    fn floor_division_is_an_operator_and_hash_a_comment() {
        use LexemeKind::*;
        assert_eq!(
            kinds("f(a=total // 2, # b='x'\n c=r'\\d')"),
            [
                Name("f".into()),
                Open(Bracket::Round),
                Name("a".into()),
                Assign,
                Name("total".into()),
                Other,
                Other,
                Comma,
                Name("c".into()),
                Assign,
                string("\\d", true),
                Close(Bracket::Round),
            ]
        );
    }

    #[test]
    fn strings_of_every_shape() {
        assert_eq!(
            kinds("'''a\nb''' b'x' \"it\\\"s\" f'{x:>{w}}' 'open"),
            [
                string("a\nb", true),
                string("x", true),
                string("it\"s", true),
                string("", true),
                string("open", false),
            ]
        );
        assert_eq!(kinds("x == y != z := w")[1], LexemeKind::Other);
    }

    #[test]
    fn too_deep_text_is_refused() {
        assert!(lexemes(&"[".repeat(10_000)).is_none());
    }
}
