//! The human format: miette's graphical report over our own line index, so rendering stays
//! linear in the number of findings (miette's default source rescans the file for each).

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Lang, Severity};
use crate::findings::Finding;
use crate::source::{SourceFile, Window};

/// The source as one finding sees it: its window, cut while the document was alive, and its
/// column, already known, so rendering does not count the characters of its line again.
struct FindingSource<'a> {
    name: &'a str,
    window: &'a Window,
    /// 0-based column of the finding's start, in characters.
    column: usize,
}

impl SourceCode for FindingSource<'_> {
    fn read_span<'b>(
        &'b self,
        _span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette asks for the label's span only, with its context lines or with none.
        let snippet =
            if context_lines_before == 0 && context_lines_after == 0 { &self.window.own } else { &self.window.context };
        let snippet = snippet.as_ref().ok_or(MietteError::OutOfBounds)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            snippet.text.as_bytes(),
            SourceSpan::new(snippet.offset.into(), snippet.text.len()),
            snippet.line,
            // miette shows this column in the header (`path:line:column`): the span's own.
            self.column,
            snippet.line_count,
        )))
    }
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
        let window = self.source.as_ref()?.window;
        let clause = self.finding.clause.as_ref().filter(|_| window.shows_clause);
        let label = clause.map(|c| match self.lang {
            Lang::Zh => format!("位于 {c}"),
            Lang::En => format!("in {c}"),
        });
        Some(Box::new(std::iter::once(LabeledSpan::new(label, window.label_start, window.label_len))))
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

    /// Renders the findings of one document from their windows; a finding without one (a set
    /// finding, a file that was not read) gets the path instead of an excerpt. With `source`,
    /// a finding without a window has its window cut there.
    pub fn render(&self, source: Option<&SourceFile>, path: &str, findings: &[Finding]) -> String {
        let mut out = String::new();
        for finding in findings {
            let cut;
            let window = match (&finding.window, source) {
                (Some(window), _) => Some(&**window),
                (None, Some(source)) => {
                    cut = Window::of(source, finding.span, finding.clause.as_deref());
                    Some(&cut)
                }
                (None, None) => None,
            };
            let source =
                window.map(|window| FindingSource { name: path, window, column: finding.column.saturating_sub(1) });
            if source.is_none() {
                out.push_str(&format!("{path}\n"));
            }
            let rendered = Rendered { finding, lang: self.lang, source };
            if self.handler.render_report(&mut out, &rendered).is_err() {
                out.push_str(&super::concise::line(path, finding, self.lang));
            }
            out.push('\n');
        }
        out
    }
}
