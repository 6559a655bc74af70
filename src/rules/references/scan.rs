//! Text scanning shared by the reference, term, annex, figure and note rules: the document cut
//! into units that know where they stand, sentence bounds, and the regions rules leave out.

pub(crate) use crate::model::Form;
pub(crate) use crate::model::xref::{citation_form, fold_label, sentence_bounds};
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
