//! A thin layer over quick-xml's namespace-aware reader for the parts of a package.
//!
//! Elements come back with their namespace folded to the few the reader cares about (Word's
//! main namespace in its transitional and strict spellings, markup compatibility, math) and
//! their local name, so that a part written with another prefix reads the same. Every item
//! carries the byte offset where it starts in the part. Nesting is limited (IO007) and any
//! well-formedness fault becomes IO003 with the offset quick-xml points at.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceError, PrefixDeclaration};
use quick_xml::reader::Reader;

use crate::read::ReadError;

/// Elements deeper than this are refused: no real document nests that far, and a bound keeps
/// every walk over a part linear.
pub(crate) const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML main (`w:`).
    W,
    /// Markup compatibility (`mc:`).
    Mc,
    /// Office math (`m:`).
    Math,
    Other,
}

const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const MATH_NAMESPACES: [&str; 2] =
    ["http://schemas.openxmlformats.org/officeDocument/2006/math", "http://purl.oclc.org/ooxml/officeDocument/math"];

fn namespace_of(uri: &str) -> Ns {
    if W_NAMESPACES.contains(&uri) {
        Ns::W
    } else if uri == MC_NAMESPACE {
        Ns::Mc
    } else if MATH_NAMESPACES.contains(&uri) {
        Ns::Math
    } else {
        Ns::Other
    }
}

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE: &str = "http://www.w3.org/2000/xmlns/";
/// quick-xml's own limit on the namespace bindings in scope, kept so that the same parts fail.
const MAX_NAMESPACE_BINDINGS: usize = quick_xml::name::DEFAULT_MAX_NAMESPACE_BINDINGS;

struct Binding {
    /// `None` for the default namespace (`xmlns="…"`).
    prefix: Option<String>,
    /// What the prefix resolves to: an empty URI (`xmlns:p=""`) unbinds, and an unbound
    /// prefix is [`Ns::Other`] as any namespace the reader does not know.
    ns: Ns,
    level: usize,
}

/// The namespace scopes of the open elements, as quick-xml's resolver keeps them (same
/// errors for reserved prefixes and too many bindings), but resolving straight to [`Ns`]:
/// Word declares some thirty prefixes on the root, and looking each element's prefix up
/// through all of them was a good part of reading a document. Prefixes resolved since the
/// bindings last changed are remembered.
#[derive(Default)]
struct Scopes {
    bindings: Vec<Binding>,
    level: usize,
    /// Element prefixes resolved under the current bindings; cleared when they change.
    resolved: Vec<(String, Ns)>,
    default_ns: Option<Ns>,
    /// Whole element names resolved under the current bindings (see [`NameSlot`]).
    names: NameSlots,
}

/// A part names a few dozen elements a hundred thousand times (`w:r`, `w:t`, `w:rPr` …):
/// a name of up to 15 bytes, packed into one integer with its length, finds its namespace and
/// interned local name in one slot of a small direct-mapped table, instead of a split, a
/// prefix look-up and an intern each time. A slot is valid for the bindings of one
/// generation: a change of bindings starts a new one.
#[derive(Clone, Copy)]
struct NameSlot {
    key: u128,
    generation: u32,
    ns: Ns,
    local: &'static str,
}

const NAME_SLOTS: usize = 64;

struct NameSlots {
    slots: Box<[NameSlot; NAME_SLOTS]>,
    /// Never 0, which empty slots hold.
    generation: u32,
}

impl Default for NameSlots {
    fn default() -> Self {
        let empty = NameSlot { key: 0, generation: 0, ns: Ns::Other, local: "" };
        NameSlots { slots: Box::new([empty; NAME_SLOTS]), generation: 1 }
    }
}

impl NameSlots {
    /// The name packed with its length, when it fits.
    fn key(name: &str) -> Option<u128> {
        let bytes = name.as_bytes();
        let mut packed = [0u8; 16];
        packed.get_mut(..bytes.len()).filter(|_| bytes.len() < 16)?.copy_from_slice(bytes);
        *packed.get_mut(15)? = u8::try_from(bytes.len()).ok()?;
        Some(u128::from_le_bytes(packed))
    }

