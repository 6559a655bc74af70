use super::foreword_blocks;
use crate::diagnostic::Message;
use crate::profile::ForewordItem;
use crate::rules::normalize::{sentence_key, similarity};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The foreword opens with the drafting statement in the exact 2020 wording:
    /// 本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3 a): “具体表述为‘本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化
    /// 文件的结构和起草规则》的规定起草。’” White space and full/half-width punctuation are
    /// tolerated; the 2009 form (本标准按照GB/T 1.1—2009给出的规则起草。), a missing title or
    /// another wording is reported.
    ///
    /// ## Bad
    /// ```text
    /// 本标准按照GB/T 1.1—2009给出的规则起草。
    /// ```
    /// ## Good
    /// ```text
    /// 本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。
    /// ```
    pub struct DraftingStatement {
        code: "FW001",
        name: "drafting-statement",
        family: Foreword,
        severity: Error,
        clause: "8.3 a)",
        summary: "The exact GB/T 1.1—2020 drafting sentence",
    }
}

pub const DRAFTING_STATEMENT: &str =
    "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。";

impl Rule for DraftingStatement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(foreword) = &ctx.doc.foreword else {
            return;
        };
        let wanted = sentence_key(DRAFTING_STATEMENT);
        // PDF conversions break the sentence over paragraphs: read on while a paragraph ends
        // without a full stop.
        let blocks = foreword_blocks(ctx.doc);
        let candidate = blocks.iter().enumerate().find_map(|(i, b)| {
            let mut span = b.span;
            for next in blocks.iter().skip(i + 1).take(3) {
                if ctx.text(span).trim_end().ends_with('。') {
                    break;
                }
                span = span.cover(next.span);
            }
            let key = sentence_key(ctx.text(span));
            (key.contains("1.1") && key.contains("起草")).then_some(crate::model::Block { kind: b.kind.clone(), span })
        });
        let help = Message::new(format!("写为：{DRAFTING_STATEMENT}"), format!("write: {DRAFTING_STATEMENT}"));
        let Some(block) = candidate.as_ref() else {
            if ctx.profile.requires_foreword(ForewordItem::DraftingStatement) {
                ctx.report_with_help(
                    foreword.heading.span,
                    Message::new(
                        "前言缺少起草依据的说明（8.3 a)）",
                        "the foreword lacks the drafting statement of 8.3 a)",
                    ),
                    help,
                );
            }
            return;
        };
        let text = ctx.text(block.span);
        let key = sentence_key(text);
        // The statement may share its paragraph with other sentences; compare the sentence.
        let sentence = key.split_inclusive('。').find(|s| s.contains("1.1")).unwrap_or(&key);
        if sentence == wanted {
            return;
        }
        let (zh, en) = if sentence.contains("2009") || sentence.contains("给出的规则") {
            (
                "起草依据是GB/T 1.1—2009的写法；本文件应按GB/T 1.1—2020起草".to_owned(),
                "the drafting statement is the GB/T 1.1-2009 form; documents are drafted to GB/T 1.1-2020".to_owned(),
            )
        } else if sentence.starts_with("本标准") || sentence.starts_with("本规范") {
            (
                "起草依据的说明应以“本文件”开头".to_owned(),
                "the drafting statement does not start with 本文件 (this document)".to_owned(),
            )
        } else if similarity(sentence, &wanted) > 0.5 {
            (
                format!("起草依据的说明与GB/T 1.1—2020 8.3 a)规定的表述不一致：“{}”", text.trim()),
                format!("the drafting statement differs from the wording of GB/T 1.1-2020 8.3 a): “{}”", text.trim()),
            )
        } else {
            (
                format!("起草依据的说明不符合规定的表述：“{}”", text.trim()),
                format!("the drafting statement is not in the prescribed form: “{}”", text.trim()),
            )
        };
        ctx.report_with_help(block.span, Message::new(zh, en), help);
    }
}
