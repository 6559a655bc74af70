//! What a person needs to find a finding without our line numbers: the flagged text, the
//! paragraph around it, and for a .docx the paragraph's ordinal in `word/document.xml`.

use super::{SourceFile, Span};
use crate::source::scan::{ceil_char_boundary, floor_char_boundary};

/// A context longer than this many characters is cut around the span.
pub const CONTEXT_CHARS: usize = 160;

/// A snippet longer than this many characters is cut (with `…`): a span over a whole chapter
/// would otherwise copy the chapter into every output.
pub const SNIPPET_CHARS: usize = 2000;

/// The flagged text of a finding and where it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Excerpt {
    /// The text under the span, in the reader's view of the document (Word's generated
    /// numbering included for a .docx, tags dropped for XML).
    pub snippet: String,
    /// The paragraph or line(s) holding the span, cut to about [`CONTEXT_CHARS`] characters
    /// around it (a cut is marked `…`).
    pub context: String,
    /// The byte range of the span inside `context`, for highlighting.
    #[serde(skip)]
    pub mark: (usize, usize),
    /// For a .docx: the 1-based ordinal of the paragraph among all `w:p` of the body of
    /// `word/document.xml`, in document order, table-cell paragraphs included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
}

impl Excerpt {
    /// The excerpt of `span` in `source`.
    pub fn of(source: &SourceFile, span: Span) -> Excerpt {
        let text = source.text.as_str();
        let start = floor_char_boundary(text, span.start);
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        // A span that takes the line break along ends, for a reader, where its line ends.
        let flagged = text.get(start..end).unwrap_or_default().trim_end_matches(['\n', '\r']);
        let end = start + flagged.len();
        // At most this many bytes on either side are looked at, so that the cost stays bounded
        // on a file that is one long line: more characters than a context keeps, so a cut
        // still shows as one.
        let reach = 4 * CONTEXT_CHARS + 4;
        let line_start = source.lines.line_start(source.lines.line_of(start));
        let from = line_start.max(ceil_char_boundary(text, start.saturating_sub(reach)));
        let ahead = floor_char_boundary(text, end.saturating_add(reach));
        let line_end = text.get(end..ahead).and_then(|rest| rest.find(['\n', '\r'])).map_or(ahead, |i| end + i);
        let before = text.get(from..start).unwrap_or_default();
        let after = text.get(end..line_end).unwrap_or_default();
        let (context, mark) = cut_context(before, flagged, after);
        let paragraph = source.paragraphs.as_ref().and_then(|p| p.ordinal(source.map.original(start)));
        Excerpt { snippet: cut_end(flagged, SNIPPET_CHARS), context, mark, paragraph }
    }

    /// The snippet inside the context: the span's text as the context shows it.
    pub fn marked(&self) -> &str {
        self.context.get(self.mark.0..self.mark.1).unwrap_or_default()
    }

    pub fn context_before(&self) -> &str {
        self.context.get(..self.mark.0).unwrap_or_default()
    }

    pub fn context_after(&self) -> &str {
        self.context.get(self.mark.1..).unwrap_or_default()
    }
}

/// The first `max` characters of `s`, with `…` when it was longer.
fn cut_end(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => {
            // Pushed, not formatted: every finding's snippet and context pass here.
            let mut cut = String::with_capacity(at + '…'.len_utf8());
            cut.push_str(s.get(..at).unwrap_or_default());
            cut.push('…');
            cut
        }
        None => s.to_owned(),
    }
}

/// The last `max` characters of `s`, with `…` before them when it was longer.
fn cut_start(s: &str, max: usize) -> String {
    let count = s.chars().count();
    if count <= max {
        return s.to_owned();
    }
    let skip = s.char_indices().nth(count - max).map_or(s.len(), |(at, _)| at);
    let kept = s.get(skip..).unwrap_or_default();
    let mut cut = String::with_capacity('…'.len_utf8() + kept.len());
    cut.push('…');
    cut.push_str(kept);
    cut
}

