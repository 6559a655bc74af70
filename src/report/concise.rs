use std::borrow::Cow;
use std::fmt::Write;

use crate::diagnostic::Lang;
use crate::findings::{FileReport, Finding};

/// `path:line:col: CODE [severity] message`, the grep- and editor-friendly form.
pub fn line(path: &str, finding: &Finding, lang: Lang) -> String {
    format!(
        "{path}:{}:{}: {} [{}] {}",
        finding.line,
        finding.column,
        finding.code,
        finding.severity.as_str(),
        finding.message.get(lang)
    )
}

/// What the worker renders per document, while the findings are fresh: their lines, which
/// [`file`] merges with the set findings later.
pub fn lines(path: &str, findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for finding in findings {
        let _ = writeln!(out, "{}", line(path, finding, lang));
    }
    out
}

pub fn render(files: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for file in files {
        out.push_str(&self::file(file, lang));
    }
    out
}

/// Line, column and code: what a file's findings are sorted by.
type SortKey<'a> = (usize, usize, &'a str);

/// The lines of one file: those rendered during the run (the document's, then its set
/// findings') and those of any findings left, in the order of a stable sort by line, column
/// and code — the order the findings themselves are sorted in once set findings join them.
pub fn file(file: &FileReport, lang: Lang) -> Cow<'_, str> {
    let key = |f: &crate::findings::RenderedFinding| (f.line, f.column, f.code);
    if file.findings.is_empty() && file.rendered_findings.is_sorted_by_key(key) {
        return file.rendered.as_deref().unwrap_or_default().into();
    }
    let path = file.path.display().to_string();
    if file.rendered_findings.is_empty() {
        return lines(&path, &file.findings, lang).into();
    }
    let mut pieces: Vec<(SortKey<'_>, Cow<'_, str>)> = file
        .rendered_pieces()
        .map(|(f, text)| ((f.line, f.column, f.code), text.into()))
        .chain(file.findings.iter().map(|f| ((f.line, f.column, f.code), (line(&path, f, lang) + "\n").into())))
        .collect();
    pieces.sort_by(|a, b| a.0.cmp(&b.0));
    pieces.into_iter().map(|(_, text)| text).collect::<String>().into()
}