    fn index(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize % NAME_SLOTS
    }

    fn get(&self, key: u128) -> Option<(Ns, &'static str)> {
        let slot = self.slots.get(Self::index(key))?;
        (slot.generation == self.generation && slot.key == key).then_some((slot.ns, slot.local))
    }

    fn put(&mut self, key: u128, ns: Ns, local: &'static str) {
        let generation = self.generation;
        if let Some(slot) = self.slots.get_mut(Self::index(key)) {
            *slot = NameSlot { key, generation, ns, local };
        }
    }

    fn invalidate(&mut self) {
        self.generation = self.generation.wrapping_add(1).max(1);
        if self.generation == 1 {
            // Wrapped: slots of the first generation could look valid again.
            *self = NameSlots::default();
        }
    }
}

/// Prefixes remembered at most: a part uses a handful; more are looked up every time.
const MAX_RESOLVED: usize = 16;

impl Scopes {
    fn push(&mut self, start: &BytesStart<'_>) -> Result<(), NamespaceError> {
        self.level += 1;
        // Most tags declare nothing: skip the attribute walk unless one could be a declaration.
        if memchr::memmem::find(start.attributes_raw().as_bytes(), b"xmlns").is_none() {
            return Ok(());
        }
        let mut attributes = start.attributes();
        attributes.with_checks(false);
        for attribute in attributes {
            let Ok(attribute) = attribute else { break };
            if let Some(declaration) = attribute.key.as_namespace_binding() {
                self.add(declaration, &attribute.value)?;
            }
        }
        Ok(())
    }

    fn add(&mut self, declaration: PrefixDeclaration<'_>, uri: &str) -> Result<(), NamespaceError> {
        let prefix = match declaration {
            PrefixDeclaration::Default => None,
            PrefixDeclaration::Named("xml") if uri == XML_NAMESPACE => return Ok(()),
            PrefixDeclaration::Named("xml") => return Err(NamespaceError::InvalidXmlPrefixBind(uri.to_owned())),
            PrefixDeclaration::Named("xmlns") => return Err(NamespaceError::InvalidXmlnsPrefixBind(uri.to_owned())),
            PrefixDeclaration::Named(prefix) if uri == XML_NAMESPACE => {
                return Err(NamespaceError::InvalidPrefixForXml(prefix.to_owned()));
            }
            PrefixDeclaration::Named(prefix) if uri == XMLNS_NAMESPACE => {
                return Err(NamespaceError::InvalidPrefixForXmlns(prefix.to_owned()));
            }
            // quick-xml files `xmlns:=` under the default namespace; so does this.
            PrefixDeclaration::Named("") => None,
            PrefixDeclaration::Named(prefix) => Some(prefix.to_owned()),
        };
        if self.bindings.len() >= MAX_NAMESPACE_BINDINGS {
            return Err(NamespaceError::TooManyBindings(MAX_NAMESPACE_BINDINGS));
        }
        self.bindings.push(Binding { prefix, ns: namespace_of(uri), level: self.level });
        self.changed();
        Ok(())
    }

    fn pop(&mut self) {
        self.level = self.level.saturating_sub(1);
        let kept = self.bindings.iter().rposition(|b| b.level <= self.level).map_or(0, |i| i + 1);
        if kept < self.bindings.len() {
            self.bindings.truncate(kept);
            self.changed();
        }
    }

    fn changed(&mut self) {
        self.resolved.clear();
        self.default_ns = None;
        self.names.invalidate();
    }

    /// An element name's namespace and its local name interned.
    fn resolve_name(&mut self, name: &str) -> (Ns, &'static str) {
        let key = NameSlots::key(name);
        if let Some(found) = key.and_then(|key| self.names.get(key)) {
            return found;
        }
        let (prefix, local) = split_name(name);
        let resolved = (self.resolve(prefix), intern(local));
        if let Some(key) = key {
            self.names.put(key, resolved.0, resolved.1);
        }
        resolved
    }

