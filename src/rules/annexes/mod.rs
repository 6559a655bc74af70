//! AX — annexes (GB/T 1.1-2020 9.6).

mod annex_heading;
mod annex_not_cited;
mod annex_order;
mod annex_sequence;
mod internal_numbering;
mod normative_annex_citation;

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Annex, Document};
use crate::rules::Rule;
use crate::rules::references::scan::{element_region, toc_region};
use crate::source::Span;

pub(crate) const RULES: &[&dyn Rule] = &[
    &annex_heading::AnnexHeading,
    &annex_sequence::AnnexSequence,
    &annex_not_cited::AnnexNotCited,
    &internal_numbering::AnnexInternalNumbering,
    &annex_order::AnnexOrder,
    &normative_annex_citation::NormativeAnnexCitation,
];

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"附[\s\u{3000}]?录[\s\u{3000}]?([A-Z])").unwrap_or_else(|e| panic!("annex mention regex: {e}"))
});

/// `附录X` written somewhere other than an annex heading, the cover or the 目次.
#[derive(Debug, Clone, Copy)]
struct Mention {
    letter: char,
    span: Span,
}

fn mentions(doc: &Document) -> Vec<Mention> {
    let text = doc.source.text.as_str();
    let mut skip: Vec<Span> = doc.annexes.iter().map(|a| a.span).collect();
    skip.extend(doc.meta.cover);
    skip.extend(toc_region(doc));
    let mut out = Vec::new();
    for caps in MENTION.captures_iter(text) {
        let (Some(whole), Some(letter)) = (caps.get(0), caps.get(1)) else { continue };
        // 附录AB is no annex; 附录A.1 still names annex A.
        if text.get(whole.end()..).and_then(|s| s.chars().next()).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let span = Span::new(whole.start(), whole.end());
        if skip.iter().any(|s| s.start <= span.start && span.start < s.end.max(s.start + 1)) {
            continue;
        }
        out.push(Mention { letter: letter.as_str().chars().next().unwrap_or('A'), span });
    }
    out
}

/// The annex's own text, from its heading to the next element.
fn region(doc: &Document, annex: &Annex) -> Span {
    element_region(doc, annex.span.start)
}

fn within(outer: Span, at: usize) -> bool {
    outer.start <= at && at < outer.end
}

/// The foreword's region, where citations are never normative.
fn foreword_region(doc: &Document) -> Option<Span> {
    doc.foreword.as_ref().map(|f| element_region(doc, f.span.start))
}
