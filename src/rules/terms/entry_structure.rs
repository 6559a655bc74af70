use super::doc_entries;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every term entry has its parts: the entry number, the term, and the definition. An entry
    /// number followed directly by the next entry, or a term with no definition under it, is
    /// reported; entries with no number at all (a term and its definition in the terms chapter)
    /// are one finding with their count. (The English equivalent is TM005's, the sequence of
    /// numbers TM004's.)
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.3.1: “每个术语条目应包括四项内容：条目编号、术语、英文对应词、定义，根据需要
    /// 还可增加其他内容。” (symbols, other forms, examples, notes, the source).
    ///
    /// ## Bad
    /// ```text
    /// 3.2
    /// 服务对象 service recipient
    /// 3.3
    /// ```
    /// ## Good
    /// ```text
    /// 3.2
    /// 服务对象 service recipient
    /// 接受社区居家养老服务的老年人。
    /// ```
    pub struct TermEntryStructure {
        code: "TM003",
        name: "term-entry-structure",
        family: Terms,
        severity: Error,
        clause: "8.7.3.1",
        summary: "Number, term (+ English), definition",
    }
}

impl Rule for TermEntryStructure {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        // Entries without a number share one cause (numbers never typed, or lost in an export):
        // one finding at the first, with the count.
        let unnumbered: Vec<_> = doc_entries(ctx.doc).into_iter().filter(|e| e.number.parts.is_empty()).collect();
        if let Some(first) = unnumbered.first() {
            let term = first.term_zh.as_ref().or(first.term_en.as_ref()).map_or("", |t| t.text.as_str());
            let n = unnumbered.len();
            let (zh, en) = if n > 1 {
                (
                    format!("术语条目“{term}”等{n}个条目没有条目编号"),
                    format!("the term entry “{term}” and {} more have no entry number", n - 1),
                )
            } else {
                (format!("术语条目“{term}”没有条目编号"), format!("the term entry “{term}” has no entry number"))
            };
            let span = first.term_zh.as_ref().or(first.term_en.as_ref()).map_or(first.span, |t| t.span);
            ctx.report_with_help(
                span,
                Message::new(zh, en),
                Message::new(
                    "在每个术语前一行给出条目编号（如“3.1”）",
                    "give each term its entry number (such as “3.1”) on the line before it",
                ),
            );
        }
        for entry in doc_entries(ctx.doc).into_iter().filter(|e| !e.number.parts.is_empty()) {
            let number = &entry.declared.text;
            match (&entry.term_zh, &entry.definition) {
                (None, _) if entry.term_en.is_none() => ctx.report_with_help(
                    entry.declared.span,
                    Message::new(format!("术语条目{number}没有术语"), format!("term entry {number} has no term")),
                    Message::new(
                        "在条目编号下一行写术语及其英文对应词，再写定义",
                        "write the term and its English equivalent under the number, then the definition",
                    ),
                ),
                (None, _) => {
                    let en = entry.term_en.as_ref().map_or(entry.declared.span, |t| t.span);
                    ctx.report_with_help(
                        en,
                        Message::new(
                            format!("术语条目{number}只有英文对应词，没有中文术语"),
                            format!("term entry {number} gives only the English equivalent, no Chinese term"),
                        ),
                        Message::new(
                            "在英文对应词前写中文术语",
                            "write the Chinese term before the English equivalent",
                        ),
                    );
                }
                (Some(term), None) => ctx.report_with_help(
                    term.span,
                    Message::new(
                        format!("术语条目{number}“{}”没有定义", term.text),
                        format!("term entry {number} “{}” has no definition", term.text),
                    ),
                    Message::new("在术语下一行给出定义", "give the definition on the line after the term"),
                ),
                _ => {}
            }
        }
    }
}
