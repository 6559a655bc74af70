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
    "可供",
    "可参照",
    "可参考",
    "可以说",
];

/// Finds provision words in `text`; returns byte ranges relative to `text`.
pub fn find_modals(text: &str) -> Vec<(usize, usize, Modal)> {
    let masked = mask(text);
    let mut out = Vec::new();
    let mut iter = masked.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let modal = match c {
            '应' => Modal::Requirement,
            '宜' => Modal::Recommendation,
            '可' => Modal::Permission,
            '必' if masked.get(i..).is_some_and(|s| s.starts_with("必须")) => Modal::Requirement,
            _ => continue,
        };
        let mut end = i + c.len_utf8();
        // 不应 / 不宜 / 不必: include the negation so the underline covers the whole word.
        let start = if masked.get(..i).is_some_and(|s| s.ends_with('不')) { i - '不'.len_utf8() } else { i };
        if c == '必' {
            end = i + "必须".len();
            iter.next();
        }
        out.push((start, end, modal));
    }
    out
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
    fn negations_and_must() {
        let text = "不应使用，必须持证。";
        let found = find_modals(text);
        assert_eq!(&text[found[0].0..found[0].1], "不应");
        assert_eq!(&text[found[1].0..found[1].1], "必须");
    }
}
