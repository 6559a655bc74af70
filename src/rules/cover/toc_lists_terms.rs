use super::key;
use crate::diagnostic::Message;
use crate::rules::terms::doc_entries as term_entries;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A 目次 entry that is a term entry of chapter 3: its number is a term entry's number and
    /// its text the term (`3.1 服务对象`).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.2: “在目次中不应列出‘术语和定义’中的条目编号和术语。” Word's automatic 目次
    /// picks them up when the term styles are heading styles.
    ///
    /// ## Bad
    /// ```text
    /// 3　术语和定义
    /// 3.1　服务对象
    /// 4　基本要求
    /// ```
    /// ## Good
    /// ```text
    /// 3　术语和定义
    /// 4　基本要求
    /// ```
    pub struct TocListsTerms {
        code: "CV012",
        name: "toc-lists-terms",
        family: Cover,
        severity: Warning,
        clause: "8.2",
        summary: "目次 lists term entries",
    }
}

impl Rule for TocListsTerms {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some(toc) = &doc.toc else { return };
        let terms: Vec<(String, String)> = term_entries(doc)
            .into_iter()
            .filter_map(|t| Some((key(&t.declared.text), key(&t.term_zh.as_ref()?.text))))
            .collect();
        for entry in &toc.entries {
            let text = key(&entry.text);
            let Some((number, term)) = terms.iter().find(|(n, t)| {
                text.starts_with(n.as_str()) && text.get(n.len()..).is_some_and(|rest| rest.starts_with(t.as_str()))
            }) else {
                continue;
            };
            ctx.report_with_help(
                entry.span,
                Message::new(
                    format!("目次列出了术语条目“{number} {term}”"),
                    format!("the table of contents lists the term entry “{number} {term}”"),
                ),
                Message::new("从目次中删除术语条目", "remove term entries from the table of contents"),
            );
        }
    }
}
