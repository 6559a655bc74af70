//! The plain-text view being built: text, runs back to `word/document.xml`, and lines.

use crate::read::lines::{Line, LineKind};
use crate::source::{Run, Span};

/// A piece of rendered text and where it comes from in the part. A verbatim piece is a copy
/// of the part's bytes at `original`; any other piece (a numbering label, a resolved
/// reference, a tab) maps every offset inside it to `original`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub text: String,
    pub original: usize,
    pub verbatim: bool,
}

impl Piece {
    pub fn verbatim(text: &str, original: usize) -> Self {
        Piece { text: text.to_owned(), original, verbatim: true }
    }

    pub fn anchored(text: &str, original: usize) -> Self {
        Piece { text: text.to_owned(), original, verbatim: false }
    }

    fn end(&self) -> usize {
        if self.verbatim { self.original + self.text.len() } else { self.original }
    }
}

/// A line about to be written to the view.
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    pub pieces: Vec<Piece>,
    pub kind: LineKind,
    pub heading: Option<u8>,
    pub continues: bool,
}

impl Rendered {
    pub fn text(pieces: Vec<Piece>, heading: Option<u8>, continues: bool) -> Self {
        Rendered { pieces, kind: LineKind::Text, heading, continues }
    }

    pub fn is_blank(&self) -> bool {
        self.pieces.iter().all(|p| p.text.trim().is_empty())
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Debug, Default)]
pub(crate) struct View {
    pub text: String,
    pub runs: Vec<Run>,
    pub lines: Vec<Line>,
}

impl View {
    fn push(&mut self, piece: &Piece) {
        if piece.text.is_empty() {
            return;
        }
        let view = self.text.len();
        let continues = self.runs.last().is_some_and(|last| {
            let inside = view - last.view as usize;
            if piece.verbatim {
                last.verbatim && last.original as usize + inside == piece.original
            } else {
                !last.verbatim && last.original as usize == piece.original
            }
        });
        if !continues {
            self.runs.push(Run { view: to_u32(view), original: to_u32(piece.original), verbatim: piece.verbatim });
        }
        self.text.push_str(&piece.text);
    }

    /// Writes a line (and the `\n` after it); returns its span, or `None` when it was blank and
    /// left nothing behind.
    pub fn emit(&mut self, line: &Rendered) -> Option<Span> {
        let start = self.text.len();
        let runs = self.runs.len();
        for piece in &line.pieces {
            // One paragraph, one line: a line break inside a piece would split it.
            if piece.text.contains(['\n', '\r']) {
                let flat = piece.text.replace(['\n', '\r'], " ");
                self.push(&Piece { text: flat, original: piece.original, verbatim: false });
            } else {
                self.push(piece);
            }
        }
        let written = self.text.get(start..).unwrap_or_default();
        let lead = written.len() - written.trim_start().len();
        let trail = written.len() - written.trim_end().len();
        if lead + trail >= written.len() {
            self.text.truncate(start);
            self.runs.truncate(runs);
            return None;
        }
        let span = Span::new(start + lead, self.text.len() - trail);
        self.lines.push(Line { kind: line.kind, span, heading: line.heading, continues: line.continues });
        let anchor = line.pieces.iter().rev().find(|p| !p.text.is_empty()).map_or(0, Piece::end);
        self.push(&Piece::anchored("\n", anchor));
        Some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::OffsetMap;

    #[test]
    fn runs_merge_contiguous_verbatim_pieces_and_blank_lines_vanish() {
        let mut view = View::default();
        let line = Rendered::text(
            vec![
                Piece::anchored("5.1", 10),
                Piece::anchored(" ", 10),
                Piece::verbatim("总则", 40),
                Piece::verbatim("x", 46),
            ],
            Some(2),
            false,
        );
        assert_eq!(view.emit(&line), Some(Span::new(0, 11)));
        assert_eq!(view.emit(&Rendered::text(vec![Piece::verbatim("  ", 60)], None, false)), None);
        assert_eq!(
            view.emit(&Rendered::text(vec![Piece::verbatim(" 正文", 70)], None, false)),
            Some(Span::new(13, 19))
        );
        assert_eq!(view.text, "5.1 总则x\n 正文\n");
        let map = OffsetMap::Runs(view.runs.clone());
        assert_eq!(map.original(0), 10);
        assert_eq!(map.original(3), 10);
        assert_eq!(map.original(4), 40);
        assert_eq!(map.original(7), 43);
        assert_eq!(map.original(10), 46);
        assert_eq!(map.original(13), 71);
        // 总则 and x are contiguous in the part: one run.
        assert_eq!(view.runs.len(), 5);
    }
}
