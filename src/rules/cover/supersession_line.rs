use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{cover_lines, foreword_blocks};
use crate::diagnostic::Message;
use crate::model::find_designations;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The cover's `代替` line and the foreword's supersession statement (`本文件代替……`) name
    /// the same documents: a foreword that supersedes documents the cover does not list, or a
    /// cover that lists documents the foreword does not mention, is reported. A `代替` line
    /// that names no designation is reported too.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1: when a document replaces others, the cover gives the designations of
    /// the replaced documents (on one line); 8.3 c) says the same in the foreword. The two are
    /// written at different times and drift apart in revision drafts.
    ///
    /// ## Bad
    /// ```text
    /// 代替DB4403/T 100—2018
    /// ……
    /// 本文件代替DB4403/T 100—2018和DB4403/T 101—2018。
    /// ```
    /// ## Good
    /// ```text
    /// 代替DB4403/T 100—2018、DB4403/T 101—2018
    /// ……
    /// 本文件代替DB4403/T 100—2018和DB4403/T 101—2018。
    /// ```
    pub struct SupersessionLine {
        code: "CV008",
        name: "supersession-line",
        family: Cover,
        severity: Warning,
        clause: "8.1",
        summary: "代替 line well formed; agrees with the foreword",
    }
}

/// `本文件代替……` up to the end of its sentence (or the first clause break after the list).
static FOREWORD_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:本文件|本标准|本部分)(?:部分)?代替[^。；]*").unwrap_or_else(|e| panic!("supersession regex: {e}"))
});

impl Rule for SupersessionLine {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let cover_line =
            cover_lines(doc).into_iter().find(|l| l.text.starts_with("代替") || l.text.starts_with("部分代替"));
        if let Some(line) = &cover_line {
            if doc.meta.supersedes.is_empty() {
                ctx.report_with_help(
                    line.span,
                    Message::new(
                        format!("封面的“{}”未给出被代替文件的编号", line.text),
                        format!("the cover line “{}” names no superseded designation", line.text),
                    ),
                    Message::new("写为“代替DB4403/T 100—2018”", "write “代替DB4403/T 100—2018”"),
                );
                return;
            }
        }
        let cover: BTreeSet<String> = doc.meta.supersedes.iter().map(|d| d.key()).collect();
        let Some((statement, foreword)) = foreword_blocks(doc).into_iter().find_map(|block| {
            let m = FOREWORD_STATEMENT.find(ctx.text(block.span))?;
            let base = block.span.start + m.start();
            let named: BTreeSet<String> = find_designations(m.as_str(), base).iter().map(|d| d.key()).collect();
            Some((crate::source::Span::new(base, base + m.len()), named))
        }) else {
            return;
        };
        let missing: Vec<&String> = foreword.difference(&cover).collect();
        if !missing.is_empty() {
            let list = missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、");
            let span = cover_line.as_ref().map_or(statement, |l| l.span);
            ctx.report_with_help(
                span,
                Message::new(
                    format!("前言称本文件代替{list}，封面未标明"),
                    format!("the foreword supersedes {list}, which the cover does not name"),
                ),
                Message::new(format!("在封面标明“代替{list}”"), format!("add “代替{list}” to the cover")),
            );
        }
        let extra: Vec<&String> = cover.difference(&foreword).collect();
        if !extra.is_empty() && !foreword.is_empty() {
            let list = extra.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、");
            ctx.report_with_help(
                statement,
                Message::new(
                    format!("封面标明代替{list}，前言的代替说明未提及"),
                    format!("the cover supersedes {list}, which the foreword's statement does not mention"),
                ),
                Message::new("使封面和前言列出相同的被代替文件", "list the same superseded documents in both places"),
            );
        }
    }
}
