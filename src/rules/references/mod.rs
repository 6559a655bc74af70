//! RF — normative references (GB/T 1.1-2020 8.6, 9.5).

mod cited_not_listed;
mod clause_citation_undated;
mod entry_format;
mod informative_in_normative;
mod law_reference;
mod lead_in;
mod listed_not_cited;
mod none_statement;
mod normative_citation_form;
mod page_reference;
mod reference_order;
pub(crate) mod scan;
mod self_reference;
mod unresolved_cross_reference;

use crate::hash::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Block, BlockKind, Derived, Designation, DesignationKind, Document, Text, find_designations};
use crate::rules::Rule;
use scan::{Form, Zone, citation_form_in, units};

pub(super) const RULES: &[&dyn Rule] = &[
    &lead_in::NormativeReferencesLeadIn,
    &none_statement::NormativeReferencesNone,
    &entry_format::ReferenceEntryFormat,
    &listed_not_cited::ListedNotCited,
    &cited_not_listed::CitedNotListed,
    &self_reference::SelfReference,
    &unresolved_cross_reference::UnresolvedCrossReference,
    &reference_order::ReferenceOrder,
    &informative_in_normative::InformativeInNormative,
    &law_reference::LawAsNormativeReference,
    &page_reference::PageReference,
    &clause_citation_undated::ClauseCitationUndated,
    &normative_citation_form::NormativeCitationForm,
];

pub const LEAD_IN: &str = "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。";
pub const NONE_STATEMENT: &str = "本文件没有规范性引用文件。";
/// The first words of the 2009 and pre-2009 lead-ins.
const LEGACY_LEAD_INS: &[&str] =
    &["下列文件对于本文件的应用是必不可少的", "下列文件中的条款通过本标准的引用而成为本标准的条款"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeadIn {
    Current,
    None,
    Legacy,
    /// A paragraph that reads like a lead-in but differs from the prescribed words.
    Altered,
}

/// The blocks of chapter 2 (in `all_blocks` order) with what each is as a lead-in, classified
/// once per document: three rules ask it of every block.
fn lead_ins(doc: &Document) -> Vec<(&Block, Option<LeadIn>)> {
    let Some(chapter) = doc.normative_references() else {
        return Vec::new();
    };
    let blocks = chapter.all_blocks();
    let kinds = Derived::shared(&doc.derived.lead_ins, || {
        blocks.iter().map(|b| classify_lead_in(doc.text(b.span))).collect::<Vec<Option<LeadIn>>>()
    })
    .map_or(&[][..], Vec::as_slice);
    blocks.into_iter().zip(kinds.iter().copied()).collect()
}

fn classify_lead_in(text: &str) -> Option<LeadIn> {
    use crate::rules::normalize::{sentence_key, similarity};
    // The mandated sentences' keys, made once: every paragraph of chapter 2 is compared.
    static LEAD_IN_KEY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| sentence_key(LEAD_IN));
    static NONE_STATEMENT_KEY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| sentence_key(NONE_STATEMENT));
    let key = sentence_key(text);
    if key == *LEAD_IN_KEY {
        Some(LeadIn::Current)
    } else if key == *NONE_STATEMENT_KEY {
        Some(LeadIn::None)
    } else if LEGACY_LEAD_INS.iter().any(|l| key.starts_with(l)) {
        Some(LeadIn::Legacy)
    } else if key.starts_with("下列文件") || similarity(&key, &LEAD_IN_KEY) > 0.4 || key.contains("没有规范性引用文件")
    {
        Some(LeadIn::Altered)
    } else {
        None
    }
}

/// A designation written somewhere in the document, with where and how.
#[derive(Debug, Clone)]
pub(crate) struct Citation {
    pub designation: Designation,
    pub zone: Zone,
    pub form: Form,
    /// The sentence states a requirement (应, 不应, 必须).
    pub requirement: bool,
}

/// Every designation in the document's text (cover and 目次 excluded), classified.
pub(crate) fn citations(doc: &Document) -> &[Citation] {
    Derived::shared(&doc.derived.citations, || find_citations(doc)).map_or(&[], Vec::as_slice)
}

