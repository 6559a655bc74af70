//! Line starts, computed once per file so that every position lookup is a binary search.

use super::Position;
use crate::source::scan::floor_char_boundary;

#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r` (old Mac files and some Word exports).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // memchr skips the (long, Chinese) stretches between line ends a word at a time.
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes.get(at) == Some(&b'\n') || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(at + 1);
            }
        }
        LineIndex { starts }
    }

    /// Each line of `text` (the text this index was built from) as `(start, end)` without its
    /// terminator; a final terminator opens no empty last line.
    pub fn spans<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
        let bytes = text.as_bytes();
        let ends = self.starts.iter().skip(1).map(move |&next| {
            let crlf = next >= 2 && bytes.get(next - 2..next) == Some(b"\r\n".as_slice());
            next - if crlf { 2 } else { 1 }
        });
        let last = self.starts.last().copied().filter(|&start| start < bytes.len()).map(|start| (start, bytes.len()));
        self.starts.iter().copied().zip(ends).chain(last)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// The byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0)
    }

    /// 1-based line and column; the column counts Unicode scalar values.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        Position { line: line + 1, column: column + 1 }
    }
}

/// Where the previous position lookup ended, so that the next one on the same line counts
/// only the characters in between: resolving many findings on one long line stays linear.
#[derive(Debug, Clone, Copy, Default)]
pub struct PositionHint {
    /// `(0-based line, byte offset, 0-based column)` of the last lookup.
    last: Option<(usize, usize, usize)>,
}

impl LineIndex {
    /// [`position`](Self::position), counting from `hint` when it is on the same line.
    pub fn position_near(&self, text: &str, offset: usize, hint: &mut PositionHint) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let count = |from: usize, to: usize| text.get(from..to).map_or(0, |s| s.chars().count());
        let column = match hint.last {
            Some((l, at, column)) if l == line && at <= offset => column + count(at, offset),
            Some((l, at, column)) if l == line && offset - self.line_start(line) > at - offset => {
                column - count(offset, at)
            }
            _ => count(self.line_start(line).min(offset), offset),
        };
        hint.last = Some((line, offset, column));
        Position { line: line + 1, column: column + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_leave_out_every_terminator_and_no_empty_last_line() {
        let spans = |text: &str| LineIndex::new(text).spans(text).collect::<Vec<_>>();
        assert_eq!(spans(""), vec![]);
        assert_eq!(spans("a\n"), vec![(0, 1)]);
        assert_eq!(spans("a\r\nb"), vec![(0, 1), (3, 4)]);
        assert_eq!(spans("a\rb\n\n"), vec![(0, 1), (2, 3), (4, 4)]);
        assert_eq!(spans("\r\r\n"), vec![(0, 0), (1, 1)]);
    }

    #[test]
    fn handles_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 2), Position { line: 2, column: 1 });
        assert_eq!(index.position(text, 5), Position { line: 3, column: 1 });
        assert_eq!(index.position(text, 7), Position { line: 4, column: 1 });
    }

    #[test]
    fn hinted_positions_equal_plain_ones_in_any_order() {
        let text = "前言\n本文件按照（（（a）规则\r\nx\n";
        let index = LineIndex::new(text);
        let mut hint = PositionHint::default();
        let offsets: Vec<usize> = (0..=text.len()).chain((0..=text.len()).rev()).chain([7, 30, 3, 12, 8]).collect();
        for offset in offsets {
            assert_eq!(index.position_near(text, offset, &mut hint), index.position(text, offset), "{offset}");
        }
    }

    #[test]
    fn columns_count_chars_not_bytes() {
        let text = "前言\n本文件按照";
        let index = LineIndex::new(text);
        // "按" starts after 本文件 (3 chars × 3 bytes) on line 2.
        let offset = text.find('按').unwrap();
        assert_eq!(index.position(text, offset), Position { line: 2, column: 4 });
    }

    #[test]
    fn offsets_inside_a_char_snap_back() {
        let text = "范围";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 4), Position { line: 1, column: 2 });
    }
}
