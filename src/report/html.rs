//! `--format html`: one self-contained page a reviewer can hand around — an overview of the
//! documents with their verdict under the gate, the set-level findings, each document's
//! findings in document order grouped by clause with the flagged text highlighted, and the
//! explanation of every rule that fired, embedded once. Styles and script are inlined (no
//! network, opens from `file://`); a Content-Security-Policy forbids any load. Everything
//! that comes from a document is escaped.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::check::RenderedFile;
use crate::diagnostic::{Lang, Severity};
use crate::findings::{FileReport, Finding, Occurrence, RenderedFinding, RunReport};
use crate::rules;
use crate::source::Excerpt;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// What fails a document (and the run): the `check` gate options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Gate {
    /// `--fail-on warning`.
    pub fail_on_warning: bool,
    /// `--max-warnings N`.
    pub max_warnings: Option<usize>,
}

impl Gate {
    pub fn fails(&self, errors: usize, warnings: usize) -> bool {
        errors > 0 || (self.fail_on_warning && warnings > 0) || self.max_warnings.is_some_and(|max| warnings > max)
    }
}

/// Escapes text for HTML content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not text a page can show.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => severity.zh(),
        Lang::En => severity.as_str(),
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    /// A file's findings, kept or rendered.
    fn of_file(file: &FileReport) -> Counts {
        Counts {
            errors: file.count(Severity::Error),
            warnings: file.count(Severity::Warning),
            infos: file.count(Severity::Info),
        }
    }

    fn of_files<'a>(files: impl IntoIterator<Item = &'a FileReport>) -> Counts {
        files.into_iter().map(Counts::of_file).fold(Counts::default(), |sum, c| Counts {
            errors: sum.errors + c.errors,
            warnings: sum.warnings + c.warnings,
            infos: sum.infos + c.infos,
        })
    }
}

/// What the page knows of a finding without its text: code, name and severity, whether
/// the run kept the finding or rendered it in its document's task.
fn keys(file: &FileReport) -> impl Iterator<Item = (&'static str, &'static str, Severity)> + '_ {
    let kept = file.findings.iter().map(|f| (f.code, f.name, f.severity));
    kept.chain(file.rendered_findings.iter().map(|f| (f.code, f.name, f.severity)))
}

/// The html of one finding, rendered in its document's task while the document is at hand:
/// a run over thousands of documents then holds (or spills) their text, not their findings,
/// as the other formats do. A set finding is written for the set section, with its file; any
/// other for its document's section, after its clause label (see [`split_own`]).
pub fn pieces(file: &RenderedFile<'_>, findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for f in findings {
        if is_set(f) {
            finding(&mut out, f, Some(&display(file.path)), lang);
        } else {
            // The clause label leads, its length first, so that any text may stand in it.
            match &f.clause {
                Some(clause) => {
                    let _ = write!(out, "{}:{clause}", clause.len());
                }
                None => out.push_str("-:"),
            }
            finding(&mut out, f, None, lang);
        }
    }
    out
}

/// The clause label and the html of a finding written by [`pieces`] for its document.
fn split_own(piece: &str) -> (Option<&str>, &str) {
    let Some((len, rest)) = piece.split_once(':') else { return (None, piece) };
    match len.parse::<usize>() {
        Ok(len) => match (rest.get(..len), rest.get(len..)) {
            (Some(clause), Some(html)) => (Some(clause), html),
            _ => (None, rest),
        },
        Err(_) => (None, rest),
    }
}

/// The findings of a file in the order the page lists them: those the run kept, and those
/// rendered in its document's task (read back from the spill file when they were moved
/// there).
struct FileItems<'a> {
    kept: &'a [Finding],
    text: std::borrow::Cow<'a, str>,
    rendered: &'a [RenderedFinding],
}

enum Item<'a> {
    Kept(&'a Finding),
    Rendered { key: &'a RenderedFinding, html: &'a str },
}

impl<'a> FileItems<'a> {
    fn of(file: &'a FileReport) -> std::io::Result<FileItems<'a>> {
        Ok(FileItems { kept: &file.findings, text: file.rendered_text()?, rendered: &file.rendered_findings })
    }

    fn items(&self) -> impl Iterator<Item = Item<'_>> {
        let rendered =
            crate::findings::pieces_of(&self.text, self.rendered).map(|(key, html)| Item::Rendered { key, html });
        self.kept.iter().map(Item::Kept).chain(rendered)
    }
}

