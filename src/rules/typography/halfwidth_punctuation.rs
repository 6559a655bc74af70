use super::{is_cjk, item_label_closers, latin_islands, prose_spans};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Half-width punctuation `, . ; : ? ! ( )` inside Chinese text, where GB/T 15834 uses the
    /// full-width forms ，。；：？！（）.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.1: “文件中使用的汉字应为规范汉字，使用的标点符号应符合GB/T 15834的规定。” A
    /// half-width comma or colon between Chinese characters is the most frequent slip of drafts
    /// typed with an English input method. Latin text, numbers (1.5, 3:1), designations
    /// (ISO 8601-1:2019) and URLs keep their ASCII punctuation, and so does a parenthesis that
    /// encloses Latin text inside a Latin run (`（见ISO 9001 (Third Edition)）`). Item labels —
    /// `a)` `1)` at the head of an item, glued to its text or not, and item references in running
    /// text (`满足b)的要求`) — are list syntax, not punctuation, and are never rewritten. Which text
    /// counts as Chinese is this checker's reading of GB/T 15834, so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 服务机构应建立投诉渠道,并公开投诉电话(含夜间值班电话).
    /// ```
    /// ## Good
    /// ```text
    /// 服务机构应建立投诉渠道，并公开投诉电话（含夜间值班电话）。
    /// ```
    pub struct HalfwidthPunctuation {
        code: "TY001",
        name: "halfwidth-punctuation",
        family: Typography,
        severity: Warning,
        clause: "9.4.1",
        summary: ", . ; : ? ! ( ) in Chinese text → full width (fixable)",
        repeats: Collapse,
        fixable: true,
    }
}

/// The full-width form of a half-width mark.
pub fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        '.' => '。',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// A character of Chinese text, not one of the quotation marks English text shares.
fn is_chinese(c: char) -> bool {
    is_cjk(c) && !matches!(c, '“' | '”' | '‘' | '’')
}

/// What an ASCII `(` opens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paren {
    /// `CHAR(长度)`, `f(x)`: glued to a name.
    Notation,
    /// Opened in a Latin run: `ISO 9001 (Third Edition)`.
    Latin,
    /// Next to Chinese text.
    Chinese,
}

/// Whether `bytes` hold a mark that [`find`] may report: a parenthesis, or another mark that
/// does not stand between two digits. Every mark is ASCII punctuation outside the digits
/// (21–2F or 3A–3F): each block of bytes is asked that first, in two range tests the compiler
/// turns into vector code (eight comparisons were the rule's cost), and only a block that holds
/// such a byte is read byte by byte.
fn may_report(bytes: &[u8]) -> bool {
    let near_mark = |b: u8| (b.wrapping_sub(0x21) < 0x0F) | (b.wrapping_sub(0x3A) < 6);
    let is_mark = |b: u8| matches!(b, b'(' | b')' | b'.' | b',' | b':' | b';' | b'?' | b'!');
    let digit_at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    let lanes = crate::source::scan::LANES;
    bytes.chunks(lanes).enumerate().any(|(block, chunk)| {
        chunk.iter().fold(0u8, |any, &b| any | u8::from(near_mark(b))) != 0
            && chunk.iter().enumerate().any(|(i, &b)| {
                let at = block * lanes + i;
                is_mark(b) && (matches!(b, b'(' | b')') || !(digit_at(at.checked_sub(1)) && digit_at(Some(at + 1))))
            })
    })
}

/// The first bytes of what [`find`] acts on: the half-width marks, and 0xEF, which opens the
/// full-width （ and ） (and other full-width forms, told apart once decoded).
static OPENS_EVENT: [bool; 256] = crate::source::scan::first_bytes_of(&['(', ')', '.', ',', ':', ';', '?', '!', '（']);

