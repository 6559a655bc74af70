use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Chapter 2 规范性引用文件 and chapter 3 术语和定义 exist, even when the document has no
    /// references or terms (they then hold the none-statement).
    ///
    /// ## Why
    /// GB/T 1.1-2020 Table 3, footnote a: “章编号和标题的设置是必备的，要素内容的有无根据具体情况进行
    /// 选择。” 8.6.2 and 8.7.2 give the none-statements. Under the 2009 edition an empty chapter
    /// was dropped, which is why drafts converted from older texts lack them.
    ///
    /// ## Bad
    /// ```text
    /// 1 范围
    /// 2 基本要求
    /// ```
    /// ## Good
    /// ```text
    /// 1 范围
    /// 2 规范性引用文件
    /// 本文件没有规范性引用文件。
    /// 3 术语和定义
    /// 本文件没有需要界定的术语和定义。
    /// 4 基本要求
    /// ```
    pub struct MissingFixedChapter {
        code: "ST004",
        name: "missing-fixed-chapter",
        family: Structure,
        severity: Error,
        clause: "表3, 8.6.2, 8.7.2",
        summary: "Chapter 2 or 3 is absent (2020 keeps them with a none-statement)",
    }
}

impl Rule for MissingFixedChapter {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        if doc.chapters.is_empty() {
            return;
        }
        let anchor = doc.scope().or(doc.chapters.first()).map_or(Span::empty(0), |c| c.span);
        if doc.normative_references().is_none() {
            ctx.report_with_help(
                anchor,
                Message::new(
                    "缺少第2章“规范性引用文件”；2020版要求保留该章",
                    "chapter 2 规范性引用文件 (normative references) is missing; the 2020 edition keeps it",
                ),
                Message::new(
                    "增加“2 规范性引用文件”，没有引用文件时写“本文件没有规范性引用文件。”",
                    "add “2 规范性引用文件” with “本文件没有规范性引用文件。” when nothing is referenced",
                ),
            );
        }
        if doc.terms_chapter().is_none() {
            ctx.report_with_help(
                anchor,
                Message::new(
                    "缺少第3章“术语和定义”；2020版要求保留该章",
                    "chapter 3 术语和定义 (terms and definitions) is missing; the 2020 edition keeps it",
                ),
                Message::new(
                    "增加“3 术语和定义”，没有术语时写“本文件没有需要界定的术语和定义。”",
                    "add “3 术语和定义” with “本文件没有需要界定的术语和定义。” when no term is defined",
                ),
            );
        }
    }
}
