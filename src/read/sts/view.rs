//! The text view under construction: lines of text with a run map back to the source.
//!
//! Text copied from the source goes in verbatim runs (offsets inside shift along); anything the
//! reader writes itself (a decoded entity, a computed label, a separator) goes in a run anchored
//! at the element it stands for. XML white space collapses to one space and lines are trimmed,
//! so a pretty-printed file and a one-line file give the same view.

use crate::read::lines::{Line, LineKind};
use crate::source::{Run, Span};

use super::entities::Resolved;
use super::walker::{Element, Node, is_xml_space};

#[derive(Debug, Default)]
pub struct View {
    pub text: String,
    /// Runs with `original` = offset in the decoded source (composed with the decode map later).
    pub runs: Vec<Run>,
    pub lines: Vec<Line>,
    line_start: usize,
    /// White space seen since the last character of the line: its source offset.
    pending_space: Option<usize>,
    /// The line holds only a prefix (`注：`, `a)`) that the next paragraph continues.
    pub glue: bool,
    /// Where the last verbatim run would continue: `(view, source)`.
    verbatim_end: Option<(usize, usize)>,
}

impl View {
    pub fn new() -> Self {
        View::default()
    }

    /// True when the current line has no character yet.
    pub fn line_is_empty(&self) -> bool {
        self.text.len() == self.line_start
    }

    fn run(&mut self, source: usize, verbatim: bool) {
        let view = self.text.len();
        if verbatim && self.verbatim_end == Some((view, source)) {
            return;
        }
        let run = Run { view: to_u32(view), original: to_u32(source), verbatim };
        match self.runs.last_mut() {
            Some(last) if last.view == run.view => *last = run,
            _ => self.runs.push(run),
        }
        self.verbatim_end = None;
    }

    fn flush_space(&mut self) {
        if let Some(at) = self.pending_space.take() {
            if !self.line_is_empty() {
                self.run(at, false);
                self.text.push(' ');
            }
        }
    }

    /// Source text `source[start..end]` (no references in it), white space collapsed.
    pub fn verbatim(&mut self, source: &str, start: usize, end: usize) {
        let Some(slice) = source.get(start..end) else { return };
        let mut offset = start;
        for piece in xml_words(slice) {
            let word = piece.trim_end_matches(is_xml_space);
            if !word.is_empty() {
                self.flush_space();
                self.run(offset, true);
                self.text.push_str(word);
                self.verbatim_end = Some((self.text.len(), offset + word.len()));
                self.glue = false;
            }
            if word.len() < piece.len() && self.pending_space.is_none() && !self.glue {
                self.pending_space = Some(offset + word.len());
            }
            offset += piece.len();
        }
    }

    /// Text the reader writes itself, anchored at `anchor`.
    pub fn computed(&mut self, text: &str, anchor: usize) {
        if text.is_empty() {
            return;
        }
        self.flush_space();
        self.run(anchor, false);
        self.text.push_str(text);
        self.glue = false;
    }

    /// One decoded character (an entity) at `anchor`; XML white space collapses like text.
    pub fn character(&mut self, c: char, anchor: usize) {
        if is_xml_space(c) {
            self.space(anchor);
            return;
        }
        let mut buffer = [0u8; 4];
        self.computed(c.encode_utf8(&mut buffer), anchor);
    }

    /// A separating space (collapses with white space around it; dropped at line ends).
    pub fn space(&mut self, anchor: usize) {
        if self.pending_space.is_none() && !self.glue {
            self.pending_space = Some(anchor);
        }
    }

