use super::too_deep;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A chapter, clause or annex is subdivided into at least two subclauses: 5.1 never stands
    /// without 5.2.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.3.1: “一个层次中有一个以上的条时才可设条，例如第10章中，如果没有10.2，就不必
    /// 设立10.1。” The text says a lone subclause need not (不必) be set, not that it shall not,
    /// so the finding is a warning.
    ///
    /// ## Bad
    /// ```text
    /// 7 服务评价
    /// 7.1 评价方式
    /// 8 …
    /// ```
    /// ## Good
    /// Merge 7.1 into chapter 7, or add 7.2.
    pub struct LoneSubclause {
        code: "NU005",
        name: "lone-subclause",
        family: Numbering,
        severity: Warning,
        clause: "7.3.1",
        summary: "5.1 without 5.2",
    }
}

impl Rule for LoneSubclause {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for family in ctx.families() {
            let [only] = family.children else { continue };
            if too_deep(only) {
                continue;
            }
            ctx.report_with_help(
                only.declared.span,
                Message::new(
                    format!(
                        "“{}”是“{}”下唯一的条；一个层次中有一个以上的条时才可设条",
                        only.declared.text, family.label
                    ),
                    format!(
                        "{} is the only subclause of {}; a level is subdivided only into more than one clause",
                        only.declared.text, family.label
                    ),
                ),
                Message::new("将其内容并入上一层次，或增加同级条", "merge it into its parent, or add a sibling clause"),
            );
        }
    }
}
