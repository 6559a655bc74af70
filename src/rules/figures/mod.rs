//! FT — figures, tables, formulas (GB/T 1.1-2020 9.7–9.9).

mod figure_caption;
mod figure_not_cited;
mod figure_sequence;
mod formula_sequence;
mod formula_where;
mod table_caption;
mod table_not_cited;
mod table_sequence;

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Message;
use crate::model::{Block, BlockKind, CaptionKind, Document, Place, Text};
use crate::rules::references::scan::{fold_label, toc_region};
use crate::rules::{Context, Rule};
use crate::source::Span;

pub(crate) const RULES: &[&dyn Rule] = &[
    &figure_sequence::FigureSequence,
    &figure_not_cited::FigureNotCited,
    &table_sequence::TableSequence,
    &table_not_cited::TableNotCited,
    &formula_sequence::FormulaSequence,
    &figure_caption::FigureCaption,
    &table_caption::TableCaption,
    &formula_where::FormulaWhere,
];

/// A figure or table caption with where it stands.
#[derive(Debug, Clone)]
struct Caption<'a> {
    block: &'a Block,
    kind: CaptionKind,
    number: &'a Text,
    title: Option<&'a Text>,
    /// The annex it stands in; `None` in the body.
    annex: Option<char>,
    /// `表1（续）`: a continuation, not a new table.
    continued: bool,
    /// The folded number: `3`, `A.1`.
    label: String,
}

static CONTINUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]\s*续\s*[)）]").unwrap_or_else(|e| panic!("continued regex: {e}")));

/// Captions of the body (introduction included) and the annexes, in document order.
fn captions(doc: &Document) -> Vec<Caption<'_>> {
    let mut out = Vec::new();
    for (place, block) in doc.blocks_with_place() {
        let BlockKind::Caption { kind, number, title } = &block.kind else { continue };
        let annex = match place {
            Place::Foreword | Place::Bibliography => continue,
            Place::Annex(a) => Some(a.letter),
            _ => None,
        };
        out.push(Caption {
            block,
            kind: *kind,
            number,
            title: title.as_ref(),
            annex,
            continued: CONTINUED.is_match(doc.text(block.span)),
            label: fold_label(&number.text),
        });
    }
    out
}

/// `A.3` → (Some('A'), 3); `3` → (None, 3).
fn split_label(label: &str) -> (Option<char>, Option<u32>) {
    match label.split_once('.') {
        Some((letter, n)) => (letter.chars().next().filter(char::is_ascii_uppercase), n.parse().ok()),
        None => (None, label.parse().ok()),
    }
}

static MENTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(图|表)[\s\u{3000}]*([A-Z][.．][\s\u{3000}]?[0-9]+|[0-9]+)")
        .unwrap_or_else(|e| panic!("mention regex: {e}"))
});

/// The end of a range citation right after a mention: `～图3` in `见图1～图3`, `至表A.4`.
static RANGE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\u{3000}]*(?:～|~|至|—|－|–)[\s\u{3000}]*(?:图|表)?[\s\u{3000}]*([A-Z][.．][\s\u{3000}]?[0-9]+|[0-9]+)",
    )
    .unwrap_or_else(|e| panic!("range regex: {e}"))
});

/// Words that end in 图 or 表 without naming a figure or table: `代表1名家属`, `地图2份`.
const NOT_A_MENTION: &[&str] =
    &["代表", "列表", "发表", "仪表", "电表", "水表", "手表", "外表", "地图", "意图", "试图", "企图", "蓝图"];

/// The labels a range citation covers beyond its first one: `1`, `3` → `2`, `3`;
/// `A.1`, `A.3` → `A.2`, `A.3`. Nothing for a reversed, mixed or implausibly long range.
fn range_labels(first: &str, last: &str) -> Vec<String> {
    let (l1, n1) = split_label(first);
    let (l2, n2) = split_label(last);
    let (Some(n1), Some(n2)) = (n1, n2) else { return Vec::new() };
    if l1 != l2 || n2 <= n1 || n2 - n1 > 50 {
        return Vec::new();
    }
    (n1 + 1..=n2).map(|k| l1.map_or_else(|| k.to_string(), |l| format!("{l}.{k}"))).collect()
}