/// Half-width marks in Chinese context within `text`: byte offset and the mark.
pub fn find(text: &str) -> Vec<(usize, char)> {
    // Only a mark with a full-width form is ever reported, and never a . , : ; ? or ! between
    // two digits (1.5, 3:1, 1,000 — see the match at the end): a paragraph with no other
    // mark is passed over before the characters are decoded.
    if !may_report(text.as_bytes()) {
        return Vec::new();
    }
    let islands = latin_islands(text);
    let labels = item_label_closers(text);
    let mut out = Vec::new();
    // `CHAR(长度)` and `f(x)` are notation, `ISO 9001 (Third Edition)` Latin text: such a
    // parenthesis stays ASCII, and so does its partner when it encloses no Chinese. Each open
    // one keeps how many Chinese characters came before it: whether a pair encloses Chinese is
    // then one comparison, however deep the pairs nest.
    let mut open_parens: Vec<(Paren, usize)> = Vec::new();
    // The Chinese characters before `counted_to`, counted only as far as a parenthesis needs:
    // the walk goes from one mark to the next, and most paragraphs open no parenthesis.
    let mut cjk_seen = 0usize;
    let mut counted_to = 0usize;
    let mut count_to = |at: usize| {
        cjk_seen += text.get(counted_to..at).unwrap_or_default().chars().filter(|&c| is_chinese(c)).count();
        counted_to = counted_to.max(at);
        cjk_seen
    };
    // Full-width brackets glued to a name (`DECIMAL（长度,小数点）`) hold notation too: the
    // arguments' separators inside are the notation's.
    let mut notation_wide: Vec<bool> = Vec::new();
    for (at, c) in crate::source::scan::chars_opening_with(text, &OPENS_EVENT) {
        let earlier = text.get(..at).unwrap_or_default();
        let before = earlier.chars().next_back();
        match c {
            '（' => notation_wide.push(before.is_some_and(|b| b.is_ascii_alphanumeric())),
            '）' => {
                notation_wide.pop();
            }
            _ => {}
        }
        if full_width(c).is_none() || islands.contains(at) || labels.binary_search(&at).is_ok() {
            continue;
        }
        if matches!(c, ',' | ':' | ';') && notation_wide.last() == Some(&true) {
            continue;
        }
        let later = text.get(at + c.len_utf8()..).unwrap_or_default();
        let after = later.chars().next();
        if c == '(' {
            // ‘ ’ “ ” stand in English text too, and a space may stand between a Chinese word
            // and its parenthesis (定义 (Model Based Definition)): the language is that of the
            // text beyond them.
            let beyond_quotes = |side: &mut dyn Iterator<Item = char>| {
                side.take(3).find(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '‘' | '’'))
            };
            let chinese_before = beyond_quotes(&mut earlier.chars().rev());
            let chinese_after = beyond_quotes(&mut later.chars());
            let paren = if before.is_some_and(|b| b.is_ascii_alphanumeric()) {
                Paren::Notation
            } else if chinese_before.is_some_and(is_chinese) || chinese_after.is_some_and(is_chinese) {
                Paren::Chinese
            } else {
                Paren::Latin
            };
            open_parens.push((paren, count_to(at)));
            if paren != Paren::Chinese {
                continue;
            }
        }
        let mut closes_chinese = false;
        if c == ')' {
            match open_parens.pop() {
                Some((Paren::Notation, _)) => continue,
                Some((Paren::Chinese, _)) => closes_chinese = true,
                Some((Paren::Latin, cjk_before_open)) if count_to(at) <= cjk_before_open => continue,
                _ => {}
            }
        }
        // What a full stop follows: the last character before any closing marks. Looked for
        // only for a full stop: for every mark, a run of closing marks was read back once each.
        let chinese_before = if c == '.' {
            earlier.chars().rev().find(|c| !matches!(c, ')' | '）' | '”' | '’' | '》')).is_some_and(is_cjk)
        } else {
            before.is_some_and(is_cjk)
        };
        let chinese_after = after.is_some_and(is_cjk);
        let hit = match c {
            // 1.5 and 3.14 are numbers; a full stop is a full stop only after Chinese text.
            '.' => chinese_before && after.is_none_or(|a| a.is_whitespace() || is_cjk(a)),
            ':' | ',' | ';' | '?' | '!' => {
                let numeric = before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit());
                !numeric && (chinese_before || chinese_after)
            }
            // Only a parenthesis opened in Chinese text gets this far.
            '(' => true,
            ')' => closes_chinese || chinese_before || chinese_after,
            _ => false,
        };
        if hit {
            out.push((at, c));
        }
    }
    out
}

