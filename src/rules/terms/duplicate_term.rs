use super::{doc_entries, term_variants};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Two term entries define the same term (compared without white space, synonyms after ；
    /// included), or give the same English equivalent to different terms.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.3.1 gives each entry its number, term and definition: one concept, one
    /// entry. No sentence forbids a repeat in so many words, but two definitions of one term
    /// leave the reader to choose. One English word for two terms usually means a copy-and-paste
    /// slip, and is reported one step lower.
    ///
    /// ## Bad
    /// ```text
    /// 3.1 服务对象 service recipient …
    /// 3.4 服务对象 service object …
    /// ```
    /// ## Good
    /// ```text
    /// 3.1 服务对象 service recipient …
    /// ```
    pub struct DuplicateTerm {
        code: "TM009",
        name: "duplicate-term",
        family: Terms,
        severity: Error,
        clause: "8.7.3.1",
        summary: "Two entries define the same term",
    }
}

impl Rule for DuplicateTerm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let entries = doc_entries(ctx.doc);
        for (i, entry) in entries.iter().enumerate() {
            let Some(earlier) = entries.get(..i) else { continue };
            if let Some(term) = &entry.term_zh {
                let variants = term_variants(&term.text);
                let first = earlier.iter().find(|e| {
                    e.term_zh.as_ref().is_some_and(|t| term_variants(&t.text).iter().any(|v| variants.contains(v)))
                });
                if let Some(first) = first {
                    ctx.report_with_help(
                        term.span,
                        Message::new(
                            format!("术语“{}”已在{}中界定", term.text, first.declared.text),
                            format!("the term “{}” is already defined in {}", term.text, first.declared.text),
                        ),
                        Message::new(
                            "删除重复的条目，或合并两个定义",
                            "delete the repeated entry, or merge the definitions",
                        ),
                    );
                    continue;
                }
            }
            if let Some(en) = &entry.term_en {
                let key = en.text.trim().to_lowercase();
                let first =
                    earlier.iter().find(|e| e.term_en.as_ref().is_some_and(|t| t.text.trim().to_lowercase() == key));
                if let Some(first) = first {
                    ctx.report_softer(
                        en.span,
                        Message::new(
                            format!("英文对应词“{}”与{}相同", en.text, first.declared.text),
                            format!("the English equivalent “{}” is the same as in {}", en.text, first.declared.text),
                        ),
                        Some(Message::new("每个术语给出自己的英文对应词", "give each term its own English equivalent")),
                    );
                }
            }
        }
    }
}
