use super::{section_blocks, sentence_at};
use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::lexicon::Modal;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// 前言 contains no provision (应, 宜, 可, 必须 …) and no figure, table or formula.
    /// Figures, tables, formulas and their captions are errors; a provision word is reported one
    /// step softer (warning), because finding one is a heuristic. Words that only contain a modal
    /// character (相应, 可能 …), quotations and titles (“…”, 《…》), defined terms, place names
    /// (宜宾市), the drafter statements (本文件主要起草人：张可欣、应晓东。) and the items of a
    /// change list (增加了…, 更改了…, which describe the content of the body) are not reported.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3: “前言不应包含要求、指示、推荐或允许型条款，也不应使用图、表或数学公式等
    /// 表述形式。” The foreword informs about the document; it does not require anything.
    ///
    /// ## Bad
    /// ```text
    /// 本文件应与DB4403/T 900—2025配合使用。
    /// 表1 主要技术变化
    /// ```
    /// ## Good
    /// ```text
    /// 本文件与DB4403/T 900—2025配合使用。
    /// ```
    pub struct ForewordContent {
        code: "FW003",
        name: "foreword-content",
        family: Foreword,
        severity: Error,
        clause: "8.3",
        summary: "No provisions, figures, tables or formulas in 前言",
    }
}

/// The verbs change-list items start with: they describe what changed in the body, where a
/// modal word is the body's, not the foreword's.
const CHANGE_VERBS: &[&str] = &["增加了", "更改了", "删除了", "修改了", "调整了", "补充了", "完善了", "合并了"];

impl Rule for ForewordContent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(foreword) = &ctx.doc.foreword else {
            return;
        };
        // A caption and the table or figure under it are one finding.
        let mut after_caption = false;
        for block in section_blocks(foreword) {
            let captioned = std::mem::replace(&mut after_caption, matches!(block.kind, BlockKind::Caption { .. }));
            if captioned && matches!(block.kind, BlockKind::Table | BlockKind::Figure) {
                continue;
            }
            let form = match &block.kind {
                BlockKind::Table => Some(("表", "a table")),
                BlockKind::Figure => Some(("图", "a figure")),
                BlockKind::Formula { .. } => Some(("数学公式", "a formula")),
                BlockKind::Caption { kind: crate::model::CaptionKind::Table, .. } => Some(("表", "a table")),
                BlockKind::Caption { kind: crate::model::CaptionKind::Figure, .. } => Some(("图", "a figure")),
                _ => None,
            };
            if let Some((zh, en)) = form {
                let shown: String =
                    ctx.text(block.span).trim().lines().next().unwrap_or_default().chars().take(20).collect();
                ctx.report_with_help(
                    block.span,
                    Message::new(
                        format!("前言中不应使用{zh}（“{shown}”）"),
                        format!("the foreword must not use {en} (“{shown}”)"),
                    ),
                    Message::new(
                        "将其改写为文字陈述，或移到正文或附录中",
                        "rewrite it as statements, or move it to the body or an annex",
                    ),
                );
                continue;
            }
            if !block.is_prose() {
                continue;
            }
            let text = ctx.text(block.span);
            for (start, end, modal) in crate::rules::provisions::modals_at(ctx.doc, block.span) {
                let (s, e) = sentence_at(text, start);
                let sentence = text.get(s..e).unwrap_or_default();
                if is_change_item(sentence) {
                    continue;
                }
                let word = text.get(start..end).unwrap_or_default();
                let (kind_zh, kind_en) = match modal {
                    Modal::Requirement => ("要求", "a requirement"),
                    Modal::Recommendation => ("推荐", "a recommendation"),
                    Modal::Permission => ("允许", "a permission"),
                };
                ctx.report_softer(
                    Span::new(block.span.start + start, block.span.start + end),
                    Message::new(
                        format!("前言中似有{kind_zh}型条款（“{word}”：{}）；前言不应包含条款", sentence.trim()),
                        format!(
                            "the foreword seems to contain {kind_en} (“{word}”: {}); a foreword holds no provisions",
                            sentence.trim()
                        ),
                    ),
                    Some(Message::new(
                        format!("去掉“{word}”改为陈述（如“本文件与……配合使用。”），或把该条款移到正文"),
                        format!(
                            "drop “{word}” and state the fact (本文件与……配合使用。), or move the provision to the body"
                        ),
                    )),
                );
            }
        }
    }
}

/// True for an item of the change list (`a) 增加了……（见5.2）；`).
fn is_change_item(sentence: &str) -> bool {
    let rest = sentence.trim_start().trim_start_matches(|c: char| {
        c.is_ascii_alphanumeric() || matches!(c, ')' | '）' | '—' | '.' | '、' | ' ' | '\u{3000}')
    });
    CHANGE_VERBS.iter().any(|v| rest.starts_with(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::messages;

    const HEAD: &str = "# 深圳市地方标准\n\nDB4403/T 900—2025\n\n# 社区助餐服务规范\n\n## 前言\n\n";
    const TAIL: &str = "\n\n## 1 范围\n\n本文件规定了社区助餐服务的要求。\n";

    #[test]
    fn modal_in_foreword_is_reported() {
        let found = messages(&ForewordContent, &format!("{HEAD}本文件应与DB4403/T 901配合使用。{TAIL}"));
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn change_items_and_boilerplate_are_not() {
        let text = format!(
            "{HEAD}请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。\n\na) 增加了服务人员应持证上岗的要求（见5.2）；\n\n本文件用“应”表示要求。{TAIL}"
        );
        assert!(messages(&ForewordContent, &text).is_empty());
    }

    #[test]
    fn change_item_detection() {
        assert!(is_change_item("a) 增加了服务人员应持证的要求（见5.2）；"));
        assert!(is_change_item("——更改了送餐要求；"));
        assert!(!is_change_item("本文件应与GB/T 1配合使用。"));
    }
}
