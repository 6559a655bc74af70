//! The three shapes the designation rules look for in the whole text, read by hand:
//! `GB` + `/T` + number (DS001), `DB` + division code + `/T` + number (DS003) and two capitals +
//! `/T` + number (DS004), each with every misspelling of its code the rule reports.
//!
//! They were regular expressions with Unicode `\d` in repeats, whose compiling was the largest
//! piece of a lone document's start (4.6 M instructions and a fresh UTF-8 map on the thread
//! that built them). Each reader takes the pattern's alternatives and repeats in its order of
//! preference (leftmost-first, greedy, giving back where the pattern would backtrack), and the
//! patterns stay as the oracles of tests that compare the two on generated texts.

use std::ops::Range;

use crate::model::{decimal_digits, is_decimal_digit, is_gap};

/// `GB` + anything that may stand for `/T` or `/Z` + the number. The pattern:
/// `(?P<gb>[Gg][Bb])(?P<mid>[\x20\u{3000}]*[/／\\\-－—–‐][\x20\u{3000}]*|[\x20\u{3000}]+|)`
/// `(?P<kind>[TtZz])(?P<gap>[\x20\u{3000}\u{00A0}]*)(?P<num>\d+(?:\.\d+)*)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct National<'t> {
    pub whole: Part<'t>,
    pub gb: Part<'t>,
    pub mid: Part<'t>,
    pub kind: Part<'t>,
    pub gap: Part<'t>,
    pub num: Part<'t>,
}

/// `DB` + the division code + `/T` + the number. The pattern:
/// `DB(?P<sp>[\x20\u{3000}]*)(?P<div>\d{2,6})(?P<suffix>[\x20\u{3000}]*[/／\\][\x20\u{3000}]*[A-Za-z]|)`
/// `(?P<gap>[\x20\u{3000}\u{00A0}]*)(?P<num>\d+(?:\.\d+)*)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Local<'t> {
    pub whole: Part<'t>,
    pub sp: Part<'t>,
    pub div: Part<'t>,
    pub suffix: Part<'t>,
    pub gap: Part<'t>,
    pub num: Part<'t>,
}

/// Two capitals + `/T` or `/Z` (or nothing) + the number. The pattern:
/// `(?P<code>[A-Z]{2})(?P<slash>[\x20\u{3000}]*[/／\\][\x20\u{3000}]*[TZtz]|)`
/// `(?P<gap>[\x20\u{3000}\u{00A0}]*)(?P<num>\d+(?:\.\d+)*)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Sector<'t> {
    pub whole: Part<'t>,
    pub code: Part<'t>,
    pub slash: Part<'t>,
    pub gap: Part<'t>,
    pub num: Part<'t>,
}

/// A group of a match: where it stands in the text and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Part<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Part<'t> {
    fn new(text: &'t str, range: Range<usize>) -> Self {
        Part { text, start: range.start, end: range.end }
    }

    pub fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or_default()
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    #[cfg(test)]
    fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// `[\x20\u{3000}]`: what may stand inside a code.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}')
}

/// The byte length of the run of characters `is` takes that opens `text` at `at`.
fn run(text: &str, at: usize, is: impl Fn(char) -> bool) -> usize {
    let rest = text.get(at..).unwrap_or_default();
    rest.char_indices().find(|&(_, c)| !is(c)).map_or(rest.len(), |(i, _)| i)
}

fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Where `\d+(?:\.\d+)*` that opens `text` at `at` ends, if a digit stands there.
fn number_end(text: &str, at: usize) -> Option<usize> {
    let digits = run(text, at, is_decimal_digit);
    if digits == 0 {
        return None;
    }
    let mut end = at + digits;
    while text.get(end..).is_some_and(|rest| rest.starts_with('.')) {
        let more = run(text, end + 1, is_decimal_digit);
        if more == 0 {
            break;
        }
        end += 1 + more;
    }
    Some(end)
}

/// The gap and the number that follow a code ending at `at`: both ranges, if a number follows.
fn gap_and_number(text: &str, at: usize) -> Option<(Range<usize>, Range<usize>)> {
    let gap_end = at + run(text, at, is_gap);
    let num_end = number_end(text, gap_end)?;
    Some((at..gap_end, gap_end..num_end))
}

