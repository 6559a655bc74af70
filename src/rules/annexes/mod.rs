//! AX — annexes (GB/T 1.1-2020 9.6).

mod annex_heading;
mod annex_not_cited;
mod annex_order;
mod annex_sequence;
mod internal_numbering;
mod normative_annex_citation;

use crate::model::{Annex, Document, Form, TargetKind};
use crate::rules::Rule;
use crate::rules::references::scan::element_region;
use crate::source::Span;

pub(crate) const RULES: &[&dyn Rule] = &[
    &annex_heading::AnnexHeading,
    &annex_sequence::AnnexSequence,
    &annex_not_cited::AnnexNotCited,
    &internal_numbering::AnnexInternalNumbering,
    &annex_order::AnnexOrder,
    &normative_annex_citation::NormativeAnnexCitation,
];

/// A citation of annex X outside its own text: `附录X` itself, or one of its parts (`见C.1`,
/// `表C.2`, `图C.1`, `公式(C.1)`). References into other documents are none.
#[derive(Debug, Clone, Copy)]
struct Mention {
    letter: char,
    span: Span,
    /// Through a part (`C.1`, `表C.2`), not `附录C` itself.
    part: bool,
    form: Form,
}

fn mentions(doc: &Document) -> Vec<Mention> {
    let mut out = Vec::new();
    for xref in doc.cross_references.iter().filter(|r| !r.is_external()) {
        let Some(first) = xref.annex() else { continue };
        let part = xref.kind != TargetKind::Annex;
        let letters: Vec<char> =
            if part { vec![first] } else { xref.labels().iter().filter_map(|l| l.chars().next()).collect() };
        out.extend(letters.into_iter().map(|letter| Mention { letter, span: xref.span, part, form: xref.form }));
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
