use super::{LEAD_IN, LeadIn, lead_ins};
use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Chapter 2 opens with the prescribed lead-in, word for word:
    /// 下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，
    /// 仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.2: “规范性引用文件清单应由以下引导语引出”, followed by this sentence; it
    /// defines how dated and undated references apply. The 2009 lead-in (下列文件对于本文件的应用
    /// 是必不可少的。…) said something different and is reported.
    ///
    /// ## Bad
    /// ```text
    /// 下列文件对于本文件的应用是必不可少的。凡是注日期的引用文件，仅注日期的版本适用于本文件。…
    /// ```
    /// ## Good
    /// The 2020 sentence above, followed by the entries.
    pub struct NormativeReferencesLeadIn {
        code: "RF001",
        name: "normative-references-lead-in",
        family: References,
        severity: Error,
        clause: "8.6.2",
        summary: "The exact chapter 2 lead-in",
    }
}

impl Rule for NormativeReferencesLeadIn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(chapter) = ctx.doc.normative_references() else {
            return;
        };
        let help = Message::new(format!("写为：{LEAD_IN}"), format!("write: {LEAD_IN}"));
        let has_entries = chapter.all_blocks().into_iter().any(|b| matches!(b.kind, BlockKind::Reference { .. }));
        let lead = lead_ins(ctx.doc).into_iter().find_map(|(b, kind)| kind.map(|k| (b, k)));
        match lead {
            Some((_, LeadIn::Current | LeadIn::None)) => {}
            Some((block, LeadIn::Legacy)) => ctx.report_with_help(
                block.span,
                Message::new(
                    "规范性引用文件的引导语是GB/T 1.1—2009（或更早）的写法",
                    "the lead-in is the GB/T 1.1-2009 (or older) wording",
                ),
                help,
            ),
            Some((block, LeadIn::Altered)) => ctx.report_with_help(
                block.span,
                Message::new(
                    "规范性引用文件的引导语与GB/T 1.1—2020 8.6.2规定的表述不一致",
                    "the lead-in differs from the wording of GB/T 1.1-2020 8.6.2",
                ),
                help,
            ),
            None if has_entries => ctx.report_with_help(
                chapter.span,
                Message::new("规范性引用文件一章缺少引导语", "the normative references chapter has no lead-in"),
                help,
            ),
            None => {}
        }
    }
}