/// `[\x20\u{3000}]*` + one of `slashes` + `[\x20\u{3000}]*` + a letter `letter` takes, opening
/// `text` at `at`: where it ends. The runs of spaces give nothing back (a slash or a letter is
/// no space), so there is one way to match or none.
fn slash_and_letter(
    text: &str,
    at: usize,
    is_slash: impl Fn(char) -> bool,
    letter: impl Fn(u8) -> bool,
) -> Option<usize> {
    let slash_at = at + run(text, at, is_space);
    let slash = char_at(text, slash_at).filter(|&c| is_slash(c))?;
    let letter_at = slash_at + slash.len_utf8() + run(text, slash_at + slash.len_utf8(), is_space);
    text.as_bytes().get(letter_at).is_some_and(|&b| letter(b)).then_some(letter_at + 1)
}

/// The national shape's match that starts at `start`, if one does.
fn national_at(text: &str, start: usize) -> Option<National<'_>> {
    let bytes = text.as_bytes();
    if !(matches!(bytes.get(start), Some(b'G' | b'g')) && matches!(bytes.get(start + 1), Some(b'B' | b'b'))) {
        return None;
    }
    let mid_start = start + 2;
    let spaces = run(text, mid_start, is_space);
    // The three alternatives of `mid` part ways on the character after the spaces: a separator
    // takes the first; otherwise the kind letter must stand there, after at least one space
    // (the second) or none (the third). No text reaches the kind letter by two of them, so the
    // first that reaches it decides.
    let mid_end = match char_at(text, mid_start + spaces)? {
        c if matches!(c, '/' | '／' | '\\' | '-' | '－' | '—' | '–' | '‐') => {
            let after = mid_start + spaces + c.len_utf8();
            after + run(text, after, is_space)
        }
        _ => mid_start + spaces,
    };
    if !matches!(bytes.get(mid_end), Some(b'T' | b't' | b'Z' | b'z')) {
        return None;
    }
    let (gap, num) = gap_and_number(text, mid_end + 1)?;
    let part = |range| Part::new(text, range);
    Some(National {
        whole: part(start..num.end),
        gb: part(start..mid_start),
        mid: part(mid_start..mid_end),
        kind: part(mid_end..mid_end + 1),
        gap: part(gap),
        num: part(num),
    })
}

/// The local shape's match that starts at `start`, if one does.
fn local_at(text: &str, start: usize) -> Option<Local<'_>> {
    if !text.get(start..)?.starts_with("DB") {
        return None;
    }
    let sp = start + 2..start + 2 + run(text, start + 2, is_space);
    // `\d{2,6}` is greedy: the longest division code first, then shorter ones, each with the
    // suffix (a slash and a letter, then none) and the number after it.
    let division = text.get(sp.end..)?;
    (2..=6).rev().filter_map(|count| decimal_digits(division, count)).find_map(|len| {
        let div_end = sp.end + len;
        let with_suffix =
            slash_and_letter(text, div_end, |c| matches!(c, '/' | '／' | '\\'), |b| b.is_ascii_alphabetic())
                .and_then(|suffix_end| Some((suffix_end, gap_and_number(text, suffix_end)?)));
        let (suffix_end, (gap, num)) = with_suffix.or_else(|| Some((div_end, gap_and_number(text, div_end)?)))?;
        let part = |range| Part::new(text, range);
        Some(Local {
            whole: part(start..num.end),
            sp: part(sp.clone()),
            div: part(sp.end..div_end),
            suffix: part(div_end..suffix_end),
            gap: part(gap),
            num: part(num),
        })
    })
}

/// The sector shape's match that starts at `start`, if one does.
fn sector_at(text: &str, start: usize) -> Option<Sector<'_>> {
    let bytes = text.as_bytes();
    if !(bytes.get(start).is_some_and(u8::is_ascii_uppercase)
        && bytes.get(start + 1).is_some_and(u8::is_ascii_uppercase))
    {
        return None;
    }
    let code_end = start + 2;
    let with_slash = slash_and_letter(
        text,
        code_end,
        |c| matches!(c, '/' | '／' | '\\'),
        |b| matches!(b, b'T' | b'Z' | b't' | b'z'),
    )
    .and_then(|slash_end| Some((slash_end, gap_and_number(text, slash_end)?)));
    let (slash_end, (gap, num)) = with_slash.or_else(|| Some((code_end, gap_and_number(text, code_end)?)))?;
    let part = |range| Part::new(text, range);
    Some(Sector {
        whole: part(start..num.end),
        code: part(start..code_end),
        slash: part(code_end..slash_end),
        gap: part(gap),
        num: part(num),
    })
}

