use crate::diagnostic::Message;
use crate::model::{Block, BlockKind, CaptionKind, Place};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A figure's number and title stand below the figure: a figure caption directly followed
    /// by the figure (and not preceded by one) is reported. When some figures have a title and
    /// others do not, the untitled ones are reported too. So are a figure with no caption at
    /// all (an image with no `图N` below or above it, its notes and key aside), and a caption
    /// that joins number and title with a mark (`图1：流程`, `图1-流程`, `图1. 流程`) instead of
    /// a gap. Images drawn at the size of a glyph (a converter's symbol) and the figures of a
    /// file whose captions stand apart from any figure are not asked for a number.
    ///
    /// ## Why
    /// GB/T 1.1-2020 10.4.2.1: “图编号和图题应置于图之下居中位置” (tables are the other way
    /// round); 9.7.2.2: “每幅图宜有图题，文件中的图有无图题应一致。” The position is read from the
    /// order of the lines, which a conversion can disturb, so the rule warns. 9.7.2.1: every
    /// figure is numbered, even a single one (图1); 10.4.2.1: a gap of one Chinese character
    /// follows the number.
    ///
    /// ## Bad
    /// ```text
    /// 图1　调解服务流程
    /// ![](flow.png)
    /// ```
    /// ## Good
    /// ```text
    /// ![](flow.png)
    /// 图1　调解服务流程
    /// ```
    pub struct FigureCaption {
        code: "FT006",
        name: "figure-caption",
        family: Figures,
        severity: Warning,
        clause: "9.7.2.2, 10.4.2.1",
        summary: "图N + title, below the figure",
    }
}

impl Rule for FigureCaption {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        super::check_caption_form(ctx, CaptionKind::Figure);
        super::check_numbered(ctx, CaptionKind::Figure);
        let blocks = ctx.blocks_with_place();
        let is_figure = |b: Option<&(Place<'_>, &Block)>| b.is_some_and(|(_, b)| matches!(b.kind, BlockKind::Figure));
        for (i, (_, block)) in blocks.iter().enumerate() {
            if !matches!(block.kind, BlockKind::Caption { kind: CaptionKind::Figure, .. }) {
                continue;
            }
            let before = i.checked_sub(1).and_then(|j| blocks.get(j));
            if is_figure(blocks.get(i + 1)) && !is_figure(before) {
                ctx.report_with_help(
                    block.span,
                    Message::new(
                        "图的编号和图题位于图之上；应置于图之下",
                        "the figure's number and title stand above the figure; they go below it",
                    ),
                    Message::new("将图题移到图的下方", "move the caption below the figure"),
                );
            }
        }
        let figures: Vec<_> = ctx.captions().iter().filter(|c| c.kind == CaptionKind::Figure && !c.continued).collect();
        if figures.iter().any(|c| c.title.is_some()) {
            for caption in figures.iter().filter(|c| c.title.is_none()) {
                ctx.report_with_help(
                    caption.number.span,
                    Message::new(
                        format!("图{}没有图题，而其他图有图题", caption.label),
                        format!("figure {} has no title while other figures do", caption.label),
                    ),
                    Message::new("为每个图给出图题，或都不给出", "give every figure a title, or none"),
                );
            }
        }
    }
}
