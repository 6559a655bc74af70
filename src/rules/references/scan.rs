//! Text scanning shared by the reference, term, annex, figure and note rules: the document cut
//! into units that know where they stand, sentence bounds, and the regions rules leave out.

pub(crate) use crate::model::Form;
pub(crate) use crate::model::xref::{citation_form_in, fold_label, sentence_bounds};
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

/// The span from an element's heading to the next element (chapter, annex, 参考文献 …). The
/// elements stand in the order they were written, which is the order of their starts: the next
/// one is found by binary search (a document of many annexes asked this for each).
pub(crate) fn element_region(doc: &Document, start: usize) -> Span {
    let next = doc.elements.partition_point(|e| e.span.start <= start);
    let end = doc.elements.get(next).map_or(doc.source.text.len(), |e| e.span.start);
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
/// document order (headings last). Found once per document: seven rules read them.
pub(crate) fn units(doc: &Document) -> &[Unit] {
    crate::model::Derived::shared(&doc.derived.units, || find_units(doc)).map_or(&[], Vec::as_slice)
}

fn find_units(doc: &Document) -> Vec<Unit> {
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

/// Words a table header gives the column of examples.
const EXAMPLE_HEADERS: &[&str] = &["示例", "举例", "例子", "样例", "Example", "example"];

/// A table's column of examples (`示例`), to ask whether a citation stands in it: an example,
/// not a provision. Rows are HTML `<tr>` or Markdown lines; cells `<td>`/`<th>` or `|`. The
/// table is read once for its form, its header's cells and where its rows and cells open, and
/// each citation is then placed by binary search: reading the table back from each citation
/// was quadratic in a long table (a Word table is one line, its rows joined by ` / `).
pub(crate) struct ExampleColumn<'t> {
    /// The header's cells, in order (for HTML, the pieces after each `<td`/`<th`).
    header_cells: Vec<&'t str>,
    html: bool,
    /// Where each row opens (`<tr`, or a line break) and each cell (`<td`/`<th`, or `|`).
    row_marks: Vec<usize>,
    cell_marks: Vec<usize>,
    /// The length of a mark: one counts only when it ends before the citation.
    mark_len: usize,
}

impl<'t> ExampleColumn<'t> {
    pub(crate) fn of(table: &'t str) -> Self {
        let html = table.contains("<tr");
        let bytes = table.as_bytes();
        let (header_cells, row_marks, cell_marks, mark_len) = if html {
            let header = table.get(..table.find("</tr>").unwrap_or(table.len())).unwrap_or_default();
            let cells = header.split("<t").filter(|c| c.starts_with('d') || c.starts_with('h')).collect();
            let tags: Vec<usize> = memchr::memmem::find_iter(bytes, b"<t").collect();
            let tag = |letter: u8| -> Vec<usize> {
                tags.iter().copied().filter(|&at| bytes.get(at + 2) == Some(&letter)).collect()
            };
            let mut cell_marks = tag(b'd');
            cell_marks.extend(tag(b'h'));
            cell_marks.sort_unstable();
            (cells, tag(b'r'), cell_marks, 3)
        } else {
            let header = table.lines().next().unwrap_or_default();
            let rows = memchr::memchr_iter(b'\n', bytes).collect();
            (header.split('|').collect(), rows, memchr::memchr_iter(b'|', bytes).collect(), 1)
        };
        ExampleColumn { header_cells, html, row_marks, cell_marks, mark_len }
    }

    /// Whether the citation at `at` of the table's text stands in the column of examples.
    pub(crate) fn holds(&self, at: usize) -> bool {
        // The marks that end at or before `at`: those the text before the citation holds.
        let before = |marks: &[usize]| marks.partition_point(|&m| m + self.mark_len <= at);
        let rows_before = before(&self.row_marks);
        // A row opens at its `<tr`, or after its line break.
        let row_start = match rows_before.checked_sub(1).and_then(|i| self.row_marks.get(i)) {
            Some(&mark) if self.html => mark,
            Some(&mark) => mark + 1,
            None => 0,
        };
        let index = before(&self.cell_marks) - self.cell_marks.partition_point(|&m| m < row_start);
        let header_cell =
            if self.html { self.header_cells.get(index.saturating_sub(1)) } else { self.header_cells.get(index) };
        header_cell.is_some_and(|cell| EXAMPLE_HEADERS.iter().any(|w| cell.contains(w)))
    }
}

/// [`ExampleColumn::holds`] for one citation.
#[cfg(test)]
fn in_example_column(table: &str, at: usize) -> bool {
    ExampleColumn::of(table).holds(at)
}

#[cfg(test)]
mod tests {
    use super::in_example_column;

    /// The reading back from each citation that [`super::ExampleColumn`] replaced.
    fn by_reading_back(table: &str, at: usize) -> bool {
        let html = table.contains("<tr");
        let (row_start, header) = if html {
            let row_start = table.get(..at).and_then(|s| s.rfind("<tr")).unwrap_or(0);
            let header_end = table.find("</tr>").unwrap_or(table.len());
            (row_start, table.get(..header_end).unwrap_or_default())
        } else {
            let row_start = table.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
            (row_start, table.lines().next().unwrap_or_default())
        };
        let cells_before = |row: &str| {
            if html { row.matches("<td").count() + row.matches("<th").count() } else { row.matches('|').count() }
        };
        let index = cells_before(table.get(row_start..at).unwrap_or_default());
        let header_cell = if html {
            header.split("<t").filter(|c| c.starts_with('d') || c.starts_with('h')).nth(index.saturating_sub(1))
        } else {
            header.split('|').nth(index)
        };
        header_cell.is_some_and(|cell| super::EXAMPLE_HEADERS.iter().any(|w| cell.contains(w)))
    }

    #[test]
    fn placing_by_binary_search_answers_as_reading_back() {
        const PIECES: &[&str] =
            &["|", "\n", " / ", "示例", "规则", "GB/T 1", "<tr>", "</tr>", "<td>", "<th>", "</td>", "<t", "a", "举例"];
        let mut held = 0;
        for table in crate::model::generated_texts(0x5be0_cd19_137e_2179, PIECES, 14).take(20_000) {
            let column = super::ExampleColumn::of(&table);
            for (at, _) in table.char_indices() {
                let expected = by_reading_back(&table, at);
                assert_eq!(column.holds(at), expected, "{table:?} at {at}");
                held += usize::from(expected);
            }
        }
        assert!(held > 1_000, "{held}");
    }

    #[test]
    fn citations_in_a_column_of_examples() {
        let html = "<table><tr><td>编码规则</td><td>要求</td><td>示例</td></tr><tr><td>数字</td><td>按规则</td><td>采用GB/T 3304</td></tr></table>";
        let at = html.find("GB/T").unwrap_or(0);
        assert!(in_example_column(html, at));
        let normative = html.replace("<td>按规则</td><td>采用GB/T 3304</td>", "<td>采用GB/T 3304</td><td>01</td>");
        assert!(!in_example_column(&normative, normative.find("GB/T").unwrap_or(0)));
        let pipe = "| 规则 | 示例 |\n|---|---|\n| 数字 | 采用GB/T 3304 |";
        assert!(in_example_column(pipe, pipe.find("GB/T").unwrap_or(0)));
        assert!(!in_example_column(pipe, pipe.find("数字").unwrap_or(0)));
    }
}
