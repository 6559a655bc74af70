use crate::hash::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{Item, is_clause_number};
use crate::diagnostic::Message;
use crate::model::{BlockKind, Format, MarkerKind};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// List items are marked only with the dash `——`, the interpunct `·`, letter numbers
    /// `a)` `b)` or digit numbers `1)` `2)`. It reports bullets (`•` `●` `-`), a single dash
    /// `—`, `1.` `1、`, `(1)` `（1）`, circled numbers `①`, `a.` `a、` and capital letters `A)`
    /// at the start of an item or a paragraph line.
    ///
    /// What an example shows after its label `示例：……如下：` (a filled-in form, a quoted
    /// document) is not looked at.
    ///
    /// In a Markdown source, `- ` `* ` `+ ` and `1. ` are list syntax that a converter turns into
    /// bullets or `1.`; they are reported one step softer (warning), with the GB/T marker to
    /// type instead. Numbers that start a clause, a note, a formula or a caption are not list
    /// markers and are not looked at.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.5.3: “在列项的各项之前应标明列项符号或列项编号。列项符号为破折号（——）或间隔号
    /// （·）；列项编号为字母编号［即后带半圆括号的小写拉丁字母，如a）、b）等］或数字编号［即后带半圆
    /// 括号的阿拉伯数字，如1）、2）等］。” Other marks are foreign to the drafting rules and come
    /// from 公文 or word-processor habits.
    ///
    /// ## Bad
    /// ```text
    /// 服务内容包括：
    /// （1）生活照料；
    /// （2）助餐服务。
    /// ```
    /// ## Good
    /// ```text
    /// 服务内容包括：
    /// a) 生活照料；
    /// b) 助餐服务。
    /// ```
    pub struct ListMarker {
        code: "LS001",
        name: "list-marker",
        family: Lists,
        severity: Error,
        clause: "7.5.3",
        summary: "Only ——, ·, a) b), 1) 2) markers",
        repeats: Collapse,
    }
}

/// Markers the reader does not take for list items (a plain paragraph starts with them):
/// `(1)` `（1）`, `①`, `a.` `a、`, `A)` `A.`, a bullet glued to its text (`●开展`) — each
/// followed by text, not by a digit (`A.1`).
static WRONG_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[（(][0-9]{1,2}[)）]|[①-⑳]|[a-z][.．、]|[A-Z][)）.．、]|[•●▪◆■□○◇])[\s\u{3000}]*[\p{Han}“《]")
        .unwrap_or_else(|e| panic!("LS001 wrong-start regex: {e}"))
});

impl Rule for ListMarker {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let markdown = ctx.doc.format == Format::Markdown;
        let shown = example_content(ctx);
        for &(_, block) in ctx.blocks_with_place() {
            if shown.contains(&block.span) {
                continue;
            }
            if let Some(item) = Item::of(block) {
                if item.kind != MarkerKind::Other || is_clause_number(ctx.doc, &item) {
                    continue;
                }
                let typed = item.marker.text.trim();
                let (message, help) = messages(typed, item.depth);
                if markdown && is_markdown_syntax(typed) {
                    let message = Message::new(
                        format!("Markdown列项语法“{typed}”在转换后显示为项目符号或“1.”，不是GB/T 1.1规定的列项标记"),
                        format!(
                            "the Markdown list syntax “{typed}” becomes a bullet or “1.” when converted; it is not a GB/T 1.1 list marker"
                        ),
                    );
                    ctx.report_softer(item.marker.span, message, Some(help));
                } else {
                    ctx.report_with_help(item.marker.span, message, help);
                }
            } else if matches!(block.kind, BlockKind::Paragraph) {
                // A paragraph may hold several such lines run together.
                let text = ctx.text(block.span);
                let mut offset = 0;
                for line in text.split_inclusive('\n') {
                    let body = line.trim_start();
                    let lead = line.len() - body.len();
                    // The pattern is anchored at one of these marks.
                    let may_start = body.starts_with(|c: char| {
                        matches!(c, '（' | '(' | '①'..='⑳' | 'a'..='z' | 'A'..='Z' | '•' | '●' | '▪' | '◆' | '■' | '□' | '○' | '◇')
                    });
                    if let Some(m) = may_start.then(|| WRONG_START.find(body)).flatten() {
                        let marker = m.as_str().trim_end_matches(|c: char| !is_marker_char(c));
                        let start = block.span.start + offset + lead;
                        let span = Span::new(start, start + marker.len());
                        let (message, help) = messages(marker, 1);
                        ctx.report_with_help(span, message, help);
                    }
                    offset += line.len();
                }
            }
        }
    }
}

