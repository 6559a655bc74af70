//! The human format: miette's graphical report over our own line index, so rendering stays
//! linear in the number of findings (miette's default source rescans the file for each).

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Lang, Severity};
use crate::findings::Finding;
use crate::source::SourceFile;

/// A source file seen through its line index.
pub struct IndexedSource<'a> {
    file: &'a SourceFile,
    name: String,
}

impl<'a> IndexedSource<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        IndexedSource { file, name: file.path.display().to_string() }
    }
}

impl IndexedSource<'_> {
    /// The text snippets are cut from: the file's own (the XML of an STS view), else the text.
    fn shown(&self) -> (&str, &crate::source::LineIndex) {
        match &self.file.origin {
            Some(origin) => (origin.text.as_str(), &origin.lines),
            None => (self.file.text.as_str(), &self.file.lines),
        }
    }

    /// A span of the checked text as a span of [`shown`](Self::shown).
    fn shown_span(&self, span: crate::source::Span) -> (usize, usize) {
        match &self.file.origin {
            Some(origin) => {
                let start = origin.map.original(span.start);
                let end = origin.map.original(span.end).max(start);
                (start, end - start)
            }
            None => (span.start, span.len()),
        }
    }
}

/// An excerpt longer than this is cut to a window around the underlined span, so that a
/// finding on a line of a megabyte prints a line's worth, not the megabyte.
const MAX_EXCERPT_BYTES: usize = 2048;
/// Of a cut excerpt: how much to show on either side of the span.
const WINDOW_BYTES: usize = 240;
/// Underlines longer than this are shortened (the finding's own position is unchanged).
const MAX_UNDERLINE_BYTES: usize = 600;

/// The source as one finding sees it: its column is already known, so rendering does not
/// count the characters of its line again for every finding on it.
struct FindingSource<'a> {
    source: &'a IndexedSource<'a>,
    /// 0-based column of the finding's start, in characters.
    column: usize,
}

impl SourceCode for FindingSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (text, lines) = self.source.shown();
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = lines.line_of(start).saturating_sub(context_lines_before);
        let last_span_line = lines.line_of(end.saturating_sub(1).max(start));
        let last_line = (last_span_line + context_lines_after).min(lines.line_count().saturating_sub(1));
        let line_end =
            |line: usize| if line + 1 < lines.line_count() { lines.line_start(line + 1) } else { text.len() };
        let (mut from, mut to) = (lines.line_start(first_line), line_end(last_line));
        let (mut shown_first, mut shown_last) = (first_line, last_line);
        if to - from > MAX_EXCERPT_BYTES {
            // Only the span's own lines, cut around it.
            shown_first = lines.line_of(start);
            shown_last = last_span_line;
            from = floor_boundary(text, start.saturating_sub(WINDOW_BYTES)).max(lines.line_start(shown_first));
            to = ceil_boundary(text, end + WINDOW_BYTES).min(line_end(shown_last));
        }
        let data = text.as_bytes().get(from..to).ok_or(MietteError::OutOfBounds)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.source.name.clone(),
            data,
            SourceSpan::new(from.into(), to - from),
            shown_first,
            // miette shows this column in the header (`path:line:column`): the span's own.
            self.column,
            shown_last - shown_first + 1,
        )))
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

struct Rendered<'a> {
    finding: &'a Finding,
    lang: Lang,
    source: Option<FindingSource<'a>>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.finding.code)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.finding.message.get(self.lang))
    }
}

impl std::error::Error for Rendered<'_> {}

impl MietteDiagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{}({})", self.finding.code, self.finding.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding.help.as_ref().map(|h| Box::new(h.get(self.lang)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let source = self.source.as_ref()?.source;
        let span = self.finding.span;
        // "in 前言" under the 前言 heading itself says nothing.
        let underlined = source.file.slice(span);
        let clause = self
            .finding
            .clause
            .as_ref()
            .filter(|c| !underlined.starts_with(c.as_str()) && !underlined.ends_with(c.as_str()));
        let label = clause.map(|c| match self.lang {
            Lang::Zh => format!("位于 {c}"),
            Lang::En => format!("in {c}"),
        });
        let (start, len) = source.shown_span(span);
        let (shown, _) = source.shown();
        let len =
            if len > MAX_UNDERLINE_BYTES { ceil_boundary(shown, start + MAX_UNDERLINE_BYTES) - start } else { len };
        Some(Box::new(std::iter::once(LabeledSpan::new(label, start, len))))
    }
}

pub struct FullRenderer {
    handler: GraphicalReportHandler,
    lang: Lang,
}

impl FullRenderer {
    pub fn new(lang: Lang, color: bool) -> Self {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
        FullRenderer { handler, lang }
    }

    /// Renders the findings of one document.
    pub fn render(&self, source: Option<&SourceFile>, path: &str, findings: &[Finding]) -> String {
        let indexed = source.map(IndexedSource::new);
        let mut out = String::new();
        for finding in findings {
            let source =
                indexed.as_ref().map(|source| FindingSource { source, column: finding.column.saturating_sub(1) });
            let rendered = Rendered { finding, lang: self.lang, source };
            if indexed.is_none() {
                out.push_str(&format!("{path}\n"));
            }
            if self.handler.render_report(&mut out, &rendered).is_err() {
                out.push_str(&super::concise::line(path, finding, self.lang));
            }
            out.push('\n');
        }
        out
    }
}
