use super::{is_symbols_lead_in, symbol_clauses};
use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A chapter or clause titled 符号, 缩略语, 符号和缩略语 (or 代号 …) opens with the
    /// lead-in 下列符号适用于本文件。 / 下列缩略语适用于本文件。 / 下列符号和缩略语适用于本文件。
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.8.2: “符号和/或缩略语清单应分别由下列适当的引导语引出”: the three sentences
    /// above. Like the terms lead-in, it says the list applies to this document. Which chapter is
    /// a symbols list is read from its title, so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 4 缩略语
    /// DRM：数字版权保护（Digital Rights Management）
    /// ```
    /// ## Good
    /// ```text
    /// 4 缩略语
    /// 下列缩略语适用于本文件。
    /// DRM：数字版权保护（Digital Rights Management）
    /// ```
    pub struct SymbolsLeadIn {
        code: "TM010",
        name: "symbols-lead-in",
        family: Terms,
        severity: Warning,
        clause: "8.8.2",
        summary: "下列符号/缩略语/符号和缩略语适用于本文件。",
    }
}

impl Rule for SymbolsLeadIn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        // In a combined chapter 3 (术语和缩略语), the chapter's own lead-in may announce the
        // abbreviations too: `下列术语和缩略语适用于本文件。` covers 3.2 缩略语.
        let chapter_lead_in = ctx.doc.terms_chapter().and_then(|c| {
            let lead = super::lead_paragraph(c)?;
            Some((c.number.parts.first().copied(), crate::model::compact(ctx.text(lead.span))))
        });
        for clause in symbol_clauses(ctx.doc) {
            let title = crate::model::compact(clause.title_text());
            let covered = chapter_lead_in.as_ref().is_some_and(|(chapter, lead)| {
                clause.number.depth() > 1
                    && clause.number.annex.is_none()
                    && clause.number.parts.first().copied() == *chapter
                    && ["缩略语", "符号", "代号"].iter().any(|w| title.contains(w) && lead.contains(w))
                    && lead.contains("适用于")
            });
            if covered {
                continue;
            }
            let expected = format!("下列{title}适用于本文件。");
            let help = Message::new(format!("写为：{expected}"), format!("write: {expected}"));
            let first = clause.blocks.iter().find(|b| !matches!(b.kind, BlockKind::Note { .. }));
            match first {
                Some(block) if is_symbols_lead_in(ctx.text(block.span)) => {}
                Some(block)
                    if matches!(block.kind, BlockKind::Paragraph) && ctx.text(block.span).contains("适用于") =>
                {
                    ctx.report_with_help(
                        block.span,
                        Message::new(
                            "符号和缩略语的引导语与GB/T 1.1—2020 8.8.2规定的表述不一致",
                            "the lead-in of the symbols list differs from the wording of GB/T 1.1-2020 8.8.2",
                        ),
                        help,
                    );
                }
                Some(_) => ctx.report_with_help(
                    clause.span,
                    Message::new(
                        format!("“{}”一章（条）缺少引导语", clause.title_text()),
                        format!("the list “{}” has no lead-in", clause.title_text()),
                    ),
                    help,
                ),
                None => {}
            }
        }
    }
}
