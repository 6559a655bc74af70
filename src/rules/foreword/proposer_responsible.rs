use super::foreword_blocks;
use crate::diagnostic::Message;
use crate::profile::ForewordItem;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The foreword says which body is responsible for the document (归口), and, when given,
    /// who proposed it (提出): 本文件由××提出。本文件由××归口。 or 本文件由××提出并归口。
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3 f): the foreword gives “文件的提出信息（可省略）和归口信息”, in the forms
    /// “本文件由xxxx提出。” and “本文件由xxxx归口。” (the standard's own foreword: “提出并归口”).
    /// Which profiles require it is set in the profile (group and enterprise documents: a
    /// warning).
    ///
    /// ## Bad
    /// ```text
    /// 本文件由深圳市福田区民政局提出。
    /// ```
    /// ## Good
    /// ```text
    /// 本文件由深圳市福田区民政局提出并归口。
    /// ```
    pub struct ProposerResponsible {
        code: "FW005",
        name: "proposer-responsible",
        family: Foreword,
        severity: Error,
        clause: "8.3 f)",
        summary: "本文件由…提出 / …归口",
    }
}

impl Rule for ProposerResponsible {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(foreword) = &ctx.doc.foreword else {
            return;
        };
        if !ctx.profile.requires_foreword(ForewordItem::ResponsibleCommittee) {
            return;
        }
        let blocks = foreword_blocks(ctx.doc);
        if blocks.iter().any(|b| ctx.text(b.span).contains("归口")) {
            return;
        }
        let proposer = blocks.iter().find(|b| ctx.text(b.span).contains("提出"));
        let span = proposer.map_or(foreword.heading.span, |b| b.span);
        ctx.report_with_help(
            span,
            Message::new(
                "前言缺少归口单位的说明（“本文件由××归口。”）",
                "the foreword does not name the responsible body (本文件由××归口。)",
            ),
            Message::new(
                "增加“本文件由××归口。”，或写为“本文件由××提出并归口。”",
                "add “本文件由××归口。”, or write “本文件由××提出并归口。”",
            ),
        );
    }
}
