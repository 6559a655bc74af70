use super::{families, prefix_matches, too_deep};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A subclause's number is its parent's number plus one more part: 5.2.1 sits under 5.2,
    /// A.1.2 under A.1.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.3: subclauses are numbered within their parent with a dot between
    /// levels. A wrong prefix usually means a clause was moved, or a heading was lost.
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
        clause: "7.3",
        summary: "5.2.1 sits under 5.2",
    }
}

impl Rule for ClauseNumberPrefix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for family in families(ctx.doc) {
            let Some(parent) = family.parent else {
                continue;
            };
            for child in family.children.iter().filter(|c| !prefix_matches(parent, c) && !too_deep(c)) {
                let declared = &child.declared.text;
                let expected_parent = child.number.parent().map(|p| p.render()).unwrap_or_default();
                ctx.report_with_help(
                    child.declared.span,
                    Message::new(
                        format!(
                            "条“{declared}”位于“{}”之下，但其编号表明应属于“{expected_parent}”",
                            parent.declared.text
                        ),
                        format!(
                            "clause {declared} stands under {}, but its number puts it under {expected_parent}",
                            parent.declared.text
                        ),
                    ),
                    Message::new(
                        format!("按其位置应编号为“{}”", child.expected),
                        format!("by its position it should be numbered {}", child.expected),
                    ),
                );
            }
        }
    }
}
