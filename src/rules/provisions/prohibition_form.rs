use super::{char_before, declares_2009, masked_provisions, rest_from};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// A prohibition written with 不得, 不可, 禁止 or 严禁 instead of 不应. Look-alikes are not
    /// reported: 不可能, 不可靠, 不可抗力, 必不可少, 不可或缺, 不可逆 and other adjectives in 不可…,
    /// 不可抵赖, 不可篡改, 不得不, 不得已, 舍不得, 禁止标志, 禁止信号; nor words inside 《…》 titles
    /// or “…” quotations (a “禁止吸烟” sign), defined terms or the drafter statements.
    ///
    /// ## Why
    /// GB/T 1.1-2020 Table C.1: a prohibition is expressed with 不应 (in special cases 不应该,
    /// 不准许): “不使用‘不可’‘不得’‘禁止’代替‘不应’来表示禁止”. 严禁 is not named there; it is
    /// reported as the same kind of substitute. The 2009 edition still allowed 不得, so 不得 is
    /// accepted in a document that declares drafting to GB/T 1.1—2009.
    ///
    /// ## Bad
    /// ```text
    /// 调解组织不得向当事人收取费用。
    /// ```
    /// ## Good
    /// ```text
    /// 调解组织不应向当事人收取费用。
    /// ```
    pub struct ProhibitionForm {
        code: "PV002",
        name: "prohibition-form",
        family: Provisions,
        severity: Warning,
        clause: "C.1",
        summary: "不得/不可/禁止/严禁 instead of 不应",
    }
}

const WORDS: &[&str] = &["不得", "不可", "禁止", "严禁"];

/// A searcher per word of [`WORDS`], built once: setting up a substring search for every
/// provision that holds 不 cost more than the search.
static FINDERS: std::sync::LazyLock<Vec<(&'static str, memchr::memmem::Finder<'static>)>> =
    std::sync::LazyLock::new(|| WORDS.iter().map(|w| (*w, memchr::memmem::Finder::new(w.as_bytes()))).collect());

/// 不可 + an adjective-forming 可 word: 不可逆, 不可燃 … describe, they do not prohibit.
const AFTER_BU_KE: &[&str] = &[
    "能", "靠", "抗", "或缺", "少", "分", "替代", "逆", "燃", "见", "控", "用", "再生", "回收", "避免", "预见", "预测",
    "预知", "估量", "思议", "接受", "信", "读", "比", "变", "调", "拆", "移动", "压缩", "降解", "溶", "测", "知",
];
/// Nouns that 禁止 qualifies: a sign, a marking, a signal aspect, a kind.
const FORBIDDING_NOUNS: &[&str] = &["标志", "标识", "标牌", "标线", "信号", "性", "类", "令"];

/// X不得 words where 不得 is a verb complement, not a prohibition.
const BEFORE_BU_DE: &str = "舍恨巴怪顾免少要由说记动见晓认";

fn is_prohibition(text: &str, start: usize, word: &str) -> bool {
    let after = rest_from(text, start + word.len());
    match word {
        "不可" => {
            // 不可用 is an adjective (不可用状态), 不可用于 a prohibition.
            let adjective = AFTER_BU_KE.iter().any(|w| after.starts_with(w))
                && !["用于", "用来", "用作", "见人"].iter().any(|w| after.starts_with(w));
            !adjective && char_before(text, start) != Some('必')
        }
        "不得" => {
            let complement = after.starts_with(['不', '已', '了'])
                || char_before(text, start).is_some_and(|c| BEFORE_BU_DE.contains(c));
            !complement
        }
        // 禁止标志, 禁止信号: the name of a sign or a signal aspect, not a prohibition.
        "禁止" => !FORBIDDING_NOUNS.iter().any(|n| after.starts_with(n)),
        _ => true,
    }
}

impl Rule for ProhibitionForm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let allow_bu_de = declares_2009(ctx.doc);
        for &(span, ref masked) in masked_provisions(ctx.doc) {
            // Every word opens with 不, 禁 or 严: each looked for alone (memchr on its last
            // byte), which passes over a provision faster than decoding every character.
            if !(masked.contains('不') || masked.contains('禁') || masked.contains('严')) {
                continue;
            }
            let mut hits: Vec<(usize, &str)> = FINDERS
                .iter()
                .filter(|(w, _)| !(allow_bu_de && *w == "不得"))
                .flat_map(|(w, finder)| finder.find_iter(masked.as_bytes()).map(|i| (i, *w)))
                .filter(|(i, w)| is_prohibition(masked, *i, w))
                .collect();
            hits.sort_unstable();
            for (at, word) in hits {
                ctx.report_with_help(
                    Span::new(span.start + at, span.start + at + word.len()),
                    Message::new(
                        format!("禁止性要求应使用“不应”，不使用“{word}”"),
                        format!("{word} expresses a prohibition; GB/T 1.1 uses 不应 (shall not)"),
                    ),
                    Message::new(format!("将“{word}”改为“不应”"), format!("replace {word} with 不应")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_prohibition;

    fn hit(text: &str, word: &str) -> bool {
        text.find(word).is_some_and(|i| is_prohibition(text, i, word))
    }

    #[test]
    fn lookalikes_are_not_prohibitions() {
        assert!(!hit("构成本文件必不可少的条款", "不可"));
        assert!(!hit("不可抗力", "不可"));
        assert!(!hit("不可逆的损伤", "不可"));
        assert!(!hit("不得不暂停服务", "不得"));
        assert!(!hit("舍不得", "不得"));
        assert!(!hit("设置禁止标志", "禁止"));
        assert!(!hit("将始端信号机置为禁止信号", "禁止"));
        assert!(hit("不可使用明火", "不可"));
        assert!(hit("不可用于食品包装", "不可"));
        assert!(hit("不得收取费用", "不得"));
        assert!(hit("禁止使用明火", "禁止"));
    }
}