/// `图N` / `表N` written anywhere but in a caption, the cover or the 目次: (kind, label, span).
/// A range (`见图1～图3`) mentions every number it spans.
fn mentions(doc: &Document) -> Vec<(CaptionKind, String, Span)> {
    let text = doc.source.text.as_str();
    let mut skip: Vec<Span> = captions(doc).iter().map(|c| c.block.span).collect();
    skip.extend(doc.meta.cover);
    skip.extend(toc_region(doc));
    let mut out = Vec::new();
    for caps in MENTION.captures_iter(text) {
        let (Some(whole), Some(word), Some(number)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        // 表1.2 and 图10: the number goes on.
        let rest = text.get(whole.end()..).unwrap_or_default();
        let mut rest_chars = rest.chars();
        let next = rest_chars.next();
        if next.is_some_and(|c| c.is_ascii_digit())
            || (matches!(next, Some('.' | '．')) && rest_chars.next().is_some_and(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let span = Span::new(whole.start(), whole.end());
        if skip.iter().any(|s| s.start <= span.start && span.start < s.end) {
            continue;
        }
        let before = text.get(..whole.start()).and_then(|s| s.chars().next_back());
        if before.is_some_and(|c| NOT_A_MENTION.iter().any(|w| w.starts_with(c) && w.ends_with(word.as_str()))) {
            continue;
        }
        let kind = if word.as_str() == "图" { CaptionKind::Figure } else { CaptionKind::Table };
        let label = fold_label(number.as_str());
        if let Some(last) = RANGE_END.captures(rest).and_then(|c| c.get(1)) {
            for covered in range_labels(&label, &fold_label(last.as_str())) {
                out.push((kind, covered, span));
            }
        }
        out.push((kind, label, span));
    }
    out
}

static CHAPTER_STYLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(图|表)[\s\u{3000}]*([0-9]+[-－—.．][0-9]+)(?:[\s\u{3000}]+\S.{0,40})?$")
        .unwrap_or_else(|e| panic!("chapter-style caption regex: {e}"))
});

/// Paragraphs that are captions numbered by chapter (`图4-1 流程`, `表3.2 指标`), which the
/// reader does not take for captions.
fn chapter_style_captions(doc: &Document, kind: CaptionKind) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for (place, block) in doc.blocks_with_place() {
        if matches!(place, Place::Foreword | Place::Bibliography) || !matches!(block.kind, BlockKind::Paragraph) {
            continue;
        }
        let text = doc.text(block.span);
        if text.contains('。') {
            continue;
        }
        let Some(caps) = CHAPTER_STYLE.captures(text) else { continue };
        let (Some(word), Some(number)) = (caps.get(1), caps.get(2)) else { continue };
        let is_kind = (word.as_str() == "图") == (kind == CaptionKind::Figure);
        if is_kind {
            out.push((block.span.sub(0, number.end()), format!("{}{}", word.as_str(), number.as_str())));
        }
    }
    out
}

