use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Chapters are numbered 1, 2, 3 … from 范围 up to the annexes, with no gap and no repeat.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.2: “应使用从1开始的阿拉伯数字对章编号。章编号应从范围一章开始，一直连续到
    /// 附录之前。” A gap usually means a chapter was deleted and the rest not renumbered, which
    /// breaks every cross-reference after it.
    ///
    /// ## Bad
    /// ```text
    /// 4 基本要求
    /// 6 服务流程
    /// ```
    /// ## Good
    /// ```text
    /// 4 基本要求
    /// 5 服务流程
    /// ```
    pub struct ChapterSequence {
        code: "NU001",
        name: "chapter-sequence",
        family: Numbering,
        severity: Error,
        clause: "7.2",
        summary: "Chapters numbered 1…n without gaps or repeats",
    }
}

impl Rule for ChapterSequence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let mut previous: u32 = 0;
        for chapter in &ctx.doc.chapters {
            let n = chapter.number.parts.first().copied().unwrap_or(0);
            let expected = previous + 1;
            if n != expected {
                let (zh, en) = if n == previous {
                    (format!("章编号{n}重复"), format!("chapter number {n} is repeated"))
                } else if n > expected {
                    let missing =
                        if n == expected + 1 { expected.to_string() } else { format!("{expected}–{}", n - 1) };
                    (
                        format!("章编号不连续：第{previous}章之后是第{n}章，缺少第{missing}章"),
                        format!("chapter numbers skip: chapter {n} follows chapter {previous}; {missing} is missing"),
                    )
                } else {
                    (
                        format!("章编号顺序错误：第{previous}章之后是第{n}章"),
                        format!("chapter {n} follows chapter {previous}; chapters run 1, 2, 3 … in order"),
                    )
                };
                ctx.report_with_help(
                    chapter.declared.span,
                    Message::new(zh, en),
                    Message::new(
                        format!("此处应为第{expected}章"),
                        format!("by its position this is chapter {expected}"),
                    ),
                );
            }
            previous = n.max(previous);
        }
    }
}
