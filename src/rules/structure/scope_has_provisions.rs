use crate::diagnostic::Message;
use crate::rules::lexicon::Modal;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Chapter 1 范围 contains no requirement, recommendation or permission (应, 宜, 可 …).
    /// Quotations and titles, defined terms (可验证凭证), place names (宜宾市) and words that
    /// only contain these characters (相应, 可信, 可用性 …) are not counted, nor is a modal inside
    /// what a scope statement names (`本文件给出了……应遵循的设计原则`): it describes the content.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.5.3: “范围应表述为一系列事实的陈述，使用陈述型条款，不应包含要求、指示、推荐和
    /// 允许型条款。” Its forms are “本文件规定了……”, “确立了……”, “描述了……”, “提供了……”,
    /// “给出了……”, “界定了……” and “本文件适用于……”/“本文件不适用于……”. Requirements belong in
    /// the technical chapters.
    ///
    /// ## Bad
    /// ```text
    /// 本文件适用于社区居家养老服务机构，服务机构应参照执行。
    /// ```
    /// ## Good
    /// ```text
    /// 本文件适用于社区居家养老服务机构提供的居家养老服务。
    /// ```
    pub struct ScopeHasProvisions {
        code: "ST008",
        name: "scope-has-provisions",
        family: Structure,
        severity: Error,
        clause: "8.5.3",
        summary: "范围 states, never requires (no 应/宜/可)",
    }
}

impl Rule for ScopeHasProvisions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(scope) = ctx.doc.scope() else { return };
        for block in scope.all_blocks().into_iter().filter(|b| b.is_prose()) {
            let text = ctx.text(block.span);
            for (start, end, modal) in crate::rules::provisions::modals_at(ctx.doc, block.span) {
                // What the document covers, named after 本文件规定了/给出了/确立了…, may describe
                // requirements (`给出了……应遵循的设计原则`) without making one.
                let clause_start = text
                    .get(..start)
                    .and_then(|before| before.char_indices().rfind(|&(_, c)| matches!(c, '。' | '，' | '；')))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let described = text.get(clause_start..start).is_some_and(|head| {
                    ["规定了", "给出了", "确立了", "描述了", "提供了", "界定了", "包括"]
                        .iter()
                        .any(|verb| head.contains(verb))
                });
                if described {
                    continue;
                }
                let word = text.get(start..end).unwrap_or_default();
                let (kind_zh, kind_en) = match modal {
                    Modal::Requirement => ("要求", "a requirement"),
                    Modal::Recommendation => ("推荐", "a recommendation"),
                    Modal::Permission => ("允许", "a permission"),
                };
                ctx.report(
                    Span::new(block.span.start + start, block.span.start + end),
                    Message::new(
                        format!("范围中不应包含{kind_zh}型条款（“{word}”）；范围只使用陈述型条款"),
                        format!("the scope must not contain {kind_en} (“{word}”); a scope states facts only"),
                    ),
                );
            }
        }
    }
}
