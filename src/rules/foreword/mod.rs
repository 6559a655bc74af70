//! FW — foreword statements (GB/T 1.1-2020 8.3).

mod drafters;
mod drafting_statement;
mod patent_statement;
mod proposer_responsible;

use crate::model::{Block, Document};
use crate::rules::Rule;

pub(super) const RULES: &[&dyn Rule] = &[
    &drafting_statement::DraftingStatement,
    &patent_statement::PatentStatement,
    &proposer_responsible::ProposerResponsible,
    &drafters::Drafters,
];

/// The paragraphs of the foreword (its subclauses included: the structure is ST005's).
fn foreword_blocks(doc: &Document) -> Vec<&Block> {
    let Some(f) = &doc.foreword else {
        return Vec::new();
    };
    f.blocks.iter().chain(f.subclauses.iter().flat_map(|s| s.blocks.iter())).filter(|b| b.is_prose()).collect()
}
