//! Standard designations: `GB/T 1.1—2020`, `DB4403/T 512—2025`, `T/CAS 608—2023`, `ISO 8601-1:2019`.
//!
//! The parser keeps the separator the author actually typed between number and year, with its
//! span, because the most common defect is a hyphen where GB typesetting wants U+2014.

use std::sync::LazyLock;

use regex::Regex;

use crate::source::Span;
use crate::source::scan::ascii_capitals_and_digits_len;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DesignationKind {
    National,
    Sector,
    Local,
    Group,
    Enterprise,
    International,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Designation {
    /// `GB/T`, `DB4403/T`, `T/CAS`, `ISO/IEC`.
    pub code: String,
    pub kind: DesignationKind,
    /// `1.1`, `20000.1`, `8601-1`.
    pub number: String,
    pub year: Option<u16>,
    /// The character typed between number and year, and where.
    pub separator: Option<(char, Span)>,
    /// White space typed around the separator.
    pub spaced_separator: bool,
    pub all_parts: bool,
    /// The whole designation as typed.
    pub span: Span,
    pub text: String,
}

impl Designation {
    /// `GB/T 1.1`: code and number, without the year; the key references are matched by.
    pub fn key(&self) -> String {
        format!("{} {}", self.code, self.number)
    }

    /// Canonical print form with U+2014 (or `:` for ISO/IEC).
    pub fn canonical(&self) -> String {
        match self.year {
            Some(year) if self.kind == DesignationKind::International => {
                format!("{}:{year}", self.key())
            }
            Some(year) => format!("{}—{year}", self.key()),
            None => self.key(),
        }
    }

    /// The part number, when the number has one (`20000.1` → 1).
    pub fn part(&self) -> Option<&str> {
        match self.kind {
            DesignationKind::International => self.number.split_once('-').map(|(_, p)| p),
            _ => self.number.split_once('.').map(|(_, p)| p),
        }
    }
}

/// Two-letter sector codes in use (the 2019 list plus codes seen since, e.g. NB, XF).
const SECTOR_CODES: &[&str] = &[
    "AQ", "BB", "CB", "CH", "CJ", "CY", "DA", "DL", "DZ", "EJ", "FZ", "GA", "GH", "GM", "GY", "HB", "HG", "HJ", "HS",
    "HY", "JB", "JC", "JG", "JR", "JT", "JY", "LB", "LD", "LS", "LY", "MH", "MT", "MZ", "NB", "NY", "QB", "QC", "QJ",
    "QX", "RB", "SB", "SC", "SF", "SH", "SJ", "SL", "SN", "SY", "TB", "TD", "TJ", "TY", "WB", "WH", "WJ", "WM", "WS",
    "WW", "XB", "XF", "YB", "YC", "YD", "YS", "YY", "YZ", "ZY",
];

/// The pattern [`code_start_at`] reads by hand (kept for its tests).
#[cfg(test)]
static CODE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<code>
            GB(?:/[TZ]|／[TZ])?
          | DB\d{2}(?:\d{2})?(?:/[TZ])?
          | T/[A-Z][A-Z0-9]{1,9}
          | Q/[A-Z0-9]{2,}
          | JJ[FG]
          | ISO/IEC(?:/(?:TS|TR|PAS))?
          | ISO(?:/(?:TS|TR|PAS))?
          | IEC(?:/(?:TS|TR))?
          | [A-Z]{2}(?:/[TZ])?
        )
        [\x20\u{3000}\u{00A0}]?
        \d",
    )
    .unwrap_or_else(|e| panic!("designation regex: {e}"))
});

fn kind_of(code: &str) -> Option<DesignationKind> {
    let base = code.split(['/', '／']).next().unwrap_or(code);
    if base == "GB" {
        Some(DesignationKind::National)
    } else if base.starts_with("DB") && base.len() > 2 {
        Some(DesignationKind::Local)
    } else if code.starts_with("T/") {
        Some(DesignationKind::Group)
    } else if code.starts_with("Q/") {
        Some(DesignationKind::Enterprise)
    } else if base == "ISO" || base == "IEC" {
        Some(DesignationKind::International)
    } else if SECTOR_CODES.contains(&base) || base == "JJF" || base == "JJG" {
        Some(DesignationKind::Sector)
    } else {
        None
    }
}

