//! Blocks inside a clause: paragraphs, lists, definition lists, formulas, notes, admonitions,
//! tables, figures and footnotes, in the forms GB/T 1.1 prints them.

use crate::hash::HashSet;

use super::{MetanormaRenderer, first, is, kids, non_empty};
use crate::read::lines::LineKind;
use crate::read::sts::walker::Element;

impl<'a> MetanormaRenderer<'a> {
    /// A paragraph on a line of its own, or continuing the line of a note label, a list marker
    /// or a run-in title.
    pub(super) fn paragraph(&mut self, p: &'a Element) {
        let continues = self.view.glue || self.run_in;
        self.view.glue = false;
        self.run_in = false;
        if !continues {
            self.view.flush_text();
        }
        self.children(p);
        self.view.flush_text();
        self.drain_footnotes();
    }

    pub(super) fn list(&mut self, list: &'a Element, ordered: bool) {
        self.view.flush_text();
        self.lists += 1;
        let mut index = 0;
        for child in list.elements() {
            if is(child, "li") {
                let marker = list_marker(list, ordered, self.lists, index);
                index += 1;
                self.view.flush_text();
                self.view.computed(&marker, child.start);
                if !marker.ends_with('—') {
                    self.view.space(child.start);
                }
                self.view.glue = true;
                self.blocks(child);
                self.view.flush_text();
                self.drain_footnotes();
            } else {
                self.element(child);
            }
        }
        self.lists -= 1;
        self.view.flush_text();
    }

    /// `r——重复性极限` (`符号：说明` in a symbols chapter), one line per term.
    pub(super) fn definition_list(&mut self, list: &'a Element) {
        self.view.flush_text();
        let separator = if self.symbols { "：" } else { "——" };
        for child in list.elements() {
            if is(child, "dt") {
                self.view.flush_text();
                self.flat += 1;
                self.children(child);
                self.flat -= 1;
            } else if is(child, "dd") {
                self.joined(separator, child.start);
                self.flat += 1;
                self.children(child);
                self.flat -= 1;
                self.view.flush_text();
                self.drain_footnotes();
            } else {
                self.element(child);
            }
        }
        self.view.flush_text();
    }

    /// The formula on one line with its number, `w = (m_D) / (m_s)    (A.1)`; its key as
    /// `式中：` and the symbols.
    pub(super) fn formula(&mut self, formula: &'a Element) {
        self.view.flush_text();
        self.flat += 1;
        for node in &formula.children {
            if let Some(child) = self.view.node(self.src, node) {
                if !(is(child, "dl") || is(child, "note") || is(child, "name")) {
                    self.element(child);
                }
            }
        }
        self.flat -= 1;
        match self.numbering.of(formula).map(|l| l.shown.clone()) {
            Some(number) => {
                self.view.computed("    ", formula.start);
                self.view.computed(&number, formula.start);
                self.view.flush_text();
            }
            None => {
                self.view.flush(LineKind::Code, None);
            }
        }
        for key in kids(formula, "dl") {
            self.view.computed("式中：", key.start);
            self.view.flush_text();
            self.definition_list(key);
        }
        for note in kids(formula, "note") {
            self.note(note, "注");
        }
        self.drain_footnotes();
    }

    /// 注 / 示例 with its number, then its text on the same line.
    pub(super) fn note(&mut self, note: &'a Element, word: &str) {
        self.view.flush_text();
        let label = self.numbering.of(note).map_or_else(|| word.to_owned(), |l| l.shown.clone());
        self.view.computed(&format!("{label}："), note.start);
        self.view.glue = true;
        self.blocks(note);
        self.view.flush_text();
        self.drain_footnotes();
    }

