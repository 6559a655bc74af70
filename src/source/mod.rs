//! The source layer: a decoded file, its line index and spans into it.

mod decode;
mod excerpt;
mod line_index;
pub(crate) mod scan;
mod window;

pub(crate) use decode::validate_utf8;
pub use decode::{DecodeError, Decoded, OffsetMap, Run, TextEncoding, decode};
pub use excerpt::{CONTEXT_CHARS, Excerpt, ParagraphIndex, SNIPPET_CHARS, whole_excerpt};
pub use line_index::{LineIndex, PositionHint};
pub use window::{Snippet, Window};

use std::path::{Path, PathBuf};

/// A byte range into the decoded text of one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// A sub-span given in offsets relative to this span's start.
    pub fn sub(self, start: usize, end: usize) -> Span {
        Span { start: self.start + start, end: (self.start + end).min(self.end.max(self.start + start)) }
    }
}

/// One decoded document and what is needed to report positions in it.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub encoding: TextEncoding,
    pub map: OffsetMap,
    pub lines: LineIndex,
    /// For packages (.docx): the part the original offsets refer to, e.g. `word/document.xml`.
    pub part: Option<String>,
    /// For a view rendered from a text file of its own (XML): that file's text, so that
    /// positions are reported, and snippets shown, where an editor finds them.
    pub origin: Option<Box<Origin>>,
    /// For a .docx: the `w:p` elements of `word/document.xml`, so that a finding can name the
    /// paragraph Word shows it in.
    pub paragraphs: Option<ParagraphIndex>,
}

/// The decoded text a view was rendered from, with the map from view offsets into it.
#[derive(Debug, Clone)]
pub struct Origin {
    pub text: String,
    pub lines: LineIndex,
    pub map: OffsetMap,
}

impl Origin {
    pub fn new(text: String, map: OffsetMap) -> Self {
        Origin { lines: LineIndex::new(&text), text, map }
    }
}

/// A resolved position: 1-based line and column (column in Unicode scalar values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, decoded: Decoded) -> Self {
        let lines = LineIndex::new(&decoded.text);
        SourceFile {
            path: path.into(),
            text: decoded.text,
            encoding: decoded.encoding,
            map: decoded.map,
            lines,
            part: None,
            origin: None,
            paragraphs: None,
        }
    }

    /// Line and column of a view offset in the file as an editor shows it: in the origin
    /// when the view was rendered from one, else in the text itself.
    pub fn file_position(&self, offset: usize) -> Position {
        match &self.origin {
            Some(origin) => origin.lines.position(&origin.text, origin.map.original(offset)),
            None => self.position(offset),
        }
    }

    /// [`file_position`](Self::file_position), counting from where `hint` left off on the same
    /// line.
    pub fn file_position_near(&self, offset: usize, hint: &mut PositionHint) -> Position {
        match &self.origin {
            Some(origin) => origin.lines.position_near(&origin.text, origin.map.original(offset), hint),
            None => self.lines.position_near(&self.text, offset, hint),
        }
    }

    /// For tests and stdin: a UTF-8 source from a string.
    pub fn from_text(path: impl AsRef<Path>, text: &str) -> Self {
        SourceFile::new(
            path.as_ref(),
            Decoded { text: text.to_owned(), encoding: TextEncoding::Utf8, map: OffsetMap::Shift(0) },
        )
    }

    /// The text under a span; empty when the span does not fall on char boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The byte range of a span in the original file.
    pub fn original_range(&self, span: Span) -> (usize, usize) {
        let start = self.map.original(span.start);
        let end = self.map.original(span.end);
        (start, end.saturating_sub(start))
    }
}
