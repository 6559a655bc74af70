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
use crate::hash::{HashMap, HashSet};
use crate::model::{Block, BlockKind, CaptionForm, CaptionKind, Document, Format, Place, TargetKind, Text};
use crate::rules::references::scan::fold_label;
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
pub(crate) struct Caption<'a> {
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
    form: CaptionForm,
}

static CONTINUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]\s*续\s*[)）]").unwrap_or_else(|e| panic!("continued regex: {e}")));

/// Captions of the body (introduction included) and the annexes, in document order.
/// Read through [`Context::captions`], which keeps them for the run.
pub(crate) fn captions<'a>(blocks: &[(Place<'a>, &'a Block)], doc: &'a Document) -> Vec<Caption<'a>> {
    let mut out = Vec::new();
    for &(place, block) in blocks {
        let BlockKind::Caption { kind, number, title, form } = &block.kind else { continue };
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
            continued: doc.text(block.span).contains('续') && CONTINUED.is_match(doc.text(block.span)),
            label: fold_label(&number.text),
            form: *form,
        });
    }
    out
}

/// Words of the two kinds for messages: (图, figure) or (表, table).
fn words(kind: CaptionKind) -> (&'static str, &'static str) {
    match kind {
        CaptionKind::Figure => ("图", "figure"),
        CaptionKind::Table => ("表", "table"),
    }
}

/// Reports captions of `kind` that put a mark between number and title (`表2：设施`).
pub(super) fn check_caption_form(ctx: &mut Context<'_>, kind: CaptionKind) {
    let (word, en) = words(kind);
    for caption in ctx.captions().iter().filter(|c| c.kind == kind) {
        let CaptionForm::Punctuated { separator } = caption.form else { continue };
        let mark = ctx.text(separator).to_owned();
        let title = caption.title.map_or("", |t| t.text.as_str());
        ctx.report_with_help(
            separator,
            Message::new(
                format!("{word}编号“{word}{}”与{word}题之间用了“{mark}”；编号之后应空一个汉字的间隙接排{word}题", caption.label),
                format!("the {en} number “{word}{}” is joined to its title by “{mark}”; a gap of one Chinese character separates them", caption.label),
            ),
            Message::new(
                format!("改为“{word}{}　{title}”", caption.label),
                format!("write “{word}{}　{title}”", caption.label),
            ),
        );
    }
}

/// A figure or a table that carries no number: the first block of a run of figure (or table)
/// blocks with only white space between them (an image split in parts, a table broken across
/// pages), with no caption of its kind next to it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Uncaptioned {
    span: Span,
    /// The annex it stands in; `None` in the body.
    annex: Option<char>,
}

/// Blocks a figure's caption may stand after: its notes, its key (a list or a table), its
/// footnotes, the formulas of its legend, the titles of its parts.
fn figure_companion(block: &Block) -> bool {
    matches!(
        block.kind,
        BlockKind::Note { .. }
            | BlockKind::ListItem { .. }
            | BlockKind::Paragraph
            | BlockKind::Table
            | BlockKind::Formula { .. }
            | BlockKind::Code
    )
}

/// A table that lays out the symbols of a formula (`式中：`, `where`) or the key of a figure
/// (`说明：`, `Key`) rather than being a table of the document.
fn key_table(doc: &Document, before: Option<&Block>) -> bool {
    before.is_some_and(|b| match b.kind {
        BlockKind::Formula { .. } | BlockKind::Code => true,
        BlockKind::Paragraph => {
            let text = doc.text(b.span).trim().trim_end_matches(['：', ':']);
            matches!(text, "式中" | "说明" | "where" | "Key" | "key")
        }
        _ => false,
    })
}

/// How many such blocks may stand between a figure and its caption.
const MAX_COMPANIONS: usize = 12;

/// A `单位为毫米` line between a table's caption and the table.
fn unit_line(doc: &Document, block: &Block) -> bool {
    let text = doc.text(block.span).trim_start();
    matches!(block.kind, BlockKind::Paragraph) && (text.starts_with("单位") || text.starts_with("（单位"))
}

