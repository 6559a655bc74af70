use super::{masked_provisions, sentences};
use crate::diagnostic::Message;
use crate::rules::lexicon::{Modal, modals_in};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// 尽可能, 尽量 or 考虑 governed by a requirement word (应, 不应, 必须) in the same sentence:
    /// the nearest provision word before the hedge is a requirement. 考虑 alone is reported one
    /// step softer, since “应考虑……” is also read as “shall take into account”.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.2.2: “‘尽可能’‘尽量’‘考虑’（‘优先考虑’‘充分考虑’）以及‘避免’‘慎重’等词语不应该
    /// 与‘应’一起使用表示要求，建议与‘宜’一起使用表示推荐。” A requirement that is only to be met
    /// “as far as possible” cannot be verified; either it is a requirement (drop the hedge) or a
    /// recommendation (宜). 避免 and 慎重 are not looked for: they are often part of a precise
    /// requirement. The rule warns because which provision word governs the hedge is read from
    /// the sentence.
    ///
    /// ## Bad
    /// ```text
    /// 服务机构应尽量减少老年人的等候时间。
    /// ```
    /// ## Good
    /// ```text
    /// 服务机构宜尽量减少老年人的等候时间。
    /// ```
    pub struct HedgedRequirement {
        code: "PV004",
        name: "hedged-requirement",
        family: Provisions,
        severity: Warning,
        clause: "9.4.2.2",
        summary: "尽可能/尽量/考虑 with 应",
    }
}

const HEDGES: &[&str] = &["尽可能", "尽量", "考虑"];

static ANY_HEDGE: std::sync::LazyLock<crate::rules::AnyWord> =
    std::sync::LazyLock::new(|| crate::rules::AnyWord::new(HEDGES));

impl Rule for HedgedRequirement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        if !crate::rules::text_holds_any(ctx.doc, &ANY_HEDGE) {
            return;
        }
        let has_hedge = |text: &str| HEDGES.iter().any(|h| text.contains(h));
        for &(span, ref masked) in masked_provisions(ctx.doc) {
            if !has_hedge(masked) {
                continue;
            }
            for (s_start, s_end) in sentences(masked) {
                let sentence = masked.get(s_start..s_end).unwrap_or_default();
                if !has_hedge(sentence) {
                    continue;
                }
                let modals = modals_in(sentence);
                for hedge in HEDGES {
                    for (at, _) in sentence.match_indices(hedge) {
                        // The provision word that governs the hedge is the nearest one before it.
                        let Some(&(m_start, m_end, modal)) = modals.iter().rev().find(|m| m.1 <= at) else {
                            continue;
                        };
                        if modal != Modal::Requirement {
                            continue;
                        }
                        let modal_word = sentence.get(m_start..m_end).unwrap_or_default();
                        let message = Message::new(
                            format!("“{hedge}”与“{modal_word}”一起使用，要求无法验证；建议改用“宜”或删除“{hedge}”"),
                            format!(
                                "{hedge} is used with {modal_word}, which leaves the requirement unverifiable; consider 宜, or drop {hedge}"
                            ),
                        );
                        let help = Message::new(
                            format!("写为“宜{hedge}……”，或写明须达到的要求"),
                            format!("write “宜{hedge}……” (should), or state the requirement to be met"),
                        );
                        let at_span = Span::new(span.start + s_start + at, span.start + s_start + at + hedge.len());
                        if *hedge == "考虑" {
                            ctx.report_softer(at_span, message, Some(help));
                        } else {
                            ctx.report_with_help(at_span, message, help);
                        }
                    }
                }
            }
        }
    }
}
