use super::doc_entries;
use crate::diagnostic::Message;
use crate::model::find_designations;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The source of a term entry has the 2020 form `[来源：GB/T 20000.1—2014，5.2]`, or
    /// `[来源：GB/T 20000.1—2014，9.3，有修改]` when the definition was changed:
    /// - the parts are separated by the full-width comma “，”;
    /// - the location is the entry number, without the word 定义;
    /// - a source that names an entry of another document gives the edition (year);
    /// - a modified definition says 有修改;
    /// - the bracket is closed.
    ///
    /// The 2009 form `[GB/T 12345—2010，定义2.1]` (no 来源) is one finding; ST010 also names it
    /// where 2009 and 2020 forms mix. The separator between number and year is DS002's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.3.4: “在方括号中写明‘来源：文件编号，条目编号，有修改’”; 9.5.4.3 gives the
    /// example “[来源：GB/T xxxxx—2015，4.3.5]”. The source line tells the reader exactly which
    /// definition was taken over, and whether it was changed. That a source naming an entry
    /// carries the year follows from 9.5.4.1.1 (a reference to specific content is dated).
    ///
    /// ## Bad
    /// ```text
    /// [来源：GB/T 20000.1，定义5.2，有改动]
    /// ```
    /// ## Good
    /// ```text
    /// [来源：GB/T 20000.1—2014，5.2，有修改]
    /// ```
    pub struct TermSourceFormat {
        code: "TM008",
        name: "term-source-format",
        family: Terms,
        severity: Warning,
        clause: "8.7.3.4, 9.5.4.3",
        summary: "[来源：GB/T 20000.1—2014，5.2] form",
    }
}

impl Rule for TermSourceFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for entry in doc_entries(ctx.doc) {
            let Some(source) = &entry.source else { continue };
            check_source(ctx, &source.text, source.span);
        }
    }
}

fn check_source(ctx: &mut Context<'_>, text: &str, span: Span) {
    let text = text.trim_end();
    let mut findings: Vec<(Span, Message, Message)> = Vec::new();
    if !text.ends_with([']', '］']) {
        let end = text.len();
        let last = text.chars().next_back().map_or(0, char::len_utf8);
        findings.push((
            span.sub(end - last, end),
            Message::new("术语来源缺少右方括号“]”", "the term source lacks its closing bracket “]”"),
            Message::new("写为“[来源：GB/T ××××—××××，3.1]”", "write “[来源：GB/T ××××—××××，3.1]”"),
        ));
    }
    if !text.contains("来源") {
        // The 2009 form `[GB/T 12345—2010，定义2.1]`.
        let opening = text.chars().next().map_or(0, char::len_utf8);
        findings.push((
            span.sub(0, opening),
            Message::new(
                "术语来源是GB/T 1.1—2009的写法：缺少“来源：”，条目编号前不加“定义”",
                "the term source is the GB/T 1.1-2009 form: it lacks “来源：”, and 定义 does not precede the entry number",
            ),
            Message::new("写为“[来源：GB/T ××××—××××，2.1]”", "write “[来源：GB/T ××××—××××，2.1]”"),
        ));
        // Rewritten to the 2020 form, the rest follows: one cause, one finding.
        for (s, m, h) in findings {
            ctx.report_with_help(s, m, h);
        }
        return;
    }
    let Some(colon) = text.find(['：', ':']) else {
        for (s, m, h) in findings {
            ctx.report_with_help(s, m, h);
        }
        return;
    };
    let inner_start = colon + text.get(colon..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
    let inner_end = text.rfind([']', '］']).filter(|&e| e >= inner_start).unwrap_or(text.len());
    let inner = text.get(inner_start..inner_end).unwrap_or_default();
    let designations = find_designations(inner, span.start + inner_start);
    // The parts: document, location, 有修改. Only the first designation is the document.
    let doc_end = designations.first().map_or(0, |d| d.span.end - span.start - inner_start);
    let rest = inner.get(doc_end..).unwrap_or_default();
    let rest_at = inner_start + doc_end;
    for (i, c) in rest.char_indices() {
        if matches!(c, ',' | '、' | ';' | '；') {
            findings.push((
                span.sub(rest_at + i, rest_at + i + c.len_utf8()),
                Message::new(
                    format!("术语来源的各部分之间用“，”分隔，不用“{c}”"),
                    format!("the parts of the term source are separated by “{c}”; use the full-width comma “，”"),
                ),
                Message::new("改为全角逗号“，”", "use the full-width comma “，”"),
            ));
        }
    }
    if let Some(at) = rest.find("定义") {
        findings.push((
            span.sub(rest_at + at, rest_at + at + "定义".len()),
            Message::new(
                "术语来源中的条目编号前不加“定义”（2009年版写法）",
                "the entry number in the term source is preceded by 定义 (the 2009 form); write the number alone",
            ),
            Message::new("只写条目编号，如“，5.2”", "write the entry number only, e.g. “，5.2”"),
        ));
    }
    for word in ["有改动", "有修订", "有更改", "经修改", "修改后"] {
        if let Some(at) = rest.find(word) {
            findings.push((
                span.sub(rest_at + at, rest_at + at + word.len()),
                Message::new(
                    format!("修改过的定义在来源中注明“有修改”，不写“{word}”"),
                    format!("the source marks the modified definition “{word}”; the form is 有修改"),
                ),
                Message::new("改为“有修改”", "write 有修改"),
            ));
        }
    }
    if let Some(d) = designations.first() {
        let located = rest.chars().any(|c| c.is_ascii_digit());
        if d.year.is_none() && !d.all_parts && located {
            findings.push((
                d.span,
                Message::new(
                    format!("术语来源“{}”给出了条目编号，但没有注明年代号", d.text),
                    format!("the term source “{}” names an entry but not the edition (year)", d.text),
                ),
                Message::new(format!("写为“{}—××××”", d.key()), format!("write “{}—<year>”", d.key())),
            ));
        }
    }
    for (s, m, h) in findings {
        ctx.report_with_help(s, m, h);
    }
}
