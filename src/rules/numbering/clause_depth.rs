use super::too_deep;
use crate::diagnostic::Message;
use crate::model::Clause;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Subclauses go at most five levels deep: 5.1.1.1.1.1 in the body, A.1.1.1.1.1 in an annex.
    /// A clause that goes deeper is reported once — not its subclauses, nor the lone subclause,
    /// number prefix or hanging paragraph that follow from it (often it is a mistyped number).
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.3.1: “条可以进一步细分，细分层次不宜过多，最多可分到第五层次。” The levels
    /// are counted as in 7.3.3, where 5.1 is “第一层次的条”, so 5.1.1.1.1.1 is the fifth. Deeper
    /// numbering is unreadable; use a list or split the clause.
    ///
    /// ## Bad
    /// ```text
    /// 4.3.1.1.1.1.1 记录保存
    /// ```
    /// ## Good
    /// ```text
    /// 4.3.1.1.1 记录保存
    /// ```
    pub struct ClauseDepth {
        code: "NU006",
        name: "clause-depth",
        family: Numbering,
        severity: Error,
        clause: "7.3.1",
        summary: "At most five subclause levels",
    }
}

impl Rule for ClauseDepth {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let tops = doc.chapters.iter().chain(doc.annexes.iter().flat_map(|a| a.clauses.iter()));
        for top in tops {
            report_too_deep(ctx, top);
        }
    }
}

/// Reports the first clause of each branch that goes too deep, and nothing below it: one
/// mistyped number is one finding.
fn report_too_deep(ctx: &mut Context<'_>, clause: &Clause) {
    if !too_deep(clause) {
        for child in &clause.children {
            report_too_deep(ctx, child);
        }
        return;
    }
    let levels = clause.level() - 1;
    ctx.report(
        clause.declared.span,
        Message::new(
            format!("“{}”是第{levels}层次的条；条最多可分到第五层次", clause.declared.text),
            format!("{} is a level-{levels} subclause; subclauses go at most five levels deep", clause.declared.text),
        ),
    );
}
