//! The line classifier: one place that knows how GB/T 1.1 numbering, labels and markers look,
//! shared by the text and Markdown readers (and the .docx fallback).
//!
//! It looks at one line at a time and never decides structure; the builder does that with the
//! context of where the line stands.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{CaptionForm, CaptionKind, ClauseNumber, MarkerKind, Obligation, compact_is, first_visible};
use crate::source::Span;
use crate::source::scan::{ascii_digits_len, leading_space_len};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineClass {
    TocHeading,
    Foreword {
        number: Option<Span>,
    },
    Introduction {
        number: Option<Span>,
    },
    Bibliography,
    Index,
    Annex {
        letter: char,
        label: Span,
        obligation: Option<(Obligation, bool, Span)>,
        title: Option<Span>,
    },
    /// `（规范性）` / `（资料性）` alone; `bool` is the 2009 form `（规范性附录）`.
    Obligation {
        obligation: Obligation,
        legacy: bool,
        /// The annex title when it follows the mark on the same line.
        title: Option<Span>,
    },
    Numbered {
        number: ClauseNumber,
        label: Span,
        rest: Option<Span>,
    },
    TocEntry {
        text: Span,
        page: Option<Span>,
    },
    Note {
        label: Span,
        number: Option<u32>,
    },
    Example {
        label: Span,
        number: Option<u32>,
    },
    ListItem {
        marker: Span,
        kind: MarkerKind,
    },
    Caption {
        kind: CaptionKind,
        number: Span,
        title: Option<Span>,
        form: CaptionForm,
    },
    TermSource,
    /// A displayed formula with its number at the end: `X = A / B    (1)`.
    Formula {
        number: Span,
    },
    /// 一、 （一） 第一章 第一条: official-document numbering.
    Foreign,
    Text,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("classifier regex {pattern}: {e}"))
}

/// The pattern [`annex_label`] reads by hand (kept for its tests).
#[cfg(test)]
static ANNEX: LazyLock<Regex> =
    LazyLock::new(|| re(r"^附[\s\u{3000}]*录[\s\u{3000}]*([A-ZＡ-Ｚ])(?:$|[\s\u{3000}]+|[（(])"));
/// The pattern [`obligation_mark`] reads by hand (kept for its tests).
#[cfg(test)]
static OBLIGATION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[（(][\s\u{3000}]*(规范性|资料性)[\s\u{3000}]*(附录)?[\s\u{3000}]*[)）]"));
/// The pattern [`clause_number`] reads by hand (kept for its tests).
#[cfg(test)]
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:([A-ZＡ-Ｚ])[.．]\x20?)?([0-9０-９]{1,3}(?:(?:\x20?\\)?[.．][0-9０-９]{1,3})*)"));

/// A clause number opening a line: its annex letter, if any, and its digits (byte ranges),
/// and where it ends. `5.1.2`, `５．１`, `A.2`; a Markdown converter escapes the dots of a
/// heading number (`3 \\.1\\.4`): they count; OCR sets a space after an annex letter's dot
/// (`C. 1 概述`): it is still C.1. Up to three digits a level. Read by hand: it is asked of
/// every line that opens with a digit or a capital, and a pattern's captures cost more.
struct NumberAt {
    annex: Option<char>,
    digits: std::ops::Range<usize>,
    end: usize,
}

fn clause_number(line: &str) -> Option<NumberAt> {
    let is_digit = |c: char| matches!(c, '0'..='9' | '０'..='９');
    let is_dot = |c: char| matches!(c, '.' | '．');
    // Up to three digits from `at`: where they end, if there is one.
    let digits_from = |at: usize| -> Option<usize> {
        let run: usize = line.get(at..)?.chars().take(3).take_while(|&c| is_digit(c)).map(char::len_utf8).sum();
        (run > 0).then_some(at + run)
    };
    let mut at = 0;
    let mut annex = None;
    let first = line.chars().next()?;
    if matches!(first, 'A'..='Z' | 'Ａ'..='Ｚ') {
        let dot = line.get(first.len_utf8()..)?.chars().next().filter(|&c| is_dot(c))?;
        at = first.len_utf8() + dot.len_utf8();
        if line.get(at..)?.starts_with(' ') {
            at += 1;
        }
        annex = Some(first);
    }
    let start = at;
    let mut end = digits_from(at)?;
    loop {
        let rest = line.get(end..).unwrap_or_default();
        let escape = if rest.starts_with(" \\") {
            2
        } else if rest.starts_with('\\') {
            1
        } else {
            0
        };
        let Some(dot) = rest.get(escape..).and_then(|r| r.chars().next()).filter(|&c| is_dot(c)) else { break };
        match digits_from(end + escape + dot.len_utf8()) {
            Some(next) => end = next,
            None => break,
        }
    }
    Some(NumberAt { annex, digits: start..end, end })
}
/// The pattern [`leaders_at`] reads by hand (kept for its tests).
#[cfg(test)]
static LEADERS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:…+|\.{3,}|⋯+|·{3,}|-{4,}|_{4,}|\t+)[\s\u{3000}]*([0-9]+|[IVXivx]+)[\s\u{3000}]*$"));
/// The patterns [`labelled`] reads by hand (kept for its tests).
#[cfg(test)]
static NOTE: LazyLock<Regex> = LazyLock::new(|| re(r"^注[\s\u{3000}]*([0-9０-９]*)[\s\u{3000}]*[：:]"));
#[cfg(test)]
static EXAMPLE: LazyLock<Regex> = LazyLock::new(|| re(r"^示例[\s\u{3000}]*([0-9０-９]*)[\s\u{3000}]*[：:]"));
/// The pattern [`caption_parts`] reads by hand (kept for its tests).
#[cfg(test)]
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    // OCR drops the gap between number and title (`表1通用信息包格式定义`): a Han title may follow directly.
    re(
        r"^(图|表)[\s\u{3000}]*([A-Z][.．][0-9]+|[0-9]+)(?:[\s\u{3000}]*[（(]续[)）])?(?:[\s\u{3000}]+(\S.*)|((?:\p{Han}|[A-Z]{2}).*))?$",
    )
});
/// `表2：设施`, `表2-设施`, `表3. 设备`: a mark between number and title (not `表2-1`, `表3.2`,
/// which are numbers in the chapter style).
/// Read by hand ([`punctuated_caption`]); the pattern stays for its tests.
#[cfg(test)]
static PUNCTUATED_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(图|表)[\s\u{3000}]*([A-Z][.．][0-9]+|[0-9]+)[\s\u{3000}]*([：:]|[-－—–]|[.．])[\s\u{3000}]*([^\s\u{3000}0-9０-９].*)$",
    )
});
/// How a sentence that starts with `表1`/`图1` goes on: `表1给出了…`, `图2中…`, `表3规定了…`.
const SENTENCE_AFTER_NUMBER: &[&str] = &[
    "中", "的", "为", "是", "和", "与", "及", "或", "至", "到", "所", "给出", "列出", "规定", "见", "说明", "显示",
    "示出", "描述", "包括", "包含", "将", "对", "按", "在", "由", "从", "以", "即", "也", "共", "有", "表", "图",
];
/// The pattern [`formula_number_at`] reads by hand (kept for its tests).
#[cfg(test)]
static FORMULA_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"[\s\u{3000}]+[（(]([A-Z][.．])?[0-9]+[)）][\s\u{3000}]*$"));
/// The pattern [`is_foreign_numbering`] reads by hand (kept for its tests).
#[cfg(test)]
static FOREIGN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十百零〇0-9]+[章节条])")
});