/// The matches of a shape in `text`, leftmost first and never overlapping (as a pattern's
/// `find_iter`): `starts` gives the offsets at or after a given one where a match may start,
/// in order, and `at` tries one.
fn matches<'t, M>(
    text: &'t str,
    starts: impl Fn(&'t str, usize) -> Option<usize> + 't,
    at: impl Fn(&'t str, usize) -> Option<M> + 't,
    end: impl Fn(&M) -> usize + 't,
) -> impl Iterator<Item = M> + 't {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(start) = starts(text, from) {
            if let Some(found) = at(text, start) {
                // No match is empty: the next search starts past it.
                from = end(&found);
                return Some(found);
            }
            from = start + 1;
        }
        None
    })
}

/// Every national-shape match in `text`.
pub(super) fn nationals(text: &str) -> impl Iterator<Item = National<'_>> {
    let starts = |text: &str, from: usize| {
        let bytes = text.as_bytes().get(from..)?;
        memchr::memchr2(b'G', b'g', bytes).map(|i| from + i)
    };
    matches(text, starts, national_at, |m| m.whole.end())
}

/// Every local-shape match in `text`.
pub(super) fn locals(text: &str) -> impl Iterator<Item = Local<'_>> {
    let starts = |text: &str, from: usize| {
        let bytes = text.as_bytes().get(from..)?;
        memchr::memmem::find(bytes, b"DB").map(|i| from + i)
    };
    matches(text, starts, local_at, |m| m.whole.end())
}

