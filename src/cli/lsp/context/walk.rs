//! Follows the brackets and separators of a payload literal up to the cursor: which object or
//! array the cursor is in, and whether it is writing a key or a value. Works on lexemes, so it
//! reads every host language alike, and is tolerant: the text rarely parses while someone types.

use crate::payload::lexeme::{Bracket, Lexeme, LexemeKind};
use crate::pointer::escape_pointer_segment;

/// What the cursor is writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A key of the object at `container` (a JSON pointer).
    Key { container: String },
    /// The value at `pointer`.
    Value { pointer: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub slot: Slot,
    /// True when the cursor is inside an open string (the quotes are already typed).
    pub in_string: bool,
}

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
    /// Parentheses inside a value (a call, a tuple, a group): not a container of the payload.
    Group,
}

/// Walks `lexemes` (from the literal's opening bracket, or from just inside a call whose
/// keyword arguments are the payload) to the cursor at byte `end`. `None` when the literal or
/// the call closed before the cursor.
pub(super) fn walk(lexemes: &[Lexeme], keyword_call: bool, end: usize) -> Option<Cursor> {
    let mut frames: Vec<Frame> = Vec::new();
    if keyword_call {
        frames.push(Frame::Object {
            key: None,
            expecting_key: true,
        });
    }
    let mut last_word: Option<&str> = None;
    for lexeme in lexemes {
        match &lexeme.kind {
            LexemeKind::Open(bracket) => frames.push(match bracket {
                Bracket::Curly => Frame::Object {
                    key: None,
                    expecting_key: true,
                },
                Bracket::Square => Frame::Array { index: 0 },
                Bracket::Round => Frame::Group,
            }),
            LexemeKind::Close(_) => {
                // Closing the call's own parenthesis, or the literal's last bracket.
                if keyword_call && frames.len() == 1 {
                    return None;
                }
                frames.pop();
                if frames.is_empty() {
                    return None;
                }
            }
            LexemeKind::Comma => match frames.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Group) | None => {}
            },
            LexemeKind::Colon => take_key(frames.last_mut(), &mut last_word),
            // `name=` in the call's own arguments; elsewhere an assignment is inside a value.
            LexemeKind::Assign if keyword_call && frames.len() == 1 => {
                take_key(frames.last_mut(), &mut last_word);
            }
            LexemeKind::Name(word) | LexemeKind::Str { value: word, .. } => last_word = Some(word),
            LexemeKind::Assign | LexemeKind::Dot | LexemeKind::Other => {}
        }
    }
    let in_string = lexemes.last().is_some_and(|last| {
        matches!(last.kind, LexemeKind::Str { closed: false, .. }) && last.span.end() >= end
    });
    let (last, outer) = frames.split_last()?;
    let slot = match last {
        Frame::Object {
            expecting_key: true,
            ..
        } => Slot::Key {
            container: pointer_of(outer),
        },
        _ => Slot::Value {
            pointer: pointer_of(&frames),
        },
    };
    Some(Cursor { slot, in_string })
}

/// The word before a `:` (or a keyword argument's `=`) becomes the key of the object being
/// written, when a key is expected there (a `:` inside a value, as in `a ? b : c`, is not one).
fn take_key(frame: Option<&mut Frame>, last_word: &mut Option<&str>) {
    if let Some(Frame::Object {
        key,
        expecting_key: expecting_key @ true,
    }) = frame
    {
        *key = last_word.take().map(str::to_string);
        *expecting_key = false;
    }
}

fn pointer_of(frames: &[Frame]) -> String {
    let mut pointer = String::new();
    for frame in frames {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                pointer.push('/');
                pointer.push_str(&escape_pointer_segment(key));
            }
            Frame::Array { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
            Frame::Object { key: None, .. } | Frame::Group => {}
        }
    }
    pointer
}