/// A line opening with the numbering of a law or a plan rather than of a standard: `一、`,
/// `（三）`, `第十二条`, `第2章`. Read by hand: a law asks it of nearly every line, and the pattern's
/// cache, shared by the threads, was contended.
fn is_foreign_numbering(line: &str) -> bool {
    let han_digit = |c: char| matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十');
    // After `open`, one or more characters `inside` and then one of `close`.
    let run_then = |rest: &str, inside: &dyn Fn(char) -> bool, close: &[char]| {
        let body = rest.trim_start_matches(|c: char| inside(c));
        body.len() < rest.len() && body.starts_with(close)
    };
    let mut chars = line.chars();
    match chars.next() {
        Some(c) if han_digit(c) => run_then(line, &han_digit, &['、']),
        Some('（' | '(') => run_then(chars.as_str(), &han_digit, &[')', '）']),
        Some('第') => run_then(
            chars.as_str(),
            &|c| han_digit(c) || matches!(c, '百' | '零' | '〇' | '0'..='9'),
            &['章', '节', '条'],
        ),
        _ => false,
    }
}
/// The pattern [`list_marker`] reads by hand (kept for its tests).
#[cfg(test)]
static LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(——)|(·|・)|([a-z]\x20?[)）])|([0-9]{1,2}[)）])|(—|－－|--|―+|─+|[-*+•●▪◆■□○◇][\s\u{3000}]|[0-9]{1,2}(?:[.．][\s\u{3000}]*|、)))",
    )
});

fn fold_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32).unwrap_or(c),
        '．' => '.',
        _ => c,
    }
}

// The short anchored patterns below are read by hand: each pattern a run compiles costs as
// much as reading a small document's lines (a lone document's run compiles some thirty), and
// these are simple enough to follow exactly. `\s` is Unicode's White_Space, which is what
// `char::is_whitespace` and `trim_start` take.

/// `附录A`, `附 录 Ｂ（规范性）` ([`ANNEX`]): where the label ends (an opening parenthesis right
/// after the letter included, white space after it too) and the letter's byte range.
fn annex_label(line: &str) -> Option<(usize, std::ops::Range<usize>)> {
    let mut at = line.strip_prefix('附').map(|_| '附'.len_utf8())?;
    at += leading_space_len(line.get(at..)?);
    at += line.get(at..)?.strip_prefix('录').map(|_| '录'.len_utf8())?;
    at += leading_space_len(line.get(at..)?);
    let letter = line.get(at..)?.chars().next().filter(|c| matches!(c, 'A'..='Z' | 'Ａ'..='Ｚ'))?;
    let letter_range = at..at + letter.len_utf8();
    at = letter_range.end;
    let rest = line.get(at..)?;
    let end = match rest.chars().next() {
        None => at,
        Some(c) if c.is_whitespace() => at + leading_space_len(rest),
        Some(c @ ('（' | '(')) => at + c.len_utf8(),
        Some(_) => return None,
    };
    Some((end, letter_range))
}

/// `（规范性）`, `(资料性附录)` opening `text` ([`OBLIGATION`]): where the mark ends, its word,
/// and whether it says 附录 (the 2009 form).
fn obligation_mark(text: &str) -> Option<(usize, &'static str, bool)> {
    let open = text.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let mut at = open.len_utf8();
    at += leading_space_len(text.get(at..)?);
    let word = ["规范性", "资料性"].into_iter().find(|w| text.get(at..).is_some_and(|r| r.starts_with(w)))?;
    at += word.len();
    at += leading_space_len(text.get(at..)?);
    // 附录 is optional: a mark that cannot close after it cannot close without it either, for
    // 附 closes nothing.
    let legacy = text.get(at..)?.starts_with("附录");
    if legacy {
        at += "附录".len();
        at += leading_space_len(text.get(at..)?);
    }
    let close = text.get(at..)?.chars().next().filter(|c| matches!(c, ')' | '）'))?;
    Some((at + close.len_utf8(), word, legacy))
}

/// `注：`, `注1：`, `示例 2:` opening `line` with `word` ([`NOTE`], [`EXAMPLE`]): where the label
/// ends and the byte range of its number (empty when it has none).
fn labelled(line: &str, word: &str) -> Option<(usize, std::ops::Range<usize>)> {
    let mut at = line.strip_prefix(word).map(|_| word.len())?;
    at += leading_space_len(line.get(at..)?);
    let digits: usize =
        line.get(at..)?.chars().take_while(|c| matches!(c, '0'..='9' | '０'..='９')).map(char::len_utf8).sum();
    let number = at..at + digits;
    at = number.end;
    at += leading_space_len(line.get(at..)?);
    let colon = line.get(at..)?.chars().next().filter(|c| matches!(c, '：' | ':'))?;
    Some((at + colon.len_utf8(), number))
}

/// Where the number of a displayed formula that ends `line` begins, with the white space
/// before it: `X = A / B    (1)`, `(A.2)` ([`FORMULA_NUMBER`]). Read from the end: the
/// closing parenthesis, digits, an optional annex label, the opening one, then the gap.
fn formula_number_at(line: &str) -> Option<usize> {
    let inner = line.trim_end().strip_suffix([')', '）'])?;
    let before_digits = inner.trim_end_matches(|c: char| c.is_ascii_digit());
    if before_digits.len() == inner.len() {
        return None;
    }
    let opened = match before_digits.strip_suffix(['(', '（']) {
        Some(opened) => opened,
        None => before_digits
            .strip_suffix(['.', '．'])?
            .strip_suffix(|c: char| c.is_ascii_uppercase())?
            .strip_suffix(['(', '（'])?,
    };
    let gap_start = opened.trim_end().len();
    (gap_start < opened.len()).then_some(gap_start)
}

