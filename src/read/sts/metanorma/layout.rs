//! Where each part of a Metanorma document stands in the printed standard, and the numbers
//! metanorma prints for it.
//!
//! Metanorma's semantic XML carries no clause numbers: the publishing step computes them. The
//! printed order is not the XML order either: the normative references are stored in
//! `<bibliography>` yet printed as chapter 2, after the scope and before the terms. [`layout`]
//! gives the printed order and [`Numbering::compute`] walks it once, so that a cross-reference
//! to an annex from the introduction already knows the annex's letter.

use crate::hash::HashMap;

use super::{is, title_key};
use crate::read::sts::walker::Element;

/// What a chapter is to GB/T 1.1: the three fixed chapters, a symbols chapter, or any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChapterKind {
    Scope,
    References,
    Terms,
    Symbols,
    Other,
}

/// A top-level part of the printed document.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// `foreword`, `introduction` or another front section.
    Preface(&'a Element),
    Chapter(&'a Element, ChapterKind),
    Annex(&'a Element),
    /// `references` (or a `clause` of them) in `<bibliography>` that are not normative.
    Bibliography(&'a Element),
    /// An element normlint does not know at the top level: walked for its text.
    Other(&'a Element),
}

/// Top-level elements that never print: metadata, metanorma's own bookkeeping.
pub const HIDDEN_TOP: &[&str] = &[
    "bibdata",
    "version",
    "boilerplate",
    "termdocsource",
    "misc-container",
    "metanorma-extension",
    "presentation-metadata",
    "localized-strings",
    "review",
    "toc",
    "index",
    "indexsect",
    "colophon",
];

/// The scope: `@type="scope"` in later grammars, the title in the 2019 one.
fn is_scope(clause: &Element, src: &str) -> bool {
    is(clause, "clause")
        && (clause.attr("type") == Some("scope") || matches!(title_key(clause, src).as_str(), "scope" | "范围"))
}

/// Normative references: `@normative="true"` in later grammars, the title in the 2019 one.
pub fn is_normative_references(element: &Element, src: &str) -> bool {
    (is(element, "references") || is(element, "clause"))
        && (element.attr("normative") == Some("true")
            || matches!(title_key(element, src).as_str(), "normativereferences" | "规范性引用文件"))
}

/// `terms`, or a clause that holds them (`术语、定义和缩略语` with its terms inside).
fn is_terms(element: &Element) -> bool {
    is(element, "terms") || (is(element, "clause") && contains_terms(element))
}

fn contains_terms(element: &Element) -> bool {
    element
        .elements()
        .any(|child| is(child, "terms") || is(child, "term") || (is(child, "clause") && contains_terms(child)))
}

/// The parts in the order a GB standard prints them: preface, scope, normative references,
/// terms, symbols, the other chapters as written, annexes, bibliography.
pub fn layout<'a>(root: &'a Element, src: &str) -> Vec<Part<'a>> {
    let mut preface = Vec::new();
    let mut sections: Vec<&'a Element> = Vec::new();
    let mut annexes = Vec::new();
    let mut normative = Vec::new();
    let mut bibliography = Vec::new();
    let mut other = Vec::new();
    for child in root.elements() {
        let name = &*child.name;
        if HIDDEN_TOP.contains(&name) {
            continue;
        }
        match name {
            "preface" => preface.extend(child.elements().map(Part::Preface)),
            "sections" => sections.extend(child.elements()),
            "annex" => annexes.push(Part::Annex(child)),
            "bibliography" => {
                for part in child.elements() {
                    if is_normative_references(part, src) {
                        normative.push(part);
                    } else {
                        bibliography.push(Part::Bibliography(part));
                    }
                }
            }
            _ => other.push(Part::Other(child)),
        }
    }
    let mut chapters: Vec<Part<'a>> = Vec::new();
    let mut taken = vec![false; sections.len()];
    let mut take = |found: Option<usize>, kind: ChapterKind, chapters: &mut Vec<Part<'a>>| {
        if let Some((i, element)) = found.and_then(|i| sections.get(i).map(|e| (i, *e))) {
            if let Some(flag) = taken.get_mut(i) {
                *flag = true;
            }
            chapters.push(Part::Chapter(element, kind));
        }
    };
    take(sections.iter().position(|s| is_scope(s, src)), ChapterKind::Scope, &mut chapters);
    let in_sections = sections.iter().position(|s| is_normative_references(s, src));
    take(in_sections, ChapterKind::References, &mut chapters);
    chapters.extend(normative.into_iter().map(|r| Part::Chapter(r, ChapterKind::References)));
    take(sections.iter().position(|s| is_terms(s)), ChapterKind::Terms, &mut chapters);
    take(sections.iter().position(|s| is(s, "definitions")), ChapterKind::Symbols, &mut chapters);
    for (i, section) in sections.iter().enumerate() {
        if !taken.get(i).copied().unwrap_or(true) {
            let kind = if is(section, "definitions") { ChapterKind::Symbols } else { ChapterKind::Other };
            chapters.push(Part::Chapter(section, kind));
        }
    }
    preface.into_iter().chain(chapters).chain(annexes).chain(bibliography).chain(other).collect()
}

/// A number as printed at its element (`4.2`, `附录A`, `表1`, `(A.1)`, `注2`, `[3]`) and as a
/// cross-reference to it prints (`第4章`, `公式(A.1)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub shown: String,
    pub cited: String,
    /// The number alone (`A.1` of `公式(A.1)`), for text that already says `公式（…）`.
    pub number: String,
    /// The word a citation puts before the number (`公式`, `表`), when it has one.
    pub word: Option<&'static str>,
}

