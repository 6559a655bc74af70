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

#[cfg(test)]
use std::sync::LazyLock;

#[cfg(test)]
use regex::Regex;

use crate::model::{Document, Text, compact, decimal_digits};
use crate::rules::Rule;
use crate::source::Span;
use crate::source::scan::ascii_capitals_and_digits_len;

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
/// (`DB4403/T ×××—2025`, `GB/T XXXXX—202X`): the pattern [`is_placeholder_designation`] reads
/// by hand (kept for its tests).
#[cfg(test)]
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:GB(?:/[TZ])?|DB\d{2}(?:\d{2})?(?:/T)?|T/[A-Z][A-Z0-9]{1,9}|Q/[A-Z0-9]{2,}|[A-Z]{2}/[TZ])[\x20\u{3000}]*[0-9×XxＸ○＊*.…—\-－]*[×XxＸ○＊*…]",
    )
    .unwrap_or_else(|e| panic!("placeholder designation regex: {e}"))
});

/// The code a cover's designation opens with: the pattern [`cover_code_at_start`] reads by
/// hand (kept for its tests).
#[cfg(test)]
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(GB(?:/[TZ])?|DB\d{2}(?:\d{2})?(?:/T)?|T/[A-Z][A-Z0-9]{1,9}|Q/[A-Z0-9]{2,}|[A-Z]{2}/[TZ])")
        .unwrap_or_else(|e| panic!("cover code regex: {e}"))
});

/// A placeholder mark: what stands for a number or year not yet given.
fn is_placeholder_mark(c: char) -> bool {
    matches!(c, '×' | 'X' | 'x' | 'Ｘ' | '○' | '＊' | '*' | '…')
}

/// What may stand between a code and its last placeholder mark besides other marks: digits,
/// dots and dashes (`××.1—202X`).
fn is_placeholder_filler(c: char) -> bool {
    matches!(c, '0'..='9' | '.' | '—' | '-' | '－')
}

/// True when after the code, which ends at `at`, come spaces, then fillers and marks ending
/// with a mark. Fillers may stand before the first mark only, so the first character after
/// the spaces and fillers decides.
fn placeholder_follows(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default().trim_start_matches([' ', '\u{3000}']);
    rest.trim_start_matches(is_placeholder_filler).starts_with(is_placeholder_mark)
}

/// Where `DB` and its division code end (2 digits, then 2 more if they stand there), each
/// with `/T` after it when present: every end the pattern's `DB\d{2}(?:\d{2})?(?:/T)?` can
/// take, longest first.
fn local_code_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let two_digits = |at: usize| Some(at + decimal_digits(text.get(at..)?, 2)?);
    let province = text.starts_with("DB").then(|| two_digits(2)).flatten();
    let city = province.and_then(two_digits);
    let with_suffix = |end: usize| {
        let suffixed = text.get(end..).is_some_and(|rest| rest.starts_with("/T")).then_some(end + 2);
        suffixed.into_iter().chain([end])
    };
    city.into_iter().chain(province).flat_map(with_suffix)
}

/// Every end the code alternatives a cover's designation opens with can take, in the pattern's
/// order and each alternative's longest first — all but `Q/` and its run of capitals and
/// digits of any length (see [`enterprise_placeholder_follows`]), which no other alternative
/// opens like.
fn bounded_code_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let capital = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_uppercase);
    let slash_kind_at = |at: usize| matches!(bytes.get(at..at + 2), Some([b'/', b'T' | b'Z']));
    let national = text.starts_with("GB").then(|| slash_kind_at(2).then_some(4).into_iter().chain([2]));
    let group_run = if text.starts_with("T/") && capital(2) {
        ascii_capitals_and_digits_len(text.get(3..).unwrap_or_default()).min(9)
    } else {
        0
    };
    let sector = (capital(0) && capital(1) && slash_kind_at(2)).then_some(4);
    national
        .into_iter()
        .flatten()
        .chain(local_code_ends(text))
        .chain((1..=group_run).rev().map(|more| 3 + more))
        .chain(sector)
}

/// Where the run of capitals and digits after `Q/` ends, if it has the two it needs.
fn enterprise_run_end(text: &str) -> Option<usize> {
    let run = ascii_capitals_and_digits_len(text.strip_prefix("Q/")?);
    (run >= 2).then_some(2 + run)
}

