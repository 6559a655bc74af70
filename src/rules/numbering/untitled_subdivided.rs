use super::{punctuated_title, too_deep};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A clause without a title (its number followed directly by text) is not subdivided into
    /// further clauses. Chapters are left to NU002; a clause whose title merely ends with a
    /// punctuation mark (`5.2 服务内容。`) is left to NU011.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.3.4: “无标题条不应再分条”. An untitled clause is a single provision; its
    /// subclauses could not be cited or found in the table of contents by a title.
    ///
    /// ## Bad
    /// ```text
    /// 6.2 服务机构应在受理后2个工作日内完成需求评估。
    /// 6.2.1 评估人员应……
    /// 6.2.2 评估结果应……
    /// ```
    /// ## Good
    /// ```text
    /// 6.2 需求评估
    /// 6.2.1 服务机构应在受理后2个工作日内完成需求评估。
    /// 6.2.2 评估结果应……
    /// ```
    pub struct UntitledSubdivided {
        code: "NU009",
        name: "untitled-subdivided",
        family: Numbering,
        severity: Error,
        clause: "7.3.4",
        summary: "An untitled clause has subclauses",
    }
}

impl Rule for UntitledSubdivided {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &clause in ctx.all_clauses() {
            // Level 1 is a chapter (or an annex); an untitled chapter is NU002's.
            if clause.level() < 2 || clause.title.is_some() || clause.children.is_empty() || too_deep(clause) {
                continue;
            }
            if punctuated_title(ctx.doc, clause).is_some() {
                continue;
            }
            let label = &clause.declared.text;
            let first = clause.children.first().map_or("", |c| c.declared.text.as_str());
            ctx.report_with_help(
                clause.declared.span,
                Message::new(
                    format!("“{label}”是无标题条，却又分为“{first}”等条；无标题条不应再分条"),
                    format!("{label} has no title but is subdivided into {first} and further clauses; an untitled clause is not subdivided"),
                ),
                Message::new(
                    format!("给“{label}”加上条标题，或将其下的条改为段或列项"),
                    format!("give {label} a title, or turn its subclauses into paragraphs or list items"),
                ),
            );
        }
    }
}