/// Checks that the captions of `kind` run 1, 2, 3 … in the body and X.1, X.2 … in each annex.
fn check_sequence(ctx: &mut Context<'_>, kind: CaptionKind) {
    let doc = ctx.doc;
    let (word, en) = match kind {
        CaptionKind::Figure => ("图", "figure"),
        CaptionKind::Table => ("表", "table"),
    };
    let mut expected: Option<(Option<char>, u32)> = None;
    for caption in captions(doc).into_iter().filter(|c| c.kind == kind && !c.continued) {
        let (letter, n) = split_label(&caption.label);
        let Some(n) = n else { continue };
        // Letters inside annexes are AX004's; a lettered number in the body is reported here.
        if caption.annex.is_some() && letter != caption.annex {
            continue;
        }
        if caption.annex.is_none() && letter.is_some() {
            ctx.report_with_help(
                caption.number.span,
                Message::new(
                    format!("正文中的{word}编号“{word}{}”带有附录字母", caption.label),
                    format!("{en} “{}” in the body carries an annex letter", caption.label),
                ),
                Message::new(
                    format!("正文中的{word}编号为{word}1、{word}2……"),
                    format!("body {en}s are numbered 1, 2 …"),
                ),
            );
            continue;
        }
        let next = match expected {
            Some((scope, last)) if scope == caption.annex => last + 1,
            _ => 1,
        };
        if n != next {
            let label = |k: u32| match caption.annex {
                Some(a) => format!("{word}{a}.{k}"),
                None => format!("{word}{k}"),
            };
            let (zh, en_msg) = if n + 1 == next {
                (format!("{}重复", label(n)), format!("{} is numbered twice", label(n)))
            } else {
                (
                    format!("{}编号不连续，按其位置应为{}", label(n), label(next)),
                    format!("{} breaks the sequence; by its position it is {}", label(n), label(next)),
                )
            };
            ctx.report_with_help(
                caption.number.span,
                Message::new(zh, en_msg),
                Message::new(
                    format!("改为“{}”，并修改相应的提及", label(next)),
                    format!("number it {} and update the citations", label(next)),
                ),
            );
        }
        expected = Some((caption.annex, n));
    }
    for (span, found) in chapter_style_captions(doc, kind) {
        ctx.report_with_help(
            span,
            Message::new(
                format!("“{found}”按章编号；{word}编号在全文连续编排，不分章"),
                format!("“{found}” is numbered by chapter; {en}s are numbered through the whole document"),
            ),
            Message::new(
                format!("改为{word}1、{word}2……（附录中为{word}A.1）"),
                format!("number them 1, 2 … ({word}A.1 in annexes)"),
            ),
        );
    }
}

/// Reports every caption of `kind` whose number is never mentioned outside the caption.
fn check_cited(ctx: &mut Context<'_>, kind: CaptionKind) {
    let doc = ctx.doc;
    let (word, en) = match kind {
        CaptionKind::Figure => ("图", "figure"),
        CaptionKind::Table => ("表", "table"),
    };
    let all = mentions(doc);
    let mut seen: Vec<String> = Vec::new();
    for caption in captions(doc).into_iter().filter(|c| c.kind == kind && !c.continued) {
        if seen.contains(&caption.label) {
            continue;
        }
        seen.push(caption.label.clone());
        if all.iter().any(|(k, label, _)| *k == kind && *label == caption.label) {
            continue;
        }
        ctx.report_with_help(
            caption.number.span,
            Message::new(
                format!("{word}{}在正文中没有被提及", caption.label),
                format!("{en} {} is not referred to in the text", caption.label),
            ),
            Message::new(
                format!(
                    "在相关条款中提及“{word}{}”，如“……见{word}{}”或“……应符合{word}{}的规定”",
                    caption.label, caption.label, caption.label
                ),
                format!("refer to it where it applies, e.g. “……见{word}{}”", caption.label),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_the_numbers_between() {
        assert_eq!(range_labels("1", "3"), vec!["2", "3"]);
        assert_eq!(range_labels("A.1", "A.3"), vec!["A.2", "A.3"]);
        assert!(range_labels("3", "1").is_empty());
        assert!(range_labels("A.1", "B.2").is_empty());
        assert!(range_labels("1", "A.2").is_empty());
    }

    #[test]
    fn range_end_after_a_mention() {
        let end = |s: &str| RANGE_END.captures(s).and_then(|c| c.get(1)).map(|m| m.as_str().to_owned());
        assert_eq!(end("～图3所示"), Some("3".to_owned()));
        assert_eq!(end("至表A.4的规定"), Some("A.4".to_owned()));
        assert_eq!(end("~3"), Some("3".to_owned()));
        assert_eq!(end("的规定"), None);
    }
}
