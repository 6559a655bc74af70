//! The walk over `word/document.xml`: paragraphs, runs, tables, fields, text boxes and tracked
//! changes, rendered one paragraph per line for the shared classifier.
//!
//! - The accepted view: `w:ins` / `w:moveTo` are read, `w:del` / `w:moveFrom` and the old
//!   properties of formatting changes are skipped, a deleted paragraph mark joins its text to
//!   the next paragraph, a deleted table row disappears.
//! - Fields show their cached result (`w:fldChar` begin … separate … end; FORMTEXT cover
//!   fields, SEQ caption numbers, PAGEREF in the 目次); field codes are never text.
//! - Content controls (`w:sdt`) show their content; `mc:AlternateContent` is read once, from
//!   its first `mc:Choice`; text boxes become lines after the paragraph that anchors them.
//! - Hidden runs (`w:vanish`), footnote references and comment marks are not text. Footnotes
//!   and headers are not read.

use super::fields::Fields;
use super::numbering::{Missing, Numbering};
use super::styles::{Role, Styles};
use super::view::{Piece, Rendered, View};
use super::xml::{Item, Ns, Tag, Xml};
use crate::read::ReadError;
use crate::read::classify::{LineClass, classify};
use crate::read::lines::LineKind;
use crate::source::{ParagraphIndex, Span};

/// What became of a document's text.
pub(crate) struct Walked {
    pub view: View,
    /// Insertions, deletions, moves and formatting changes seen.
    pub revisions: usize,
    /// Comment anchors seen in the text.
    pub comments: usize,
    /// The line of the first paragraph with a revision or a comment.
    pub first_change: Option<Span>,
    /// Every `w:p` of the body, walked or skipped, for the paragraph ordinal of a finding.
    pub paragraphs: ParagraphIndex,
    /// Paragraphs that ask for a number `numbering.xml` cannot give.
    pub numbering_defects: Vec<NumberingDefect>,
}

/// A paragraph whose `w:numPr` points to numbering that is not there.
pub(crate) struct NumberingDefect {
    pub missing: Missing,
    /// The paragraph's first line in the view.
    pub span: Span,
}

enum Chunk {
    Text(Piece),
    Break,
}

#[derive(Default)]
struct Para {
    start: usize,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    mark_deleted: bool,
    hidden: bool,
    chunks: Vec<Chunk>,
    picture: bool,
    picture_name: Option<(usize, String)>,
    /// Lines of text boxes anchored in this paragraph, written after it.
    deferred: Vec<Rendered>,
    /// normlint directives from Word comments anchored in this paragraph.
    directives: Vec<String>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<Piece>>>,
    row_deleted: bool,
}

enum Frame {
    Para(Box<Para>),
    Table(Table),
}

enum Action {
    Descend,
    Skip,
}

struct Walker<'s> {
    styles: &'s Styles,
    /// Comment id → the directive line its text makes (`<!-- normlint-disable-next-line … -->`).
    directives: &'s crate::hash::HashMap<String, String>,
    /// Directives met between paragraphs, for the next one.
    pending_directives: Vec<String>,
    numbering: &'s mut Numbering,
    view: View,
    frames: Vec<Frame>,
    fields: Fields,
    /// Open elements that are walked (skipped subtrees are not pushed).
    path: Vec<(Ns, &'static str)>,
    skip: Option<usize>,
    /// For each open `mc:AlternateContent`: whether a branch was taken.
    alternates: Vec<bool>,
    /// Text of paragraphs whose mark was deleted, joined to the next paragraph.
    carry: Vec<Chunk>,
    revisions: usize,
    comment_ids: crate::hash::HashSet<String>,
    directive_ids: crate::hash::HashSet<String>,
    change_pending: bool,
    first_change: Option<Span>,
    structure_seen: bool,
    numbering_defects: Vec<NumberingDefect>,
}

