//! The human format: miette's graphical report over our own line index, so rendering stays
//! linear in the number of findings (miette's default source rescans the file for each).

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::check::Finding;
use crate::diagnostic::{Lang, Severity};
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

impl SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let (text, lines) = self.shown();
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = lines.line_of(start).saturating_sub(context_lines_before);
        let last_span_line = lines.line_of(end.saturating_sub(1).max(start));
        let last_line = (last_span_line + context_lines_after).min(lines.line_count().saturating_sub(1));
        let from = lines.line_start(first_line);
        let to = if last_line + 1 < lines.line_count() { lines.line_start(last_line + 1) } else { text.len() };
        let data = text.as_bytes().get(from..to).ok_or(MietteError::OutOfBounds)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::new(from.into(), to - from),
            first_line,
            // miette shows this column in the header (`path:line:column`): the span's own.
            lines.position(text, start).column - 1,
            last_line - first_line + 1,
        )))
    }
}

struct Rendered<'a> {
    finding: &'a Finding,
    lang: Lang,
    source: Option<&'a IndexedSource<'a>>,
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
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source?;
        let span = self.finding.span;
        // "in 前言" under the 前言 heading itself says nothing.
        let underlined = self.source.map_or("", |s| s.file.slice(span));
        let clause = self
            .finding
            .clause
            .as_ref()
            .filter(|c| !underlined.starts_with(c.as_str()) && !underlined.ends_with(c.as_str()));
        let label = clause.map(|c| match self.lang {
            Lang::Zh => format!("位于 {c}"),
            Lang::En => format!("in {c}"),
        });
        let (start, len) = self.source.map_or((span.start, span.len()), |s| s.shown_span(span));
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
            let rendered = Rendered { finding, lang: self.lang, source: indexed.as_ref() };
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