/// `before` + `flagged` + `after`, cut to about [`CONTEXT_CHARS`] characters: the flagged
/// text first (itself cut when longer than the budget), then what room is left shared
/// between both sides. Returns the text and the flagged range in it.
fn cut_context(before: &str, flagged: &str, after: &str) -> (String, (usize, usize)) {
    let shown = cut_end(flagged, CONTEXT_CHARS);
    let room = CONTEXT_CHARS.saturating_sub(shown.chars().count());
    let (b, a) = (before.chars().count(), after.chars().count());
    // Each side gets half the room, and a side that needs less gives the rest to the other.
    let (keep_before, keep_after) = if b + a <= room {
        (b, a)
    } else if b <= room / 2 {
        (b, room - b)
    } else if a <= room / 2 {
        (room - a, a)
    } else {
        (room / 2, room - room / 2)
    };
    let head = cut_start(before, keep_before);
    let tail = cut_end(after, keep_after);
    let mut context = String::with_capacity(head.len() + shown.len() + tail.len());
    for piece in [&head, &shown, &tail] {
        context.push_str(piece);
    }
    (context, (head.len(), head.len() + shown.len()))
}

/// Paragraph elements of a package part, in document order, nested (a text box inside a
/// paragraph): answers which one holds a byte offset of the part.
#[derive(Debug, Clone, Default)]
pub struct ParagraphIndex {
    /// Start and end (exclusive) byte offsets of each element, by document order.
    bounds: Vec<(u32, u32)>,
    /// The enclosing element of each, as an index + 1 (0: none).
    parents: Vec<u32>,
    /// Elements not closed yet, while building.
    open: Vec<u32>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ParagraphIndex {
    /// An element starts at `at`; `empty` for `<w:p/>`, which ends at `end`.
    pub fn open(&mut self, at: usize, empty: bool, end: usize) {
        let index = to_u32(self.bounds.len());
        self.parents.push(self.open.last().map_or(0, |&p| p + 1));
        if empty {
            self.bounds.push((to_u32(at), to_u32(end)));
        } else {
            self.bounds.push((to_u32(at), u32::MAX));
            self.open.push(index);
        }
    }

    /// The innermost open element ends just before `end`.
    pub fn close(&mut self, end: usize) {
        if let Some(index) = self.open.pop() {
            if let Some(bounds) = self.bounds.get_mut(index as usize) {
                bounds.1 = to_u32(end);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.bounds.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bounds.is_empty()
    }

    /// The 1-based ordinal of the innermost element holding `offset`.
    pub fn ordinal(&self, offset: usize) -> Option<usize> {
        let key = to_u32(offset);
        let mut at = self.bounds.partition_point(|&(start, _)| start <= key).checked_sub(1)?;
        // Walking out through the enclosing elements: as deep as the nesting, never further.
        loop {
            let &(start, end) = self.bounds.get(at)?;
            if start <= key && key < end {
                return Some(at + 1);
            }
            at = (*self.parents.get(at)? as usize).checked_sub(1)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_context_is_the_whole_line_with_the_span_marked() {
        let source = SourceFile::from_text("a.md", "前言\n本标准规定了养老服务。\n下一行");
        let start = source.text.find("本标准").unwrap_or(0);
        let excerpt = Excerpt::of(&source, Span::new(start, start + "本标准".len()));
        assert_eq!(excerpt.snippet, "本标准");
        assert_eq!(excerpt.context, "本标准规定了养老服务。");
        assert_eq!(excerpt.marked(), "本标准");
        assert_eq!(excerpt.context_after(), "规定了养老服务。");
        assert_eq!(excerpt.paragraph, None);
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}必须{}", "甲".repeat(300), "乙".repeat(300));
        let source = SourceFile::from_text("a.txt", &line);
        let start = line.find("必须").unwrap_or(0);
        let excerpt = Excerpt::of(&source, Span::new(start, start + "必须".len()));
        assert_eq!(excerpt.marked(), "必须");
        assert!(excerpt.context.starts_with('…') && excerpt.context.ends_with('…'));
        // 160 characters and the two marks.
        assert_eq!(excerpt.context.chars().count(), CONTEXT_CHARS + 2);
        assert_eq!(excerpt.context_before().chars().count(), 1 + 79);
    }

    #[test]
    fn a_span_near_the_line_start_gives_its_room_to_the_other_side() {
        let line = format!("必须{}", "乙".repeat(300));
        let source = SourceFile::from_text("a.txt", &line);
        let excerpt = Excerpt::of(&source, Span::new(0, "必须".len()));
        assert_eq!(excerpt.context_before(), "");
        assert_eq!(excerpt.context_after().chars().count(), CONTEXT_CHARS - 2 + 1);
    }

    #[test]
    fn empty_and_multi_line_spans() {
        let source = SourceFile::from_text("a.md", "## 前言\n\n第一段。\n第二段。\n");
        let excerpt = Excerpt::of(&source, Span::empty(3));
        assert_eq!((excerpt.snippet.as_str(), excerpt.context.as_str()), ("", "## 前言"));
        assert_eq!(excerpt.mark, (3, 3));
        let start = source.text.find("第一").unwrap_or(0);
        let end = source.text.find("第二").unwrap_or(0) + "第二".len();
        let excerpt = Excerpt::of(&source, Span::new(start, end));
        assert_eq!(excerpt.snippet, "第一段。\n第二");
        assert_eq!(excerpt.context, "第一段。\n第二段。");
        // Out of range and inside a character: clamped, never a panic.
        let excerpt = Excerpt::of(&source, Span::new(start + 1, 10_000));
        assert!(excerpt.snippet.starts_with("第一段"));
    }

    #[test]
    fn a_very_long_span_is_cut() {
        let text = "长".repeat(SNIPPET_CHARS + 10);
        let source = SourceFile::from_text("a.txt", &text);
        let excerpt = Excerpt::of(&source, Span::new(0, text.len()));
        assert_eq!(excerpt.snippet.chars().count(), SNIPPET_CHARS + 1);
        assert_eq!(excerpt.context.chars().count(), CONTEXT_CHARS + 1);
    }

    #[test]
    fn paragraph_ordinals_follow_document_order_and_nesting() {
        // <p0> … <p1/> … <p2> <p3>…</p3> … </p2> <p4>…</p4>
        let mut index = ParagraphIndex::default();
        index.open(0, false, 0);
        index.close(10);
        index.open(10, true, 16);
        index.open(20, false, 20);
        index.open(30, false, 30);
        index.close(40);
        index.close(60);
        index.open(60, false, 60);
        index.close(70);
        assert_eq!(index.len(), 5);
        assert_eq!(index.ordinal(5), Some(1));
        assert_eq!(index.ordinal(12), Some(2));
        assert_eq!(index.ordinal(17), None);
        assert_eq!(index.ordinal(25), Some(3));
        assert_eq!(index.ordinal(35), Some(4));
        // After the nested paragraph, back in the one that holds it.
        assert_eq!(index.ordinal(45), Some(3));
        assert_eq!(index.ordinal(65), Some(5));
        assert_eq!(index.ordinal(70), None);
    }
}

/// Serde for an [`Excerpt`] kept whole, its `mark` included (reports leave the mark out): for
/// the cache, through `#[serde(with = "crate::source::whole_excerpt")]`.
pub mod whole_excerpt {
    use super::Excerpt;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Deserialize)]
    struct Whole {
        snippet: String,
        context: String,
        mark: (usize, usize),
        paragraph: Option<usize>,
    }

    #[derive(Serialize)]
    struct WholeRef<'a> {
        snippet: &'a str,
        context: &'a str,
        mark: (usize, usize),
        paragraph: Option<usize>,
    }

    pub fn serialize<S: Serializer>(excerpt: &Excerpt, serializer: S) -> Result<S::Ok, S::Error> {
        WholeRef {
            snippet: &excerpt.snippet,
            context: &excerpt.context,
            mark: excerpt.mark,
            paragraph: excerpt.paragraph,
        }
        .serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Excerpt, D::Error> {
        let Whole { snippet, context, mark, paragraph } = Whole::deserialize(deserializer)?;
        Ok(Excerpt { snippet, context, mark, paragraph })
    }
}
