//! PV — provisions and their verbal forms (GB/T 1.1-2020 Annex C, 9.4.2).

mod hedged_requirement;
mod must_not_shall;
mod nonstandard_modal;
mod prohibition_form;
mod vague_requirement;

use crate::model::{BlockKind, Document};
use crate::rules::Rule;
use crate::rules::lexicon::{Modal, find_modals};
use crate::source::Span;

pub(super) const RULES: &[&dyn Rule] = &[
    &must_not_shall::MustNotShall,
    &prohibition_form::ProhibitionForm,
    &nonstandard_modal::NonstandardModal,
    &hedged_requirement::HedgedRequirement,
    &vague_requirement::VagueRequirement,
];

/// The running text provisions are written in: prose blocks, term definitions and the notes of
/// term entries, in document order.
pub(crate) fn provision_spans(doc: &Document) -> Vec<Span> {
    let mut spans = Vec::new();
    for (_, block) in doc.blocks_with_place() {
        match &block.kind {
            BlockKind::Term(entry) => {
                spans.extend(entry.definition.iter().map(|d| d.span));
                spans.extend(entry.notes.iter().map(|n| n.span));
            }
            _ if block.is_prose() => spans.push(block.span),
            _ => {}
        }
    }
    spans
}

/// `text` with the inside of 《…》 titles and “…”/「…」 quotations blanked out, byte for byte, so
/// that a title (《禁止使用童工规定》) or a quoted sign (“禁止吸烟”) is not read as a provision.
/// Offsets into the result are offsets into `text`.
pub(crate) fn mask_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let opener = rest.char_indices().find(|&(_, c)| matches!(c, '《' | '“' | '「'));
        let Some((at, open)) = opener else {
            out.push_str(rest);
            return out;
        };
        let close = match open {
            '《' => '》',
            '“' => '”',
            _ => '」',
        };
        let inner_start = at + open.len_utf8();
        // An unbalanced mark masks nothing.
        let Some(inner_len) = rest.get(inner_start..).and_then(|s| s.find(close)) else {
            out.push_str(rest);
            return out;
        };
        out.push_str(rest.get(..inner_start).unwrap_or_default());
        for c in rest.get(inner_start..inner_start + inner_len).unwrap_or_default().chars() {
            if c.len_utf8() == 3 {
                out.push('\u{3007}');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        rest = rest.get(inner_start + inner_len..).unwrap_or_default();
    }
}

/// The sentences of `text` as byte ranges, each with its closing mark: split at 。；！？ (and their
/// half-width forms) and at line breaks.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n') {
            let end = i + c.len_utf8();
            if text.get(start..i).is_some_and(|s| !s.trim().is_empty()) {
                out.push((start, end));
            }
            start = end;
        }
    }
    if text.get(start..).is_some_and(|s| !s.trim().is_empty()) {
        out.push((start, text.len()));
    }
    out
}

/// Requirement words (应, 不应, 必须) in a sentence, as byte ranges relative to the sentence.
pub(crate) fn requirements(sentence: &str) -> Vec<(usize, usize)> {
    find_modals(sentence).into_iter().filter(|m| m.2 == Modal::Requirement).map(|(s, e, _)| (s, e)).collect()
}

/// True when the foreword declares drafting to GB/T 1.1—2009 (where 不得 was still an accepted
/// form of 不应).
pub(crate) fn declares_2009(doc: &Document) -> bool {
    let Some(foreword) = &doc.foreword else {
        return false;
    };
    foreword.blocks.iter().chain(foreword.subclauses.iter().flat_map(|s| s.blocks.iter())).any(|b| {
        let key = crate::rules::normalize::sentence_key(doc.text(b.span));
        key.contains("1.1—2009") && key.contains("起草")
    })
}

/// The character just before byte `at` of `text`.
pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

/// The text from byte `at` on.
pub(crate) fn rest_from(text: &str, at: usize) -> &str {
    text.get(at..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_titles_and_quotes_keeping_offsets() {
        let text = "应遵守《禁止使用童工规定》，设置“禁止吸烟”标志。";
        let masked = mask_quoted(text);
        assert_eq!(masked.len(), text.len());
        assert!(!masked.contains("禁止"));
        assert!(masked.starts_with("应遵守《"));
        assert!(masked.ends_with("标志。"));
    }

    #[test]
    fn splits_sentences() {
        let text = "应检查。宜记录；可以拍照";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["应检查。", "宜记录；", "可以拍照"]);
    }
}
