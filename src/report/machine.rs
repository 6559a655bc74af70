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

fn all(report: &RunReport) -> impl Iterator<Item = (&Path, &Finding)> {
    report.files.iter().flat_map(|f| f.findings.iter().map(move |x| (f.path.as_path(), x)))
}

/// [`all`] with each finding's fingerprint, unique within its file.
fn all_fingerprinted(report: &RunReport) -> impl Iterator<Item = (&Path, &Finding, String)> {
    report.files.iter().flat_map(|file| {
        file.findings.iter().zip(file.unique_fingerprints()).map(move |(f, print)| (file.path.as_path(), f, print))
    })
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

/// One JSON object per finding and line, for streaming consumers (`jq`, log shippers).
pub fn json_lines(report: &RunReport, lang: Lang) -> String {
    let mut out = String::new();
    for (path, f, fingerprint) in all_fingerprinted(report) {
        let _ = writeln!(out, "{}", entry(path, f, &fingerprint, lang));
    }
    out
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
/// counted in Unicode code points, and a stable partial fingerprint per result.
pub fn sarif(report: &RunReport, lang: Lang) -> String {
    let mut out = Vec::new();
    let _ = write_sarif(report, lang, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`sarif`], written to `out` as it is serialised: results are made one at a time from the
/// findings, never held as a JSON tree (which took ~20 KB a result).
pub fn write_sarif(report: &RunReport, lang: Lang, out: &mut impl std::io::Write) -> std::io::Result<()> {
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
            results: sarif::Results { report, lang },
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
    serde_json::to_writer_pretty(&mut *out, &log).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// The SARIF log as typed records. Fields are declared in alphabetical order: the log was once
/// a `serde_json::Value` tree, whose objects print their keys sorted, and its bytes stay so.
mod sarif {
    use serde::Serialize;
    use serde_json::Value;

    use super::{sarif_level, uri};
    use crate::diagnostic::Lang;
    use crate::findings::{Finding, Occurrence, RunReport};
    use crate::rules;

    #[derive(Serialize)]
    pub struct Log<'a> {
        #[serde(rename = "$schema")]
        pub schema: &'static str,
        pub runs: [Run<'a>; 1],
        pub version: &'static str,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Run<'a> {
        pub column_kind: &'static str,
        pub results: Results<'a>,
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

    /// Every finding of the run, made into a result as the serialiser reaches it.
    pub struct Results<'a> {
        pub report: &'a RunReport,
        pub lang: Lang,
    }

    impl Serialize for Results<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let registry = rules::registry();
            let results = self.report.files.iter().flat_map(|file| {
                let uri = uri(&file.path);
                let prints = file.unique_fingerprints();
                file.findings.iter().zip(prints).map(move |(f, fingerprint)| {
                    let rule_index = registry.iter().position(|r| r.meta().code == f.code);
                    result(f, uri.clone(), fingerprint, rule_index, self.lang)
                })
            });
            serializer.collect_seq(results)
        }
    }

    fn result(f: &Finding, uri: String, fingerprint: String, rule_index: Option<usize>, lang: Lang) -> SarifResult<'_> {
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
    struct SarifResult<'a> {
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
/// plain log lines.
pub fn github(report: &RunReport, lang: Lang) -> String {
    let mut findings: Vec<(&Path, &Finding)> = all(report).collect();
    findings.sort_by_key(|(_, f)| std::cmp::Reverse(f.severity));
    let mut out = String::new();
    let mut shown = [0usize; 3];
    let mut hidden = Vec::new();
    for (path, f) in findings {
        let (command, slot) = match f.severity {
            Severity::Error => ("error", 0),
            Severity::Warning => ("warning", 1),
            Severity::Info => ("notice", 2),
        };
        if shown.get(slot).copied().unwrap_or(0) >= GITHUB_ANNOTATION_LIMIT {
            hidden.push((path, f));
            continue;
        }
        if let Some(n) = shown.get_mut(slot) {
            *n += 1;
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&display_path(path)),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            escape_property(&format!("{} ({})", f.code, f.name)),
            escape_data(&with_paragraph(f.message.get(lang), f, lang)),
        );
    }
    if !hidden.is_empty() {
        let (zh, en) = (
            format!("另有{}条检查结果超出GitHub注释数量上限，未显示为注释，见下方日志", hidden.len()),
            format!("{} more findings exceed GitHub's annotation limits and are listed in the log below", hidden.len()),
        );
        let _ = writeln!(out, "::notice title=normlint::{}", escape_data(if lang == Lang::Zh { &zh } else { &en }));
        for (path, f) in hidden {
            let _ = writeln!(out, "{}", super::concise::line(&display_path(path), f, lang));
        }
    }
    out
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
pub fn gitlab(report: &RunReport, lang: Lang) -> String {
    let issues: Vec<Value> = all_fingerprinted(report)
        .map(|(path, f, fingerprint)| {
            let mut issue = json!({
                "description": format!("{}: {}", f.code, with_paragraph(f.message.get(lang), f, lang)),
                "check_name": f.code,
                "fingerprint": fingerprint,
                "severity": gitlab_severity(f.severity),
                "location": { "path": display_path(path), "lines": { "begin": f.line, "end": f.end_line.max(f.line) } },
            });
            if let (false, Some(map)) = (f.excerpt.context.is_empty(), issue.as_object_mut()) {
                // Code Quality shows `content.body` as Markdown under the issue.
                map.insert(
                    "content".to_owned(),
                    json!({ "body": format!("> {}", f.excerpt.context.replace('\n', "\n> ")) }),
                );
            }
            issue
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_default() + "\n"
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
pub fn junit(report: &RunReport, lang: Lang) -> String {
    let mut suites = String::new();
    let (mut total_tests, mut total_failures) = (0usize, 0usize);
    for file in &report.files {
        let path = display_path(&file.path);
        let mut cases = String::new();
        let (mut tests, mut failures) = (0usize, 0usize);
        for f in &file.findings {
            tests += 1;
            let name = xml_escape(&format!("{} ({}) {}:{}", f.code, f.name, f.line, f.column));
            let mut text = format!("{path}:{}:{}: {}", f.line, f.column, with_paragraph(f.message.get(lang), f, lang));
            if !f.excerpt.context.is_empty() {
                text.push_str("\n    ");
                text.push_str(&f.excerpt.context.replace('\n', "\n    "));
            }
            let text = xml_escape(&text);
            if f.severity == Severity::Info {
                let _ = writeln!(
                    cases,
                    "    <testcase name=\"{name}\" classname=\"{}\"><system-out>{text}</system-out></testcase>",
                    xml_escape(&path)
                );
            } else {
                failures += 1;
                let _ = writeln!(
                    cases,
                    "    <testcase name=\"{name}\" classname=\"{}\"><failure type=\"{}\" message=\"{}\">{text}</failure></testcase>",
                    xml_escape(&path),
                    f.severity.as_str(),
                    xml_escape(f.message.get(lang))
                );
            }
        }
        if file.findings.is_empty() {
            tests += 1;
            let _ = writeln!(cases, "    <testcase name=\"normlint\" classname=\"{}\"/>", xml_escape(&path));
        }
        total_tests += tests;
        total_failures += failures;
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n",
            xml_escape(&path)
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"normlint\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"0\" time=\"{:.3}\">\n{suites}</testsuites>\n",
        report.elapsed.as_secs_f64()
    )
}

/// `--statistics`: findings per rule, most frequent first.
pub fn statistics(report: &RunReport) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), (usize, Severity)> = std::collections::BTreeMap::new();
    for (_, f) in all(report) {
        let e = counts.entry((f.code, f.name)).or_insert((0, f.severity));
        e.0 += 1;
        e.1 = e.1.max(f.severity);
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for ((code, name), (n, severity)) in rows {
        let _ = writeln!(out, "{n:>6}  {code}  {name:<34} [{}]", severity.as_str());
    }
    out
}
