//! JavaScript and TypeScript text as [`Lexeme`]s, by ECMAScript's lexical grammar: line and
//! block comments, strings, template literals (their `${}` substitutions lexed as code, nested
//! templates too), regular expression literals (told from a division by the token before, as
//! tolerant tokenizers do), numbers and punctuators. JSON is JavaScript to this lexer.
//!
//! Written here rather than taken from oxc: oxc's lexer is private to its parser, and the parser
//! keeps no tokens for a text it gives up on, which a document being typed nearly always is.

use crate::payload::lexeme::{Bracket, Lexeme, LexemeKind, unescape};

/// Template literals nested deeper than this (`${`…`${`…) end the lexing: the substitutions
/// are followed by recursion, and a hostile text must not exhaust the stack.
const MAX_TEMPLATE_DEPTH: usize = 32;

/// Keywords after which a `/` starts a regular expression rather than a division.
const BEFORE_EXPRESSION: &[&str] = &[
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

/// The lexemes of `text`, comments and whitespace left out.
pub(crate) fn lexemes(text: &str) -> Vec<Lexeme> {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        at: if text.starts_with('\u{feff}') { 3 } else { 0 },
        regex_allowed: true,
        templates: 0,
    };
    let mut out = Vec::new();
    while let Some(lexeme) = lexer.next_lexeme() {
        out.push(lexeme);
    }
    out
}

