//! Machine formats for CI: JSON Lines, SARIF 2.1.0, GitHub workflow commands, GitLab Code
//! Quality, JUnit XML.

use std::fmt::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::diagnostic::{Lang, Severity};
use crate::findings::{Finding, RunReport};
use crate::rules;

/// Paths in reports use forward slashes, whatever the platform.
fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The machine formats that are rendered in each document's task, one finding at a time
/// (see [`piece`]), and written from those pieces ([`write`]): a large run keeps their text,
/// spilled to a file past a few MB, instead of its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Machine {
    JsonLines,
    Sarif,
    Github,
    Gitlab,
    Junit,
}

/// One finding as `format` prints it in `path`'s place of the report. `fingerprint` is the
/// finding's, unique within its file. GitHub's piece holds two lines, the annotation and the
/// plain log line, as only the whole run says which of them is shown.
pub fn piece(format: Machine, path: &Path, f: &Finding, fingerprint: &str, lang: Lang) -> String {
    match format {
        Machine::JsonLines => format!("{}\n", entry(path, f, fingerprint, lang)),
        Machine::Sarif => {
            let rule_index = rules::registry().iter().position(|r| r.meta().code == f.code);
            super::indented(&sarif::result(f, uri(path), fingerprint.to_owned(), rule_index, lang), 8)
        }
        Machine::Github => {
            format!("{}\n{}\n", github_annotation(path, f, lang), super::concise::line(&display_path(path), f, lang))
        }
        Machine::Gitlab => super::indented(&gitlab_issue(path, f, fingerprint, lang), 2),
        Machine::Junit => junit_case(&display_path(path), f, lang),
    }
}

/// The report in `format`: each file's pieces in its order, taken from memory or from the
/// spill file as they are written, and the findings of a file never rendered (a catalogue's)
/// rendered here.
pub fn write(
    format: Machine,
    report: &mut RunReport,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    match format {
        Machine::JsonLines => each_piece(format, report, lang, |_, piece| out.write_all(piece.as_bytes())),
        Machine::Sarif => write_sarif(report, lang, out),
        Machine::Github => write_github(report, lang, out),
        Machine::Gitlab => write_gitlab(report, lang, out),
        Machine::Junit => write_junit(report, lang, out),
    }
}

