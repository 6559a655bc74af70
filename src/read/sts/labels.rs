//! Labels of numbered elements: the one the file declares (`<label>5.1</label>`) or, when it
//! has none, the one its position gives (1, 2, 5.1 …, 附录A, 图A.1, 表2, (3), [4]).
//!
//! Computed before rendering, so that an empty `<xref rid="…"/>` can show the label of a target
//! further down the document.

use crate::hash::HashMap;
use std::borrow::Cow;

use super::walker::{Element, Ns};

/// What an element is to the numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Where top-level clauses are numbered 1, 2, 3 … (`body`, Metanorma `sections`).
    Body,
    Sec,
    TermSec,
    App,
    /// An annex that is the bibliography (`app[@content-type="bibl"]`).
    BiblApp,
    Back,
    Fig,
    Table,
    Formula,
    RefList,
    Ref,
    Fn,
    Other,
}

pub fn role(element: &Element) -> Role {
    if element.ns != Ns::None {
        return Role::Other;
    }
    match &*element.name {
        "body" => Role::Body,
        "sec" => Role::Sec,
        "term-sec" => Role::TermSec,
        "app" if is_bibliography_app(element) => Role::BiblApp,
        "app" => Role::App,
        "back" => Role::Back,
        "fig" => Role::Fig,
        "table-wrap" => Role::Table,
        "disp-formula" => Role::Formula,
        "ref-list" => Role::RefList,
        "ref" => Role::Ref,
        "fn" => Role::Fn,
        _ => Role::Other,
    }
}

fn is_bibliography_app(app: &Element) -> bool {
    app.attr("content-type").is_some_and(|t| t.eq_ignore_ascii_case("bibl") || t.contains("bibliography"))
}

/// A label and whether the file wrote it (`declared`) or the reader computed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub declared: bool,
    /// For annexes: the letter(s) (`A`, `ZA`).
    pub letter: Option<String>,
}

#[derive(Debug, Default)]
pub struct Labels {
    items: Vec<Option<Label>>,
    ids: HashMap<String, usize>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counters {
    figures: usize,
    tables: usize,
    formulas: usize,
}

struct Pass<'a> {
    source: &'a str,
    labels: Labels,
    /// Figure, table and formula counters: one for the document, one per annex.
    scopes: Vec<(Option<String>, Counters)>,
    annexes: usize,
}

impl Labels {
    pub fn compute(root: &Element, count: usize, source: &str) -> Labels {
        let mut pass = Pass {
            source,
            labels: Labels { items: Vec::new(), ids: HashMap::default() },
            scopes: vec![(None, Counters::default())],
            annexes: 0,
        };
        pass.labels.items.resize(count, None);
        pass.walk(root, None);
        pass.labels
    }

    pub fn of(&self, element: &Element) -> Option<&Label> {
        self.items.get(element.index).and_then(Option::as_ref)
    }

    /// The label of the element an `@rid` names (the first of several ids).
    pub fn for_rid(&self, rid: &str) -> Option<&Label> {
        let first = rid.split_ascii_whitespace().next()?;
        let index = *self.ids.get(first)?;
        self.items.get(index).and_then(Option::as_ref)
    }

    fn set(&mut self, element: &Element, label: Label) {
        if let Some(slot) = self.items.get_mut(element.index) {
            *slot = Some(label);
        }
    }
}

/// The declared label of an element: the text of its `label` child, when not empty.
pub fn declared(element: &Element, source: &str) -> Option<String> {
    let label = element.child("label")?;
    let text = label.plain_text(source);
    (!text.is_empty()).then_some(text)
}

/// `附录A`, `附 录 A`, `Annex A`, `ANNEX ZA`, `Appendix B`, `A` → the letters.
pub fn annex_letter(label: &str) -> Option<String> {
    let compact: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = ["附录", "Annex", "ANNEX", "Appendix", "APPENDIX"]
        .iter()
        .find_map(|p| compact.strip_prefix(p))
        .unwrap_or(&compact);
    let rest = rest.trim_end_matches(['：', ':', '.', '．']);
    let letters: String = rest.chars().map(fold_letter).collect();
    (!letters.is_empty() && letters.len() <= 2 && letters.chars().all(|c| c.is_ascii_uppercase())).then_some(letters)
}

fn fold_letter(c: char) -> char {
    match c {
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32).unwrap_or(c),
        _ => c,
    }
}

/// `Figure 3` → `图3`, `Table A.1` → `表A.1`; a Chinese label stays as it is.
pub fn caption_label(declared: &str, chinese: &str, english: &[&str]) -> String {
    let trimmed = declared.trim();
    for word in english {
        if let Some(rest) = trimmed.strip_prefix(word) {
            return format!("{chinese}{}", rest.trim());
        }
    }
    trimmed.to_owned()
}

fn letter_of(n: usize) -> String {
    let n = u8::try_from(n.min(25)).unwrap_or(25);
    char::from(b'A' + n).to_string()
}