fn is_separator(c: char) -> bool {
    matches!(c, '—' | '-' | '‐' | '‑' | '‒' | '–' | '―' | '−' | '－' | '─' | ':' | '：' | '~' | '一')
}

/// What may stand between a code and its number: a space, U+3000 or U+00A0.
pub(crate) fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{00A0}')
}

/// True for a character `\d` takes (Unicode's decimal digits): ASCII and full-width digits at
/// once, any other numeric character by a one-class pattern built the first time one shows up.
pub(crate) fn is_decimal_digit(c: char) -> bool {
    static DECIMAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d$").unwrap_or_else(|e| panic!("decimal digit regex: {e}")));
    match c {
        '0'..='9' | '０'..='９' => true,
        _ if c.is_ascii() || !c.is_numeric() => false,
        _ => DECIMAL.is_match(c.encode_utf8(&mut [0; 4])),
    }
}

/// The byte length of the `count` decimal digits that open `text`, if it opens with that many.
pub(crate) fn decimal_digits(text: &str, count: usize) -> Option<usize> {
    let mut len = 0;
    let mut chars = text.chars();
    for _ in 0..count {
        let c = chars.next().filter(|&c| is_decimal_digit(c))?;
        len += c.len_utf8();
    }
    Some(len)
}

/// Where a match of [`CODE_START`] that starts at byte `start` of `text` ends: a code, an
/// optional gap and a digit. The pattern's alternatives and their optional parts are tried in
/// its order of preference (leftmost-first, greedy), each with the gap and digit after it.
fn code_start_at(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let bytes = rest.as_bytes();
    let upper_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_uppercase);
    let upper_or_digit_run = |from: usize| rest.get(from..).map_or(0, ascii_capitals_and_digits_len);
    // `/T` or `/Z` at `at`.
    let slash_kind = |at: usize| rest.get(at..).is_some_and(|r| r.starts_with("/T") || r.starts_with("/Z"));
    let gap_and_digit = |code_len: usize| -> Option<usize> {
        let after = rest.get(code_len..)?;
        let mut chars = after.chars();
        let first = chars.next()?;
        let end = match chars.next() {
            Some(digit) if is_gap(first) && is_decimal_digit(digit) => first.len_utf8() + digit.len_utf8(),
            _ if is_decimal_digit(first) => first.len_utf8(),
            _ => return None,
        };
        Some(start + code_len + end)
    };
    // An alternative whose optional part, when present, makes the code `longer` than `bare`:
    // the longer code is tried first, as the pattern's greedy `?` does.
    let longer_then_bare =
        |longer: Option<usize>, bare: usize| longer.into_iter().chain([bare]).find_map(gap_and_digit);
    let suffix = |at: usize, kinds: &[&str]| {
        kinds
            .iter()
            .find(|k| rest.get(at..).is_some_and(|r| r.strip_prefix('/').is_some_and(|r| r.starts_with(**k))))
            .map(|k| at + 1 + k.len())
    };
    // The alternatives in the pattern's order, each tried only when the earlier ones fail.
    let gb = || {
        let slashed = if slash_kind(2) {
            Some(4)
        } else {
            rest.get(2..).is_some_and(|r| r.starts_with("／T") || r.starts_with("／Z")).then_some(2 + "／".len() + 1)
        };
        rest.starts_with("GB").then(|| longer_then_bare(slashed, 2)).flatten()
    };
    let db = || {
        let two = rest.strip_prefix("DB").and_then(|r| decimal_digits(r, 2))?;
        let four = rest.get(2 + two..).and_then(|r| decimal_digits(r, 2)).map(|more| two + more);
        four.into_iter()
            .chain([two])
            .find_map(|digits| longer_then_bare(slash_kind(2 + digits).then_some(2 + digits + 2), 2 + digits))
    };
    let group = || {
        let more = upper_or_digit_run(3).min(9);
        (rest.starts_with("T/") && upper_at(2)).then(|| (1..=more).rev().find_map(|m| gap_and_digit(3 + m))).flatten()
    };
    let enterprise = || {
        let run = upper_or_digit_run(2);
        rest.starts_with("Q/").then(|| (2..=run).rev().find_map(|m| gap_and_digit(2 + m))).flatten()
    };
    let metrology = || (rest.starts_with("JJF") || rest.starts_with("JJG")).then(|| gap_and_digit(3)).flatten();
    let iso_iec =
        || rest.starts_with("ISO/IEC").then(|| longer_then_bare(suffix(7, &["TS", "TR", "PAS"]), 7)).flatten();
    let iso = || rest.starts_with("ISO").then(|| longer_then_bare(suffix(3, &["TS", "TR", "PAS"]), 3)).flatten();
    let iec = || rest.starts_with("IEC").then(|| longer_then_bare(suffix(3, &["TS", "TR"]), 3)).flatten();
    let two_capitals =
        || (upper_at(0) && upper_at(1)).then(|| longer_then_bare(slash_kind(2).then_some(4), 2)).flatten();
    gb().or_else(db)
        .or_else(group)
        .or_else(enterprise)
        .or_else(metrology)
        .or_else(iso_iec)
        .or_else(iso)
        .or_else(iec)
        .or_else(two_capitals)
}

