//! TM — terms and definitions (GB/T 1.1-2020 8.7).

mod lead_in;
mod none_statement;
mod term_number;

use crate::model::{Block, BlockKind, Clause, TermEntry};
use crate::rules::Rule;

pub(super) const RULES: &[&dyn Rule] = &[&lead_in::TermsLeadIn, &none_statement::TermsNone, &term_number::TermNumber];

pub const LEAD_IN: &str = "下列术语和定义适用于本文件。";
pub const NONE_STATEMENT: &str = "本文件没有需要界定的术语和定义。";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermsLeadIn {
    /// 下列术语和定义适用于本文件。
    Local,
    /// ……界定的术语和定义适用于本文件。
    Imported,
    /// ……界定的以及下列术语和定义适用于本文件。
    ImportedAndLocal,
    /// 本文件没有需要界定的术语和定义。
    None,
}

fn classify(text: &str) -> Option<TermsLeadIn> {
    let key = crate::rules::normalize::sentence_key(text);
    if key == LEAD_IN {
        Some(TermsLeadIn::Local)
    } else if key == NONE_STATEMENT {
        Some(TermsLeadIn::None)
    } else if key.ends_with("界定的以及下列术语和定义适用于本文件。")
        && key.len() > "界定的以及下列术语和定义适用于本文件。".len()
    {
        Some(TermsLeadIn::ImportedAndLocal)
    } else if key.ends_with("界定的术语和定义适用于本文件。") && key.len() > "界定的术语和定义适用于本文件。".len()
    {
        Some(TermsLeadIn::Imported)
    } else {
        None
    }
}

/// The term entries of the terms chapter, its concept-group subclauses included.
fn entries(chapter: &Clause) -> Vec<&TermEntry> {
    chapter
        .all_blocks()
        .into_iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Term(entry) => Some(entry.as_ref()),
            _ => None,
        })
        .collect()
}

/// The paragraph before the first term entry: where the lead-in stands.
fn lead_paragraph(chapter: &Clause) -> Option<&Block> {
    chapter
        .blocks
        .iter()
        .take_while(|b| !matches!(b.kind, BlockKind::Term(_)))
        .find(|b| matches!(b.kind, BlockKind::Paragraph))
}
