//! Metanorma GB semantic XML (`gb-standard`, namespace `http://riboseinc.com/gbstandard` in the
//! 2019 grammar; later namespaces too) rendered as the printed GB standard reads.
//!
//! Metanorma keeps meaning, not print: no clause, table or note numbers, the normative
//! references inside `<bibliography>`, English fixed titles ("Scope", "Terms and Definitions")
//! even in a Chinese document, and in the 2019 grammar no terms lead-in. Its publishing step
//! computes all of these, so this reader does too:
//!
//! - [`layout`] puts the parts in printed order (scope, normative references, terms, symbols,
//!   the other chapters, annexes, bibliography) and numbers them as metanorma does;
//! - [`cover`] builds the cover from `bibdata` (banner, ICS, CCS, designation, 代替, titles,
//!   consistency marker, dates, issuer);
//! - the body is written one paragraph per line, as the STS renderer does, with the GB forms
//!   of labels (`1 范围`, `附录A` `（规范性）`, `注1：`, `表1　…`, `[来源：…]`).
//!
//! Everything the reader writes itself is anchored at the element it stands for, so a finding
//! on a computed number or title points at that element's line in the XML. Elements it does not
//! know are walked for their text.

mod cover;
mod layout;

use std::collections::HashSet;

use layout::{ChapterKind, Numbering, Part};

use super::view::View;
use super::walker::{Element, Node, Ns, Tree};
use crate::diagnostic::Diagnostic;
use crate::read::lines::LineKind;

/// A Metanorma document: its root is in a Metanorma namespace, or is `gb-standard` without one.
pub fn is_metanorma(root: &Element) -> bool {
    root.ns == Ns::Metanorma || (root.ns == Ns::None && matches!(&*root.name, "gb-standard" | "metanorma"))
}

/// A Metanorma element by local name (a document without the namespace is read the same).
pub(super) fn is(element: &Element, name: &str) -> bool {
    matches!(element.ns, Ns::Metanorma | Ns::None) && &*element.name == name
}

pub(super) fn first<'e>(element: &'e Element, name: &str) -> Option<&'e Element> {
    element.elements().find(|e| is(e, name))
}

pub(super) fn kids<'e>(element: &'e Element, name: &str) -> impl Iterator<Item = &'e Element> {
    element.elements().filter(move |e| is(e, name))
}

/// A section's title in lower case without white space, to recognise fixed titles.
pub(super) fn title_key(element: &Element, src: &str) -> String {
    let title = first(element, "title").map(|t| t.plain_text(src)).unwrap_or_default();
    title.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

fn non_empty<'e>(element: &'e Element, src: &str) -> Option<&'e Element> {
    (!element.plain_text(src).is_empty()).then_some(element)
}

/// Inline elements: they never start a line.
const INLINE: &[&str] = &[
    "xref",
    "eref",
    "link",
    "fn",
    "br",
    "stem",
    "em",
    "strong",
    "sub",
    "sup",
    "tt",
    "strike",
    "smallcap",
    "underline",
    "span",
    "keyword",
    "string",
    "concept",
    "termref",
    "origin",
    "add",
    "ruby",
    "hr",
    "pagebreak",
    "image",
];

/// Elements that never print: editorial comments, index entries, deleted text, bookmarks.
const HIDDEN: &[&str] = &["review", "index", "index-xref", "bookmark", "del", "toc", "passthrough", "fmt-title"];

/// Term elements the GB entry form has no place for: admitted and deprecated terms, related
/// concepts (GB/T 1.1 checks the preferred term, its English equivalent and the definition).
const TERM_EXTRAS: &[&str] = &["admitted", "deprecates", "related", "alt", "preferred", "domain", "definition"];

pub(super) struct MetanormaRenderer<'a> {
    pub(super) src: &'a str,
    pub(super) view: View,
    numbering: Numbering,
    root: &'a Element,
    /// Footnotes met in running text, printed after their paragraph.
    footnotes: Vec<&'a Element>,
    /// Footnotes of the table being printed, printed once each under it.
    table_footnotes: Option<Vec<&'a Element>>,
    /// `@reference`s of the footnotes already printed (metanorma repeats a footnote's text at
    /// each of its marks).
    printed_footnotes: HashSet<String>,
    /// Nesting depth of clauses (the heading hint of the next clause is `depth + 1`).
    depth: u8,
    /// Inside a table line, a formula or a definition: blocks do not break the line.
    flat: usize,
    /// Nesting depth of lists.
    lists: usize,
    /// Inside a symbols chapter: definition-list items are `符号：说明`.
    symbols: bool,
    /// The title of an inline-header clause runs into its first paragraph.
    run_in: bool,
    language: String,
}

