//! NE — notes, examples, footnotes (GB/T 1.1-2020 9.10–9.12).

mod example_label;
mod example_provisions;
mod note_label;
mod note_numbering;
mod note_provisions;

use crate::model::{Block, BlockKind};
use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[
    &note_label::NoteLabel,
    &note_provisions::NoteProvisions,
    &example_label::ExampleLabel,
    &example_provisions::ExampleProvisions,
    &note_numbering::NoteNumbering,
];

/// Notes or examples?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Note,
    Example,
}

fn is_kind(block: &Block, kind: Kind) -> bool {
    match kind {
        Kind::Note => matches!(block.kind, BlockKind::Note { .. }),
        Kind::Example => matches!(block.kind, BlockKind::Example { .. }),
    }
}

/// The label number of a note or example block (`注2：` → 2).
fn number_of(block: &Block) -> Option<u32> {
    match &block.kind {
        BlockKind::Note { number, .. } | BlockKind::Example { number, .. } => *number,
        _ => None,
    }
}

fn label_of(block: &Block) -> Option<&crate::model::Text> {
    match &block.kind {
        BlockKind::Note { label, .. } | BlockKind::Example { label, .. } => Some(label),
        _ => None,
    }
}

/// Splits the blocks of one container into numbering groups: the container's own notes, and
/// the notes that directly follow a table or figure (numbered within that table or figure).
fn split<'a>(blocks: &'a [Block], kind: Kind, out: &mut Vec<Vec<&'a Block>>) {
    // Only groups with a member are kept: `out` holds the groups of every container so far.
    let keep = |group: Vec<&'a Block>, out: &mut Vec<Vec<&'a Block>>| {
        if !group.is_empty() {
            out.push(group);
        }
    };
    let mut own: Vec<&Block> = Vec::new();
    let mut attached: Option<Vec<&Block>> = None;
    for block in blocks {
        match block.kind {
            BlockKind::Table | BlockKind::Figure if kind == Kind::Note => {
                if let Some(group) = attached.take() {
                    keep(group, out);
                }
                attached = Some(Vec::new());
            }
            _ if is_kind(block, kind) => match attached.as_mut() {
                Some(group) => group.push(block),
                None => own.push(block),
            },
            _ => {
                if let Some(group) = attached.take() {
                    keep(group, out);
                }
            }
        }
    }
    if let Some(group) = attached.take() {
        keep(group, out);
    }
    keep(own, out);
}

/// The groups of notes (or examples) numbered together: per clause (or chapter without
/// subclauses), per annex, per term entry, per table or figure; in document order of their first
/// member.
/// Read through [`Context::note_groups`](crate::rules::Context::note_groups), which keeps them
/// for the run.
pub(crate) fn groups<'a>(containers: &[&'a [Block]], kind: Kind) -> Vec<Vec<&'a Block>> {
    let mut out = Vec::new();
    for &blocks in containers {
        for block in blocks {
            if let BlockKind::Term(entry) = &block.kind {
                split(&entry.notes, kind, &mut out);
            }
        }
        split(blocks, kind, &mut out);
    }
    out.sort_by_key(|g| g.first().map_or(0, |b| b.span.start));
    out
}

/// Every note (or example) of the document with its text, term-entry notes included.
fn all_of<'a>(ctx: &crate::rules::Context<'a>, kind: Kind) -> impl Iterator<Item = &'a Block> + 'a {
    ctx.note_groups(kind).iter().flatten().copied()
}
