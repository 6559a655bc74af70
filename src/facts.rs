//! What each document contributes to the set-level rules ([`DocFacts`]): small and
//! serialisable, resolved while the document is alive, so a set can be checked from facts
//! computed elsewhere or read from the cache. Below the pipeline: `set`, `check` and `cache`
//! read it; it reads only the model and the source, and `read` to find a document again for a
//! citation kept without its anchor ([`DocFacts::reread`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{BlockKind, ClauseIndex, Designation, DesignationKind, Document, find_designations};
use crate::source::{PositionHint, Span};

/// Where something stands in its document, resolved while the document was alive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub offset: usize,
    pub length: usize,
    pub clause: Option<String>,
    #[serde(with = "crate::source::whole_excerpt")]
    pub excerpt: crate::source::Excerpt,
}

impl Anchor {
    pub fn of(doc: &Document, span: Span) -> Anchor {
        Anchorer::new(doc).at(span)
    }

    pub fn start() -> Anchor {
        Anchor {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            offset: 0,
            length: 0,
            clause: None,
            excerpt: crate::source::Excerpt::default(),
        }
    }
}

/// Anchors many spans of one document: the clause index is built once and positions continue
/// from the previous one, so a line full of designations costs what the line costs.
pub struct Anchorer<'d> {
    doc: &'d Document,
    clauses: ClauseIndex,
    starts: PositionHint,
    ends: PositionHint,
}

