use super::too_deep;
use crate::diagnostic::Message;
use crate::model::{BlockKind, compact};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// No paragraph, list, note or table stands between a chapter, clause or annex title and its
    /// first subclause (a 悬置段, hanging paragraph): between `5 服务内容` and 5.1, between
    /// `附录A` and A.1.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.4: “为了不在引用时产生混淆，不宜在章标题与条之间或条标题与下一层次条之间设段
    /// （称为‘悬置段’）。” Citing “5” would cover 5.1–5.3 too. It is a recommendation (不宜), so
    /// the finding is a warning. Its note: “‘术语和定义’‘符号和缩略语’中的引导语（见8.7.2、8.8.2）
    /// 以及‘重要提示’（见9.13.3）不是悬置段。”
    ///
    /// ## Bad
    /// ```text
    /// 5 服务内容
    /// 本章规定了服务内容。
    /// 5.1 生活照料
    /// ```
    /// ## Good
    /// ```text
    /// 5 服务内容
    /// 5.1 概述
    /// 本章规定了服务内容。
    /// 5.2 生活照料
    /// ```
    pub struct HangingParagraph {
        code: "NU008",
        name: "hanging-paragraph",
        family: Numbering,
        severity: Warning,
        clause: "7.4",
        summary: "Text between a title and its first subclause",
    }
}

impl Rule for HangingParagraph {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &clause in ctx.all_clauses() {
            if clause.children.first().is_none_or(too_deep) {
                continue;
            }
            let title = compact(clause.title_text());
            if clause.number.depth() == 1
                && clause.number.annex.is_none()
                && (title.ends_with("引用文件")
                    || title.starts_with("术语")
                    || title.contains("缩略语")
                    || title == "符号")
            {
                continue;
            }
            let Some(first) = clause.blocks.iter().find(|b| !matches!(b.kind, BlockKind::Term(_))) else {
                continue;
            };
            let first_child = clause.children.first().map_or("", |c| c.declared.text.as_str());
            report(ctx, first.span, &clause.declared.text, first_child);
        }
        // An annex subdivided into clauses is subdivided like a chapter.
        for annex in &ctx.doc.annexes {
            // When the first clause is not X.1, the text before it is more likely X.1 with its
            // heading lost (`C. 1` in a conversion) than a hanging paragraph.
            let first_child = annex.clauses.first().filter(|c| !too_deep(c) && c.number.parts == [1]);
            let Some(first_child) = first_child else { continue };
            let mut blocks = annex.blocks.iter().filter(|b| !matches!(b.kind, BlockKind::Term(_)));
            let mut first = blocks.next();
            // A title the reader did not take for one (too long for a heading) is no paragraph.
            if annex.title.is_none()
                && first.is_some_and(|b| {
                    matches!(b.kind, BlockKind::Paragraph) && !ctx.text(b.span).contains(['。', '；', '：'])
                })
            {
                first = blocks.next();
            }
            let Some(first) = first else { continue };
            report(ctx, first.span, &format!("附录{}", annex.letter), &first_child.declared.text);
        }
    }
}

fn report(ctx: &mut Context<'_>, span: Span, parent: &str, first_child: &str) {
    let suggestion =
        if let Some(letter) = parent.strip_prefix("附录") { format!("{letter}.1") } else { format!("{parent}.1") };
    ctx.report_with_help(
        span,
        Message::new(
            format!("“{parent}”的标题与其第一个条“{first_child}”之间有悬置段"),
            format!("hanging paragraph between the title of {parent} and its first subclause {first_child}"),
        ),
        Message::new(
            format!("将这段文字改为一个条（如“{suggestion} 概述”），或并入后面的条"),
            format!("make this text a subclause of its own (e.g. “{suggestion} 概述”), or move it into the subclauses"),
        ),
    );
}