pub(crate) fn walk(
    xml: &mut Xml<'_>,
    styles: &Styles,
    numbering: &mut Numbering,
    directives: &crate::hash::HashMap<String, String>,
) -> Result<Walked, ReadError> {
    let mut walker = Walker {
        styles,
        directives,
        pending_directives: Vec::new(),
        numbering,
        view: View::default(),
        frames: Vec::new(),
        fields: Fields::default(),
        path: Vec::new(),
        skip: None,
        alternates: Vec::new(),
        carry: Vec::new(),
        revisions: 0,
        comment_ids: crate::hash::HashSet::default(),
        directive_ids: crate::hash::HashSet::default(),
        change_pending: false,
        first_change: None,
        structure_seen: false,
        numbering_defects: Vec::new(),
    };
    // All `w:p` of the body count, as `//w:body//w:p` counts them: deleted, hidden and
    // alternative content included, whatever the walk makes of them.
    let mut paragraphs = ParagraphIndex::default();
    let mut in_body = false;
    loop {
        let (at, item) = xml.next()?;
        match &item {
            Item::Open(tag) | Item::Empty(tag) if in_body && tag.is(Ns::W, "p") => {
                paragraphs.open(at, matches!(item, Item::Empty(_)), xml.position());
            }
            Item::Open(tag) if tag.is(Ns::W, "body") => in_body = true,
            Item::Close { ns: Ns::W, local: "p" } if in_body => paragraphs.close(xml.position()),
            Item::Close { ns: Ns::W, local: "body" } => in_body = false,
            _ => {}
        }
        match item {
            Item::Eof => break,
            Item::Open(tag) | Item::Empty(tag) if walker.skip.is_some() => drop(tag),
            Item::Open(tag) => {
                if let Action::Skip = walker.open(&tag, at, true) {
                    walker.skip = Some(xml.depth());
                } else {
                    walker.path.push((tag.ns, tag.local));
                }
            }
            Item::Empty(tag) => {
                walker.open(&tag, at, false);
            }
            Item::Close { ns, local } => {
                if let Some(depth) = walker.skip {
                    if xml.depth() < depth {
                        walker.skip = None;
                    }
                    continue;
                }
                walker.path.pop();
                walker.close(ns, local);
            }
            Item::Text(text) => {
                if walker.skip.is_none() && walker.capturing() {
                    walker.text(&text, at);
                }
            }
            Item::Char(c) => {
                if walker.skip.is_none() && walker.capturing() {
                    let text = if matches!(c, '\n' | '\r') { ' ' } else { c };
                    walker.push_piece(Piece::anchored(text.encode_utf8(&mut [0; 4]), at));
                }
            }
        }
    }
    // Unclosed frames cannot happen in a well-formed part; a carried text still gets its line.
    if !walker.carry.is_empty() {
        let para = Para { start: walker.carry_anchor(), ..Para::default() };
        walker.frames.push(Frame::Para(Box::new(para)));
        walker.close(Ns::W, "p");
    }
    if walker.change_pending && walker.first_change.is_none() {
        walker.first_change = walker.view.lines.last().map(|l| l.span);
    }
    Ok(Walked {
        view: walker.view,
        revisions: walker.revisions,
        comments: walker.comment_ids.len(),
        first_change: walker.first_change,
        paragraphs,
        numbering_defects: walker.numbering_defects,
    })
}

/// The character a `w:sym` shows: Symbol-font code points mapped for the usual signs, plain
/// Unicode as is; other private-use glyphs are dropped.
fn symbol_char(font: &str, code: &str) -> Option<char> {
    let n = u32::from_str_radix(code.trim(), 16).ok()?;
    let low = if (0xF000..=0xF0FF).contains(&n) { n - 0xF000 } else { n };
    let in_private_use = (0xE000..=0xF8FF).contains(&n);
    if font.to_ascii_lowercase().contains("symbol") {
        let c = match low {
            0xB4 => '×',
            0xB1 => '±',
            0xB0 => '°',
            0xA3 => '≤',
            0xB3 => '≥',
            0xB9 => '≠',
            0xBB => '≈',
            0xB8 => '÷',
            0x2D => '−',
            0xD7 => '⋅',
            0xA5 => '∞',
            0xD6 => '√',
            0xE5 => '∑',
            0xB6 => '∂',
            0xAE => '→',
            0x61 => 'α',
            0x62 => 'β',
            0x67 => 'γ',
            0x64 => 'δ',
            0x65 => 'ε',
            0x6C => 'λ',
            0x6D => 'μ',
            0x70 => 'π',
            0x72 => 'ρ',
            0x73 => 'σ',
            0x74 => 'τ',
            0x66 => 'φ',
            0x77 => 'ω',
            0x57 => 'Ω',
            0x44 => 'Δ',
            0x53 => 'Σ',
            0x20..=0x7E if !matches!(low, 0x41..=0x5A | 0x61..=0x7A) => char::from_u32(low)?,
            _ => return None,
        };
        return Some(c);
    }
    if in_private_use { None } else { char::from_u32(n) }
}

