//! Text scanning shared by the reference, term, annex, figure and note rules: the document cut
//! into units that know where they stand, sentence bounds, and the regions rules leave out.

use crate::model::{Block, BlockKind, Document, Place};
use crate::source::Span;

/// Where a piece of text stands, as far as citations are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    Foreword,
    Introduction,
    /// Chapter 2, 规范性引用文件.
    References,
    /// The lead-in of the terms chapter (`GB/T 20000.1界定的…`).
    TermsLeadIn,
    /// `[来源：…]` under a term entry.
    TermSource,
    Note,
    Example,
    /// Everything else of the body and the annexes: provisions, tables, definitions.
    Body,
    Bibliography,
    /// A clause or annex title.
    Heading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Prose,
    Table,
    Caption,
    Formula,
    Code,
    Reference,
    Heading,
}

/// A span of text with its zone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unit {
    pub zone: Zone,
    pub kind: UnitKind,
    pub span: Span,
    /// The term entry (numbered in document order) this text belongs to.
    pub term: Option<usize>,
}

/// The span from an element's heading to the next element (chapter, annex, 参考文献 …).
pub(crate) fn element_region(doc: &Document, start: usize) -> Span {
    let end = doc.elements.iter().map(|e| e.span.start).filter(|&s| s > start).min().unwrap_or(doc.source.text.len());
    Span::new(start, end)
}

/// The region of chapter 2, when there is one.
pub(crate) fn references_region(doc: &Document) -> Option<Span> {
    doc.normative_references().map(|c| element_region(doc, c.span.start))
}

/// The 目次 from its heading to its last entry.
pub(crate) fn toc_region(doc: &Document) -> Option<Span> {
    let toc = doc.toc.as_ref()?;
    let end = toc.entries.iter().map(|e| e.span.end).max().unwrap_or(toc.heading.end);
    Some(Span::new(toc.heading.start, end.max(toc.heading.end)))
}

fn kind_of(block: &Block) -> UnitKind {
    match block.kind {
        BlockKind::Table => UnitKind::Table,
        BlockKind::Caption { .. } => UnitKind::Caption,
        BlockKind::Formula { .. } => UnitKind::Formula,
        BlockKind::Code => UnitKind::Code,
        BlockKind::Reference { .. } => UnitKind::Reference,
        _ => UnitKind::Prose,
    }
}

/// Every piece of text of the document after the cover and the 目次, with its zone, in
/// document order (headings last).
pub(crate) fn units(doc: &Document) -> Vec<Unit> {
    let references = references_region(doc);
    let lead = doc.terms_section().and_then(crate::rules::terms::lead_paragraph).map(|b| b.span);
    let mut out = Vec::new();
    let mut term_index = 0;
    for (place, block) in doc.blocks_with_place() {
        let base = match place {
            Place::Foreword => Zone::Foreword,
            Place::Introduction => Zone::Introduction,
            Place::Bibliography => Zone::Bibliography,
            _ if references.is_some_and(|r| r.start <= block.span.start && block.span.start < r.end) => {
                Zone::References
            }
            _ => Zone::Body,
        };
        let mut push = |zone: Zone, kind: UnitKind, span: Span, term: Option<usize>| {
            out.push(Unit { zone, kind, span, term });
        };
        match &block.kind {
            BlockKind::Term(entry) => {
                let i = term_index;
                term_index += 1;
                if let Some(d) = &entry.definition {
                    push(Zone::Body, UnitKind::Prose, d.span, Some(i));
                }
                for n in &entry.notes {
                    let zone = if matches!(n.kind, BlockKind::Example { .. }) { Zone::Example } else { Zone::Note };
                    push(zone, UnitKind::Prose, n.span, Some(i));
                }
                if let Some(s) = &entry.source {
                    push(Zone::TermSource, UnitKind::Prose, s.span, Some(i));
                }
            }
            BlockKind::Note { .. } if base == Zone::Body => push(Zone::Note, UnitKind::Prose, block.span, None),
            BlockKind::Example { .. } if base == Zone::Body => {
                push(Zone::Example, UnitKind::Prose, block.span, None);
            }
            _ if Some(block.span) == lead => push(Zone::TermsLeadIn, UnitKind::Prose, block.span, None),
            _ => push(base, kind_of(block), block.span, None),
        }
    }
    for clause in doc.all_clauses() {
        if let Some(t) = &clause.title {
            out.push(Unit { zone: Zone::Heading, kind: UnitKind::Heading, span: t.span, term: None });
        }
    }
    for annex in &doc.annexes {
        if let Some(t) = &annex.title {
            out.push(Unit { zone: Zone::Heading, kind: UnitKind::Heading, span: t.span, term: None });
        }
    }
    out
}

