//! LS — lists (GB/T 1.1-2020 7.5).

mod list_depth;
mod list_lead_in;
mod list_marker;
mod list_sequence;
mod mixed_markers;

use crate::model::{Block, BlockKind, Clause, Document, MarkerKind, Text};
use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[
    &list_marker::ListMarker,
    &list_sequence::ListSequence,
    &list_lead_in::ListLeadIn,
    &list_depth::ListDepth,
    &mixed_markers::MixedMarkers,
];

/// One item of a list, as the reader classified it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item<'a> {
    pub marker: &'a Text,
    pub kind: MarkerKind,
    /// 1 for the first level; the reader nests `·` under `——` and `1)` under `a)`.
    pub depth: usize,
}

impl<'a> Item<'a> {
    pub fn of(block: &'a Block) -> Option<Item<'a>> {
        match &block.kind {
            BlockKind::ListItem { marker, kind, depth } => Some(Item { marker, kind: *kind, depth: *depth }),
            _ => None,
        }
    }

    /// The ordinal of a letter or digit number: `c)` → 3, `12)` → 12.
    pub fn ordinal(&self) -> Option<u32> {
        let text = self.marker.text.trim();
        match self.kind {
            MarkerKind::Letter => {
                text.chars().next().filter(char::is_ascii_lowercase).map(|c| u32::from(c) - u32::from('a') + 1)
            }
            MarkerKind::Digit => {
                let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
                digits.parse().ok()
            }
            _ => None,
        }
    }
}

/// True for an item the reader took from a clause number glued to its text
/// (`5.3.1.3.1CI应对…`): its marker `5.` runs on into more digits, so it starts a clause, not
/// a list.
pub(crate) fn is_clause_number(doc: &Document, item: &Item<'_>) -> bool {
    let marker = item.marker.text.trim_end();
    let after = doc.source.text.get(item.marker.span.end..).and_then(|s| s.chars().next());
    item.kind == MarkerKind::Other
        && marker.ends_with(['.', '．'])
        && marker.trim_end_matches(['.', '．']).chars().all(|c| c.is_ascii_digit())
        && after.is_some_and(|c| c.is_ascii_digit())
}

/// The label a letter or digit number has at `ordinal`: `c)` for (Letter, 3).
pub(crate) fn numbered_label(kind: MarkerKind, ordinal: u32) -> String {
    match kind {
        MarkerKind::Letter => char::from_u32(u32::from('a') + ordinal.saturating_sub(1))
            .filter(char::is_ascii_lowercase)
            .map_or_else(|| format!("第{ordinal}项"), |c| format!("{c})")),
        _ => format!("{ordinal})"),
    }
}

/// A list: a run of consecutive list items in one container.
pub(crate) struct List<'a> {
    pub items: Vec<Item<'a>>,
    /// The block right before the first item; `None` when the list opens its clause, right
    /// after the heading.
    pub before: Option<&'a Block>,
    /// Which container the list stands in (an index into [`containers`]), so that a rule can
    /// tell a list interrupted by a paragraph from a list elsewhere.
    pub container: usize,
    /// Only notes or examples stand between this list and the one before it in its container,
    /// which opens with the same marker kind: one list interrupted by a note, not a new one.
    pub continues: bool,
}