    /// The namespace of an element name's prefix (`None`: the default namespace).
    fn resolve(&mut self, prefix: Option<&str>) -> Ns {
        let Some(prefix) = prefix else {
            if let Some(ns) = self.default_ns {
                return ns;
            }
            let ns = self.bindings.iter().rev().find(|b| b.prefix.is_none()).map_or(Ns::Other, |b| b.ns);
            self.default_ns = Some(ns);
            return ns;
        };
        if let Some((_, ns)) = self.resolved.iter().find(|(p, _)| p == prefix) {
            return *ns;
        }
        let ns = self.bindings.iter().rev().find(|b| b.prefix.as_deref() == Some(prefix)).map_or(Ns::Other, |b| b.ns);
        if self.resolved.len() < MAX_RESOLVED {
            self.resolved.push((prefix.to_owned(), ns));
        }
        ns
    }
}

/// A start or empty tag.
pub(crate) struct Tag<'a> {
    pub ns: Ns,
    /// The local name when it is one the reader knows (see [`intern`]), `""` otherwise.
    pub local: &'static str,
    start: BytesStart<'a>,
}

impl<'a> Tag<'a> {
    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// The value of the attribute with this local name, whatever its prefix (`w:val`, `val`).
    pub fn attr(&self, local: &str) -> Option<Cow<'_, str>> {
        match plain_attribute(self.start.attributes_raw(), local) {
            Plain::Found(value) => Some(Cow::Borrowed(value)),
            Plain::Absent => None,
            Plain::Unusual => self.parsed_attr(local),
        }
    }

    /// [`Self::attr`] through quick-xml's attribute parser and value normalisation.
    fn parsed_attr(&self, local: &str) -> Option<Cow<'_, str>> {
        let mut attributes = self.start.attributes();
        attributes.with_checks(false);
        for attribute in attributes.flatten() {
            if attribute.key.local_name().into_inner() == local {
                return attribute.normalized_value(XmlVersion::Implicit1_0).ok();
            }
        }
        None
    }

    /// An attribute parsed as a number.
    pub fn number(&self, local: &str) -> Option<u32> {
        self.attr(local).and_then(|v| v.trim().parse().ok())
    }

    /// A Word on/off property (`<w:vanish/>`, `<w:vanish w:val="false"/>`).
    pub fn is_on(&self) -> bool {
        !matches!(self.attr("val").as_deref(), Some("0" | "false" | "off"))
    }
}