static IMAGE_WIDTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"width\s*=\s*["']?([0-9]+)\s*(%|px)?"#).unwrap_or_else(|e| panic!("image width regex: {e}"))
});

/// An image a converter drew a symbol or a glyph with (`<img … width="3%">`): no figure.
fn glyph_sized(doc: &Document, block: &Block) -> bool {
    IMAGE_WIDTH.captures(doc.text(block.span)).is_some_and(|c| {
        let n: u32 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(u32::MAX);
        match c.get(2).map(|m| m.as_str()) {
            Some("%") => n < 10,
            _ => n < 48,
        }
    })
}

/// A table of one column — the frame Word draws around a code sample or a boxed note, or an
/// empty table a conversion left — rather than a table of the document.
fn single_column(text: &str) -> bool {
    let first_row = match text.find("</tr>") {
        Some(end) if text.contains("<tr") => text.get(..end).unwrap_or_default(),
        _ => text.lines().next().unwrap_or_default(),
    };
    let cells = if first_row.contains("<tr") {
        first_row.matches("<td").count() + first_row.matches("<th").count()
    } else {
        first_row.trim().trim_matches('|').matches('|').count() + 1
    };
    cells <= 1
}

/// A caption of `kind` with no table below it (or no figure above it): the document lost the link
/// between its captions and its floats (a Word export that appends every table at the end), so
/// a float without a caption beside it says nothing about its number.
fn has_orphan_caption(doc: &Document, blocks: &[&Block], kind: CaptionKind) -> bool {
    let is_caption = |b: &Block| matches!(&b.kind, BlockKind::Caption { kind: k, .. } if *k == kind);
    let float = |b: &&Block| match kind {
        CaptionKind::Table => matches!(b.kind, BlockKind::Table),
        CaptionKind::Figure => matches!(b.kind, BlockKind::Figure),
    };
    // Where the caption's float stands: below it (a table), above it past its key (a figure),
    // or on the wrong side, which FT006/FT007 report for position.
    blocks.iter().enumerate().filter(|(_, b)| is_caption(b)).any(|(k, _)| {
        let mut after = blocks.get(k + 1..).unwrap_or_default().iter().skip_while(|b| unit_line(doc, b));
        let below = after.next().is_some_and(float);
        let above = blocks
            .get(k.saturating_sub(MAX_COMPANIONS + 1)..k)
            .unwrap_or_default()
            .iter()
            .rev()
            .take_while(|b| !matches!(b.kind, BlockKind::Caption { .. }))
            .any(float);
        !below && !above
    })
}