#[derive(Debug, Default)]
pub struct Numbering {
    labels: Vec<Option<Label>>,
    ids: HashMap<String, usize>,
}

/// Figure, table and formula counters of the body or of one annex.
#[derive(Debug, Default)]
struct Floats {
    prefix: String,
    figures: usize,
    tables: usize,
    formulas: usize,
}

struct Pass<'s> {
    src: &'s str,
    numbering: Numbering,
    /// The counters of the body, then of each annex in turn (annexes follow every chapter).
    floats: Floats,
    references: usize,
}

/// Elements numbered among their siblings as subclauses (`4.1`, `3.2` for a term entry).
pub fn is_subclause(element: &Element) -> bool {
    ["clause", "terms", "definitions", "term", "references"].iter().any(|name| is(element, name))
}

impl Numbering {
    pub fn compute(parts: &[Part<'_>], count: usize, src: &str) -> Numbering {
        let mut pass = Pass {
            src,
            numbering: Numbering { labels: vec![None; count], ids: HashMap::default() },
            floats: Floats::default(),
            references: 0,
        };
        let mut chapter = 0usize;
        let mut annex = 0usize;
        for part in parts {
            match *part {
                // An introduction's subclauses are 0.1, 0.2 … (GB/T 1.1-2020 8.4).
                Part::Preface(element) if is(element, "introduction") => pass.walk(element, Some("0")),
                Part::Preface(element) | Part::Other(element) => pass.walk(element, None),
                Part::Chapter(element, _) => {
                    chapter += 1;
                    let n = chapter.to_string();
                    pass.set(element, n.clone(), format!("第{n}章"));
                    pass.walk(element, Some(&n));
                }
                Part::Annex(element) => {
                    let letter = annex_letter(annex);
                    annex += 1;
                    pass.set(element, format!("附录{letter}"), format!("附录{letter}"));
                    pass.floats = Floats { prefix: format!("{letter}."), ..Floats::default() };
                    pass.walk(element, Some(&letter));
                }
                Part::Bibliography(element) => pass.walk(element, None),
            }
        }
        pass.numbering
    }

    pub fn of(&self, element: &Element) -> Option<&Label> {
        self.labels.get(element.index).and_then(Option::as_ref)
    }

    /// The label of the element `id` names.
    pub fn reference(&self, id: &str) -> Option<&Label> {
        let index = *self.ids.get(id.trim())?;
        self.labels.get(index).and_then(Option::as_ref)
    }
}

/// `A` … `Z`, then `ZA`, `ZB` … as far as letters go (a document with more annexes is odd, not
/// an error).
fn annex_letter(index: usize) -> String {
    let letter = |n: usize| char::from(b'A' + u8::try_from(n % 26).unwrap_or(0));
    if index < 26 { letter(index).to_string() } else { format!("Z{}", letter(index - 26)) }
}

fn subfigure_letter(index: usize) -> char {
    char::from(b'a' + u8::try_from(index % 26).unwrap_or(0))
}

impl Pass<'_> {
    fn set(&mut self, element: &Element, shown: String, cited: String) {
        self.set_label(element, Label { number: shown.clone(), shown, cited, word: None });
    }

