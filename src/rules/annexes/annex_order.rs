use super::{LetterMentions, Mention, foreword_region, mentions, region};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

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
        if doc.annexes.is_empty() {
            return;
        }
        let foreword = foreword_region(doc);
        let all = mentions(doc);
        let by_letter = LetterMentions::by_letter(&all, false);
        // The first mention (not through a part) of each annex that is mentioned, in annex order.
        let mut firsts: Vec<(char, &Mention)> = Vec::new();
        for annex in &doc.annexes {
            let skipped: Vec<Span> = std::iter::once(region(doc, annex)).chain(foreword).collect();
            if let Some(first) = by_letter.get(&annex.letter).and_then(|m| m.first_outside(&skipped)) {
                firsts.push((annex.letter, first));
            }
        }
        // The furthest first mention so far: the first earlier annex mentioned after this one's
        // first mention is where that reaches past it (a binary search, where comparing each
        // annex with every earlier one was quadratic in the annexes).
        let reach: Vec<usize> = firsts
            .iter()
            .scan(0, |furthest, &(_, m)| {
                *furthest = m.span.start.max(*furthest);
                Some(*furthest)
            })
            .collect();
        for (i, &(letter, m)) in firsts.iter().enumerate() {
            let at = m.span.start;
            let earlier = reach.get(..i).unwrap_or_default().partition_point(|&furthest| furthest <= at);
            let Some((earlier_letter, _)) = firsts.get(..i).unwrap_or_default().get(earlier) else { continue };
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
