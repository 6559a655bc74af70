use super::check_cited;
use crate::model::CaptionKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every figure is referred to by its number somewhere outside its own caption (`见图1`,
    /// `如图2所示`, in a table or a note); a range (`图3至图5`) refers to every figure it spans.
    /// “如下图所示” without a number does not count, nor does another document's figure
    /// (`GB/T 1234—2020图1`).
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.7.1.2: “在将文件内容图形化之处应通过使用适当的能愿动词或句子语气类型（见附录C）
    /// 指明该图所表示的条款类型，并同时提及该图的图编号。” The text says whether the figure is
    /// required (……应与图2相符合) or only illustrates (见图1).
    ///
    /// ## Bad
    /// ```text
    /// 调解服务依次包括受理、调查、调解和结案四个环节。
    /// [流程图]
    /// 图1　调解服务流程
    /// ```
    /// ## Good
    /// ```text
    /// 调解服务依次包括受理、调查、调解和结案四个环节，见图1。
    /// ```
    pub struct FigureNotCited {
        code: "FT002",
        name: "figure-not-cited",
        family: Figures,
        severity: Error,
        clause: "9.7.1.2",
        summary: "Every figure cited in the text",
    }
}

impl Rule for FigureNotCited {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        check_cited(ctx, CaptionKind::Figure);
    }
}
