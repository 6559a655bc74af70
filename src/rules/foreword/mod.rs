//! FW — foreword statements (GB/T 1.1-2020 8.3).

mod drafters;
mod drafting_statement;
mod foreword_content;
mod foreword_item_order;
mod international_consistency;
mod introduction_provisions;
mod multi_part_statement;
mod patent_statement;
mod proposer_responsible;
mod supersession_statement;
mod version_history;

use crate::model::{Block, Document, Section};
use crate::rules::Rule;

pub(super) const RULES: &[&dyn Rule] = &[
    &drafting_statement::DraftingStatement,
    &patent_statement::PatentStatement,
    &proposer_responsible::ProposerResponsible,
    &drafters::Drafters,
    &foreword_content::ForewordContent,
    &introduction_provisions::IntroductionProvisions,
    &supersession_statement::SupersessionStatement,
    &multi_part_statement::MultiPartStatement,
    &version_history::VersionHistory,
    &foreword_item_order::ForewordItemOrder,
    &international_consistency::InternationalConsistency,
];

/// The paragraphs of the foreword (its subclauses included: the structure is ST005's).
pub(crate) fn foreword_blocks(doc: &Document) -> Vec<&Block> {
    let Some(f) = &doc.foreword else {
        return Vec::new();
    };
    f.blocks.iter().chain(f.subclauses.iter().flat_map(|s| s.blocks.iter())).filter(|b| b.is_prose()).collect()
}

/// The paragraphs of the foreword with their sentence keys (see
/// [`sentence_key`](crate::rules::normalize::sentence_key)). The keys are made once per
/// document: eight rules compare the foreword's paragraphs with their wordings, and each made
/// every key again.
pub(crate) fn foreword_paragraphs(doc: &Document) -> impl Iterator<Item = (&Block, &str)> {
    let blocks = foreword_blocks(doc);
    let keys = doc
        .derived
        .foreword_keys
        .get_or_init(|| blocks.iter().map(|b| crate::rules::normalize::sentence_key(doc.text(b.span))).collect());
    blocks.into_iter().zip(keys.iter().map(String::as_str))
}

/// The foreword paragraph that states what the document supersedes (8.3 c)): 本文件代替…,
/// 本文件部分代替…, or the 2009 form 本标准代替….
pub(crate) fn supersession_block(doc: &Document) -> Option<&Block> {
    foreword_paragraphs(doc)
        .find(|(_, key)| ["本文件代替", "本文件部分代替", "本标准代替", "本部分代替"].iter().any(|w| key.contains(w)))
        .map(|(block, _)| block)
}

/// True when the document replaces an earlier edition, by its cover or its foreword.
fn is_revision(doc: &Document) -> bool {
    !doc.meta.supersedes.is_empty() || supersession_block(doc).is_some()
}

/// The part number of a document that is one part of a multi-part document: from 第N部分 in
/// its title, or from the part suffix of its designation (`DB4403/T 900.2—2025`).
pub(crate) fn part_number(doc: &Document) -> Option<u32> {
    if let Some(title) = &doc.meta.title_zh {
        let compact = crate::model::compact(&title.text);
        if let Some(at) = compact.find("第") {
            let rest = compact.get(at + "第".len()..).unwrap_or_default();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if rest.get(digits.len()..).is_some_and(|r| r.starts_with("部分")) {
                return digits.parse().ok();
            }
        }
    }
    let d = doc.meta.designation.as_ref()?;
    let (_, part) = d.number.rsplit_once('.')?;
    part.parse().ok()
}

/// Every block of a front element, its subclauses included, in order (tables and figures too).
fn section_blocks(section: &Section) -> Vec<&Block> {
    section.blocks.iter().chain(section.subclauses.iter().flat_map(|s| s.all_blocks())).collect()
}

/// The sentence of `text` around byte `at`: from after the previous 。；！？ to the next one.
fn sentence_at(text: &str, at: usize) -> (usize, usize) {
    let stops = ['。', '；', '！', '？', '\n'];
    let start = text
        .get(..at)
        .and_then(|s| s.rfind(stops).map(|i| i + s.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8)))
        .unwrap_or(0);
    let end = text
        .get(at..)
        .and_then(|s| {
            s.find(stops).map(|i| at + i + s.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8))
        })
        .unwrap_or(text.len());
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let text = "第一句。服务应规范；其余。";
        let at = text.find('应').unwrap_or(0);
        let (s, e) = sentence_at(text, at);
        assert_eq!(text.get(s..e), Some("服务应规范；"));
    }
}
