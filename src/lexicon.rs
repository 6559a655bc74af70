//! The provision vocabulary of GB/T 1.1-2020 Annex C, with the words that merely contain a modal
//! character (应用, 适宜, 可靠 …) masked out before scanning.

use crate::hash::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modal {
    /// 应, 不应, 应该, 必须 …: a requirement.
    Requirement,
    /// 宜, 不宜: a recommendation.
    Recommendation,
    /// 可, 不必, 可以: a permission.
    Permission,
}

/// Words that contain 应/宜/可 without being a provision. They are matched leftmost-longest
/// over the whole text (see [`mask_words`]), so 相应对策 is 相应 + 对策, never 应对.
const EXCLUSIONS: &[&str] = &[
    // 必须 in the name of a principle (the least-privilege principle), not a requirement.
    "最小必须原则",
    "最小必须",
    // 应
    "应用",
    "应急",
    "应对",
    "响应",
    "相应",
    "对应",
    "适应",
    "反应",
    "供应",
    "应答",
    "应聘",
    "效应",
    "感应",
    "呼应",
    "理应",
    "应变",
    "应力",
    "回应",
    "应收",
    "应付",
    "应届",
    "应邀",
    "应诉",
    "应激",
    "应酬",
    "顺应",
    "内应",
    "答应",
    "照应",
    "策应",
    "因应",
    "报应",
    "应接不暇",
    // 宜
    "适宜",
    "便宜",
    "事宜",
    "宜居",
    "权宜",
    "合宜",
    "得宜",
    "时宜",
    "相宜",
    "机宜",
    "宜人",
    // 可: words, and the “-able” adjectives of technical texts (可信计算, 可验证凭证) that are
    // seldom a permission + verb (可配置, 可执行, 可解释 often are, and are left out)
    "可能",
    "可靠",
    "可见",
    "可行",
    "认可",
    "许可",
    "可视",
    "可燃",
    "可控",
    "可追溯",
    "可再生",
    "可回收",
    "可及",
    "可达",
    "可用",
    "可操作",
    "不可抗力",
    "可持续",
    "可信",
    "可读",
    "可比",
    "可选",
    "可疑",
    "可逆",
    "可变",
    "可调",
    "可溯",
    "可接受",
    "可观",
    "可爱",
    "可惜",
    "可怕",
    "可笑",
    "可口",
    "可谓",
    "宁可",
    "不可或缺",
    "尚可",
    "即可",
    "可以说",
    "不必要",
    "可验证",
    "可编程",
    "可扩展",
    "可移植",
    "可维护",
    "可审计",
    "可量化",
    "可度量",
    "可计量",
    "可识别",
    "可预测",
    "可交互",
    "可互操作",
    "可穿戴",
    "可折叠",
    "可伸缩",
    "可插拔",
    "可降解",
    "可溶",
    "可吸入",
    "可拆卸",
    "可否",
    "不可抵赖",
    "不可篡改",
    "不可伪造",
    "不可否认",
    "不可分割",
    "不可替代",
    "不可避免",
];

/// Phrases that open with a look-alike but read as a provision word + verb: 应收集 is 应 +
/// 收集, not 应收 + 集. Being longer, they win the leftmost-longest match and are not masked.
const PROVISION_PHRASES: &[&str] = &[
    "应变更",
    "应变动",
    "应收集",
    "应收取",
    "应收回",
    "应收录",
    "应答复",
    "应力求",
    "应付清",
    "可行使",
    "可比照",
    "可选择",
    "可选用",
    "可调整",
    "可调用",
    "可变更",
    "可视为",
    "可及时",
    "可读取",
];

/// Characters that, right after 应/宜/可, start the verb phrase of a provision (应在市…, 可由县…,
/// 应当区分…) or a common word with 市/县/区/省 (超市, 节省, 社区, 分区). The second character
/// of a place name (宜宾市, 宜昌市, 宜阳县) is none of them.
const NOT_IN_PLACE_NAMES: &str = "当以本采向经报的节上辖选设社用按急将对在占与跨比凭由于从为把及给到至让使被请建做配具有是能作\
    交送去来入划分属归纳接保提开组派含达获覆逐各全该每其此另再先后也均还即须需要予加进实落制填出下市县区省郊山新老小园\
    景街片禁专校厂营矿库展灾湾游超门夜集股外反地养";

/// The administrative units a place name ends with.
const PLACE_SUFFIXES: &[char] = &['市', '县', '区', '省'];