/// Every designation cited in the text with its zone and form, once per document: five rules
/// read them ([`citations`]).
fn find_citations(doc: &Document) -> Vec<Citation> {
    let mut out = Vec::new();
    for &unit in units(doc) {
        if unit.kind == scan::UnitKind::Code {
            continue;
        }
        let text = doc.text(unit.span);
        let mut memo = crate::model::xref::SentenceModals::default();
        // A table is read for its columns on its first citation.
        let mut examples: Option<scan::ExampleColumn<'_>> = None;
        for designation in doc.designations_in(unit.span).into_owned() {
            let start = designation.span.start - unit.span.start;
            let end = designation.span.end - unit.span.start;
            let (form, requirement) = if unit.zone == Zone::TermsLeadIn {
                (Form::Normative, false)
            } else if unit.kind == scan::UnitKind::Table
                && examples.get_or_insert_with(|| scan::ExampleColumn::of(text)).holds(start)
            {
                (Form::Plain, false)
            } else {
                citation_form_in(text, start, end, &mut memo)
            };
            out.push(Citation { designation, zone: unit.zone, form, requirement });
        }
    }
    out
}

/// An entry of chapter 2.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub block: &'a Block,
    pub designation: Option<&'a Designation>,
    pub title: Option<&'a Text>,
}

/// The reference entries of chapter 2 (subdivided or not), in order.
pub(crate) fn entries(doc: &Document) -> Vec<Entry<'_>> {
    let Some(chapter) = doc.normative_references() else {
        return Vec::new();
    };
    chapter
        .all_blocks()
        .into_iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Reference { designation, title } => {
                Some(Entry { block, designation: designation.as_ref(), title: title.as_ref() })
            }
            _ => None,
        })
        .collect()
}

/// Paragraphs and list items of chapter 2 that are neither an entry nor the lead-in.
pub(crate) fn loose_lines(doc: &Document) -> Vec<&Block> {
    lead_ins(doc)
        .into_iter()
        .filter(|(b, kind)| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }) && kind.is_none())
        .map(|(b, _)| b)
        .collect()
}

/// Every designation chapter 2 lists: its entries, and the documents of list items the reader
/// did not take for entries (`1. GB/T 42195—2022 …`, which RF003 reports for its marker).
pub(crate) fn listed_designations(doc: &Document) -> Vec<Designation> {
    let mut out: Vec<Designation> = entries(doc).into_iter().filter_map(|e| e.designation.cloned()).collect();
    for block in loose_lines(doc) {
        let BlockKind::ListItem { marker, .. } = &block.kind else { continue };
        let rest = doc.text(crate::source::Span::new(marker.span.end, block.span.end));
        let trimmed = rest.trim_start();
        let at = marker.span.end + (rest.len() - trimmed.len());
        out.extend(find_designations(trimmed, at).into_iter().take(1).filter(|d| d.span.start == at));
    }
    out
}

/// The number without its part: `20001.10` → `20001`, `8601-1` → `8601`.
pub(crate) fn base_number(d: &Designation) -> &str {
    let cut = if d.kind == DesignationKind::International { '-' } else { '.' };
    d.number.split(cut).next().unwrap_or(&d.number)
}

/// Designations gathered by what [`same_document`] compares, each key holding a summary `V` of
/// the designations under it, so that "is any of these the same document as `q`" is three
/// lookups instead of a pass over the list: a document of thousands of references and citations
/// would otherwise compare each with each.
pub(crate) struct DesignationIndex<V> {
    /// By code, then number.
    by_number: HashMap<String, HashMap<String, V>>,
    /// The all-parts designations by code, then number: a part of them matches by its base.
    all_parts: HashMap<String, HashMap<String, V>>,
    /// By code, then base number: an all-parts query matches every part.
    by_base: HashMap<String, HashMap<String, V>>,
}

impl<V: Default> DesignationIndex<V> {
    pub(crate) fn new() -> Self {
        DesignationIndex { by_number: HashMap::default(), all_parts: HashMap::default(), by_base: HashMap::default() }
    }

