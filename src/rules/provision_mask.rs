//! One masking policy for every rule that looks for provision words (应/宜/可/必须/不得 …):
//! what is quoted, named or defined is not a provision of the text.
//!
//! Masked out, byte for byte (offsets into a masked text are offsets into the original):
//! - quotations and titles: “…”, ‘…’, "…", 「…」, 『…』, 《…》 (a quoted sign “禁止吸烟”, a
//!   quoted law, 《禁止使用童工规定》);
//! - the drafter statements (本文件起草单位：…。本文件主要起草人：张可欣、应晓东、李宜。): names
//!   and organisations, not provisions;
//! - the document's defined terms (the Chinese terms of its terms chapter: 可验证凭证 …);
//! - the lexicon's look-alikes, place names and 可…性 nouns ([`lexicon::mask_words`]).

use std::sync::LazyLock;

use crate::model::{Derived, Document};
use crate::rules::lexicon::{self, Modal, WordSet};

/// The masking policy of one document.
pub struct ProvisionMask {
    /// The document's defined terms of two characters or more.
    terms: WordSet,
}

/// Quotation marks and the mark that closes each.
const QUOTES: &[(char, char)] = &[('“', '”'), ('‘', '’'), ('"', '"'), ('「', '」'), ('『', '』'), ('《', '》')];

/// What may stand before 起草 in a drafter statement: the self-reference, then 主要 / 参加 ….
const DRAFTER_PREFIXES: &[&str] =
    &["本文件", "本标准", "本部分", "本规范", "本规程", "本指南", "的", "主要", "参加", "参与", "负责", "协作"];

impl ProvisionMask {
    pub fn of(doc: &Document) -> Self {
        let terms = crate::rules::terms::defined_terms(doc)
            .into_iter()
            .filter(|t| t.chars().count() >= 2 && t.chars().any(crate::read::classify::is_han));
        ProvisionMask { terms: WordSet::new(terms) }
    }

    /// `text` with everything that is not a provision word of the text blanked out.
    /// The mask of `doc`, built by the first rule that asks and shared by the others.
    pub fn of_document(doc: &Document) -> &ProvisionMask {
        static EMPTY: LazyLock<ProvisionMask> = LazyLock::new(|| ProvisionMask { terms: WordSet::default() });
        Derived::shared(&doc.derived.provision_mask, || ProvisionMask::of(doc)).unwrap_or(&EMPTY)
    }

    pub fn apply(&self, text: &str) -> String {
        let quoted = mask_quotations(text);
        let statements = mask_drafter_statements(&quoted);
        lexicon::mask_words(&statements, &self.terms)
    }

    /// The provision words of `text`, as byte ranges relative to `text`.
    pub fn modals(&self, text: &str) -> Vec<(usize, usize, Modal)> {
        lexicon::modals_in(&self.apply(text))
    }
}

/// `text` with the inside of quotations and titles blanked out. A mark that is never closed
/// masks nothing; once a closing mark is known to be absent, later openers of its kind are
/// skipped at once, so the cost stays linear.
fn mask_quotations(text: &str) -> std::borrow::Cow<'_, str> {
    // Most provisions quote nothing: they are masked as they stand.
    let Some(first) = next_opener(text) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(text.get(..first).unwrap_or_default());
    let mut unclosed: Vec<char> = Vec::new();
    let mut at = first;
    while let Some(rest) = text.get(at..) {
        // Text between quotation marks is copied as it is, in one piece.
        let plain = next_opener(rest).unwrap_or(rest.len());
        out.push_str(rest.get(..plain).unwrap_or_default());
        at += plain;
        let Some(open) = text.get(at..).and_then(|r| r.chars().next()) else { break };
        out.push(open);
        at += open.len_utf8();
        let Some(&(_, close)) = QUOTES.iter().find(|&&(o, _)| o == open) else { continue };
        if unclosed.contains(&open) {
            continue;
        }
        let inner = text.get(at..).unwrap_or_default();
        match inner.find(close) {
            Some(len) => {
                lexicon::blank(inner.get(..len).unwrap_or_default(), &mut out);
                at += len;
            }
            None => unclosed.push(open),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Where the first opening mark of [`QUOTES`] stands in `text`. Every one of them opens with
/// `"`, E2 or E3 in UTF-8: a vectorised search finds those bytes, and only there is a
/// character decoded (most of a provision is passed over without).
fn next_opener(text: &str) -> Option<usize> {
    memchr::memchr3_iter(b'"', 0xE2, 0xE3, text.as_bytes()).find(|&at| {
        text.get(at..).and_then(|rest| rest.chars().next()).is_some_and(|c| QUOTES.iter().any(|&(o, _)| o == c))
    })
}

/// `text` with every drafter statement blanked out: a sentence that opens with 起草单位： or
/// (主要)起草人：, after an optional self-reference (本文件主要起草人：…), up to its 。.
fn mask_drafter_statements(text: &str) -> std::borrow::Cow<'_, str> {
    // Every statement names 起草单位 or 起草人.
    if !text.contains("起草") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for sentence in text.split_inclusive(['。', '\n']) {
        let mut head = sentence.trim_start();
        while let Some(rest) = DRAFTER_PREFIXES.iter().find_map(|p| head.strip_prefix(p)) {
            head = rest;
        }
        let named = ["起草单位", "起草人"]
            .iter()
            .filter_map(|w| head.strip_prefix(w))
            .any(|after| after.trim_start().starts_with(['：', ':', '为', '是', '有']) || after.trim().is_empty());
        if named {
            lexicon::blank(sentence, &mut out);
        } else {
            out.push_str(sentence);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask() -> ProvisionMask {
        ProvisionMask { terms: WordSet::new(["可验证凭证".to_owned()]) }
    }

    fn words(text: &str) -> Vec<&str> {
        mask().modals(text).into_iter().filter_map(|(s, e, _)| text.get(s..e)).collect()
    }

    #[test]
    fn quotations_titles_and_terms_are_mentions() {
        assert!(words("张贴“服务人员必须持证上岗”的告示，遵守《禁止使用童工规定》。").is_empty());
        assert!(words("状态为\"应答\"时，持有可验证凭证。").is_empty());
        assert_eq!(words("本文件用“应”表示要求，服务人员应持证。"), vec!["应"]);
    }

    #[test]
    fn drafter_statements_are_not_provisions() {
        let text = "本文件由宜宾市民政局提出。本文件起草单位：可信科技公司。本文件主要起草人：张可欣、应晓东、李宜。";
        assert!(words(text).is_empty());
        assert_eq!(words("起草人员应签字。"), vec!["应"]);
    }

    #[test]
    fn an_unclosed_mark_masks_nothing_and_stays_linear() {
        assert_eq!(words("“服务人员应持证，《规范》应公开。"), vec!["应", "应"]);
        let long = "“".repeat(100_000);
        assert_eq!(mask_quotations(&long).len(), long.len());
    }

    #[test]
    fn the_next_opener_is_the_first_mark_that_opens_a_quotation() {
        for text in ["", "无引号。", "a“b”", "《规范》", "、。「x」", "\"x\"", "é‘a’", "——“", "》《"]
        {
            let expected = text.find(|c: char| QUOTES.iter().any(|&(o, _)| o == c));
            assert_eq!(next_opener(text), expected, "{text}");
        }
    }

    #[test]
    fn offsets_are_kept() {
        let text = "遵守《劳动法》，é必须持证。";
        let masked = mask().apply(text);
        assert_eq!(masked.len(), text.len());
        let found = mask().modals(text);
        assert_eq!(found.first().and_then(|&(s, e, _)| text.get(s..e)), Some("必须"));
    }
}