pub(super) fn render(tree: &Tree, src: &str) -> (View, Vec<Diagnostic>) {
    let root = &tree.root;
    let parts = layout::layout(root, src);
    let numbering = Numbering::compute(&parts, tree.count, src);
    let mut r = MetanormaRenderer {
        src,
        view: View::new(),
        numbering,
        root,
        footnotes: Vec::new(),
        table_footnotes: None,
        printed_footnotes: HashSet::new(),
        depth: 0,
        flat: 0,
        lists: 0,
        symbols: false,
        run_in: false,
        language: String::new(),
    };
    let cover = first(root, "bibdata").map(|bibdata| r.cover(bibdata));
    r.language = cover.as_ref().map(|c| c.language.clone()).unwrap_or_default();
    let mut body_started = false;
    for part in &parts {
        if !matches!(part, Part::Preface(_)) && !body_started {
            body_started = true;
            if let Some(title) = cover.as_ref().and_then(|c| c.title_zh.as_ref()) {
                r.view.flush_text();
                let part_number = cover.as_ref().and_then(|c| c.part_number.clone());
                r.title_line(title, part_number.as_deref(), "zh");
            }
        }
        match *part {
            Part::Preface(section) => r.preface(section),
            Part::Chapter(chapter, kind) => r.chapter(chapter, kind),
            Part::Annex(annex) => r.annex(annex),
            Part::Bibliography(list) => r.bibliography(list),
            Part::Other(element) => {
                r.view.flush_text();
                r.element(element);
                r.view.flush_text();
            }
        }
    }
    r.view.flush_text();
    r.drain_footnotes();
    (r.view, Vec::new())
}

/// The GB title of a fixed section, or `None` when its own title is to be kept.
fn fixed_title(kind: ChapterKind, key: &str) -> Option<&'static str> {
    let han = key.chars().any(crate::read::classify::is_han);
    match kind {
        ChapterKind::Scope => Some("范围"),
        ChapterKind::References => Some("规范性引用文件"),
        ChapterKind::Terms if han => None,
        ChapterKind::Terms => Some(if key.starts_with("terms,definitions,symbolsandabbreviat") {
            "术语、定义、符号和缩略语"
        } else if key.starts_with("terms,definitionsandabbreviat") {
            "术语、定义和缩略语"
        } else if key.starts_with("terms,definitionsandsymbols") {
            "术语、定义和符号"
        } else {
            "术语和定义"
        }),
        ChapterKind::Symbols if han => None,
        ChapterKind::Symbols if key.starts_with("symbolsandabbreviat") => Some("符号和缩略语"),
        ChapterKind::Symbols if key.starts_with("symbol") => Some("符号"),
        ChapterKind::Symbols if key.starts_with("abbreviat") => Some("缩略语"),
        ChapterKind::Symbols | ChapterKind::Other => None,
    }
}

fn kind_of(element: &Element) -> ChapterKind {
    if is(element, "terms") {
        ChapterKind::Terms
    } else if is(element, "definitions") {
        ChapterKind::Symbols
    } else {
        ChapterKind::Other
    }
}

/// The marker of item `index` of a list (`——`, `·`, `a)`, `1)`, `i)`), by the list's `@type`
/// or, without one, by its depth as GB/T 1.1 nests them.
fn list_marker(list: &Element, ordered: bool, depth: usize, index: usize) -> String {
    let start = list.attr("start").and_then(|s| s.trim().parse::<usize>().ok()).unwrap_or(1).max(1);
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
    super::render::list_marker(kind, index + start - 1)
}

impl<'a> MetanormaRenderer<'a> {
    /// Renders the children of `element` in order.
    fn children(&mut self, element: &'a Element) {
        for node in &element.children {
            if let Some(child) = self.view.node(self.src, node) {
                self.element(child);
            }
        }
    }

    /// Renders the children of `element` in order, leaving out the elements named in `skip`.
    fn children_except(&mut self, element: &'a Element, skip: &[&str]) {
        for node in &element.children {
            if let Some(child) = self.view.node(self.src, node) {
                if !skip.iter().any(|name| is(child, name)) {
                    self.element(child);
                }
            }
        }
    }

