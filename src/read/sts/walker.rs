//! quick-xml events → a small tree that remembers where every piece of text came from.
//!
//! The tree keeps text as byte ranges of the (decoded) source, and references as their range plus
//! what they resolve to, so the renderer can copy text verbatim and map every character back. No
//! DTD is loaded; entities declared in the DOCTYPE's internal subset are never expanded.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::entities::{self, Resolved};
use crate::read::ReadError;

/// Elements nested deeper than this are refused (IO007).
pub const MAX_DEPTH: usize = 512;

pub const TBX_ED1: &str = "urn:iso:std:iso:30042:ed-1";
pub const TBX_ED2: &str = "urn:iso:std:iso:30042:ed-2";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";
const METANORMA: [&str; 3] =
    ["http://riboseinc.com/gbstandard", "https://www.metanorma.org/ns/gb", "https://www.metanorma.org/ns/standoc"];

/// The namespaces the renderer tells apart, matched by URI (never by prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// No namespace: every STS/JATS element.
    None,
    /// TBX (ISO 30042, edition 1 or 2).
    Tbx,
    MathMl,
    /// Metanorma semantic XML (GB flavour, old and new namespaces).
    Metanorma,
    Other,
}

impl Ns {
    pub fn of_uri(uri: &str) -> Ns {
        match uri {
            TBX_ED1 | TBX_ED2 => Ns::Tbx,
            MATHML => Ns::MathMl,
            _ if METANORMA.contains(&uri) => Ns::Metanorma,
            _ => Ns::Other,
        }
    }
}

#[derive(Debug)]
pub struct Element {
    /// Position in document order (0 for the root), an index into per-element tables.
    pub index: usize,
    pub ns: Ns,
    /// The local name (`termEntry` for `tbx:termEntry`).
    pub name: Box<str>,
    /// Attributes other than namespace declarations: qualified name as written, decoded value.
    pub attrs: Vec<(Box<str>, Box<str>)>,
    /// Byte offset of the `<` of the start tag in the decoded source.
    pub start: usize,
    pub children: Vec<Node>,
}

#[derive(Debug)]
pub enum Node {
    Element(Element),
    /// Character data copied as is (no references in it; CDATA content too).
    Text {
        start: usize,
        end: usize,
    },
    /// A comment holding a normlint directive, `<!--` to `-->` at `start..end`; other
    /// comments are dropped.
    Directive {
        start: usize,
        end: usize,
    },
    /// A reference `&…;` at `start..end`.
    Ref {
        start: usize,
        end: usize,
        resolved: Resolved,
    },
}

impl Element {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| &**k == key).map(|(_, v)| &**v)
    }

    /// A child element in no namespace (or in the element's own namespace) by local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| &*e.name == name && (e.ns == self.ns || e.ns == Ns::None))
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    pub fn is(&self, name: &str) -> bool {
        self.ns == Ns::None && &*self.name == name
    }

    pub fn is_tbx(&self, name: &str) -> bool {
        self.ns == Ns::Tbx && &*self.name == name
    }

    /// The element's text with references resolved and white space collapsed, for metadata
    /// values and labels (not for the view, which keeps offsets).
    pub fn plain_text(&self, source: &str) -> String {
        let mut out = String::new();
        collect_text(self, source, &mut out);
        out.split(is_xml_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }
}

fn collect_text(element: &Element, source: &str, out: &mut String) {
    for node in &element.children {
        match node {
            Node::Text { start, end } => out.push_str(source.get(*start..*end).unwrap_or_default()),
            Node::Ref { start, end, resolved } => match resolved {
                Resolved::Char(c) => out.push(*c),
                Resolved::Literal => out.push_str(source.get(*start..*end).unwrap_or_default()),
            },
            Node::Element(e) => collect_text(e, source, out),
            Node::Directive { .. } => {}
        }
    }
}

pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The parsed document: its root element and how many elements it has.
#[derive(Debug)]
pub struct Tree {
    pub root: Element,
    pub count: usize,
}