pub(crate) enum Item<'a> {
    Open(Tag<'a>),
    Empty(Tag<'a>),
    Close {
        ns: Ns,
        local: &'static str,
    },
    /// Character data exactly as it stands in the part (references come separately).
    Text(Cow<'a, str>),
    /// A character or entity reference, resolved.
    Char(char),
    Eof,
}

pub(crate) struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    scopes: Scopes,
    /// The scope of the last empty or end tag, left when the next item is read.
    pending_pop: bool,
    depth: usize,
    /// Added to every offset: what the caller stripped before the text (a byte-order mark).
    base: usize,
    part: &'a str,
}

impl<'a> Xml<'a> {
    pub fn new(text: &'a str, base: usize, part: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Xml { reader, scopes: Scopes::default(), pending_pop: false, depth: 0, base, part }
    }

    /// Open elements around the current position.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The offset in the part of the position the reader has reached.
    pub fn position(&self) -> usize {
        self.base + usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    fn malformed(&self, offset: usize, message: impl std::fmt::Display) -> ReadError {
        ReadError::MalformedXml { offset, message: format!("{}: {message}", self.part) }
    }

    fn reader_error(&self, error: quick_xml::Error) -> ReadError {
        let offset = self.base + usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
        self.malformed(offset, error)
    }

    /// The next item and the offset in the part where it starts.
    pub fn next(&mut self) -> Result<(usize, Item<'a>), ReadError> {
        let at = self.position();
        if std::mem::take(&mut self.pending_pop) {
            self.scopes.pop();
        }
        let event = match self.reader.read_event() {
            Ok(event) => event,
            Err(error) => return Err(self.reader_error(error)),
        };
        let scoped = match &event {
            Event::Start(start) => self.scopes.push(start),
            Event::Empty(start) => {
                self.pending_pop = true;
                self.scopes.push(start)
            }
            Event::End(_) => {
                self.pending_pop = true;
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(error) = scoped {
            return Err(self.reader_error(quick_xml::Error::Namespace(error)));
        }
        let item = match event {
            Event::Start(start) => {
                let (ns, local) = self.scopes.resolve_name(start.name().into_inner());
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(ReadError::InputLimit {
                        message: format!("{}: elements nested deeper than {MAX_DEPTH} at byte {at}", self.part),
                    });
                }
                Item::Open(Tag { ns, local, start })
            }
            Event::Empty(start) => {
                let (ns, local) = self.scopes.resolve_name(start.name().into_inner());
                Item::Empty(Tag { ns, local, start })
            }
            Event::End(end) => {
                self.depth = self.depth.saturating_sub(1);
                let (ns, local) = self.scopes.resolve_name(end.name().into_inner());
                Item::Close { ns, local }
            }
            Event::Text(text) => Item::Text(text.into_inner()),
            Event::CData(data) => Item::Text(data.into_inner()),
            Event::GeneralRef(reference) => match reference.resolve_char_ref() {
                Ok(Some(c)) => Item::Char(c),
                Ok(None) => match &*reference {
                    "amp" => Item::Char('&'),
                    "lt" => Item::Char('<'),
                    "gt" => Item::Char('>'),
                    "quot" => Item::Char('"'),
                    "apos" => Item::Char('\''),
                    other => return Err(self.malformed(at, format!("undeclared entity &{other};"))),
                },
                Err(error) => return Err(self.malformed(at, error)),
            },
            Event::DocType(_) => return Err(self.malformed(at, "a DOCTYPE is not allowed in a package part")),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => return self.next(),
            Event::Eof => {
                if self.depth > 0 {
                    return Err(self.malformed(at, format!("the part ends with {} element(s) still open", self.depth)));
                }
                Item::Eof
            }
        };
        Ok((at, item))
    }
}

enum Plain<'a> {
    Found(&'a str),
    Absent,
    /// Something quick-xml's parser must judge: a value to normalise, or attributes that are
    /// not plain `name="value"` pairs separated by white space.
    Unusual,
}

/// Finds an attribute in a tag's attribute text when everything up to it is plain, which in
/// Word's parts it always is; quick-xml's attribute iterator, which [`Tag::parsed_attr`] falls
/// back on otherwise, costs some hundreds of instructions a lookup.
fn plain_attribute<'a>(raw: &'a str, local: &str) -> Plain<'a> {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let bytes = raw.as_bytes();
    let byte = |i: usize| bytes.get(i).copied();
    let mut i = 0;
    loop {
        let before = i;
        while byte(i).is_some_and(is_space) {
            i += 1;
        }
        if i == bytes.len() {
            return Plain::Absent;
        }
        if i == before {
            return Plain::Unusual;
        }
        let key_start = i;
        while let Some(b) = byte(i) {
            if b == b'=' || is_space(b) {
                break;
            }
            if matches!(b, b'"' | b'\'' | b'<' | b'>' | b'/' | b'&') {
                return Plain::Unusual;
            }
            i += 1;
        }
        let Some(key) = raw.get(key_start..i).filter(|k| !k.is_empty()) else { return Plain::Unusual };
        while byte(i).is_some_and(is_space) {
            i += 1;
        }
        if byte(i) != Some(b'=') {
            return Plain::Unusual;
        }
        i += 1;
        while byte(i).is_some_and(is_space) {
            i += 1;
        }
        let Some(quote @ (b'"' | b'\'')) = byte(i) else { return Plain::Unusual };
        let value_start = i + 1;
        let Some(length) = bytes.get(value_start..).and_then(|rest| memchr::memchr(quote, rest)) else {
            return Plain::Unusual;
        };
        let Some(value) = raw.get(value_start..value_start + length) else { return Plain::Unusual };
        i = value_start + length + 1;
        if split_name(key).1 == local {
            if value.bytes().any(|b| matches!(b, b'&' | b'<' | b'\t' | b'\r' | b'\n')) {
                return Plain::Unusual;
            }
            return Plain::Found(value);
        }
    }
}

/// A qualified name's prefix and local part, split at the first colon as quick-xml splits it.
fn split_name(name: &str) -> (Option<&str>, &str) {
    match memchr::memchr(b':', name.as_bytes()) {
        Some(colon) => (name.get(..colon), name.get(colon + 1..).unwrap_or_default()),
        None => (None, name),
    }
}

/// The local names the readers look at, as static strings, so that a path of open elements
/// costs no allocation; any other name is `""`. Looked up through a small hash table: every
/// element of every part passes here, and a `match` over the hundred names compares them in turn.
pub(crate) fn intern(local: &str) -> &'static str {
    static TABLE: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); NAME_BUCKETS];
        for name in KNOWN_NAMES {
            if let Some(bucket) = table.get_mut(name_bucket(name)) {
                bucket.push(*name);
            }
        }
        table
    });
    table.get(name_bucket(local)).and_then(|bucket| bucket.iter().find(|name| **name == local)).copied().unwrap_or("")
}

