use super::entries;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Term entries are numbered 3.1, 3.2, 3.3 … (3.1.1, 3.1.2 … inside a titled concept group),
    /// continuously and without repeats.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.3.1: “术语条目的排列顺序由术语的条目编号来明确。条目编号应在章或条编号之后
    /// 使用下脚点加阿拉伯数字的形式”. Other documents cite definitions by it
    /// (`[来源：GB/T 20000.1—2014，3.2]`), so a gap or a repeat breaks citations.
    ///
    /// ## Bad
    /// ```text
    /// 3.1 … 3.2 … 3.4
    /// ```
    /// ## Good
    /// ```text
    /// 3.1 … 3.2 … 3.3
    /// ```
    pub struct TermNumber {
        code: "TM004",
        name: "term-number",
        family: Terms,
        severity: Error,
        clause: "8.7.3.1",
        summary: "Entries 3.1, 3.2 … continuous",
    }
}

impl Rule for TermNumber {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(chapter) = ctx.doc.terms_chapter() else {
            return;
        };
        // An entry without a number is TM003's.
        for entry in entries(chapter).into_iter().filter(|e| !e.number.parts.is_empty()) {
            let declared = entry.number.render();
            if entry.expected.is_empty() || declared == entry.expected {
                continue;
            }
            ctx.report_with_help(
                entry.declared.span,
                Message::new(
                    format!("术语条目编号“{declared}”不连续，按其位置应为“{}”", entry.expected),
                    format!("term entry {declared} breaks the sequence; by its position it is {}", entry.expected),
                ),
                Message::new(format!("改为“{}”", entry.expected), format!("renumber it {}", entry.expected)),
            );
        }
    }
}