/// Where the leaders before a 目次 page number start and the page number's byte range
/// ([`LEADERS`]): a run of one leader (`…`, `⋯` or tabs, at least three `.` or `·`, at least
/// four `-` or `_`), white space, an Arabic or ASCII Roman number, white space to the end.
/// Read from the end; the start is the leftmost a search finds.
fn leaders_at(line: &str) -> Option<(usize, std::ops::Range<usize>)> {
    let body = line.trim_end();
    let last = body.chars().next_back()?;
    let is_number: fn(char) -> bool = if last.is_ascii_digit() {
        |c| c.is_ascii_digit()
    } else if matches!(last, 'I' | 'V' | 'X' | 'i' | 'v' | 'x') {
        |c| matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x')
    } else {
        return None;
    };
    let before_number = body.trim_end_matches(is_number);
    let page = before_number.len()..body.len();
    let before_gap = before_number.trim_end();
    // The leader run that ends where the gap begins, if it is long enough.
    let run = before_gap.chars().next_back().and_then(|leader| {
        let least = match leader {
            '…' | '⋯' | '\t' => 1,
            '.' | '·' => 3,
            '-' | '_' => 4,
            _ => return None,
        };
        let run_start = before_gap.trim_end_matches(leader).len();
        let count = (before_gap.len() - run_start) / leader.len_utf8();
        (count >= least).then_some(run_start)
    });
    // Else tabs in the gap are the leaders, from the first.
    let start = run.or_else(|| Some(before_gap.len() + before_number.get(before_gap.len()..)?.find('\t')?))?;
    Some((start, page))
}

/// The list marker opening `line` ([`LIST`]): where the match ends (white space after some
/// markers included) and its kind. The alternatives are tried in the pattern's order.
fn list_marker(line: &str) -> Option<(usize, MarkerKind)> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let second = chars.next();
    let after = |prefix: usize| line.get(prefix..).unwrap_or_default();
    let digits = ascii_digits_len(line);
    if line.starts_with("——") {
        return Some(("——".len(), MarkerKind::Dash));
    }
    if matches!(first, '·' | '・') {
        return Some((first.len_utf8(), MarkerKind::Dot));
    }
    if first.is_ascii_lowercase() {
        let rest = after(1);
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        let close = rest.chars().next().filter(|c| matches!(c, ')' | '）'))?;
        return Some((line.len() - rest.len() + close.len_utf8(), MarkerKind::Letter));
    }
    // One or two digits: the pattern backs off from a third, which then stands where the
    // closing mark should.
    let short_digits = (1..=2).contains(&digits).then_some(digits);
    if let Some(close) = short_digits.and_then(|d| after(d).chars().next()).filter(|c| matches!(c, ')' | '）')) {
        return Some((digits + close.len_utf8(), MarkerKind::Digit));
    }
    let other = match first {
        '—' => Some(first.len_utf8()),
        '－' if second == Some('－') => Some("－－".len()),
        '-' if second == Some('-') => Some(2),
        '―' | '─' => Some(line.len() - line.trim_start_matches(first).len()),
        '-' | '*' | '+' | '•' | '●' | '▪' | '◆' | '■' | '□' | '○' | '◇' => {
            second.filter(|c| c.is_whitespace()).map(|space| first.len_utf8() + space.len_utf8())
        }
        _ => None,
    };
    if other.is_some() {
        return other.map(|end| (end, MarkerKind::Other));
    }
    let digits = short_digits?;
    let rest = after(digits);
    match rest.chars().next()? {
        c @ ('.' | '．') => {
            let spaced = after(digits + c.len_utf8());
            Some((line.len() - spaced.trim_start().len(), MarkerKind::Other))
        }
        '、' => Some((digits + '、'.len_utf8(), MarkerKind::Other)),
        _ => None,
    }
}

/// True for a character of the Han script (`\p{Han}`): the CJK Unified Ideographs block at
/// once, any other character beyond ASCII by a one-class pattern built the first time one
/// shows up.
fn is_han_script(c: char) -> bool {
    static HAN: LazyLock<Regex> = LazyLock::new(|| re(r"^\p{Han}$"));
    matches!(c, '\u{4E00}'..='\u{9FFF}') || (!c.is_ascii() && HAN.is_match(c.encode_utf8(&mut [0; 4])))
}

/// The byte length of what, glued to a number with no gap, opens a title (`表1通用信息`, a 目次's
/// `1范围`, `A.2AB`): a Han character or two capitals.
pub(crate) fn glued_title_opening(rest: &str) -> Option<usize> {
    let first = rest.chars().next()?;
    if is_han_script(first) {
        Some(first.len_utf8())
    } else {
        rest.as_bytes().get(..2).is_some_and(|two| two.iter().all(u8::is_ascii_uppercase)).then_some(2)
    }
}

/// `图`/`表`, white space, then a number (`A.1`, `12`) opening `line`: the number's byte range.
fn caption_number(line: &str) -> Option<std::ops::Range<usize>> {
    let word = line.chars().next().filter(|c| matches!(c, '图' | '表'))?;
    let at = word.len_utf8() + leading_space_len(line.get(word.len_utf8()..)?);
    let rest = line.get(at..)?;
    // `A.1`: a capital, a dot, digits; else digits alone.
    let label = if rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        1 + rest.get(1..)?.chars().next().filter(|c| matches!(c, '.' | '．'))?.len_utf8()
    } else {
        0
    };
    let digits = ascii_digits_len(rest.get(label..)?);
    (digits > 0).then_some(at..at + label + digits)
}

/// What [`CAPTION`] reads: the number, and the title after white space (spaced) or right
/// after the number (glued: a Han character or two capitals).
struct CaptionParts {
    number: std::ops::Range<usize>,
    spaced: Option<std::ops::Range<usize>>,
    glued: Option<std::ops::Range<usize>>,
}

fn caption_parts(line: &str) -> Option<CaptionParts> {
    let number = caption_number(line)?;
    // `（续）` after the number, taken when the rest then reads as a title (or nothing).
    let continued = line.get(number.end..).and_then(|rest| {
        let mark = rest.get(leading_space_len(rest)..)?;
        let after = mark.strip_prefix(['（', '('])?.strip_prefix('续')?.strip_prefix([')', '）'])?;
        Some(line.len() - after.len())
    });
    for title_at in continued.into_iter().chain([number.end]) {
        let Some(rest) = line.get(title_at..) else { continue };
        let Some(first) = rest.chars().next() else {
            return Some(CaptionParts { number, spaced: None, glued: None });
        };
        if first.is_whitespace() {
            let spaced_at = title_at + leading_space_len(rest);
            // The white space may hold a line break; the title after it holds none.
            if spaced_at < line.len() && !line.get(spaced_at..).is_some_and(|t| t.contains('\n')) {
                return Some(CaptionParts { number, spaced: Some(spaced_at..line.len()), glued: None });
            }
            continue;
        }
        if glued_title_opening(rest).is_some() && !rest.contains('\n') {
            return Some(CaptionParts { number, spaced: None, glued: Some(title_at..line.len()) });
        }
    }
    None
}