/// [`PLACEHOLDER`] read by hand: one of the codes a cover's designation opens with, then a
/// number and year written with placeholder marks. The pattern may take any of a code's
/// lengths (an optional `/T`, a shorter run of capitals and digits), so each is tried; a run
/// after `Q/` of any length is read in one pass from its end.
fn is_placeholder_designation(text: &str) -> bool {
    bounded_code_ends(text).any(|end| placeholder_follows(text, end))
        || enterprise_run_end(text).is_some_and(|run_end| enterprise_placeholder_follows(text, run_end))
}

/// Whether a placeholder follows `Q/` and some run of at least two capitals and digits, the
/// whole run ending at `run_end`: a shorter run leaves its last capitals and digits to the
/// placeholder, where a digit is a filler and `X` a mark.
fn enterprise_placeholder_follows(text: &str, run_end: usize) -> bool {
    if placeholder_follows(text, run_end) {
        return true;
    }
    // Ends inside the run, from the fourth byte on: an `X` there is a mark the run can leave;
    // else the run's last digits, left whole, are fillers before what follows the run.
    let inside = text.get(4..run_end).unwrap_or_default();
    if inside.contains('X') {
        return true;
    }
    let trailing_digits = inside.len() - inside.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    trailing_digits > 0
        && text
            .get(run_end..)
            .unwrap_or_default()
            .trim_start_matches(is_placeholder_filler)
            .starts_with(is_placeholder_mark)
}

/// [`CODE`] read by hand: the code a cover's designation opens with, its alternatives in the
/// pattern's order, each as long as it can be.
fn cover_code_at_start(text: &str) -> Option<&str> {
    text.get(..bounded_code_ends(text).next().or_else(|| enterprise_run_end(text))?)
}

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
    let may_match =
        |text: &str| text.starts_with(|c: char| c.is_ascii_uppercase()) && text.contains(is_placeholder_mark);
    cover_lines(doc).iter().find(|line| may_match(&line.text) && is_placeholder_designation(&line.text)).cloned()
}

/// True for the profiles whose covers follow 8.1 in full (national, sector, local).
pub(crate) fn full_cover_profile(name: &str) -> bool {
    matches!(name, "national" | "sector" | "local")
}

/// A part element `第1部分：` (or a faulty form of it: `第一部分`, `第1部分:`): the pattern
/// [`find_part_element`] reads by hand (kept for its tests).
#[cfg(test)]
static PART_ELEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"第[\x20\u{3000}]*([0-9０-９]+|[一二三四五六七八九十百零〇]+)[\x20\u{3000}]*部分[\x20\u{3000}]*([：:]?)",
    )
    .unwrap_or_else(|e| panic!("part element regex: {e}"))
});

/// A part element in a title (`第1部分：`, or a faulty form of it: `第一部分`, `第1部分:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartElement<'t> {
    /// Its byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The number as written: Arabic digits (ASCII or full-width) or Chinese numerals.
    pub number: &'t str,
    /// `：`, `:` or nothing.
    pub colon: &'t str,
}

/// The first part element in `text`. Each part of it is a run that gives nothing back to the
/// next (a digit, a numeral, a space and 部 are told apart by their first character), so each
/// 第 is read straight on until one opens a part element.
pub(crate) fn find_part_element(text: &str) -> Option<PartElement<'_>> {
    let run = |at: usize, is: fn(char) -> bool| {
        text.get(at..).map_or(0, |rest| rest.len() - rest.trim_start_matches(is).len())
    };
    let spaces = |at: usize| run(at, |c| matches!(c, ' ' | '\u{3000}'));
    text.match_indices('第').find_map(|(start, _)| {
        let number_at = start + '第'.len_utf8() + spaces(start + '第'.len_utf8());
        let digits = run(number_at, |c| matches!(c, '0'..='9' | '０'..='９'));
        let number_len =
            if digits > 0 { digits } else { run(number_at, |c| "一二三四五六七八九十百零〇".contains(c)) };
        if number_len == 0 {
            return None;
        }
        let word_at = number_at + number_len + spaces(number_at + number_len);
        if !text.get(word_at..)?.starts_with("部分") {
            return None;
        }
        let colon_at = word_at + "部分".len() + spaces(word_at + "部分".len());
        let colon = text.get(colon_at..)?.chars().next().filter(|c| matches!(c, '：' | ':')).map_or(0, char::len_utf8);
        Some(PartElement {
            start,
            end: colon_at + colon,
            number: text.get(number_at..number_at + number_len)?,
            colon: text.get(colon_at..colon_at + colon)?,
        })
    })
}