/// Words a place suffix starts (市场, 区域): 可开市场 names no place.
const SUFFIX_WORDS: &[&str] = &["市场", "区域", "区分", "区别", "区间", "区块", "省略", "县域"];

/// Numerals, which start a word of their own before 性 (一次性, 两重性).
const NUMERALS: &[char] = &['一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '多', '几', '单', '双'];

/// What follows 性 where 可…性 is no noun (可提高性能, 可按性别).
const NOT_AFTER_XING: &[char] = &['能', '别', '质', '格', '价', '状', '命', '情', '向'];

/// Verbs after which 应对 is the modal 应 + the preposition 对 (应对设施进行检查), not the verb
/// 应对 (to cope with).
const AFTER_YING_DUI: &[&str] = &["进行", "开展", "实施", "予以", "做好", "作出", "建立", "定期"];

/// The look-alike words of the lexicon.
static LOOKALIKES: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(EXCLUSIONS.iter().map(|w| (*w).to_owned())));

/// What may open a masked word when a document defines no terms: the look-alikes' first
/// characters and 应/宜/可 (a place name, a 可…性 noun).
static LOOKALIKE_OPENERS: LazyLock<CharSet> = LazyLock::new(|| {
    let mut openers = CharSet::default().union(&LOOKALIKES.first_chars);
    for c in ['应', '宜', '可'] {
        openers.insert(c);
    }
    openers
});

/// The provision phrases that a look-alike opens.
static PHRASES: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PROVISION_PHRASES.iter().map(|w| (*w).to_owned())));

/// Words to mask. The longest word opening a position is one anchored search of an automaton
/// over all the words, after a lookup of the position's first character (most characters open
/// none): a pass over the words that share a first character would make a terms chapter of
/// thousands of entries (服务术语1, 服务术语2, …) cost terms × text.
#[derive(Debug, Default)]
pub struct WordSet {
    first_chars: CharSet,
    /// What may open a word [`mask_words`] blanks when this set is its `defined` words: these
    /// words' first characters, the look-alikes' and 应/宜/可; built on the first masking.
    mask_openers: std::sync::OnceLock<CharSet>,
    /// The words themselves while they are few: comparing each costs less than building an
    /// automaton, which most documents (a dozen terms) would pay for once each.
    few: Vec<String>,
    automaton: Option<AhoCorasick>,
    /// The first two characters of every word, when every word has two or more: a position
    /// whose two do not open a word is passed over without a search (the look-alikes' first
    /// characters — 相, 适, 供 … — open far more text than the words do).
    openings: Option<PairFilter>,
}

/// Pairs of characters as bits of a table addressed by a hash of the pair. Two pairs may share
/// a bit, so a set bit only sends a position on to the exact comparison; a clear bit rules it
/// out. Hashing a pair into a `HashSet` cost more than the rest of the look-up.
#[derive(Debug)]
struct PairFilter {
    bits: Vec<u64>,
}

/// 2^14 bits (2 KB): the look-alikes fill a few hundred, a terms chapter of thousands of
/// entries a few thousand, and what a collision costs is one exact comparison.
const PAIR_FILTER_BITS: u32 = 14;

impl PairFilter {
    fn slot(first: char, second: char) -> usize {
        let mixed = (first as u32).wrapping_mul(0x9E37_79B1) ^ (second as u32);
        (mixed.wrapping_mul(0x85EB_CA6B) >> (32 - PAIR_FILTER_BITS)) as usize
    }

    fn new(pairs: impl IntoIterator<Item = (char, char)>) -> Self {
        let mut bits = vec![0u64; (1 << PAIR_FILTER_BITS) / 64];
        for (first, second) in pairs {
            let slot = Self::slot(first, second);
            if let Some(word) = bits.get_mut(slot / 64) {
                *word |= 1 << (slot % 64);
            }
        }
        PairFilter { bits }
    }

    fn may_hold(&self, first: char, second: char) -> bool {
        let slot = Self::slot(first, second);
        self.bits.get(slot / 64).is_some_and(|word| word & (1 << (slot % 64)) != 0)
    }
}

/// Up to this many words a set compares them one by one; more get an automaton, so that a
/// terms chapter of thousands of entries costs no more per position than a short one.
const FEW_WORDS: usize = 32;

/// A set of characters whose membership test is one bit look-up for the Basic Multilingual
/// Plane: the masking asks it at every character of every provision, where hashing each
/// character cost more than all the rest of the scan.
#[derive(Debug, Default)]
struct CharSet {
    /// One bit per BMP character; empty while the set holds none.
    bmp: Vec<u64>,
    others: HashSet<char>,
}