    /// Renders the content of a container, leaving out its title (printed by the caller).
    fn blocks(&mut self, container: &'a Element) {
        for node in &container.children {
            if let Some(child) = self.view.node(self.src, node) {
                if !(is(child, "title") || is(child, "name")) {
                    self.element(child);
                }
            }
        }
    }

    fn element(&mut self, element: &'a Element) {
        match element.ns {
            Ns::MathMl => {
                if !matches!(&*element.name, "annotation" | "annotation-xml") {
                    self.children(element);
                }
                return;
            }
            Ns::Tbx | Ns::Other => return self.children(element),
            Ns::Metanorma | Ns::None => {}
        }
        let name = &*element.name;
        if HIDDEN.contains(&name) {
            return;
        }
        if INLINE.contains(&name) {
            return self.inline(element);
        }
        if self.flat > 0 {
            // Inside a line: blocks are running text.
            self.view.space(element.start);
            self.children(element);
            self.view.space(element.start);
            return;
        }
        match name {
            "p" | "floating-title" => self.paragraph(element),
            "ul" => self.list(element, false),
            "ol" => self.list(element, true),
            "dl" => self.definition_list(element),
            "table" => self.table(element),
            "figure" => self.figure(element),
            "formula" => self.formula(element),
            "note" | "termnote" => self.note(element, "注"),
            "example" | "termexample" => self.note(element, "示例"),
            "admonition" => self.admonition(element),
            "clause" | "terms" | "definitions" | "references" | "annex" => self.clause(element),
            "term" => self.term(element),
            "termsource" => self.term_source(element),
            "bibitem" => self.bibitem(element),
            "sourcecode" | "pre" => {
                self.view.flush_text();
                self.flat += 1;
                self.blocks(element);
                self.flat -= 1;
                self.view.flush(LineKind::Code, None);
            }
            "title" | "name" => {
                self.view.flush_text();
                self.children(element);
                self.view.flush_text();
            }
            _ => {
                // `quote`, `amend`, `li` out of a list, or an element normlint does not know:
                // its content, on lines of its own.
                self.view.flush_text();
                self.blocks(element);
                self.view.flush_text();
            }
        }
    }

