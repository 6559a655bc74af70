//! The one document model every reader produces and every rule reads.
//!
//! What the author declared (a label as typed, a heading's own words) is kept next to what the
//! reader computed (the expected label), because many rules are the comparison of the two.

pub(crate) mod codes;
mod designation;
pub mod xref;

pub use designation::{Designation, DesignationKind, find_designations};
pub(crate) use designation::{decimal_digits, is_decimal_digit, is_gap};
pub use xref::{CrossRef, Form, RefPlace, TargetKind, find_cross_references};

use crate::source::{SourceFile, Span};

/// A piece of text with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

impl Text {
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        Text { text: text.into(), span }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
    /// NISO STS / ISO STS XML.
    Xml,
    Docx,
}

#[derive(Debug)]
pub struct Document {
    pub source: SourceFile,
    pub format: Format,
    pub meta: Meta,
    pub toc: Option<Toc>,
    pub foreword: Option<Section>,
    pub introduction: Option<Section>,
    /// The document title repeated on the first page of the body.
    pub body_title: Option<Text>,
    pub chapters: Vec<Clause>,
    pub annexes: Vec<Annex>,
    pub bibliography: Option<Section>,
    pub index: Option<Section>,
    /// The top-level elements in the order the author wrote them.
    pub elements: Vec<Element>,
    /// Lines in 公文 (一、（一）第一条) or other numbering schemes foreign to GB/T 1.1.
    pub foreign_numbering: Vec<Text>,
    pub cross_references: Vec<CrossRef>,
    /// Signs that the file was converted (PDF → Markdown, a Word export), and what the reader
    /// repaired while reading it.
    pub conversion: Conversion,
    /// What rules derive from the document and share (filled by the rules on first use).
    pub(crate) derived: Derived,
}

/// Values several rules derive from one document, computed once by the first rule that asks
/// (the functions that fill them live with the rules): each rule deriving them again would
/// rescan the text once per rule.
#[derive(Debug, Default)]
pub(crate) struct Derived {
    /// See `rules::provisions::masked_provisions`.
    pub(crate) masked_provisions: std::sync::OnceLock<Vec<(Span, String)>>,
    /// The document's `rules::provision_mask::ProvisionMask` (a type of the rules, which the
    /// model does not name: see [`Derived::shared`]).
    pub(crate) provision_mask: SharedSlot,
    /// The designations cited in the text (`rules::references::citations`).
    pub(crate) citations: SharedSlot,
    /// The pieces of text after the cover and the 目次 with their zones (`rules::references::scan::units`).
    pub(crate) units: SharedSlot,
    /// The running text typography reads (`rules::typography::prose_spans`).
    pub(crate) prose_spans: std::sync::OnceLock<Vec<Span>>,
    /// The sentence keys of the foreword's paragraphs (`rules::foreword::foreword_paragraphs`).
    pub(crate) foreword_keys: std::sync::OnceLock<Vec<String>>,
    /// What each block of chapter 2 is as a lead-in (`rules::references::lead_ins`).
    pub(crate) lead_ins: SharedSlot,
    /// Every designation in the whole text ([`Document::designations`]).
    pub(crate) designations: std::sync::OnceLock<Vec<Designation>>,
    /// The non-blank lines of the cover (`rules::cover::cover_lines`), which eight cover rules read.
    pub(crate) cover_lines: SharedSlot,
    /// How many blocks [`Document::blocks_with_place`] lists, known after its first call: two
    /// dozen rules ask for the list, and each one grew it reallocation by reallocation.
    pub(crate) block_count: std::sync::OnceLock<usize>,
    /// How many clauses [`Document::all_clauses`] lists, known after its first call: a dozen
    /// rules and helpers ask for the list, some several times a document.
    pub(crate) clause_count: std::sync::OnceLock<usize>,
    /// The places of `masked_provisions` ordered by span (it is in reading order, which
    /// puts a foreword before a body that may stand earlier in the file).
    pub(crate) masked_order: std::sync::OnceLock<Vec<usize>>,
}

/// A value of a type the model does not know, derived once per document.
pub(crate) type SharedSlot = std::sync::OnceLock<Box<dyn std::any::Any + Send + Sync>>;

