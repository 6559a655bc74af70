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

pub fn render(files: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for file in files {
        let path = file.path.display().to_string();
        for finding in &file.findings {
            let _ = writeln!(out, "{}", line(&path, finding, lang));
        }
    }
    out
}
