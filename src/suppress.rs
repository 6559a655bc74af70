//! Inline suppressions, written as comments where the format has them:
//!
//! - `<!-- normlint-disable-next-line NU005 PV001 -->` — the next non-blank line;
//! - `<!-- normlint-disable NU005 -->` … `<!-- normlint-enable NU005 -->` — a range (to the end
//!   of the file when not re-enabled); `enable` without codes ends every open range;
//! - `<!-- normlint-disable-file TY008 -->` — the whole file.
//!
//! No code means every rule. Codes may be family prefixes (`TY`). In STS files the same
//! comments stand between elements (the reader gives each its own line; one inside running
//! text is ignored). The .docx reader turns a Word comment whose text starts with
//! `normlint-disable CODE…` into a `disable-next-line` on the paragraph it is anchored in
//! (`normlint-disable-file CODE…` covers the document); such comments are not counted as
//! review comments by IO009. A directive that suppresses nothing is reported (SU001), as
//! ruff's RUF100 does.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Message;
use crate::findings::Finding;
use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    NextLine,
    Disable,
    Enable,
    File,
}

#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: Kind,
    pub codes: Vec<String>,
    pub span: Span,
    /// 1-based lines the directive covers (inclusive); `None` for `enable`.
    pub lines: Option<(usize, usize)>,
    used: Vec<bool>,
    used_any: bool,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*normlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->")
        .unwrap_or_else(|e| panic!("directive regex: {e}"))
});

/// All directives of a source, with the lines each covers.
pub fn parse(source: &SourceFile) -> Vec<Directive> {
    let text = source.text.as_str();
    let last_line = source.lines.line_count();
    let mut out: Vec<Directive> = Vec::new();
    // Most documents have no directive: the pattern is not even compiled for them.
    if !text.contains("normlint-") {
        return out;
    }
    for caps in DIRECTIVE.captures_iter(text) {
        let (Some(whole), Some(kind)) = (caps.get(0), caps.get(1)) else { continue };
        let codes: Vec<String> = caps
            .get(2)
            .map_or("", |m| m.as_str())
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect();
        let kind = match kind.as_str() {
            "disable-next-line" => Kind::NextLine,
            "disable-file" => Kind::File,
            "disable" => Kind::Disable,
            _ => Kind::Enable,
        };
        let end_line = source.position(whole.end()).line;
        let lines = match kind {
            Kind::File => Some((1, last_line)),
            Kind::NextLine => Some(next_content_line(source, end_line).map_or((end_line, end_line), |l| (l, l))),
            Kind::Disable => Some((end_line, last_line)),
            Kind::Enable => None,
        };
        if kind == Kind::Enable {
            // Close the open ranges this enable names (all of them without codes).
            for open in out.iter_mut().filter(|d| d.kind == Kind::Disable) {
                let Some((from, to)) = open.lines else { continue };
                let closes = codes.is_empty() || open.codes.is_empty() || open.codes.iter().any(|c| codes.contains(c));
                if closes && to == last_line && from <= end_line {
                    open.lines = Some((from, end_line));
                }
            }
        }
        out.push(Directive {
            kind,
            used: vec![false; codes.len()],
            codes,
            span: Span::new(whole.start(), whole.end()),
            lines,
            used_any: false,
        });
    }
    out
}

fn next_content_line(source: &SourceFile, after: usize) -> Option<usize> {
    let text = source.text.as_str();
    (after + 1..=source.lines.line_count()).find(|&line| {
        let start = source.lines.line_start(line - 1);
        let end = if line < source.lines.line_count() { source.lines.line_start(line) } else { text.len() };
        let content = text.get(start..end).unwrap_or_default().trim();
        !content.is_empty() && !content.starts_with("<!--")
    })
}

fn matches(pattern: &str, code: &str) -> bool {
    code.starts_with(pattern)
}

/// Removes suppressed findings; returns the directives so that unused ones can be reported.
pub fn apply(source: &SourceFile, directives: &mut [Directive], findings: &mut Vec<Finding>) {
    findings.retain(|f| {
        // Directives cover lines of the text the rules saw, which for an XML view are not
        // the lines the finding reports.
        let line = source.position(f.span.start).line;
        // SU001 findings are about the directives themselves.
        if f.code == "SU001" {
            return true;
        }
        let mut suppressed = false;
        for d in directives.iter_mut() {
            let Some((from, to)) = d.lines else { continue };
            if line < from || line > to {
                continue;
            }
            if d.codes.is_empty() {
                d.used_any = true;
                suppressed = true;
            } else if let Some(i) = d.codes.iter().position(|c| matches(c, f.code)) {
                if let Some(u) = d.used.get_mut(i) {
                    *u = true;
                }
                d.used_any = true;
                suppressed = true;
            }
        }
        !suppressed
    });
}

/// What a directive left unused: `None` when it did its job.
pub fn unused(directive: &Directive) -> Option<Message> {
    if directive.kind == Kind::Enable {
        return None;
    }
    if directive.codes.is_empty() {
        return (!directive.used_any).then(|| {
            Message::new(
                "这条normlint抑制注释没有抑制任何检查结果，可以删除",
                "this normlint suppression suppresses nothing; remove it",
            )
        });
    }
    let idle: Vec<&str> =
        directive.codes.iter().zip(&directive.used).filter(|(_, used)| !**used).map(|(c, _)| c.as_str()).collect();
    (!idle.is_empty()).then(|| {
        let list = idle.join(", ");
        Message::new(
            format!("抑制注释中的{list}没有抑制任何检查结果，可以删除"),
            format!("{list} in this suppression suppresses nothing; remove it"),
        )
    })
}
