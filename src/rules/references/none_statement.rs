use super::{LeadIn, NONE_STATEMENT, lead_ins};
use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Chapter 2 holds either the lead-in and at least one entry, or the none-statement
    /// 本文件没有规范性引用文件。 alone: never both, never neither.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.2: the list “应由以下引导语引出”, and “如果不存在规范性引用文件，应在章
    /// 标题下给出以下说明：‘本文件没有规范性引用文件。’” A lead-in with no entries, or “no
    /// references” above a list, tells the reader two different things.
    ///
    /// ## Bad
    /// ```text
    /// 2 规范性引用文件
    /// 下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。…
    /// 3 术语和定义
    /// ```
    /// ## Good
    /// ```text
    /// 2 规范性引用文件
    /// 本文件没有规范性引用文件。
    /// ```
    pub struct NormativeReferencesNone {
        code: "RF002",
        name: "normative-references-none",
        family: References,
        severity: Error,
        clause: "8.6.2",
        summary: "None-statement if and only if there are no entries",
    }
}

impl Rule for NormativeReferencesNone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(chapter) = ctx.doc.normative_references() else {
            return;
        };
        let entries =
            chapter.all_blocks().into_iter().filter(|b| matches!(b.kind, BlockKind::Reference { .. })).count();
        let kinds: Vec<(crate::source::Span, LeadIn)> =
            lead_ins(ctx.doc).into_iter().filter_map(|(b, kind)| kind.map(|k| (b.span, k))).collect();
        let none_statement = kinds.iter().find(|(_, k)| *k == LeadIn::None);
        let lead_in = kinds.iter().find(|(_, k)| *k != LeadIn::None);
        match (none_statement, entries) {
            (Some((span, _)), n) if n > 0 => ctx.report(
                *span,
                Message::new(
                    format!("写明“本文件没有规范性引用文件。”，但本章列出了{n}个引用文件"),
                    format!(
                        "the chapter says there are no normative references but lists {n} {}",
                        if n == 1 { "document" } else { "documents" }
                    ),
                ),
            ),
            (None, 0) => {
                let span = lead_in.map_or(chapter.span, |(s, _)| *s);
                ctx.report_with_help(
                    span,
                    Message::new(
                        "规范性引用文件一章没有列出任何文件",
                        "the normative references chapter lists no document",
                    ),
                    Message::new(
                        format!("列出引用文件，或只写“{NONE_STATEMENT}”"),
                        format!("list the referenced documents, or write only “{NONE_STATEMENT}”"),
                    ),
                );
            }
            _ => {}
        }
    }
}
