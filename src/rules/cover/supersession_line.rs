use std::collections::BTreeSet;

use super::cover_lines;
use crate::diagnostic::Message;
use crate::model::find_designations;
use crate::rules::foreword::supersession_block;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The cover's `代替` line is well formed and lists what the foreword's supersession
    /// statement (`本文件代替……`) supersedes: a `代替` line that names no designation, and a
    /// document the foreword supersedes that the cover's line leaves out, are reported. The
    /// foreword side — a statement missing, or not naming what the cover lists, or no cover line
    /// at all — is FW004's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1: “如果文件代替了一个或多个文件，在封面中应标明被代替文件的编号。当被代替
    /// 文件较多时，被代替文件编号不应超过一行。” Its note lets the foreword carry the designations
    /// that do not fit on that one line, so a document missing from the cover is reported as a
    /// warning to check, not as an error. 8.3 c) says the same in the foreword, and 10.3.1.4
    /// puts “代替” before the designations. The two are written at different times and drift
    /// apart in revision drafts.
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
        clause: "8.1, 10.3.1.4",
        summary: "代替 line well formed; agrees with the foreword",
    }
}

impl Rule for SupersessionLine {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        // With no 代替 line at all, FW004 reports the foreword's statement.
        let Some(line) = cover_lines(doc).iter().find(|l| l.text.starts_with("代替") || l.text.starts_with("部分代替"))
        else {
            return;
        };
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
        let Some(block) = supersession_block(doc) else { return };
        // Only the supersession sentence: the paragraph may go on to cite other documents.
        let text = doc.text(block.span);
        let from = text.find("代替").unwrap_or(0);
        let to = text.get(from..).and_then(|t| t.find(['。', '；'])).map_or(text.len(), |i| from + i);
        let sentence = text.get(from..to).unwrap_or_default();
        let cover: BTreeSet<String> = doc.meta.supersedes.iter().map(|d| d.key()).collect();
        let missing: BTreeSet<String> = find_designations(sentence, block.span.start + from)
            .iter()
            .map(|d| d.key())
            .filter(|k| !cover.contains(k))
            .collect();
        if missing.is_empty() {
            return;
        }
        let list = missing.into_iter().collect::<Vec<_>>().join("、");
        ctx.report_with_help(
            line.span,
            Message::new(
                format!("前言称本文件代替{list}，封面未标明；封面的“代替”行写得下时应全部标明"),
                format!("the foreword supersedes {list}, which the cover does not name; the cover names them all unless they do not fit on one line"),
            ),
            Message::new(format!("在封面标明“代替{list}”"), format!("add “代替{list}” to the cover")),
        );
    }
}