/// Sentence ends, and the cell borders of a table (`|`, `<td>`).
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '\n' | '|' | '<' | '>')
}

/// The sentence around `start..end` in `text`: from after the previous 。；！？ or line break
/// to the next one (included).
pub(crate) fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let begin = text
        .get(..start)
        .and_then(|s| s.char_indices().rev().find(|&(_, c)| is_sentence_end(c)).map(|(i, c)| i + c.len_utf8()))
        .unwrap_or(0);
    let finish = text
        .get(end..)
        .and_then(|s| s.char_indices().find(|&(_, c)| is_sentence_end(c)).map(|(i, c)| end + i + c.len_utf8()))
        .unwrap_or(text.len());
    (begin, finish)
}

/// The last `n` characters of `text`.
pub(crate) fn tail_chars(text: &str, n: usize) -> &str {
    let count = text.chars().count();
    if count <= n {
        return text;
    }
    let skip = count - n;
    text.char_indices().nth(skip).and_then(|(i, _)| text.get(i..)).unwrap_or(text)
}

/// The first `n` characters of `text`.
pub(crate) fn head_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((i, _)) => text.get(..i).unwrap_or(text),
        None => text,
    }
}

/// Half-width digits, letters and dots; no white space: `Ａ．１` → `A.1`.
pub(crate) fn fold_label(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// Words that, written right before the sentence's citation, make it a normative citation.
const NORMATIVE_BEFORE: &[&str] =
    &["按", "符合", "依据", "依照", "遵照", "遵循", "遵守", "满足", "采用", "执行", "参照", "根据", "达到"];
/// Words that, written right after a citation, make it a normative citation.
const NORMATIVE_AFTER: &[&str] =
    &["的规定", "规定的", "的要求", "要求的", "界定的", "规定执行", "给出的方法", "中的规定", "的方法"];

/// How a citation at `start..end` of `text` is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// 应符合…的规定, 按…, …界定的.
    Normative,
    /// 见…, 参见….
    Informative,
    /// Neither.
    Plain,
}

/// The form of the citation at `start..end` of `text`, and whether its sentence states a
/// requirement (应, 不应, 必须).
pub(crate) fn citation_form(text: &str, start: usize, end: usize) -> (Form, bool) {
    use crate::rules::lexicon::{Modal, find_modals};
    let (s, e) = sentence_bounds(text, start, end);
    let sentence = text.get(s..e).unwrap_or_default();
    let requirement = find_modals(sentence).iter().any(|m| m.2 == Modal::Requirement);
    let before = text.get(s..start).unwrap_or_default();
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '（' | '(' | '《' | '“'));
    if trimmed.ends_with('见') {
        return (Form::Informative, requirement);
    }
    let window = tail_chars(before, 30);
    let after = head_chars(text.get(end..e).unwrap_or_default(), 30);
    let normative = NORMATIVE_BEFORE.iter().any(|w| window.contains(w))
        || find_modals(window).iter().any(|m| matches!(m.2, Modal::Requirement | Modal::Recommendation))
        || NORMATIVE_AFTER.iter().any(|w| after.contains(w));
    (if normative { Form::Normative } else { Form::Plain }, requirement)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_forms() {
        let text = "前文。服务应符合GB/T 1—2020的规定；其余见GB/T 2。";
        let at = text.find("GB/T 1").unwrap_or(0);
        let (s, e) = sentence_bounds(text, at, at + 4);
        assert_eq!(&text[s..e], "服务应符合GB/T 1—2020的规定；");
        assert_eq!(citation_form(text, at, at + 13).0, Form::Normative);
        let at2 = text.find("GB/T 2").unwrap_or(0);
        assert_eq!(citation_form(text, at2, at2 + 8).0, Form::Informative);
        assert_eq!(tail_chars("abcdef", 2), "ef");
        assert_eq!(head_chars("abcdef", 2), "ab");
        assert_eq!(fold_label("Ａ．１"), "A.1");
    }
}