impl Item<'_> {
    fn is_set(&self) -> bool {
        match self {
            Item::Kept(f) => is_set(f),
            Item::Rendered { key, .. } => key.code.starts_with("SE"),
        }
    }
}

fn is_set(f: &Finding) -> bool {
    f.code.starts_with("SE")
}

fn display_path(file: &FileReport) -> String {
    display(&file.path)
}

fn display(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// What the page gathers before it hands a piece on: the report of a large run is over a
/// hundred MB, and held whole (with the copies its growth makes) it was most of the run's
/// memory.
const PIECE: usize = 256 * 1024;

/// The page for a run, handed to `emit` piece by piece as it is written. The findings
/// rendered by [`pieces`] are read back file by file (twice: the set section comes first);
/// an error is one reading them back.
pub fn write_page(report: &RunReport, lang: Lang, gate: Gate, emit: &mut dyn FnMut(&str)) -> std::io::Result<()> {
    write_page_in(report, lang, gate, PIECE, emit)
}

/// [`write_page`] with pieces of at least `piece` bytes (the last one aside).
fn write_page_in(
    report: &RunReport,
    lang: Lang,
    gate: Gate,
    piece: usize,
    emit: &mut dyn FnMut(&str),
) -> std::io::Result<()> {
    let mut out = String::with_capacity(piece.min(PIECE) + 64 * 1024);
    let title = t(lang, "标准文件起草规则审查报告", "Drafting review report");
    let total = Counts::of_files(&report.files);
    let failed = gate.fails(total.errors, total.warnings);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"normlint {}\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        t(lang, "zh-CN", "en"),
        env!("CARGO_PKG_VERSION"),
    );
    header(&mut out, report, lang, gate, total, failed);
    filters(&mut out, report, lang);
    // Every part that grows with the run hands on what it wrote after each document.
    let mut flush = |out: &mut String| {
        if out.len() >= piece {
            emit(out);
            out.clear();
        }
    };
    overview(&mut out, report, lang, gate, &mut flush);
    set_findings(&mut out, report, lang, &mut flush)?;
    for (index, file) in report.files.iter().enumerate() {
        document(&mut out, index, file, lang, gate)?;
        flush(&mut out);
    }
    rule_docs(&mut out, report, lang);
    let _ = write!(
        out,
        "<footer>{} normlint {} · GB/T 1.1-2020</footer>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        t(lang, "由", "Written by"),
        env!("CARGO_PKG_VERSION"),
    );
    emit(&out);
    Ok(())
}

fn header(out: &mut String, report: &RunReport, lang: Lang, gate: Gate, total: Counts, failed: bool) {
    let (verdict_class, verdict) =
        if failed { ("fail", t(lang, "不通过", "FAIL")) } else { ("pass", t(lang, "通过", "PASS")) };
    let documents = report.documents.max(report.files.len());
    let _ = write!(
        out,
        "<header class=\"masthead\">\n<div class=\"masthead-text\">\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n\
         <p class=\"lede\">{}</p>\n</div>\n<div class=\"verdict {verdict_class}\" data-verdict=\"{verdict_class}\">{verdict}</div>\n</header>\n",
        t(
            lang,
            "依据 GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》",
            "Against GB/T 1.1-2020, the drafting rules for standardization documents"
        ),
        t(lang, "标准文件起草规则审查报告", "Drafting review report"),
        match lang {
            Lang::Zh => format!(
                "共检查{documents}个文件：{}个错误，{}个警告，{}个提示。{}",
                total.errors,
                total.warnings,
                total.infos,
                escape(&gate_words(gate, lang))
            ),
            Lang::En => format!(
                "{documents} document{} checked: {} error{}, {} warning{}, {} info. {}",
                if documents == 1 { "" } else { "s" },
                total.errors,
                if total.errors == 1 { "" } else { "s" },
                total.warnings,
                if total.warnings == 1 { "" } else { "s" },
                total.infos,
                escape(&gate_words(gate, lang))
            ),
        }
    );
}