/// Parses `text` (already decoded). Offsets in errors are offsets in `text`.
pub fn parse(text: &str) -> Result<Tree, ReadError> {
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut declared: Vec<String> = Vec::new();
    let mut count = 0usize;
    let malformed = |offset: usize, message: String| ReadError::MalformedXml { offset, message };

    loop {
        let before = position(reader.buffer_position());
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespace(&ns), event),
            Err(error) => {
                let at = position(reader.error_position()).max(before.min(text.len()));
                return Err(malformed(at.min(text.len()), error.to_string()));
            }
        };
        let after = position(reader.buffer_position());
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() && stack.is_empty() => {
                let _ = start;
                return Err(malformed(before, "a second root element after the document element".into()));
            }
            Event::Start(ref start) | Event::Empty(ref start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(ReadError::InputLimit {
                        message: format!("XML elements nested deeper than {MAX_DEPTH} levels"),
                    });
                }
                let mut attrs = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| malformed(before, e.to_string()))?;
                    let key = attr.key.as_ref();
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let is_declared = |name: &str| declared.iter().any(|d| d == name);
                    let value = entities::decode_value(&attr.value, &is_declared).map_err(entity_limit)?;
                    attrs.push((Box::from(key), Box::from(value.as_ref())));
                }
                let element = Element {
                    index: count,
                    ns,
                    name: Box::from(start.local_name().as_ref()),
                    attrs,
                    start: before,
                    children: Vec::new(),
                };
                count += 1;
                if matches!(event, Event::Empty(_)) {
                    attach(&mut stack, &mut root, element);
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => match stack.pop() {
                Some(element) => attach(&mut stack, &mut root, element),
                None => return Err(malformed(before, "an end tag without a start tag".into())),
            },
            Event::Text(_) | Event::CData(_) => {
                let (start, end) = match event {
                    // `<![CDATA[` … `]]>`
                    Event::CData(_) => ((before + 9).min(after), after.saturating_sub(3).max(before)),
                    _ => (before, after),
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Text { start, end }),
                    None => {
                        let raw = text.get(start..end).unwrap_or_default();
                        if let Some(i) = raw.find(|c: char| !is_xml_space(c) && c != '\u{feff}') {
                            return Err(malformed(start + i, "text outside the document element".into()));
                        }
                    }
                }
            }
            Event::GeneralRef(reference) => {
                let name: &str = reference.as_ref();
                let resolved = entities::resolve(name);
                if resolved == Resolved::Literal && declared.iter().any(|d| d == name) {
                    return Err(entity_limit(name.to_owned()));
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Ref { start: before, end: after, resolved }),
                    None => return Err(malformed(before, "a reference outside the document element".into())),
                }
            }
            Event::DocType(doctype) => declared = declared_entities(doctype.as_ref()),
            Event::Comment(ref comment) if comment.as_ref().contains("normlint-") => {
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Node::Directive { start: before, end: after });
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(malformed(text.len(), format!("the element <{}> is not closed", open.name)));
    }
    match root {
        Some(root) => Ok(Tree { root, count }),
        None => Err(malformed(text.len(), "no document element".into())),
    }
}

fn entity_limit(name: String) -> ReadError {
    let _ = name;
    ReadError::InputLimit { message: "entity declarations in the DOCTYPE are not expanded".into() }
}

fn position(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

fn namespace(result: &ResolveResult<'_>) -> Ns {
    match result {
        ResolveResult::Bound(uri) => Ns::of_uri(uri.as_ref()),
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::Other,
    }
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None => *root = Some(element),
    }
}