/// `表2：设施`, `图3 - 流程` ([`PUNCTUATED_CAPTION`]): the number's, the mark's and the title's
/// byte ranges. The title opens with neither white space nor a digit.
fn punctuated_caption(line: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>, std::ops::Range<usize>)> {
    let number = caption_number(line)?;
    let mark_at = number.end + leading_space_len(line.get(number.end..)?);
    let mark = line
        .get(mark_at..)?
        .chars()
        .next()
        .filter(|c| matches!(c, '：' | ':' | '-' | '－' | '—' | '–' | '.' | '．'))?;
    let after = mark_at + mark.len_utf8();
    let title_at = after + leading_space_len(line.get(after..)?);
    let title = line.get(title_at..)?;
    let first = title.chars().next()?;
    if first.is_whitespace() || matches!(first, '0'..='9' | '０'..='９') || title.contains('\n') {
        return None;
    }
    Some((number, mark_at..after, title_at..line.len()))
}

/// Classifies one line whose text starts at `base`.
pub fn classify(line: &str, base: usize) -> LineClass {
    let span_of = |start: usize, end: usize| Span::new(base + start, base + end);
    // Compared without white space: PDF conversions letter-space headings (`前　言`,
    // `参 考 文 献`). Compared in place, not on a compacted copy: every line is classified, and
    // copying each (a law's article is a long line) was a fifth of reading.
    // Each word below is looked for only on a line whose first character, white space aside,
    // opens it: most lines open none.
    match first_visible(line).unwrap_or('\0') {
        '目' if compact_is(line, "目次") || compact_is(line, "目录") => return LineClass::TocHeading,
        '参' if compact_is(line, "参考文献") => return LineClass::Bibliography,
        '索' if compact_is(line, "索引") => return LineClass::Index,
        '前' | '引' | '0'..='9' | '０'..='９' => {
            if let Some(class) = front_heading(line, base) {
                return class;
            }
        }
        _ => {}
    }
    let first = line.chars().next().unwrap_or('\0');
    // Each anchored pattern below is tried only when the line's first (or, for those anchored
    // at the end, last) character can start (end) a match: every line of every document is
    // classified, and running a dozen regexes on each was a quarter of reading.
    if let Some((label_end, letter)) = (first == '附').then(|| annex_label(line)).flatten() {
        let letter_char = line.get(letter.clone()).and_then(|l| l.chars().next()).map_or('A', fold_digit);
        let label = line.get(..label_end).unwrap_or_default();
        let mut rest_at = label_end;
        // The label took an opening parenthesis to stop at it; give it back.
        if label.ends_with(['（', '(']) {
            rest_at -= label.chars().next_back().map_or(0, char::len_utf8);
        }
        let rest = line.get(rest_at..).unwrap_or_default();
        let lead = leading_space_len(rest);
        let rest_at = rest_at + lead;
        let rest = rest.trim_start();
        let mut obligation = None;
        let mut title_at = rest_at;
        if let Some((mark_end, word, legacy)) = obligation_mark(rest) {
            obligation = Some((obligation_of(word), legacy, span_of(rest_at, rest_at + mark_end)));
            title_at = rest_at + mark_end;
        }
        let title_text = line.get(title_at..).unwrap_or_default();
        let title_lead = leading_space_len(title_text);
        let title_text = title_text.trim();
        if leaders_at(title_text).is_some() {
            return toc_entry(line, base);
        }
        let title =
            (!title_text.is_empty()).then(|| span_of(title_at + title_lead, title_at + title_lead + title_text.len()));
        return LineClass::Annex { letter: letter_char, label: span_of(0, letter.end), obligation, title };
    }
    if let Some((end, word, legacy)) = matches!(first, '（' | '(').then(|| obligation_mark(line)).flatten() {
        // The annex title may follow the mark on its line: `（资料性）服务记录表示例`.
        let rest = line.get(end..).unwrap_or_default();
        let title_at = end + leading_space_len(rest);
        let title = rest.trim();
        let title_like = !title.contains(['。', '，', '；']) && title.chars().count() <= 60;
        if title.is_empty() || title_like {
            return LineClass::Obligation {
                obligation: obligation_of(word),
                legacy,
                title: (!title.is_empty()).then(|| span_of(title_at, title_at + title.len())),
            };
        }
    }
    if ends_like_page_number(line) && leaders_at(line).is_some() && line.chars().count() > 3 {
        return toc_entry(line, base);
    }
    if let Some((end, number)) = (first == '注').then(|| labelled(line, "注")).flatten() {
        return LineClass::Note { label: span_of(0, end), number: line.get(number).and_then(parse_folded) };
    }
    if let Some((end, number)) = (first == '示').then(|| labelled(line, "示例")).flatten() {
        return LineClass::Example { label: span_of(0, end), number: line.get(number).and_then(parse_folded) };
    }
    if line.starts_with("[来源") || line.starts_with("［来源") || is_legacy_term_source(line) {
        return LineClass::TermSource;
    }
    if let Some(class) = formula(line, base) {
        return class;
    }
    if let Some(class) = caption(line, base) {
        return class;
    }
    if let Some(class) = numbered(line, base) {
        return class;
    }
    if is_foreign_numbering(line) {
        return LineClass::Foreign;
    }
    if let Some((end, kind)) = may_start_list_item(first).then(|| list_marker(line)).flatten() {
        let marker = line.get(..end).unwrap_or_default().trim_end();
        return LineClass::ListItem { marker: span_of(0, marker.len()), kind };
    }
    LineClass::Text
}

