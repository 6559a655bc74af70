use super::{char_before, masked_provisions, rest_from};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;
use crate::source::scan::{chars_opening_with, first_bytes_of};

declare_rule! {
    /// ## What it checks
    /// Modal words that Annex C does not list: 应当, 须 (alone: not 必须, which is PV001's, nor
    /// 无须, 毋须, 须知), 务必, 不准 (not 不准许, which Annex C lists, nor 不准确) and 不许.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.1: provisions use “附录C中各表左侧栏中规定的能愿动词或句子语气类型，只有在特殊
    /// 情况下由于语言的原因不能使用左侧栏中给出的能愿动词时，才可使用对应的等效表述”. Table C.1
    /// gives 应/不应 and the equivalents 应该, 只准许, 不应该, 不准许. The words reported here are
    /// in neither column; that they are to be replaced is this checker's reading of 9.1, so the
    /// finding is advice (info). 应当 is the habit of laws and government documents.
    ///
    /// ## Bad
    /// ```text
    /// 调解组织应当建立受理登记制度。
    /// ```
    /// ## Good
    /// ```text
    /// 调解组织应建立受理登记制度。
    /// ```
    pub struct NonstandardModal {
        code: "PV003",
        name: "nonstandard-modal",
        family: Provisions,
        severity: Info,
        clause: "9.1, C.1",
        summary: "应当, 须, 务必, 不准, 不许 instead of 应/不应",
        repeats: Collapse,
    }
}

/// X务 words: in 服务必须 the 务必 is the tail of 服务 followed by 必须.
const BEFORE_WU: &str = "服业事任义财商政税医公家防债劳警党校法实特职总急要内外农教庶机乘港关院村居";

/// X应 words (相应, 适应 …) whose 应 is not a modal.
const YING_WORDS: &str = "相对适供反响回效感呼顺答";

/// The first bytes of 应, 务, 不 and 须: the characters that open none of them (about half of
/// the Han characters, and all punctuation) are passed over without being decoded.
static OPENS_WORD: [bool; 256] = first_bytes_of(&['应', '务', '不', '须']);

/// The nonstandard word starting at `at`, if any, with its replacement.
fn word_at(text: &str, at: usize) -> Option<(&'static str, &'static str)> {
    let rest = rest_from(text, at);
    let before = char_before(text, at);
    if rest.starts_with("应当") {
        // 相应当事人, 适应当地: the 应 ends another word. 应当日完成, 应当场告知: 应 + an adverb.
        let after = rest_from(rest, "应当".len());
        let other_word = before.is_some_and(|c| YING_WORDS.contains(c))
            || after.starts_with(['日', '天', '场', '面', '即', '时', '年', '月', '晚', '地', '众'])
            || after.starts_with("事人");
        return (!other_word).then_some(("应当", "应"));
    }
    if rest.starts_with("务必") {
        let compound = before.is_some_and(|c| BEFORE_WU.contains(c)) || rest_from(rest, "务必".len()).starts_with('须');
        return (!compound).then_some(("务必", "应"));
    }
    if rest.starts_with("不准") {
        let listed = ["不准许", "不准确", "不准时"].iter().any(|w| rest.starts_with(w));
        return (!listed).then_some(("不准", "不应"));
    }
    if rest.starts_with("不许") {
        return (!rest.starts_with("不许可")).then_some(("不许", "不应"));
    }
    if rest.starts_with('须') {
        let after = rest_from(rest, '须'.len_utf8());
        let compound = matches!(before, Some('必' | '无' | '毋' | '勿' | '胡' | '莫'))
            || after.starts_with('知')
            || after.starts_with('臾')
            || after.starts_with('发');
        return (!compound).then_some(("须", "应"));
    }
    None
}

impl Rule for NonstandardModal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &(span, ref masked) in masked_provisions(ctx.doc) {
            let mut skip_to = 0;
            for (at, c) in chars_opening_with(masked, &OPENS_WORD) {
                // Every word below opens with one of these.
                if at < skip_to || !matches!(c, '应' | '务' | '不' | '须') {
                    continue;
                }
                let Some((word, instead)) = word_at(masked, at) else {
                    continue;
                };
                skip_to = at + word.len();
                ctx.report_with_help(
                    Span::new(span.start + at, span.start + at + word.len()),
                    Message::new(
                        format!("“{word}”不是附录C所列的能愿动词，建议使用“{instead}”"),
                        format!("{word} is not among the verbal forms of Annex C; consider {instead}"),
                    ),
                    Message::new(format!("将“{word}”改为“{instead}”"), format!("replace {word} with {instead}")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::word_at;

    fn words(text: &str) -> Vec<&'static str> {
        text.char_indices().filter_map(|(i, _)| word_at(text, i).map(|w| w.0)).collect()
    }

    #[test]
    fn finds_unlisted_forms_and_skips_compounds() {
        assert_eq!(words("调解组织应当建立制度。"), vec!["应当"]);
        assert!(words("助浴服务必须由两人完成。").is_empty());
        assert!(words("无须登记，见服务须知。").is_empty());
        assert!(words("不准许使用；数据不准确。").is_empty());
        assert_eq!(words("各单位务必按时报送，须经批准。"), vec!["务必", "须"]);
        assert!(words("通知相应当事人，应当场告知，适应当地习惯。").is_empty());
        assert_eq!(words("应当事先告知。"), vec!["应当"]);
    }
}
