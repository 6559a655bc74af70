use super::{Item, is_clause_number};
use crate::diagnostic::Message;
use crate::model::{BlockKind, MarkerKind};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A list is introduced by a lead-in (引语): the paragraph right before its first item ends
    /// with “：” or is a complete sentence ending with “。”. It reports a list that opens its
    /// clause right after the heading, one that follows a note, a table or a figure, and one
    /// whose preceding paragraph ends otherwise (“；”, “，”, no mark).
    ///
    /// It looks only at lists that start: a list going on after an interrupting paragraph
    /// (`c)` after text that followed `b)`) is not a new list, nor is a dash list going on
    /// after a note. A note whose text ends with “：” leads in the list under it. A lead-in
    /// that ends with the ratio sign “∶” (U+2236) is told that the character is wrong.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.5.1: “列项应由引语和被引出的并列的各项组成。” The lead-in is either a
    /// complete sentence ending with “。” or words ending with “：”. The rule warns because
    /// where a list begins is read from the layout, which a conversion can disturb.
    ///
    /// ## Bad
    /// ```text
    /// 5.1 生活照料
    /// a) 助洁；
    /// b) 助浴。
    /// ```
    /// ## Good
    /// ```text
    /// 5.1 生活照料
    /// 生活照料服务包括：
    /// a) 助洁；
    /// b) 助浴。
    /// ```
    pub struct ListLeadIn {
        code: "LS003",
        name: "list-lead-in",
        family: Lists,
        severity: Warning,
        clause: "7.5.1",
        summary: "A list has a lead-in sentence",
    }
}

impl Rule for ListLeadIn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for list in ctx.lists() {
            let Some(first) = list.items.first() else { continue };
            // A numbered item past the first goes on with a list interrupted by a paragraph.
            let starts = match first.kind {
                MarkerKind::Letter | MarkerKind::Digit => first.ordinal() == Some(1),
                _ => !list.continues,
            };
            if !starts {
                continue;
            }
            let (zh, en) = match list.before {
                None => (
                    "列项直接位于标题之后，没有引语".to_owned(),
                    "the list follows the heading directly, with no lead-in".to_owned(),
                ),
                // A note or a paragraph that ends with the ratio sign ∶ (U+2236) for the colon.
                Some(block) if ctx.text(block.span).trim_end().ends_with('∶') => {
                    let span = ctx.text(block.span).trim_end().len() - '∶'.len_utf8();
                    ctx.report_with_help(
                        block.span.sub(span, span + '∶'.len_utf8()),
                        Message::new(
                            "引语末尾的“∶”是比号（U+2236），不是冒号；应为“：”",
                            "the lead-in ends with “∶”, the ratio sign (U+2236), not the colon “：”",
                        ),
                        Message::new("将“∶”改为“：”", "replace “∶” with “：”"),
                    );
                    continue;
                }
                // A note that ends with “：” leads in the list that follows it.
                Some(block)
                    if matches!(block.kind, BlockKind::Note { .. })
                        && ctx.text(block.span).trim_end().ends_with(['：', ':']) =>
                {
                    continue;
                }
                // A clause number glued to its text (`5.3.1.3.1CI应…如下：`) stands for a paragraph.
                Some(block)
                    if matches!(block.kind, BlockKind::Paragraph)
                        || Item::of(block).is_some_and(|item| is_clause_number(ctx.doc, &item)) =>
                {
                    let text = ctx.text(block.span).trim_end();
                    if text.ends_with(['：', ':', '。']) {
                        continue;
                    }
                    let last: String = text.chars().last().map(String::from).unwrap_or_default();
                    (
                        format!("列项前的段落以“{last}”结尾，不是引语（引语以“：”或“。”结束）"),
                        format!(
                            "the paragraph before the list ends with “{last}”, so it is no lead-in (a lead-in ends with “：” or “。”)"
                        ),
                    )
                }
                Some(block) => (
                    format!("列项前是{}，没有引语", block_name_zh(&block.kind)),
                    format!("the list follows a {}, with no lead-in", block.kind_name()),
                ),
            };
            ctx.report_with_help(
                first.marker.span,
                Message::new(
                    format!("{zh}；列项应由引语和被引出的各项组成"),
                    format!("{en}; a list consists of a lead-in and the items it introduces"),
                ),
                Message::new(
                    "在列项前加一句以“：”结尾的引语，如“服务内容包括：”",
                    "put a lead-in ending with “：” before the list, e.g. “服务内容包括：”",
                ),
            );
        }
    }
}

fn block_name_zh(kind: &BlockKind) -> &'static str {
    match kind {
        BlockKind::Note { .. } => "注",
        BlockKind::Example { .. } => "示例",
        BlockKind::Table => "表",
        BlockKind::Figure => "图",
        BlockKind::Caption { .. } => "图表标题",
        BlockKind::Formula { .. } => "公式",
        BlockKind::Code => "代码块",
        BlockKind::Term(_) => "术语条目",
        BlockKind::Reference { .. } => "引用文件",
        BlockKind::Paragraph | BlockKind::ListItem { .. } => "段落",
    }
}