    /// Adds `d`, folding it into the summary of each key it is found under.
    pub(crate) fn add(&mut self, d: &Designation, fold: impl Fn(&mut V)) {
        let at = |map: &mut HashMap<String, HashMap<String, V>>, number: &str| {
            fold(map.entry(d.code.clone()).or_default().entry(number.to_owned()).or_default());
        };
        at(&mut self.by_number, &d.number);
        if d.all_parts {
            at(&mut self.all_parts, &d.number);
        }
        at(&mut self.by_base, base_number(d));
    }

    /// The summaries of the added designations that are the same document as `q` (at most
    /// three; one designation may be counted in more than one).
    pub(crate) fn matching<'s>(&'s self, q: &Designation) -> impl Iterator<Item = &'s V> {
        let get = |map: &'s HashMap<String, HashMap<String, V>>, number: &str| map.get(&q.code)?.get(number);
        [
            get(&self.by_number, &q.number),
            get(&self.all_parts, base_number(q)),
            q.all_parts.then(|| get(&self.by_base, &q.number)).flatten(),
        ]
        .into_iter()
        .flatten()
    }
}

impl DesignationIndex<bool> {
    /// The designations of `list`, for [`DesignationIndex::any`].
    pub(crate) fn of<'d>(list: impl IntoIterator<Item = &'d Designation>) -> Self {
        let mut index = DesignationIndex::new();
        for d in list {
            index.add(d, |present| *present = true);
        }
        index
    }

    /// Whether one of the added designations is the same document as `q`.
    pub(crate) fn any(&self, q: &Designation) -> bool {
        self.matching(q).any(|present| *present)
    }
}

/// A citation names the entry: same code and number, or a part of an all-parts entry (the
/// definition [`DesignationIndex`] answers by lookups; the tests hold it to this).
#[cfg(test)]
pub(crate) fn same_document(cited: &Designation, entry: &Designation) -> bool {
    if cited.code != entry.code {
        return false;
    }
    cited.number == entry.number
        || (entry.all_parts && base_number(cited) == entry.number)
        || (cited.all_parts && base_number(entry) == cited.number)
}

static OTHER_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z&]*[/\x20]+)*?([A-Z][A-Za-z&]*)[\x20]*([A-Z]?[0-9][0-9.\-]*)")
        .unwrap_or_else(|e| panic!("other key regex: {e}"))
});

/// For an entry of another body (`IETF RFC 3986—2005 …`), the compact key its citations
/// contain: the last code word and the number (`RFC3986`).
pub(crate) fn other_key(text: &str) -> Option<String> {
    let caps = OTHER_KEY.captures(text)?;
    let word = caps.get(1)?.as_str();
    let number = caps.get(2)?.as_str().trim_end_matches(['.', '-']);
    Some(format!("{word}{number}"))
}

/// True when `key` (compact) occurs in `text` with no digit glued after it (the rules find all
/// keys at once; this is the definition the tests hold them to).
#[cfg(test)]
pub(crate) fn contains_key(text: &str, key: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .match_indices(key)
        .any(|(i, m)| compact.get(i + m.len()..).and_then(|s| s.chars().next()).is_none_or(|c| !c.is_ascii_digit()))
}

/// False when [`LAW`] cannot match in `text`: each of its forms holds 《, 令第, 中华人民共和国 or
/// 〔. Most lines of chapter 2 hold none, and the pattern (bounded classes) is costly to build.
pub(crate) fn may_name_law(text: &str) -> bool {
    text.contains('《') || text.contains("令第") || text.contains("中华人民共和国") || text.contains('〔')
}

/// Laws, regulations and policy documents: 《中华人民共和国…法》, …条例, …令第N号.
pub(crate) static LAW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"《[^《》]{0,60}(?:法|条例|办法|规定|决定|通知|意见|细则|规则|纲要|方案)》|令第\s*[0-9一二三四五六七八九十百]+\s*号|^\s*中华人民共和国\S{1,30}法\s*$|〔[0-9]{4}〕[0-9]+\s*号",
    )
    .unwrap_or_else(|e| panic!("law regex: {e}"))
});