    /// Copies a text or reference node into the view; a `<!-- normlint-… -->` comment between
    /// blocks becomes a line of its own (suppressions read it as in Markdown; inside running text
    /// it would split a paragraph, so there it is left out). An element is handed back for the
    /// caller to render.
    pub fn node<'e>(&mut self, source: &str, node: &'e Node) -> Option<&'e Element> {
        match node {
            Node::Text { start, end } => self.verbatim(source, *start, *end),
            Node::Ref { start, end, resolved } => match resolved {
                Resolved::Char(c) => self.character(*c, *start),
                Resolved::Literal => self.verbatim(source, *start, *end),
            },
            Node::Directive { start, end } => {
                if self.line_is_empty() {
                    self.verbatim(source, *start, *end);
                    self.flush(LineKind::Skip, None);
                }
            }
            Node::Element(element) => return Some(element),
        }
        None
    }

    /// Forgets the white space seen since the last character, for a separator that joins
    /// what comes before it without a gap (`r——`, `…]`).
    pub fn drop_space(&mut self) {
        self.pending_space = None;
    }

    /// A row break inside a table line.
    pub fn row_break(&mut self, anchor: usize) {
        self.pending_space = None;
        if !self.line_is_empty() && !self.text.ends_with('\n') {
            self.run(anchor, false);
            self.text.push('\n');
        }
    }

    /// Ends the current line; an empty line is dropped. Returns the line's span.
    pub fn flush(&mut self, kind: LineKind, heading: Option<u8>) -> Option<Span> {
        self.pending_space = None;
        self.glue = false;
        while self.text.ends_with('\n') && self.text.len() > self.line_start {
            self.text.pop();
        }
        if self.line_is_empty() {
            return None;
        }
        let span = Span::new(self.line_start, self.text.len());
        self.lines.push(Line { kind, span, heading, continues: false });
        self.text.push('\n');
        self.line_start = self.text.len();
        Some(span)
    }

    /// Ends the current line as text when it holds anything.
    pub fn flush_text(&mut self) -> Option<Span> {
        self.flush(LineKind::Text, None)
    }

    pub fn into_parts(self) -> (String, Vec<Run>, Vec<Line>) {
        (self.text, self.runs, self.lines)
    }
}

pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `text.split_inclusive(is_xml_space)`, split on the bytes: XML white space is four ASCII
/// characters, which no byte of a longer UTF-8 character equals, and deciding each character
/// of a Chinese paragraph by decoding it was a tenth of reading an STS file.
fn xml_words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.bytes().position(|b| is_xml_space(char::from(b))).map_or(rest.len(), |i| i + 1);
        let (piece, after) = rest.split_at_checked(end)?;
        rest = after;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::OffsetMap;

    #[test]
    fn words_split_as_split_inclusive_splits_them() {
        for text in [
            "",
            " ",
            "本文件",
            "本文件 规定了",
            "  本文件\n   规定了  ",
            "a\tb\r\nc ",
            "本 ",
            " 本",
            "\u{3000}本\u{a0}文",
        ] {
            let expected: Vec<&str> = text.split_inclusive(is_xml_space).collect();
            assert_eq!(xml_words(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn white_space_collapses_and_offsets_map_back() {
        let source = "<p>  本文件\n   规定了  </p><p>x</p>";
        let mut view = View::new();
        view.verbatim(source, 3, source.find("</p>").unwrap());
        let span = view.flush_text().unwrap();
        assert_eq!(&view.text[span.start..span.end], "本文件 规定了");
        view.computed("注：", 30);
        let x = source.rfind('x').unwrap();
        view.verbatim(source, x, x + 1);
        view.flush_text();
        let (text, runs, lines) = view.into_parts();
        assert_eq!(text, "本文件 规定了\n注：x\n");
        assert_eq!(lines.len(), 2);
        let map = OffsetMap::Runs(runs);
        assert_eq!(map.original(0), 5);
        assert_eq!(map.original(3), 8); // 文
        let gui = text.find('规').unwrap();
        assert_eq!(&source[map.original(gui)..map.original(gui) + 3], "规");
        assert_eq!(map.original(text.find('注').unwrap()), 30);
        assert_eq!(map.original(text.find('x').unwrap()), x);
    }

    #[test]
    fn empty_lines_are_dropped_and_spaces_trimmed() {
        let mut view = View::new();
        view.space(0);
        assert!(view.flush_text().is_none());
        view.computed("a", 0);
        view.space(1);
        let span = view.flush_text().unwrap();
        assert_eq!(span, Span::new(0, 1));
        assert_eq!(view.text, "a\n");
    }
}