/// Whether `line` (before trailing white space) ends as a 目次 page number can: `LEADERS`
/// cannot match otherwise.
fn ends_like_page_number(line: &str) -> bool {
    line.trim_end().ends_with(|c: char| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x'))
}

/// Whether `first` can open a list marker `LIST` matches.
fn may_start_list_item(first: char) -> bool {
    first.is_ascii_digit()
        || first.is_ascii_lowercase()
        || matches!(
            first,
            '—' | '·'
                | '・'
                | '－'
                | '-'
                | '―'
                | '─'
                | '*'
                | '+'
                | '•'
                | '●'
                | '▪'
                | '◆'
                | '■'
                | '□'
                | '○'
                | '◇'
        )
}

/// The GB/T 1.1-2009 term source, without 来源: `[GB/T 12345—2010，定义2.1]`.
fn is_legacy_term_source(line: &str) -> bool {
    let Some(inner) = line.strip_prefix(['[', '［']).and_then(|l| l.strip_suffix([']', '］'])) else { return false };
    inner.contains("定义")
        && inner.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && inner.chars().any(|c| c.is_ascii_digit())
        && inner.chars().count() <= 80
}

fn obligation_of(word: &str) -> Obligation {
    if word == "规范性" { Obligation::Normative } else { Obligation::Informative }
}

fn parse_folded(digits: &str) -> Option<u32> {
    let folded: String = digits.chars().map(fold_digit).collect();
    folded.parse().ok()
}

/// 前言 / 引言, possibly numbered (`0 引言`) or letter-spaced.
fn front_heading(line: &str, base: usize) -> Option<LineClass> {
    let compacted = line.chars().filter(|c| !c.is_whitespace());
    let digits = compacted.clone().take_while(|c| c.is_ascii_digit() || matches!(c, '０'..='９')).count();
    let word_is = |word: &str| compacted.clone().skip(digits).eq(word.chars());
    let number = || {
        (digits > 0).then(|| {
            let len: usize = line.chars().take(digits).map(char::len_utf8).sum();
            Span::new(base, base + len)
        })
    };
    if word_is("前言") {
        Some(LineClass::Foreword { number: number() })
    } else if word_is("引言") {
        Some(LineClass::Introduction { number: number() })
    } else {
        None
    }
}

fn toc_entry(line: &str, base: usize) -> LineClass {
    match leaders_at(line) {
        Some((start, page)) => {
            let text = line.get(..start).unwrap_or_default().trim_end();
            LineClass::TocEntry {
                text: Span::new(base, base + text.len()),
                page: Some(Span::new(base + page.start, base + page.end)),
            }
        }
        None => LineClass::TocEntry { text: Span::new(base, base + line.len()), page: None },
    }
}

/// Characters a converter or a word processor puts between a 目次 title and its page number.
fn is_leader(c: char) -> bool {
    matches!(c, '.' | '．' | '…' | '⋯' | '·' | '・' | '_' | '-' | '—' | '\t' | '\u{3000}') || c.is_whitespace()
}

/// A page number as 目次 lines give it: Arabic, or Roman in ASCII or in the Unicode forms
/// (`Ⅲ`, `VⅢ` as OCR mixes them).
fn is_page_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X' | 'i' | 'v' | 'x' | '\u{2160}'..='\u{217F}')
}

/// The page number at the end of `text` (before trailing space), if a leader or a gap
/// separates it from the title: `前言 …… III`, `4 缩略语 .. 2`, `附录B … .8`, `1 范围\t1`.
fn trailing_page(text: &str) -> Option<(usize, usize)> {
    let end = text.trim_end().len();
    let body = text.get(..end)?;
    let start = body.trim_end_matches(is_page_char).len();
    let token = body.get(start..)?;
    let digits = token.chars().filter(char::is_ascii_digit).count();
    let mixed = digits > 0 && digits != token.chars().count();
    if token.is_empty() || digits > 4 || mixed {
        return None;
    }
    let before = body.get(..start)?.chars().next_back()?;
    is_leader(before).then_some((start, end))
}

/// Splits one 目次 line into its entries, each as (title, page): leaders and page numbers
/// are removed from the title. A line that OCR merged from two entries (`前言 VⅢ引言 IX`)
/// gives both.
pub fn toc_entries(line: &str, base: usize) -> Vec<(Span, Option<Span>)> {
    let mut out = Vec::new();
    let mut from = 0;
    // An inner page number directly followed by the next entry's Han title.
    let mut cuts = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).map(|&(_, p)| p);
        if !is_page_char(c) || prev.is_some_and(is_page_char) || !prev.is_some_and(is_leader) {
            continue;
        }
        let run_end = chars.iter().skip(i).find(|&&(_, d)| !is_page_char(d));
        if let Some(&(next_at, next)) = run_end {
            let has_title = line.get(..at).is_some_and(|head| head.chars().any(is_han));
            if is_han(next) && has_title && next_at - at <= 4 {
                cuts.push(next_at);
            }
        }
    }
    cuts.push(line.len());
    for cut in cuts {
        let piece = line.get(from..cut).unwrap_or_default();
        let (title_end, page) = match trailing_page(piece) {
            Some((start, end)) => (start, Some(Span::new(base + from + start, base + from + end))),
            None => (piece.len(), None),
        };
        let title = piece.get(..title_end).unwrap_or_default().trim_end_matches(is_leader);
        let lead = title.len() - title.trim_start().len();
        let title = title.trim_start();
        if !title.is_empty() {
            out.push((Span::new(base + from + lead, base + from + lead + title.len()), page));
        }
        from = cut;
    }
    out
}

/// A formula line: mathematical content (an `=` or TeX) followed by a gap and `(1)` / `(A.1)`.
fn formula(line: &str, base: usize) -> Option<LineClass> {
    if !line.trim_end().ends_with([')', '）']) {
        return None;
    }
    let gap_start = formula_number_at(line)?;
    let body = line.get(..gap_start)?;
    let matched = line.get(gap_start..)?;
    let mathematical = body.contains(['=', '＝', '$', '∑', '√']) || body.contains("\\frac");
    if !mathematical || body.contains('。') {
        return None;
    }
    let number = matched.trim();
    let start = line.len() - matched.trim_start().len();
    Some(LineClass::Formula { number: Span::new(base + start, base + start + number.len()) })
}

fn caption(line: &str, base: usize) -> Option<LineClass> {
    let span = |r: std::ops::Range<usize>| Span::new(base + r.start, base + r.end);
    let kind = if line.starts_with('图') { CaptionKind::Figure } else { CaptionKind::Table };
    // English titles of adopted standards run long; a Chinese line that long is a sentence.
    let short_title = |t: &str, limit: usize| {
        if t.chars().any(is_han) {
            t.chars().count() <= limit && !t.contains(['。', '，', '；', ',', ';'])
        } else {
            // `Table 3 shows …` is a sentence; a title starts with a capital.
            t.chars().count() <= limit * 4
                && !t.contains('。')
                && !t.trim_start().starts_with(|c: char| c.is_ascii_lowercase())
        }
    };
    if !line.starts_with(['图', '表']) {
        return None;
    }
    if let Some(CaptionParts { number, spaced, glued }) = caption_parts(line) {
        // A title glued to the number must read as a title, not as the sentence `表3所列的……`.
        if let Some(glued) = glued {
            let text = line.get(glued.clone()).unwrap_or_default().trim_end();
            let sentence = SENTENCE_AFTER_NUMBER.iter().any(|w| text.starts_with(w))
                || text.contains(['：', ':'])
                || !crate::lexicon::find_modals(text).is_empty();
            if sentence || !short_title(text, 30) {
                return None;
            }
            let title = Span::new(base + glued.start, base + glued.start + text.len());
            return Some(LineClass::Caption {
                kind,
                number: span(number),
                title: Some(title),
                form: CaptionForm::Joined,
            });
        }
        if spaced.as_ref().is_some_and(|t| !short_title(line.get(t.clone()).unwrap_or_default(), 40)) {
            return None;
        }
        return Some(LineClass::Caption {
            kind,
            number: span(number),
            title: spaced.map(span),
            form: CaptionForm::Spaced,
        });
    }
    let (number, separator, title) = punctuated_caption(line)?;
    let text = line.get(title.clone()).unwrap_or_default();
    if !short_title(text, 40) || text.starts_with(['表', '图']) || text.ends_with(['：', ':']) {
        return None;
    }
    Some(LineClass::Caption {
        kind,
        number: span(number),
        title: Some(span(title)),
        form: CaptionForm::Punctuated { separator: span(separator) },
    })
}

