use super::{element_name, out_of_order, with_article};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Annexes follow the last numbered chapter, 参考文献 follows the last annex, and 索引 is the
    /// last element of all.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.2: chapters run “一直连续到附录之前”; 9.6.2: “附录应位于正文之后，参考文献之前。”;
    /// 8.13: “如果需要设置参考文献，应置于最后一个附录之后”; 8.14: the index “应作为文件的最后一个
    /// 要素”.
    ///
    /// ## Bad
    /// ```text
    /// 5 服务流程 / 附录A / 6 服务评价
    /// ```
    /// ## Good
    /// ```text
    /// 5 服务流程 / 6 服务评价 / 附录A / 参考文献
    /// ```
    pub struct BackMatterOrder {
        code: "ST007",
        name: "back-matter-order",
        family: Structure,
        severity: Error,
        clause: "8.13, 8.14, 9.6.2",
        summary: "Annexes after the last chapter, 参考文献 after annexes, 索引 last",
    }
}

impl Rule for BackMatterOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for (late, before) in out_of_order(&ctx.doc.elements, |a, b| a > 5 || b > 5) {
            let (late_zh, late_en) = element_name(late.kind, late.label.as_deref());
            let (before_zh, before_en) = element_name(before.kind, before.label.as_deref());
            ctx.report(
                late.span,
                Message::new(
                    format!("“{late_zh}”位于“{before_zh}”之后；附录应在最后一章之后，参考文献在附录之后，索引为最后一个要素"),
                    format!(
                        "{} comes after {}; annexes follow the last chapter, the bibliography follows the annexes and the index comes last",
                        with_article(&late_en),
                        with_article(&before_en)
                    ),
                ),
            );
        }
    }
}