/// The block sequences lists (and notes) can stand in: the foreword, the introduction, every
/// clause of `clauses` (the document's) and every annex (not the bibliography or the index,
/// whose entries are no lists). Read through
/// [`Context::block_containers`](crate::rules::Context::block_containers), which keeps them
/// for the run.
pub(crate) fn containers<'a>(doc: &'a Document, clauses: &[&'a Clause]) -> Vec<&'a [Block]> {
    let mut out: Vec<&[Block]> = Vec::new();
    for section in [&doc.foreword, &doc.introduction].into_iter().flatten() {
        out.push(&section.blocks);
        out.extend(section.subclauses.iter().map(|c| c.blocks.as_slice()));
    }
    out.extend(clauses.iter().map(|c| c.blocks.as_slice()));
    out.extend(doc.annexes.iter().map(|a| a.blocks.as_slice()));
    out
}

/// Every list of the document, in container order, with the item levels worked out over the
/// whole list (see [`nest`]).
/// Read through [`Context::lists`](crate::rules::Context::lists), which keeps them for the run.
pub(crate) fn lists<'a>(doc: &Document, containers: &[&'a [Block]]) -> Vec<List<'a>> {
    let mut out = Vec::new();
    for (container, &blocks) in containers.iter().enumerate() {
        let mut current: Option<List<'_>> = None;
        // The first marker kind of the last list, while only notes and examples follow it.
        let mut interrupted: Option<MarkerKind> = None;
        for (i, block) in blocks.iter().enumerate() {
            match Item::of(block).filter(|item| !is_clause_number(doc, item)) {
                Some(item) => current
                    .get_or_insert_with(|| List {
                        items: Vec::new(),
                        before: i.checked_sub(1).and_then(|p| blocks.get(p)),
                        container,
                        continues: interrupted == Some(item.kind),
                    })
                    .items
                    .push(item),
                None => {
                    if let Some(done) = current.take() {
                        interrupted = done.items.first().map(|i| i.kind);
                        out.push(done);
                    }
                    if !matches!(block.kind, BlockKind::Note { .. } | BlockKind::Example { .. }) {
                        interrupted = None;
                    }
                }
            }
        }
        out.extend(current.take());
    }
    for list in &mut out {
        nest(&mut list.items);
    }
    out
}

/// Sets each item's level from the markers of the whole list. The reader decides an item's
/// depth from the item before it alone, so after a third-level `·` it puts the next `c)` on
/// the second level; here a marker kind already open in the list returns to its level
/// (`a)` `1)` `·` `c)` → 1 2 3 1). Otherwise the reader's rules stand: `·` and `1)` open a
/// level below, `——` and `a)` leave a second-level marker for the level above.
fn nest(items: &mut [Item<'_>]) {
    let mut open: Vec<MarkerKind> = Vec::new();
    for item in items {
        let kind = item.kind;
        if let Some(at) = open.iter().rposition(|k| *k == kind) {
            open.truncate(at + 1);
        } else if matches!(kind, MarkerKind::Dot | MarkerKind::Digit) && !open.is_empty() {
            open.push(kind);
        } else {
            if open.len() > 1 && open.last().is_some_and(|k| matches!(k, MarkerKind::Dot | MarkerKind::Digit)) {
                open.pop();
            }
            match open.last_mut() {
                Some(top) if kind != MarkerKind::Other => *top = kind,
                _ => {
                    open.clear();
                    open.push(kind);
                }
            }
        }
        item.depth = open.len().max(1);
    }
}

/// How a marker kind is named in messages.
pub(crate) fn kind_name(kind: MarkerKind) -> (&'static str, &'static str) {
    match kind {
        MarkerKind::Dash => ("破折号“——”", "the dash “——”"),
        MarkerKind::Dot => ("间隔号“·”", "the interpunct “·”"),
        MarkerKind::Letter => ("字母编号“a)”", "letter numbers “a)”"),
        MarkerKind::Digit => ("数字编号“1)”", "digit numbers “1)”"),
        MarkerKind::Other => ("其他符号", "another mark"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn depths(kinds: &[MarkerKind]) -> Vec<usize> {
        let blocks: Vec<Block> = kinds
            .iter()
            .map(|k| Block {
                kind: BlockKind::ListItem { marker: Text::new("", Span::empty(0)), kind: *k, depth: 1 },
                span: Span::empty(0),
            })
            .collect();
        let mut items: Vec<Item<'_>> = blocks.iter().filter_map(Item::of).collect();
        nest(&mut items);
        items.iter().map(|i| i.depth).collect()
    }

    #[test]
    fn levels_return_to_the_open_marker() {
        use MarkerKind::*;
        assert_eq!(depths(&[Letter, Digit, Dot, Letter, Digit]), vec![1, 2, 3, 1, 2]);
        assert_eq!(depths(&[Letter, Digit, Dot, Digit]), vec![1, 2, 3, 2]);
        assert_eq!(depths(&[Dash, Dot, Dot, Dash]), vec![1, 2, 2, 1]);
        assert_eq!(depths(&[Dash, Letter, Dash]), vec![1, 1, 1]);
        assert_eq!(depths(&[Digit, Digit]), vec![1, 1]);
        assert_eq!(depths(&[Letter, Digit, Dash]), vec![1, 2, 1]);
    }
}
