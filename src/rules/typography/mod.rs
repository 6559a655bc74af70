//! TY — typography: punctuation, digits, spacing (GB/T 15834, GB/T 15835; GB/T 1.1-2020 9.4).
//!
//! Typography rules read running text only: paragraphs, list items, notes, examples, term
//! definitions and titles. Code, tables, designations and the mandated sentences (which are
//! already full-width) are not their business.

mod digit_grouping;
mod ellipsis_dash;
mod fullwidth_digits;
mod halfwidth_punctuation;
mod multiplication_sign;
mod quote_marks;
mod repeated_punctuation;
mod space_between_han;
mod unbalanced_brackets;

use crate::model::{BlockKind, Document};
use crate::rules::Rule;
use crate::source::Span;

pub(crate) const RULES: &[&dyn Rule] = &[
    &halfwidth_punctuation::HalfwidthPunctuation,
    &unbalanced_brackets::UnbalancedBrackets,
    &repeated_punctuation::RepeatedPunctuation,
    &fullwidth_digits::FullwidthDigits,
    &quote_marks::QuoteMarks,
    &ellipsis_dash::EllipsisDash,
    &multiplication_sign::MultiplicationSign,
    &space_between_han::SpaceBetweenHan,
    &digit_grouping::DigitGrouping,
];

/// The spans of running text in a document: prose blocks, term definitions and notes, and
/// clause and annex titles. Found once per document: seven rules read them.
pub(crate) fn prose_spans(doc: &Document) -> &[Span] {
    doc.derived.prose_spans.get_or_init(|| find_prose_spans(doc))
}

fn find_prose_spans(doc: &Document) -> Vec<Span> {
    let mut spans = Vec::new();
    for (_, block) in doc.blocks_with_place() {
        match &block.kind {
            BlockKind::Term(entry) => {
                spans.extend(entry.definition.iter().map(|d| d.span));
                spans.extend(entry.notes.iter().map(|n| n.span));
            }
            _ if block.is_prose() => spans.push(block.span),
            _ => {}
        }
    }
    for clause in doc.all_clauses() {
        spans.extend(clause.title.iter().map(|t| t.span));
    }
    for annex in &doc.annexes {
        spans.extend(annex.title.iter().map(|t| t.span));
    }
    spans.sort();
    spans
}

/// A character of CJK text: Han, CJK punctuation, full-width forms.
pub(crate) fn is_cjk(c: char) -> bool {
    crate::read::classify::is_han(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”' | '‘' | '’' | '…' | '—')
}

/// Byte ranges of Latin "islands" (URLs, e-mail addresses, code-like tokens, designations) in
/// which ASCII punctuation is right.
pub(crate) fn latin_islands(text: &str) -> Islands {
    let mut out = Vec::new();
    for d in crate::model::find_designations(text, 0) {
        out.push((d.span.start, d.span.end));
    }
    // Every address below opens with `http` or `www.`.
    if !(text.contains("http") || text.contains("www.")) {
        return Islands::new(out);
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = text.get(i..).unwrap_or_default();
        if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
            let len = rest.find(|c: char| c.is_whitespace() || is_cjk(c)).unwrap_or(rest.len());
            out.push((i, i + len));
            i += len.max(1);
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    Islands::new(out)
}

/// Byte ranges, asked whether one holds an offset in a binary search: a paragraph may hold
/// thousands of designations and as many marks, and walking every range for every mark was
/// quadratic in the paragraph.
pub(crate) struct Islands {
    /// By start.
    ranges: Vec<(usize, usize)>,
    /// The furthest end among the ranges up to each one (ranges may overlap: a URL that holds
    /// a designation).
    reach: Vec<usize>,
}

impl Islands {
    fn new(mut ranges: Vec<(usize, usize)>) -> Self {
        ranges.sort_unstable();
        let reach = ranges
            .iter()
            .scan(0, |furthest, &(_, end)| {
                *furthest = end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Islands { ranges, reach }
    }

    /// Whether a range holds `at`: among those that start at or before it, the furthest
    /// reaching ends after it.
    pub(crate) fn contains(&self, at: usize) -> bool {
        let opened = self.ranges.partition_point(|&(start, _)| start <= at);
        opened.checked_sub(1).and_then(|last| self.reach.get(last)).is_some_and(|&end| at < end)
    }
}

/// Byte offsets of the `)` / `）` of item labels in `text` (`a)坐标系统`, `满足b)的要求`,
/// `1）助餐；2）助浴`): list syntax, not punctuation, so no typography rule reads them as a
/// parenthesis and no fix rewrites them. A label is one lowercase letter or one or two digits
/// standing alone (not glued to a letter, digit, dot or opening bracket), and its `)` closes
/// no waiting parenthesis: in `（见表1）` the `）` closes a bracket; a half-width `a)` inside
/// `（包括a)和b)）` is still a label.
pub(crate) fn item_label_closers(text: &str) -> Vec<usize> {
    let (mut open_half, mut open_full) = (0usize, 0usize);
    let mut out = Vec::new();
    // Only a closing parenthesis is ever a label's.
    // Each closer looked for alone: a search per character passes over a paragraph faster than
    // decoding every character to compare it with both.
    if memchr::memchr(b')', text.as_bytes()).is_none() && !text.contains('）') {
        return out;
    }
    // The three characters before the current one, nearest first.
    let mut before: [Option<char>; 3] = [None; 3];
    for (at, c) in text.char_indices() {
        match c {
            '(' => open_half += 1,
            '（' => open_full += 1,
            ')' | '）' => {
                let label = match label_before(before) {
                    Some(Label::Letter) if c == ')' => open_half == 0,
                    Some(_) => open_half == 0 && open_full == 0,
                    None => false,
                };
                // Full- and half-width parentheses close each other, as in TY002.
                let (same, other) =
                    if c == ')' { (&mut open_half, &mut open_full) } else { (&mut open_full, &mut open_half) };
                if label {
                    out.push(at);
                } else if *same > 0 {
                    *same -= 1;
                } else {
                    *other = other.saturating_sub(1);
                }
            }
            _ => {}
        }
        before = [Some(c), before[0], before[1]];
    }
    out
}

#[derive(Clone, Copy)]
enum Label {
    Letter,
    Digits,
}

/// The label that the characters before a `)` end with, if they end with one.
fn label_before(before: [Option<char>; 3]) -> Option<Label> {
    let glued = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '(' | '（' | '[' | '［' | '.' | '．' | '_'))
    };
    match before {
        [Some(l), b, _] if l.is_ascii_lowercase() && !glued(b) => Some(Label::Letter),
        [Some(d), Some(d2), b] if d.is_ascii_digit() && d2.is_ascii_digit() && !glued(b) => Some(Label::Digits),
        [Some(d), b, _] if d.is_ascii_digit() && !glued(b) => Some(Label::Digits),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::item_label_closers;

    #[test]
    fn item_labels_are_not_parentheses() {
        assert_eq!(item_label_closers("a)坐标系统").len(), 1);
        assert_eq!(item_label_closers("应满足b)的要求，并符合a)、b)的规定。").len(), 3);
        assert_eq!(item_label_closers("服务项目包括1）助餐；2）助浴；12）助洁。").len(), 3);
        assert_eq!(item_label_closers("（包括a)和b)）").len(), 2);
        for bracket in ["（见表1）", "（1）生活照料", "(a)", "f(x)", "版本v1)", "见3.1)", "（见表1)"] {
            assert!(item_label_closers(bracket).is_empty(), "{bracket}");
        }
    }
}
