//! Making payload text safe to show: payload strings reach terminals, CI logs and editors.

/// Quotes payload text for a message: control characters, escape sequences and invisible
/// formatting characters are escaped (`"\u{1b}[31m"`), and long text is shortened.
pub(crate) fn quote(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(MAX_CHARS).collect();
    let mut quoted = format!("{head:?}");
    if chars.next().is_some() {
        quoted.insert(quoted.len() - 1, '…');
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn escapes_control_and_shortens() {
        assert_eq!(quote("a\u{1b}[31m\nb"), "\"a\\u{1b}[31m\\nb\"");
        assert_eq!(quote("\u{202e}"), "\"\\u{202e}\"");
        assert_eq!(quote(&"x".repeat(100)).chars().count(), 63);
    }
}

/// Text for a one-line format: control characters (line breaks included) and bidi controls are
/// escaped as `\u{..}`, so one diagnostic stays one line and nothing reaches the terminal raw.
pub(crate) fn escape_line(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || is_invisible_format(c);
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// [`escape_line`] for each line of a text of several: the breaks between them stay.
pub(crate) fn escape_lines(text: &str) -> String {
    let lines: Vec<_> = text.split('\n').map(escape_line).collect();
    lines.join("\n")
}

/// Characters that reorder or break what a reader sees without being control characters: bidi
/// marks, embeddings, overrides and isolates, and the Unicode line and paragraph separators.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{2028}' | '\u{2029}'
    )
}

/// A copy of `text` safe to print in a code frame, with every byte offset unchanged: C0
/// controls other than tab and line breaks, a carriage return that does not end a line with
/// `\n` (it would move the cursor back over the line), and DEL become `?`; C1 controls and
/// U+061C become `¿`; other bidi controls and U+2028/U+2029 become U+FFFD. Each replacement
/// has the UTF-8 length of what it replaces.
pub(crate) fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let unsafe_at = |at: usize, c: char| match c {
        '\t' | '\n' => false,
        '\r' => bytes.get(at + 1) != Some(&b'\n'),
        c => c.is_control() || is_invisible_format(c),
    };
    if !text.char_indices().any(|(at, c)| unsafe_at(at, c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.char_indices()
        .map(|(at, c)| match c {
            c if !unsafe_at(at, c) => c,
            '\u{0}'..='\u{7f}' => '?',
            '\u{80}'..='\u{9f}' | '\u{061C}' => '¿',
            _ => '\u{FFFD}',
        })
        .collect::<String>()
        .into()
}

/// `path.display().to_string()`, without the formatter's walk over the path in UTF-8 chunks for
/// the usual path, which is UTF-8 already: it names every file of a walk.
pub(crate) fn path_string(path: &std::path::Path) -> String {
    path.to_str()
        .map_or_else(|| path.display().to_string(), str::to_owned)
}

#[cfg(test)]
mod terminal_tests {
    use super::for_terminal;

    #[test]
    fn keeps_offsets_while_removing_escapes() {
        let text = "a\u{1b}[2J\u{9b}b\u{202e}c\td\r\ne\rf\u{2028}g\u{61c}\n";
        let safe = for_terminal(text);
        assert_eq!(safe.len(), text.len());
        assert_eq!(safe, "a?[2J¿b\u{FFFD}c\td\r\ne?f\u{FFFD}g¿\n");
        assert!(matches!(
            for_terminal("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