impl Pass<'_> {
    fn walk(&mut self, element: &Element, prefix: Option<&str>) {
        if let Some(id) = element.attr("id") {
            self.labels.ids.entry(id.to_owned()).or_insert(element.index);
        }
        let own_role = role(element);
        // Borrowed where it is the parent's: every paragraph and inline element inherits it,
        // and a copy for each was most of this walk.
        let mut child_prefix: Option<Cow<'_, str>> = match own_role {
            Role::Body => Some(Cow::Borrowed("")),
            Role::Sec | Role::TermSec => self.labels.of(element).map(|l| Cow::Owned(l.text.clone())),
            _ => prefix.filter(|_| own_role == Role::Other && !is_boundary(element)).map(Cow::Borrowed),
        };
        let mut pushed_scope = false;
        match own_role {
            Role::Back => self.annexes = 0,
            Role::App => {
                let declared_text = declared(element, self.source);
                let letter = declared_text.as_deref().and_then(annex_letter).unwrap_or_else(|| letter_of(self.annexes));
                self.annexes += 1;
                let label = match &declared_text {
                    Some(text) if annex_letter(text).is_none() => text.clone(),
                    _ => format!("附录{letter}"),
                };
                self.labels.set(
                    element,
                    Label { text: label, declared: declared_text.is_some(), letter: Some(letter.clone()) },
                );
                child_prefix = Some(Cow::Owned(letter.clone()));
                self.scopes.push((Some(letter), Counters::default()));
                pushed_scope = true;
            }
            Role::Fig | Role::Table | Role::Formula => self.number_float(element, own_role),
            Role::Fn => {
                if let Some(text) = declared(element, self.source) {
                    self.labels.set(element, Label { text, declared: true, letter: None });
                }
            }
            Role::RefList => self.number_refs(element),
            _ => {}
        }

        self.number_notes(element);

        // Clauses and term entries are numbered among their siblings.
        let mut position = 0usize;
        for child in element.elements() {
            let child_role = role(child);
            if matches!(child_role, Role::Sec | Role::TermSec) {
                position += 1;
                let label = match declared(child, self.source) {
                    Some(text) => Some(Label { text, declared: true, letter: None }),
                    None => child_prefix.as_deref().map(|p| Label {
                        text: if p.is_empty() { position.to_string() } else { format!("{p}.{position}") },
                        declared: false,
                        letter: None,
                    }),
                };
                if let Some(label) = label {
                    self.labels.set(child, label);
                }
            }
        }
        for child in element.elements() {
            self.walk(child, child_prefix.as_deref());
        }
        if pushed_scope {
            self.scopes.pop();
        }
    }

    fn number_float(&mut self, element: &Element, role: Role) {
        let Some((letter, counters)) = self.scopes.last_mut() else { return };
        let n = match role {
            Role::Fig => {
                counters.figures += 1;
                counters.figures
            }
            Role::Table => {
                counters.tables += 1;
                counters.tables
            }
            _ => {
                counters.formulas += 1;
                counters.formulas
            }
        };
        let number = match letter {
            Some(l) => format!("{l}.{n}"),
            None => n.to_string(),
        };
        let label = match (declared(element, self.source), role) {
            (Some(text), Role::Fig) => {
                Label { text: caption_label(&text, "图", &["Figure", "FIGURE", "Fig."]), declared: true, letter: None }
            }
            (Some(text), Role::Table) => {
                Label { text: caption_label(&text, "表", &["Table", "TABLE"]), declared: true, letter: None }
            }
            (Some(text), _) => Label { text, declared: true, letter: None },
            (None, Role::Fig) => Label { text: format!("图{number}"), declared: false, letter: None },
            (None, Role::Table) => Label { text: format!("表{number}"), declared: false, letter: None },
            (None, _) => Label { text: format!("({number})"), declared: false, letter: None },
        };
        self.labels.set(element, label);
    }

    /// Notes and examples without a label: `注` alone, `注1` `注2` … when a container has several.
    fn number_notes(&mut self, parent: &Element) {
        // Most elements hold neither: one pass over the children instead of four.
        if !parent.elements().any(|e| NUMBERED_NOTES.iter().any(|(_, kinds)| is_kind(e, kinds))) {
            return;
        }
        for (word, kinds) in NUMBERED_NOTES {
            let of_kind = |e: &&Element| is_kind(e, &kinds);
            let total = parent.elements().filter(of_kind).count();
            for (i, note) in parent.elements().filter(of_kind).enumerate() {
                if declared(note, self.source).is_some() {
                    continue;
                }
                let text = if total > 1 { format!("{word}{}", i + 1) } else { word.to_owned() };
                self.labels.set(note, Label { text, declared: false, letter: None });
            }
        }
    }

    fn number_refs(&mut self, list: &Element) {
        let numbered = list.attr("content-type").is_some_and(|t| t.starts_with("bibl"));
        for (index, reference) in list.elements().filter(|e| role(e) == Role::Ref).enumerate() {
            let n = index + 1;
            let label = match declared(reference, self.source) {
                Some(text) => Some(Label { text, declared: true, letter: None }),
                None => numbered.then(|| Label { text: format!("[{n}]"), declared: false, letter: None }),
            };
            if let Some(label) = label {
                self.labels.set(reference, label);
            }
        }
    }
}

