//! CV — cover, title, table of contents (GB/T 1.1-2020 8.1, 8.2, 6.1).

mod category_banner;
mod ccs_format;
mod consistency_marker;
mod cover_dates;
mod cover_fields;
mod english_title;
mod filing_number;
mod ics_format;
mod issuer_level;
mod part_number;
mod part_title;
mod supersession_line;
mod title_elements;
mod title_names_document_kind;
mod toc_lists_terms;
mod toc_mismatch;

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Document, Text, compact};
use crate::rules::Rule;
use crate::source::Span;

pub(crate) const RULES: &[&dyn Rule] = &[
    &cover_fields::CoverFields,
    &ics_format::IcsFormat,
    &ccs_format::CcsFormat,
    &cover_dates::CoverDates,
    &toc_mismatch::TocMismatch,
    &title_names_document_kind::TitleNamesDocumentKind,
    &issuer_level::IssuerLevel,
    &supersession_line::SupersessionLine,
    &english_title::EnglishTitle,
    &consistency_marker::ConsistencyMarker,
    &category_banner::CategoryBanner,
    &toc_lists_terms::TocListsTerms,
    &title_elements::TitleElements,
    &part_title::PartTitle,
    &part_number::PartNumber,
    &filing_number::FilingNumber,
];

/// The non-blank lines of the cover, trimmed, Markdown heading marks removed; found once per
/// document for the cover rules that read them.
pub(crate) fn cover_lines(doc: &Document) -> &[Text] {
    crate::model::Derived::shared(&doc.derived.cover_lines, || find_cover_lines(doc)).map_or(&[], Vec::as_slice)
}

fn find_cover_lines(doc: &Document) -> Vec<Text> {
    let Some(cover) = doc.meta.cover else {
        return Vec::new();
    };
    let text = doc.text(cover);
    let mut out = Vec::new();
    let mut offset = cover.start;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let lead = line.len() - line.trim_start().len();
        let after_lead = line.get(lead..).unwrap_or_default();
        let marks = after_lead.len() - after_lead.trim_start_matches('#').len();
        let body = after_lead.get(marks..).unwrap_or_default();
        let body_lead = body.len() - body.trim_start().len();
        let content = body.trim();
        if content.is_empty() {
            continue;
        }
        let begin = start + lead + marks + body_lead;
        out.push(Text::new(content, Span::new(begin, begin + content.len())));
    }
    out
}

/// The 2009 cover printed the CCS code without a label, alone on its line (`A 12`), or under
/// 中国标准文献分类号.
pub(crate) fn legacy_ccs_line(doc: &Document) -> Option<Text> {
    cover_lines(doc)
        .iter()
        .find(|l| {
            let key = compact(&l.text);
            key.contains("文献分类")
                || (key.chars().count() == 3
                    && key.starts_with(|c: char| c.is_ascii_uppercase())
                    && key.chars().skip(1).all(|c| c.is_ascii_digit()))
        })
        .cloned()
}

/// The document's Chinese title: the cover's, else the one on the first page of the body.
pub(crate) fn title(doc: &Document) -> Option<&Text> {
    doc.meta.title_zh.as_ref().or(doc.body_title.as_ref())
}

/// A designation with placeholders for the number or year, as drafts carry it
/// (`DB4403/T ×××—2025`, `GB/T XXXXX—202X`).
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:GB(?:/[TZ])?|DB\d{2}(?:\d{2})?(?:/T)?|T/[A-Z][A-Z0-9]{1,9}|Q/[A-Z0-9]{2,}|[A-Z]{2}/[TZ])[\x20\u{3000}]*[0-9×XxＸ○＊*.…—\-－]*[×XxＸ○＊*…]",
    )
    .unwrap_or_else(|e| panic!("placeholder designation regex: {e}"))
});

/// True when `text` holds a decimal digit other than `0`–`9` (a regex's `\d` matches it): a
/// reading by hand that knows only ASCII digits leaves such text to the regex.
pub(crate) fn has_other_digits(text: &str) -> bool {
    text.chars().any(|c| !c.is_ascii() && c.is_numeric())
}

/// The rest of a cover line after its `word` and one space or more (`ICS 03.080` → `03.080`).
pub(crate) fn after_label<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let after_word = line.strip_prefix(word)?;
    let rest = after_word.trim_start_matches([' ', '\u{3000}']);
    (rest.len() < after_word.len()).then_some(rest)
}

/// The cover line carrying a placeholder designation, if any.
pub(crate) fn placeholder_designation(doc: &Document) -> Option<Text> {
    // The pattern opens with a capital and holds a placeholder mark: other lines never run it.
    let may_match = |text: &str| {
        text.starts_with(|c: char| c.is_ascii_uppercase()) && text.contains(['×', 'X', 'x', 'Ｘ', '○', '＊', '*', '…'])
    };
    cover_lines(doc).iter().find(|line| may_match(&line.text) && PLACEHOLDER.is_match(&line.text)).cloned()
}

/// True for the profiles whose covers follow 8.1 in full (national, sector, local).
pub(crate) fn full_cover_profile(name: &str) -> bool {
    matches!(name, "national" | "sector" | "local")
}

/// A part element `第1部分：` (or a faulty form of it: `第一部分`, `第1部分:`).
pub(crate) static PART_ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"第[\x20\u{3000}]*([0-9０-９]+|[一二三四五六七八九十百零〇]+)[\x20\u{3000}]*部分[\x20\u{3000}]*([：:]?)",
    )
    .unwrap_or_else(|e| panic!("part element regex: {e}"))
});

/// The cover title with the line after it when that line is the part element, as covers often
/// break `标准化工作导则` / `第1部分：…` over two lines.
pub(crate) fn full_cover_title(doc: &Document) -> Option<Text> {
    let title = doc.meta.title_zh.as_ref()?;
    let lines = cover_lines(doc);
    let next = lines
        .iter()
        .position(|l| l.span.start >= title.span.end)
        .and_then(|i| lines.get(i))
        .filter(|l| l.text.starts_with('第') && PART_ELEMENT.find(&l.text).is_some_and(|m| m.start() == 0));
    Some(match next {
        Some(part) => {
            Text::new(format!("{}\u{3000}{}", title.text, part.text), Span::new(title.span.start, part.span.end))
        }
        None => title.clone(),
    })
}

/// The designation code written on the cover, also from a draft's placeholder designation
/// (`DB4403/T ×××—2025` → `DB4403/T`).
pub(crate) fn cover_code(doc: &Document) -> Option<String> {
    if let Some(d) = &doc.meta.designation {
        return Some(d.code.clone());
    }
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(GB(?:/[TZ])?|DB\d{2}(?:\d{2})?(?:/T)?|T/[A-Z][A-Z0-9]{1,9}|Q/[A-Z0-9]{2,}|[A-Z]{2}/[TZ])")
            .unwrap_or_else(|e| panic!("cover code regex: {e}"))
    });
    let line = placeholder_designation(doc)?;
    CODE.find(&line.text).map(|m| m.as_str().to_owned())
}

/// Text compared without white space, full-width letters and digits folded.
pub(crate) fn key(text: &str) -> String {
    compact(text)
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' if !matches!(c, '（' | '）' | '：' | '，' | '；') => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}
