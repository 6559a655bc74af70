use super::{LetterMentions, mentions, region};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every annex is mentioned somewhere outside itself — the foreword, the body, another annex,
    /// a table cell — as 附录X or through one of its parts (`见X.1`, `表X.1`, `图X.2`,
    /// `公式(X.1)`). The annex heading and the 目次 do not count, nor do another document's
    /// annexes (`GB 31654—2021表1和附录A`).
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.6.1.2: “在将正文、前言或引言的内容移到附录之处还应通过使用适当的表述形式
    /// 予以指明，同时提及该附录的编号。” An annex nobody points to is either forgotten or
    /// superfluous. The finding is a warning rather than an error because a mention can take a
    /// form the checker does not read (inside a figure, or in words only).
    ///
    /// ## Bad
    /// ```text
    /// 附录A（资料性）服务记录表示例    （正文从未提及附录A）
    /// ```
    /// ## Good
    /// ```text
    /// 服务记录宜采用附录A给出的格式。
    /// ```
    pub struct AnnexNotCited {
        code: "AX003",
        name: "annex-not-cited",
        family: Annexes,
        severity: Warning,
        clause: "9.6.1.2",
        summary: "Every annex is cited in the text",
    }
}

impl Rule for AnnexNotCited {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        if doc.annexes.is_empty() {
            return;
        }
        let all = mentions(doc);
        let by_letter = LetterMentions::by_letter(&all, true);
        for annex in &doc.annexes {
            let own = region(doc, annex);
            if by_letter.get(&annex.letter).and_then(|m| m.first_outside(&[own])).is_some() {
                continue;
            }
            ctx.report_with_help(
                annex.declared.span,
                Message::new(
                    format!("附录{}在正文中没有被提及", annex.letter),
                    format!("annex {} is not mentioned anywhere in the text", annex.letter),
                ),
                Message::new(
                    format!(
                        "在相关条款中提及“附录{}”（如“……应符合附录{}的规定”或“见附录{}”）",
                        annex.letter, annex.letter, annex.letter
                    ),
                    format!(
                        "mention “附录{}” where it applies (e.g. “……应符合附录{}的规定” or “见附录{}”)",
                        annex.letter, annex.letter, annex.letter
                    ),
                ),
            );
        }
    }
}
