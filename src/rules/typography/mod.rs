//! TY — typography: punctuation, digits, spacing (GB/T 15834, GB/T 15835; GB/T 1.1-2020 9.4).
//!
//! Typography rules read running text only: paragraphs, list items, notes, examples, term
//! definitions and titles. Code, tables, designations and the mandated sentences (which are
//! already full-width) are not their business.

mod digit_grouping;
mod ellipsis_dash;
mod fullwidth_digits;
mod halfwidth_punctuation;
mod multiplication_sign;
mod quote_marks;
mod repeated_punctuation;
mod space_between_han;
mod unbalanced_brackets;

use crate::model::{BlockKind, Document};
use crate::rules::Rule;
use crate::source::Span;

pub(crate) const RULES: &[&dyn Rule] = &[
    &halfwidth_punctuation::HalfwidthPunctuation,
    &unbalanced_brackets::UnbalancedBrackets,
    &repeated_punctuation::RepeatedPunctuation,
    &fullwidth_digits::FullwidthDigits,
    &quote_marks::QuoteMarks,
    &ellipsis_dash::EllipsisDash,
    &multiplication_sign::MultiplicationSign,
    &space_between_han::SpaceBetweenHan,
    &digit_grouping::DigitGrouping,
];

/// The spans of running text in a document: prose blocks, term definitions and notes, and
/// clause and annex titles.
pub(crate) fn prose_spans(doc: &Document) -> Vec<Span> {
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
    for clause in doc.all_clauses() {
        spans.extend(clause.title.iter().map(|t| t.span));
    }
    for annex in &doc.annexes {
        spans.extend(annex.title.iter().map(|t| t.span));
    }
    spans.sort();
    spans
}

/// A character of CJK text: Han, CJK punctuation, full-width forms.
pub(crate) fn is_cjk(c: char) -> bool {
    crate::read::classify::is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Byte ranges of Latin "islands" (URLs, e-mail addresses, code-like tokens, designations) in
/// which ASCII punctuation is right.
pub(crate) fn latin_islands(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for d in crate::model::find_designations(text, 0) {
        out.push((d.span.start, d.span.end));
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = text.get(i..).unwrap_or_default();
        if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
            let len = rest.find(|c: char| c.is_whitespace() || is_cjk(c)).unwrap_or(rest.len());
            out.push((i, i + len));
            i += len.max(1);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

pub(crate) fn inside(islands: &[(usize, usize)], at: usize) -> bool {
    islands.iter().any(|&(s, e)| at >= s && at < e)
}
