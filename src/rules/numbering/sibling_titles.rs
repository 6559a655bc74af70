use super::{punctuated_title, too_deep};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The subclauses of one parent are either all titled or all untitled.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.3.3: “某一章或条中，其下一个层次上的各条，有无标题应一致。” A lone
    /// untitled clause between titled ones is usually a heading that lost its title; telling a
    /// title from a short provision is a judgement, so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 6.1 服务受理
    /// 6.2 服务人员应在受理后2个工作日内上门评估。
    /// 6.3 服务实施
    /// ```
    /// ## Good
    /// ```text
    /// 6.2 需求评估
    /// 服务人员应在受理后2个工作日内上门评估。
    /// ```
    pub struct SiblingTitles {
        code: "NU007",
        name: "sibling-titles",
        family: Numbering,
        severity: Warning,
        clause: "7.3.3",
        summary: "Siblings all titled or all untitled",
    }
}

impl Rule for SiblingTitles {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for family in ctx.families() {
            // A title that only ends with a mark (`4.1 服务机构。`) is a title; NU011 reports the mark.
            let is_titled = |c: &crate::model::Clause| c.title.is_some() || punctuated_title(ctx.doc, c).is_some();
            let titled = family.children.iter().filter(|c| is_titled(c)).count();
            if titled == 0 || titled == family.children.len() {
                continue;
            }
            for untitled in family.children.iter().filter(|c| !is_titled(c) && !too_deep(c)) {
                ctx.report(
                    untitled.declared.span,
                    Message::new(
                        format!(
                            "“{}”没有条标题，而其同级的其他条有标题；同一层次的条有无标题应一致",
                            untitled.declared.text
                        ),
                        format!(
                            "{} has no title while its sibling clauses do; siblings are all titled or all untitled",
                            untitled.declared.text
                        ),
                    ),
                );
            }
        }
    }
}
