//! Output formats. Every format reads the same resolved findings; only `full` needs the
//! source text, and renders while the worker still holds it.

pub mod concise;
pub mod full;
pub mod html;
pub mod json;
pub mod machine;

use std::fmt::Write;

use crate::diagnostic::{Lang, Severity};
use crate::findings::RunReport;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Source excerpts with the offending characters underlined (miette).
    Full,
    /// One line per finding: `path:line:col: CODE [severity] message`.
    Concise,
    /// One JSON document, described by `schemas/report.schema.json`.
    Json,
    /// One JSON object per finding and line.
    JsonLines,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (the default when GITHUB_ACTIONS=true).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// One self-contained HTML page for reviewers: overview, findings with the flagged text,
    /// filters, the rules explained; prints cleanly.
    Html,
}

impl OutputFormat {
    /// The machine format this is, if it is one written from pieces ([`machine::write`]).
    pub fn machine(self) -> Option<machine::Machine> {
        match self {
            OutputFormat::JsonLines => Some(machine::Machine::JsonLines),
            OutputFormat::Sarif => Some(machine::Machine::Sarif),
            OutputFormat::Github => Some(machine::Machine::Github),
            OutputFormat::Gitlab => Some(machine::Machine::Gitlab),
            OutputFormat::Junit => Some(machine::Machine::Junit),
            OutputFormat::Full | OutputFormat::Concise | OutputFormat::Json | OutputFormat::Html => None,
        }
    }
}

/// The closing line of a human-readable run.
pub fn summary(report: &RunReport, lang: Lang) -> String {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let infos = report.count(Severity::Info);
    let seconds = report.elapsed.as_secs_f64();
    let mut out = String::new();
    match lang {
        Lang::Zh => {
            let _ = write!(
                out,
                "检查了{}个文件：{errors}个错误，{warnings}个警告，{infos}个提示（用时{seconds:.2}秒）",
                report.documents
            );
        }
        Lang::En => {
            let _ = write!(
                out,
                "Checked {} document{}: {errors} error{}, {warnings} warning{}, {infos} info in {seconds:.2}s",
                report.documents,
                plural(report.documents),
                plural(errors),
                plural(warnings)
            );
        }
    }
    let baselined: usize = report.files.iter().map(|f| f.baselined).sum();
    if baselined > 0 {
        let _ = match lang {
            Lang::Zh => write!(out, "；另有{baselined}个已记录在基线中的问题未显示"),
            Lang::En => write!(out, "; {baselined} finding{} in the baseline not shown", plural(baselined)),
        };
    }
    out
}

/// Line, column and code: what a file's findings are sorted by.
type SortKey<'a> = (usize, usize, &'a str);

fn sort_key(f: &crate::findings::RenderedFinding) -> SortKey<'static> {
    (f.line, f.column, f.code)
}

/// A file's output, piece by piece: the pieces rendered during the run (the document's, then
/// its set findings') and its remaining findings rendered by `rest`, in the order of a stable
/// sort by line, column and code — the order the findings themselves are sorted in once set
/// findings join them. A file never rendered keeps its findings' order.
pub(crate) fn in_order<'a>(
    file: &'a crate::findings::FileReport,
    rest: impl Fn(&crate::findings::Finding) -> String,
) -> Vec<std::borrow::Cow<'a, str>> {
    in_order_with_severity(file, rest).into_iter().map(|(_, text)| text).collect()
}

/// [`in_order`], each piece with the severity of its finding.
pub(crate) fn in_order_with_severity<'a>(
    file: &'a crate::findings::FileReport,
    rest: impl Fn(&crate::findings::Finding) -> String,
) -> Vec<(Severity, std::borrow::Cow<'a, str>)> {
    if file.rendered_findings.is_empty() {
        return file.findings.iter().map(|f| (f.severity, rest(f).into())).collect();
    }
    let mut pieces: Vec<(SortKey<'_>, Severity, std::borrow::Cow<'a, str>)> = file
        .rendered_pieces()
        .map(|(f, text)| (sort_key(f), f.severity, text.into()))
        .chain(file.findings.iter().map(|f| ((f.line, f.column, f.code), f.severity, rest(f).into())))
        .collect();
    if !pieces.is_sorted_by_key(|(key, _, _)| *key) {
        pieces.sort_by_key(|(key, _, _)| *key);
    }
    pieces.into_iter().map(|(_, severity, text)| (severity, text)).collect()
}

/// Writes `document`, printed with an empty array, with the report's pieces in the array that
/// opens at the first `empty_array` in it, `depth` spaces deep, as serde_json would have
/// printed them there: the JSON report's diagnostics, SARIF's results, GitLab's issues.
/// `pieces` hands each piece of the report, in order, to the writer it is given.
pub(crate) fn write_into_array(
    report: &mut RunReport,
    out: &mut impl std::io::Write,
    document: &str,
    empty_array: &str,
    depth: usize,
    pieces: impl FnOnce(&mut RunReport, &mut dyn FnMut(&str) -> std::io::Result<()>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let total: usize = report.files.iter().map(|f| f.findings.len() + f.rendered_findings.len()).sum();
    let Some(at) = document.find(empty_array).map(|at| at + empty_array.len() - "]".len()).filter(|_| total > 0) else {
        return out.write_all(document.as_bytes());
    };
    let (head, tail) = document.split_at(at);
    out.write_all(head.as_bytes())?;
    out.write_all(b"\n")?;
    let mut first = true;
    pieces(report, &mut |piece| {
        if !first {
            out.write_all(b",\n")?;
        }
        first = false;
        out.write_all(piece.as_bytes())
    })?;
    out.write_all(b"\n")?;
    out.write_all(" ".repeat(depth).as_bytes())?;
    out.write_all(tail.as_bytes())
}

/// `value` printed as `to_string_pretty` prints it `depth` spaces deep in a document.
pub(crate) fn indented(value: &impl serde::Serialize, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.extend(std::iter::repeat_n(' ', depth));
        out.push_str(line);
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