/// Every designation in `text`; spans are offsets into `text` shifted by `base`.
pub fn find_designations(text: &str, base: usize) -> Vec<Designation> {
    let mut found = Vec::new();
    // Every code opens with a capital Latin letter; most paragraphs have none, and a regex
    // search costs more to start than this look.
    if first_capital(text.as_bytes()).is_none() {
        return found;
    }
    let mut search_from = 0;
    while let Some((match_start, match_end)) = next_code_start(text, search_from) {
        search_from = match_end;
        // A code glued to a preceding Latin letter or digit is part of another word (`ABCD 12`).
        if text.get(..match_start).and_then(|s| s.chars().next_back()).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        // The match is the code, an optional gap and one digit, and no code ends with a gap
        // character: the code is what is left without them (no second, capturing search).
        let whole = text.get(match_start..match_end).unwrap_or_default();
        let without_digit = whole.char_indices().next_back().and_then(|(at, _)| whole.get(..at)).unwrap_or(whole);
        let code = without_digit.strip_suffix(is_gap).unwrap_or(without_digit);
        let Some(kind) = kind_of(code) else {
            continue;
        };
        if let Some(d) = parse_tail(text, base, match_start, code, kind, match_end - 1) {
            search_from = d.span.end - base;
            found.push(d);
        }
    }
    found
}

/// Where `CODE_START.find_at(text, from)` matches, read only over the stretches of text a
/// match can lie in. A match opens with a capital Latin letter and holds nothing but capitals,
/// digits, slashes and gap characters (the pattern has no look-around), so it lies within
/// the run of such characters that follows a capital: each run is searched alone, and the
/// text between runs, most of a Chinese document, is skipped byte by byte.
fn next_code_start(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let start = at + first_capital(bytes.get(at..)?)?;
        let run = text.get(start..)?;
        let run_end = start + run.find(|c: char| !may_be_in_code(c)).unwrap_or(run.len());
        let within = text.get(..run_end)?;
        // Every match opens with a capital: each capital of the run, leftmost first.
        let mut candidate = Some(start);
        while let Some(capital) = candidate {
            if let Some(end) = code_start_at(within, capital) {
                return Some((capital, end));
            }
            candidate = within.as_bytes().get(capital + 1..).and_then(first_capital).map(|i| capital + 1 + i);
        }
        at = run_end;
    }
}

/// The offset of the first capital Latin letter in `bytes` (a Chinese text has few).
pub(crate) fn first_capital(bytes: &[u8]) -> Option<usize> {
    crate::source::scan::first_byte_where(bytes, |b| b.wrapping_sub(b'A') < 26)
}

/// True for every character a match of [`CODE_START`] can hold (`\d` is any Unicode digit;
/// `is_numeric` takes in a few more characters, which only lengthens a run).
fn may_be_in_code(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_numeric() || matches!(c, '/' | '／') || is_gap(c)
}

