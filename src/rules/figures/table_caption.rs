use crate::diagnostic::Message;
use crate::model::{Block, BlockKind, CaptionKind};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A table's number and title stand above the table: a table caption that directly follows
    /// a table and is not followed by one (a `单位为…` line in between is allowed) is reported.
    /// So are a table with no caption at all (a table directly after another is taken for its
    /// continuation on the next page), and a caption that joins number and title with a mark
    /// (`表2：设施`, `表2-设施`, `表3. 设备`) instead of a gap. A one-column table (the frame
    /// around a code sample), a table after `式中：` or a formula (a key), and the tables of a file
    /// whose captions stand apart from any table (a Word export that appends every table at the
    /// end) are not asked for a number.
    ///
    /// ## Why
    /// GB/T 1.1-2020 10.4.2.1: “表编号和表题应置于表之上居中位置” (figures are the other way
    /// round). The position is read from the order of the lines, which a conversion can disturb,
    /// so the rule warns. 9.8.2.1: every table is numbered, even a single one (表1); 10.4.2.1: a
    /// gap of one Chinese character follows the number.
    ///
    /// ## Bad
    /// ```text
    /// | 服务类别 | 服务频次 |
    /// |---|---|
    /// 表1　服务项目及频次
    /// ```
    /// ## Good
    /// ```text
    /// 表1　服务项目及频次
    /// | 服务类别 | 服务频次 |
    /// |---|---|
    /// ```
    pub struct TableCaption {
        code: "FT007",
        name: "table-caption",
        family: Figures,
        severity: Warning,
        clause: "10.4.2.1",
        summary: "表N + title, above the table",
    }
}

impl Rule for TableCaption {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        super::check_caption_form(ctx, CaptionKind::Table);
        super::check_numbered(ctx, CaptionKind::Table);
        let blocks = ctx.blocks_with_place();
        let is_table = |b: Option<&&Block>| b.is_some_and(|b| matches!(b.kind, BlockKind::Table));
        for (i, (_, block)) in blocks.iter().enumerate() {
            if !matches!(block.kind, BlockKind::Caption { kind: CaptionKind::Table, .. }) {
                continue;
            }
            let before = i.checked_sub(1).and_then(|j| blocks.get(j)).map(|(_, b)| b);
            // The next block, skipping a `单位为毫米` line that stands between caption and table.
            let after = blocks.get(i + 1..).unwrap_or_default().iter().map(|(_, b)| b).find(|b| {
                let text = ctx.text(b.span).trim_start();
                !(matches!(b.kind, BlockKind::Paragraph) && (text.starts_with("单位") || text.starts_with("（单位")))
            });
            if is_table(before) && !is_table(after) {
                ctx.report_with_help(
                    block.span,
                    Message::new(
                        "表的编号和表题位于表之下；应置于表之上",
                        "the table's number and title stand below the table; they go above it",
                    ),
                    Message::new("将表题移到表的上方", "move the caption above the table"),
                );
            }
        }
    }
}