/// A heading whose number OCR glued to a Latin title (`5CI-CI通信接口报文规范`): read as
/// numbered only because the line is marked as a heading.
pub fn glued_heading_number(line: &str, base: usize) -> Option<LineClass> {
    let found = clause_number(line)?;
    let after = line.get(found.end..)?;
    let mut next = after.chars();
    let glued =
        next.next().is_some_and(|c| c.is_ascii_uppercase()) && next.next().is_some_and(|c| c.is_ascii_uppercase());
    if !glued || found.annex.is_some() {
        return None;
    }
    let spaced = format!("{} {after}", line.get(..found.end)?);
    match numbered(&spaced, 0)? {
        LineClass::Numbered { number, .. } => Some(LineClass::Numbered {
            number,
            label: Span::new(base, base + found.end),
            rest: Some(Span::new(base + found.end, base + line.trim_end().len())),
        }),
        _ => None,
    }
}

/// A line that starts with a clause number: `5`, `5.1.2`, `５．１`, `A.2`.
fn numbered(line: &str, base: usize) -> Option<LineClass> {
    if !line
        .starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '０'..='９' | 'Ａ'..='Ｚ'))
    {
        return None;
    }
    let found = clause_number(line)?;
    let after = line.get(found.end..).unwrap_or_default();
    // What follows a number decides whether it is a clause: a gap, a Han character, or nothing.
    // `1)` `1、` `1.` are list markers, `2025-03-01` a date, `3.5m` a measurement.
    let next = after.chars().next();
    // `5.3.1.3.1CI应……`: OCR glued a deep number to a Latin word; three levels (or two before a
    // capitalised word) cannot be a list marker, a date or a measurement.
    let digits = line.get(found.digits.clone())?;
    let levels = digits.matches(['.', '．']).count() + 1;
    let glued = next.is_some_and(|c| c.is_ascii_uppercase())
        && (levels >= 3 || (levels == 2 && after.chars().nth(1).is_some_and(|c| c.is_ascii_uppercase())));
    let acceptable = match next {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(_) if glued => true,
        Some(c) => is_han(c),
    };
    if !acceptable {
        return None;
    }
    let annex = found.annex.map(fold_digit);
    let mut parts = Vec::new();
    for piece in digits.split(['.', '．']) {
        parts.push(parse_folded(piece.trim_end_matches(['\\', ' ']))?);
    }
    if parts.first().is_some_and(|&p| p > 99) || (annex.is_some() && parts.is_empty()) {
        return None;
    }
    let rest = after.trim_start();
    let rest_start = line.len() - rest.len();
    let rest = rest.trim_end();
    Some(LineClass::Numbered {
        number: ClauseNumber { annex, parts },
        label: Span::new(base, base + found.end),
        rest: (!rest.is_empty()).then(|| Span::new(base + rest_start, base + rest_start + rest.len())),
    })
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{20000}'..='\u{2A6DF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(line: &str) -> LineClass {
        classify(line, 0)
    }

    #[test]
    fn foreign_numbering_is_read_as_the_pattern_reads_it() {
        const PIECES: &[&str] = &[
            "一", "十", "百", "零", "〇", "3", "、", "（", "(", ")", "）", "第", "章", "节", "条", "款", "x", " ",
            "二十",
        ];
        for line in crate::model::generated_texts(0x3c6e_f372_fe94_f82b, PIECES, 7).take(20_000) {
            assert_eq!(is_foreign_numbering(&line), FOREIGN.is_match(&line), "{line:?}");
        }
    }

    #[test]
    fn annex_labels_and_obligation_marks_are_read_as_their_patterns_read_them() {
        const PIECES: &[&str] = &[
            "附",
            "录",
            "A",
            "Ｂ",
            "a",
            " ",
            "\u{3000}",
            "\t",
            "（",
            "(",
            ")",
            "）",
            "规范性",
            "资料性",
            "附录",
            "性",
            "x",
            "中",
            "\u{a0}",
        ];
        for line in crate::model::generated_texts(0x2545_f491_4f6c_dd1d, PIECES, 9).take(40_000) {
            let by_pattern =
                ANNEX.captures(&line).map(|caps| (caps.get(0).map(|m| m.end()), caps.get(1).map(|m| m.range())));
            let by_hand = annex_label(&line).map(|(end, letter)| (Some(end), Some(letter)));
            assert_eq!(by_hand, by_pattern, "{line:?}");
            // Most generated lines open with no parenthesis: give them one too.
            for line in [line.clone(), format!("（{line}"), format!("({line}")] {
                let by_pattern = OBLIGATION
                    .captures(&line)
                    .map(|caps| (caps.get(0).map(|m| m.end()), caps.get(1).map(|m| m.as_str()), caps.get(2).is_some()));
                let by_hand = obligation_mark(&line).map(|(end, word, legacy)| (Some(end), Some(word), legacy));
                assert_eq!(by_hand, by_pattern, "{line:?}");
            }
        }
    }

    #[test]
    fn note_and_example_labels_are_read_as_their_patterns_read_them() {
        const PIECES: &[&str] =
            &["注", "示例", "示", "1", "12", "３", " ", "\u{3000}", "\t", "：", ":", "x", "中", "；", "\u{2003}"];
        for line in crate::model::generated_texts(0x9e6c_63d0_676a_9a99, PIECES, 7).take(40_000) {
            for (word, pattern) in [("注", &NOTE), ("示例", &EXAMPLE)] {
                let by_pattern =
                    pattern.captures(&line).map(|caps| (caps.get(0).map(|m| m.end()), caps.get(1).map(|m| m.range())));
                let by_hand = labelled(&line, word).map(|(end, number)| (Some(end), Some(number)));
                assert_eq!(by_hand, by_pattern, "{word} {line:?}");
            }
        }
    }

    #[test]
    fn formula_numbers_are_read_as_their_pattern_reads_them() {
        const PIECES: &[&str] = &[
            "x",
            "=",
            " ",
            "\u{3000}",
            "(",
            "（",
            ")",
            "）",
            "1",
            "23",
            "A",
            "Ｂ",
            ".",
            "．",
            "b",
            "中",
            "\n",
            "\u{a0}",
            " (1)",
            "（A.2）",
            " （Ｂ.1)",
            "(C．12）",
            "A.",
            "(3",
            " ",
        ];
        for line in crate::model::generated_texts(0xd1b5_4a32_d192_ed03, PIECES, 10).take(40_000) {
            let by_pattern = FORMULA_NUMBER.find(&line).map(|m| (m.start(), m.end()));
            let by_hand = formula_number_at(&line).map(|start| (start, line.len()));
            assert_eq!(by_hand, by_pattern, "{line:?}");
        }
    }

    #[test]
    fn toc_leaders_are_read_as_their_pattern_reads_them() {
        const PIECES: &[&str] = &[
            "…", "⋯", ".", "...", "·", "····", "-", "----", "_", "____", "\t", " ", "\u{3000}", "1", "23", "I", "v",
            "x", "X", "中", "a", "。", "\n", "—",
        ];
        for line in crate::model::generated_texts(0x5be0_cd19_137e_2179, PIECES, 8).take(60_000) {
            let by_pattern =
                LEADERS.captures(&line).map(|caps| (caps.get(0).map(|m| m.start()), caps.get(1).map(|m| m.range())));
            let by_hand = leaders_at(&line).map(|(start, page)| (Some(start), Some(page)));
            assert_eq!(by_hand, by_pattern, "{line:?}");
        }
    }

    #[test]
    fn list_markers_are_read_as_their_pattern_reads_them() {
        const PIECES: &[&str] = &[
            "——", "—", "·", "・", "a", "z", "A", " ", ")", "）", "1", "12", "123", ".", "．", "、", "－", "－－", "-",
            "--", "―", "──", "*", "+", "•", "●", "▪", "◆", "■", "□", "○", "◇", "\u{3000}", "\t", "x", "中",
        ];
        for line in crate::model::generated_texts(0x9b05_688c_2b3e_6c1f, PIECES, 5).take(60_000) {
            let by_pattern = LIST.captures(&line).map(|caps| {
                let kind = if caps.get(1).is_some() {
                    MarkerKind::Dash
                } else if caps.get(2).is_some() {
                    MarkerKind::Dot
                } else if caps.get(3).is_some() {
                    MarkerKind::Letter
                } else if caps.get(4).is_some() {
                    MarkerKind::Digit
                } else {
                    MarkerKind::Other
                };
                (caps.get(0).map_or(0, |m| m.end()), kind)
            });
            assert_eq!(list_marker(&line), by_pattern, "{line:?}");
        }
    }

    #[test]
    fn captions_are_read_as_their_patterns_read_them() {
        const PIECES: &[&str] = &[
            "图", "表", "A", "B.", ".", "．", "1", "23", " ", "\u{3000}", "\t", "\n", "（", "(", "续", ")", "）",
            "标题", "中", "AB", "C", "x", "：", ":", "-", "－", "—", "–", "２", "、", "〇", "。", "\u{2e80}",
        ];
        for line in crate::model::generated_texts(0x1f83_d9ab_5be0_cd19, PIECES, 7).take(40_000) {
            for line in [line.clone(), format!("表{line}"), format!("图 1{line}")] {
                let by_pattern = CAPTION.captures(&line).map(|caps| {
                    (caps.get(2).map(|m| m.range()), caps.get(3).map(|m| m.range()), caps.get(4).map(|m| m.range()))
                });
                let by_hand = caption_parts(&line).map(|p| (Some(p.number), p.spaced, p.glued));
                assert_eq!(by_hand, by_pattern, "{line:?}");
                let by_pattern = PUNCTUATED_CAPTION.captures(&line).map(|caps| {
                    (caps.get(2).map(|m| m.range()), caps.get(3).map(|m| m.range()), caps.get(4).map(|m| m.range()))
                });
                let by_hand = punctuated_caption(&line).map(|(n, m, t)| (Some(n), Some(m), Some(t)));
                assert_eq!(by_hand, by_pattern, "{line:?}");
            }
        }
    }

    #[test]
    fn the_unified_ideographs_are_all_of_the_han_script() {
        let han = Regex::new(r"^\p{Han}$").unwrap_or_else(|e| panic!("{e}"));
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(han.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
    }

    #[test]
    fn clause_numbers_are_read_as_the_number_pattern_reads_them() {
        const PIECES: &[&str] = &[
            "1", "12", "5", "０", "９", ".", "．", " ", "\\", "A", "Ｃ", "x", "中", "a", "1234", "-", "\u{3000}", "Z",
        ];
        for line in crate::model::generated_texts(0x51_7cc1_b727_220a, PIECES, 10).take(20_000) {
            let by_pattern = NUMBER.captures(&line).map(|caps| {
                let annex = caps.get(1).and_then(|m| m.as_str().chars().next());
                let digits = caps.get(2).map(|m| m.range());
                (annex, digits, caps.get(0).map(|m| m.end()))
            });
            let by_hand = clause_number(&line).map(|n| (n.annex, Some(n.digits), Some(n.end)));
            assert_eq!(by_hand, by_pattern, "{line:?}");
        }
    }

    #[test]
    fn front_and_back_headings() {
        assert_eq!(class("前　言"), LineClass::Foreword { number: None });
        assert_eq!(class("0 引言"), LineClass::Introduction { number: Some(Span::new(0, 1)) });
        assert_eq!(class("参 考 文 献"), LineClass::Bibliography);
        assert_eq!(class("目 次"), LineClass::TocHeading);
    }

    #[test]
    fn clause_numbers() {
        let LineClass::Numbered { number, rest, .. } = class("5.1.2　服务流程") else { panic!() };
        assert_eq!(number.parts, vec![5, 1, 2]);
        assert_eq!(rest, Some(Span::new(8, 20)));
        let LineClass::Numbered { number, .. } = class("５．１ 总则") else { panic!() };
        assert_eq!(number.parts, vec![5, 1]);
        let LineClass::Numbered { number, .. } = class("A.2 要求") else { panic!() };
        assert_eq!(number.annex, Some('A'));
        let LineClass::Numbered { rest, .. } = class("3.1") else { panic!() };
        assert_eq!(rest, None);
        let LineClass::Numbered { number, .. } = class("5.1总则") else { panic!() };
        assert_eq!(number.render(), "5.1");
        let LineClass::Numbered { number, rest, .. } = class("3 \\.1\\.4") else { panic!() };
        assert_eq!((number.render(), rest), ("3.1.4".to_owned(), None));
        let LineClass::Numbered { number, .. } = class("C. 1 概述") else { panic!() };
        assert_eq!(number.render(), "C.1");
    }

    #[test]
    fn things_that_are_not_clause_numbers() {
        assert!(matches!(class("2025-03-10发布"), LineClass::Text));
        assert!(matches!(class("1) 第一项；"), LineClass::ListItem { kind: MarkerKind::Digit, .. }));
        assert!(matches!(class("1. 第一项"), LineClass::ListItem { kind: MarkerKind::Other, .. }));
        assert!(matches!(class("2000年"), LineClass::Text));
    }

    #[test]
    fn annex_headings() {
        let LineClass::Annex { letter, obligation, title, .. } = class("附 录 A（规范性）封装的 XML Schema")
        else {
            panic!()
        };
        assert_eq!(letter, 'A');
        assert!(matches!(obligation, Some((Obligation::Normative, false, _))));
        assert!(title.is_some());
        assert!(matches!(class("附录B"), LineClass::Annex { letter: 'B', obligation: None, title: None, .. }));
        assert!(matches!(class("附录A给出了示例。"), LineClass::Text));
        assert_eq!(
            class("（资料性附录）"),
            LineClass::Obligation { obligation: Obligation::Informative, legacy: true, title: None }
        );
        assert!(matches!(class("附录 A（规范性） 封装的 XML Schema …… 4"), LineClass::TocEntry { .. }));
    }

    #[test]
    fn notes_examples_lists_captions() {
        assert!(matches!(class("注：说明。"), LineClass::Note { number: None, .. }));
        assert!(matches!(class("注 2：说明。"), LineClass::Note { number: Some(2), .. }));
        assert!(matches!(class("示例1：说明。"), LineClass::Example { number: Some(1), .. }));
        assert!(matches!(class("——第一项；"), LineClass::ListItem { kind: MarkerKind::Dash, .. }));
        assert!(matches!(class("a）第一项；"), LineClass::ListItem { kind: MarkerKind::Letter, .. }));
        assert!(matches!(class("- 第一项"), LineClass::ListItem { kind: MarkerKind::Other, .. }));
        assert!(matches!(class("表 1 数据类型"), LineClass::Caption { kind: CaptionKind::Table, .. }));
        assert!(matches!(class("图A.1　流程"), LineClass::Caption { kind: CaptionKind::Figure, .. }));
        assert!(matches!(class("表1给出了数据。"), LineClass::Text));
        assert!(matches!(class("表1给出了数据"), LineClass::Text));
        assert!(matches!(class("图2中安全功能模块属于各子系统"), LineClass::Text));
        assert!(matches!(class("表3应按年度更新"), LineClass::Text));
        assert!(matches!(
            class("表1通用信息包格式定义"),
            LineClass::Caption { kind: CaptionKind::Table, title: Some(_), .. }
        ));
        assert!(matches!(class("表3CI-CI通信的应用层信息定义"), LineClass::Caption { kind: CaptionKind::Table, .. }));
        assert!(!matches!(class("表3所列的服务项目应在合同中约定"), LineClass::Caption { .. }));
        assert!(matches!(class("c ) 网络层"), LineClass::ListItem { kind: MarkerKind::Letter, .. }));
        let LineClass::Numbered { number, .. } = class("5.3.1.3.1CI应对接收到的消息进行检查。") else {
            panic!()
        };
        assert_eq!(number.render(), "5.3.1.3.1");
        assert!(!matches!(class("3.5m以上"), LineClass::Numbered { .. }), "{:?}", class("3.5m以上"));
        assert!(matches!(class("前言 …… III"), LineClass::TocEntry { .. }));
    }

    fn toc(line: &str) -> Vec<(&str, Option<&str>)> {
        toc_entries(line, 0)
            .into_iter()
            .map(|(t, p)| (&line[t.start..t.end], p.map(|p| &line[p.start..p.end])))
            .collect()
    }

    #[test]
    fn toc_lines_lose_leaders_and_page_numbers() {
        assert_eq!(toc("前言 .."), vec![("前言", None)]);
        assert_eq!(toc("前言 …… III    "), vec![("前言", Some("III"))]);
        assert_eq!(toc("4 缩略语 .. 2"), vec![("4 缩略语", Some("2"))]);
        assert_eq!(toc("7.2 获取区块链网络信息的接口 5"), vec![("7.2 获取区块链网络信息的接口", Some("5"))]);
        assert_eq!(toc("附录 B（资料性）数据头参考示例 .. .8"), vec![("附录 B（资料性）数据头参考示例", Some("8"))]);
        assert_eq!(toc("附录A（规范性） 指导文件\t31"), vec![("附录A（规范性） 指导文件", Some("31"))]);
        assert_eq!(toc("目次\tⅠ"), vec![("目次", Some("Ⅰ"))]);
        assert_eq!(toc("3.1术语…"), vec![("3.1术语", None)]);
        assert_eq!(toc("前言 VⅢ引言 IX"), vec![("前言", Some("VⅢ")), ("引言", Some("IX"))]);
        // A number inside the title is not a page.
        assert_eq!(toc("5.2 第2阶段"), vec![("5.2 第2阶段", None)]);
        assert_eq!(toc("5CI-CI通信接口报文规范 3"), vec![("5CI-CI通信接口报文规范", Some("3"))]);
        assert_eq!(class("[来源：GB/T 20000.1—2014，5.2]"), LineClass::TermSource);
        assert_eq!(class("[GB/T 12345—2010，定义2.1]"), LineClass::TermSource);
        assert!(matches!(class("[1] GB/T 12345—2010 定义"), LineClass::Text | LineClass::ListItem { .. }));
        assert!(matches!(class("S = N / T × 100%    (1)"), LineClass::Formula { .. }));
        assert!(matches!(class("$$ p = \\frac{a}{b} $$ (A.1)"), LineClass::Formula { .. }));
        assert!(matches!(class("服务次数（1）"), LineClass::Text | LineClass::ListItem { .. }));
    }

    #[test]
    fn captions_in_every_form() {
        let form = |line: &str| match class(line) {
            LineClass::Caption { form, .. } => Some(form),
            _ => None,
        };
        assert_eq!(form("表 1 数据类型"), Some(CaptionForm::Spaced));
        assert_eq!(form("表1通用信息包格式定义"), Some(CaptionForm::Joined));
        assert_eq!(form("表2应用层信息格式定义"), Some(CaptionForm::Joined), "应用 is no modal verb");
        assert_eq!(form("表3CI-CI通信的应用层信息定义"), Some(CaptionForm::Joined));
        for (line, mark) in
            [("表2：设施", "："), ("表2-设施", "-"), ("表3. 设备", "."), ("图1：流程", "："), ("图A.2—布局", "—")]
        {
            let Some(CaptionForm::Punctuated { separator }) = form(line) else { panic!("{line}: {:?}", class(line)) };
            assert_eq!(line.get(separator.start..separator.end), Some(mark), "{line}");
        }
        // Chapter-style numbers, sentences and enumerations are not punctuated captions.
        assert_eq!(form("表2-1 指标"), None);
        assert_eq!(form("表3.2 指标"), None);
        assert_eq!(form("表2—表5规定了限值"), None);
        assert_eq!(form("表1：500"), None);
        assert_eq!(form("图1　Overview of risk assessment/risk reduction in the design"), Some(CaptionForm::Spaced));
        assert_eq!(form("图C.1 gives an example of a typical gelatinization curve."), None);
    }

    #[test]
    fn official_document_numbering() {
        assert_eq!(class("一、服务内容"), LineClass::Foreign);
        assert_eq!(class("（二）生活照料"), LineClass::Foreign);
        assert_eq!(class("第一条 为了规范……"), LineClass::Foreign);
    }
}
