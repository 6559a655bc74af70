use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// 前言 carries no chapter number and is not subdivided into subclauses or headings.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3: “前言不应给出章编号且不分条。”
    ///
    /// ## Bad
    /// ```text
    /// 0 前言
    /// ```
    /// ## Good
    /// ```text
    /// 前言
    /// ```
    pub struct ForewordStructure {
        code: "ST005",
        name: "foreword-structure",
        family: Structure,
        severity: Error,
        clause: "8.3",
        summary: "前言 has no number and no subclauses",
    }
}

impl Rule for ForewordStructure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(foreword) = &ctx.doc.foreword else {
            return;
        };
        if let Some(number) = &foreword.declared_number {
            ctx.report(
                number.span,
                Message::new(
                    format!("前言不应编号（此处为“{}”）", number.text),
                    format!("the foreword must not be numbered (found “{}”)", number.text),
                ),
            );
        }
        for sub in &foreword.subclauses {
            let title = sub.title.as_ref().map_or("", |t| t.text.as_str());
            ctx.report(
                sub.span,
                Message::new(
                    format!("前言不应分条（此处有“{title}”）"),
                    format!("the foreword must not be subdivided (found “{title}”)"),
                ),
            );
        }
    }
}
