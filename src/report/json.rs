//! The JSON report; its shape is documented by `schemas/report.schema.json`.

use serde::Serialize;

use crate::check::RenderedFile;
use crate::diagnostic::{Lang, Severity};
use crate::findings::{Finding, RunReport};
use crate::rules;

#[derive(Serialize)]
struct Report<'a> {
    version: &'static str,
    tool: &'static str,
    summary: Summary,
    diagnostics: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    elapsed_ms: u128,
}

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    clause: Option<&'a str>,
    gbt_clause: Option<&'static str>,
    profile: Option<&'a str>,
    part: Option<&'a str>,
    snippet: &'a str,
    context: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    /// The other places of a finding whose repeats were collapsed into it.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    also: &'a [crate::findings::Occurrence],
}

pub fn render(report: &RunReport, lang: Lang) -> String {
    let paths = paths(report);
    serde_json::to_string_pretty(&document(report, lang, &paths)).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// [`render`], written to `out` as it is serialised.
pub fn write(report: &RunReport, lang: Lang, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let paths = paths(report);
    serde_json::to_writer_pretty(out, &document(report, lang, &paths)).map_err(std::io::Error::other)
}

/// Each file's path as the report prints it, once per file.
fn paths(report: &RunReport) -> Vec<String> {
    report.files.iter().map(|f| f.path.display().to_string()).collect()
}

fn entry<'a>(path: &'a str, profile: Option<&'a str>, part: Option<&'a str>, f: &'a Finding, lang: Lang) -> Entry<'a> {
    Entry {
        path,
        code: f.code,
        name: f.name,
        severity: f.severity,
        message: f.message.get(lang),
        help: f.help.as_ref().map(|h| h.get(lang)),
        line: f.line,
        column: f.column,
        end_line: f.end_line,
        end_column: f.end_column,
        offset: f.offset,
        length: f.length,
        clause: f.clause.as_deref(),
        gbt_clause: rules::find(f.code).map(|r| r.meta().clause).filter(|c| *c != "—"),
        profile,
        part,
        snippet: &f.excerpt.snippet,
        context: &f.excerpt.context,
        paragraph: f.excerpt.paragraph,
        also: &f.also,
    }
}

/// The entries of `findings` as they stand in the report's `diagnostics` array (indented,
/// separated by commas): what a run renders in each document's task, one finding at a time.
pub fn entries(file: &RenderedFile<'_>, findings: &[Finding], lang: Lang) -> String {
    let path = file.display();
    let texts: Vec<String> =
        findings.iter().map(|f| entry_text(&entry(path, file.profile, file.part, f, lang))).collect();
    texts.join(",\n")
}

/// An entry printed as `to_string_pretty` prints it two levels deep.
fn entry_text(entry: &Entry<'_>) -> String {
    super::indented(entry, 4)
}

/// [`write`] for a run whose files were rendered as JSON entries ([`entries`]) — each file's
/// entries taken from memory or the spill file as it is written — or not rendered at all: the
/// same bytes.
pub fn write_rendered(report: &mut RunReport, lang: Lang, out: &mut impl std::io::Write) -> std::io::Result<()> {
    // The document without its entries (no paths: none is made), the entries written into it.
    let head = serde_json::to_string_pretty(&document(report, lang, &[])).map_err(std::io::Error::other)?;
    super::write_into_array(report, out, &head, "\"diagnostics\": []", 2, |report, write| {
        for file in &mut report.files {
            file.rendered = file.take_rendered()?;
            let path = file.path.display().to_string();
            let (profile, part) = (file.profile.as_deref(), file.part.as_deref());
            for piece in super::in_order(file, |f| entry_text(&entry(&path, profile, part, f, lang))) {
                write(&piece)?;
            }
            file.rendered = None;
        }
        Ok(())
    })
}

fn document<'a>(report: &'a RunReport, lang: Lang, paths: &'a [String]) -> Report<'a> {
    let mut diagnostics = Vec::new();
    for (file, path) in report.files.iter().zip(paths) {
        for f in &file.findings {
            diagnostics.push(entry(path, file.profile.as_deref(), file.part.as_deref(), f, lang));
        }
    }
    Report {
        version: env!("CARGO_PKG_VERSION"),
        tool: "normlint",
        summary: Summary {
            documents: report.documents,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            elapsed_ms: report.elapsed.as_millis(),
        },
        diagnostics,
    }
}
