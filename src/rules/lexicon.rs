//! The provision vocabulary of GB/T 1.1-2020 Annex C, with the words that merely contain a modal
//! character (应用, 适宜, 可靠 …) masked out before scanning.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modal {
    /// 应, 不应, 应该, 必须 …: a requirement.
    Requirement,
    /// 宜, 不宜: a recommendation.
    Recommendation,
    /// 可, 不必, 可以: a permission.
    Permission,
}

/// Words that contain 应/宜/可 without being a provision.
const EXCLUSIONS: &[&str] = &[
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
    "适宜",
    "便宜",
    "事宜",
    "宜居",
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
];

/// Verbs after which 应对 is the modal 应 + the preposition 对 (应对设施进行检查), not the verb
/// 应对 (to cope with).
const AFTER_YING_DUI: &[&str] = &["进行", "开展", "实施", "予以", "做好", "作出", "建立", "定期"];

/// Finds provision words in `text`; returns byte ranges relative to `text`.
pub fn find_modals(text: &str) -> Vec<(usize, usize, Modal)> {
    let masked = unmask_ying_dui(text, mask(text));
    let mut out = Vec::new();
    let mut iter = masked.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
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
            iter.next();
        }
        out.push((start, end, modal));
    }
    out
}

/// Gives 应对 back where the sentence goes on with the verb of a requirement.
fn unmask_ying_dui(text: &str, mut masked: String) -> String {
    for (at, _) in text.match_indices("应对") {
        let rest: String = text.get(at + "应对".len()..).unwrap_or_default().chars().take(20).collect();
        let clause = rest.split(['，', '。', '；', '：']).next().unwrap_or_default();
        if AFTER_YING_DUI.iter().any(|v| clause.contains(v)) {
            masked.replace_range(at..at + "应对".len(), "应对");
        }
    }
    masked
}

/// 本标准 / 本规范 … as a self-reference, not the tail of 成本标准, 基本规范, 样本标准差.
pub fn find_self_references(text: &str, word: &str) -> Vec<(usize, usize)> {
    const WORDS_ENDING_IN_BEN: &str =
        "成基样版资日文根剧课脚账标副原范蓝读书母血摹话稿绘刻抄正底译注简手善孤足台画教合一两每";
    find_all(text, word)
        .into_iter()
        .filter(|&(start, _)| {
            text.get(..start).and_then(|s| s.chars().next_back()).is_none_or(|c| !WORDS_ENDING_IN_BEN.contains(c))
        })
        .collect()
}

/// Replaces every exclusion word with the same number of bytes of filler.
fn mask(text: &str) -> String {
    let mut masked = text.to_owned();
    for word in EXCLUSIONS {
        if !masked.contains(word) {
            continue;
        }
        let filler: String = "\u{3007}".repeat(word.chars().count());
        masked = masked.replace(word, &filler);
    }
    masked
}

/// All occurrences of `needle` in `text` as byte ranges.
pub fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle).map(|(i, m)| (i, i + m.len())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