const NAME_BUCKETS: usize = 512;

fn name_bucket(name: &str) -> usize {
    let bytes = name.as_bytes();
    let byte = |i: usize| usize::from(bytes.get(i).copied().unwrap_or(0));
    let last = byte(bytes.len().saturating_sub(1));
    (bytes.len() ^ (byte(0) << 1) ^ (byte(1) << 3) ^ (last << 2)) % NAME_BUCKETS
}

const KNOWN_NAMES: &[&str] = &[
    "document",
    "body",
    "p",
    "pPr",
    "pStyle",
    "numPr",
    "ilvl",
    "numId",
    "outlineLvl",
    "rPr",
    "r",
    "t",
    "tab",
    "tabs",
    "br",
    "cr",
    "noBreakHyphen",
    "softHyphen",
    "sym",
    "fldChar",
    "fldSimple",
    "instrText",
    "delText",
    "delInstrText",
    "vanish",
    "specVanish",
    "del",
    "ins",
    "moveFrom",
    "moveTo",
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "numberingChange",
    "cellIns",
    "cellDel",
    "cellMerge",
    "commentRangeStart",
    "commentReference",
    "sdt",
    "sdtPr",
    "sdtEndPr",
    "sdtContent",
    "drawing",
    "pict",
    "object",
    "docPr",
    "pic",
    "imagedata",
    "chart",
    "txbxContent",
    "tbl",
    "tr",
    "trPr",
    "tc",
    "footnoteReference",
    "endnoteReference",
    "annotationRef",
    "footnoteRef",
    "endnoteRef",
    "separator",
    "continuationSeparator",
    "sectPr",
    "AlternateContent",
    "Choice",
    "Fallback",
    "styles",
    "style",
    "name",
    "aliases",
    "basedOn",
    "numbering",
    "abstractNum",
    "num",
    "abstractNumId",
    "lvl",
    "start",
    "numFmt",
    "lvlText",
    "lvlRestart",
    "suff",
    "isLgl",
    "lvlOverride",
    "startOverride",
    "numStyleLink",
    "styleLink",
    "Relationships",
    "Relationship",
    "comments",
    "comment",
    "oMath",
    "oMathPara",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_names_intern_to_themselves_and_others_to_nothing() {
        for name in KNOWN_NAMES {
            assert_eq!(intern(name), *name);
        }
        for other in ["", "x", "charts", "P", "pp", "document2", "tblPr", "rFonts", "w:p"] {
            assert_eq!(intern(other), "", "{other}");
        }
    }

    /// The plain scan agrees with quick-xml's parser wherever it answers.
    #[test]
    fn plain_attributes_read_as_quick_xml_reads_them() {
        let tags = [
            r#"w:p"#,
            r#"w:pStyle w:val="1""#,
            r#"w:pStyle  w:val = '标准文件_章标题' w:other="x""#,
            r#"w:x a="1" w:val="2" val="3""#,
            r#"w:x w:val="a&amp;b""#,
            r#"w:x w:val="a&#9;b""#,
            "w:x w:val=\"a\tb\"",
            "w:x\n\tw:val=\"a\r\nb\"",
            r#"w:x w:val="it's""#,
            r#"w:x w:val='say "hi"'"#,
            r#"w:x w:val"#,
            r#"w:x w:val="open"#,
            r#"w:x w:val=unquoted"#,
            r#"w:x a="1"w:val="2""#,
            r#"w:x w:a:val="1""#,
            r#"w:x ="1" w:val="2""#,
            r#"w:x a = b w:val="2""#,
            r#"w:x w:val="<""#,
            r#"w:x w:id="1" w:val="""#,
        ];
        for text in tags {
            let name_len = text.find(char::is_whitespace).unwrap_or(text.len());
            let tag = Tag { ns: Ns::W, local: "", start: BytesStart::from_content(text, name_len) };
            for local in ["val", "id", "a", "other", "x"] {
                assert_eq!(tag.attr(local), tag.parsed_attr(local), "{local} in <{text}>");
            }
        }
    }

    /// Every element of a part whose prefixes are rebound inside it, as (namespace, local).
    fn names_of(text: &str) -> Vec<(Ns, &'static str)> {
        let mut xml = Xml::new(text, 0, "test.xml");
        let mut out = Vec::new();
        loop {
            match xml.next().unwrap_or_else(|e| panic!("{e:?}")).1 {
                Item::Open(tag) | Item::Empty(tag) => out.push((tag.ns, tag.local)),
                Item::Close { ns, local } => out.push((ns, local)),
                Item::Eof => return out,
                _ => {}
            }
        }
    }

    /// Names come from the remembered slots only while the bindings they were resolved under
    /// hold: a prefix rebound inside an element, or a default namespace, resolves anew.
    #[test]
    fn remembered_names_follow_the_bindings() {
        let w = W_NAMESPACES[0];
        let text = format!(
            r#"<a:document xmlns:a="{w}"><a:p/><b:body xmlns:b="x" xmlns:a="y"><a:p/><p/><b:p xmlns="{w}"><p/></b:p></b:body><a:p/><a_long_prefix_here:p xmlns:a_long_prefix_here="{w}"/></a:document>"#
        );
        let (w, o) = (Ns::W, Ns::Other);
        let expected = [
            (w, "document"),
            (w, "p"),
            // `a` rebound, `b` and no default namespace known to the reader.
            (o, "body"),
            (o, "p"),
            (o, "p"),
            (o, "p"),
            // The default namespace declared on the element above.
            (w, "p"),
            (o, "p"),
            (o, "body"),
            // `a` as the root binds it again; a name too long for a slot.
            (w, "p"),
            (w, "p"),
            (w, "document"),
        ];
        assert_eq!(names_of(&text), expected);
    }

    #[test]
    fn names_split_at_their_first_colon() {
        assert_eq!(split_name("w:p"), (Some("w"), "p"));
        assert_eq!(split_name("p"), (None, "p"));
        assert_eq!(split_name("a:b:c"), (Some("a"), "b:c"));
        assert_eq!(split_name(":p"), (Some(""), "p"));
    }
}