/// Read through [`Context::uncaptioned`], which keeps them for the run.
pub(crate) fn uncaptioned(ctx: &Context<'_>, kind: CaptionKind) -> Vec<Uncaptioned> {
    let doc = ctx.doc;
    // STS marks numbered floats itself (`<fig>`, `<table-wrap>`, numbered by the reader when the
    // file gives no label); a bare `<table>` or `<array>` is meant to carry no number.
    if doc.format == Format::Xml {
        return Vec::new();
    }
    let placed: Vec<(Option<char>, &Block)> = ctx
        .blocks_with_place()
        .iter()
        .copied()
        .filter_map(|(place, b)| match place {
            Place::Foreword | Place::Bibliography => None,
            Place::Annex(a) => Some((Some(a.letter), b)),
            _ => Some((None, b)),
        })
        .collect();
    let blocks: Vec<&Block> = placed.iter().map(|(_, b)| *b).collect();
    let is_float = |b: &Block| match b.kind {
        BlockKind::Figure => !glyph_sized(doc, b),
        BlockKind::Table => !single_column(doc.text(b.span)),
        _ => false,
    };
    if has_orphan_caption(doc, &blocks, kind) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = blocks.get(i) {
        if !is_float(first) {
            i += 1;
            continue;
        }
        // A table drawn inside a figure, a figure in parts, a table broken across pages: one run.
        let mut last = i;
        while let (Some(a), Some(b)) = (blocks.get(last), blocks.get(last + 1)) {
            let between = doc.text(Span::new(a.span.end, b.span.start.max(a.span.end)));
            if !is_float(b) || !between.trim().is_empty() {
                break;
            }
            last += 1;
        }
        let run = blocks.get(i..=last).unwrap_or_default();
        let is_caption = |k: usize| blocks.get(k).is_some_and(|b| matches!(b.kind, BlockKind::Caption { .. }));
        // A caption belongs to the figure above it or to the table below it.
        let figure_above = |k: usize| {
            k.checked_sub(1).and_then(|j| blocks.get(j)).is_some_and(|b| matches!(b.kind, BlockKind::Figure))
        };
        let table_below = |k: usize| blocks.get(k + 1).is_some_and(|b| matches!(b.kind, BlockKind::Table));
        let before = match i.checked_sub(1) {
            Some(k) if blocks.get(k).is_some_and(|b| unit_line(doc, b)) => k.checked_sub(1),
            other => other,
        };
        let companions = if run.iter().any(|b| matches!(b.kind, BlockKind::Figure)) { MAX_COMPANIONS } else { 0 };
        let next = (last + 1..=last + 1 + companions).find(|&k| blocks.get(k).is_none_or(|b| !figure_companion(b)));
        let captioned = before.is_some_and(|k| is_caption(k) && !figure_above(k))
            || next.is_some_and(|k| is_caption(k) && !table_below(k))
            || key_table(doc, i.checked_sub(1).and_then(|k| blocks.get(k)).copied());
        // A run of tables and figures is reported once, as the kind it starts with.
        let starts_as_kind = match kind {
            CaptionKind::Figure => matches!(first.kind, BlockKind::Figure),
            CaptionKind::Table => matches!(first.kind, BlockKind::Table),
        };
        if !captioned && starts_as_kind {
            out.push(Uncaptioned { span: first.span, annex: placed.get(i).and_then(|(a, _)| *a) });
        }
        i = last + 1;
    }
    out
}

/// Reports every figure (or table) that has no number at all.
pub(super) fn check_numbered(ctx: &mut Context<'_>, kind: CaptionKind) {
    let (word, en) = words(kind);
    let (place_zh, place_en) = match kind {
        CaptionKind::Figure => ("之下", "below"),
        CaptionKind::Table => ("之上", "above"),
    };
    for &missing in ctx.uncaptioned(kind) {
        ctx.report_with_help(
            missing.span,
            Message::new(
                format!("这个{word}没有{word}编号；每个{word}均应有编号"),
                format!("this {en} has no number; every {en} is numbered"),
            ),
            Message::new(
                format!("在{word}{place_zh}给出“{word}N　{word}题”"),
                format!("put “{word}N　title” {place_en} the {en}"),
            ),
        );
    }
}

/// `A.3` → (Some('A'), 3); `3` → (None, 3).
fn split_label(label: &str) -> (Option<char>, Option<u32>) {
    match label.split_once('.') {
        Some((letter, n)) => (letter.chars().next().filter(char::is_ascii_uppercase), n.parse().ok()),
        None => (None, label.parse().ok()),
    }
}

/// Tables and figures of this document referred to by number anywhere but in their captions, the
/// cover or the 目次: (kind, label, span). A range (`见图1～图3`) refers to every number it spans.
fn mentions(doc: &Document) -> Vec<(CaptionKind, String, Span)> {
    let mut out = Vec::new();
    for xref in doc.cross_references.iter().filter(|r| !r.is_external()) {
        let kind = match xref.kind {
            TargetKind::Table => CaptionKind::Table,
            TargetKind::Figure => CaptionKind::Figure,
            _ => continue,
        };
        out.extend(xref.labels().into_iter().map(|label| (kind, label, xref.span)));
    }
    out
}