impl<'d> Anchorer<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Anchorer { doc, clauses: doc.clause_index(), starts: PositionHint::default(), ends: PositionHint::default() }
    }

    pub fn at(&mut self, span: Span) -> Anchor {
        let source = &self.doc.source;
        let start = source.file_position_near(span.start, &mut self.starts);
        let end = source.file_position_near(span.end, &mut self.ends);
        let (offset, length) = source.original_range(span);
        Anchor {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            offset,
            length,
            clause: self.clauses.at(span.start).map(str::to_owned),
            excerpt: crate::source::Excerpt::of(&self.doc.source, span),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactDesignation {
    /// `GB/T`, `DB4403/T`.
    pub code: String,
    /// `20000.1`.
    pub number: String,
    pub year: Option<u16>,
    pub text: String,
    pub at: Anchor,
}

impl FactDesignation {
    fn from(anchors: &mut Anchorer<'_>, d: &Designation) -> Self {
        FactDesignation {
            code: d.code.clone(),
            number: d.number.clone(),
            year: d.year,
            text: d.text.clone(),
            at: anchors.at(d.span),
        }
    }

    /// Code and number: the identity of a document across editions.
    pub fn key(&self) -> String {
        let mut key = String::with_capacity(self.code.len() + 1 + self.number.len());
        write_document_key(&self.code, &self.number, &mut key);
        key
    }

    /// The series and the part: `DB4403/T 100` and `1` for `DB4403/T 100.1`.
    pub fn part(&self) -> Option<(String, u32)> {
        let (base, part) = self.number.split_once('.')?;
        Some((format!("{} {base}", self.code), part.parse().ok()?))
    }
}

/// `fields`, each followed by U+001F, in one allocation: a reference is packed for every
/// dated citation of every document, where the formatting machinery cost several times the copy.
fn packed(fields: &[&str]) -> Box<str> {
    let mut out = String::with_capacity(fields.iter().map(|f| f.len() + 1).sum());
    for field in fields {
        out.push_str(field);
        out.push('\u{1f}');
    }
    out.into_boxed_str()
}

/// A designation a document cites: what SE002 compares against the set. A large set cites
/// hundreds of thousands and almost none of them is ever reported, so a citation is kept
/// small: its texts in one allocation and its place as a span. The place is anchored while
/// the document is alive (`at`), or, in the facts the pipeline keeps
/// ([`DocFacts::deferred`]), only when a finding needs it: the set stage reads
/// the file again then ([`DocFacts::reread`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactReference {
    /// Code, number and the text as cited, each followed by U+001F.
    packed: Box<str>,
    pub year: Option<u16>,
    /// The citation in the decoded text of its document.
    pub span: (usize, usize),
    pub at: Option<Box<Anchor>>,
}

impl FactReference {
    /// The reference `d`, anchored when `anchors` are given.
    fn from(anchors: Option<&mut Anchorer<'_>>, d: &Designation) -> Self {
        FactReference {
            packed: packed(&[&d.code, &d.number, &d.text]),
            year: d.year,
            span: (d.span.start, d.span.end),
            at: anchors.map(|anchors| Box::new(anchors.at(d.span))),
        }
    }

    fn field(&self, index: usize) -> &str {
        self.packed.split('\u{1f}').nth(index).unwrap_or_default()
    }

    /// `GB/T`, `DB4403/T`.
    pub fn code(&self) -> &str {
        self.field(0)
    }

    /// `20000.1`.
    pub fn number(&self) -> &str {
        self.field(1)
    }

    /// As cited: `GB/T 20000.1—2014`.
    pub fn text(&self) -> &str {
        self.field(2)
    }

    /// Code and number, the identity of a document across editions, written over `out`: a set
    /// cites hundreds of thousands of designations, and a string per citation was most of the
    /// rule that compares them.
    pub fn key_into(&self, out: &mut String) {
        out.clear();
        write_document_key(self.code(), self.number(), out);
    }
}

/// `code number`: the identity of a document across editions, as [`FactDesignation::key`] and
/// [`FactReference::key_into`] write it (the two are compared).
fn write_document_key(code: &str, number: &str, out: &mut String) {
    out.push_str(code);
    out.push(' ');
    out.push_str(number);
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactTerm {
    pub term: String,
    pub definition: String,
    pub at: Anchor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactPartStatement {
    /// The designation the statement names as the series (`DB4403/T 100`).
    pub series: String,
    pub part: u32,
    pub at: Anchor,
}

/// What one document contributes to the set-level rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocFacts {
    pub path: PathBuf,
    pub designation: Option<FactDesignation>,
    pub title: Option<(String, Anchor)>,
    pub terms: Vec<FactTerm>,
    /// Dated and undated references: chapter 2 entries and designations cited in the text.
    pub references: Vec<FactReference>,
    /// Boxed: rare, and a large run holds the facts of every document.
    pub part_statement: Option<Box<FactPartStatement>>,
    /// Set when the references' anchors were left out: the file the facts were read from,
    /// by length and content hash, so that reading it again finds the same document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferred: Option<SourceStamp>,
}

/// Which bytes a document was read from: their length and XXH3-64 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceStamp {
    pub len: u64,
    pub hash: u64,
}

impl SourceStamp {
    pub fn of(bytes: &[u8]) -> SourceStamp {
        SourceStamp { len: bytes.len() as u64, hash: xxhash_rust::xxh3::xxh3_64(bytes) }
    }
}

impl DocFacts {
    /// Whether two facts describe one document kept in several formats: same folder, same
    /// file name up to its first dot (`home-care.md`, `home-care.docx`, `home-care.sts.xml`).
    /// Set rules compare documents, not renditions of one.
    pub fn same_document(&self, other: &DocFacts) -> bool {
        self.document_key() == other.document_key()
    }

    /// What [`Self::same_document`] compares: the folder and stem, or the path itself when the
    /// file name has no stem (then only the same path is the same document).
    pub fn document_key(&self) -> (&Path, Option<&str>) {
        match self.stem() {
            Some((folder, stem)) => (folder, Some(stem)),
            None => (self.path.as_path(), None),
        }
    }

    /// Folder and file name up to its first dot: what the renditions of one document share.
    pub fn stem(&self) -> Option<(&Path, &str)> {
        let name = self.path.file_name()?.to_str()?;
        Some((self.path.parent()?, name.split('.').next().unwrap_or(name)))
    }

    /// The document these facts were computed from, read again from the file; `None` when
    /// the facts were not deferred or the file changed since (another length or content).
    pub fn reread(&self) -> Option<Document> {
        use std::io::Read;
        let stamp = self.deferred?;
        let mut bytes = Vec::new();
        std::fs::File::open(&self.path).ok()?.take(stamp.len.saturating_add(1)).read_to_end(&mut bytes).ok()?;
        if SourceStamp::of(&bytes) != stamp {
            return None;
        }
        crate::read::read_document(&self.path, &bytes).ok().map(|(doc, _)| doc)
    }

    pub fn of(doc: &Document) -> DocFacts {
        DocFacts::gathered(doc, true)
    }

    /// The facts of a document read from the file `stamp` describes, as a run over thousands of
    /// files keeps them: the references unanchored (their anchors are found again from the
    /// file when a set finding needs one, [`DocFacts::reread`]) and only the dated ones, which
    /// are all a set rule reports (SE002 compares editions).
    pub fn deferred(doc: &Document, stamp: SourceStamp) -> DocFacts {
        DocFacts { deferred: Some(stamp), ..DocFacts::gathered(doc, false) }
    }

    fn gathered(doc: &Document, anchor_references: bool) -> DocFacts {
        let mut anchors = Anchorer::new(doc);
        let own = doc.meta.designation.as_ref().map(|d| FactDesignation::from(&mut anchors, d));
        let mut references = Vec::new();
        let mut reference = |anchors: &mut Anchorer<'_>, d: &Designation| {
            if anchor_references {
                references.push(FactReference::from(Some(anchors), d));
            } else if d.year.is_some() {
                references.push(FactReference::from(None, d));
            }
        };
        let mut part_statement = None;
        for (_, block) in doc.blocks_with_place() {
            let text = doc.text(block.span);
            match &block.kind {
                BlockKind::Reference { designation: Some(d), .. } => reference(&mut anchors, d),
                BlockKind::Term(entry) => {
                    if let Some(source) = &entry.source {
                        for d in &find_designations(&source.text, source.span.start) {
                            reference(&mut anchors, d);
                        }
                    }
                }
                _ if block.is_prose() => {
                    let found = doc.designations_in(block.span);
                    for d in found.iter().filter(|d| d.kind != DesignationKind::International) {
                        reference(&mut anchors, d);
                    }
                    if part_statement.is_none() {
                        part_statement = part_statement_in(&mut anchors, text, block.span.start).map(Box::new);
                    }
                }
                _ => {}
            }
        }
        // A document does not reference itself.
        if let Some(own) = &own {
            // Each reference's key is compared in place with the document's, formatted once:
            // formatting both for every reference was most of this step.
            let own_key = own.key();
            references
                .retain(|r| own_key.strip_prefix(r.code()).and_then(|rest| rest.strip_prefix(' ')) != Some(r.number()));
        }
        let terms = doc
            .terms_chapter()
            .map(|chapter| {
                chapter
                    .all_blocks()
                    .into_iter()
                    .filter_map(|b| match &b.kind {
                        BlockKind::Term(entry) => {
                            let term = entry.term_zh.as_ref()?;
                            let definition = entry.definition.as_ref()?;
                            Some(FactTerm {
                                term: crate::model::compact(&term.text),
                                definition: definition.text.trim().to_owned(),
                                at: anchors.at(term.span),
                            })
                        }
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        DocFacts {
            path: doc.source.path.clone(),
            designation: own,
            title: doc.meta.title_zh.as_ref().map(|t| (t.text.clone(), anchors.at(t.span))),
            terms,
            references,
            part_statement,
            deferred: None,
        }
    }
}

/// `本文件是DB4403/T 100《…》的第2部分。`
fn part_statement_in(anchors: &mut Anchorer<'_>, text: &str, base: usize) -> Option<FactPartStatement> {
    // Asked of every paragraph until one holds it: a searcher built once, not one per call.
    static OPENER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("本文件是".as_bytes()));
    let at = OPENER.find(text.as_bytes())?;
    let rest = text.get(at..)?;
    let designation = find_designations(rest, base + at).into_iter().next()?;
    let marker = rest.find("的第")?;
    let digits: String = rest.get(marker + "的第".len()..)?.chars().take_while(char::is_ascii_digit).collect();
    let part = digits.parse().ok()?;
    let end = base + at + rest.find("部分").map_or(rest.len(), |e| e + "部分".len());
    Some(FactPartStatement {
        series: format!("{} {}", designation.code, designation.number),
        part,
        at: anchors.at(Span::new(base + at, end)),
    })
}