/// Calls `each` with every piece of the report in order, and the severity of its finding.
fn each_piece(
    format: Machine,
    report: &mut RunReport,
    lang: Lang,
    mut each: impl FnMut(Severity, &str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for file in &mut report.files {
        file.rendered = file.take_rendered()?;
        let unique = std::cell::RefCell::new(crate::findings::UniqueFingerprints::default());
        let rest =
            |f: &Finding| piece(format, &file.path, f, &unique.borrow_mut().next(f.fingerprint(&file.path)), lang);
        let pieces = super::in_order_with_severity(file, rest);
        for (severity, piece) in &pieces {
            each(*severity, piece)?;
        }
        drop(pieces);
        file.rendered = None;
    }
    Ok(())
}

fn entry(path: &Path, f: &Finding, fingerprint: &str, lang: Lang) -> Value {
    let mut entry = json!({
        "path": display_path(path),
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "message": f.message.get(lang),
        "help": f.help.as_ref().map(|h| h.get(lang)),
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "offset": f.offset,
        "length": f.length,
        "clause": f.clause,
        "fingerprint": fingerprint,
        "snippet": f.excerpt.snippet,
        "context": f.excerpt.context,
    });
    if let Some(map) = entry.as_object_mut() {
        if let Some(paragraph) = f.excerpt.paragraph {
            map.insert("paragraph".to_owned(), json!(paragraph));
        }
        // The other places of a finding whose repeats were collapsed into it.
        if !f.also.is_empty() {
            let places: Vec<Value> = f.also.iter().map(|o| serde_json::to_value(o).unwrap_or_default()).collect();
            map.insert("also".to_owned(), json!(places));
        }
    }
    entry
}

/// A URI reference for a relative path: `/` separators, everything outside the unreserved set
/// percent-encoded (Chinese file names included).
fn uri(path: &Path) -> String {
    let mut out = String::new();
    for b in display_path(path).bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0 with the full rule metadata (so code scanning can show the help text), columns
/// counted in Unicode code points, and a stable partial fingerprint per result. The log is
/// printed without its results, which are then written into it piece by piece.
fn write_sarif(report: &mut RunReport, lang: Lang, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let registry = rules::registry();
    let rules_json: Vec<Value> = registry
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": format!("{} (GB/T 1.1-2020 {})", m.summary, m.clause) },
                "help": { "text": crate::cli::dedent(m.doc), "markdown": crate::cli::dedent(m.doc) },
                "defaultConfiguration": { "level": sarif_level(m.severity) },
                "properties": { "tags": [m.family.prefix()], "gbtClause": m.clause },
            })
        })
        .collect();
    let log = sarif::Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [sarif::Run {
            column_kind: "unicodeCodePoints",
            results: [],
            tool: sarif::Tool {
                driver: sarif::Driver {
                    information_uri: "https://github.com/normlint/normlint",
                    name: "normlint",
                    rules: rules_json,
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    let empty = serde_json::to_string_pretty(&log).map_err(std::io::Error::other)? + "\n";
    write_into_array(report, Machine::Sarif, lang, &empty, "\"results\": []", 6, out)
}

/// [`super::write_into_array`] with the pieces of `format`.
fn write_into_array(
    report: &mut RunReport,
    format: Machine,
    lang: Lang,
    document: &str,
    empty_array: &str,
    depth: usize,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    super::write_into_array(report, out, document, empty_array, depth, |report, write| {
        each_piece(format, report, lang, |_, piece| write(piece))
    })
}

/// The SARIF log as typed records. Fields are declared in alphabetical order: the log was once
/// a `serde_json::Value` tree, whose objects print their keys sorted, and its bytes stay so.
mod sarif {
    use serde::Serialize;
    use serde_json::Value;

    use super::sarif_level;
    use crate::diagnostic::Lang;
    use crate::findings::{Finding, Occurrence};

    #[derive(Serialize)]
    pub struct Log {
        #[serde(rename = "$schema")]
        pub schema: &'static str,
        pub runs: [Run; 1],
        pub version: &'static str,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Run {
        pub column_kind: &'static str,
        /// Written into the printed log piece by piece (see `write_into_array`).
        pub results: [(); 0],
        pub tool: Tool,
    }

    #[derive(Serialize)]
    pub struct Tool {
        pub driver: Driver,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Driver {
        pub information_uri: &'static str,
        pub name: &'static str,
        pub rules: Vec<Value>,
        pub version: &'static str,
    }

    pub(super) fn result(
        f: &Finding,
        uri: String,
        fingerprint: String,
        rule_index: Option<usize>,
        lang: Lang,
    ) -> SarifResult<'_> {
        let mut message = f.message.get(lang).to_owned();
        if let Some(help) = &f.help {
            message.push_str(" — ");
            message.push_str(help.get(lang));
        }
        let related = f.also.iter().enumerate().map(|(i, o)| related(i + 1, o, &uri)).collect();
        SarifResult {
            level: sarif_level(f.severity),
            locations: [Location {
                physical_location: Physical {
                    artifact_location: Artifact { uri },
                    context_region: ContextRegion {
                        end_line: f.end_line.max(f.line),
                        snippet: Text { text: &f.excerpt.context },
                        start_line: f.line,
                    },
                    region: Region {
                        byte_length: f.length,
                        byte_offset: f.offset,
                        end_column: end_column(f.line, f.column, f.end_line, f.end_column),
                        end_line: f.end_line.max(f.line),
                        properties: f.excerpt.paragraph.map(|paragraph| Paragraph { paragraph }),
                        snippet: Text { text: &f.excerpt.snippet },
                        start_column: f.column,
                        start_line: f.line,
                    },
                },
            }],
            message: OwnedText { text: message },
            partial_fingerprints: Fingerprints { normlint_v1: fingerprint },
            related_locations: related,
            rule_id: f.code,
            rule_index,
        }
    }

    /// A collapsed finding's other places (SARIF 2.1.0 3.27.22).
    fn related(id: usize, o: &Occurrence, uri: &str) -> Related {
        Related {
            id,
            physical_location: RelatedPhysical {
                artifact_location: Artifact { uri: uri.to_owned() },
                region: RelatedRegion {
                    byte_length: o.length,
                    byte_offset: o.offset,
                    end_column: end_column(o.line, o.column, o.end_line, o.end_column),
                    end_line: o.end_line.max(o.line),
                    start_column: o.column,
                    start_line: o.line,
                },
            },
        }
    }

    /// SARIF regions are never empty: a span that ends where it starts covers one column.
    fn end_column(line: usize, column: usize, end_line: usize, end_column: usize) -> usize {
        if end_line > line || end_column > column { end_column } else { column + 1 }
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub(super) struct SarifResult<'a> {
        level: &'static str,
        locations: [Location<'a>; 1],
        message: OwnedText,
        partial_fingerprints: Fingerprints,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        related_locations: Vec<Related>,
        rule_id: &'static str,
        rule_index: Option<usize>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Location<'a> {
        physical_location: Physical<'a>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Physical<'a> {
        artifact_location: Artifact,
        context_region: ContextRegion<'a>,
        region: Region<'a>,
    }

    #[derive(Serialize)]
    struct Artifact {
        uri: String,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ContextRegion<'a> {
        end_line: usize,
        snippet: Text<'a>,
        start_line: usize,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Region<'a> {
        byte_length: usize,
        byte_offset: usize,
        end_column: usize,
        end_line: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        properties: Option<Paragraph>,
        snippet: Text<'a>,
        start_column: usize,
        start_line: usize,
    }

    #[derive(Serialize)]
    struct Paragraph {
        paragraph: usize,
    }

    #[derive(Serialize)]
    struct Text<'a> {
        text: &'a str,
    }

    #[derive(Serialize)]
    struct OwnedText {
        text: String,
    }

    #[derive(Serialize)]
    struct Fingerprints {
        #[serde(rename = "normlint/v1")]
        normlint_v1: String,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Related {
        id: usize,
        physical_location: RelatedPhysical,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct RelatedPhysical {
        artifact_location: Artifact,
        region: RelatedRegion,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct RelatedRegion {
        byte_length: usize,
        byte_offset: usize,
        end_column: usize,
        end_line: usize,
        start_column: usize,
        start_line: usize,
    }
}

/// GitHub shows at most ten annotations of each kind per step; the rest go to the log.
pub const GITHUB_ANNOTATION_LIMIT: usize = 10;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands: errors first, then warnings, then notices; past the
/// annotation limits, one notice says how many were not shown and the rest are printed as
/// plain log lines. Only the shown annotations and the log lines wait in memory for the end.
fn write_github(report: &mut RunReport, lang: Lang, out: &mut impl std::io::Write) -> std::io::Result<()> {
    // By severity, most severe first: the annotations shown and the lines past the limit.
    let mut shown: [String; 3] = Default::default();
    let mut counts = [0usize; 3];
    let mut hidden: [Spool; 3] = Default::default();
    let mut hidden_count = 0;
    each_piece(Machine::Github, report, lang, |severity, piece| {
        let slot = match severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        let (annotation, line) = piece.split_once('\n').unwrap_or((piece, ""));
        let count = counts.get_mut(slot).map_or(GITHUB_ANNOTATION_LIMIT, |n| std::mem::replace(n, *n + 1));
        if count < GITHUB_ANNOTATION_LIMIT {
            if let Some(shown) = shown.get_mut(slot) {
                shown.push_str(annotation);
                shown.push('\n');
            }
        } else if let Some(hidden) = hidden.get_mut(slot) {
            hidden_count += 1;
            hidden.push(line)?;
        }
        Ok(())
    })?;
    for text in &shown {
        out.write_all(text.as_bytes())?;
    }
    if hidden_count > 0 {
        let (zh, en) = (
            format!("另有{hidden_count}条检查结果超出GitHub注释数量上限，未显示为注释，见下方日志"),
            format!("{hidden_count} more findings exceed GitHub's annotation limits and are listed in the log below"),
        );
        writeln!(out, "::notice title=normlint::{}", escape_data(if lang == Lang::Zh { &zh } else { &en }))?;
        for spool in hidden {
            spool.copy_to(out)?;
        }
    }
    Ok(())
}

/// Text kept in order to be written later: in memory up to [`Spool::IN_MEMORY`] bytes, in a
/// temporary file past that (or still in memory when none can be made).
#[derive(Default)]
struct Spool {
    held: String,
    file: Option<std::fs::File>,
}

impl Spool {
    const IN_MEMORY: usize = 1024 * 1024;

    fn push(&mut self, text: &str) -> std::io::Result<()> {
        self.held.push_str(text);
        if self.held.len() > Self::IN_MEMORY {
            if self.file.is_none() {
                self.file = tempfile::tempfile().ok();
            }
            if let Some(file) = &mut self.file {
                std::io::Write::write_all(file, self.held.as_bytes())?;
                self.held.clear();
            }
        }
        Ok(())
    }

    fn copy_to(self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        if let Some(mut file) = self.file {
            std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(0))?;
            std::io::copy(&mut file, out)?;
        }
        out.write_all(self.held.as_bytes())
    }
}

/// A finding as a workflow command (`::error file=…::message`).
fn github_annotation(path: &Path, f: &Finding, lang: Lang) -> String {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(&display_path(path)),
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        escape_property(&format!("{} ({})", f.code, f.name)),
        escape_data(&with_paragraph(f.message.get(lang), f, lang)),
    )
}

/// A message with the Word paragraph it is in, for formats that can only show a line.
fn with_paragraph(message: &str, f: &Finding, lang: Lang) -> String {
    match (f.excerpt.paragraph, lang) {
        (Some(n), Lang::Zh) => format!("{message}（第{n}段）"),
        (Some(n), Lang::En) => format!("{message} (paragraph {n})"),
        (None, _) => message.to_owned(),
    }
}

fn gitlab_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// GitLab Code Quality (a JSON array of issues with a fingerprint each).
fn write_gitlab(report: &mut RunReport, lang: Lang, out: &mut impl std::io::Write) -> std::io::Result<()> {
    write_into_array(report, Machine::Gitlab, lang, "[]\n", "[]", 0, out)
}

fn gitlab_issue(path: &Path, f: &Finding, fingerprint: &str, lang: Lang) -> Value {
    let mut issue = json!({
        "description": format!("{}: {}", f.code, with_paragraph(f.message.get(lang), f, lang)),
        "check_name": f.code,
        "fingerprint": fingerprint,
        "severity": gitlab_severity(f.severity),
        "location": { "path": display_path(path), "lines": { "begin": f.line, "end": f.end_line.max(f.line) } },
    });
    if let (false, Some(map)) = (f.excerpt.context.is_empty(), issue.as_object_mut()) {
        // Code Quality shows `content.body` as Markdown under the issue.
        map.insert("content".to_owned(), json!({ "body": format!("> {}", f.excerpt.context.replace('\n', "\n> ")) }));
    }
    issue
}

pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one test suite per document, one failing test case per error or warning (info
/// findings are recorded as passing cases with system-out), a passing case for a clean file.
/// The counts, which open the document, come from the findings' severities alone.
fn write_junit(report: &mut RunReport, lang: Lang, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let severities = |file: &crate::findings::FileReport| -> (usize, usize) {
        let all = file.rendered_findings.iter().map(|f| f.severity).chain(file.findings.iter().map(|f| f.severity));
        all.fold((0, 0), |(tests, failures), s| (tests + 1, failures + usize::from(s != Severity::Info)))
    };
    let (mut total_tests, mut total_failures) = (0usize, 0usize);
    for file in &report.files {
        let (tests, failures) = severities(file);
        total_tests += tests.max(1);
        total_failures += failures;
    }
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"normlint\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"0\" time=\"{:.3}\">\n",
        report.elapsed.as_secs_f64()
    )?;
    for file in &mut report.files {
        let (tests, failures) = severities(file);
        let path = display_path(&file.path);
        writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
            xml_escape(&path),
            tests.max(1)
        )?;
        if tests == 0 {
            writeln!(out, "    <testcase name=\"normlint\" classname=\"{}\"/>", xml_escape(&path))?;
        }
        file.rendered = file.take_rendered()?;
        // A test case has no fingerprint.
        let rest = |f: &Finding| piece(Machine::Junit, &file.path, f, "", lang);
        for piece in super::in_order(file, rest) {
            out.write_all(piece.as_bytes())?;
        }
        file.rendered = None;
        out.write_all(b"  </testsuite>\n")?;
    }
    out.write_all(b"</testsuites>\n")
}

/// One finding as a JUnit test case, on its own line.
fn junit_case(path: &str, f: &Finding, lang: Lang) -> String {
    let name = xml_escape(&format!("{} ({}) {}:{}", f.code, f.name, f.line, f.column));
    let mut text = format!("{path}:{}:{}: {}", f.line, f.column, with_paragraph(f.message.get(lang), f, lang));
    if !f.excerpt.context.is_empty() {
        text.push_str("\n    ");
        text.push_str(&f.excerpt.context.replace('\n', "\n    "));
    }
    let text = xml_escape(&text);
    if f.severity == Severity::Info {
        format!(
            "    <testcase name=\"{name}\" classname=\"{}\"><system-out>{text}</system-out></testcase>\n",
            xml_escape(path)
        )
    } else {
        format!(
            "    <testcase name=\"{name}\" classname=\"{}\"><failure type=\"{}\" message=\"{}\">{text}</failure></testcase>\n",
            xml_escape(path),
            f.severity.as_str(),
            xml_escape(f.message.get(lang))
        )
    }
}

/// The renderer of a `--statistics` run: no text, so that a run keeps a small key per finding
/// (what the statistics count) instead of the finding.
pub fn count_only(_: &crate::check::RenderedFile<'_>, _: &[Finding]) -> String {
    String::new()
}

/// `--statistics`: findings per rule, most frequent first.
/// A run for it renders nothing ([`count_only`]) and keeps each finding's key.
pub fn statistics(report: &RunReport) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), (usize, Severity)> = std::collections::BTreeMap::new();
    let kept = report.files.iter().flat_map(|f| f.findings.iter().map(|f| (f.code, f.name, f.severity)));
    let rendered = report.files.iter().flat_map(|f| f.rendered_findings.iter().map(|f| (f.code, f.name, f.severity)));
    for (code, name, severity) in kept.chain(rendered) {
        let e = counts.entry((code, name)).or_insert((0, severity));
        e.0 += 1;
        e.1 = e.1.max(severity);
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for ((code, name), (n, severity)) in rows {
        let _ = writeln!(out, "{n:>6}  {code}  {name:<34} [{}]", severity.as_str());
    }
    out
}