struct Lexer<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    /// Whether a `/` here starts a regular expression: the token before cannot end an
    /// expression (an operator, an opening bracket, a keyword such as `return`).
    regex_allowed: bool,
    /// How many template substitutions enclose the lexer.
    templates: usize,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn char_here(&self) -> Option<char> {
        self.text.get(self.at..)?.chars().next()
    }

    /// The next lexeme; `None` at the end of the text.
    fn next_lexeme(&mut self) -> Option<Lexeme> {
        loop {
            let start = self.at;
            let byte = self.peek(0)?;
            let (kind, regex_allowed) = match byte {
                b'/' if self.peek(1) == Some(b'/') => {
                    self.skip_line();
                    continue;
                }
                b'/' if self.peek(1) == Some(b'*') => {
                    self.skip_block_comment();
                    continue;
                }
                b'#' if start == 0 && self.peek(1) == Some(b'!') => {
                    self.skip_line();
                    continue;
                }
                b'/' if self.regex_allowed => {
                    self.skip_regex();
                    (LexemeKind::Other, false)
                }
                b'\'' | b'"' => (self.string(byte), false),
                b'`' => (self.template(), false),
                b'0'..=b'9' => {
                    self.skip_number();
                    (LexemeKind::Other, false)
                }
                b'.' if self.peek(1).is_some_and(|b| b.is_ascii_digit()) => {
                    self.skip_number();
                    (LexemeKind::Other, false)
                }
                _ => match self.punctuator(byte) {
                    Some(punctuator) => punctuator,
                    None => match self.word()? {
                        Some(kind) => kind,
                        None => continue,
                    },
                },
            };
            self.regex_allowed = regex_allowed;
            return Some(Lexeme::new(kind, start, self.at));
        }
    }

    /// A punctuator at `byte`, consumed, with whether a regular expression may follow it.
    fn punctuator(&mut self, byte: u8) -> Option<(LexemeKind, bool)> {
        let (kind, length, regex_allowed) = match (byte, self.peek(1), self.peek(2)) {
            (b'{', ..) => (LexemeKind::Open(Bracket::Curly), 1, true),
            (b'}', ..) => (LexemeKind::Close(Bracket::Curly), 1, false),
            (b'(', ..) => (LexemeKind::Open(Bracket::Round), 1, true),
            (b')', ..) => (LexemeKind::Close(Bracket::Round), 1, false),
            (b'[', ..) => (LexemeKind::Open(Bracket::Square), 1, true),
            (b']', ..) => (LexemeKind::Close(Bracket::Square), 1, false),
            (b',', ..) => (LexemeKind::Comma, 1, true),
            (b':', ..) => (LexemeKind::Colon, 1, true),
            (b'=', Some(b'=' | b'>'), _) => (LexemeKind::Other, 2, true),
            (b'=', ..) => (LexemeKind::Assign, 1, true),
            (b'.', Some(b'.'), Some(b'.')) => (LexemeKind::Other, 3, true),
            (b'.', ..) => (LexemeKind::Dot, 1, false),
            (b'?', Some(b'.'), next) if !next.is_some_and(|b| b.is_ascii_digit()) => {
                (LexemeKind::Dot, 2, false)
            }
            (b'!' | b'%' | b'&' | b'*' | b'+' | b'-' | b'<' | b'>' | b'?' | b'^' | b'|', ..)
            | (b'~' | b';' | b'/' | b'@', ..) => (LexemeKind::Other, 1, true),
            _ => return None,
        };
        self.at += length;
        Some((kind, regex_allowed))
    }

    /// An identifier, a private name or a keyword (`Some(Some(..))`), whitespace skipped
    /// (`Some(None)`); `None` at the end of the text.
    fn word(&mut self) -> Option<Option<(LexemeKind, bool)>> {
        let start = self.at;
        let first = self.char_here()?;
        if first.is_whitespace() || first == '\u{feff}' {
            self.at += first.len_utf8();
            return Some(None);
        }
        let is_part = |c: char| c.is_alphanumeric() || matches!(c, '_' | '$' | '\\' | '#');
        if !is_part(first) {
            // A character no token starts with: stands alone.
            self.at += first.len_utf8();
            return Some(Some((LexemeKind::Other, true)));
        }
        while let Some(c) = self.char_here().filter(|&c| is_part(c)) {
            self.at += c.len_utf8();
        }
        let word = &self.text[start..self.at];
        if word.starts_with('#') {
            return Some(Some((LexemeKind::Other, false)));
        }
        let before_expression = BEFORE_EXPRESSION.contains(&word);
        Some(Some((
            LexemeKind::Name(word.to_string()),
            before_expression,
        )))
    }

    fn skip_line(&mut self) {
        while let Some(byte) = self.peek(0) {
            if byte == b'\n' || byte == b'\r' {
                return;
            }
            self.at += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        self.at += 2;
        match memchr::memmem::find(&self.bytes[self.at..], b"*/") {
            Some(end) => self.at += end + 2,
            None => self.at = self.bytes.len(),
        }
    }

    /// Past a backslash and the character it escapes.
    fn skip_escape(&mut self) {
        self.at += 1;
        if let Some(c) = self.char_here() {
            self.at += c.len_utf8();
        }
    }

    /// `1_000`, `0x1F`, `1.5e-3`, `10n`: one token.
    fn skip_number(&mut self) {
        let hex = self.peek(0) == Some(b'0') && matches!(self.peek(1), Some(b'x' | b'X'));
        while let Some(byte) = self.peek(0) {
            let exponent_sign = !hex
                && matches!(byte, b'+' | b'-')
                && matches!(self.bytes.get(self.at.wrapping_sub(1)), Some(b'e' | b'E'));
            if !(byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.') || exponent_sign) {
                return;
            }
            self.at += 1;
        }
    }

    /// A string from its opening quote; a line break before the closing quote ends it
    /// unclosed, as in JavaScript.
    fn string(&mut self, quote: u8) -> LexemeKind {
        self.at += 1;
        let body = self.at;
        loop {
            match self.peek(0) {
                None | Some(b'\n' | b'\r') => {
                    let value = unescape(&self.text[body..self.at], false);
                    return LexemeKind::Str {
                        value,
                        closed: false,
                    };
                }
                Some(b'\\') => self.skip_escape(),
                Some(byte) if byte == quote => {
                    let value = unescape(&self.text[body..self.at], false);
                    self.at += 1;
                    return LexemeKind::Str {
                        value,
                        closed: true,
                    };
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// A template literal from its backtick: a string value when it has no substitution.
    fn template(&mut self) -> LexemeKind {
        self.at += 1;
        let body = self.at;
        let mut plain = true;
        let closed = loop {
            match self.peek(0) {
                None => break false,
                Some(b'`') => break true,
                Some(b'\\') => self.skip_escape(),
                Some(b'$') if self.peek(1) == Some(b'{') => {
                    plain = false;
                    self.at += 2;
                    if !self.substitution() {
                        break false;
                    }
                }
                Some(_) => self.at += 1,
            }
        };
        let value = if plain {
            unescape(&self.text[body..self.at.min(self.text.len())], false)
        } else {
            String::new()
        };
        if closed {
            self.at += 1;
        }
        LexemeKind::Str { value, closed }
    }

    /// Lexes the code of a `${}` substitution up to its closing `}`: false when the text (or
    /// the nesting allowed) ends first.
    fn substitution(&mut self) -> bool {
        if self.templates >= MAX_TEMPLATE_DEPTH {
            self.at = self.bytes.len();
            return false;
        }
        self.templates += 1;
        self.regex_allowed = true;
        let mut depth = 0_usize;
        let closed = loop {
            let Some(lexeme) = self.next_lexeme() else {
                break false;
            };
            match lexeme.kind {
                LexemeKind::Open(Bracket::Curly) => depth += 1,
                LexemeKind::Close(Bracket::Curly) if depth == 0 => break true,
                LexemeKind::Close(Bracket::Curly) => depth -= 1,
                _ => {}
            }
        };
        self.templates -= 1;
        closed
    }

    /// A regular expression literal from its `/`, its flags included; a line break ends it.
    fn skip_regex(&mut self) {
        self.at += 1;
        let mut in_class = false;
        while let Some(byte) = self.peek(0) {
            match byte {
                b'\n' | b'\r' => return,
                b'\\' => self.skip_escape(),
                b'[' => {
                    in_class = true;
                    self.at += 1;
                }
                b']' => {
                    in_class = false;
                    self.at += 1;
                }
                b'/' if !in_class => {
                    self.at += 1;
                    while self.peek(0).is_some_and(|b| b.is_ascii_alphabetic()) {
                        self.at += 1;
                    }
                    return;
                }
                _ => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lexemes of `text` in short: punctuation as written, `=` for an assignment, names
    /// bare, strings quoted (`'open` when unclosed), anything else `_`.
    fn shape(text: &str) -> String {
        let words: Vec<String> = lexemes(text)
            .into_iter()
            .map(|lexeme| match lexeme.kind {
                LexemeKind::Open(Bracket::Round) => "(".into(),
                LexemeKind::Open(Bracket::Square) => "[".into(),
                LexemeKind::Open(Bracket::Curly) => "{".into(),
                LexemeKind::Close(Bracket::Round) => ")".into(),
                LexemeKind::Close(Bracket::Square) => "]".into(),
                LexemeKind::Close(Bracket::Curly) => "}".into(),
                LexemeKind::Comma => ",".into(),
                LexemeKind::Colon => ":".into(),
                LexemeKind::Assign => "=".into(),
                LexemeKind::Dot => ".".into(),
                LexemeKind::Name(name) => name,
                LexemeKind::Str {
                    value,
                    closed: true,
                } => format!("'{value}'"),
                LexemeKind::Str {
                    value,
                    closed: false,
                } => format!("'{value}"),
                LexemeKind::Other => "_".into(),
            })
            .collect();
        words.join(" ")
    }

    #[test]
    fn comments_regexes_and_templates_hide_their_quotes_and_brackets() {
        assert_eq!(
            shape("{ a: x.replace(/'{/g, `}${ {b: '}'} }`), // '{\n /* ' */ c: a / b / c"),
            "{ a : x . replace ( _ , '' ) , c : a _ b _ c"
        );
        assert_eq!(
            shape("return /}/.test(s) ? `a${`b${c}`}` : 0"),
            "return _ . test ( s ) _ '' : _"
        );
    }

    #[test]
    fn strings_read_escapes_and_end_unclosed_at_a_line_break() {
        assert_eq!(shape(r#"'it\'s' "a\"b" 'open"#), r#"'it's' 'a"b' 'open"#);
        assert_eq!(shape("'a\nb'"), "'a b '");
        assert_eq!(shape("`ab` `a${"), "'ab' '");
    }

    #[test]
    fn operators_that_hold_an_equals_sign_are_not_assignments() {
        assert_eq!(
            shape("a = b == c => d?.e ...f 1e-3 #p"),
            "a = b _ c _ d . e _ f _ _"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_stay_in_the_text(text in "\\PC{0,60}") {
            for lexeme in lexemes(&text) {
                proptest::prop_assert!(lexeme.span.end() <= text.len());
            }
        }
    }

    #[test]
    fn deeply_nested_templates_stop_without_exhausting_the_stack() {
        let text = "`${".repeat(100_000);
        assert!(lexemes(&text).len() < 100);
    }
}
