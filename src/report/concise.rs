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

/// The lines of one file: those rendered during the run (the document's, then its set
/// findings') and those of any findings left, in the order [`super::in_order`] gives.
pub fn file(file: &FileReport, lang: Lang) -> Cow<'_, str> {
    if file.findings.is_empty() && file.rendered_findings.is_sorted_by_key(super::sort_key) {
        return file.rendered.as_deref().unwrap_or_default().into();
    }
    let path = file.path.display().to_string();
    super::in_order(file, |f| line(&path, f, lang) + "\n").concat().into()
}