/// The label word of notes and of examples, and their elements: two without a namespace, one
/// of TBX.
const NUMBERED_NOTES: [(&str, [&str; 3]); 2] = [
    ("注", ["non-normative-note", "normative-note", "note"]),
    ("示例", ["non-normative-example", "normative-example", "example"]),
];

/// Whether `element` is one of `kinds` (see [`NUMBERED_NOTES`]).
fn is_kind(element: &Element, kinds: &[&str; 3]) -> bool {
    match element.ns {
        Ns::None => kinds[..2].contains(&&*element.name),
        Ns::Tbx => *element.name == *kinds[2],
        _ => false,
    }
}

/// Containers across which clause numbering does not carry (a table, a figure, a list …).
fn is_boundary(element: &Element) -> bool {
    element.ns != Ns::None
        || matches!(
            &*element.name,
            "front" | "back" | "adoption-front" | "table-wrap" | "fig" | "list" | "ref-list" | "app-group"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::sts::walker::parse;

    fn labels_of(xml: &str) -> (Vec<(String, String, bool)>, Labels) {
        let tree = parse(xml).unwrap();
        let labels = Labels::compute(&tree.root, tree.count, xml);
        let mut out = Vec::new();
        fn collect(e: &Element, labels: &Labels, out: &mut Vec<(String, String, bool)>) {
            if let Some(l) = labels.of(e) {
                out.push((e.name.to_string(), l.text.clone(), l.declared));
            }
            for c in e.elements() {
                collect(c, labels, out);
            }
        }
        collect(&tree.root, &labels, &mut out);
        (out, labels)
    }

    #[test]
    fn clause_labels_from_position_and_declared_labels_kept() {
        let xml = r#"<standard><front><sec sec-type="foreword"><sec/></sec></front><body>
            <sec><title>范围</title></sec>
            <sec><label>2</label><sec/><sec><sec/></sec></sec>
            <sec><label>6</label><sec/><term-sec/></sec>
            </body></standard>"#;
        let (labels, _) = labels_of(xml);
        let texts: Vec<(&str, bool)> = labels.iter().map(|(_, t, d)| (t.as_str(), *d)).collect();
        assert_eq!(
            texts,
            [
                ("1", false),
                ("2", true),
                ("2.1", false),
                ("2.2", false),
                ("2.2.1", false),
                ("6", true),
                ("6.1", false),
                ("6.2", false)
            ]
        );
    }

    #[test]
    fn annexes_figures_tables_formulas_and_references() {
        let xml = r#"<standard><body><sec><fig id="f1"/><table-wrap><label>Table 7</label></table-wrap>
            <disp-formula/></sec></body>
            <back><app-group>
              <app id="a"><label>Annex A</label><sec id="a1"/><fig/><fig id="fa2"/></app>
              <app content-type="bibl"><ref-list content-type="bibl"><ref id="r1"/><ref><label>[9]</label></ref></ref-list></app>
              <app><table-wrap/><disp-formula id="eq"/></app>
            </app-group></back></standard>"#;
        let (labels, table) = labels_of(xml);
        let texts: Vec<&str> = labels.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            ["1", "图1", "表7", "(1)", "附录A", "A.1", "图A.1", "图A.2", "[1]", "[9]", "附录B", "表B.1", "(B.1)"]
        );
        assert_eq!(table.for_rid("fa2").map(|l| l.text.as_str()), Some("图A.2"));
        assert_eq!(table.for_rid("a").map(|l| l.text.as_str()), Some("附录A"));
        assert_eq!(table.for_rid("a1 f1").map(|l| l.text.as_str()), Some("A.1"));
        assert_eq!(table.for_rid("r1").map(|l| l.text.as_str()), Some("[1]"));
        assert_eq!(table.for_rid("eq").map(|l| l.text.as_str()), Some("(B.1)"));
        assert!(table.for_rid("nowhere").is_none());
    }

    #[test]
    fn annex_letters() {
        assert_eq!(annex_letter("附录A").as_deref(), Some("A"));
        assert_eq!(annex_letter("附 录 Ｂ").as_deref(), Some("B"));
        assert_eq!(annex_letter("Annex ZA").as_deref(), Some("ZA"));
        assert_eq!(annex_letter("C").as_deref(), Some("C"));
        assert_eq!(annex_letter("Annex 1"), None);
        assert_eq!(caption_label("Figure 3", "图", &["Figure"]), "图3");
        assert_eq!(caption_label("图A.1", "图", &["Figure"]), "图A.1");
    }
}