fn parse_tail(
    text: &str,
    base: usize,
    start: usize,
    code: &str,
    kind: DesignationKind,
    digits_at: usize,
) -> Option<Designation> {
    let tail = text.get(digits_at..)?;
    let mut chars = tail.char_indices().peekable();
    let mut number_end = 0;
    // Number: digits with dots, e.g. 20000.1; ISO part numbers join with '-' (8601-1).
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() {
            number_end = i + 1;
            chars.next();
        } else if c == '.' && tail.get(i + 1..).and_then(|s| s.chars().next()).is_some_and(|n| n.is_ascii_digit()) {
            chars.next();
        } else if c == '-' && kind == DesignationKind::International {
            let rest = tail.get(i + 1..).unwrap_or_default();
            let run = rest.chars().take_while(char::is_ascii_digit).count();
            // `ISO 9001-2015` is a wrong year separator, not part 2015.
            if run == 0 || (run == 4 && looks_like_year(rest.get(..4).unwrap_or_default())) {
                break;
            }
            chars.next();
        } else {
            break;
        }
    }
    let number = tail.get(..number_end)?.to_owned();
    let mut end = digits_at + number_end;

    // Separator and year.
    let after = text.get(end..).unwrap_or_default();
    let mut year = None;
    let mut separator = None;
    let mut spaced = false;
    let lead_gap: usize = after.chars().take_while(|&c| is_gap(c)).map(char::len_utf8).sum();
    if let Some(sep) = after.get(lead_gap..).and_then(|s| s.chars().next()).filter(|&c| is_separator(c)) {
        let sep_at = end + lead_gap;
        let after_sep = text.get(sep_at + sep.len_utf8()..).unwrap_or_default();
        let trail_gap: usize = after_sep.chars().take_while(|&c| is_gap(c)).map(char::len_utf8).sum();
        let year_text = after_sep.get(trail_gap..).unwrap_or_default();
        let digits = year_text.chars().take_while(char::is_ascii_digit).count();
        if digits == 4 && looks_like_year(year_text.get(..4).unwrap_or_default()) {
            year = year_text.get(..4).and_then(|y| y.parse().ok());
            separator = Some((sep, Span::new(base + sep_at, base + sep_at + sep.len_utf8())));
            spaced = lead_gap > 0 || trail_gap > 0;
            end = sep_at + sep.len_utf8() + trail_gap + 4;
        }
    }
    let mut all_parts = false;
    for marker in ["（所有部分）", "(所有部分)"] {
        if text.get(end..).is_some_and(|s| s.starts_with(marker)) {
            all_parts = true;
            end += marker.len();
        }
    }
    let normalized_code = code.replace('／', "/");
    Some(Designation {
        code: normalized_code,
        kind,
        number,
        year,
        separator,
        spaced_separator: spaced,
        all_parts,
        span: Span::new(base + start, base + end),
        text: text.get(start..end)?.to_owned(),
    })
}

