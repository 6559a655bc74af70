//! What the `full` format shows of the source around one finding, cut while the source is
//! alive: the excerpt lines, the underline and whether the clause label is shown. A finding
//! carries its window, so the report can be rendered after the document was dropped, or from
//! the cache without reading the document again.

use crate::source::scan::{ceil_char_boundary, floor_char_boundary};
use serde::{Deserialize, Serialize};

use super::{LineIndex, SourceFile, Span};

/// An excerpt longer than this is cut to a window around the underlined span, so that a
/// finding on a line of a megabyte prints a line's worth, not the megabyte.
const MAX_EXCERPT_BYTES: usize = 2048;
/// Of a cut excerpt: how much to show on either side of the span.
const WINDOW_BYTES: usize = 240;
/// Underlines longer than this are shortened (the finding's own position is unchanged).
const MAX_UNDERLINE_BYTES: usize = 600;
/// The lines of context miette's graphical handler asks for around a label (its default).
pub const CONTEXT_LINES: usize = 1;

/// The source of one finding as the `full` format shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// The underlined range, in bytes of the shown text (the file's own for an XML view).
    pub label_start: usize,
    pub label_len: usize,
    /// Whether the label names the clause: not under the clause's own heading.
    pub shows_clause: bool,
    /// The lines around the label ([`CONTEXT_LINES`] on either side); `None` when the label
    /// falls outside the shown text.
    pub context: Option<Snippet>,
    /// The label's own lines.
    pub own: Option<Snippet>,
}

/// A run of whole lines (or a cut of them) of the shown text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub text: String,
    /// Byte offset of `text` in the shown text.
    pub offset: usize,
    /// 0-based number of the first line shown.
    pub line: usize,
    pub line_count: usize,
}

impl Window {
    /// The window of `span` in `source`; `clause` is the finding's clause label.
    pub fn of(source: &SourceFile, span: Span, clause: Option<&str>) -> Window {
        let (text, lines) = shown(source);
        let (start, len) = match &source.origin {
            Some(origin) => {
                let start = origin.map.original(span.start);
                let end = origin.map.original(span.end).max(start);
                (start, end - start)
            }
            None => (span.start, span.len()),
        };
        let len =
            if len > MAX_UNDERLINE_BYTES { ceil_char_boundary(text, start + MAX_UNDERLINE_BYTES) - start } else { len };
        // "in 前言" under the 前言 heading itself says nothing.
        let underlined = source.slice(span);
        let shows_clause = clause.is_some_and(|c| !underlined.starts_with(c) && !underlined.ends_with(c));
        Window {
            label_start: start,
            label_len: len,
            shows_clause,
            context: snippet(text, lines, start, len, CONTEXT_LINES),
            own: snippet(text, lines, start, len, 0),
        }
    }
}

/// The text snippets are cut from: the file's own (the XML of an STS view), else the text.
fn shown(source: &SourceFile) -> (&str, &LineIndex) {
    match &source.origin {
        Some(origin) => (origin.text.as_str(), &origin.lines),
        None => (source.text.as_str(), &source.lines),
    }
}

/// The lines of `start..start + len` with `context` lines on either side, cut around the span
/// when they are too long.
fn snippet(text: &str, lines: &LineIndex, start: usize, len: usize, context: usize) -> Option<Snippet> {
    let end = start + len;
    if end > text.len() {
        return None;
    }
    let first_line = lines.line_of(start).saturating_sub(context);
    let last_span_line = lines.line_of(end.saturating_sub(1).max(start));
    let last_line = (last_span_line + context).min(lines.line_count().saturating_sub(1));
    let line_end = |line: usize| if line + 1 < lines.line_count() { lines.line_start(line + 1) } else { text.len() };
    let (mut from, mut to) = (lines.line_start(first_line), line_end(last_line));
    let (mut shown_first, mut shown_last) = (first_line, last_line);
    if to - from > MAX_EXCERPT_BYTES {
        // Only the span's own lines, cut around it.
        shown_first = lines.line_of(start);
        shown_last = last_span_line;
        from = floor_char_boundary(text, start.saturating_sub(WINDOW_BYTES)).max(lines.line_start(shown_first));
        to = ceil_char_boundary(text, end + WINDOW_BYTES).min(line_end(shown_last));
    }
    Some(Snippet {
        text: text.get(from..to)?.to_owned(),
        offset: from,
        line: shown_first,
        line_count: shown_last - shown_first + 1,
    })
}
