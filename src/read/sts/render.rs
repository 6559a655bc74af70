//! The STS tree rendered as the text view: one paragraph per line, in reading order.
//!
//! Each element becomes what a printed standard shows for it: a clause heading `5.1 总则`, a
//! term entry as its number, term, definition, notes and source, an annex as `附录A`,
//! `（规范性）` and its title, a caption `表1　…` … The shared builder then reads the view like
//! any other document.

use super::labels::{Labels, Role, role};
use super::view::View;
use super::walker::{Element, Node, Ns, Tree};
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::model::Obligation;
use crate::read::lines::LineKind;

/// Elements that never show: metadata, identifiers, alternative descriptions.
const HIDDEN: &[&str] = &[
    "sec-meta",
    "std-id-group",
    "std-id",
    "object-id",
    "processing-meta",
    "permissions",
    "custom-meta-group",
    "alt-text",
    "long-desc",
    "index-term",
    "kwd-group",
    "counts",
    "page-count",
    "self-uri",
    "nav-pointer",
    "nav-pointer-group",
    "annex-type",
    "std-meta",
    "iso-meta",
    "nat-meta",
    "reg-meta",
    "std-doc-meta",
    "col",
    "colgroup",
];

/// Elements that start a line of their own when they appear inside running text.
const BLOCKS: &[&str] = &[
    "p",
    "sec",
    "term-sec",
    "list",
    "list-item",
    "non-normative-note",
    "normative-note",
    "non-normative-example",
    "normative-example",
    "fig",
    "table-wrap",
    "table",
    "array",
    "disp-formula",
    "ref-list",
    "ref",
    "def-list",
    "def-item",
    "boxed-text",
    "disp-quote",
    "preformat",
    "code",
    "title",
    "caption",
    "tr",
    "th",
    "td",
];

pub struct Renderer<'a> {
    pub(super) src: &'a str,
    pub(super) labels: Labels,
    pub(super) view: View,
    pub(super) notices: Vec<Diagnostic>,
    /// Footnotes met in running text, rendered after the paragraph that cites them.
    footnotes: Vec<&'a Element>,
    /// The Chinese title-wrap of the cover: repeated as the body title before clause 1.
    pub(super) body_title: Option<&'a Element>,
    pub(super) cover_done: bool,
    foreword_done: bool,
    /// Nesting depth of clauses (the heading hint of the next clause is `depth + 1`).
    depth: u8,
    /// Inside a table line or a formula: blocks do not break the line.
    flat: usize,
    in_back: bool,
    in_bibliography_app: bool,
}

pub fn render(tree: &Tree, src: &str) -> (View, Vec<Diagnostic>) {
    if super::metanorma::is_metanorma(&tree.root) {
        return super::metanorma::render(tree, src);
    }
    let labels = Labels::compute(&tree.root, tree.count, src);
    let mut r = Renderer {
        src,
        labels,
        view: View::new(),
        notices: Vec::new(),
        footnotes: Vec::new(),
        body_title: None,
        cover_done: false,
        foreword_done: false,
        depth: 0,
        flat: 0,
        in_back: false,
        in_bibliography_app: false,
    };
    r.document(&tree.root);
    r.view.flush_text();
    r.drain_footnotes();
    (r.view, r.notices)
}

/// The obligation an annex marker states (`norm-annex`, `inform-annex`, `(normative)`, `（资料性）`).
pub fn obligation_of(marker: &str) -> Option<Obligation> {
    let lower = marker.to_lowercase();
    if lower.contains("inform") || marker.contains("资料性") {
        Some(Obligation::Informative)
    } else if lower.contains("norm") || marker.contains("规范性") {
        Some(Obligation::Normative)
    } else {
        None
    }
}

fn obligation_text(obligation: Obligation) -> &'static str {
    match obligation {
        Obligation::Normative => "（规范性）",
        Obligation::Informative => "（资料性）",
    }
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `NOTE 2` → `注2`, `EXAMPLE` → `示例`; `None` when the label is not an English one.
fn chinese_note_label(label: &str) -> Option<String> {
    let upper = label.trim().to_uppercase();
    for (word, zh) in [("NOTE", "注"), ("EXAMPLE", "示例")] {
        if let Some(rest) = upper.strip_prefix(word) {
            let number: String = rest.trim().trim_end_matches(':').trim().to_owned();
            if number.chars().all(|c| c.is_ascii_digit()) {
                return Some(format!("{zh}{number}"));
            }
        }
    }
    None
}