/// The gate in words, so that a printed verdict says what it was measured against.
fn gate_words(gate: Gate, lang: Lang) -> String {
    let mut words = match (lang, gate.fail_on_warning) {
        (Lang::Zh, false) => "有错误即不通过".to_owned(),
        (Lang::Zh, true) => "有错误或警告即不通过".to_owned(),
        (Lang::En, false) => "A document fails on any error".to_owned(),
        (Lang::En, true) => "A document fails on any error or warning".to_owned(),
    };
    if let Some(max) = gate.max_warnings {
        let _ = match lang {
            Lang::Zh => write!(words, "，警告多于{max}个亦不通过"),
            Lang::En => write!(words, ", or on more than {max} warnings"),
        };
    }
    words.push_str(t(lang, "（逐个文件判断）。", " (judged per document)."));
    words
}

fn filters(out: &mut String, report: &RunReport, lang: Lang) {
    let mut codes: BTreeMap<&str, &str> = BTreeMap::new();
    let mut by_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    let mut total = 0;
    for (code, name, severity) in report.files.iter().flat_map(keys) {
        codes.insert(code, name);
        *by_severity.entry(severity).or_default() += 1;
        total += 1;
    }
    let families: BTreeMap<&str, &str> = codes
        .keys()
        .filter_map(|code| rules::find(code).map(|r| (r.meta().family.prefix(), r.meta().family.title())))
        .collect();
    let _ = write!(
        out,
        "<nav class=\"filters\" aria-label=\"{}\">\n<fieldset class=\"severities\"><legend>{}</legend>\n",
        t(lang, "筛选", "Filters"),
        t(lang, "级别", "Severity")
    );
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = by_severity.get(&severity).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "<label class=\"sev-toggle sev-{s}\"><input type=\"checkbox\" name=\"severity\" value=\"{s}\" checked> {} <span class=\"count\" data-count=\"{s}\">{n}</span></label>",
            severity_label(severity, lang),
            s = severity.as_str(),
        );
    }
    let _ = write!(
        out,
        "</fieldset>\n<label class=\"select\">{}<select id=\"filter-family\"><option value=\"\">{}</option>",
        t(lang, "类别", "Family"),
        t(lang, "全部", "all")
    );
    for (prefix, title) in &families {
        let _ = write!(out, "<option value=\"{prefix}\">{prefix} — {}</option>", escape(title));
    }
    let _ = write!(
        out,
        "</select></label>\n<label class=\"select\">{}<select id=\"filter-code\"><option value=\"\">{}</option>",
        t(lang, "规则", "Rule"),
        t(lang, "全部", "all")
    );
    for (code, name) in &codes {
        let _ = write!(out, "<option value=\"{code}\">{code} {}</option>", escape(name));
    }
    let _ = write!(
        out,
        "</select></label>\n<label class=\"search\">{}<input type=\"search\" id=\"filter-text\" placeholder=\"{}\"></label>\n\
         <p class=\"shown\" aria-live=\"polite\">{} <strong id=\"shown-count\">{n}</strong> / <span id=\"total-count\">{n}</span> {}</p>\n</nav>\n",
        t(lang, "文字", "Text"),
        t(lang, "消息、原文、规则…", "message, text, rule…"),
        t(lang, "显示", "Showing"),
        t(lang, "条", "findings"),
        n = total,
    );
}