static CHAPTER_STYLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(图|表)[\s\u{3000}]*([0-9]+[-－—.．][0-9]+)(?:[\s\u{3000}]+\S.{0,40})?$")
        .unwrap_or_else(|e| panic!("chapter-style caption regex: {e}"))
});

/// Paragraphs that are captions numbered by chapter (`图4-1 流程`, `表3.2 指标`), which the
/// reader does not take for captions.
fn chapter_style_captions(ctx: &Context<'_>, kind: CaptionKind) -> Vec<(Span, String)> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    for &(place, block) in ctx.blocks_with_place() {
        if matches!(place, Place::Foreword | Place::Bibliography) || !matches!(block.kind, BlockKind::Paragraph) {
            continue;
        }
        let text = doc.text(block.span);
        // The pattern is anchored at 图 or 表.
        if text.contains('。') || !text.starts_with(['图', '表']) {
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
    let (word, en) = words(kind);
    let mut expected: Option<(Option<char>, u32, usize)> = None;
    // Where the figures without a number stand, by annex (None: the body), in order: the
    // ones in a gap are counted by two binary searches, not by a walk of them all per caption.
    let mut unnumbered: HashMap<Option<char>, Vec<usize>> = HashMap::default();
    for u in ctx.uncaptioned(kind) {
        unnumbered.entry(u.annex).or_default().push(u.span.start);
    }
    for starts in unnumbered.values_mut() {
        starts.sort_unstable();
    }
    for caption in ctx.captions().iter().filter(|c| c.kind == kind && !c.continued) {
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
        let (next, since) = match expected {
            Some((scope, last, at)) if scope == caption.annex => (last + 1, at),
            _ => (1, 0),
        };
        // Figures without any number in the gap explain it: they are reported for that.
        let skipped = unnumbered.get(&caption.annex).map_or(0, |starts| {
            let before_caption = starts.partition_point(|&at| at < caption.block.span.start);
            before_caption.saturating_sub(starts.partition_point(|&at| at < since))
        });
        let explained = n > next && usize::try_from(n - next).is_ok_and(|gap| gap == skipped);
        if n != next && !explained {
            let label = |k: u32| match caption.annex {
                Some(a) => format!("{word}{a}.{k}"),
                None => format!("{word}{k}"),
            };
            let (zh, en_msg) = if n + 1 == next {
                (format!("{}重复", label(n)), format!("{} is numbered twice", label(n)))
            } else if n > next && next > 1 {
                let missing = if n == next + 1 { label(next) } else { format!("{}～{}", label(next), label(n - 1)) };
                (
                    format!("缺少{missing}：{}之后是{}", label(next - 1), label(n)),
                    format!("{missing} is missing: {} is followed by {}", label(next - 1), label(n)),
                )
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
        expected = Some((caption.annex, n, caption.block.span.end));
    }
    for (span, found) in chapter_style_captions(ctx, kind) {
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
    let (word, en) = words(kind);
    // Sets, not lists: a document of thousands of figures compared each caption with every
    // other and with every mention.
    let mentioned: HashSet<String> =
        mentions(doc).into_iter().filter(|(k, _, _)| *k == kind).map(|(_, label, _)| label).collect();
    let mut seen: HashSet<&str> = HashSet::default();
    for caption in ctx.captions().iter().filter(|c| c.kind == kind && !c.continued) {
        if !seen.insert(caption.label.as_str()) || mentioned.contains(&caption.label) {
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
    use crate::rules::Rule;
    use crate::rules::references::{run_rule, sample};

    fn messages(rule: &dyn Rule, body: &str) -> Vec<String> {
        run_rule(rule, &sample("", body)).into_iter().map(|d| d.message.en).collect()
    }

    const FIGURE: &str = "流程见图1至图3。\n\n![](a.png)\n\n图1　受理\n\n";

    #[test]
    fn a_missing_number_is_named() {
        let found = messages(&super::figure_sequence::FigureSequence, &format!("{FIGURE}![](c.png)\n\n图3　结案\n"));
        assert_eq!(found, vec!["图2 is missing: 图1 is followed by 图3".to_owned()]);
    }

    #[test]
    fn a_figure_without_a_number_explains_the_gap_once() {
        let body = format!("{FIGURE}![](b.png)\n\n上一幅图为调解。\n\n![](c.png)\n\n图3　结案\n");
        assert!(messages(&super::figure_sequence::FigureSequence, &body).is_empty());
        let captions = messages(&super::figure_caption::FigureCaption, &body);
        assert_eq!(captions, vec!["this figure has no number; every figure is numbered".to_owned()]);
    }

    #[test]
    fn notes_and_footnotes_may_stand_between_a_figure_and_its_caption() {
        let body = "流程见图1。\n\n![](a.png)\n\n注：虚线为可选环节。\n\n$ ^{a} $ 仅适用于集体争议，且应在受理后五个工作日内告知当事人。\n\n图1　流程\n";
        assert!(messages(&super::figure_caption::FigureCaption, body).is_empty());
    }

    #[test]
    fn glyph_sized_images_are_no_figures() {
        let body = "<div style=\"text-align: center;\"><img src=\"dot.jpg\" alt=\"Image\" width=\"3%\" /></div>\n\n场所应整洁。\n";
        assert!(messages(&super::figure_caption::FigureCaption, body).is_empty());
    }

    #[test]
    fn tables_without_a_number_and_split_tables() {
        let table = "| 项目 | 频次 |\n|---|---|\n| 助浴 | 每周1次 |\n";
        let rule = &super::table_caption::TableCaption;
        assert_eq!(messages(rule, &format!("频次如下。\n\n{table}")).len(), 1);
        assert!(messages(rule, "代码如下。\n\n| fn main() {} |\n| --- |\n").is_empty(), "a one-column frame");
        let moved = format!("频次见表1。\n\n表1　频次\n\n助浴每周1次。\n\n{table}");
        assert!(messages(rule, &moved).is_empty(), "a table the export moved away from its caption");
        assert!(messages(rule, &format!("频次见表1。\n\n表1　频次\n\n单位为次\n\n{table}\n{table}")).is_empty());
        let malformed = messages(rule, &format!("频次见表1。\n\n表1：频次\n\n{table}"));
        assert_eq!(malformed.len(), 1);
        assert!(malformed.iter().all(|m| m.contains("“：”")));
    }

    #[test]
    fn sts_formulas_are_numbered_in_sequence() {
        let xml = r#"<standard><front><std-meta><std-ident><originator>GB/T</originator><doc-number>1</doc-number><version>2025</version></std-ident></std-meta></front><body>
            <sec><label>1</label><title>范围</title><p>本文件规定了计算方法。</p></sec>
            <sec><label>2</label><title>计算</title>
              <p>满意率按公式(1)计算：</p><disp-formula><label>(1)</label>S=N/T</disp-formula>
              <p>回访率按公式(3)计算：</p><disp-formula><label>(3)</label>R=H/T</disp-formula></sec>
            </body></standard>"#;
        let (doc, _) = crate::read::read_document(std::path::Path::new("t.xml"), xml.as_bytes())
            .unwrap_or_else(|e| panic!("sts document: {e:?}"));
        let profile = crate::profile::Profile::detect(&doc).unwrap_or_else(|e| panic!("profile: {e:?}"));
        let rule = &super::formula_sequence::FormulaSequence;
        let index = crate::rules::RunIndex::default();
        let mut ctx = crate::rules::Context::new(&doc, &profile, &index);
        ctx.enter(rule.meta(), rule.meta().severity);
        rule.check(&mut ctx);
        let found: Vec<String> = ctx.into_diagnostics().into_iter().map(|d| d.message.en).collect();
        assert_eq!(found, vec!["formula number (3) breaks the sequence; by its position it is (2)".to_owned()]);
    }
}