/// The spans of the paragraphs and items an example shows: those after an example label that
/// ends with “：” (`示例：服务记录表的填写项目如下：`), up to the next block of another kind.
/// What an example shows — a filled-in form, a quoted document — is not the text's own list.
fn example_content(ctx: &Context<'_>) -> HashSet<Span> {
    let mut out = HashSet::default();
    for &blocks in ctx.block_containers() {
        let mut shown = false;
        for block in blocks {
            match block.kind {
                BlockKind::Example { .. } => shown = ctx.text(block.span).trim_end().ends_with(['：', ':']),
                BlockKind::Paragraph | BlockKind::ListItem { .. } if shown => {
                    out.insert(block.span);
                }
                _ => shown = false,
            }
        }
    }
    out
}

/// The characters a wrong marker is made of (the regex also matched the first word after it).
fn is_marker_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '(' | ')' | '（' | '）' | '.' | '．' | '、' | '•' | '●' | '▪' | '◆' | '■' | '□' | '○' | '◇')
        || ('①'..='⑳').contains(&c)
}

/// `- ` `* ` `+ ` `1. `: Markdown's own list syntax.
fn is_markdown_syntax(marker: &str) -> bool {
    matches!(marker, "-" | "*" | "+")
        || marker.strip_suffix('.').is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn messages(typed: &str, depth: usize) -> (Message, Message) {
    let numbered = typed.chars().any(|c| c.is_ascii_alphanumeric() || ('①'..='⑳').contains(&c));
    let (zh_use, en_use) = match (numbered, depth) {
        (true, 1) => ("字母编号“a)”“b)”", "letter numbers “a)” “b)”"),
        (true, _) => ("数字编号“1)”“2)”", "digit numbers “1)” “2)”"),
        (false, 1) => ("破折号“——”", "the dash “——”"),
        (false, _) => ("间隔号“·”", "the interpunct “·”"),
    };
    (
        Message::new(
            format!("列项标记“{typed}”不是GB/T 1.1规定的形式；列项只用“——”“·”“a)”或“1)”"),
            format!("list marker “{typed}” is not one GB/T 1.1 uses; lists are marked only with ——, ·, a) or 1)"),
        ),
        Message::new(format!("改用{zh_use}"), format!("use {en_use} instead")),
    )
}

#[cfg(test)]
mod tests {
    use super::{WRONG_START, is_markdown_syntax};

    #[test]
    fn wrong_starts_and_lookalikes() {
        for bad in [
            "（1）生活照料；",
            "(2) 助餐服务",
            "①生活照料",
            "a.生活照料",
            "b、助餐",
            "A) 服务内容",
            "B．服务",
            "●开展服务",
        ] {
            assert!(WRONG_START.is_match(bad), "{bad}");
        }
        for fine in ["A.1 总则", "A.2给出了", "（1）", "a) 生活照料", "e.g. test", "GB/T 1.1规定", "1）生活照料"]
        {
            assert!(!WRONG_START.is_match(fine), "{fine}");
        }
        assert!(
            is_markdown_syntax("-")
                && is_markdown_syntax("12.")
                && !is_markdown_syntax("•")
                && !is_markdown_syntax("1、")
        );
    }
}