fn looks_like_year(s: &str) -> bool {
    s.len() == 4 && (s.starts_with("19") || s.starts_with("20")) && s.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Designation {
        let mut all = find_designations(text, 0);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn national_with_em_dash() {
        let d = one("本文件按照GB/T 1.1—2020《标准化工作导则》");
        assert_eq!(d.code, "GB/T");
        assert_eq!(d.number, "1.1");
        assert_eq!(d.year, Some(2020));
        assert_eq!(d.separator.map(|s| s.0), Some('—'));
        assert_eq!(d.text, "GB/T 1.1—2020");
        assert_eq!(d.kind, DesignationKind::National);
    }

    #[test]
    fn first_capital_is_the_first_ascii_capital() {
        for text in ["", "A", "中文", "中文GB/T", "abc", &"中".repeat(40), &format!("{}Z{}", "中".repeat(11), "Q")]
        {
            let expected = text.bytes().position(|b| b.is_ascii_uppercase());
            assert_eq!(first_capital(text.as_bytes()), expected, "{text}");
        }
        for n in 0..100 {
            let text = format!("{}X", "a".repeat(n));
            assert_eq!(first_capital(text.as_bytes()), Some(n));
        }
    }

    #[test]
    fn hyphen_separator_is_kept_with_its_span() {
        let text = "应符合GB/T 35796-2017的规定";
        let d = one(text);
        let (sep, span) = d.separator.unwrap();
        assert_eq!(sep, '-');
        assert_eq!(&text[span.start..span.end], "-");
        assert_eq!(d.canonical(), "GB/T 35796—2017");
    }

    #[test]
    fn local_group_sector_and_iso() {
        assert_eq!(one("DB4403/T 512—2025").kind, DesignationKind::Local);
        assert_eq!(one("T/CAS 608—2023").kind, DesignationKind::Group);
        assert_eq!(one("JR/T 0319—2024").kind, DesignationKind::Sector);
        let iso = one("ISO 8601-1:2019");
        assert_eq!(iso.number, "8601-1");
        assert_eq!(iso.year, Some(2019));
        assert_eq!(iso.separator.map(|s| s.0), Some(':'));
        let wrong = one("ISO 9001-2015");
        assert_eq!(wrong.number, "9001");
        assert_eq!(wrong.separator.map(|s| s.0), Some('-'));
    }

    #[test]
    fn undated_and_all_parts() {
        let d = one("GB/T 20001（所有部分） 标准编写规则");
        assert!(d.all_parts);
        assert_eq!(d.year, None);
        let spaced = one("GB/T 1.1 — 2020");
        assert!(spaced.spaced_separator);
    }

    #[test]
    fn the_code_is_the_match_without_its_gap_and_digit() {
        // The code is taken from the match itself: gap characters and digits ending a code.
        assert_eq!(one("按GB／T\u{3000}1.1—2020").code, "GB/T");
        assert_eq!(one("见GB\u{a0}6675.1—2014").code, "GB");
        assert_eq!(one("DB44035—2020").code, "DB4403");
        assert_eq!(one("DB44 035—2020").code, "DB44");
        assert!(find_designations("本文件没有规范性引用文件。", 0).is_empty());
    }

    /// The search before runs were searched alone: the whole text, then the captured code.
    fn found_by_whole_text_search(text: &str) -> Vec<(usize, usize, String)> {
        let mut found = Vec::new();
        let mut search_from = 0;
        while let Some(m) = CODE_START.find_at(text, search_from) {
            search_from = m.end();
            if text.get(..m.start()).and_then(|s| s.chars().next_back()).is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let Some(code) = CODE_START.captures_at(text, m.start()).and_then(|c| c.name("code")) else { continue };
            let Some(kind) = kind_of(code.as_str()) else { continue };
            if let Some(d) = parse_tail(text, 0, m.start(), code.as_str(), kind, m.end() - 1) {
                search_from = d.span.end;
                found.push((d.span.start, d.span.end, d.code));
            }
        }
        found
    }

    #[test]
    fn runs_find_what_the_whole_text_search_found() {
        const PIECES: &[&str] = &[
            "GB/T ",
            "GB",
            "／T",
            "1.1",
            "—",
            "2020",
            "ISO",
            " ",
            "\u{3000}",
            "\u{a0}",
            "DB44",
            "03",
            "T/CAS",
            "Q/ABC",
            "JJF",
            "ABCD",
            "x",
            "中文",
            "１２",
            "٣",
            "/",
            "-",
            "：",
            "（所有部分）",
            "IEC",
            "JR",
            "Z",
            "9001",
            ":",
            "2015",
            "a",
            "7",
            "ISO/IEC",
            "/TS",
            "。",
            "Ⅲ",
            "AB",
            "Q/",
            "T/",
            "DB",
        ];
        for text in crate::model::generated_texts(0x9e37_79b9_7f4a_7c15, PIECES, 14).take(20_000) {
            let now: Vec<(usize, usize, String)> =
                find_designations(&text, 0).into_iter().map(|d| (d.span.start, d.span.end, d.code)).collect();
            assert_eq!(now, found_by_whole_text_search(&text), "{text:?}");
        }
    }

    #[test]
    fn code_starts_are_found_where_the_pattern_finds_them() {
        const PIECES: &[&str] = &[
            "GB",
            "/T",
            "/Z",
            "／T",
            "DB",
            "44",
            "03",
            "１２",
            "٣",
            "T/",
            "Q/",
            "JJF",
            "JJG",
            "ISO",
            "/IEC",
            "/TS",
            "/TR",
            "/PAS",
            "IEC",
            "AB",
            "Z",
            "C",
            "1",
            "9001",
            " ",
            "\u{3000}",
            "\u{a0}",
            "x",
            "中",
            "/",
            "〇",
            "Ⅲ",
            "ABCDEFGHIJK",
        ];
        for text in crate::model::generated_texts(0x7f4a_7c15_9e37_79b9, PIECES, 8).take(30_000) {
            for from in [0, 1, 2] {
                let Some(from) = text.char_indices().nth(from).map(|(at, _)| at) else { continue };
                let by_pattern = CODE_START.find_at(&text, from).map(|m| (m.start(), m.end()));
                assert_eq!(next_code_start(&text, from), by_pattern, "{text:?} from {from}");
            }
        }
    }

    #[test]
    fn not_designations() {
        assert!(find_designations("采用 XML 文档表示，LTE 12 个", 0).is_empty());
        assert!(find_designations("ABCD 12", 0).is_empty());
    }
}