fn obligation_like(text: &str) -> bool {
    let t = text.trim();
    t.starts_with(['（', '(']) && (t.contains("规范性") || t.contains("资料性")) && t.chars().count() <= 12
}

/// What goes between a numbering label and the text: nothing after `：`, `——`, `·`, `、`;
/// one space otherwise (the view does not keep Word's tab or ideographic space).
fn separator(label: &str) -> &'static str {
    match label.chars().next_back() {
        Some('：' | ':' | '—' | '·' | '、') => "",
        _ => " ",
    }
}

impl Walker<'_> {
    fn para(&mut self) -> Option<&mut Para> {
        match self.frames.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn table(&mut self) -> Option<&mut Table> {
        self.frames.iter_mut().rev().find_map(|f| match f {
            Frame::Table(t) => Some(t),
            Frame::Para(_) => None,
        })
    }

    fn parent(&self, up: usize) -> Option<(Ns, &'static str)> {
        self.path.len().checked_sub(1 + up).and_then(|i| self.path.get(i)).copied()
    }

    fn parent_is(&self, up: usize, local: &str) -> bool {
        self.parent(up).is_some_and(|(ns, l)| ns == Ns::W && l == local)
    }

    fn revision(&mut self) {
        self.revisions += 1;
        self.change_pending = true;
    }

    fn capturing(&self) -> bool {
        let in_text = matches!(self.path.last(), Some((Ns::W | Ns::Math, "t")));
        let visible = match self.frames.last() {
            Some(Frame::Para(p)) => !p.hidden,
            _ => false,
        };
        in_text && visible && self.fields.visible()
    }

    fn push_piece(&mut self, piece: Piece) {
        if let Some(para) = self.para() {
            para.chunks.push(Chunk::Text(piece));
        }
    }

    /// Character data of a `w:t`: verbatim, except line breaks (which would split the line).
    fn text(&mut self, text: &str, at: usize) {
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if matches!(c, '\n' | '\r') {
                if i > from {
                    self.push_piece(Piece::verbatim(text.get(from..i).unwrap_or_default(), at + from));
                }
                self.push_piece(Piece::anchored(" ", at + i));
                from = i + 1;
            }
        }
        if from < text.len() {
            self.push_piece(Piece::verbatim(text.get(from..).unwrap_or_default(), at + from));
        }
    }

    fn open(&mut self, tag: &Tag<'_>, at: usize, is_open: bool) -> Action {
        match tag.ns {
            Ns::Mc => match tag.local {
                "AlternateContent" => {
                    if is_open {
                        self.alternates.push(false);
                    }
                    Action::Descend
                }
                "Choice" | "Fallback" => match self.alternates.last_mut() {
                    Some(taken) if !*taken => {
                        *taken = true;
                        Action::Descend
                    }
                    Some(_) => Action::Skip,
                    None => Action::Descend,
                },
                _ => Action::Descend,
            },
            Ns::W => self.open_w(tag, at, is_open),
            Ns::Math | Ns::Other => {
                match tag.local {
                    "docPr" => {
                        let name = tag.attr("descr").filter(|d| !d.trim().is_empty()).or_else(|| tag.attr("name"));
                        if let (Some(para), Some(name)) = (self.para(), name) {
                            para.picture_name.get_or_insert((at, name.into_owned()));
                        }
                    }
                    "pic" | "imagedata" | "chart" => {
                        if let Some(para) = self.para() {
                            para.picture = true;
                        }
                    }
                    _ => {}
                }
                Action::Descend
            }
        }
    }

    fn open_w(&mut self, tag: &Tag<'_>, at: usize, is_open: bool) -> Action {
        match tag.local {
            "p" if is_open => {
                self.frames.push(Frame::Para(Box::new(Para { start: at, ..Para::default() })));
            }
            "pStyle" if self.parent_is(0, "pPr") => {
                let style = tag.attr("val").map(|v| v.into_owned());
                if let Some(para) = self.para() {
                    para.style = style;
                }
            }
            "numId" if self.parent_is(0, "numPr") && self.parent_is(1, "pPr") => {
                let value = tag.number("val");
                if let Some(para) = self.para() {
                    para.num_id = value;
                }
            }
            "ilvl" if self.parent_is(0, "numPr") && self.parent_is(1, "pPr") => {
                let value = tag.number("val").and_then(|v| u8::try_from(v).ok());
                if let Some(para) = self.para() {
                    para.ilvl = value;
                }
            }
            "outlineLvl" if self.parent_is(0, "pPr") => {
                let value = tag.number("val").and_then(|v| u8::try_from(v).ok());
                if let Some(para) = self.para() {
                    para.outline = value;
                }
            }
            // The paragraph mark's own revision marks.
            "del" | "ins" | "moveFrom" | "moveTo" if self.parent_is(0, "rPr") => {
                self.revision();
                if matches!(tag.local, "del" | "moveFrom") && self.parent_is(1, "pPr") {
                    if let Some(para) = self.para() {
                        para.mark_deleted = true;
                    }
                }
                return Action::Skip;
            }
            "del" | "ins" if self.parent_is(0, "trPr") => {
                self.revision();
                if tag.local == "del" {
                    if let Some(table) = self.table() {
                        table.row_deleted = true;
                    }
                }
                return Action::Skip;
            }
            "del" | "moveFrom" | "pPrChange" | "rPrChange" | "sectPrChange" | "tblPrChange" | "trPrChange"
            | "tcPrChange" | "tblGridChange" | "numberingChange" | "cellIns" | "cellDel" | "cellMerge" => {
                self.revision();
                return Action::Skip;
            }
            "ins" | "moveTo" => self.revision(),
            "commentRangeStart" | "commentReference" => {
                let id = tag.attr("id").map(|v| v.into_owned()).unwrap_or_default();
                if let Some(directive) = self.directives.get(&id) {
                    // A suppression, not a review comment: one line per comment id.
                    if self.directive_ids.insert(id) {
                        match self.frames.iter_mut().rev().find_map(|f| match f {
                            Frame::Para(para) => Some(para),
                            Frame::Table(_) => None,
                        }) {
                            Some(para) => para.directives.push(directive.clone()),
                            None => self.pending_directives.push(directive.clone()),
                        }
                    }
                    return Action::Skip;
                }
                self.comment_ids.insert(id);
                self.change_pending = true;
                return Action::Skip;
            }
            "sdtPr"
            | "sdtEndPr"
            | "instrText"
            | "delText"
            | "delInstrText"
            | "footnoteReference"
            | "endnoteReference"
            | "annotationRef"
            | "footnoteRef"
            | "endnoteRef"
            | "separator"
            | "continuationSeparator"
            | "sectPr" => return Action::Skip,
            "r" => {
                if let Some(para) = self.para() {
                    para.hidden = false;
                }
            }
            "vanish" | "specVanish" if self.parent_is(0, "rPr") && self.parent_is(1, "r") => {
                let on = tag.is_on();
                if let Some(para) = self.para() {
                    para.hidden = on;
                }
            }
            "tab" | "br" | "cr" | "noBreakHyphen" | "sym" if self.parent_is(0, "r") && self.capturing_run() => {
                match tag.local {
                    "tab" => self.push_piece(Piece::anchored("\t", at)),
                    "noBreakHyphen" => self.push_piece(Piece::anchored("-", at)),
                    "sym" => {
                        let font = tag.attr("font").unwrap_or_default();
                        if let Some(c) = tag.attr("char").and_then(|code| symbol_char(&font, &code)) {
                            self.push_piece(Piece::anchored(c.encode_utf8(&mut [0; 4]), at));
                        }
                    }
                    _ => {
                        if !matches!(tag.attr("type").as_deref(), Some("page" | "column")) {
                            if let Some(para) = self.para() {
                                para.chunks.push(Chunk::Break);
                            }
                        }
                    }
                }
            }
            "fldChar" => match tag.attr("fldCharType").as_deref() {
                Some("begin") => self.fields.begin(),
                Some("separate") => self.fields.separate(),
                Some("end") => self.fields.end(),
                _ => {}
            },
            "tbl" if is_open => {
                self.frames.push(Frame::Table(Table::default()));
            }
            "tr" => {
                if let Some(table) = self.table() {
                    table.row_deleted = false;
                    table.rows.push(Vec::new());
                }
            }
            "tc" => {
                if let Some(row) = self.table().and_then(|t| t.rows.last_mut()) {
                    row.push(Vec::new());
                }
            }
            _ => {}
        }
        Action::Descend
    }

    /// Inside a visible run of a paragraph, outside any field code.
    fn capturing_run(&self) -> bool {
        matches!(self.frames.last(), Some(Frame::Para(p)) if !p.hidden) && self.fields.visible()
    }

    fn carry_anchor(&self) -> usize {
        self.carry
            .iter()
            .find_map(|c| match c {
                Chunk::Text(p) => Some(p.original),
                Chunk::Break => None,
            })
            .unwrap_or(0)
    }

    fn close(&mut self, ns: Ns, local: &str) {
        match (ns, local) {
            (Ns::Mc, "AlternateContent") => {
                self.alternates.pop();
            }
            (Ns::W, "p") => {
                if matches!(self.frames.last(), Some(Frame::Para(_))) {
                    if let Some(Frame::Para(para)) = self.frames.pop() {
                        self.finish_paragraph(*para);
                    }
                }
            }
            (Ns::W, "tr") => {
                if let Some(table) = self.table() {
                    if table.row_deleted {
                        table.rows.pop();
                        table.row_deleted = false;
                    }
                }
            }
            (Ns::W, "tbl") => {
                if matches!(self.frames.last(), Some(Frame::Table(_))) {
                    if let Some(Frame::Table(table)) = self.frames.pop() {
                        self.finish_table(table);
                    }
                }
            }
            _ => {}
        }
    }

    fn finish_paragraph(&mut self, mut para: Para) {
        self.fields.end_paragraph();
        let deferred = std::mem::take(&mut para.deferred);
        if para.mark_deleted {
            self.carry.append(&mut para.chunks);
            self.deliver(deferred);
            return;
        }
        let mut chunks = std::mem::take(&mut self.carry);
        chunks.append(&mut para.chunks);

        let styles = self.styles;
        let resolved = styles.resolve(para.style.as_deref());
        let mut level_role = None;
        let mut missing = None;
        let label = match para.num_id.or(resolved.num_id).filter(|&n| n != 0) {
            Some(num_id) => {
                let ilvl = para
                    .ilvl
                    .or(resolved.ilvl)
                    .or_else(|| self.numbering.level_for_styles(num_id, &styles.chain(para.style.as_deref())))
                    .unwrap_or(0);
                level_role = self.numbering.level_style(num_id, ilvl).and_then(|s| styles.role_of_id(s));
                missing = self.numbering.missing(num_id, ilvl);
                self.numbering.next_label(num_id, ilvl).map(|l| l.text)
            }
            None => None,
        };
        let outline_role =
            para.outline.or(resolved.outline).filter(|&o| o < 9).map(|o| Role::Heading(o.saturating_add(1)));
        // A heading whose number Word cannot draw is left to the text classifier, as a
        // paragraph typed in Normal style is: a number typed by hand, or the 目次, may still
        // give it its place, where a heading hint would make it a clause without a number.
        let numbered_role =
            |role: Role| matches!(role, Role::Heading(_) | Role::Untitled(_) | Role::AnnexHeading(_) | Role::Term(_));
        let role = resolved.role.or(level_role).or(outline_role).filter(|&r| missing.is_none() || !numbered_role(r));
        let label = label.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
        let lines = render(role, label, chunks, &para);
        let first_line = self.view.lines.len();
        // Directive lines go before the paragraph, as a Markdown comment line would; inside a
        // table or a text box there is no line of their own to give them.
        let mut directives = std::mem::take(&mut self.pending_directives);
        directives.append(&mut para.directives);
        if self.frames.is_empty() {
            for directive in directives {
                let line = Rendered {
                    pieces: vec![Piece::anchored(&directive, para.start)],
                    kind: crate::read::lines::LineKind::Skip,
                    heading: None,
                    continues: false,
                };
                self.emit(&line);
            }
        }
        self.deliver(lines);
        if let Some(missing) = missing {
            let span = self.view.lines.get(first_line).map_or(Span::empty(self.view.text.len()), |l| l.span);
            self.numbering_defects.push(NumberingDefect { missing, span });
        }
        self.deliver(deferred);
    }

    fn finish_table(&mut self, table: Table) {
        let rows: Vec<Vec<Vec<Piece>>> = table
            .rows
            .into_iter()
            .map(|row| row.into_iter().filter(|cell| cell.iter().any(|p| !p.text.trim().is_empty())).collect())
            .filter(|row: &Vec<Vec<Piece>>| !row.is_empty())
            .collect();
        let join = |parts: Vec<Vec<Piece>>, sep: &str| -> Vec<Piece> {
            let mut out = Vec::new();
            for (i, part) in parts.into_iter().enumerate() {
                if i > 0 {
                    let anchor = part.first().map_or(0, |p| p.original);
                    out.push(Piece::anchored(sep, anchor));
                }
                out.extend(part);
            }
            out
        };
        // A table inside a table cell: its text joins the outer cell.
        if matches!(self.frames.last(), Some(Frame::Table(_))) {
            let rows = rows.into_iter().map(|row| join(row, " | ")).collect();
            let pieces = join(rows, " / ");
            self.append_to_cell(pieces);
            return;
        }
        if !self.structure_seen {
            // A layout table on the cover (ICS | number …): one line per row.
            let lines = rows.into_iter().map(|row| Rendered::text(join(row, " "), None, false)).collect();
            self.deliver(lines);
            return;
        }
        let rows = rows.into_iter().map(|row| join(row, " | ")).collect();
        let pieces = join(rows, " / ");
        self.deliver(vec![Rendered { pieces, kind: LineKind::Table, heading: None, continues: false }]);
    }

    fn append_to_cell(&mut self, pieces: Vec<Piece>) {
        if pieces.iter().all(|p| p.text.trim().is_empty()) {
            return;
        }
        let Some(table) = self.table() else { return };
        if table.rows.is_empty() {
            table.rows.push(Vec::new());
        }
        let Some(row) = table.rows.last_mut() else { return };
        if row.is_empty() {
            row.push(Vec::new());
        }
        if let Some(cell) = row.last_mut() {
            if !cell.is_empty() {
                let anchor = pieces.first().map_or(0, |p| p.original);
                cell.push(Piece::anchored(" ", anchor));
            }
            cell.extend(pieces);
        }
    }

    /// Hands rendered lines to whatever encloses them: a paragraph (text box), a table cell,
    /// or the view.
    fn deliver(&mut self, lines: Vec<Rendered>) {
        match self.frames.last_mut() {
            Some(Frame::Para(para)) => para.deferred.extend(lines),
            Some(Frame::Table(_)) => {
                for line in lines {
                    self.append_to_cell(line.pieces);
                }
            }
            None => {
                for line in lines {
                    self.emit(&line);
                }
            }
        }
    }

    fn emit(&mut self, line: &Rendered) {
        let Some(span) = self.view.emit(line) else { return };
        if self.change_pending && self.first_change.is_none() {
            self.first_change = Some(span);
        }
        self.change_pending = false;
        if !self.structure_seen {
            let text = self.view.text.get(span.start..span.end).unwrap_or_default();
            self.structure_seen = line.heading.is_some()
                || line.kind == LineKind::Table
                || matches!(
                    classify(text, span.start),
                    LineClass::TocHeading
                        | LineClass::Foreword { .. }
                        | LineClass::Introduction { .. }
                        | LineClass::Numbered { .. }
                        | LineClass::Annex { .. }
                        | LineClass::Bibliography
                );
        }
    }
}

