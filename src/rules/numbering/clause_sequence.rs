use super::prefix_matches;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The subclauses of one chapter or clause are numbered .1, .2, .3 … without gaps or
    /// repeats (chapters are NU001's).
    ///
    /// ## Why
    /// GB/T 1.1-2020 has no sentence that says so for clauses (7.2 says it for chapters): the
    /// rule follows 7.3.2, which numbers each clause within its parent, and the numbering
    /// example of its Annex A. A gap or a repeat usually means a clause was deleted or copied,
    /// and it breaks cross-references. Resting on that practice, the finding is a warning.
    ///
    /// ## Bad
    /// ```text
    /// 6.1 服务受理
    /// 6.3 服务实施
    /// ```
    /// ## Good
    /// ```text
    /// 6.1 服务受理
    /// 6.2 服务实施
    /// ```
    pub struct ClauseSequence {
        code: "NU004",
        name: "clause-sequence",
        family: Numbering,
        severity: Warning,
        clause: "7.3.2",
        summary: "Subclauses continuous, no duplicates",
    }
}

impl Rule for ClauseSequence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for family in ctx.families() {
            let mut previous: u32 = 0;
            for child in family.children {
                // A clause under the wrong parent is NU003's; its last part says nothing here.
                let placed = match family.parent {
                    Some(parent) => prefix_matches(parent, child),
                    None => child.number.depth() == 1,
                };
                if !placed {
                    continue;
                }
                let n = child.number.parts.last().copied().unwrap_or(0);
                let expected = previous + 1;
                if n != expected {
                    let declared = &child.declared.text;
                    let (zh, en) = if n == previous {
                        (format!("条编号“{declared}”重复"), format!("clause number {declared} is repeated"))
                    } else {
                        (
                            format!("条编号不连续：“{declared}”之前缺少同一层次编号为{expected}的条"),
                            format!(
                                "clause numbers skip: no clause numbered {expected} at this level comes before {declared}"
                            ),
                        )
                    };
                    ctx.report(child.declared.span, Message::new(zh, en));
                }
                previous = n.max(previous);
            }
        }
    }
}
