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

mod blocks;
mod cover;
mod entries;
mod layout;
mod sections;

use crate::hash::HashSet;

use layout::{Numbering, Part};

use super::view::View;
use super::walker::{Element, Node, Ns, Tree};
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::read::lines::LineKind;
use crate::source::Span;

/// A Metanorma document: its root is in a Metanorma namespace, or is `gb-standard` without one.
pub(super) fn is_metanorma(root: &Element) -> bool {
    root.ns == Ns::Metanorma || (root.ns == Ns::None && matches!(&*root.name, "gb-standard" | "metanorma"))
}

/// A Metanorma element by local name (a document without the namespace is read the same).
fn is(element: &Element, name: &str) -> bool {
    matches!(element.ns, Ns::Metanorma | Ns::None) && &*element.name == name
}

fn first<'e>(element: &'e Element, name: &str) -> Option<&'e Element> {
    element.elements().find(|e| is(e, name))
}

fn kids<'e>(element: &'e Element, name: &str) -> impl Iterator<Item = &'e Element> {
    element.elements().filter(move |e| is(e, name))
}

/// A section's title in lower case without white space, to recognise fixed titles.
fn title_key(element: &Element, src: &str) -> String {
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

struct MetanormaRenderer<'a> {
    src: &'a str,
    view: View,
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
    /// What the reader itself reports (cross-references to ids that do not exist).
    notices: Vec<Diagnostic>,
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
        printed_footnotes: HashSet::default(),
        depth: 0,
        flat: 0,
        lists: 0,
        symbols: false,
        run_in: false,
        language: String::new(),
        notices: Vec::new(),
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
    (r.view, r.notices)
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
        self.children_except(container, &["title", "name"]);
    }

    fn element(&mut self, element: &'a Element) {
        match element.ns {
            Ns::MathMl => return self.math(element),
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
                    let target = element.attr("target").unwrap_or_default().trim();
                    match self.numbering.reference(target) {
                        Some(label) => {
                            let shown = self.cited_in_context(label);
                            self.view.computed(&shown, element.start);
                        }
                        None => self.dangling_reference(target, element.start),
                    }
                }
            },
            "eref" | "origin" if shown_text(element, src) => {
                self.children_except(element, &["locality", "localityStack"]);
            }
            "eref" | "origin" => {
                self.view.computed(element.attr("citeas").unwrap_or_default(), element.start);
                self.localities(element);
            }
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

    /// A cross-reference to an id no element carries prints the id, as metanorma does; the
    /// reader says so where it stands.
    fn dangling_reference(&mut self, target: &str, anchor: usize) {
        let shown = if target.is_empty() { "??" } else { target };
        self.view.computed(shown, anchor);
        let end = self.view.text.len();
        self.notices.push(Diagnostic {
            code: "RF007",
            name: "unresolved-cross-reference",
            severity: Severity::Warning,
            span: Span::new(end.saturating_sub(shown.len()), end),
            message: Message::new(
                format!("交叉引用指向“{shown}”，但本文件中没有以此为标识（id）的元素"),
                format!("the cross-reference points to “{shown}”, which no element of this document has as its id"),
            ),
            help: Some(Message::new(
                "改正引用的target，或给被引用的元素加上该id",
                "correct the target, or give the element it means this id",
            )),
            fix: None,
        });
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

    /// MathML in one line, in the linear notation the 2019 grammar's AsciiMath uses: `m_D`,
    /// `x^2`, `a/b`, `√x`.
    fn math(&mut self, element: &'a Element) {
        let joiners: &[&str] = match &*element.name {
            "annotation" | "annotation-xml" => return,
            "msub" | "munder" => &["_"],
            "msup" | "mover" => &["^"],
            "msubsup" | "munderover" => &["_", "^"],
            "mfrac" => &["/"],
            "msqrt" => {
                self.view.computed("√", element.start);
                &[]
            }
            _ => &[],
        };
        for (i, child) in element.elements().enumerate() {
            if let Some(joiner) = i.checked_sub(1).and_then(|j| joiners.get(j)) {
                self.view.drop_space();
                self.view.computed(joiner, child.start);
                self.view.glue = true;
            }
            // A compound numerator or denominator keeps its grouping: `m_1/(m_1+m_2)`.
            let grouped = &*element.name == "mfrac" && &*child.name == "mrow" && child.elements().nth(1).is_some();
            if grouped {
                self.view.computed("(", child.start);
            }
            self.math(child);
            if grouped {
                self.view.computed(")", child.start);
            }
        }
        if element.elements().next().is_none() {
            self.children(element);
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

#[cfg(test)]
mod tests {
    use super::grouping_brackets;
    use crate::read::TextView;
    use crate::read::sts::read;

    fn view(xml: &str) -> TextView {
        read(xml.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn lines(view: &TextView) -> Vec<&str> {
        view.lines.iter().map(|l| view.text.get(l.span.start..l.span.end).unwrap_or_default()).collect()
    }

    #[test]
    fn computed_text_maps_to_its_element_and_copied_text_to_its_bytes() {
        let xml = r#"<gb-standard xmlns="http://riboseinc.com/gbstandard"><sections>
<clause id="s"><title>Scope</title><p>本文件规定了<em>要求</em>。</p></clause>
<clause><title>要求</title><p>见<xref target="s"/>和<stem type="AsciiMath">m_(D)</stem>。</p>
<note><p>注的文字。</p></note></clause></sections></gb-standard>"#;
        let view = view(xml);
        assert_eq!(lines(&view), ["1 范围", "本文件规定了要求。", "2 要求", "见第1章和m_D。", "注：注的文字。"]);
        let original = |needle: &str| view.map.original(view.text.find(needle).unwrap_or_default());
        assert!(xml[original("1 范围")..].starts_with("<clause id=\"s\">"));
        assert!(xml[original("范围")..].starts_with("<title>Scope"));
        assert!(xml[original("本文件")..].starts_with("本文件规定了"));
        assert!(xml[original("要求。")..].starts_with("要求</em>"));
        assert!(xml[original("第1章")..].starts_with("<xref"));
        assert!(xml[original("D。")..].starts_with("D)</stem>"));
        assert!(xml[original("注：")..].starts_with("<note>"));
    }

    #[test]
    fn mathml_is_written_in_one_line() {
        let xml = r#"<gb-standard xmlns="http://riboseinc.com/gbstandard"><sections><clause><title>计算</title>
<formula id="f"><stem type="MathML"><math xmlns="http://www.w3.org/1998/Math/MathML"><msub><mi>w</mi><mi>x</mi></msub>
<mo>=</mo><mfrac><msub><mi>m</mi><mn>1</mn></msub><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow></mfrac>
<mo>×</mo><msqrt><mi>c</mi></msqrt><annotation>w_x = ...</annotation></math></stem></formula></clause></sections></gb-standard>"#;
        assert_eq!(lines(&view(xml)), ["1 计算", "w_x=m_1/(a+b)×√c    (1)"]);
    }

    #[test]
    fn ascii_math_grouping_brackets() {
        assert_eq!(grouping_brackets("w_(wax)"), [(2, 6)]);
        assert_eq!(grouping_brackets("x^(2(n)) + y_(1"), [(2, 7)]);
        assert!(grouping_brackets("(a) + f(x)").is_empty());
        assert_eq!(super::blocks::superscript_mark("2)"), "²⁾");
        assert_eq!(super::blocks::superscript_mark("c"), "ᶜ");
    }
}
