//! NU — chapters, clauses, paragraphs (GB/T 1.1-2020 7.2–7.4).

mod chapter_sequence;
mod chapter_title;
mod clause_depth;
mod clause_number_prefix;
mod clause_sequence;
mod hanging_paragraph;
mod lone_subclause;
mod sibling_titles;

use crate::model::{Clause, Document};
use crate::rules::Rule;

pub(super) const RULES: &[&dyn Rule] = &[
    &chapter_sequence::ChapterSequence,
    &chapter_title::ChapterTitle,
    &clause_number_prefix::ClauseNumberPrefix,
    &clause_sequence::ClauseSequence,
    &lone_subclause::LoneSubclause,
    &clause_depth::ClauseDepth,
    &sibling_titles::SiblingTitles,
    &hanging_paragraph::HangingParagraph,
];

/// A parent and its subclauses: every clause with children, plus each annex with its
/// first-level clauses (an annex is subdivided like a chapter).
pub(crate) struct Family<'a> {
    /// The parent's label for messages: `5`, `5.2`, `附录A`.
    pub label: String,
    pub parent: Option<&'a Clause>,
    pub children: &'a [Clause],
}

pub(crate) fn families(doc: &Document) -> Vec<Family<'_>> {
    let mut out = Vec::new();
    for clause in doc.all_clauses() {
        if !clause.children.is_empty() {
            out.push(Family { label: clause.declared.text.clone(), parent: Some(clause), children: &clause.children });
        }
    }
    for annex in &doc.annexes {
        if !annex.clauses.is_empty() {
            out.push(Family { label: format!("附录{}", annex.letter), parent: None, children: &annex.clauses });
        }
    }
    out
}

/// True when `child` carries the number its parent implies (5.2.1 under 5.2).
pub(crate) fn prefix_matches(parent: &Clause, child: &Clause) -> bool {
    child.number.annex == parent.number.annex
        && child.number.depth() == parent.number.depth() + 1
        && child.number.parts.starts_with(&parent.number.parts)
}