/// Every sector-shape match in `text`.
pub(super) fn sectors(text: &str) -> impl Iterator<Item = Sector<'_>> {
    // Two capitals open every match: each capital is looked at with the byte after it.
    let starts = |text: &str, from: usize| {
        let bytes = text.as_bytes();
        let mut at = from;
        loop {
            let capital = at + crate::source::scan::first_byte_where(bytes.get(at..)?, |b| b.is_ascii_uppercase())?;
            if bytes.get(capital + 1).is_some_and(u8::is_ascii_uppercase) {
                return Some(capital);
            }
            at = capital + 1;
        }
    };
    matches(text, starts, sector_at, |m| m.whole.end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The pattern each reader replaces, as DS001, DS003 and DS004 wrote them.
    fn pattern(source: &str) -> Regex {
        Regex::new(source).unwrap_or_else(|e| panic!("{e}"))
    }

    const NATIONAL: &str = r"(?x)
        (?P<gb>[Gg][Bb])
        (?P<mid>[\x20\u{3000}]*[/／\\\-－—–‐][\x20\u{3000}]*|[\x20\u{3000}]+|)
        (?P<kind>[TtZz])
        (?P<gap>[\x20\u{3000}\u{00A0}]*)
        (?P<num>\d+(?:\.\d+)*)";

    const LOCAL: &str = r"(?x)
        DB(?P<sp>[\x20\u{3000}]*)
        (?P<div>\d{2,6})
        (?P<suffix>[\x20\u{3000}]*[/／\\][\x20\u{3000}]*[A-Za-z]|)
        (?P<gap>[\x20\u{3000}\u{00A0}]*)
        (?P<num>\d+(?:\.\d+)*)";

    const SECTOR: &str = r"(?x)
        (?P<code>[A-Z]{2})
        (?P<slash>[\x20\u{3000}]*[/／\\][\x20\u{3000}]*[TZtz]|)
        (?P<gap>[\x20\u{3000}\u{00A0}]*)
        (?P<num>\d+(?:\.\d+)*)";

    /// Every match of `regex` in `text`, each as the ranges of `groups` (the whole match first).
    fn oracle(regex: &Regex, text: &str, groups: &[&str]) -> Vec<Vec<Range<usize>>> {
        regex
            .captures_iter(text)
            .map(|caps| {
                let whole = caps.get(0).map(|m| m.range());
                let named = groups.iter().map(|g| caps.name(g).map(|m| m.range()));
                std::iter::once(whole).chain(named).map(|r| r.unwrap_or(usize::MAX..usize::MAX)).collect()
            })
            .collect()
    }

    // Pieces of designations, right and wrong, among what stands around them: ASCII, full-width
    // and Arabic-Indic digits (`\d` takes all three, not `²`), each space and separator.
    const NATIONAL_PIECES: &[&str] = &[
        "GB", "gb", "Gb", "GB/T", "GBT", "GB／T", "GB T", "GB-", "/", "／", "\\", "-", "－", "—", "–", "‐", " ",
        "\u{3000}", "\u{a0}", "T", "t", "Z", "z", "1", "23", "１２", "٣", "²", ".", ".5", "中文", "A",
    ];
    const LOCAL_PIECES: &[&str] = &[
        "DB", "DB44", "DB4403", "D", " ", "\u{3000}", "\u{a0}", "4403", "44", "1", "23", "１２", "٣", "²", ".", "/",
        "／", "\\", "T", "t", "/T", "/T ", "中", "—2020",
    ];
    const SECTOR_PIECES: &[&str] = &[
        "JR", "XY", "GB", "DB", "A", "JR/T", "/T", "／t", "/", "／", "\\", " ", "\u{3000}", "\u{a0}", "T", "Z", "z",
        "t", "1", "0166", "１２", "٣", "²", ".", "中文", "a", "ABC",
    ];

    /// Compares the hand reader with the pattern on generated texts; returns how many matches
    /// they held, so that no test passes on texts that never match.
    fn compare(
        seed: u64,
        pieces: &[&str],
        regex: &Regex,
        groups: &[&str],
        hand: impl Fn(&str) -> Vec<Vec<Range<usize>>>,
    ) -> usize {
        let mut seen = 0;
        for text in crate::model::generated_texts(seed, pieces, 12).take(60_000) {
            let expected = oracle(regex, &text, groups);
            assert_eq!(hand(&text), expected, "{text:?}");
            seen += expected.len();
        }
        seen
    }

    #[test]
    fn nationals_are_the_patterns_matches() {
        let groups = ["gb", "mid", "kind", "gap", "num"];
        let seen = compare(0x6a09_e667_f3bc_c908, NATIONAL_PIECES, &pattern(NATIONAL), &groups, |text| {
            nationals(text)
                .map(|m| [m.whole, m.gb, m.mid, m.kind, m.gap, m.num].iter().map(Part::range).collect())
                .collect()
        });
        assert!(seen > 5_000, "{seen}");
    }

    #[test]
    fn locals_are_the_patterns_matches() {
        let groups = ["sp", "div", "suffix", "gap", "num"];
        let seen = compare(0xbb67_ae85_84ca_a73b, LOCAL_PIECES, &pattern(LOCAL), &groups, |text| {
            locals(text)
                .map(|m| [m.whole, m.sp, m.div, m.suffix, m.gap, m.num].iter().map(Part::range).collect())
                .collect()
        });
        assert!(seen > 5_000, "{seen}");
    }

    #[test]
    fn sectors_are_the_patterns_matches() {
        let groups = ["code", "slash", "gap", "num"];
        let seen = compare(0x3c6e_f372_fe94_f82b, SECTOR_PIECES, &pattern(SECTOR), &groups, |text| {
            sectors(text).map(|m| [m.whole, m.code, m.slash, m.gap, m.num].iter().map(Part::range).collect()).collect()
        });
        assert!(seen > 5_000, "{seen}");
    }

    #[test]
    fn a_division_code_gives_back_digits_to_the_number() {
        // `DB4403` alone: the pattern gives the last digit back to the number.
        let found: Vec<Local> = locals("DB4403").collect();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].div.as_str(), found[0].num.as_str()), ("440", "3"));
        // With `/T` and no number the slash is dropped as well.
        let found: Vec<Local> = locals("DB4403/T").collect();
        assert_eq!((found[0].div.as_str(), found[0].suffix.as_str(), found[0].num.as_str()), ("440", "", "3"));
    }
}