    fn set_label(&mut self, element: &Element, label: Label) {
        if let Some(slot) = self.numbering.labels.get_mut(element.index) {
            *slot = Some(label);
        }
    }

    /// Numbers the descendants of `element`; `prefix` is its clause number when it is a clause.
    fn walk(&mut self, element: &Element, prefix: Option<&str>) {
        if let Some(id) = element.attr("id") {
            self.numbering.ids.entry(id.trim().to_owned()).or_insert(element.index);
        }
        self.number_notes(element);
        let mut position = 0usize;
        let mut subfigures = 0usize;
        for child in element.elements() {
            if let (Some(prefix), true) = (prefix, is_subclause(child)) {
                position += 1;
                let label = format!("{prefix}.{position}");
                self.set(child, label.clone(), label.clone());
                self.walk(child, Some(&label));
                continue;
            }
            if is(child, "figure") && is(element, "figure") {
                let letter = subfigure_letter(subfigures);
                subfigures += 1;
                let parent = self.numbering.of(element).map(|l| l.cited.clone()).unwrap_or_default();
                self.set(child, format!("{letter})"), format!("{parent}{letter})"));
            } else {
                self.number_float(child);
            }
            if is(child, "bibitem") && is(element, "references") && !is_normative_references(element, self.src) {
                self.references += 1;
                let n = format!("[{}]", self.references);
                self.set(child, n.clone(), n);
            }
            self.walk(child, None);
        }
    }

    fn number_float(&mut self, element: &Element) {
        let floats = &mut self.floats;
        let numbered = element.attr("unnumbered") != Some("true");
        let label = if is(element, "figure") {
            floats.figures += 1;
            let number = format!("{}{}", floats.prefix, floats.figures);
            Label { shown: format!("图{number}"), cited: format!("图{number}"), number, word: Some("图") }
        } else if is(element, "table") && numbered {
            floats.tables += 1;
            let number = format!("{}{}", floats.prefix, floats.tables);
            Label { shown: format!("表{number}"), cited: format!("表{number}"), number, word: Some("表") }
        } else if is(element, "formula") && numbered {
            floats.formulas += 1;
            let number = format!("{}{}", floats.prefix, floats.formulas);
            // Cited as GB text prints it, in full-width brackets: `按公式（1）计算`.
            Label { shown: format!("({number})"), cited: format!("公式（{number}）"), number, word: Some("公式") }
        } else {
            return;
        };
        self.set_label(element, label);
    }

