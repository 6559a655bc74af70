use super::check_sequence;
use crate::model::CaptionKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Figures are numbered 图1, 图2 … through the body (introduction included) without gaps or
    /// repeats, independently of the chapters, and 图A.1, 图A.2 … in each annex. Continued
    /// figures (`图1（续）`) are not new figures. Chapter-style numbers (`图4-1`, `图4.1`) are
    /// reported. Letters inside annexes are AX004's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.7.2.1: “图编号由‘图’和从1开始的阿拉伯数字组成”; “只有一幅图时，仍应给出编号
    /// ‘图1’。图编号从引言开始一直连续到附录之前，并与章、条和表的编号无关。” Annex figures:
    /// 9.6.3.1.
    ///
    /// ## Bad
    /// ```text
    /// 图1 … 图3
    /// ```
    /// ## Good
    /// ```text
    /// 图1 … 图2
    /// ```
    pub struct FigureSequence {
        code: "FT001",
        name: "figure-sequence",
        family: Figures,
        severity: Error,
        clause: "9.7.2.1",
        summary: "图1 … continuous (per annex: 图A.1)",
    }
}

impl Rule for FigureSequence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        check_sequence(ctx, CaptionKind::Figure);
    }
}