fn overview(out: &mut String, report: &RunReport, lang: Lang, gate: Gate, flush: &mut dyn FnMut(&mut String)) {
    let _ = write!(
        out,
        "<section id=\"overview\">\n<h2>{}</h2>\n<table class=\"overview\">\n<thead><tr>\
         <th data-sort=\"text\" scope=\"col\">{}</th><th data-sort=\"text\" scope=\"col\">{}</th><th data-sort=\"text\" scope=\"col\">{}</th>\
         <th data-sort=\"text\" scope=\"col\">{}</th><th data-sort=\"number\" scope=\"col\" class=\"num\">{}</th><th data-sort=\"number\" scope=\"col\" class=\"num\">{}</th>\
         <th data-sort=\"number\" scope=\"col\" class=\"num\">{}</th><th data-sort=\"text\" scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        t(lang, "文件一览", "Documents"),
        t(lang, "文件编号", "Designation"),
        t(lang, "文件名称", "Title"),
        t(lang, "文件", "File"),
        t(lang, "配置", "Profile"),
        t(lang, "错误", "Errors"),
        t(lang, "警告", "Warnings"),
        t(lang, "提示", "Info"),
        t(lang, "结论", "Verdict"),
    );
    for (index, file) in report.files.iter().enumerate() {
        let counts = Counts::of_file(file);
        let (class, verdict) = if gate.fails(counts.errors, counts.warnings) {
            ("fail", t(lang, "不通过", "fail"))
        } else {
            ("pass", t(lang, "通过", "pass"))
        };
        let facts = file.facts.as_deref();
        let designation = facts.and_then(|f| f.designation.as_ref()).map(|d| d.text.as_str()).unwrap_or_default();
        let title = facts.and_then(|f| f.title.as_ref()).map(|t| t.0.as_str()).unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr class=\"doc-row {class}\" data-doc=\"{index}\"><td class=\"designation\">{}</td><td class=\"title\"><a href=\"#doc-{index}\">{}</a></td>\
             <td class=\"path\">{}</td><td class=\"profile\">{}</td><td class=\"num errors\">{}</td><td class=\"num warnings\">{}</td><td class=\"num infos\">{}</td>\
             <td class=\"verdict-cell\"><span class=\"badge {class}\">{verdict}</span></td></tr>",
            escape(designation),
            if title.is_empty() { "—".to_owned() } else { escape(title) },
            escape(&display_path(file)),
            escape(file.profile.as_deref().unwrap_or("—")),
            counts.errors,
            counts.warnings,
            counts.infos,
        );
        flush(out);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// The set section. Its findings are read back file by file; `flush` may hand on what is
/// written so far after each file.
fn set_findings(
    out: &mut String,
    report: &RunReport,
    lang: Lang,
    flush: &mut dyn FnMut(&mut String),
) -> std::io::Result<()> {
    let has_set = |file: &FileReport| keys(file).any(|(code, _, _)| code.starts_with("SE"));
    let _ = write!(
        out,
        "<section id=\"set\" class=\"set\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        t(lang, "文件集一致性", "Consistency across the set"),
        t(
            lang,
            "同一批文件之间的问题（术语定义不一致、引用的版本不一致等）；每条列在它所在的文件下。",
            "What concerns the documents together (a term defined differently, references to different editions); each is listed under the document it is in."
        )
    );
    if !report.files.iter().any(has_set) {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", t(lang, "无。", "None."));
    } else {
        out.push_str("<div class=\"group\">\n");
        for file in report.files.iter().filter(|f| has_set(f)) {
            let items = FileItems::of(file)?;
            for item in items.items().filter(Item::is_set) {
                match item {
                    Item::Kept(f) => finding(out, f, Some(&display_path(file)), lang),
                    Item::Rendered { html, .. } => out.push_str(html),
                }
            }
            flush(out);
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

fn document(out: &mut String, index: usize, file: &FileReport, lang: Lang, gate: Gate) -> std::io::Result<()> {
    let counts = Counts::of_file(file);
    let failed = gate.fails(counts.errors, counts.warnings);
    let facts = file.facts.as_deref();
    let designation = facts.and_then(|f| f.designation.as_ref()).map(|d| d.text.as_str());
    let title = facts.and_then(|f| f.title.as_ref()).map(|t| t.0.as_str());
    let heading = match (designation, title) {
        (Some(d), Some(t)) => format!("{}　{}", escape(d), escape(t)),
        (Some(d), None) => escape(d),
        (None, Some(t)) => escape(t),
        (None, None) => escape(&display_path(file)),
    };
    let items = FileItems::of(file)?;
    let own: Vec<Item<'_>> = items.items().filter(|item| !item.is_set()).collect();
    let set_count = keys(file).count() - own.len();
    let _ = write!(
        out,
        "<section class=\"document\" id=\"doc-{index}\" data-doc=\"{index}\">\n<h2><span class=\"badge {}\">{}</span> {heading}</h2>\n\
         <p class=\"doc-meta\"><span class=\"path\">{}</span>{}<span class=\"doc-counts\">{}</span> \
         <span class=\"doc-shown\">{} <strong class=\"doc-shown-count\">{}</strong> / {}</span></p>\n",
        if failed { "fail" } else { "pass" },
        if failed { t(lang, "不通过", "fail") } else { t(lang, "通过", "pass") },
        escape(&display_path(file)),
        file.profile.as_deref().map(|p| format!(" · {} {}", t(lang, "配置", "profile"), escape(p))).unwrap_or_default(),
        match lang {
            Lang::Zh => format!(" · {}个错误，{}个警告，{}个提示", counts.errors, counts.warnings, counts.infos),
            Lang::En => format!(" · {} errors, {} warnings, {} info", counts.errors, counts.warnings, counts.infos),
        },
        t(lang, "显示", "showing"),
        own.len(),
        own.len(),
    );
    if set_count > 0 {
        let _ = writeln!(
            out,
            "<p class=\"note\"><a href=\"#set\">{}</a></p>",
            match lang {
                Lang::Zh => format!("另有{set_count}条文件集一致性问题，见“文件集一致性”。"),
                Lang::En => format!("{set_count} more concern the set: see “Consistency across the set”."),
            }
        );
    }
    if own.is_empty() {
        let _ = writeln!(out, "<p class=\"empty\">{}</p>", t(lang, "未发现问题。", "No finding."));
    }
    // Findings come in document order; a clause's findings stand together under its label.
    let mut current: Option<Option<&str>> = None;
    for item in own {
        // A rendered finding's piece leads with its clause label; the rest is its html.
        let (clause, item) = match item {
            Item::Kept(f) => (f.clause.as_deref(), item),
            Item::Rendered { key, html } => {
                let (clause, html) = split_own(html);
                (clause, Item::Rendered { key, html })
            }
        };
        if current != Some(clause) {
            if current.is_some() {
                out.push_str("</div>\n");
            }
            current = Some(clause);
            let label = match clause {
                Some(c) if c.chars().next().is_some_and(|ch| ch.is_ascii_digit()) => match lang {
                    Lang::Zh => format!("{} 条", escape(c)),
                    Lang::En => format!("Clause {}", escape(c)),
                },
                Some(c) => escape(c),
                None => t(lang, "封面及文件开头", "Cover and opening").to_owned(),
            };
            let _ = write!(out, "<div class=\"group\">\n<h3 class=\"clause\">{label}</h3>\n");
        }
        match item {
            Item::Kept(f) => finding(out, f, None, lang),
            Item::Rendered { html, .. } => out.push_str(html),
        }
    }
    if current.is_some() {
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

/// Where a finding is, in words: the Word paragraph for a .docx, else line and column.
fn place(line: usize, column: usize, excerpt: &Excerpt, is_docx: bool, lang: Lang) -> String {
    match (excerpt.paragraph, lang) {
        (Some(p), Lang::Zh) => format!("第{p}段"),
        (Some(p), Lang::En) => format!("paragraph {p}"),
        (None, _) if is_docx => String::new(),
        (None, Lang::Zh) => format!("第{line}行第{column}列"),
        (None, Lang::En) => format!("line {line}, column {column}"),
    }
}

fn excerpt_html(out: &mut String, excerpt: &Excerpt) {
    if excerpt.context.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<blockquote class=\"excerpt\">{}<mark>{}</mark>{}</blockquote>",
        escape(excerpt.context_before()),
        escape(excerpt.marked()),
        escape(excerpt.context_after())
    );
}

/// The text the filter searches: what a reader sees of the finding.
fn search_text(f: &Finding, set_path: Option<&str>, lang: Lang) -> String {
    let mut text = format!("{} {} {}", f.code, f.name, f.message.get(lang));
    for part in [f.help.as_ref().map(|h| h.get(lang)), Some(f.excerpt.context.as_str()), f.clause.as_deref()]
        .into_iter()
        .flatten()
    {
        text.push(' ');
        text.push_str(part);
    }
    if let Some(path) = set_path {
        text.push(' ');
        text.push_str(path);
    }
    text.to_lowercase()
}

/// One finding; `set_path` (the displayed path of its file) for the set section.
fn finding(out: &mut String, f: &Finding, set_path: Option<&str>, lang: Lang) {
    let family = rules::find(f.code).map_or("", |r| r.meta().family.prefix());
    let severity = f.severity.as_str();
    let is_docx = f.excerpt.paragraph.is_some();
    let _ = write!(
        out,
        "<article class=\"finding sev-{severity}\" data-severity=\"{severity}\" data-code=\"{}\" data-family=\"{family}\" data-search=\"{}\">\n\
         <div class=\"finding-head\"><span class=\"sev\">{}</span> <a class=\"code\" href=\"#rule-{}\">{}</a> <span class=\"name\">{}</span>",
        escape(f.code),
        escape(&search_text(f, set_path, lang)),
        severity_label(f.severity, lang),
        escape(f.code),
        escape(f.code),
        escape(f.name),
    );
    if let Some(path) = set_path {
        let _ = write!(out, " <span class=\"where path\">{}</span>", escape(path));
    }
    let where_ = place(f.line, f.column, &f.excerpt, is_docx, lang);
    if !where_.is_empty() {
        let _ = write!(out, " <span class=\"where\">{where_}</span>");
    }
    let _ = write!(out, "</div>\n<p class=\"message\">{}</p>\n", escape(f.message.get(lang)));
    if let Some(help) = &f.help {
        let _ = writeln!(
            out,
            "<p class=\"help\"><span>{}</span>{}</p>",
            t(lang, "建议：", "Suggestion: "),
            escape(help.get(lang))
        );
    }
    excerpt_html(out, &f.excerpt);
    if !f.also.is_empty() {
        let _ = write!(
            out,
            "<details class=\"also\"><summary>{}</summary>\n<ol>\n",
            match lang {
                Lang::Zh => format!("同类另有{}处", f.also.len()),
                Lang::En => format!("{} more place{} like it", f.also.len(), if f.also.len() == 1 { "" } else { "s" }),
            }
        );
        for other in &f.also {
            also(out, other, is_docx, lang);
        }
        out.push_str("</ol>\n</details>\n");
    }
    out.push_str("</article>\n");
}

fn also(out: &mut String, other: &Occurrence, is_docx: bool, lang: Lang) {
    let _ = write!(
        out,
        "<li><span class=\"where\">{}</span>",
        place(other.line, other.column, &other.excerpt, is_docx, lang)
    );
    excerpt_html(out, &other.excerpt);
    out.push_str("</li>\n");
}

fn rule_docs(out: &mut String, report: &RunReport, lang: Lang) {
    let mut codes: Vec<&str> = report.files.iter().flat_map(keys).map(|(code, _, _)| code).collect();
    codes.sort_unstable();
    codes.dedup();
    let _ = write!(
        out,
        "<section id=\"rules\" class=\"rules\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        t(lang, "规则说明", "The rules"),
        t(
            lang,
            "本报告中出现的每条规则：检查什么、依据、错误示例和正确示例。",
            "Each rule in this report: what it checks, why, a bad and a good example."
        )
    );
    for code in codes {
        let Some(rule) = rules::find(code) else { continue };
        let m = rule.meta();
        let _ = write!(
            out,
            "<article class=\"rule\" id=\"rule-{}\">\n<h3>{} <span class=\"name\">{}</span></h3>\n<p class=\"rule-meta\">{} · {} {}{}</p>\n<p class=\"summary\">{}</p>\n",
            escape(m.code),
            escape(m.code),
            escape(m.name),
            escape(m.family.title()),
            t(lang, "默认级别", "default severity"),
            severity_label(m.severity, lang),
            if m.clause == "—" { String::new() } else { format!(" · GB/T 1.1—2020 {}", escape(m.clause)) },
            escape(m.summary),
        );
        markdown(out, &crate::cli::dedent(m.doc), lang);
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

/// The rule docs' Markdown, which uses headings, paragraphs, fenced examples, lists and
/// inline code only.
fn markdown(out: &mut String, doc: &str, lang: Lang) {
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut fence: Option<Vec<&str>> = None;
    let flush = |out: &mut String, paragraph: &mut Vec<&str>, list: &mut Vec<String>| {
        if !paragraph.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", inline(&paragraph.join("\n")));
            paragraph.clear();
        }
        if !list.is_empty() {
            out.push_str("<ul>");
            for item in list.iter() {
                let _ = write!(out, "<li>{}</li>", inline(item));
            }
            out.push_str("</ul>\n");
            list.clear();
        }
    };
    for line in doc.lines() {
        if let Some(code) = fence.as_mut() {
            if line.trim_start().starts_with("```") {
                let _ = writeln!(out, "<pre>{}</pre>", escape(&code.join("\n")));
                fence = None;
            } else {
                code.push(line);
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(out, &mut paragraph, &mut list);
            fence = Some(Vec::new());
        } else if let Some(heading) = trimmed.strip_prefix("## ").or_else(|| trimmed.strip_prefix("# ")) {
            flush(out, &mut paragraph, &mut list);
            let _ = writeln!(out, "<h4>{}</h4>", escape(doc_heading(heading.trim(), lang)));
        } else if let Some(item) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                flush(out, &mut paragraph, &mut Vec::new());
            }
            list.push(item.to_owned());
        } else if trimmed.is_empty() {
            flush(out, &mut paragraph, &mut list);
        } else if let Some(last) = list.last_mut().filter(|_| line.starts_with(' ')) {
            // A list item continued on an indented line.
            last.push('\n');
            last.push_str(trimmed);
        } else {
            if !list.is_empty() {
                flush(out, &mut Vec::new(), &mut list);
            }
            paragraph.push(trimmed);
        }
    }
    if let Some(code) = fence {
        let _ = writeln!(out, "<pre>{}</pre>", escape(&code.join("\n")));
    }
    flush(out, &mut paragraph, &mut list);
}

fn doc_heading(heading: &str, lang: Lang) -> &str {
    match (lang, heading) {
        (Lang::Zh, "What it checks") => "检查什么",
        (Lang::Zh, "Why") => "依据",
        (Lang::Zh, "Bad") => "错误示例",
        (Lang::Zh, "Good") => "正确示例",
        _ => heading,
    }
}

/// `code` spans; everything else escaped.
fn inline(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("本文件\u{0}规定"), "本文件\u{fffd}规定");
        assert_eq!(escape("甲\t乙\n"), "甲\t乙\n");
    }

    #[test]
    fn rule_markdown_renders_headings_examples_and_code() {
        let mut out = String::new();
        markdown(
            &mut out,
            "## What it checks\nA line\nwith `<b>`.\n\n## Bad\n```text\n服务人员必须<持证>。\n```\n- one\n- two",
            Lang::Zh,
        );
        assert_eq!(
            out,
            "<h4>检查什么</h4>\n<p>A line\nwith <code>&lt;b&gt;</code>.</p>\n<h4>错误示例</h4>\n\
             <pre>服务人员必须&lt;持证&gt;。</pre>\n<ul><li>one</li><li>two</li></ul>\n"
        );
    }

    fn page(report: &RunReport, piece: usize) -> Vec<String> {
        let mut pieces = Vec::new();
        write_page_in(report, Lang::Zh, Gate::default(), piece, &mut |p| pieces.push(p.to_owned()))
            .unwrap_or_else(|e| panic!("{e}"));
        pieces
    }

    #[test]
    fn the_page_is_the_same_in_pieces_of_any_size_and_from_rendered_findings() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let settings = crate::check::settings_for(None).unwrap_or_else(|e| panic!("{e:?}"));
        let kept =
            crate::check::run(std::slice::from_ref(&samples), &[], &settings, None).unwrap_or_else(|e| panic!("{e}"));
        assert!(kept.files.len() > 3);
        let whole = page(&kept, usize::MAX);
        assert_eq!(whole.len(), 1);
        let whole = whole.concat();
        assert!(whole.starts_with("<!DOCTYPE html>") && whole.ends_with("</html>\n"));
        assert!(whole.contains("<article class=\"finding"));
        // A piece at least per document (and per file in the set section), and the tail.
        let pieces = page(&kept, 1);
        assert!(pieces.len() > kept.files.len(), "{} pieces", pieces.len());
        assert_eq!(pieces.concat(), whole);
        // Rendered in each document's task, as a run does, the findings make the same page.
        let render = |file: &RenderedFile<'_>, findings: &[Finding]| pieces_of(file, findings);
        let rendered = crate::check::run(&[samples], &[], &settings, Some(&render)).unwrap_or_else(|e| panic!("{e}"));
        assert!(rendered.files.iter().any(FileReport::was_rendered));
        assert_eq!(page(&rendered, usize::MAX).concat(), whole);
    }

    fn pieces_of(file: &RenderedFile<'_>, findings: &[Finding]) -> String {
        pieces(file, findings, Lang::Zh)
    }

    #[test]
    fn a_clause_label_of_any_text_is_split_off_again() {
        for clause in ["5.2", "前言", "附录A", "12:3", "", "a:b:c"] {
            let f = format!("{}:{clause}<article>", clause.len());
            assert_eq!(split_own(&f), (Some(clause), "<article>"));
        }
        assert_eq!(split_own("-:<article>"), (None, "<article>"));
    }

    #[test]
    fn the_gate_follows_the_options() {
        let default = Gate::default();
        assert!(default.fails(1, 0) && !default.fails(0, 9));
        assert!(Gate { fail_on_warning: true, max_warnings: None }.fails(0, 1));
        let max = Gate { fail_on_warning: false, max_warnings: Some(2) };
        assert!(!max.fails(0, 2) && max.fails(0, 3));
    }
}
