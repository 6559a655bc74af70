use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every chapter has a title after its number.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.2: “每一章均应有章标题，并应置于编号之后”. Untitled clauses are allowed
    /// below chapter level, never for chapters.
    ///
    /// ## Bad
    /// ```text
    /// 8
    /// 服务机构应建立投诉处理制度。
    /// ```
    /// ## Good
    /// ```text
    /// 8 投诉处理
    /// 服务机构应建立投诉处理制度。
    /// ```
    pub struct ChapterTitle {
        code: "NU002",
        name: "chapter-title",
        family: Numbering,
        severity: Error,
        clause: "7.2",
        summary: "Every chapter has a title",
    }
}

impl Rule for ChapterTitle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for chapter in ctx.doc.chapters.iter().filter(|c| c.title.is_none()) {
            ctx.report(
                chapter.declared.span,
                Message::new(
                    format!("第{}章没有章标题", chapter.declared.text),
                    format!("chapter {} has no title", chapter.declared.text),
                ),
            );
        }
    }
}
