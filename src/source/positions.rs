//! Positions for editors (LSP): a 0-based line and a column counted in UTF-16 code units (the
//! protocol's default) or UTF-8 bytes (when the client offers it). The one conversion between
//! byte offsets and editor positions: the language server, SARIF and the JSON output use it.

use serde::Serialize;

use super::Source;
use crate::span::Span;

/// A 0-based LSP position: `character` counts UTF-16 code units unless a [`ColumnUnit`] says
/// otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub character: usize,
}

/// An LSP range, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// How a position's `character` is counted: the position encodings LSP clients offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: LSP's default.
    Utf16,
}

impl Source {
    /// The LSP position of a byte offset (0-based line, UTF-16 code units).
    pub fn position(&self, offset: usize) -> Position {
        self.position_in(offset, ColumnUnit::Utf16)
    }

    /// The position of a byte offset, its `character` counted in `unit`. An offset inside a
    /// character is that character's start; one past the end is the end.
    pub fn position_in(&self, offset: usize, unit: ColumnUnit) -> Position {
        match unit {
            ColumnUnit::Utf16 => {
                let (line, utf16, _) = self.columns(offset);
                Position {
                    line,
                    character: utf16,
                }
            }
            ColumnUnit::Utf8 => {
                let offset = self.floor_char_boundary(offset);
                let line = self.line_of(offset);
                let start = self.line_starts().get(line).copied().unwrap_or(0);
                Position {
                    line,
                    character: offset - start,
                }
            }
        }
    }

    /// The LSP range of a span.
    pub fn range(&self, span: Span) -> Range {
        self.range_in(span, ColumnUnit::Utf16)
    }

    /// The range of a span, its characters counted in `unit`.
    pub fn range_in(&self, span: Span, unit: ColumnUnit) -> Range {
        Range {
            start: self.position_in(span.start(), unit),
            end: self.position_in(span.end(), unit),
        }
    }

    /// The byte offset of an LSP position (UTF-16), or `None` when it lies outside the text.
    pub fn offset(&self, position: Position) -> Option<usize> {
        self.offset_in(position, ColumnUnit::Utf16)
    }

    /// The byte offset of a position counted in `unit`, or `None` when it lies outside the
    /// text or inside a character.
    pub fn offset_in(&self, position: Position, unit: ColumnUnit) -> Option<usize> {
        let (start, end) = self.line_bounds(position.line)?;
        let (at, counted) = self.walk_columns(start, end, position.character, unit);
        (counted == position.character).then_some(at)
    }

    /// The byte offset of a position a client sent, read as LSP says: a character past its
    /// line's end is the line's end (before its line break), a line past the last is the end
    /// of the text, and a position inside a character (half a surrogate pair, a byte inside a
    /// UTF-8 sequence) is that character's start. Always an offset of the text.
    pub fn clamped_offset(&self, position: Position, unit: ColumnUnit) -> usize {
        let Some((start, end)) = self.line_bounds(position.line) else {
            return self.text().len();
        };
        let content = self.text()[start..end].trim_end_matches(['\r', '\n']);
        self.walk_columns(start, start + content.len(), position.character, unit)
            .0
    }

    /// The bytes of a 0-based line: its start, and the next line's start (or the text's end).
    fn line_bounds(&self, line: usize) -> Option<(usize, usize)> {
        let start = *self.line_starts().get(line)?;
        let end = self
            .line_starts()
            .get(line.saturating_add(1))
            .copied()
            .unwrap_or(self.text().len());
        Some((start, end))
    }

    /// Counts up to `character` units of `unit` from `start`, stopping at `end` or before a
    /// character that would pass the count: the offset reached and the units counted to it.
    fn walk_columns(
        &self,
        start: usize,
        end: usize,
        character: usize,
        unit: ColumnUnit,
    ) -> (usize, usize) {
        match unit {
            ColumnUnit::Utf8 => {
                let at = self.floor_char_boundary(start.saturating_add(character).min(end));
                (at, at - start)
            }
            ColumnUnit::Utf16 => {
                let mut units = 0;
                for (index, ch) in self.text()[start..end].char_indices() {
                    let next = units + ch.len_utf16();
                    if next > character {
                        return (start + index, units);
                    }
                    units = next;
                }
                (end, units)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, character: usize) -> Position {
        Position { line, character }
    }

    #[test]
    fn positions_inside_a_character_round_down() {
        let source = Source::new("t", "é");
        assert_eq!(source.position(1), at(0, 0));
        assert_eq!(source.offset(at(0, 5)), None);
        assert_eq!(source.offset(at(3, 0)), None);
    }

    #[test]
    fn both_units_round_trip() {
        let source = Source::new("t", "a😀é\r\nxé");
        for offset in [0, 1, 5, 7, 9, 10, 12] {
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16] {
                let position = source.position_in(offset, unit);
                assert_eq!(source.offset_in(position, unit), Some(offset), "{offset}");
                assert_eq!(source.clamped_offset(position, unit), offset, "{offset}");
            }
        }
        assert_eq!(source.position_in(5, ColumnUnit::Utf8), at(0, 5));
        assert_eq!(source.position_in(5, ColumnUnit::Utf16), at(0, 3));
    }

    #[test]
    fn clamped_offsets_stay_in_the_text_and_off_line_breaks() {
        let source = Source::new("t", "a😀b\r\nc");
        for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16] {
            // Past the line's end: before its `\r\n`.
            assert_eq!(source.clamped_offset(at(0, 99), unit), 6);
            assert_eq!(source.clamped_offset(at(7, 0), unit), 9);
            assert_eq!(source.clamped_offset(at(usize::MAX, usize::MAX), unit), 9);
        }
        // Half of the surrogate pair, and a byte inside the emoji: its start.
        assert_eq!(source.clamped_offset(at(0, 2), ColumnUnit::Utf16), 1);
        assert_eq!(source.clamped_offset(at(0, 3), ColumnUnit::Utf8), 1);
        assert_eq!(source.offset_in(at(0, 2), ColumnUnit::Utf16), None);
    }
}
