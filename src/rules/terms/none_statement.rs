use super::{NONE_STATEMENT, TermsLeadIn, classify, entries, lead_paragraph};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The terms lead-in agrees with the entries: 本文件没有需要界定的术语和定义。 stands alone;
    /// 下列术语和定义适用于本文件。 is followed by at least one entry; a lead-in that only
    /// imports another document's terms has no entries of its own.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.2: each lead-in is used “如果仅该要素界定的术语和定义适用时”, “如果仅其他文件
    /// 中界定的术语和定义适用时” or “如果其他文件以及该要素界定的术语和定义适用时”, and the
    /// none-statement when there is nothing to define. The lead-in says what the chapter holds.
    ///
    /// ## Bad
    /// ```text
    /// 本文件没有需要界定的术语和定义。
    /// 3.1
    /// 服务对象 service recipient
    /// ```
    /// ## Good
    /// ```text
    /// 下列术语和定义适用于本文件。
    /// 3.1
    /// 服务对象 service recipient
    /// ```
    pub struct TermsNone {
        code: "TM002",
        name: "terms-none",
        family: Terms,
        severity: Error,
        clause: "8.7.2",
        summary: "None-statement if and only if there are no entries",
    }
}

impl Rule for TermsNone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(chapter) = ctx.doc.terms_section() else {
            return;
        };
        let count = entries(chapter).len();
        let lead = lead_paragraph(chapter).and_then(|b| classify(ctx.text(b.span)).map(|k| (b.span, k)));
        match lead {
            Some((span, TermsLeadIn::None)) if count > 0 => ctx.report(
                span,
                Message::new(
                    format!("写明“{NONE_STATEMENT}”，但本章有{count}个术语条目"),
                    format!(
                        "the chapter says no term is defined but holds {count} term {}",
                        if count == 1 { "entry" } else { "entries" }
                    ),
                ),
            ),
            Some((span, TermsLeadIn::Local | TermsLeadIn::ImportedAndLocal)) if count == 0 => ctx.report_with_help(
                span,
                Message::new(
                    "引导语称“下列术语和定义适用于本文件”，但本章没有术语条目",
                    "the lead-in announces terms below, but the chapter has no term entry",
                ),
                Message::new(
                    format!("增加术语条目，或写“{NONE_STATEMENT}”"),
                    format!("add term entries, or write “{NONE_STATEMENT}”"),
                ),
            ),
            Some((span, TermsLeadIn::Imported)) if count > 0 => ctx.report_softer(
                span,
                Message::new(
                    "引导语只引用了其他文件界定的术语，但本章还有自己的术语条目",
                    "the lead-in only imports another document's terms, yet the chapter defines its own",
                ),
                Some(Message::new(
                    "写为“……界定的以及下列术语和定义适用于本文件。”",
                    "write “……界定的以及下列术语和定义适用于本文件。”",
                )),
            ),
            None if count == 0 && lead_paragraph(chapter).is_none() => ctx.report_with_help(
                chapter.span,
                Message::new("术语和定义一章是空的", "the terms chapter is empty"),
                Message::new(
                    format!("没有术语时写“{NONE_STATEMENT}”"),
                    format!("write “{NONE_STATEMENT}” when no term is defined"),
                ),
            ),
            _ => {}
        }
    }
}
