use super::{masked_provisions, requirements, sentences};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// A requirement (应, 不应, 必须) weakened by 原则上, or by 通常/一般 used as an adverb: right
    /// before the requirement word (一般应, 通常不应, 一般均应) or as 一般情况下, 一般来说,
    /// 通常情况下 in the same sentence. 一般 as an adjective (一般要求, 一般事故) is not reported.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.2.3: “‘通常’‘一般’‘原则上’不应该与‘应’‘不应’一起使用表示要求，可与‘宜’‘不宜’一起
    /// 使用表示推荐。” “一般应……” leaves open when the requirement does not apply, so it cannot
    /// be checked. Either state the requirement (应), state its condition as 9.4.2.4 allows
    /// (“……情况下应……”, “只有/仅在……时，才应……”), or make it a recommendation (宜).
    ///
    /// ## Bad
    /// ```text
    /// 投诉一般应在3个工作日内办结。
    /// ```
    /// ## Good
    /// ```text
    /// 投诉应在3个工作日内办结。
    /// ```
    pub struct VagueRequirement {
        code: "PV005",
        name: "vague-requirement",
        family: Provisions,
        severity: Warning,
        clause: "9.4.2.3",
        summary: "通常/一般/原则上 with 应/不应",
    }
}

/// Adverbial phrases that weaken any requirement of their sentence.
const PHRASES: &[&str] = &["原则上", "一般情况下", "一般来说", "一般而言", "通常情况下", "通常来说", "通常而言"];
/// Words that may stand between 一般/通常 and the requirement word: 一般均应, 通常都不应.
const BETWEEN: &[&str] = &["均", "都", "也", "还", ""];

/// The words that weaken a requirement.
const WEAKENERS: &[&str] = &["一般", "通常", "原则上"];

static ANY_WEAKENER: std::sync::LazyLock<crate::rules::AnyWord> =
    std::sync::LazyLock::new(|| crate::rules::AnyWord::new(WEAKENERS));

/// True when `text` holds 原则上, 一般 or 通常, which every weakening word holds.
fn has_weakener(text: &str) -> bool {
    WEAKENERS.iter().any(|w| text.contains(w))
}

/// Byte ranges (relative to `sentence`) of the weakening words in a sentence with a requirement.
fn vague_words(sentence: &str) -> Vec<(usize, usize)> {
    if !has_weakener(sentence) {
        return Vec::new();
    }
    let required = requirements(sentence);
    if required.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize)> = Vec::new();
    for phrase in PHRASES {
        found.extend(sentence.match_indices(phrase).map(|(i, p)| (i, i + p.len())));
    }
    for word in ["一般", "通常"] {
        for (at, _) in sentence.match_indices(word) {
            if found.iter().any(|&(s, e)| s <= at && at < e) {
                continue;
            }
            let after = sentence.get(at + word.len()..).unwrap_or_default();
            let adverb = BETWEEN.iter().any(|b| {
                let gap = b.len();
                after.starts_with(b) && required.iter().any(|&(s, _)| s == at + word.len() + gap)
            });
            if adverb {
                found.push((at, at + word.len()));
            }
        }
    }
    found.sort_unstable();
    found
}

impl Rule for VagueRequirement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        if !crate::rules::text_holds_any(ctx.doc, &ANY_WEAKENER) {
            return;
        }
        for &(span, ref masked) in masked_provisions(ctx.doc) {
            if !has_weakener(masked) {
                continue;
            }
            for (s_start, s_end) in sentences(masked) {
                let sentence = masked.get(s_start..s_end).unwrap_or_default();
                for (start, end) in vague_words(sentence) {
                    let word = sentence.get(start..end).unwrap_or_default();
                    ctx.report_with_help(
                        Span::new(span.start + s_start + start, span.start + s_start + end),
                        Message::new(
                            format!("要求型条款中使用了“{word}”，要求的适用情形不明确"),
                            format!("{word} in a requirement leaves open when the requirement applies"),
                        ),
                        Message::new(
                            format!("删除“{word}”并写明例外情形，或改用“宜”"),
                            format!("drop {word} and state the exceptions, or use 宜 (should)"),
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::vague_words;

    fn words(text: &str) -> Vec<&str> {
        vague_words(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn adverbs_not_adjectives() {
        assert_eq!(words("投诉一般应在3个工作日内办结。"), vec!["一般"]);
        assert_eq!(words("一般情况下，服务人员应陪同。"), vec!["一般情况下"]);
        assert_eq!(words("原则上不应加收费用。"), vec!["原则上"]);
        assert!(words("一般要求应符合第4章的规定。").is_empty());
        assert!(words("一般宜在上午进行。").is_empty());
        assert!(words("发生一般事故时，服务机构应报告。").is_empty());
    }
}
