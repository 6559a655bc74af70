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
            // Read for its clauses only when it holds a provision word (most scopes hold none).
            let mut clauses: Option<ClauseHeads<'_>> = None;
            for (start, end, modal) in crate::rules::provisions::modals_at(ctx.doc, block.span) {
                // What the document covers, named after 本文件规定了/给出了/确立了…, may describe
                // requirements (`给出了……应遵循的设计原则`) without making one.
                if clauses.get_or_insert_with(|| ClauseHeads::new(text)).describes(start) {
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

/// The verbs that name what a document covers rather than require it.
const DESCRIBING_VERBS: [&str; 7] = ["规定了", "给出了", "确立了", "描述了", "提供了", "界定了", "包括"];

/// Whether the clause (after the last 。，；) that a provision word stands in holds a describing
/// verb before the word. A paragraph's words are asked in order, and the clause starts and the
/// verbs are found in one pass over it: looking back from each word to its clause's start, and
/// searching that stretch for each verb, was quadratic in a paragraph that never ends a clause.
struct ClauseHeads<'t> {
    text: &'t str,
    /// Where the clause of the last word asked starts, and how far the text was read for it.
    clause_start: usize,
    read_to: usize,
    /// The describing verbs of the paragraph as (start, end), by end.
    verbs: Vec<(usize, usize)>,
    /// How many of `verbs` end at or before the last word asked, and the latest start among them.
    passed: usize,
    latest_start: Option<usize>,
}

impl<'t> ClauseHeads<'t> {
    fn new(text: &'t str) -> Self {
        // No verb overlaps itself, so `match_indices` misses none.
        let mut verbs: Vec<(usize, usize)> = DESCRIBING_VERBS
            .iter()
            .flat_map(|verb| text.match_indices(verb).map(|(at, v)| (at, at + v.len())))
            .collect();
        verbs.sort_unstable_by_key(|&(start, end)| (end, start));
        ClauseHeads { text, clause_start: 0, read_to: 0, verbs, passed: 0, latest_start: None }
    }

    fn describes(&mut self, at: usize) -> bool {
        if at < self.read_to {
            // Asked out of order: read again from the paragraph's start.
            (self.clause_start, self.read_to, self.passed, self.latest_start) = (0, 0, 0, None);
        }
        if let Some(read) = self.text.get(self.read_to..at) {
            if let Some((i, c)) = read.char_indices().rfind(|&(_, c)| matches!(c, '。' | '，' | '；')) {
                self.clause_start = self.read_to + i + c.len_utf8();
            }
            self.read_to = at;
        }
        while let Some(&(start, _)) = self.verbs.get(self.passed).filter(|&&(_, end)| end <= at) {
            self.latest_start = Some(self.latest_start.map_or(start, |latest| latest.max(start)));
            self.passed += 1;
        }
        self.latest_start.is_some_and(|start| start >= self.clause_start)
    }
}

#[cfg(test)]
mod tests {
    use super::{ClauseHeads, DESCRIBING_VERBS};

    /// The look-back that [`ClauseHeads`] replaced.
    fn described_by_looking_back(text: &str, start: usize) -> bool {
        let clause_start = text
            .get(..start)
            .and_then(|before| before.char_indices().rfind(|&(_, c)| matches!(c, '。' | '，' | '；')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        text.get(clause_start..start).is_some_and(|head| DESCRIBING_VERBS.iter().any(|verb| head.contains(verb)))
    }

    #[test]
    fn one_pass_answers_as_looking_back_from_each_word() {
        const PIECES: &[&str] = &["应", "规定了", "给出", "了", "包括", "，", "。", "；", "服务", "宜", "a"];
        let mut described = 0;
        for text in crate::model::generated_texts(0x1f83_d9ab_fb41_bd6b, PIECES, 14).take(20_000) {
            let mut heads = ClauseHeads::new(&text);
            for (at, _) in text.match_indices(['应', '宜']) {
                let expected = described_by_looking_back(&text, at);
                assert_eq!(heads.describes(at), expected, "{text} at {at}");
                described += usize::from(expected);
            }
            // Out of order, it starts again.
            if let Some((at, _)) = text.match_indices('应').next() {
                assert_eq!(heads.describes(at), described_by_looking_back(&text, at), "{text} again at {at}");
            }
        }
        assert!(described > 1_000, "{described}");
    }
}
