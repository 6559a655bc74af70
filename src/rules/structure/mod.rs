//! ST — structure and element order (GB/T 1.1-2020 6.2, 表3, 8.3–8.14).

mod back_matter_order;
mod bibliography_format;
mod bibliography_required;
mod edition_mix;
mod element_order;
mod fixed_chapter_title;
mod forbidden_section_in_annex;
mod foreword_structure;
mod introduction_numbering;
mod introduction_required;
mod missing_fixed_chapter;
mod missing_required_element;
mod normative_references_subdivided;
mod official_document_numbering;
mod scope_has_provisions;

use crate::model::ElementKind;
use crate::rules::Rule;

pub(super) const RULES: &[&dyn Rule] = &[
    &element_order::ElementOrder,
    &missing_required_element::MissingRequiredElement,
    &fixed_chapter_title::FixedChapterTitle,
    &missing_fixed_chapter::MissingFixedChapter,
    &foreword_structure::ForewordStructure,
    &normative_references_subdivided::NormativeReferencesSubdivided,
    &back_matter_order::BackMatterOrder,
    &scope_has_provisions::ScopeHasProvisions,
    &official_document_numbering::OfficialDocumentNumbering,
    &edition_mix::EditionMix,
    &introduction_required::IntroductionRequired,
    &introduction_numbering::IntroductionNumbering,
    &forbidden_section_in_annex::ForbiddenSectionInAnnex,
    &bibliography_required::BibliographyRequired,
    &bibliography_format::BibliographyFormat,
];

/// The position of an element in 表3.
fn rank(kind: ElementKind) -> u8 {
    match kind {
        ElementKind::Cover => 0,
        ElementKind::Toc => 1,
        ElementKind::Foreword => 2,
        ElementKind::Introduction => 3,
        ElementKind::BodyTitle => 4,
        ElementKind::Chapter => 5,
        ElementKind::Annex => 6,
        ElementKind::Bibliography => 7,
        ElementKind::Index => 8,
    }
}

fn element_name(kind: ElementKind, label: Option<&str>) -> (String, String) {
    match (kind, label) {
        (ElementKind::Chapter, Some(n)) => (format!("第{n}章"), format!("chapter {n}")),
        (ElementKind::Annex, Some(l)) => (format!("附录{l}"), format!("annex {l}")),
        _ => (kind.name_zh().to_owned(), kind.name_en().to_owned()),
    }
}

/// The English name as a sentence uses it: “chapter 4”, “annex A”, but “the bibliography”.
fn with_article(name: &str) -> String {
    if name.starts_with("chapter ") || name.starts_with("annex ") { name.to_owned() } else { format!("the {name}") }
}

/// Finds the first element out of order among those `in_scope` says to compare, and reports it
/// against the element it should have preceded.
fn out_of_order(
    elements: &[crate::model::Element],
    in_scope: impl Fn(u8, u8) -> bool,
) -> Vec<(&crate::model::Element, &crate::model::Element)> {
    let mut found = Vec::new();
    let mut highest: Option<&crate::model::Element> = None;
    for element in elements {
        let r = rank(element.kind);
        if let Some(top) = highest {
            let top_rank = rank(top.kind);
            if r < top_rank && in_scope(r, top_rank) {
                // One finding per misplaced run: later chapters after the same annex are the
                // same mistake.
                if !found.iter().any(|(_, b): &(_, &crate::model::Element)| b.span == top.span) {
                    found.push((element, top));
                }
                continue;
            }
        }
        if highest.is_none_or(|h| r >= rank(h.kind)) {
            highest = Some(element);
        }
    }
    found
}