    /// 危险 / 警告 / 注意 … by the admonition's `@type`.
    pub(super) fn admonition(&mut self, admonition: &'a Element) {
        self.view.flush_text();
        let word = match admonition.attr("type").unwrap_or_default() {
            "danger" => "危险",
            "warning" => "警告",
            "important" => "重要提示",
            "safety precautions" => "安全预防措施",
            "tip" => "提示",
            "editorial" => return,
            _ => "注意",
        };
        self.view.computed(&format!("{word}："), admonition.start);
        self.view.glue = true;
        self.blocks(admonition);
        self.view.flush_text();
        self.drain_footnotes();
    }

    /// `表1　标题`, the table as one line, its notes, key and footnotes.
    pub(super) fn table(&mut self, table: &'a Element) {
        self.view.flush_text();
        self.caption(table);
        let outer = self.table_footnotes.replace(Vec::new());
        self.flat += 1;
        let mut first_row = true;
        self.rows(table, &mut first_row);
        self.flat -= 1;
        if self.view.line_is_empty() {
            self.view.computed("[表]", table.start);
        }
        self.view.flush(LineKind::Table, None);
        let footnotes = std::mem::replace(&mut self.table_footnotes, outer).unwrap_or_default();
        for child in table.elements() {
            if is(child, "note") {
                self.note(child, "注");
            } else if is(child, "dl") {
                self.definition_list(child);
            }
        }
        self.float_footnotes(footnotes);
    }

    pub(super) fn rows(&mut self, element: &'a Element, first_row: &mut bool) {
        for child in element.elements() {
            if is(child, "tr") {
                if !*first_row {
                    self.view.row_break(child.start);
                }
                *first_row = false;
                for (i, cell) in child.elements().filter(|c| is(c, "th") || is(c, "td")).enumerate() {
                    if i > 0 {
                        self.view.computed(" | ", cell.start);
                    }
                    self.children(cell);
                }
            } else if is(child, "thead") || is(child, "tbody") || is(child, "tfoot") {
                self.rows(child, first_row);
            }
        }
    }

    /// The caption line of a table (above it) or a figure (below it): its number and name.
    pub(super) fn caption(&mut self, float: &'a Element) {
        self.view.flush_text();
        self.label(float);
        if let Some(name) = first(float, "name").and_then(|n| non_empty(n, self.src)) {
            if !self.view.line_is_empty() {
                self.view.computed("\u{3000}", name.start);
            }
            self.children(name);
        }
        self.view.flush_text();
    }

    /// The picture, its key (`说明：`), notes and footnotes, then `图1　标题` under it.
    pub(super) fn figure(&mut self, figure: &'a Element) {
        self.view.flush_text();
        let mut shown = false;
        for child in figure.elements() {
            if is(child, "image") {
                self.picture(child);
                shown = true;
            } else if is(child, "figure") {
                self.subfigure(child);
                shown = true;
            } else if is(child, "pre") || is(child, "sourcecode") {
                self.element(child);
                shown = true;
            }
        }
        if !shown {
            self.view.computed("[图]", figure.start);
            self.view.flush(LineKind::Figure, None);
        }
        let outer = self.table_footnotes.replace(Vec::new());
        for child in figure.elements() {
            if is(child, "dl") {
                self.view.computed("说明：", child.start);
                self.view.flush_text();
                self.definition_list(child);
            } else if is(child, "note") {
                self.note(child, "注");
            } else if is(child, "fn") {
                self.inline(child);
            } else if !["image", "figure", "pre", "sourcecode", "name"].iter().any(|n| is(child, n)) {
                self.element(child);
            }
        }
        let footnotes = std::mem::replace(&mut self.table_footnotes, outer).unwrap_or_default();
        self.float_footnotes(footnotes);
        self.caption(figure);
    }

    /// A subfigure as one picture line: `a)　名称`.
    pub(super) fn subfigure(&mut self, figure: &'a Element) {
        self.view.flush_text();
        self.label(figure);
        if let Some(name) = first(figure, "name").and_then(|n| non_empty(n, self.src)) {
            self.view.computed("\u{3000}", name.start);
            self.flat += 1;
            self.children(name);
            self.flat -= 1;
        }
        if self.view.line_is_empty() {
            self.view.computed("[图]", figure.start);
        }
        self.view.flush(LineKind::Figure, None);
    }