/// Runs one rule over a Markdown document, for the unit tests of the RF and TM rules.
#[cfg(test)]
pub(crate) fn run_rule(rule: &dyn Rule, markdown: &str) -> Vec<crate::diagnostic::Diagnostic> {
    let doc = crate::read::read_text_document(std::path::Path::new("test.md"), markdown.as_bytes())
        .unwrap_or_else(|e| panic!("test document: {e:?}"));
    let profile = crate::profile::Profile::detect(&doc).unwrap_or_else(|e| panic!("profile: {e:?}"));
    let index = crate::rules::RunIndex::default();
    let mut ctx = crate::rules::Context::new(&doc, &profile, &index);
    ctx.enter(rule.meta(), rule.meta().severity);
    rule.check(&mut ctx);
    ctx.into_diagnostics()
}

/// A small local standard with a references chapter, for the unit tests: `{refs}` is put after
/// the lead-in of chapter 2, `{body}` into chapter 4.
#[cfg(test)]
pub(crate) fn sample(refs: &str, body: &str) -> String {
    format!(
        "# 深圳市地方标准\n\nDB4403/T 910—2025\n\n# 社区养老服务规范\n\n## 前言\n\n本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n\n\
         ## 1 范围\n\n本文件规定了社区养老服务的要求。\n\n## 2 规范性引用文件\n\n{LEAD_IN}\n\n{refs}\n\n\
         ## 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n## 4 要求\n\n### 4.1 总则\n\n{body}\n\n### 4.2 场所\n\n场所应整洁。\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_other_bodies() {
        assert_eq!(other_key("IETF RFC 3986—2005 统一资源标识符").as_deref(), Some("RFC3986"));
        assert_eq!(other_key("ASTM D638 塑料拉伸性能").as_deref(), Some("ASTMD638"));
        assert!(contains_key("解释符合IETF RFC 3986—2005。", "RFC3986"));
        assert!(!contains_key("RFC 39861", "RFC3986"));
    }

    #[test]
    fn all_parts_entries_match_their_parts() {
        let part = find_designations("GB/T 20001.10—2014", 0).remove(0);
        let all = find_designations("GB/T 20001（所有部分）", 0).remove(0);
        assert!(same_document(&part, &all));
        let other = find_designations("GB/T 20002.1", 0).remove(0);
        assert!(!same_document(&other, &all));
    }

    #[test]
    fn the_index_finds_what_same_document_finds() {
        let texts = [
            "GB/T 20001.10—2014",
            "GB/T 20001（所有部分）",
            "GB/T 20001",
            "GB/T 20002.1",
            "GB 20001.2",
            "ISO 8601-1:2019",
            "ISO 8601（所有部分）",
            "ISO 8601",
            "DB4403/T 20001.10",
        ];
        let designations: Vec<Designation> =
            texts.iter().flat_map(|t| find_designations(t, 0).into_iter().take(1)).collect();
        assert_eq!(designations.len(), texts.len());
        for (i, listed) in designations.iter().enumerate() {
            let index = DesignationIndex::of(std::iter::once(listed));
            for (j, cited) in designations.iter().enumerate() {
                assert_eq!(index.any(cited), same_document(cited, listed), "{} against {}", texts[j], texts[i]);
            }
        }
    }

    #[test]
    fn laws() {
        assert!(LAW.is_match("《中华人民共和国老年人权益保障法》"));
        for text in ["《养老法》", "民政部令第66号", " 中华人民共和国老年人权益保障法 ", "民发〔2020〕1号"]
        {
            assert!(LAW.is_match(text) && may_name_law(text), "{text}");
        }
        assert!(!may_name_law("GB/T 33168—2016 社区老年人日间照料中心服务基本要求"));
        assert!(LAW.is_match("《养老机构管理办法》（民政部令第66号）"));
        assert!(!LAW.is_match("GB/T 33168—2016 社区老年人日间照料中心服务基本要求"));
    }
}
