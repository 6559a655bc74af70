use super::{prefix_matches, too_deep};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A subclause's number is its parent's number plus one more part: 5.2.1 sits under 5.2,
    /// A.1.2 under A.1. Consecutive subclauses that all belong to one other parent (5.1 to 5.4
    /// under 4, when the heading of 5 is missing) are one finding.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.3.2: “条编号应使用阿拉伯数字并用下脚点与章编号或上一层次的条编号相隔。” A
    /// wrong prefix usually means a clause was moved, or a heading was lost.
    ///
    /// ## Bad
    /// ```text
    /// 4.1 服务机构
    /// 4.2.1 持证上岗
    /// ```
    /// ## Good
    /// ```text
    /// 4.1 服务机构
    /// 4.1.1 持证上岗
    /// ```
    pub struct ClauseNumberPrefix {
        code: "NU003",
        name: "clause-number-prefix",
        family: Numbering,
        severity: Error,
        clause: "7.3.2",
        summary: "5.2.1 sits under 5.2",
    }
}

impl Rule for ClauseNumberPrefix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for family in ctx.families() {
            let Some(parent) = family.parent else {
                continue;
            };
            // Siblings that all belong to one missing parent (`5.1`…`5.4` under `4` when the
            // heading of 5 was lost) share one cause: one finding at the first. A clause too deep
            // is NU006's.
            let misplaced: Vec<_> =
                family.children.iter().filter(|c| !prefix_matches(parent, c) && !too_deep(c)).collect();
            let mut i = 0;
            while let Some(child) = misplaced.get(i) {
                let expected_parent = child.number.parent().map(|p| p.render()).unwrap_or_default();
                let run = misplaced
                    .iter()
                    .skip(i)
                    .take_while(|c| c.number.parent().map(|p| p.render()).unwrap_or_default() == expected_parent)
                    .count()
                    .max(1);
                i += run;
                let declared = &child.declared.text;
                let under = &parent.declared.text;
                if run > 1 {
                    let last = misplaced.get(i - 1).map_or(declared.as_str(), |c| c.declared.text.as_str());
                    ctx.report_with_help(
                        child.declared.span,
                        Message::new(
                            format!("条“{declared}”至“{last}”（共{run}条）位于“{under}”之下，但其编号表明应属于“{expected_parent}”"),
                            format!(
                                "clauses {declared} to {last} ({run}) stand under {under}, but their numbers put them under {expected_parent}"
                            ),
                        ),
                        Message::new(
                            format!("“{expected_parent}”的标题是否缺失？否则按其位置重新编号（首条为“{}”）", child.expected),
                            format!(
                                "is the heading of {expected_parent} missing? Otherwise renumber them by position (the first is {})",
                                child.expected
                            ),
                        ),
                    );
                    continue;
                }
                ctx.report_with_help(
                    child.declared.span,
                    Message::new(
                        format!("条“{declared}”位于“{under}”之下，但其编号表明应属于“{expected_parent}”"),
                        format!(
                            "clause {declared} stands under {under}, but its number puts it under {expected_parent}"
                        ),
                    ),
                    Message::new(
                        format!("按其位置应编号为“{}”", child.expected),
                        format!("by its position it is {}", child.expected),
                    ),
                );
            }
        }
    }
}