    /// The line standing for a picture: its file name (`[图]` for embedded data).
    pub(super) fn picture(&mut self, image: &'a Element) {
        self.view.flush_text();
        let source = image.attr("src").unwrap_or_default();
        let shown = if source.is_empty() || source.starts_with("data:") { "图" } else { source };
        self.view.computed(&format!("[{shown}]"), image.start);
        self.view.flush(LineKind::Figure, None);
    }

    pub(super) fn drain_footnotes(&mut self) {
        while !self.footnotes.is_empty() {
            for footnote in std::mem::take(&mut self.footnotes) {
                let reference = footnote.attr("reference").unwrap_or_default().trim();
                if reference.is_empty() || self.printed_footnotes.insert(reference.to_owned()) {
                    self.footnote_line(footnote, ")", LineKind::Text);
                }
            }
        }
    }

    /// The footnotes of a table or figure, each mark once (metanorma repeats a footnote's text
    /// at each cell that carries its mark).
    fn float_footnotes(&mut self, footnotes: Vec<&'a Element>) {
        let mut printed: HashSet<&str> = HashSet::default();
        for footnote in footnotes {
            let reference = footnote.attr("reference").unwrap_or_default().trim();
            if reference.is_empty() || printed.insert(reference) {
                self.footnote_line(footnote, "", LineKind::Text);
            }
        }
    }

    /// `¹⁾ 脚注` in the text, `ᵃ 脚注` under a table or figure: the mark as GB prints it,
    /// raised, so that a footnote is not read as an item `1)` of a list.
    pub(super) fn footnote_line(&mut self, footnote: &'a Element, mark: &str, kind: LineKind) {
        self.view.flush_text();
        let reference = footnote.attr("reference").unwrap_or_default().trim();
        if !reference.is_empty() {
            let raised = superscript_mark(&format!("{reference}{mark}"));
            self.view.computed(&raised, footnote.start);
            self.view.space(footnote.start);
        }
        self.flat += 1;
        self.children(footnote);
        self.flat -= 1;
        self.view.flush(kind, None);
    }
}

/// The marker of item `index` of a list (`——`, `·`, `a)`, `1)`, `i)`), by the list's `@type`
/// or, without one, by its depth as GB/T 1.1 nests them.
fn list_marker(list: &Element, ordered: bool, depth: usize, index: usize) -> String {
    // A list is not a thousand items long; a larger `@start` is a typo, not a reason to spell
    // a roman numeral for ever.
    let start = list.attr("start").and_then(|s| s.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 1_000);
    let kind = match (ordered, list.attr("type")) {
        (false, _) if depth > 1 => "bullet",
        (false, _) => "dash",
        (true, Some("arabic")) => "arabic",
        (true, Some("roman")) => "roman-lower",
        (true, Some("roman_upper")) => "roman-upper",
        (true, Some("alphabet_upper")) => "alpha-upper",
        (true, Some("alphabet")) => "alpha-lower",
        (true, _) if depth > 1 => "arabic",
        (true, _) => "alpha-lower",
    };
    crate::read::sts::render::list_marker(kind, index.saturating_add(start - 1))
}

/// A footnote mark raised as GB prints it (`¹⁾`, `ᵃ`).
pub(super) fn superscript_mark(mark: &str) -> String {
    mark.chars().map(superscript).collect()
}

/// The raised form of a footnote mark's character (itself when Unicode has none).
fn superscript(c: char) -> char {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    const LETTERS: &str = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖqʳˢᵗᵘᵛʷˣʸᶻ";
    match c {
        '0'..='9' => c.to_digit(10).and_then(|d| DIGITS.get(d as usize).copied()).unwrap_or(c),
        'a'..='z' => LETTERS.chars().nth((c as usize) - ('a' as usize)).unwrap_or(c),
        ')' => '⁾',
        '(' => '⁽',
        _ => c,
    }
}