    fn inline(&mut self, element: &'a Element) {
        let src = self.src;
        match &*element.name {
            "xref" => match non_empty(element, src) {
                Some(_) => self.children(element),
                None => {
                    let target = element.attr("target").unwrap_or_default();
                    let shown = match self.numbering.reference(target) {
                        Some(label) => self.cited_in_context(label),
                        None => format!("[{}]", target.trim()),
                    };
                    self.view.computed(&shown, element.start);
                }
            },
            "eref" | "origin" => match shown_text(element, src) {
                true => self.children_except(element, &["locality", "localityStack"]),
                false => {
                    let cited = element.attr("citeas").unwrap_or_default().to_owned();
                    self.view.computed(&cited, element.start);
                    self.localities(element);
                }
            },
            "link" => match non_empty(element, src) {
                Some(_) => self.children(element),
                None => self.view.computed(element.attr("target").unwrap_or_default(), element.start),
            },
            "fn" => match self.table_footnotes.as_mut() {
                Some(pending) => pending.push(element),
                None => self.footnotes.push(element),
            },
            "stem" if element.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("asciimath")) => {
                self.ascii_math(element)
            }
            "br" | "hr" | "pagebreak" => self.view.space(element.start),
            "image" => {}
            "concept" => match first(element, "renderterm") {
                Some(term) => self.children(term),
                None => self.children(element),
            },
            _ => self.children(element),
        }
    }

    /// Writes `text` joined to what precedes and follows it, with no gap on either side
    /// (`r——重复性极限`, `〈领域〉定义`, `[来源：…]`): XML white space around it is layout.
    fn joined(&mut self, text: &str, anchor: usize) {
        self.view.drop_space();
        self.view.computed(text, anchor);
        self.view.glue = true;
    }

    /// How a cross-reference prints where it stands: authors who write `公式（<xref/>）` or
    /// `见表<xref/>` around it get the bare number, as metanorma's output reads.
    fn cited_in_context(&self, label: &layout::Label) -> String {
        let before = self.view.text.trim_end_matches(' ');
        // In an English document a chapter is `Clause 7` (`第7章.` would put Chinese before an
        // English full stop); the other labels read the same in both languages.
        let chapter = label.cited.strip_prefix('第').and_then(|rest| rest.strip_suffix('章'));
        if let Some(number) = chapter.filter(|_| self.language.starts_with("en")) {
            return format!("Clause {number}");
        }
        if before.ends_with(['（', '(']) {
            return label.number.clone();
        }
        match label.word.filter(|w| before.ends_with(w)) {
            Some(word) => label.cited.strip_prefix(word).unwrap_or(&label.cited).to_owned(),
            None => label.cited.clone(),
        }
    }

    /// AsciiMath as it prints: the brackets that only group a subscript or superscript
    /// (`w_(wax)`) are not shown, so they are not read as punctuation of the sentence.
    fn ascii_math(&mut self, stem: &'a Element) {
        for node in &stem.children {
            let Node::Text { start, end } = *node else {
                if let Some(child) = self.view.node(self.src, node) {
                    self.element(child);
                }
                continue;
            };
            let text = self.src.get(start..end).unwrap_or_default();
            let mut from = 0;
            for (open, close) in grouping_brackets(text) {
                self.view.verbatim(self.src, start + from, start + open);
                self.view.verbatim(self.src, start + open + 1, start + close);
                from = close + 1;
            }
            self.view.verbatim(self.src, start + from, end);
        }
    }

    /// `，第5章` / `，3.1` after a cited document, from its `locality` elements.
    fn localities(&mut self, citation: &'a Element) {
        for child in citation.elements() {
            if is(child, "localityStack") {
                self.localities(child);
                continue;
            }
            if !is(child, "locality") {
                continue;
            }
            let Some(from) = first(child, "referenceFrom").and_then(|f| non_empty(f, self.src)) else { continue };
            let number = from.plain_text(self.src);
            let shown = match child.attr("type") {
                Some("clause") if !number.contains('.') => format!("，第{number}章"),
                Some("table") => format!("，表{number}"),
                Some("figure") => format!("，图{number}"),
                Some("annex") => format!("，附录{number}"),
                _ => format!("，{number}"),
            };
            self.view.computed(&shown, child.start);
        }
    }

    /// The label the numbering gave `element`, written at it.
    fn label(&mut self, element: &'a Element) {
        if let Some(label) = self.numbering.of(element) {
            let shown = label.shown.clone();
            self.view.computed(&shown, element.start);
        }
    }

    /// The title of a fixed section: its own when it is already the GB wording, else the GB
    /// wording anchored at it.
    fn fixed_heading(&mut self, section: &'a Element, word: &str) {
        match first(section, "title") {
            Some(title) if crate::model::compact(&title.plain_text(self.src)) == word => self.children(title),
            Some(title) => self.view.computed(word, title.start),
            None => self.view.computed(word, section.start),
        }
    }

    /// 前言, 引言, or another front section under its own title.
    fn preface(&mut self, section: &'a Element) {
        self.view.flush_text();
        if is(section, "foreword") {
            self.fixed_heading(section, "前言");
        } else if is(section, "introduction") {
            self.fixed_heading(section, "引言");
        } else if let Some(title) = first(section, "title") {
            self.children(title);
        }
        self.view.flush(LineKind::Text, Some(1));
        self.depth = 1;
        self.blocks(section);
        self.view.flush_text();
        self.drain_footnotes();
        self.depth = 0;
    }

    fn chapter(&mut self, chapter: &'a Element, kind: ChapterKind) {
        self.view.flush_text();
        self.run_in = false;
        self.depth = 1;
        self.heading(chapter, kind);
        self.view.flush(LineKind::Text, Some(1));
        self.section_body(chapter, kind);
        self.view.flush_text();
        self.drain_footnotes();
        self.depth = 0;
    }

    /// `4.2 标题`: the number, then the fixed GB title or the section's own.
    fn heading(&mut self, section: &'a Element, kind: ChapterKind) {
        self.label(section);
        let key = title_key(section, self.src);
        match fixed_title(kind, &key) {
            Some(word) => {
                self.view.space(section.start);
                self.fixed_heading(section, word);
            }
            None => {
                if let Some(title) = first(section, "title").and_then(|t| non_empty(t, self.src)) {
                    self.view.space(title.start);
                    self.children(title);
                }
            }
        }
    }

    fn section_body(&mut self, section: &'a Element, kind: ChapterKind) {
        match kind {
            ChapterKind::References => self.references_lead_in(section),
            ChapterKind::Terms if is(section, "terms") => self.terms_lead_in(section),
            _ => {}
        }
        let was = self.symbols;
        self.symbols = kind == ChapterKind::Symbols;
        self.blocks(section);
        self.symbols = was;
    }

    /// A subclause (or a terms, symbols or references section inside a chapter or annex).
    fn clause(&mut self, clause: &'a Element) {
        self.view.flush_text();
        self.run_in = false;
        self.depth = self.depth.saturating_add(1);
        let kind = kind_of(clause);
        let inline_title = first(clause, "title")
            .and_then(|t| non_empty(t, self.src))
            .filter(|_| clause.attr("inline-header") == Some("true"));
        match inline_title {
            Some(title) => {
                // `A.2.1 样品分配器，由……`: a run-in title is not a clause title but the opening
                // words of the clause's text, so the clause is read as untitled.
                self.label(clause);
                self.view.flush(LineKind::Text, Some(self.depth));
                self.children(title);
                let latin = title
                    .plain_text(self.src)
                    .chars()
                    .rev()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| c.is_ascii());
                self.view.drop_space();
                if latin {
                    self.view.space(title.start);
                }
                self.view.glue = true;
                self.run_in = true;
            }
            None => {
                self.heading(clause, kind);
                self.view.flush(LineKind::Text, Some(self.depth));
            }
        }
        self.section_body(clause, kind);
        self.view.flush_text();
        self.run_in = false;
        self.depth = self.depth.saturating_sub(1);
    }

    fn annex(&mut self, annex: &'a Element) {
        self.view.flush_text();
        self.label(annex);
        self.view.flush(LineKind::Text, Some(1));
        let obligation = match annex.attr("obligation") {
            Some("informative") => "（资料性）",
            _ => "（规范性）",
        };
        self.view.computed(obligation, annex.start);
        self.view.flush_text();
        if let Some(title) = first(annex, "title") {
            self.children(title);
            self.view.flush(LineKind::Text, Some(1));
        }
        self.depth = 1;
        self.blocks(annex);
        self.view.flush_text();
        self.drain_footnotes();
        self.depth = 0;
    }

    fn bibliography(&mut self, list: &'a Element) {
        self.view.flush_text();
        self.fixed_heading(list, "参考文献");
        self.view.flush(LineKind::Text, Some(1));
        self.blocks(list);
        self.view.flush_text();
        self.drain_footnotes();
    }

    /// Chapter 2 without a lead-in of its own gets the one metanorma prints (in the
    /// GB/T 1.1-2020 wording).
    fn references_lead_in(&mut self, section: &'a Element) {
        if section.elements().any(|e| is(e, "p")) {
            return;
        }
        let sentence = if section.elements().any(|e| is(e, "bibitem")) {
            "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"
        } else {
            "本文件没有规范性引用文件。"
        };
        self.view.computed(sentence, section.start);
        self.view.flush_text();
    }

    /// A terms section without a lead-in gets the one metanorma prints: the documents named by
    /// `termdocsource` (`ISO 712和ISO 24333界定的以及下列术语和定义适用于本文件。`) or none.
    fn terms_lead_in(&mut self, terms: &'a Element) {
        let written = terms.elements().take_while(|e| !is(e, "term") && !is(e, "clause")).any(|e| is(e, "p"));
        if written {
            return;
        }
        let sources: Vec<String> = kids(self.root, "termdocsource")
            .filter_map(|s| s.attr("target").or_else(|| s.attr("bibitemid")))
            .filter_map(|id| self.bibitem_by_id(id))
            .filter_map(|bibitem| self.reference_designation(bibitem))
            .collect();
        let has_entries = terms.elements().any(|e| is(e, "term") || is(e, "clause"));
        let named = match sources.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{}和{last}", rest.join("、")),
        };
        let sentence = match (named.is_empty(), has_entries) {
            (true, true) => "下列术语和定义适用于本文件。".to_owned(),
            (true, false) => "本文件没有需要界定的术语和定义。".to_owned(),
            (false, true) => format!("{named}界定的以及下列术语和定义适用于本文件。"),
            (false, false) => format!("{named}界定的术语和定义适用于本文件。"),
        };
        self.view.computed(&sentence, terms.start);
        self.view.flush_text();
    }

    fn bibitem_by_id(&self, id: &str) -> Option<&'a Element> {
        let bibliography = first(self.root, "bibliography")?;
        let mut stack = vec![bibliography];
        while let Some(element) = stack.pop() {
            for child in element.elements() {
                if is(child, "bibitem") && child.attr("id").map(str::trim) == Some(id.trim()) {
                    return Some(child);
                }
                if !is(child, "bibitem") {
                    stack.push(child);
                }
            }
        }
        None
    }

    fn paragraph(&mut self, p: &'a Element) {
        if self.view.glue {
            self.view.glue = false;
        } else if self.run_in {
            self.run_in = false;
        } else {
            self.view.flush_text();
        }
        self.children(p);
        self.view.flush_text();
        self.drain_footnotes();
    }

    fn list(&mut self, list: &'a Element, ordered: bool) {
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
    fn definition_list(&mut self, list: &'a Element) {
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
    fn formula(&mut self, formula: &'a Element) {
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
    fn note(&mut self, note: &'a Element, word: &str) {
        self.view.flush_text();
        let label = self.numbering.of(note).map_or_else(|| word.to_owned(), |l| l.shown.clone());
        self.view.computed(&format!("{label}："), note.start);
        self.view.glue = true;
        self.blocks(note);
        self.view.flush_text();
        self.drain_footnotes();
    }

    /// 危险 / 警告 / 注意 … by the admonition's `@type`.
    fn admonition(&mut self, admonition: &'a Element) {
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
    fn table(&mut self, table: &'a Element) {
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
        let mut printed: HashSet<&str> = HashSet::new();
        for footnote in footnotes {
            if printed.insert(footnote.attr("reference").unwrap_or_default()) {
                self.footnote_line(footnote, "", LineKind::Text);
            }
        }
    }

    fn rows(&mut self, element: &'a Element, first_row: &mut bool) {
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
    fn caption(&mut self, float: &'a Element) {
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
    fn figure(&mut self, figure: &'a Element) {
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
        let mut printed: HashSet<&str> = HashSet::new();
        for footnote in footnotes {
            if printed.insert(footnote.attr("reference").unwrap_or_default()) {
                self.footnote_line(footnote, "", LineKind::Text);
            }
        }
        self.caption(figure);
    }

    /// A subfigure as one picture line: `a)　名称`.
    fn subfigure(&mut self, figure: &'a Element) {
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
    fn picture(&mut self, image: &'a Element) {
        self.view.flush_text();
        let source = image.attr("src").unwrap_or_default();
        let shown = if source.is_empty() || source.starts_with("data:") { "图" } else { source };
        self.view.computed(&format!("[{shown}]"), image.start);
        self.view.flush(LineKind::Figure, None);
    }

    fn drain_footnotes(&mut self) {
        while !self.footnotes.is_empty() {
            for footnote in std::mem::take(&mut self.footnotes) {
                let reference = footnote.attr("reference").unwrap_or_default().to_owned();
                if self.printed_footnotes.insert(reference) {
                    self.footnote_line(footnote, ")", LineKind::Text);
                }
            }
        }
    }

    /// `¹⁾ 脚注` in the text, `ᵃ 脚注` under a table or figure: the mark as GB prints it,
    /// raised, so that a footnote is not read as an item `1)` of a list.
    fn footnote_line(&mut self, footnote: &'a Element, mark: &str, kind: LineKind) {
        self.view.flush_text();
        let reference = footnote.attr("reference").unwrap_or_default().trim();
        if !reference.is_empty() {
            let raised: String = format!("{reference}{mark}").chars().map(superscript).collect();
            self.view.computed(&raised, footnote.start);
            self.view.space(footnote.start);
        }
        self.flat += 1;
        self.children(footnote);
        self.flat -= 1;
        self.view.flush(kind, None);
    }

    /// A term entry: its number, `中文术语 English term`, the definition (with `〈领域〉`),
    /// notes and examples, the source.
    fn term(&mut self, term: &'a Element) {
        self.view.flush_text();
        self.depth = self.depth.saturating_add(1);
        self.label(term);
        self.view.flush(LineKind::Text, Some(self.depth));
        let src = self.src;
        let preferred: Vec<&'a Element> = kids(term, "preferred").filter(|p| !p.plain_text(src).is_empty()).collect();
        let zh = preferred.iter().copied().find(|p| designation_in(p, "zh", src));
        let en = preferred.iter().copied().find(|p| designation_in(p, "en", src));
        let shown: Vec<&'a Element> = match (zh, en) {
            (None, None) => preferred.first().copied().into_iter().collect(),
            _ => zh.into_iter().chain(en).collect(),
        };
        for designation in shown {
            self.view.space(designation.start);
            self.term_designation(designation);
        }
        self.view.flush_text();
        if let Some(definition) = first(term, "definition") {
            if let Some(domain) = first(term, "domain").and_then(|d| non_empty(d, src)) {
                self.view.computed("〈", domain.start);
                self.children(domain);
                self.joined("〉", domain.start);
            }
            self.flat += 1;
            self.children(definition);
            self.flat -= 1;
            self.view.flush_text();
            self.drain_footnotes();
        }
        for child in term.elements() {
            if TERM_EXTRAS.iter().any(|name| is(child, name)) || is(child, "termsource") {
                continue;
            }
            self.element(child);
        }
        for source in kids(term, "termsource") {
            self.term_source(source);
        }
        self.drain_footnotes();
        self.depth = self.depth.saturating_sub(1);
    }

    /// The words of a designation: `expression/name` in later grammars, the text in 2019.
    fn term_designation(&mut self, designation: &'a Element) {
        let name = ["expression", "letter-symbol", "graphical-symbol"]
            .iter()
            .find_map(|kind| first(designation, kind))
            .and_then(|e| first(e, "name"));
        self.flat += 1;
        self.children(name.unwrap_or(designation));
        self.flat -= 1;
    }

    /// `[来源：ISO 7301:2011，3.1，有修改——说明]`.
    fn term_source(&mut self, source: &'a Element) {
        self.view.flush_text();
        self.joined("[来源：", source.start);
        self.flat += 1;
        if let Some(origin) = first(source, "origin") {
            self.inline(origin);
        }
        let modification = first(source, "modification");
        if source.attr("status") == Some("modified") || modification.is_some() {
            self.joined("，有修改", modification.map_or(source.start, |m| m.start));
        }
        if let Some(text) = modification.and_then(|m| non_empty(m, self.src)) {
            self.joined("——", text.start);
            self.children(text);
        }
        self.flat -= 1;
        self.joined("]", source.start);
        self.view.flush_text();
    }

    /// A reference entry: `[n]` in the bibliography, then designation and title (`ISO 712:2009
    /// 谷物…`), or the formatted reference for other documents.
    fn bibitem(&mut self, bibitem: &'a Element) {
        self.view.flush_text();
        if let Some(label) = self.numbering.of(bibitem).map(|l| l.shown.clone()).filter(|l| !l.is_empty()) {
            self.view.computed(&label, bibitem.start);
            self.view.space(bibitem.start);
        }
        self.flat += 1;
        match self.title_of(bibitem) {
            Some(title) => {
                if let Some(id) = self.identifier(bibitem) {
                    self.children(id);
                    if let Some(year) = self.year_suffix(bibitem, &id.plain_text(self.src)) {
                        self.view.computed(&year, id.start);
                    }
                    self.view.space(title.start);
                }
                self.children(title);
            }
            None => {
                for node in &bibitem.children {
                    if let Some(child) = self.view.node(self.src, node) {
                        if BIBITEM_TEXT.iter().any(|name| is(child, name)) {
                            self.element(child);
                        }
                    }
                }
            }
        }
        self.flat -= 1;
        self.view.flush_text();
        for note in kids(bibitem, "note") {
            // A footnote to a reference (`ISO DATE: 准备中`): kept in the view but not read as
            // another entry of the list, which is all chapter 2 holds.
            self.footnote_line(note, ")", LineKind::Skip);
        }
        self.drain_footnotes();
    }

    /// The document's identifier among a reference's `docidentifier`s (not its `[n]` label, a
    /// DOI or metanorma's own numbering).
    fn identifier(&self, bibitem: &'a Element) -> Option<&'a Element> {
        kids(bibitem, "docidentifier").find(|d| {
            let text = d.plain_text(self.src);
            let kind = d.attr("type").unwrap_or_default().to_ascii_lowercase();
            let citation_label = text.starts_with('[') && text.ends_with(']');
            let not_a_designation =
                matches!(kind.as_str(), "metanorma" | "metanorma-ordinal" | "doi" | "isbn" | "issn" | "urn");
            !(text.is_empty() || citation_label || not_a_designation)
        })
    }

    /// `:1994` after an identifier that lacks the year its `date[@type="published"]` gives
    /// (`—2015` for Chinese designations). A document not yet published (`--`) stays undated;
    /// its footnote says so.
    fn year_suffix(&self, bibitem: &Element, identifier: &str) -> Option<String> {
        let published = kids(bibitem, "date")
            .filter(|d| d.attr("type") == Some("published"))
            .find_map(|d| first(d, "on").or_else(|| first(d, "from")))?
            .plain_text(self.src);
        let dated = identifier.contains(':') || identifier.contains('—') || identifier.contains('－');
        if dated {
            return None;
        }
        let chinese = crate::model::find_designations(identifier, 0)
            .first()
            .is_some_and(|d| d.kind != crate::model::DesignationKind::International);
        let separator = if chinese { "—" } else { ":" };
        let year: String = published.chars().take(4).collect();
        (year.len() == 4 && year.chars().all(|c| c.is_ascii_digit())).then(|| format!("{separator}{year}"))
    }

    /// A reference's title in the document's language (`type="main"` first).
    fn title_of(&self, bibitem: &'a Element) -> Option<&'a Element> {
        let titles: Vec<&'a Element> = kids(bibitem, "title").filter(|t| !t.plain_text(self.src).is_empty()).collect();
        let language = self.language.as_str();
        let in_language = |t: &&&'a Element| t.attr("language").is_none_or(|l| l.eq_ignore_ascii_case(language));
        titles
            .iter()
            .filter(in_language)
            .find(|t| t.attr("type") == Some("main"))
            .or_else(|| titles.iter().find(in_language))
            .or_else(|| titles.iter().find(|t| t.attr("type") == Some("main")))
            .or_else(|| titles.first())
            .copied()
    }

    /// The designation a reference is named by in running text (for the terms lead-in).
    fn reference_designation(&self, bibitem: &'a Element) -> Option<String> {
        let id = self.identifier(bibitem)?;
        let text = id.plain_text(self.src);
        let year = self.year_suffix(bibitem, &text).unwrap_or_default();
        Some(format!("{text}{year}"))
    }
}

/// Whether a citation carries its own display text (besides its `locality` elements, which say
/// where in the cited document, not what to print).
fn shown_text(citation: &Element, src: &str) -> bool {
    citation.children.iter().any(|node| match node {
        Node::Text { start, end } => src.get(*start..*end).is_some_and(|t| !t.trim().is_empty()),
        Node::Ref { .. } => true,
        Node::Element(child) => !is(child, "locality") && !is(child, "localityStack") && shown_text(child, src),
        Node::Directive { .. } => false,
    })
}

/// Byte offsets of the `(` and `)` that group a subscript or superscript in AsciiMath
/// (`m_(D)`, `x^(2n)`), outermost pairs only.
fn grouping_brackets(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if matches!(b, b'_' | b'^') && bytes.get(i + 1) == Some(&b'(') {
            let open = i + 1;
            let mut depth = 0usize;
            let close = bytes.iter().enumerate().skip(open).find_map(|(j, &c)| {
                match c {
                    b'(' => depth += 1,
                    b')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                (c == b')' && depth == 0).then_some(j)
            });
            if let Some(close) = close {
                out.push((open, close));
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    out
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

/// What a reference without a title prints: its formatted text and inline markup.
const BIBITEM_TEXT: &[&str] = &["formattedref", "em", "strong", "string", "smallcap", "span", "link", "xref", "eref"];

/// A term designation in `language`: by its own `@language` (or its expression's), else by
/// whether it is written in Chinese.
fn designation_in(designation: &Element, language: &str, src: &str) -> bool {
    let declared = designation
        .attr("language")
        .or_else(|| first(designation, "expression").and_then(|e| e.attr("language")))
        .map(str::to_ascii_lowercase);
    match declared {
        Some(lang) => lang.starts_with(language),
        None => designation.plain_text(src).chars().any(crate::read::classify::is_han) == (language == "zh"),
    }
}

#[cfg(test)]
mod dump {
    #[test]
    #[ignore]
    fn dump_view() {
        let path = std::env::var("MN_DUMP").unwrap_or_default();
        let bytes = std::fs::read(path).unwrap_or_default();
        let view = crate::read::sts::read(&bytes).unwrap_or_else(|e| panic!("{e:?}"));
        for line in &view.lines {
            println!("{:?}{:?} {}", line.kind, line.heading, &view.text[line.span.start..line.span.end]);
        }
    }
}
