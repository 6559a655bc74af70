use super::{element_name, out_of_order, with_article};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The front elements and the body come in the order of 表3: 封面, 目次, 前言, 引言, the
    /// body title, then chapter 1 范围 onwards.
    ///
    /// ## Why
    /// GB/T 1.1-2020 6.2.2.3: “资料性要素在文件中的位置、先后顺序以及标题均应与表3所呈现的相一致。”
    /// The elements compared here (封面, 目次, 前言, 引言, and the body that follows) are all
    /// informative elements, whose order is binding; reviewers send back a draft whose 引言
    /// precedes its 前言, or whose 目次 follows the foreword.
    ///
    /// ## Bad
    /// ```text
    /// 引言 … 前言 … 1 范围
    /// ```
    /// ## Good
    /// ```text
    /// 前言 … 引言 … 1 范围
    /// ```
    pub struct ElementOrder {
        code: "ST001",
        name: "element-order",
        family: Structure,
        severity: Error,
        clause: "6.2.2.3, 表3",
        summary: "Elements follow 封面, 目次, 前言, 引言, 1 范围 …",
    }
}

impl Rule for ElementOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        // Annexes and back matter are ST007's; here only the front and the body.
        for (late, before) in out_of_order(&ctx.doc.elements, |a, b| a <= 5 && b <= 5) {
            let (late_zh, late_en) = element_name(late.kind, late.label.as_deref());
            let (before_zh, before_en) = element_name(before.kind, before.label.as_deref());
            ctx.report(
                late.span,
                Message::new(
                    format!("“{late_zh}”位于“{before_zh}”之后；按GB/T 1.1—2020表3，{late_zh}应在{before_zh}之前"),
                    format!(
                        "{} comes after {}; GB/T 1.1-2020 Table 3 puts it before",
                        with_article(&late_en),
                        with_article(&before_en)
                    ),
                ),
            );
        }
    }
}
