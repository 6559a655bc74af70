use super::check_sequence;
use crate::model::CaptionKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Tables are numbered 表1, 表2 … through the body (introduction included) without gaps or
    /// repeats, independently of chapters and figures, and 表A.1, 表A.2 … in each annex.
    /// Continued tables (`表1（续）`) are not new tables. Chapter-style numbers (`表3-1`) are
    /// reported. Letters inside annexes are AX004's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.8.2.1: “表编号由‘表’和从1开始的阿拉伯数字组成”; “只有一个表时，仍应给出编号
    /// ‘表1’。表编号从引言开始一直连续到附录之前，并与章、条和图的编号无关。” Annex tables:
    /// 9.6.3.1.
    ///
    /// ## Bad
    /// ```text
    /// 表1 … 表1
    /// ```
    /// ## Good
    /// ```text
    /// 表1 … 表2
    /// ```
    pub struct TableSequence {
        code: "FT003",
        name: "table-sequence",
        family: Figures,
        severity: Error,
        clause: "9.8.2.1",
        summary: "表1 … continuous (per annex: 表A.1)",
    }
}

impl Rule for TableSequence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        check_sequence(ctx, CaptionKind::Table);
    }
}