impl CharSet {
    /// The characters of both sets.
    fn union(&self, other: &CharSet) -> CharSet {
        let (longer, shorter) = if self.bmp.len() >= other.bmp.len() { (self, other) } else { (other, self) };
        let mut bmp = longer.bmp.clone();
        for (word, extra) in bmp.iter_mut().zip(&shorter.bmp) {
            *word |= extra;
        }
        CharSet { bmp, others: self.others.union(&other.others).copied().collect() }
    }

    fn is_empty(&self) -> bool {
        self.bmp.is_empty() && self.others.is_empty()
    }

    fn insert(&mut self, c: char) {
        let code = c as usize;
        if code < 0x1_0000 {
            if self.bmp.is_empty() {
                self.bmp = vec![0; 0x1_0000 / 64];
            }
            if let Some(word) = self.bmp.get_mut(code / 64) {
                *word |= 1 << (code % 64);
            }
        } else {
            self.others.insert(c);
        }
    }

    fn contains(&self, c: char) -> bool {
        self.contains_code(c as u32)
    }

    /// [`contains`](Self::contains) for a code point decoded by [`crate::source::scan::decode_at`].
    fn contains_code(&self, code: u32) -> bool {
        let code = code as usize;
        if code < 0x1_0000 {
            self.bmp.get(code / 64).is_some_and(|word| word & (1 << (code % 64)) != 0)
        } else {
            !self.others.is_empty() && char::from_u32(code as u32).is_some_and(|c| self.others.contains(&c))
        }
    }
}

impl WordSet {
    pub fn new(words: impl IntoIterator<Item = String>) -> Self {
        let mut words: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words.dedup();
        let mut first_chars = CharSet::default();
        for first in words.iter().filter_map(|w| w.chars().next()) {
            first_chars.insert(first);
        }
        let openings = words
            .iter()
            .map(|w| {
                let mut chars = w.chars();
                chars.next().zip(chars.next())
            })
            .collect::<Option<Vec<(char, char)>>>()
            .map(PairFilter::new);
        if words.len() <= FEW_WORDS {
            return WordSet {
                first_chars,
                mask_openers: std::sync::OnceLock::new(),
                few: words,
                automaton: None,
                openings,
            };
        }
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&words)
            .ok();
        WordSet { first_chars, mask_openers: std::sync::OnceLock::new(), few: Vec::new(), automaton, openings }
    }

    /// True when some word of the set opens with `c`.
    fn may_start(&self, c: char) -> bool {
        self.first_chars.contains(c)
    }

    /// The length of the longest word that opens `rest`.
    fn longest_at(&self, rest: &str) -> Option<usize> {
        let mut chars = rest.chars();
        let first = chars.next()?;
        if !self.may_start(first) {
            return None;
        }
        if let Some(openings) = &self.openings {
            if !openings.may_hold(first, chars.next()?) {
                return None;
            }
        }
        match &self.automaton {
            Some(automaton) => Some(automaton.find(Input::new(rest).anchored(Anchored::Yes))?.end()),
            None => self.few.iter().filter(|w| rest.starts_with(w.as_str())).map(String::len).max(),
        }
    }
}

/// Finds provision words in `text`; returns byte ranges relative to `text`. Only the lexicon
/// is applied: rules that read a document's provisions use
/// [`ProvisionMask`](crate::rules::provision_mask::ProvisionMask), which also masks quotations,
/// defined terms and the drafter statements.
pub fn find_modals(text: &str) -> Vec<(usize, usize, Modal)> {
    // Masking only blanks text out: without a provision character there is nothing to find.
    if !text.contains(['应', '宜', '可', '必']) {
        return Vec::new();
    }
    modals_in(&mask_words(text, &WordSet::default()))
}

/// The provision words of a text whose look-alikes are already masked.
pub fn modals_in(masked: &str) -> Vec<(usize, usize, Modal)> {
    let mut out = Vec::new();
    // The end of the last word: 必须 is one word, its 须 no start of another.
    let mut skip_to = 0;
    for (i, c) in crate::source::scan::chars_opening_with(masked, &OPENS_MODAL) {
        if i < skip_to {
            continue;
        }
        let modal = match c {
            '应' => Modal::Requirement,
            '宜' => Modal::Recommendation,
            '可' => Modal::Permission,
            '必' if masked.get(i..).is_some_and(|s| s.starts_with("必须")) => Modal::Requirement,
            '必' if masked.get(..i).is_some_and(|s| s.ends_with('不')) => Modal::Permission,
            _ => continue,
        };
        let mut end = i + c.len_utf8();
        // 不应 / 不宜 / 不必: include the negation so the underline covers the whole word.
        let start = if masked.get(..i).is_some_and(|s| s.ends_with('不')) { i - '不'.len_utf8() } else { i };
        if c == '必' && modal == Modal::Requirement {
            end = i + "必须".len();
            skip_to = end;
        }
        out.push((start, end, modal));
    }
    out
}

