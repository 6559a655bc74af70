use crate::hash::HashMap;

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
        // The first entry that writes each variant (and each English equivalent), filled in
        // document order: the earlier entry sharing a variant is the one with the smallest
        // index among the variants' first entries — a lookup per variant, not a pass over every
        // earlier entry.
        let mut first_with_variant: HashMap<String, usize> = HashMap::default();
        let mut first_with_english: HashMap<String, usize> = HashMap::default();
        for (i, entry) in entries.iter().enumerate() {
            let variants = entry.term_zh.as_ref().map(|t| term_variants(&t.text)).unwrap_or_default();
            let english = entry.term_en.as_ref().map(|t| t.text.trim().to_lowercase());
            let earlier_zh = variants.iter().filter_map(|v| first_with_variant.get(v)).min().copied();
            let earlier_en = english.as_ref().and_then(|k| first_with_english.get(k)).copied();
            for v in variants {
                first_with_variant.entry(v).or_insert(i);
            }
            if let Some(k) = english {
                first_with_english.entry(k).or_insert(i);
            }
            if let (Some(term), Some(first)) = (&entry.term_zh, earlier_zh.and_then(|j| entries.get(j))) {
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
            if let (Some(en), Some(first)) = (&entry.term_en, earlier_en.and_then(|j| entries.get(j))) {
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
