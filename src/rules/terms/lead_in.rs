use super::{LEAD_IN, classify, lead_paragraph};
use crate::diagnostic::Message;
use crate::rules::normalize::sentence_key;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Chapter 3 opens with one of the three lead-ins of GB/T 1.1-2020 8.7.2, or its
    /// none-statement:
    /// - 下列术语和定义适用于本文件。
    /// - ……界定的术语和定义适用于本文件。
    /// - ……界定的以及下列术语和定义适用于本文件。
    /// - 本文件没有需要界定的术语和定义。
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.2: “术语条目应分别由下列适当的引导语引出”, and “如果没有需要界定的术语和定义，
    /// 应在章标题下给出以下说明”. The lead-in says where the definitions come from; without it the
    /// reader cannot tell whether definitions of another document also apply.
    ///
    /// ## Bad
    /// ```text
    /// 3 术语和定义
    /// 3.1
    /// 居家养老服务 …
    /// ```
    /// ## Good
    /// ```text
    /// 3 术语和定义
    /// 下列术语和定义适用于本文件。
    /// 3.1
    /// ```
    pub struct TermsLeadIn {
        code: "TM001",
        name: "terms-lead-in",
        family: Terms,
        severity: Error,
        clause: "8.7.2",
        summary: "One of the four lead-ins",
    }
}

impl Rule for TermsLeadIn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(chapter) = ctx.doc.terms_section() else {
            return;
        };
        let help = Message::new(format!("写为：{LEAD_IN}"), format!("write: {LEAD_IN}"));
        match lead_paragraph(chapter) {
            None => ctx.report_with_help(
                chapter.span,
                Message::new("术语和定义一章缺少引导语", "the terms chapter has no lead-in"),
                help,
            ),
            Some(block) if classify(ctx.text(block.span)).is_none() => {
                let key = sentence_key(ctx.text(block.span));
                let (zh, en) = if key.contains("术语") && key.contains("适用于") {
                    (
                        "术语和定义的引导语与GB/T 1.1—2020 8.7.2规定的表述不一致",
                        "the terms lead-in differs from the wording of GB/T 1.1-2020 8.7.2",
                    )
                } else {
                    (
                        "术语和定义一章应以规定的引导语开头",
                        "the terms chapter must open with one of the prescribed lead-ins",
                    )
                };
                ctx.report_with_help(block.span, Message::new(zh, en), help);
            }
            Some(_) => {}
        }
    }
}