/// The first byte of 应, 宜, 可 and 必 (one and the same, E5): most characters of a provision
/// are passed over without being decoded.
static OPENS_MODAL: [bool; 256] = crate::source::scan::first_bytes_of(&['应', '宜', '可', '必']);

/// `text` with every word that merely contains 应/宜/可 blanked out (see [`blank`]): the
/// lexicon, the `defined` words (a document's terms), place names (宜宾市) and 可…性 nouns
/// (可用性, 可扩展性). Matching is leftmost-longest over the whole text, so a word never
/// starts inside another one. Offsets into the result are offsets into `text`.
pub fn mask_words(text: &str, defined: &WordSet) -> String {
    let lookalikes: &WordSet = &LOOKALIKES;
    // One look-up per character instead of three: the characters that may open a masked word.
    let openers = if defined.first_chars.is_empty() {
        &*LOOKALIKE_OPENERS
    } else {
        defined.mask_openers.get_or_init(|| LOOKALIKE_OPENERS.union(&defined.first_chars))
    };
    let mut out = String::with_capacity(text.len());
    // The end of the last masked word: no word starts inside it.
    let mut masked_to = 0;
    // Text before this offset is in `out`: runs that open no word are copied whole.
    let mut copied = 0;
    let bytes = text.as_bytes();
    let mut next = 0;
    // The characters are decoded here, from bytes known to be UTF-8, and a masked word is
    // stepped over whole: this loop visits every character of every provision.
    while let Some(&lead) = bytes.get(next) {
        let at = next;
        let (code, len) = crate::source::scan::decode_at(bytes, at, lead);
        next = at + len;
        // Only a look-alike, a defined term or 应/宜/可 (a place name, a 可…性 noun) can be
        // masked here; a phrase only ever keeps one of those.
        if at < masked_to || !openers.contains_code(code) {
            continue;
        }
        let Some(c) = char::from_u32(code) else { continue };
        let rest = text.get(at..).unwrap_or_default();
        let listed = lookalikes.longest_at(rest);
        let term = defined.longest_at(rest);
        let general = match c {
            '应' | '宜' | '可' => place_name(rest).or_else(|| able_noun(rest)),
            _ => None,
        };
        let longest = [listed, term, general].into_iter().flatten().max();
        let len = match longest {
            // 应收集: a provision word and its verb.
            Some(len) if PHRASES.longest_at(rest).is_some_and(|p| p > len) => None,
            // 应对 followed by the verb of a requirement is 应 + 对 (应对设施进行检查).
            Some(len) if rest.get(..len) == Some("应对") && requires_after_ying_dui(rest) => None,
            other => other,
        };
        if let Some(word) = len.and_then(|len| rest.get(..len)) {
            out.push_str(text.get(copied..at).unwrap_or_default());
            blank(word, &mut out);
            masked_to = at + word.len();
            copied = masked_to;
            next = masked_to;
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// Pushes `text` blanked out byte for byte: a three-byte character (every CJK one) becomes 〇,
/// any other as many spaces as it has bytes, so offsets stay those of the original.
pub fn blank(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.len_utf8() == '〇'.len_utf8() {
            out.push('〇');
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
}

/// True when the clause after 应对 goes on with the verb of a requirement.
fn requires_after_ying_dui(rest: &str) -> bool {
    let after: String = rest.get("应对".len()..).unwrap_or_default().chars().take(20).collect();
    let clause = after.split(['，', '。', '；', '：']).next().unwrap_or_default();
    AFTER_YING_DUI.iter().any(|v| clause.contains(v))
}

/// The length of a place name that opens `rest` with 宜/应/可 (宜宾市, 宜昌市, 宜阳县): one
/// more Han character that starts no verb phrase, then 市/县/区/省 that starts no word.
fn place_name(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices().skip(1);
    let (_, second) = chars.next()?;
    let (suffix_at, suffix) = chars.next()?;
    // The suffix first: it rules out nearly every 应/宜/可, and costs four comparisons where the
    // characters no place name has are a hundred.
    let is_place = PLACE_SUFFIXES.contains(&suffix)
        && crate::read::classify::is_han(second)
        && !NOT_IN_PLACE_NAMES.contains(second)
        && !SUFFIX_WORDS.iter().any(|w| rest.get(suffix_at..).is_some_and(|s| s.starts_with(w)));
    is_place.then_some(suffix_at + suffix.len_utf8())
}

/// The length of a 可…性 noun that opens `rest` (可用性, 可扩展性): 可, one or two Han
/// characters, 性 — not 性能, 性别 ….
fn able_noun(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('可')?;
    // 可一次性支付: 一次性 is an adverb of its own.
    if body.starts_with(NUMERALS) {
        return None;
    }
    let mut chars = body.char_indices();
    for _ in 0..2 {
        let (_, c) = chars.next()?;
        if !crate::read::classify::is_han(c) || c == '性' {
            return None;
        }
        if let Some((at, '性')) = chars.clone().next() {
            let after = body.get(at + '性'.len_utf8()..).and_then(|s| s.chars().next());
            let noun = !after.is_some_and(|a| NOT_AFTER_XING.contains(&a));
            return noun.then_some('可'.len_utf8() + at + '性'.len_utf8());
        }
    }
    None
}

/// 本标准 / 本规范 … as a self-reference, not the tail of 成本标准, 基本规范, 样本标准差.
pub fn find_self_references(text: &str, word: &str) -> Vec<(usize, usize)> {
    find_all(text, word).into_iter().filter(|&(start, _)| !ends_a_word_in_ben(text, start)).collect()
}

/// True when the 本 at byte `at` of `text` ends a word (成本, 基本, 样本, 账本).
pub fn ends_a_word_in_ben(text: &str, at: usize) -> bool {
    const WORDS_ENDING_IN_BEN: &str =
        "成基样版资日文根剧课脚账标副原范蓝读书母血摹话稿绘刻抄正底译注简手善孤足台画教合一两每";
    text.get(..at).and_then(|s| s.chars().next_back()).is_some_and(|c| WORDS_ENDING_IN_BEN.contains(c))
}

/// All occurrences of `needle` in `text` as byte ranges.
pub fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle).map(|(i, m)| (i, i + m.len())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        find_modals(text).into_iter().filter_map(|(s, e, _)| text.get(s..e)).collect()
    }

    #[test]
    fn a_pair_filter_holds_every_pair_it_was_given() {
        let pairs: Vec<(char, char)> =
            "相应适用服务术语可验证凭证".chars().zip("应的用于术语一二凭证据办理".chars()).collect();
        let filter = PairFilter::new(pairs.iter().copied());
        assert!(pairs.iter().all(|&(a, b)| filter.may_hold(a, b)));
        let absent = ('\u{4e00}'..'\u{4e40}').filter(|&c| !filter.may_hold(c, 'x')).count();
        assert!(absent > 0x30, "a filter of twelve pairs rules out most others ({absent})");
    }

    #[test]
    fn the_longest_word_at_a_place_is_the_longest_that_opens_it() {
        let mut words: Vec<String> =
            ["相应", "相应的", "适应", "应用", "服务术语", "A型", "应对"].map(String::from).to_vec();
        let naive =
            |words: &[String], rest: &str| words.iter().filter(|w| rest.starts_with(w.as_str())).map(String::len).max();
        // Few words (compared one by one), then enough for an automaton, then one of one character.
        for extra in [0, 40, 41] {
            words.extend((words.len()..extra).map(|i| format!("服务术语{i}")));
            if extra == 41 {
                words.push("应".to_owned());
            }
            let set = WordSet::new(words.clone());
            let mut next = crate::model::pseudo_random_numbers(0x9e37_79b9_7f4a_7c15);
            const PIECES: &[&str] = &["相", "应", "的", "适", "用", "服务", "术语", "1", "A", "型", "对", "关"];
            for _ in 0..2_000 {
                let text = crate::model::pseudo_random_text(&mut next, PIECES, 8);
                for (at, _) in text.char_indices() {
                    let rest = text.get(at..).unwrap_or_default();
                    assert_eq!(set.longest_at(rest), naive(&words, rest), "{rest} with {} words", words.len());
                }
            }
        }
    }

    #[test]
    fn finds_provisions_and_skips_lookalikes() {
        let found = find_modals("服务人员应持证上岗，宜定期培训，可增加服务项目。相应的应急预案可靠。");
        let kinds: Vec<Modal> = found.iter().map(|f| f.2).collect();
        assert_eq!(kinds, vec![Modal::Requirement, Modal::Recommendation, Modal::Permission]);
    }

    #[test]
    fn ying_dui_with_a_verb_is_a_requirement() {
        assert_eq!(find_modals("服务点应对老年人的用餐需求进行评估。").len(), 1);
        assert!(find_modals("制定突发事件应对措施。").is_empty());
        assert_eq!(find_modals("其他单位不必执行。").first().map(|m| m.2), Some(Modal::Permission));
    }

    #[test]
    fn leftmost_longest_never_restarts_inside_a_word() {
        // 相应 is taken first: 应对 never starts at its second character, verb or not.
        assert!(words("制定相应对策并进行演练。").is_empty());
        assert!(words("通知相应当事人，适应当地习惯。").is_empty());
        assert_eq!(words("服务机构应对照清单进行检查。"), vec!["应"]);
    }

    #[test]
    fn a_lookalike_followed_by_its_verb_is_a_provision() {
        assert_eq!(words("应收集服务对象信息，不应收取费用，变化时应变更登记。"), vec!["应", "不应", "应"]);
        assert_eq!(words("当事人可行使权利，也可比照执行。"), vec!["可", "可"]);
        assert!(words("应收账款的应变能力").is_empty());
    }

    #[test]
    fn place_names_are_not_provisions() {
        assert!(words("本文件由宜宾市民政局和宜昌市、宜阳县的服务机构起草。").is_empty());
        assert_eq!(words("申请应在市级平台提交，可由县级部门受理，宜分区设置。"), vec!["应", "可", "宜"]);
        assert_eq!(words("服务网点可开市场化服务。"), vec!["可"]);
    }

    #[test]
    fn able_nouns_and_adjectives_are_not_permissions() {
        assert!(words("系统的可用性、可扩展性和可靠性，采用可信执行环境和可验证凭证。").is_empty());
        assert_eq!(words("可提高性能。"), vec!["可"]);
        assert_eq!(words("费用可一次性支付。"), vec!["可"]);
        assert!(words("数据相互不可抵赖。").is_empty());
    }

    #[test]
    fn defined_terms_are_masked() {
        let masked = mask_words("应使用可撤销凭证。", &WordSet::new(["可撤销凭证".to_owned()]));
        assert_eq!(modals_in(&masked).len(), 1);
        assert_eq!(masked.len(), "应使用可撤销凭证。".len());
    }

    #[test]
    fn many_terms_mask_as_few_do() {
        // Past FEW_WORDS the set switches to an automaton: the longest term still wins.
        let mut terms: Vec<String> = (0..FEW_WORDS + 8).map(|i| format!("服务术语{i}")).collect();
        terms.push("可撤销凭证".to_owned());
        terms.push("可撤销".to_owned());
        let many = WordSet::new(terms);
        let few = WordSet::new(["可撤销凭证".to_owned(), "可撤销".to_owned()]);
        let text = "应使用可撤销凭证，可撤销授权，服务术语12宜公开。";
        assert_eq!(mask_words(text, &many), mask_words(text, &few).replace("服务术语12", "〇〇〇〇  "));
        assert_eq!(modals_in(&mask_words(text, &many)).len(), 2);
    }

    #[test]
    fn char_sets_hold_characters_beyond_the_bmp() {
        let mut set = CharSet::default();
        assert!(!set.contains('应'));
        set.insert('𠀀');
        set.insert('应');
        assert!(set.contains('𠀀') && set.contains('应'));
        assert!(!set.contains('宜') && !set.contains('𠀁'));
    }

    #[test]
    fn masked_text_keeps_its_runs_and_offsets() {
        let text = "abc应急xyz相应对策，é可靠。";
        let masked = mask_words(text, &WordSet::default());
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked, "abc〇〇xyz〇〇对策，é〇〇。");
    }

    #[test]
    fn self_references_skip_compounds() {
        assert_eq!(find_self_references("按本标准执行，参照成本标准和基本标准。", "本标准").len(), 1);
    }

    #[test]
    fn negations_and_must() {
        let text = "不应使用，必须持证。";
        let found = find_modals(text);
        assert_eq!(&text[found[0].0..found[0].1], "不应");
        assert_eq!(&text[found[1].0..found[1].1], "必须");
    }
}