    /// Notes and examples of one container: `注` alone, `注1` `注2` … when it has several.
    fn number_notes(&mut self, parent: &Element) {
        for (word, names) in [("注", ["note", "termnote"]), ("示例", ["example", "termexample"])] {
            let of_kind: Vec<&Element> = parent.elements().filter(|e| names.iter().any(|name| is(e, name))).collect();
            let several = of_kind.len() > 1;
            for (i, item) in of_kind.iter().enumerate() {
                let shown = if several { format!("{word}{}", i + 1) } else { word.to_owned() };
                self.set(item, shown.clone(), shown);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::sts::walker::parse;

    const DOC: &str = r#"<gb-standard xmlns="http://riboseinc.com/gbstandard">
      <preface><foreword><title>Foreword</title></foreword>
        <introduction><title>Introduction</title><clause id="i1"><title>甲</title></clause></introduction></preface>
      <sections>
        <terms id="terms"><term id="t1"/><term id="t2"/></terms>
        <clause id="scope"><title>Scope</title></clause>
        <clause id="c4"><title>要求</title>
          <clause id="c41"><note id="n1"/><note id="n2"/><example id="e1"/>
            <table id="tab"/><formula id="f1"/><formula id="f0" unnumbered="true"/>
            <figure id="fig"><figure id="fa"/><figure id="fb"/></figure></clause></clause>
      </sections>
      <annex id="ax" obligation="informative"><clause id="a1"/><table id="atab"/><formula id="af"/></annex>
      <bibliography>
        <references id="bib"><title>Bibliography</title><bibitem id="b1"/><bibitem id="b2"/></references>
        <references id="norm"><title>Normative references</title><bibitem id="n"/></references>
      </bibliography></gb-standard>"#;

    #[test]
    fn parts_in_printed_order_with_the_numbers_metanorma_prints() {
        let tree = parse(DOC).unwrap_or_else(|e| panic!("{e:?}"));
        let parts = layout(&tree.root, DOC);
        let order: Vec<String> = parts
            .iter()
            .map(|p| match p {
                Part::Preface(e) => format!("preface {}", e.name),
                Part::Chapter(e, kind) => format!("{kind:?} {}", e.attr("id").unwrap_or_default()),
                Part::Annex(e) => format!("annex {}", e.attr("id").unwrap_or_default()),
                Part::Bibliography(e) => format!("bibliography {}", e.attr("id").unwrap_or_default()),
                Part::Other(e) => format!("other {}", e.name),
            })
            .collect();
        assert_eq!(
            order,
            [
                "preface foreword",
                "preface introduction",
                "Scope scope",
                "References norm",
                "Terms terms",
                "Other c4",
                "annex ax",
                "bibliography bib"
            ]
        );
        let numbering = Numbering::compute(&parts, tree.count, DOC);
        let cited = |id: &str| numbering.reference(id).map(|l| (l.shown.as_str(), l.cited.as_str()));
        assert_eq!(cited("i1"), Some(("0.1", "0.1")));
        assert_eq!(cited("scope"), Some(("1", "第1章")));
        assert_eq!(cited("norm"), Some(("2", "第2章")));
        assert_eq!(cited("terms"), Some(("3", "第3章")));
        assert_eq!(cited("t2"), Some(("3.2", "3.2")));
        assert_eq!(cited("c41"), Some(("4.1", "4.1")));
        assert_eq!(cited("n2"), Some(("注2", "注2")));
        assert_eq!(cited("e1"), Some(("示例", "示例")));
        assert_eq!(cited("tab"), Some(("表1", "表1")));
        assert_eq!(cited("f1"), Some(("(1)", "公式（1）")));
        assert_eq!(cited("f0"), None);
        assert_eq!(cited("fig"), Some(("图1", "图1")));
        assert_eq!(cited("fb"), Some(("b)", "图1b)")));
        assert_eq!(cited("ax"), Some(("附录A", "附录A")));
        assert_eq!(cited("a1"), Some(("A.1", "A.1")));
        assert_eq!(cited("atab"), Some(("表A.1", "表A.1")));
        assert_eq!(cited("af"), Some(("(A.1)", "公式（A.1）")));
        assert_eq!(cited("b2"), Some(("[2]", "[2]")));
        assert_eq!(cited("n"), None, "normative references carry no number");
        assert_eq!(annex_letter(27), "ZB");
    }
}
