use crate::diagnostic::Message;
use crate::model::{BlockKind, compact};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// No paragraph, list, note or table stands between a chapter or clause title and its first
    /// subclause (a 悬置段, hanging paragraph).
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
        for clause in ctx.doc.all_clauses() {
            if clause.children.is_empty() {
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
            ctx.report_with_help(
                first.span,
                Message::new(
                    format!("“{}”的标题与其第一个条“{first_child}”之间有悬置段", clause.declared.text),
                    format!(
                        "hanging paragraph between the title of {} and its first subclause {first_child}",
                        clause.declared.text
                    ),
                ),
                Message::new(
                    format!("将这段文字改为一个条（如“{}.1 概述”），或并入后面的条", clause.declared.text),
                    format!(
                        "make this text a subclause of its own (e.g. “{}.1 概述”), or move it into the subclauses",
                        clause.declared.text
                    ),
                ),
            );
        }
    }
}
