use super::punctuated_title;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The first-level subclauses of a chapter or annex (5.1, 5.2 …; A.1, A.2 …) have titles.
    /// It reports a chapter or annex none of whose first-level subclauses is titled, once, at the
    /// first of them; a mix of titled and untitled siblings is NU007's, a title that only ends
    /// with a punctuation mark is NU011's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.3.3: “第一层次的条宜给出条标题，并应置于编号之后。” It is a recommendation
    /// (宜), so the finding is advice (info).
    ///
    /// ## Bad
    /// ```text
    /// 7 服务评价
    /// 7.1 服务机构应每年开展1次服务对象满意度调查。
    /// 7.2 服务机构应根据评价结果制定改进措施。
    /// ```
    /// ## Good
    /// ```text
    /// 7 服务评价与改进
    /// 7.1 服务评价
    /// 服务机构应每年开展1次服务对象满意度调查。
    /// 7.2 持续改进
    /// 服务机构应根据评价结果制定改进措施。
    /// ```
    pub struct FirstLevelTitle {
        code: "NU010",
        name: "first-level-title",
        family: Numbering,
        severity: Info,
        clause: "7.3.3",
        summary: "First-level subclauses should have titles",
    }
}

impl Rule for FirstLevelTitle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for family in ctx.families() {
            // Chapters and annexes only: their children are the first-level subclauses.
            if family.parent.is_some_and(|p| p.level() != 1) {
                continue;
            }
            let untitled = |c: &&crate::model::Clause| c.title.is_none() && punctuated_title(ctx.doc, c).is_none();
            if !family.children.iter().all(|c| untitled(&c)) {
                continue;
            }
            let (Some(first), Some(last)) = (family.children.first(), family.children.last()) else { continue };
            let range = if family.children.len() == 1 {
                first.declared.text.clone()
            } else {
                format!("{}～{}", first.declared.text, last.declared.text)
            };
            let owner_zh = match family.parent {
                Some(_) => format!("第{}章", family.label),
                None => family.label.clone(),
            };
            let owner_en = match family.parent {
                Some(_) => format!("chapter {}", family.label),
                None => format!("annex {}", family.label.trim_start_matches("附录")),
            };
            ctx.report_with_help(
                first.declared.span,
                Message::new(
                    format!("{owner_zh}的第一层次条（{range}）都没有条标题；第一层次的条宜给出条标题"),
                    format!("none of the first-level subclauses of {owner_en} ({range}) has a title; first-level subclauses should be titled"),
                ),
                Message::new(
                    "在条编号后给出条标题，条文另起一段",
                    "put a title after each clause number and start the text on a new line",
                ),
            );
        }
    }
}
