use super::{foreword_region, mentions, region, within};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Annexes are lettered in the order the text first mentions them: the first annex the body
    /// cites is A, the next new one B … Mentions inside an annex's own text do not count, nor
    /// does the foreword, whose change list follows the order of the changes.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.6.2: “附录的顺序取决于其被移作附录之前所处位置的前后顺序。” The checker
    /// cannot see where the content stood before it was moved; the place where the text points
    /// to each annex usually is that place, so the first mention stands in for it. That is a
    /// proxy, so the finding is a warning: an annex mentioned early only in passing can be
    /// right where it is.
    ///
    /// ## Bad
    /// ```text
    /// 5.1 … 见附录B。
    /// 6.2 … 应符合附录A的规定。
    /// ```
    /// ## Good
    /// ```text
    /// 5.1 … 见附录A。
    /// 6.2 … 应符合附录B的规定。
    /// ```
    pub struct AnnexOrder {
        code: "AX005",
        name: "annex-order",
        family: Annexes,
        severity: Warning,
        clause: "9.6.2",
        summary: "Annexes in the order their content stood in the text (first citation as the guide)",
    }
}

impl Rule for AnnexOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let foreword = foreword_region(doc);
        let all = mentions(doc);
        // (letter, first mention) for each annex that is mentioned, in annex order.
        let mut firsts: Vec<(char, usize)> = Vec::new();
        for annex in &doc.annexes {
            let own = region(doc, annex);
            let first = all
                .iter()
                .filter(|m| m.letter == annex.letter && !m.part && !within(own, m.span.start))
                .filter(|m| !foreword.is_some_and(|f| within(f, m.span.start)))
                .map(|m| m.span.start)
                .min();
            if let Some(first) = first {
                firsts.push((annex.letter, first));
            }
        }
        for (i, (letter, at)) in firsts.iter().enumerate() {
            let later = firsts.get(..i).unwrap_or_default().iter().find(|(_, earlier_at)| earlier_at > at);
            let Some((earlier_letter, _)) = later else { continue };
            let Some(m) = all.iter().find(|m| m.span.start == *at && !m.part) else { continue };
            ctx.report_with_help(
                m.span,
                Message::new(
                    format!("附录{letter}在附录{earlier_letter}之前被首次提及；附录的顺序取决于其内容移作附录之前所处位置的先后"),
                    format!("annex {letter} is first mentioned before annex {earlier_letter}; annexes follow the order in which their content stood in the text"),
                ),
                Message::new(
                    "若附录内容在正文中的位置也是如此，调整附录的顺序和编号",
                    "if their content stood in that order too, reorder and reletter the annexes",
                ),
            );
        }
    }
}