/// A deterministic stream of numbers below a bound (a linear congruential generator), for the
/// tests that compare two readings of a pattern on many generated texts.
#[cfg(test)]
pub(crate) fn pseudo_random_numbers(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |bound| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % bound.max(1)
    }
}

/// Texts of 1 to `most` pieces each, drawn from `pieces` by a [`pseudo_random_numbers`]
/// stream from `seed`: the inputs of the tests that compare a hand-written reader with the
/// pattern it replaces.
#[cfg(test)]
pub(crate) fn generated_texts<'a>(seed: u64, pieces: &'a [&'a str], most: usize) -> impl Iterator<Item = String> + 'a {
    let mut next = pseudo_random_numbers(seed);
    std::iter::repeat_with(move || pseudo_random_text(&mut next, pieces, most))
}

/// A text of 1 to `most` pieces, each drawn from `pieces` by `next` (a
/// [`pseudo_random_numbers`] stream).
#[cfg(test)]
pub(crate) fn pseudo_random_text(next: &mut impl FnMut(usize) -> usize, pieces: &[&str], most: usize) -> String {
    let len = 1 + next(most);
    (0..len).map(|_| pieces.get(next(pieces.len())).copied().unwrap_or_default()).collect()
}

impl Document {
    /// The document without what the rules derived from it (their shared values can be as
    /// large as the text): for the steps after the rules. What the model derives itself stays:
    /// the designations (a few per paragraph, which the set facts read again) and the counts.
    pub(crate) fn without_derived(mut self) -> Self {
        let model_own = Derived {
            designations: std::mem::take(&mut self.derived.designations),
            block_count: std::mem::take(&mut self.derived.block_count),
            clause_count: std::mem::take(&mut self.derived.clause_count),
            ..Derived::default()
        };
        self.derived = model_own;
        self
    }
}

impl Derived {
    /// The value in `slot`, computed by `init` on first use; `None` only if the slot holds
    /// another type (two derivations sharing a slot, a programming error).
    pub(crate) fn shared<T: std::any::Any + Send + Sync>(slot: &SharedSlot, init: impl FnOnce() -> T) -> Option<&T> {
        slot.get_or_init(|| Box::new(init())).downcast_ref::<T>()
    }
}

/// What the reader saw of how a file was produced. A converted file carries artefacts —
/// page numbers between paragraphs, sentences split at page ends, lines the converter dropped
/// — that are not the author's drafting; rules use this to report such a cause once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// HTML tables, image links, `<div>` captions and TeX a PDF converter writes into Markdown.
    pub converter_markup: usize,
    /// Page numbers and converter banners left between paragraphs.
    pub page_residue: usize,
    /// Paragraphs joined back across a page break.
    pub rejoined_paragraphs: usize,
    /// Headings whose lost number (and annexes whose lost `附录X` line) the 目次 gave back.
    pub numbers_from_toc: usize,
    /// Markdown headings demoted to text: table rows or footnotes a converter promoted.
    pub demoted_headings: usize,
}

impl Conversion {
    /// The file shows the hand of a converter, not only of its author.
    pub fn is_converted(&self) -> bool {
        self.converter_markup >= 3
            || self.page_residue >= 2
            || self.rejoined_paragraphs > 0
            || self.numbers_from_toc > 0
            || self.demoted_headings > 0
    }

    /// The evidence, for the IO010 message: (Chinese, English) phrases.
    pub fn evidence(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut add = |n: usize, zh: &str, en: &str| {
            if n > 0 {
                out.push((format!("{zh}{n}处"), format!("{n} {en}")));
            }
        };
        add(
            self.converter_markup,
            "转换器标记（HTML表格、图片链接、公式代码）",
            "pieces of converter markup (HTML tables, image links, TeX)",
        );
        add(self.page_residue, "页码等分页残留", "page numbers or banners between paragraphs");
        add(
            self.rejoined_paragraphs,
            "被分页拆开后重新接续的段落",
            "paragraphs split by a page break and joined again",
        );
        add(self.numbers_from_toc, "按目次补回编号的标题", "headings whose lost numbers were taken from the 目次");
        add(
            self.demoted_headings,
            "被转换器误标为标题的表格行或脚注",
            "table rows or footnotes a converter marked as headings",
        );
        out
    }
}

