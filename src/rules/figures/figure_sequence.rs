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
    /// GB/T 1.1-2020 9.7: a figure number is 图 followed by an Arabic numeral from 1, through the
    /// whole text; a single figure is 图1.
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
        clause: "9.7",
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
