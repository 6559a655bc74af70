use super::{LetterMentions, foreword_region, mentions, region};
use crate::diagnostic::Message;
use crate::model::Obligation;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// A normative annex is cited at least once in a normative form: in a provision such as
    /// `……应符合附录A的规定`, `按附录B给出的方法`, or through one of its parts (`应符合表A.1的规定`,
    /// `按A.2执行`). When every mention outside the annex and the foreword is informative
    /// (`见附录A`) or plain, the annex's requirements bind nobody. An annex mentioned nowhere is
    /// AX003's; mentions of another document's annex (`GB/T 1234—2020附录A`) do not count.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.6.1.2: an annex is normative when it is pointed to “由要求型条款或指示型
    /// 条款”, in a specification standard “由‘按’或‘按照’指明试验方法”, or in a guidance standard
    /// “由推荐型条款”; “其他表述形式指明的附录都属于资料性附录”. An annex marked （规范性） that
    /// only 见 points to is informative in effect. The finding is a warning because the form of a
    /// citation is read from its wording, which can mislead.
    ///
    /// ## Bad
    /// ```text
    /// 附录A（规范性）调解协议书格式
    /// 调解协议书格式见附录A。
    /// ```
    /// ## Good
    /// ```text
    /// 调解组织应按照附录A的规定制作调解协议书。
    /// ```
    pub struct NormativeAnnexCitation {
        code: "AX006",
        name: "normative-annex-citation",
        family: Annexes,
        severity: Warning,
        clause: "9.6.1.2",
        summary: "A normative annex is cited normatively",
    }
}

impl Rule for NormativeAnnexCitation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        if doc.annexes.is_empty() {
            return;
        }
        let foreword = foreword_region(doc);
        let all = mentions(doc);
        let by_letter = LetterMentions::by_letter(&all, true);
        for annex in &doc.annexes {
            if annex.obligation.as_ref().is_none_or(|o| o.obligation != Obligation::Normative) {
                continue;
            }
            let Some(mentions) = by_letter.get(&annex.letter) else { continue };
            let own = region(doc, annex);
            let skipped: Vec<Span> = std::iter::once(own).chain(foreword).collect();
            let Some(first) = mentions.first_outside(&skipped) else { continue };
            let overlap = foreword.map(|f| Span::new(f.start.max(own.start), f.end.min(own.end)));
            let inside = mentions.normative_in(own) + foreword.map_or(0, |f| mentions.normative_in(f))
                - overlap.filter(|o| o.start < o.end).map_or(0, |o| mentions.normative_in(o));
            let normative = mentions.normative() > inside;
            if normative {
                continue;
            }
            ctx.report_with_help(
                first.span,
                Message::new(
                    format!("规范性附录{}在正文中只被资料性地提及，没有条款规范性地引用它", annex.letter),
                    format!("normative annex {} is only mentioned informatively; no provision cites it normatively", annex.letter),
                ),
                Message::new(
                    format!("在条款中写“……应符合附录{}的规定”或“按附录{}……”；若附录只提供信息，将其改为（资料性）", annex.letter, annex.letter),
                    format!("cite it in a provision (“……应符合附录{}的规定”, “按附录{}……”); if it only informs, make it （资料性）", annex.letter, annex.letter),
                ),
            );
        }
    }
}