/// The cover title with the line after it when that line is the part element, as covers often
/// break `标准化工作导则` / `第1部分：…` over two lines.
pub(crate) fn full_cover_title(doc: &Document) -> Option<Text> {
    let title = doc.meta.title_zh.as_ref()?;
    let lines = cover_lines(doc);
    let next = lines
        .iter()
        .position(|l| l.span.start >= title.span.end)
        .and_then(|i| lines.get(i))
        .filter(|l| l.text.starts_with('第') && find_part_element(&l.text).is_some_and(|m| m.start == 0));
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
    let line = placeholder_designation(doc)?;
    cover_code_at_start(&line.text).map(str::to_owned)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_designations_and_their_codes_are_read_as_the_patterns_read_them() {
        // Every code's pieces, the placeholder marks and fillers, and what breaks them: `٣` is a
        // digit to `\d` and not to `[0-9]`, `x` a mark after a code but no capital inside one.
        const PIECES: &[&str] = &[
            "GB", "DB", "44", "03", "٣", "T/", "Q/", "/T", "/Z", "T", "Z", "A", "B", "X", "x", "Ｘ", "×", "○", "＊",
            "*", "…", "1", "9", ".", "—", "-", "－", " ", "\u{3000}", "—2025", "中", "/",
        ];
        let (mut placeholders, mut codes) = (0, 0);
        // Most texts are given a code's opening, as a cover line has.
        const OPENINGS: &[&str] = &["", "GB", "GB/T ", "DB44", "DB4403/T", "T/A", "Q/AB", "JR/T"];
        let texts = crate::model::generated_texts(0x9b05_688c_2b3e_6c1f, PIECES, 8).take(60_000);
        for (i, tail) in texts.enumerate() {
            let text = format!("{}{tail}", OPENINGS.get(i % OPENINGS.len()).copied().unwrap_or_default());
            let expected = PLACEHOLDER.is_match(&text);
            assert_eq!(is_placeholder_designation(&text), expected, "{text:?}");
            let code = CODE.find(&text).map(|m| m.as_str());
            assert_eq!(cover_code_at_start(&text), code, "{text:?}");
            placeholders += usize::from(expected);
            codes += usize::from(code.is_some());
        }
        assert!(placeholders > 5_000 && codes > 10_000, "{placeholders} {codes}");
    }

    #[test]
    fn part_elements_are_found_as_the_pattern_finds_them() {
        const PIECES: &[&str] = &[
            "第",
            "第1",
            "第十二",
            "1",
            "２",
            "一",
            "十",
            "百",
            "〇",
            "两",
            " ",
            "\u{3000}",
            "部分",
            "部分：",
            "部",
            "分",
            "：",
            ":",
            "服务",
            "x",
            "—",
        ];
        let mut found = 0;
        for text in crate::model::generated_texts(0x510e_527f_ade6_82d1, PIECES, 10).take(60_000) {
            let expected = PART_ELEMENT.captures(&text).map(|caps| {
                let group = |i| caps.get(i).map_or("", |m| m.as_str());
                (caps.get(0).map(|m| (m.start(), m.end())), group(1), group(2))
            });
            let by_hand = find_part_element(&text).map(|p| (Some((p.start, p.end)), p.number, p.colon));
            assert_eq!(by_hand, expected, "{text:?}");
            found += usize::from(expected.is_some());
        }
        assert!(found > 3_000, "{found}");
    }

    #[test]
    fn an_enterprise_code_leaves_its_last_capitals_and_digits_to_the_placeholder() {
        for text in ["Q/ABX", "Q/AB12X", "Q/ABC12—×", "Q/AB 1×", "DB4403/T ×××—2025", "T/CSAE12X"] {
            assert!(is_placeholder_designation(text), "{text}");
            assert!(PLACEHOLDER.is_match(text), "{text}");
        }
        for text in ["Q/ABC", "Q/AB1C 1", "Q/AB12 1", "GB/T 1234—2020"] {
            assert!(!is_placeholder_designation(text), "{text}");
            assert!(!PLACEHOLDER.is_match(text), "{text}");
        }
    }
}