pub(super) fn list_marker(list_type: &str, index: usize) -> String {
    let n = index + 1;
    let letter = |base: u8| char::from(base + u8::try_from(index % 26).unwrap_or(0));
    match list_type {
        "dash" => "——".to_owned(),
        "bullet" => "·".to_owned(),
        "alpha-lower" => format!("{})", letter(b'a')),
        "alpha-upper" => format!("{})", letter(b'A')),
        "arabic" | "order" => format!("{n})"),
        "roman-lower" => format!("{})", roman(n).to_lowercase()),
        "roman-upper" => format!("{})", roman(n)),
        _ => String::new(),
    }
}

fn roman(mut n: usize) -> String {
    let mut out = String::new();
    for (value, digits) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

impl<'a> Renderer<'a> {
    fn document(&mut self, root: &'a Element) {
        match (root.ns, &*root.name) {
            (Ns::None, "standard") => self.standard(root, true),
            (Ns::None, "adoption") => self.adoption(root, true),
            _ => self.children(root, &[]),
        }
    }

    fn standard(&mut self, standard: &'a Element, outer: bool) {
        for child in standard.elements() {
            match (child.ns, &*child.name) {
                (Ns::None, "front") => self.front(child, outer),
                (Ns::None, "body") => {
                    self.render_body_title();
                    self.view.flush_text();
                    self.children(child, &[]);
                }
                (Ns::None, "back") => self.back(child),
                (Ns::None, "processing-meta") => {}
                _ => self.element(child),
            }
        }
    }

    /// A national (or regional) adoption: its cover and foreword, then the adopted document.
    fn adoption(&mut self, adoption: &'a Element, outer: bool) {
        for child in adoption.elements() {
            match (child.ns, &*child.name) {
                (Ns::None, "adoption-front") => self.front(child, outer),
                (Ns::None, "adoption") => self.adoption(child, false),
                (Ns::None, "standard") => self.standard(child, false),
                (Ns::None, "back") => self.back(child),
                (Ns::None, "processing-meta") => {}
                _ => self.element(child),
            }
        }
    }

    fn front(&mut self, front: &'a Element, outer: bool) {
        if !self.cover_done {
            let metas: Vec<&'a Element> = front
                .elements()
                .filter(|e| matches!(&*e.name, "std-doc-meta" | "nat-meta" | "std-meta" | "reg-meta" | "iso-meta"))
                .collect();
            if !metas.is_empty() {
                self.cover(&metas);
                self.cover_done = true;
            }
        }
        for child in front.elements() {
            match (child.ns, &*child.name) {
                (Ns::None, "sec") => {
                    let kind = child.attr("sec-type").unwrap_or_default();
                    if !outer && matches!(kind, "endorsement" | "titlepage") {
                        continue;
                    }
                    self.front_sec(child);
                }
                (Ns::None, "toc") => self.toc(child),
                (Ns::None, "std-doc-meta" | "nat-meta" | "std-meta" | "reg-meta" | "iso-meta") => {}
                _ => self.element(child),
            }
        }
    }

    /// 前言 and 引言 (by `@sec-type`, or by an English title), or another front section.
    fn front_sec(&mut self, sec: &'a Element) {
        let kind = sec.attr("sec-type").unwrap_or_default();
        let title = sec.child("title");
        let title_text = title.map(|t| t.plain_text(self.src)).unwrap_or_default();
        let lower = title_text.to_lowercase();
        let heading = if kind == "foreword" || lower.ends_with("foreword") {
            Some("前言")
        } else if kind == "intro" || kind == "introduction" || lower == "introduction" {
            Some("引言")
        } else {
            None
        };
        self.view.flush_text();
        match heading {
            Some("前言") if self.foreword_done => return,
            Some(word) => {
                if word == "前言" {
                    self.foreword_done = true;
                }
                self.declared_label(sec);
                match title {
                    Some(t) if compact(&title_text) == word => {
                        self.view.space(t.start);
                        self.children(t, &[]);
                    }
                    _ => {
                        self.view.space(sec.start);
                        self.view.computed(word, title.map_or(sec.start, |t| t.start));
                    }
                }
            }
            None => {
                self.declared_label(sec);
                if let Some(t) = title {
                    self.view.space(t.start);
                    self.children(t, &[]);
                }
            }
        }
        self.view.flush(LineKind::Text, Some(1));
        self.depth = 1;
        self.children(sec, &["label", "title", "sec-meta"]);
        self.view.flush_text();
        self.depth = 0;
    }

    fn declared_label(&mut self, element: &'a Element) {
        if let Some(label) = element.child("label") {
            self.children(label, &[]);
        }
    }

    fn render_body_title(&mut self) {
        let Some(title_wrap) = self.body_title.take() else { return };
        self.view.flush_text();
        let parts: Vec<&'a Element> = ["intro", "main", "compl"]
            .iter()
            .filter_map(|name| title_wrap.child(name))
            .filter(|e| !e.plain_text(self.src).is_empty())
            .collect();
        if parts.is_empty() {
            if let Some(full) = title_wrap.child("full") {
                self.children(full, &[]);
            }
        }
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.view.computed("\u{3000}", part.start);
            }
            self.children(part, &[]);
        }
        self.view.flush(LineKind::Text, Some(1));
    }

    /// Renders the children of `element`, leaving out the elements named in `skip`.
    pub(super) fn children(&mut self, element: &'a Element, skip: &[&str]) {
        for node in &element.children {
            let Some(child) = self.view.node(self.src, node) else { continue };
            if child.ns == Ns::None && skip.contains(&&*child.name) {
                continue;
            }
            self.element(child);
        }
    }

    fn element(&mut self, el: &'a Element) {
        match el.ns {
            Ns::MathMl => {
                if !matches!(&*el.name, "annotation" | "annotation-xml") {
                    self.children(el, &[]);
                }
                return;
            }
            Ns::Tbx => {
                match &*el.name {
                    "termEntry" if self.flat == 0 => self.term_entry(el),
                    "note" | "example" if self.flat == 0 => self.note(el),
                    "xGraphic"
                    | "partOfSpeech"
                    | "normativeAuthorization"
                    | "termType"
                    | "grammaticalGender"
                    | "grammaticalNumber"
                    | "pronunciation"
                    | "geographicalUsage"
                    | "subjectField" => {}
                    _ => self.children(el, &[]),
                }
                return;
            }
            Ns::Other | Ns::None | Ns::Metanorma => {}
        }
        let name = &*el.name;
        if HIDDEN.contains(&name) {
            return;
        }
        match name {
            "xref" => return self.xref(el),
            "fn" => return self.footnotes.push(el),
            "break" => return self.view.space(el.start),
            "alternatives" => return self.alternatives(el),
            "std" => return self.std(el),
            _ => {}
        }
        if self.flat > 0 {
            // Inside a table line: everything is running text.
            let block = BLOCKS.contains(&name);
            if block {
                self.view.space(el.start);
            }
            self.children(el, &[]);
            if block {
                self.view.space(el.start);
            }
            return;
        }
        match name {
            "sec" => self.sec(el),
            "term-sec" => self.term_sec(el),
            "p" => self.paragraph(el),
            "list" => self.list(el),
            "non-normative-note" | "normative-note" | "non-normative-example" | "normative-example" => self.note(el),
            "fig" => self.figure(el),
            "graphic" => {
                self.view.flush_text();
                self.figure_line(Some(el), el.start);
            }
            "table-wrap" => self.table_wrap(el),
            "table" | "array" => self.table_line(el),
            "disp-formula" => self.formula(el),
            "ref-list" => self.ref_list(el),
            "ref" => self.reference(el),
            "app" => self.app(el),
            "def-list" => self.def_list(el),
            "def-item" => {
                self.view.flush_text();
                self.children(el, &[]);
                self.view.flush_text();
            }
            "term" | "def" => {
                self.view.space(el.start);
                self.children(el, &[]);
            }
            "toc" => self.toc(el),
            "fn-group" => {
                for footnote in el.elements().filter(|e| e.is("fn")) {
                    self.footnote_line(footnote);
                }
            }
            "preformat" | "code" => {
                self.view.flush_text();
                self.children(el, &[]);
                self.view.flush(LineKind::Code, None);
            }
            "title" => {
                self.view.flush_text();
                self.children(el, &[]);
                self.view.flush(LineKind::Text, None);
            }
            "boxed-text" | "notes" | "notes-group" | "glossary" | "statement" | "disp-quote" | "fig-group"
            | "table-wrap-group" | "table-wrap-foot" | "caption" | "list-item" | "ack" => {
                self.view.flush_text();
                self.children(el, &[]);
                self.view.flush_text();
            }
            _ => self.children(el, &[]),
        }
    }

    fn begin_paragraph(&mut self) {
        if self.view.glue {
            self.view.glue = false;
        } else {
            self.view.flush_text();
        }
    }

    fn paragraph(&mut self, p: &'a Element) {
        self.begin_paragraph();
        self.children(p, &[]);
        self.view.flush_text();
        self.drain_footnotes();
    }

    fn drain_footnotes(&mut self) {
        while !self.footnotes.is_empty() {
            let pending = std::mem::take(&mut self.footnotes);
            for footnote in pending {
                self.footnote_line(footnote);
            }
        }
    }

    fn footnote_line(&mut self, footnote: &'a Element) {
        self.view.flush_text();
        if let Some(label) = footnote.child("label") {
            self.children(label, &[]);
            self.view.space(label.start);
        }
        self.view.glue = true;
        self.children(footnote, &["label"]);
        self.view.flush_text();
    }

    /// The label of a numbered element: as the file writes it, or computed.
    fn label(&mut self, element: &'a Element) {
        let Some(label) = self.labels.of(element) else { return };
        match element.child("label") {
            Some(declared) if label.declared => self.children(declared, &[]),
            _ => {
                let text = label.text.clone();
                self.view.computed(&text, element.start);
            }
        }
    }

    fn sec(&mut self, sec: &'a Element) {
        self.view.flush_text();
        self.depth = self.depth.saturating_add(1);
        self.label(sec);
        if let Some(title) = sec.child("title") {
            self.view.space(title.start);
            self.children(title, &[]);
        }
        self.view.flush(LineKind::Text, Some(self.depth));
        self.children(sec, &["label", "title", "sec-meta"]);
        self.view.flush_text();
        self.depth = self.depth.saturating_sub(1);
    }

    fn term_sec(&mut self, term_sec: &'a Element) {
        self.view.flush_text();
        self.depth = self.depth.saturating_add(1);
        self.label(term_sec);
        self.view.flush(LineKind::Text, Some(self.depth));
        let has_entry = term_sec.elements().any(|e| e.is_tbx("termEntry"));
        for node in &term_sec.children {
            match node {
                Node::Element(child) if child.is("label") || child.is("sec-meta") => {}
                Node::Element(child) if child.is("term-display") && has_entry => {}
                Node::Element(child) if child.is("term-display") => {
                    self.view.flush_text();
                    self.children(child, &[]);
                    self.view.flush_text();
                }
                Node::Element(child) => self.element(child),
                Node::Text { .. } | Node::Directive { .. } => {
                    self.view.node(self.src, node);
                }
                Node::Ref { .. } => {}
            }
        }
        self.view.flush_text();
        self.depth = self.depth.saturating_sub(1);
    }

    /// A TBX entry: the term line (Chinese, then English), the definition, notes and examples,
    /// the source.
    fn term_entry(&mut self, entry: &'a Element) {
        self.view.flush_text();
        let sets: Vec<&'a Element> = entry.elements().filter(|e| e.is_tbx("langSet")).collect();
        let lang = |e: &Element| e.attr("xml:lang").unwrap_or_default().to_ascii_lowercase();
        let zh = sets.iter().copied().find(|s| lang(s).starts_with("zh"));
        let en = sets.iter().copied().find(|s| lang(s).starts_with("en"));
        let primary = zh.or(en).or_else(|| sets.first().copied());

        let term_sets: Vec<&'a Element> = match (zh, en) {
            (None, None) => primary.into_iter().collect(),
            _ => zh.into_iter().chain(en).collect(),
        };
        for set in term_sets {
            if let Some(term) = preferred_term(set) {
                self.view.space(term.start);
                self.children(term, &[]);
            }
        }
        self.view.flush_text();

        let definition = primary
            .and_then(|p| p.elements().find(|e| e.is_tbx("definition")))
            .or_else(|| sets.iter().find_map(|s| s.elements().find(|e| e.is_tbx("definition"))));
        if let Some(definition) = definition {
            self.children(definition, &[]);
            self.view.flush_text();
        }
        let Some(primary) = primary else { return };
        for child in primary.elements() {
            if child.is_tbx("note") || child.is_tbx("example") {
                self.note(child);
            }
        }
        for source in primary.elements().filter(|e| e.is_tbx("source")) {
            self.view.flush_text();
            let text = source.plain_text(self.src);
            if text.starts_with("[来源") || text.starts_with("［来源") {
                self.children(source, &[]);
            } else {
                self.view.computed("[来源：", source.start);
                self.view.glue = true;
                self.children(source, &[]);
                self.view.computed("]", source.start);
            }
            self.view.flush_text();
        }
        self.drain_footnotes();
    }

    /// 注 / 示例 with its label (declared, translated from English, or computed), then its text.
    fn note(&mut self, note: &'a Element) {
        self.view.flush_text();
        let declared = note.child("label").filter(|l| !l.plain_text(self.src).is_empty());
        let label_text = match declared {
            Some(label) => {
                let text = label.plain_text(self.src);
                match chinese_note_label(&text) {
                    Some(zh) => self.view.computed(&zh, label.start),
                    None => self.children(label, &[]),
                }
                text
            }
            None => {
                let text = self.labels.of(note).map(|l| l.text.clone()).unwrap_or_else(|| "注".to_owned());
                self.view.computed(&text, note.start);
                text
            }
        };
        if !label_text.trim_end().ends_with(['：', ':']) {
            self.view.computed("：", declared.map_or(note.start, |l| l.start));
        }
        self.view.glue = true;
        self.children(note, &["label", "title"]);
        self.view.flush_text();
    }

    fn list(&mut self, list: &'a Element) {
        self.view.flush_text();
        let list_type = list.attr("list-type").unwrap_or_default();
        let mut index = 0;
        for node in &list.children {
            let Node::Element(child) = node else { continue };
            if child.is("list-item") {
                self.list_item(child, list_type, index);
                index += 1;
            } else if child.is("title") || child.is("label") {
                self.view.flush_text();
                self.children(child, &[]);
                self.view.flush_text();
            } else {
                self.element(child);
            }
        }
        self.view.flush_text();
    }

    fn list_item(&mut self, item: &'a Element, list_type: &str, index: usize) {
        self.view.flush_text();
        let marker = match item.child("label").filter(|l| !l.plain_text(self.src).is_empty()) {
            Some(label) => {
                self.children(label, &[]);
                label.plain_text(self.src)
            }
            None => {
                let marker = list_marker(list_type, index);
                self.view.computed(&marker, item.start);
                marker
            }
        };
        if !marker.is_empty() && !marker.ends_with(['—', '―', '－']) {
            self.view.space(item.start);
        }
        self.view.glue = !marker.is_empty();
        self.children(item, &["label"]);
        self.view.flush_text();
        self.drain_footnotes();
    }

    fn figure(&mut self, fig: &'a Element) {
        self.view.flush_text();
        let graphic = fig.child("graphic").or_else(|| {
            fig.child("alternatives").and_then(|a| a.elements().find(|e| e.is("graphic") || e.is("inline-graphic")))
        });
        self.figure_line(graphic, fig.start);
        self.children(fig, &["label", "caption", "graphic", "alternatives", "title"]);
        self.view.flush_text();
        self.caption_line(fig, fig.child("caption").or_else(|| fig.child("title")));
        if let Some(caption) = fig.child("caption") {
            self.children(caption, &["title"]);
            self.view.flush_text();
        }
    }

    /// The line standing for the picture: its alternative text, else its file name.
    fn figure_line(&mut self, graphic: Option<&'a Element>, anchor: usize) {
        match graphic {
            Some(g) => match g.child("alt-text") {
                Some(alt) => self.children(alt, &[]),
                None => {
                    let href = g.attr("xlink:href").unwrap_or("图").to_owned();
                    let shown = if href.starts_with("data:") { "图" } else { href.as_str() };
                    self.view.computed(&format!("[{shown}]"), g.start);
                }
            },
            None => self.view.computed("[图]", anchor),
        }
        self.view.flush(LineKind::Figure, None);
    }

    /// `图1　标题` / `表1　标题`: the label, an ideographic space, the caption's title.
    fn caption_line(&mut self, float: &'a Element, caption: Option<&'a Element>) {
        self.view.flush_text();
        if let Some(label) = self.labels.of(float) {
            let text = label.text.clone();
            match float.child("label") {
                Some(declared) if label.declared && declared.plain_text(self.src) == text => {
                    self.children(declared, &[])
                }
                Some(declared) => self.view.computed(&text, declared.start),
                None => self.view.computed(&text, float.start),
            }
        }
        let title = caption.and_then(|c| if c.is("title") { Some(c) } else { c.child("title") });
        if let Some(title) = title.filter(|t| !t.plain_text(self.src).is_empty()) {
            if !self.view.line_is_empty() {
                self.view.computed("\u{3000}", title.start);
            }
            self.children(title, &[]);
        }
        self.view.flush_text();
    }

    fn table_wrap(&mut self, wrap: &'a Element) {
        self.view.flush_text();
        self.caption_line(wrap, wrap.child("caption"));
        if let Some(caption) = wrap.child("caption") {
            self.children(caption, &["title"]);
            self.view.flush_text();
        }
        for child in wrap.elements() {
            match &*child.name {
                "label" | "caption" => {}
                "table" | "array" => self.table_line(child),
                "alternatives" => {
                    if let Some(table) = child.elements().find(|e| matches!(&*e.name, "table" | "array")) {
                        self.table_line(table);
                    }
                }
                _ => self.element(child),
            }
        }
        self.view.flush_text();
        self.drain_footnotes();
    }

    /// A table as one line: cells separated by ` | `, rows by line breaks inside the line.
    fn table_line(&mut self, table: &'a Element) {
        self.view.flush_text();
        self.flat += 1;
        let mut first_row = true;
        self.table_rows(table, &mut first_row);
        self.flat -= 1;
        if self.view.line_is_empty() {
            self.view.computed("[表]", table.start);
        }
        self.view.flush(LineKind::Table, None);
    }

    fn table_rows(&mut self, element: &'a Element, first_row: &mut bool) {
        for child in element.elements() {
            match &*child.name {
                "tr" | "row" => {
                    if !*first_row {
                        self.view.row_break(child.start);
                    }
                    *first_row = false;
                    let mut first_cell = true;
                    for cell in child.elements().filter(|c| matches!(&*c.name, "th" | "td" | "entry")) {
                        if !first_cell {
                            self.view.computed(" | ", cell.start);
                        }
                        first_cell = false;
                        self.children(cell, &[]);
                    }
                }
                "col" | "colgroup" | "colspec" | "spanspec" => {}
                _ => self.table_rows(child, first_row),
            }
        }
    }

    fn formula(&mut self, formula: &'a Element) {
        self.view.flush_text();
        self.flat += 1;
        self.children(formula, &["label"]);
        self.flat -= 1;
        self.view.space(formula.start);
        self.label(formula);
        // A number the file declares can break the sequence; one the reader counted cannot, and
        // counts formulas the model may not keep (a symbol set as a displayed formula).
        let declared = self.labels.of(formula).is_some_and(|l| l.declared);
        self.view.flush(if declared { LineKind::Formula } else { LineKind::Code }, None);
    }

    /// Several renditions of one thing: the first that is not a picture.
    fn alternatives(&mut self, alternatives: &'a Element) {
        let chosen = alternatives
            .elements()
            .find(|e| !matches!(&*e.name, "graphic" | "inline-graphic" | "media"))
            .or_else(|| alternatives.elements().next());
        if let Some(chosen) = chosen {
            if chosen.is("graphic") && self.flat == 0 {
                self.view.flush_text();
                self.figure_line(Some(chosen), chosen.start);
            } else if !chosen.is("graphic") && !chosen.is("inline-graphic") {
                self.element(chosen);
            }
        }
    }

    fn xref(&mut self, xref: &'a Element) {
        if !xref.plain_text(self.src).is_empty() {
            self.children(xref, &[]);
        } else if let Some(label) = xref.attr("rid").and_then(|rid| self.labels.for_rid(rid)) {
            let text = label.text.clone();
            self.view.computed(&text, xref.start);
        }
    }

    /// A cited standard: designation, then title, with a space between.
    fn std(&mut self, std: &'a Element) {
        for node in &std.children {
            match node {
                Node::Element(child) if child.is("title") => {
                    self.view.space(child.start);
                    self.children(child, &[]);
                }
                Node::Element(child) => self.element(child),
                Node::Text { start, end } => self.view.verbatim(self.src, *start, *end),
                Node::Ref { start, end, resolved } => match resolved {
                    super::entities::Resolved::Char(c) => self.view.character(*c, *start),
                    super::entities::Resolved::Literal => self.view.verbatim(self.src, *start, *end),
                },
                Node::Directive { .. } => {}
            }
        }
    }

    /// A reference list: 参考文献 in the back matter, entries one per line.
    fn ref_list(&mut self, list: &'a Element) {
        self.view.flush_text();
        let bibliography = self.in_back || list.attr("content-type").is_some_and(|t| t.starts_with("bibl"));
        if bibliography && !self.in_bibliography_app {
            self.bibliography_heading(list.child("title"), list.start);
        } else if let Some(title) = list.child("title").filter(|_| !self.in_bibliography_app) {
            self.children(title, &[]);
            self.view.flush(LineKind::Text, None);
        }
        self.children(list, &["title"]);
        self.view.flush_text();
    }

    fn bibliography_heading(&mut self, title: Option<&'a Element>, anchor: usize) {
        self.view.flush_text();
        match title {
            Some(t) if compact(&t.plain_text(self.src)) == "参考文献" => self.children(t, &[]),
            _ => self.view.computed("参考文献", title.map_or(anchor, |t| t.start)),
        }
        self.view.flush(LineKind::Text, Some(1));
    }

    fn reference(&mut self, reference: &'a Element) {
        self.view.flush_text();
        if self.labels.of(reference).is_some() {
            self.label(reference);
            self.view.space(reference.start);
        }
        self.children(reference, &["label"]);
        self.view.flush_text();
        self.drain_footnotes();
    }

    fn def_list(&mut self, list: &'a Element) {
        self.view.flush_text();
        if let Some(title) = list.child("title") {
            self.children(title, &[]);
            self.view.flush_text();
        }
        self.children(list, &["title", "label"]);
        self.view.flush_text();
    }

    fn toc(&mut self, toc: &'a Element) {
        self.view.flush_text();
        let title = toc.child("title").or_else(|| toc.child("toc-title-group").and_then(|g| g.child("title")));
        match title {
            Some(t) if compact(&t.plain_text(self.src)) == "目次" => self.children(t, &[]),
            _ => self.view.computed("目次", title.map_or(toc.start, |t| t.start)),
        }
        self.view.flush(LineKind::Text, Some(1));
        self.toc_entries(toc);
    }

    fn toc_entries(&mut self, parent: &'a Element) {
        for entry in parent.elements().filter(|e| e.is("toc-entry")) {
            self.declared_label(entry);
            if let Some(title) = entry.child("title") {
                self.view.space(title.start);
                self.children(title, &[]);
            }
            self.view.flush_text();
            self.toc_entries(entry);
        }
    }

    fn back(&mut self, back: &'a Element) {
        self.view.flush_text();
        let was = self.in_back;
        self.in_back = true;
        self.depth = 0;
        self.children(back, &["label", "title"]);
        self.view.flush_text();
        self.in_back = was;
    }

    /// An annex: `附录A`, the obligation, the title, then its content. When `@content-type`
    /// and `<annex-type>` state different obligations, the reader says so (AX001).
    fn app(&mut self, app: &'a Element) {
        self.view.flush_text();
        if role(app) == Role::BiblApp {
            let was = self.in_bibliography_app;
            self.in_bibliography_app = true;
            self.bibliography_heading(app.child("title"), app.start);
            self.children(app, &["label", "title"]);
            self.view.flush_text();
            self.in_bibliography_app = was;
            return;
        }
        let label = self.labels.of(app).cloned();
        if let Some(label) = &label {
            match app.child("label") {
                Some(declared) if label.declared && compact(&declared.plain_text(self.src)).starts_with("附录") => {
                    self.children(declared, &[])
                }
                Some(declared) => self.view.computed(&label.text, declared.start),
                None => self.view.computed(&label.text, app.start),
            }
        }
        self.view.flush(LineKind::Text, Some(1));

        let content_type = app.attr("content-type");
        let from_attribute = content_type.and_then(obligation_of);
        let annex_type = app.child("annex-type");
        let annex_type_text = annex_type.map(|a| a.plain_text(self.src)).unwrap_or_default();
        let from_element = annex_type.and_then(|_| obligation_of(&annex_type_text));
        if let Some(obligation) = from_attribute.or(from_element) {
            match annex_type {
                Some(a)
                    if from_element == Some(obligation)
                        && (annex_type_text.contains("规范性") || annex_type_text.contains("资料性")) =>
                {
                    self.children(a, &[])
                }
                _ => self.view.computed(obligation_text(obligation), annex_type.map_or(app.start, |a| a.start)),
            }
            let span = self.view.flush_text();
            if let (Some(attribute), Some(element), Some(span)) = (from_attribute, from_element, span) {
                if attribute != element {
                    let letter = label.as_ref().map_or(String::new(), |l| l.text.clone());
                    let attribute_value = content_type.unwrap_or_default();
                    self.notices.push(Diagnostic {
                        code: "AX001",
                        name: "annex-heading",
                        severity: Severity::Warning,
                        span,
                        message: Message::new(
                            format!(
                                "{letter}的两处性质标记不一致：content-type属性为“{attribute_value}”（{}），annex-type元素为“{annex_type_text}”（{}）",
                                obligation_text(attribute),
                                obligation_text(element),
                            ),
                            format!(
                                "the two obligation markers of {letter} disagree: @content-type=\"{attribute_value}\" says {}, <annex-type> \"{annex_type_text}\" says {}",
                                english(attribute),
                                english(element),
                            ),
                        ),
                        help: None, fix: None,
                    });
                }
            }
        }
        if let Some(title) = app.child("title") {
            self.children(title, &[]);
            self.view.flush(LineKind::Text, Some(1));
        }
        let depth = self.depth;
        self.depth = 1;
        self.children(app, &["label", "annex-type", "title"]);
        self.view.flush_text();
        self.depth = depth;
    }
}

fn english(obligation: Obligation) -> &'static str {
    match obligation {
        Obligation::Normative => "normative",
        Obligation::Informative => "informative",
    }
}

/// The preferred term of a TBX language section (`tig` or `ntig/termGrp`).
fn preferred_term(set: &Element) -> Option<&Element> {
    let groups: Vec<&Element> = set.elements().filter(|e| e.is_tbx("tig") || e.is_tbx("ntig")).collect();
    let is_preferred =
        |g: &&Element| find_tbx(g, "normativeAuthorization").is_some_and(|a| a.attr("value") == Some("preferredTerm"));
    let group = groups.iter().find(|g| is_preferred(g)).or(groups.first())?;
    find_tbx(group, "term")
}

fn find_tbx<'e>(element: &'e Element, name: &str) -> Option<&'e Element> {
    for child in element.elements() {
        if child.is_tbx(name) {
            return Some(child);
        }
        if let Some(found) = find_tbx(child, name) {
            return Some(found);
        }
    }
    None
}