#[derive(Debug, Default)]
pub struct Meta {
    pub banner: Option<Text>,
    pub designation: Option<Designation>,
    pub supersedes: Vec<Designation>,
    pub title_zh: Option<Text>,
    pub title_en: Option<Text>,
    pub ics: Option<Text>,
    pub ccs: Option<Text>,
    /// `备案号：…`, the filing number sector standards (and some local ones) print below the CCS.
    pub filing_number: Option<Text>,
    pub publish_date: Option<Text>,
    pub implement_date: Option<Text>,
    pub issuer: Option<Text>,
    /// Everything before the first recognised front-matter or body element.
    pub cover: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ElementKind {
    Cover,
    Toc,
    Foreword,
    Introduction,
    BodyTitle,
    Chapter,
    Annex,
    Bibliography,
    Index,
}

impl ElementKind {
    pub fn name_zh(self) -> &'static str {
        match self {
            ElementKind::Cover => "封面",
            ElementKind::Toc => "目次",
            ElementKind::Foreword => "前言",
            ElementKind::Introduction => "引言",
            ElementKind::BodyTitle => "正文首页标题",
            ElementKind::Chapter => "章",
            ElementKind::Annex => "附录",
            ElementKind::Bibliography => "参考文献",
            ElementKind::Index => "索引",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            ElementKind::Cover => "cover",
            ElementKind::Toc => "table of contents",
            ElementKind::Foreword => "foreword",
            ElementKind::Introduction => "introduction",
            ElementKind::BodyTitle => "body title",
            ElementKind::Chapter => "chapter",
            ElementKind::Annex => "annex",
            ElementKind::Bibliography => "bibliography",
            ElementKind::Index => "index",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Element {
    pub kind: ElementKind,
    /// The heading (or first line) of the element.
    pub span: Span,
    /// The chapter number or annex letter, for messages.
    pub label: Option<String>,
}

#[derive(Debug, Default)]
pub struct Toc {
    pub heading: Span,
    pub entries: Vec<TocEntry>,
}

#[derive(Debug, Clone)]
pub struct TocEntry {
    pub text: String,
    pub page: Option<String>,
    pub span: Span,
}

/// An unnumbered front or back element: 前言, 引言, 参考文献, 索引.
#[derive(Debug, Default)]
pub struct Section {
    pub heading: Text,
    /// A number typed before the title (`0 前言`), which the foreword must not have.
    pub declared_number: Option<Text>,
    pub blocks: Vec<Block>,
    /// Subdivisions: `0.1` in an introduction, any heading inside a foreword.
    pub subclauses: Vec<Clause>,
    pub span: Span,
}

/// A clause number: `5`, `5.1.2`, or `A.1` inside annex A.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseNumber {
    pub annex: Option<char>,
    pub parts: Vec<u32>,
}

impl ClauseNumber {
    pub fn depth(&self) -> usize {
        self.parts.len()
    }

    /// The number's level in the whole document: a chapter and an annex are level 1.
    pub fn level(&self) -> usize {
        self.parts.len() + usize::from(self.annex.is_some())
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Some(letter) = self.annex {
            out.push(letter);
        }
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 || self.annex.is_some() {
                out.push('.');
            }
            out.push_str(&part.to_string());
        }
        out
    }