/// The lines of one paragraph, by its role.
fn render(role: Option<Role>, label: Option<String>, chunks: Vec<Chunk>, para: &Para) -> Vec<Rendered> {
    let mut segments: Vec<Vec<Piece>> = vec![Vec::new()];
    for chunk in chunks {
        match chunk {
            Chunk::Text(piece) => {
                if let Some(last) = segments.last_mut() {
                    last.push(piece);
                }
            }
            Chunk::Break => segments.push(Vec::new()),
        }
    }
    let blank = |s: &Vec<Piece>| s.iter().all(|p| p.text.trim().is_empty());
    if segments.iter().all(blank) && label.is_none() {
        if let (true, Some((at, name))) = (para.picture, para.picture_name.as_ref()) {
            let text = format!("[{}]", name.trim());
            return vec![Rendered {
                pieces: vec![Piece::anchored(&text, *at)],
                kind: LineKind::Figure,
                heading: None,
                continues: false,
            }];
        }
        if para.picture {
            return vec![Rendered {
                pieces: vec![Piece::anchored("[图]", para.start)],
                kind: LineKind::Figure,
                heading: None,
                continues: false,
            }];
        }
        return Vec::new();
    }
    segments.retain(|s| !blank(s));
    let anchor = para.start;
    let joined = |label: &Option<String>, segment: Option<Vec<Piece>>| -> Vec<Piece> {
        let mut out = Vec::new();
        if let Some(label) = label {
            out.push(Piece::anchored(label, anchor));
            if segment.is_some() {
                let sep = separator(label);
                if !sep.is_empty() {
                    out.push(Piece::anchored(sep, anchor));
                }
            }
        }
        out.extend(segment.unwrap_or_default());
        out
    };
    let mut segments = segments.into_iter();
    let mut lines = Vec::new();
    match role {
        Some(Role::Term(_) | Role::AnnexLabel) => {
            let level = match role {
                Some(Role::Term(level)) => level,
                _ => 1,
            };
            let mut first = true;
            if let Some(label) = &label {
                lines.push(Rendered::text(vec![Piece::anchored(label, anchor)], Some(level), false));
                first = false;
            }
            for segment in segments {
                let text: String = segment.iter().map(|p| p.text.as_str()).collect();
                let heading = match role {
                    Some(Role::AnnexLabel) if obligation_like(&text) => None,
                    Some(Role::AnnexLabel) => Some(level),
                    _ if first => Some(level),
                    _ => None,
                };
                first = false;
                lines.push(Rendered::text(segment, heading, false));
            }
        }
        Some(
            Role::FrontTitle
            | Role::BodyTitle
            | Role::Heading(_)
            | Role::Untitled(_)
            | Role::AnnexTitle
            | Role::AnnexHeading(_),
        ) => {
            let level = match role {
                Some(Role::Heading(l) | Role::Untitled(l) | Role::AnnexHeading(l)) => l,
                _ => 1,
            };
            lines.push(Rendered::text(joined(&label, segments.next()), Some(level), false));
            lines.extend(segments.map(|s| Rendered::text(s, None, false)));
        }
        Some(Role::Cover | Role::TocEntry) => {
            lines.push(Rendered::text(joined(&label, segments.next()), None, false));
            lines.extend(segments.map(|s| Rendered::text(s, None, false)));
        }
        Some(Role::CounterOnly) => lines.extend(segments.map(|s| Rendered::text(s, None, false))),
        _ => {
            lines.push(Rendered::text(joined(&label, segments.next()), None, false));
            lines.extend(segments.map(|s| Rendered::text(s, None, true)));
        }
    }
    lines.retain(|l| !l.is_blank());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_symbols() {
        assert_eq!(separator("5.1"), " ");
        assert_eq!(separator("a)"), " ");
        assert_eq!(separator("注1："), "");
        assert_eq!(separator("——"), "");
        assert_eq!(separator("·"), "");
        assert_eq!(separator("附录A"), " ");
        assert_eq!(symbol_char("Symbol", "F0B4"), Some('×'));
        assert_eq!(symbol_char("Wingdings", "F0FC"), None);
        assert_eq!(symbol_char("宋体", "2103"), Some('℃'));
        assert!(obligation_like("（规范性）"));
        assert!(!obligation_like("规范性要求"));
    }
}