impl Rule for HalfwidthPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            for (at, c) in find(text) {
                let full = full_width(c).unwrap_or(c);
                ctx.report_fixable(
                    Span::new(span.start + at, span.start + at + c.len_utf8()),
                    Message::new(
                        format!("中文文本中使用了半角标点“{c}”，应使用全角“{full}”"),
                        format!("half-width “{c}” in Chinese text; GB/T 15834 uses the full-width “{full}”"),
                    ),
                    Message::new(format!("改为“{full}”"), format!("write “{full}”")),
                    full.to_string(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Paren, find, full_width, is_chinese, may_report};
    use crate::rules::typography::{is_cjk, item_label_closers, latin_islands};

    /// The walk over every character that [`find`] replaced, kept to check it against.
    fn find_by_chars(text: &str) -> Vec<(usize, char)> {
        // Only a mark with a full-width form is ever reported, and never a . , : ; ? or ! between
        // two digits (1.5, 3:1, 1,000 — see the match at the end): a paragraph with no other
        // mark is passed over before the characters are decoded.
        if !may_report(text.as_bytes()) {
            return Vec::new();
        }
        let islands = latin_islands(text);
        let labels = item_label_closers(text);
        let mut out = Vec::new();
        // `CHAR(长度)` and `f(x)` are notation, `ISO 9001 (Third Edition)` Latin text: such a
        // parenthesis stays ASCII, and so does its partner when it encloses no Chinese. Each open
        // one keeps how many Chinese characters came before it: whether a pair encloses Chinese is
        // then one comparison, however deep the pairs nest.
        let mut open_parens: Vec<(Paren, usize)> = Vec::new();
        // Chinese characters before the current one.
        let mut cjk_seen = 0usize;
        // Full-width brackets glued to a name (`DECIMAL（长度,小数点）`) hold notation too: the
        // arguments' separators inside are the notation's.
        let mut notation_wide: Vec<bool> = Vec::new();
        let mut last: Option<char> = None;
        for (at, c) in text.char_indices() {
            // What this character leaves for the next one, whatever this one turns out to be.
            let cjk_before = cjk_seen;
            cjk_seen += usize::from(is_chinese(c));
            let before = last.replace(c);
            match c {
                '（' => notation_wide.push(before.is_some_and(|b| b.is_ascii_alphanumeric())),
                '）' => {
                    notation_wide.pop();
                }
                _ => {}
            }
            if full_width(c).is_none() || islands.contains(at) || labels.binary_search(&at).is_ok() {
                continue;
            }
            if matches!(c, ',' | ':' | ';') && notation_wide.last() == Some(&true) {
                continue;
            }
            let earlier = text.get(..at).unwrap_or_default();
            let later = text.get(at + c.len_utf8()..).unwrap_or_default();
            let after = later.chars().next();
            if c == '(' {
                // ‘ ’ “ ” stand in English text too, and a space may stand between a Chinese word
                // and its parenthesis (定义 (Model Based Definition)): the language is that of the
                // text beyond them.
                let beyond_quotes = |side: &mut dyn Iterator<Item = char>| {
                    side.take(3).find(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '‘' | '’'))
                };
                let chinese_before = beyond_quotes(&mut earlier.chars().rev());
                let chinese_after = beyond_quotes(&mut later.chars());
                let paren = if before.is_some_and(|b| b.is_ascii_alphanumeric()) {
                    Paren::Notation
                } else if chinese_before.is_some_and(is_chinese) || chinese_after.is_some_and(is_chinese) {
                    Paren::Chinese
                } else {
                    Paren::Latin
                };
                open_parens.push((paren, cjk_before));
                if paren != Paren::Chinese {
                    continue;
                }
            }
            let mut closes_chinese = false;
            if c == ')' {
                match open_parens.pop() {
                    Some((Paren::Notation, _)) => continue,
                    Some((Paren::Chinese, _)) => closes_chinese = true,
                    Some((Paren::Latin, cjk_before_open)) if cjk_before <= cjk_before_open => continue,
                    _ => {}
                }
            }
            // What a full stop follows: the last character before any closing marks.
            let before_closers = earlier.chars().rev().find(|c| !matches!(c, ')' | '）' | '”' | '’' | '》'));
            let chinese_before = if c == '.' { before_closers.is_some_and(is_cjk) } else { before.is_some_and(is_cjk) };
            let chinese_after = after.is_some_and(is_cjk);
            let hit = match c {
                // 1.5 and 3.14 are numbers; a full stop is a full stop only after Chinese text.
                '.' => chinese_before && after.is_none_or(|a| a.is_whitespace() || is_cjk(a)),
                ':' | ',' | ';' | '?' | '!' => {
                    let numeric =
                        before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit());
                    !numeric && (chinese_before || chinese_after)
                }
                // Only a parenthesis opened in Chinese text gets this far.
                '(' => true,
                ')' => closes_chinese || chinese_before || chinese_after,
                _ => false,
            };
            if hit {
                out.push((at, c));
            }
        }
        out
    }

    #[test]
    fn the_walk_from_mark_to_mark_finds_what_the_walk_over_every_character_found() {
        const PIECES: &[&str] = &[
            "(",
            ")",
            "（",
            "）",
            ".",
            ",",
            ":",
            ";",
            "?",
            "!",
            "中文",
            "文",
            "a",
            "CHAR",
            "ISO 9001",
            "GB/T 1.1",
            "1",
            "2.5",
            " ",
            "“",
            "”",
            "‘",
            "’",
            "，",
            "。",
            "—",
            "b)",
            "https://a.b/c",
            "Ｘ",
        ];
        let mut found = 0;
        for text in crate::model::generated_texts(0x9b05_688c_2b3e_6c1f, PIECES, 12).take(40_000) {
            let expected = find_by_chars(&text);
            assert_eq!(find(&text), expected, "{text:?}");
            found += expected.len();
        }
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn the_blockwise_prefilter_answers_as_a_byte_walk_does() {
        let byte_walk = |bytes: &[u8]| {
            let digit_at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
            bytes.iter().enumerate().any(|(i, &b)| match b {
                b'(' | b')' => true,
                b'.' | b',' | b':' | b';' | b'?' | b'!' => !(digit_at(i.checked_sub(1)) && digit_at(Some(i + 1))),
                _ => false,
            })
        };
        // Mostly marks between digits, which the prefilter passes over; a few that count.
        const PIECES: &[&str] = &[
            "1", "23", "1.5", "3:1", "1,000", "2;3", "5.", ".6", "文字", "中文", "a", " ", "，", "。", "(", ")", "!",
            "?",
        ];
        let mut reported = 0;
        for text in crate::model::generated_texts(0x3c6e_f372_fe94_f82b, PIECES, 6).take(20_000) {
            let expected = byte_walk(text.as_bytes());
            assert_eq!(may_report(text.as_bytes()), expected, "{text:?}");
            reported += usize::from(expected);
        }
        assert!((2_000..18_000).contains(&reported), "{reported}");
    }

    #[test]
    fn finds_marks_in_chinese_context_only() {
        let marks: Vec<char> = find("投诉渠道,并公开电话(含值班).").into_iter().map(|(_, c)| c).collect();
        assert_eq!(marks, vec![',', '(', ')', '.']);
        assert!(find("比例为3:1，长度1.5 m，符合ISO 8601-1:2019，见 https://a.b/c?d=1。").is_empty());
        assert!(find("Quality Inspection (QI), version 2.").is_empty());
    }

    #[test]
    fn item_labels_and_latin_runs_keep_ascii() {
        assert!(find("a)坐标系统；").is_empty());
        assert!(find("应满足b)的要求，并符合a)、b)的规定。").is_empty());
        assert!(find("（见ISO 9001 (Third Edition)）").is_empty());
        assert!(find("数据类型为CHAR(长度)。").is_empty());
        assert!(find("数据类型应为DECIMAL（长度,小数点）。").is_empty());
        let marks: Vec<char> = find("委员会(SAC/TC 527)归口，参见(含附录)。").into_iter().map(|(_, c)| c).collect();
        assert_eq!(marks, vec!['(', ')', '(', ')']);
        assert_eq!(find("应符合要求(见4.1)").len(), 2);
        assert!(find("the minute (‘58’ with a negative leap second).").is_empty());
        assert_eq!(find("称为(“甲方”)。").len(), 2);
        assert_eq!(find("基于模型的定义 (Model Based Definition)。").len(), 2);
    }
}
