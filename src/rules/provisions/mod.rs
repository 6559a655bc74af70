//! PV — provisions and their verbal forms (GB/T 1.1-2020 Annex C, 9.4.2).

mod hedged_requirement;
mod must_not_shall;
mod nonstandard_modal;
mod prohibition_form;
mod vague_requirement;

use crate::model::{BlockKind, Document};
use crate::rules::Rule;
use crate::rules::lexicon::{Modal, modals_in};
use crate::rules::provision_mask::ProvisionMask;
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

/// The sentences of `text` as byte ranges, each with its closing mark: split at 。；！？ (and their
/// half-width forms) and at line breaks.
/// The provision texts ([`provision_spans`]) with their mentions masked by the document's
/// [`ProvisionMask`], built once per document and shared by the PV rules, which each used to
/// build the mask and mask every provision again.
pub(crate) fn masked_provisions(doc: &Document) -> &[(Span, String)] {
    doc.derived.masked_provisions.get_or_init(|| {
        let mask = ProvisionMask::of_document(doc);
        provision_spans(doc).into_iter().map(|span| (span, mask.apply(doc.text(span)))).collect()
    })
}

/// The provision words of the text at `span`, masked by the document's [`ProvisionMask`]:
/// taken from [`masked_provisions`] when it holds that span (the rules that read some
/// provisions on their own — the scope's, the definitions', the introduction's — would mask
/// them a second time), else masked here.
pub(crate) fn modals_at(doc: &Document, span: Span) -> Vec<(usize, usize, Modal)> {
    let all = masked_provisions(doc);
    let order = doc.derived.masked_order.get_or_init(|| {
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by_key(|&i| all.get(i).map(|(s, _)| (s.start, s.end)));
        order
    });
    let first = order.partition_point(|&i| all.get(i).is_some_and(|(s, _)| (s.start, s.end) < (span.start, span.end)));
    match order.get(first).and_then(|&i| all.get(i)).filter(|(s, _)| *s == span) {
        Some((_, masked)) => modals_in(masked),
        None => ProvisionMask::of_document(doc).modals(doc.text(span)),
    }
}

/// The first bytes of the marks that end a sentence in [`sentences`].
static OPENS_SENTENCE_END: [bool; 256] =
    crate::source::scan::first_bytes_of(&['。', '；', ';', '！', '!', '？', '?', '\n']);

pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in crate::source::scan::chars_opening_with(text, &OPENS_SENTENCE_END) {
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

/// Requirement words (应, 不应, 必须) in a masked sentence (see
/// [`ProvisionMask`](crate::rules::provision_mask::ProvisionMask)), as byte ranges relative to
/// the sentence.
pub(crate) fn requirements(sentence: &str) -> Vec<(usize, usize)> {
    modals_in(sentence).into_iter().filter(|m| m.2 == Modal::Requirement).map(|(s, e, _)| (s, e)).collect()
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
    fn provision_words_at_a_span_are_those_of_its_own_masking() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let (mut looked_up, mut taken) = (0, 0);
        for folder in ["compliant", "flawed"] {
            for entry in std::fs::read_dir(samples.join(folder)).into_iter().flatten().flatten() {
                let path = entry.path();
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
                let Ok((doc, _)) = crate::read::read_document(&path, &bytes) else { continue };
                let mask = ProvisionMask::of_document(&doc);
                let spans: Vec<Span> = doc.blocks_with_place().into_iter().map(|(_, b)| b.span).collect();
                for span in spans {
                    assert_eq!(modals_at(&doc, span), mask.modals(doc.text(span)), "{}", path.display());
                    looked_up += 1;
                    taken += usize::from(masked_provisions(&doc).iter().any(|(s, _)| *s == span));
                }
            }
        }
        // Most spans asked for are provisions the document masked already.
        assert!(taken > 200 && looked_up > taken, "{taken} of {looked_up}");
    }

    #[test]
    fn splits_sentences() {
        let text = "应检查。宜记录；可以拍照";
        let parts: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(parts, vec!["应检查。", "宜记录；", "可以拍照"]);
    }
}