/// Names of the general entities the internal subset declares (`<!ENTITY name …>`; parameter
/// entities `<!ENTITY % name …>` are not referenced from content).
fn declared_entities(doctype: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = doctype;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = rest.get(at + "<!ENTITY".len()..).unwrap_or_default();
        let body = rest.trim_start_matches(is_xml_space);
        if body.starts_with('%') {
            continue;
        }
        let name: String = body.chars().take_while(|&c| !is_xml_space(c) && c != '"' && c != '\'').collect();
        if !name.is_empty() && names.len() < 10_000 {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(element: &Element) -> Vec<String> {
        element.elements().map(|e| e.name.to_string()).collect()
    }

    #[test]
    fn builds_a_tree_with_offsets() {
        let xml =
            "<?xml version=\"1.0\"?>\n<standard><body><p id=\"a\">A&mdash;B&foo;<![CDATA[<x>]]></p></body></standard>";
        let tree = parse(xml).unwrap();
        assert_eq!(&*tree.root.name, "standard");
        assert_eq!(tree.root.start, 22);
        let body = tree.root.child("body").unwrap();
        let p = body.child("p").unwrap();
        assert_eq!(p.attr("id"), Some("a"));
        let pieces: Vec<String> = p
            .children
            .iter()
            .map(|n| match n {
                Node::Text { start, end } => format!("T:{}", &xml[*start..*end]),
                Node::Ref { start, end, resolved } => format!("R:{}={resolved:?}", &xml[*start..*end]),
                Node::Element(e) => format!("E:{}", e.name),
                Node::Directive { start, end } => format!("D:{}", &xml[*start..*end]),
            })
            .collect();
        assert_eq!(pieces, ["T:A", "R:&mdash;=Char('—')", "T:B", "R:&foo;=Literal", "T:<x>"]);
        assert_eq!(p.plain_text(xml), "A—B&foo;<x>");
        assert_eq!(tree.count, 3);
    }

    #[test]
    fn tbx_is_matched_by_uri_not_by_prefix() {
        let xml = r#"<standard xmlns:t="urn:iso:std:iso:30042:ed-2" xmlns:tbx="urn:example:not-tbx">
            <t:termEntry/><tbx:termEntry/><termEntry/></standard>"#;
        let tree = parse(xml).unwrap();
        let ns: Vec<Ns> = tree.root.elements().map(|e| e.ns).collect();
        assert_eq!(ns, [Ns::Tbx, Ns::Other, Ns::None]);
        assert!(tree.root.elements().next().unwrap().is_tbx("termEntry"));
        assert_eq!(names(&tree.root), ["termEntry", "termEntry", "termEntry"]);
        let ed1 = parse(r#"<a xmlns:x="urn:iso:std:iso:30042:ed-1"><x:langSet/></a>"#).unwrap();
        assert_eq!(ed1.root.elements().next().unwrap().ns, Ns::Tbx);
    }

    #[test]
    fn malformed_xml_reports_the_offset() {
        let xml = "<standard><sec><title>范围</sec></standard>";
        let Err(ReadError::MalformedXml { offset, .. }) = parse(xml) else { panic!() };
        assert_eq!(offset, xml.find("</sec>").unwrap());
        let Err(ReadError::MalformedXml { offset, .. }) = parse("<a><b></b>") else { panic!() };
        assert_eq!(offset, 10);
        assert!(matches!(parse("<a/><b/>"), Err(ReadError::MalformedXml { offset: 4, .. })));
        assert!(matches!(parse("<a/>text"), Err(ReadError::MalformedXml { offset: 4, .. })));
        assert!(matches!(parse("<a>AT&T</a>"), Err(ReadError::MalformedXml { .. })));
        assert!(matches!(parse(""), Err(ReadError::MalformedXml { .. })));
        assert!(matches!(parse("<a x='1' x='2'/>"), Err(ReadError::MalformedXml { offset: 0, .. })));
    }

    #[test]
    fn nesting_is_limited() {
        let deep = "<sec>".repeat(MAX_DEPTH + 1) + &"</sec>".repeat(MAX_DEPTH + 1);
        assert!(matches!(parse(&deep), Err(ReadError::InputLimit { .. })));
        let ok = "<sec>".repeat(MAX_DEPTH) + &"</sec>".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn declared_entities_are_never_expanded() {
        let lol = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY % pe "x">
]>
<lolz>&lol2;</lolz>"#;
        let Err(ReadError::InputLimit { message }) = parse(lol) else { panic!() };
        assert_eq!(message, "entity declarations in the DOCTYPE are not expanded");
        assert!(matches!(parse(&lol.replace("<lolz>&lol2;", "<lolz a='&lol;'>")), Err(ReadError::InputLimit { .. })));
        // Declared but not referenced: fine; an undeclared unknown name stays literal.
        let tree = parse(&lol.replace("&lol2;", "&other;")).unwrap();
        assert!(matches!(tree.root.children.first(), Some(Node::Ref { resolved: Resolved::Literal, .. })));
        assert_eq!(declared_entities(" x [<!ENTITY a 'b'><!ENTITY % c 'd'><!ENTITY\te \"f\">]"), ["a", "e"]);
    }
}