    /// The number of the clause this one should sit in (`5.2` for `5.2.1`).
    pub fn parent(&self) -> Option<ClauseNumber> {
        let min = if self.annex.is_some() { 1 } else { 2 };
        (self.parts.len() >= min).then(|| ClauseNumber {
            annex: self.annex,
            parts: self.parts.get(..self.parts.len() - 1).unwrap_or_default().to_vec(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Clause {
    pub number: ClauseNumber,
    /// The label exactly as typed (`5.1`, `５．１`, `3 1`).
    pub declared: Text,
    /// The label this clause should carry given its position.
    pub expected: String,
    pub title: Option<Text>,
    pub blocks: Vec<Block>,
    pub children: Vec<Clause>,
    /// The heading line.
    pub span: Span,
}

impl Clause {
    pub fn level(&self) -> usize {
        self.number.level()
    }

    pub fn title_text(&self) -> &str {
        self.title.as_ref().map_or("", |t| t.text.as_str())
    }

    /// Depth-first walk over this clause and all below it.
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Clause)) {
        visit(self);
        for child in &self.children {
            child.walk(visit);
        }
    }

    /// All blocks of this clause and its subclauses, in document order.
    pub fn all_blocks(&self) -> Vec<&Block> {
        let mut out = Vec::new();
        self.walk(&mut |c| out.extend(c.blocks.iter()));
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Obligation {
    Normative,
    Informative,
}

#[derive(Debug, Clone)]
pub struct AnnexObligation {
    pub obligation: Obligation,
    /// The 2009 form `（规范性附录）`.
    pub legacy_form: bool,
    pub text: Text,
}

#[derive(Debug, Clone)]
pub struct Annex {
    pub letter: char,
    pub declared: Text,
    pub obligation: Option<AnnexObligation>,
    pub title: Option<Text>,
    pub blocks: Vec<Block>,
    pub clauses: Vec<Clause>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkerKind {
    /// `——`, the first-level dash.
    Dash,
    /// `·`, the second-level dot.
    Dot,
    /// `a)`.
    Letter,
    /// `1)`.
    Digit,
    /// Anything GB/T 1.1 does not use: `-`, `•`, `1.`, `1、`.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaptionKind {
    Figure,
    Table,
}

/// How a caption joins its number and its title. GB/T 1.1-2020 10.4.2.1 wants a gap of one
/// Chinese character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaptionForm {
    /// `表1　服务项目` (any white space), or a number alone.
    Spaced,
    /// `表1服务项目`: no gap, as PDF conversions leave a gap that was only layout.
    Joined,
    /// `表2：设施`, `表2-设施`, `表3. 设备`: a mark typed between number and title.
    Punctuated { separator: Span },
}

#[derive(Debug, Clone)]
pub struct TermEntry {
    pub number: ClauseNumber,
    pub declared: Text,
    pub expected: String,
    pub term_zh: Option<Text>,
    pub term_en: Option<Text>,
    /// Admitted terms (许用术语) on lines of their own under the preferred term.
    pub admitted: Vec<Text>,
    pub definition: Option<Text>,
    pub notes: Vec<Block>,
    pub source: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum BlockKind {
    Paragraph,
    ListItem {
        marker: Text,
        kind: MarkerKind,
        depth: usize,
    },
    Note {
        label: Text,
        number: Option<u32>,
    },
    Example {
        label: Text,
        number: Option<u32>,
    },
    Term(Box<TermEntry>),
    Reference {
        designation: Option<Designation>,
        title: Option<Text>,
    },
    Caption {
        kind: CaptionKind,
        number: Text,
        title: Option<Text>,
        form: CaptionForm,
    },
    Table,
    Figure,
    /// A displayed formula; `number` is its `(1)` / `(A.1)` label.
    Formula {
        number: Option<Text>,
    },
    Code,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

impl Block {
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem { .. } => "list-item",
            BlockKind::Note { .. } => "note",
            BlockKind::Example { .. } => "example",
            BlockKind::Term(_) => "term",
            BlockKind::Reference { .. } => "reference",
            BlockKind::Caption { .. } => "caption",
            BlockKind::Table => "table",
            BlockKind::Figure => "figure",
            BlockKind::Formula { .. } => "formula",
            BlockKind::Code => "code",
        }
    }

    /// True for running text a requirement could be written in.
    pub fn is_prose(&self) -> bool {
        matches!(
            self.kind,
            BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Note { .. } | BlockKind::Example { .. }
        )
    }
}

/// Labelled places of a document by start offset; see [`Document::clause_index`].
#[derive(Debug, Clone, Default)]
pub struct ClauseIndex {
    starts: Vec<(usize, String)>,
}

impl ClauseIndex {
    /// The label of the last place starting at or before `offset`.
    pub fn at(&self, offset: usize) -> Option<&str> {
        let after = self.starts.partition_point(|&(start, _)| start <= offset);
        after.checked_sub(1).and_then(|i| self.starts.get(i)).map(|(_, label)| label.as_str())
    }
}

impl Document {
    pub fn text(&self, span: Span) -> &str {
        self.source.slice(span)
    }

    /// Every designation in the whole text, found once: several rules and the facts ask for
    /// the designations of the text or of its paragraphs.
    pub fn designations(&self) -> &[Designation] {
        self.derived.designations.get_or_init(|| find_designations(&self.source.text, 0))
    }

    /// What `find_designations(self.text(span), span.start)` finds. When the span is whole
    /// lines (a line break or the text's edge on either side) that is the slice of
    /// [`Self::designations`] that lies in it: nothing a designation holds, nor what its search
    /// looks at around it, stands across a line break, so the whole text's search and the
    /// span's agree there. Any other span is searched alone.
    pub fn designations_in(&self, span: Span) -> std::borrow::Cow<'_, [Designation]> {
        let bytes = self.source.text.as_bytes();
        let opens_line = span.start == 0 || bytes.get(span.start.wrapping_sub(1)) == Some(&b'\n');
        let closes_line = span.end >= bytes.len() || matches!(bytes.get(span.end), Some(b'\n' | b'\r'));
        if !(opens_line && closes_line) || span.start > span.end {
            return find_designations(self.text(span), span.start).into();
        }
        let all = self.designations();
        let first = all.partition_point(|d| d.span.start < span.start);
        let len = all.get(first..).unwrap_or_default().partition_point(|d| d.span.end <= span.end);
        all.get(first..first + len).unwrap_or_default().into()
    }

    /// Chapter `n` (1-based, by declared number).
    pub fn chapter(&self, n: u32) -> Option<&Clause> {
        self.chapters.iter().find(|c| c.number.parts.first() == Some(&n) && c.number.depth() == 1)
    }

    /// Every clause of the body and the annexes, depth first.
    pub fn all_clauses(&self) -> Vec<&Clause> {
        let mut out = Vec::with_capacity(self.derived.clause_count.get().copied().unwrap_or(0));
        for chapter in &self.chapters {
            chapter.walk(&mut |c| out.push(c));
        }
        for annex in &self.annexes {
            for clause in &annex.clauses {
                clause.walk(&mut |c| out.push(c));
            }
        }
        let _ = self.derived.clause_count.set(out.len());
        out
    }

    /// The clause label nearest before `offset`, for reports ("in 5.2"). To label many
    /// offsets, build a [`ClauseIndex`] once.
    pub fn clause_at(&self, offset: usize) -> Option<String> {
        self.clause_index().at(offset).map(str::to_owned)
    }

    /// Every labelled place (前言, 引言, each clause, each annex, 参考文献) by where it starts,
    /// so that labelling a finding is a binary search, not a walk of the document.
    pub fn clause_index(&self) -> ClauseIndex {
        let mut starts: Vec<(usize, String)> = Vec::new();
        if let Some(f) = &self.foreword {
            starts.push((f.heading.span.start, "前言".to_owned()));
        }
        if let Some(i) = &self.introduction {
            starts.push((i.heading.span.start, "引言".to_owned()));
        }
        for clause in self.all_clauses() {
            starts.push((clause.span.start, clause.declared.text.clone()));
        }
        for annex in &self.annexes {
            starts.push((annex.span.start, format!("附录{}", annex.letter)));
        }
        if let Some(b) = &self.bibliography {
            starts.push((b.heading.span.start, "参考文献".to_owned()));
        }
        // Stable: of two places starting at one offset, the later one listed wins.
        starts.sort_by_key(|&(start, _)| start);
        ClauseIndex { starts }
    }

    /// True when the reader found anything of a standardization document's skeleton.
    /// A document in another language: hardly any Han text — an ISO, IEC or EN standard read for
    /// its STS, or the English edition of a GB document. The rules check Chinese drafting and
    /// wording, so they do not apply.
    pub fn is_foreign(&self) -> bool {
        // Hardly any Han text: an English edition keeps its Chinese title in the metadata, and a
        // reader may print a Chinese lead-in, so the title alone does not decide.
        // One pass that stops as soon as the rest of the text, were it all letters, could no
        // longer outweigh the Han characters seen: a Chinese document is decided in its first
        // few kilobytes.
        let text = &self.source.text;
        let (mut han, mut letters) = (0usize, 0usize);
        for (at, c) in text.char_indices() {
            if crate::read::classify::is_han(c) {
                han += 1;
                if han * 20 >= letters + (text.len() - at) {
                    return false;
                }
            } else if c.is_ascii_alphabetic() {
                letters += 1;
            }
        }
        han * 20 < letters
    }

    pub fn has_structure(&self) -> bool {
        self.foreword.is_some()
            || self.chapters.iter().any(|c| is_fixed_chapter_title(c.title_text()))
            || (self.chapters.len() >= 2 && self.meta.designation.is_some())
    }
}

/// Titles of chapters 1–3, compared without spaces (`范 围` in PDF conversions).
pub fn is_fixed_chapter_title(title: &str) -> bool {
    ["范围", "规范性引用文件", "术语和定义"].iter().any(|fixed| compact_is(title, fixed))
}

/// The first character of `compact(text)`: the first that is not white space.
pub fn first_visible(text: &str) -> Option<char> {
    text.chars().find(|c| !c.is_whitespace())
}

/// `compact(text) == word`, decided without building the compact text: rules ask this of
/// every chapter title, and a converted law's "title" can be a whole page.
pub fn compact_is(text: &str, word: &str) -> bool {
    text.chars().filter(|c| !c.is_whitespace()).eq(word.chars())
}

/// `compact(text).starts_with(prefix)`, reading only as far as the prefix.
pub fn compact_starts_with(text: &str, prefix: &str) -> bool {
    text.chars().filter(|c| !c.is_whitespace()).take(prefix.chars().count()).eq(prefix.chars())
}

/// `compact(text).contains(needle)`, without building the compact text. Only where the
/// needle's first character stands (found with memchr) is the rest compared, so most lines,
/// which do not hold that character at all, are passed over at memchr speed.
pub fn compact_contains(text: &str, needle: &str) -> bool {
    let Some(first) = needle.chars().next() else { return true };
    let mut encoded = [0; 4];
    // Searched as a string, not as a `char`: a char searcher looks for the last byte, and the
    // last byte of a Han character is a continuation byte every Han text is full of. `contains`
    // (SIMD in std for short needles) passes over the many lines without it.
    // A short text (a title, most of the calls) is walked instead: building the searchers
    // costs more than reading it.
    if text.len() < 64 {
        let first = needle.chars().next();
        return text
            .char_indices()
            .any(|(at, c)| Some(c) == first && text.get(at..).is_some_and(|rest| compact_starts_with(rest, needle)));
    }
    let first: &str = first.encode_utf8(&mut encoded);
    text.contains(first)
        && text.match_indices(first).any(|(at, _)| text.get(at..).is_some_and(|rest| compact_starts_with(rest, needle)))
}

/// `compact(text).ends_with(suffix)` for a `suffix` without white space, reading only as far
/// back as the suffix.
pub fn compact_ends_with(text: &str, suffix: &str) -> bool {
    // Bytes first: most texts asked end with the suffix as written or with another character
    // than it does, and only a text whose last visible character ends the suffix can hide it
    // behind white space (`发 布`). Every line of a law's cover is asked several suffixes.
    let visible = text.trim_end();
    if visible.ends_with(suffix) {
        return true;
    }
    if visible.chars().next_back() != suffix.chars().next_back() {
        return false;
    }
    visible.chars().rev().filter(|c| !c.is_whitespace()).take(suffix.chars().count()).eq(suffix.chars().rev())
}

/// Removes every kind of white space, including U+3000, for comparing titles.
pub fn compact(text: &str) -> String {
    compact_cow(text).into_owned()
}

/// [`compact`], borrowing `text` when it holds no white space (most Chinese paragraphs).
pub fn compact_cow(text: &str) -> std::borrow::Cow<'_, str> {
    // Copies runs between white space as slices: collecting char by char was a seventh of
    // reading a converted law, whose lines are whole articles.
    let mut out: Option<String> = None;
    let mut run_start = 0;
    for (at, c) in crate::source::scan::chars_opening_with(text, &OPENS_WHITESPACE) {
        if c.is_whitespace() {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(text.get(run_start..at).unwrap_or_default());
            run_start = at + c.len_utf8();
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(text.get(run_start..).unwrap_or_default());
            std::borrow::Cow::Owned(out)
        }
    }
}

/// Every white-space character (`char::is_whitespace`, the Unicode White_Space property).
const WHITE_SPACE: [char; 25] = [
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}',
    '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200a}', '\u{2028}',
    '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
];

/// The bytes that open a white-space character in UTF-8: compact decodes only the characters
/// that start with one (decoding every character of a Chinese text to ask `is_whitespace`
/// cost several times this look-up).
pub(crate) const OPENS_WHITESPACE: [bool; 256] = crate::source::scan::first_bytes_of(&WHITE_SPACE);

/// Where a block stands, for rules that treat the same words differently by place.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    Foreword,
    Introduction,
    Clause(&'a Clause),
    Annex(&'a Annex),
    Bibliography,
}

impl Document {
    /// Chapter 1 by its title (范围), wherever it was numbered.
    pub fn scope(&self) -> Option<&Clause> {
        self.chapters.iter().find(|c| compact_is(c.title_text(), "范围"))
    }

    /// The normative references chapter (规范性引用文件, or a 2009-style 引用文件).
    pub fn normative_references(&self) -> Option<&Clause> {
        self.chapters.iter().find(|c| compact_ends_with(c.title_text(), "引用文件"))
    }

    /// The terms chapter (术语和定义, or a combined 术语、定义和缩略语).
    pub fn terms_chapter(&self) -> Option<&Clause> {
        self.chapters.iter().find(|c| compact_starts_with(c.title_text(), "术语"))
    }

    /// The clause that holds the terms lead-in and entries: the terms chapter, or its first
    /// subclause when a combined chapter (`3 术语、定义和缩略语`) is split into `3.1 术语和定义`
    /// and `3.2 缩略语` with nothing of its own before 3.1.
    pub fn terms_section(&self) -> Option<&Clause> {
        let chapter = self.terms_chapter()?;
        let own_text = chapter.blocks.iter().any(|b| matches!(b.kind, BlockKind::Term(_) | BlockKind::Paragraph));
        if own_text {
            return Some(chapter);
        }
        let part = chapter.children.iter().find(|c| {
            let title = compact(c.title_text());
            title.starts_with("术语") && !title.contains("缩略")
        });
        Some(part.unwrap_or(chapter))
    }

    /// Every block with the place it stands in, in document order.
    pub fn blocks_with_place(&self) -> Vec<(Place<'_>, &Block)> {
        let mut out = Vec::with_capacity(self.derived.block_count.get().copied().unwrap_or(0));
        if let Some(f) = &self.foreword {
            out.extend(f.blocks.iter().map(|b| (Place::Foreword, b)));
            for sub in &f.subclauses {
                out.extend(sub.blocks.iter().map(|b| (Place::Foreword, b)));
            }
        }
        if let Some(i) = &self.introduction {
            out.extend(i.blocks.iter().map(|b| (Place::Introduction, b)));
            for sub in &i.subclauses {
                out.extend(sub.blocks.iter().map(|b| (Place::Introduction, b)));
            }
        }
        for chapter in &self.chapters {
            chapter.walk(&mut |c| out.extend(c.blocks.iter().map(|b| (Place::Clause(c), b))));
        }
        for annex in &self.annexes {
            out.extend(annex.blocks.iter().map(|b| (Place::Annex(annex), b)));
            for clause in &annex.clauses {
                clause.walk(&mut |c| out.extend(c.blocks.iter().map(|b| (Place::Annex(annex), b))));
            }
        }
        if let Some(b) = &self.bibliography {
            out.extend(b.blocks.iter().map(|blk| (Place::Bibliography, blk)));
        }
        let _ = self.derived.block_count.set(out.len());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_drops_exactly_the_characters_rust_calls_white_space() {
        // Every white-space character, and every character that shares a first byte (and, for
        // three-byte ones, a second) with one.
        let mut alphabet: Vec<char> = (0..0x100u32)
            .chain(0x1600..0x1700)
            .chain(0x2000..0x2100)
            .chain(0x3000..0x3010)
            .filter_map(char::from_u32)
            .collect();
        alphabet.extend(['服', '务', '。', '“', 'é', '𠀀']);
        let mut next = pseudo_random_numbers(0x2545_f491_4f6c_dd1d);
        for _ in 0..3_000 {
            let text: String = (0..1 + next(12)).filter_map(|_| alphabet.get(next(alphabet.len())).copied()).collect();
            let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(compact(&text), expected, "{text:?}");
        }
        for c in alphabet {
            assert_eq!(compact(&c.to_string()).is_empty(), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn designations_in_a_span_are_those_its_own_search_finds() {
        use crate::read::parse;
        use crate::source::SourceFile;
        const PIECES: &[&str] = &[
            "GB/T 1.1—2020",
            "GB/T 1",
            "ISO 9001-1",
            "DB44/T 2",
            "（所有部分）",
            "—2019",
            " ",
            "\n",
            "\r\n",
            "应符合",
            "A",
            "12",
            "- ",
            "# ",
            "|",
            "见",
            "\u{3000}",
        ];
        let mut next = pseudo_random_numbers(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2_000 {
            let text = crate::model::pseudo_random_text(&mut next, PIECES, 24);
            let doc = parse(SourceFile::from_text("t.md", &text), Format::Markdown);
            let mut spans: Vec<Span> = Vec::new();
            let mut line_start = 0;
            for (at, c) in text.char_indices().chain([(text.len(), '\n')]) {
                if c == '\n' {
                    spans.push(Span::new(line_start, at));
                    spans.push(Span::new(line_start, at.saturating_sub(1)));
                    line_start = at + 1;
                }
            }
            spans.push(Span::new(0, text.len()));
            for _ in 0..4 {
                let (a, b) = (next(text.len() + 1), next(text.len() + 1));
                spans.push(Span::new(a.min(b), a.max(b)));
            }
            for span in spans {
                let (Some(_), true) = (text.get(span.start..span.end), span.start <= span.end) else { continue };
                let alone = find_designations(doc.text(span), span.start);
                let spans_of = |ds: &[Designation]| ds.iter().map(|d| (d.span, d.text.clone())).collect::<Vec<_>>();
                assert_eq!(spans_of(&doc.designations_in(span)), spans_of(&alone), "{text:?} {span:?}");
            }
        }
    }

    #[test]
    fn compact_comparisons_agree_with_the_compact_text() {
        let titles =
            ["范 围", "范围", "规范性引用 文件", "引用文件", "术语和定义", "术 语、定义和缩略语", "", "　", "范围以外"];
        for title in titles {
            for word in ["范围", "引用文件", "术语", "术语和定义", ""] {
                let compacted = compact(title);
                assert_eq!(compact_is(title, word), compacted == word, "{title} is {word}");
                assert_eq!(compact_starts_with(title, word), compacted.starts_with(word), "{title} starts {word}");
                assert_eq!(compact_ends_with(title, word), compacted.ends_with(word), "{title} ends {word}");
                assert_eq!(compact_contains(title, word), compacted.contains(word), "{title} contains {word}");
            }
        }
    }

    #[test]
    fn compact_ends_with_agrees_with_the_compact_text_on_generated_texts() {
        const PIECES: &[&str] =
            &["发", "布", "印", "发布", " ", "　", "\t", "\n", "\u{a0}", "标准", "准", "x", "实施", "施"];
        let mut next = pseudo_random_numbers(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let text = pseudo_random_text(&mut next, PIECES, 8);
            for suffix in ["发布", "印发", "实施", "标准", "技术文件", "布", ""] {
                assert_eq!(
                    compact_ends_with(&text, suffix),
                    compact(&text).ends_with(suffix),
                    "{text:?} ends {suffix}"
                );
            }
        }
    }
}
