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
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

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

fn namespace_of(resolved: &ResolveResult<'_>) -> Ns {
    match resolved {
        ResolveResult::Bound(ns) => {
            let uri = ns.into_inner();
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
        _ => Ns::Other,
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
        let mut attributes = self.start.attributes();
        attributes.with_checks(false);
        for attribute in attributes.flatten() {
            if attribute.key.local_name().into_inner() == local {
                return attribute.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| Cow::Owned(v.into_owned()));
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
    reader: NsReader<&'a [u8]>,
    depth: usize,
    /// Added to every offset: what the caller stripped before the text (a byte-order mark).
    base: usize,
    part: &'a str,
}

impl<'a> Xml<'a> {
    pub fn new(text: &'a str, base: usize, part: &'a str) -> Self {
        let mut reader = NsReader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Xml { reader, depth: 0, base, part }
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

    /// The next item and the offset in the part where it starts.
    pub fn next(&mut self) -> Result<(usize, Item<'a>), ReadError> {
        let at = self.position();
        let (resolved, event) = match self.reader.read_resolved_event() {
            Ok((resolved, event)) => (namespace_of(&resolved), event),
            Err(error) => {
                let offset = self.base + usize::try_from(self.reader.error_position()).unwrap_or(usize::MAX);
                return Err(self.malformed(offset, error));
            }
        };
        let item = match event {
            Event::Start(start) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(ReadError::InputLimit {
                        message: format!("{}: elements nested deeper than {MAX_DEPTH} at byte {at}", self.part),
                    });
                }
                Item::Open(tag(resolved, start))
            }
            Event::Empty(start) => Item::Empty(tag(resolved, start)),
            Event::End(end) => {
                self.depth = self.depth.saturating_sub(1);
                Item::Close { ns: resolved, local: intern(end.local_name().into_inner()) }
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

fn tag(ns: Ns, start: BytesStart<'_>) -> Tag<'_> {
    let local = intern(start.local_name().into_inner());
    Tag { ns, local, start }
}

/// The local names the readers look at, as static strings, so that a path of open elements
/// costs no allocation; any other name is `""`.
pub(crate) fn intern(local: &str) -> &'static str {
    macro_rules! names {
        ($($name:literal)*) => {
            match local {
                $($name => $name,)*
                _ => "",
            }
        };
    }
    names!(
        "document" "body" "p" "pPr" "pStyle" "numPr" "ilvl" "numId" "outlineLvl" "rPr" "r" "t" "tab" "tabs"
        "br" "cr" "noBreakHyphen" "softHyphen" "sym" "fldChar" "fldSimple" "instrText" "delText" "delInstrText"
        "vanish" "specVanish" "del" "ins" "moveFrom" "moveTo" "pPrChange" "rPrChange" "sectPrChange"
        "tblPrChange" "trPrChange" "tcPrChange" "tblGridChange" "numberingChange" "cellIns" "cellDel"
        "cellMerge" "commentRangeStart" "commentReference" "sdt" "sdtPr" "sdtEndPr" "sdtContent" "drawing"
        "pict" "object" "docPr" "pic" "imagedata" "txbxContent" "tbl" "tr" "trPr" "tc" "footnoteReference"
        "endnoteReference" "annotationRef" "footnoteRef" "endnoteRef" "separator" "continuationSeparator"
        "sectPr" "AlternateContent" "Choice" "Fallback" "styles" "style" "name" "aliases" "basedOn"
        "numbering" "abstractNum" "num" "abstractNumId" "lvl" "start" "numFmt" "lvlText" "lvlRestart" "suff"
        "isLgl" "lvlOverride" "startOverride" "numStyleLink" "styleLink" "Relationships" "Relationship"
        "comments" "comment" "oMath" "oMathPara"
    )
}
