use super::doc_entries;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every term is followed by its English equivalent on the term line
    /// (`服务对象 service recipient`). When no entry of the document gives one, a single finding
    /// says so at the first entry; otherwise each entry without one is reported.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.3.1: “每个术语条目应包括四项内容：条目编号、术语、英文对应词、定义”. Some
    /// local and internal documents leave it out on purpose, hence a warning.
    ///
    /// ## Bad
    /// ```text
    /// 3.1
    /// 服务对象
    /// 接受社区居家养老服务的老年人。
    /// ```
    /// ## Good
    /// ```text
    /// 3.1
    /// 服务对象 service recipient
    /// 接受社区居家养老服务的老年人。
    /// ```
    pub struct EnglishEquivalent {
        code: "TM005",
        name: "english-equivalent",
        family: Terms,
        severity: Warning,
        clause: "8.7.3.1",
        summary: "English equivalent given",
    }
}

/// A "definition" with no Han character is an English line the reader took for the definition.
fn english_line(text: &str) -> bool {
    !text.chars().any(crate::read::classify::is_han) && text.chars().filter(char::is_ascii_alphabetic).count() >= 3
}

impl Rule for EnglishEquivalent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let entries = doc_entries(ctx.doc);
        let missing: Vec<_> = entries
            .iter()
            .filter(|e| e.term_zh.is_some() && e.term_en.is_none())
            .filter(|e| !e.definition.as_ref().is_some_and(|d| english_line(&d.text)))
            .collect();
        let help = Message::new(
            "在中文术语后空一字写英文对应词，如“服务对象 service recipient”",
            "write the English equivalent after the term, e.g. “服务对象 service recipient”",
        );
        if missing.len() == entries.len() && entries.len() > 1 {
            if let Some(term) = missing.first().and_then(|e| e.term_zh.as_ref()) {
                ctx.report_with_help(
                    term.span,
                    Message::new(
                        format!("全部{}个术语条目都没有给出英文对应词", entries.len()),
                        format!("none of the {} term entries gives an English equivalent", entries.len()),
                    ),
                    help,
                );
            }
            return;
        }
        for entry in missing {
            let Some(term) = &entry.term_zh else { continue };
            ctx.report_with_help(
                term.span,
                Message::new(
                    format!("术语“{}”没有给出英文对应词", term.text),
                    format!("the term “{}” gives no English equivalent", term.text),
                ),
                help.clone(),
            );
        }
    }
}
