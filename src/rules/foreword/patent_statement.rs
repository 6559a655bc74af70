use super::foreword_paragraphs;
use crate::diagnostic::Message;
use crate::profile::ForewordItem;
use crate::rules::normalize::sentence_key;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The foreword carries the patent statement of GB/T 1.1-2020 Annex D.2 in its 2020 wording:
    /// 请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3 e) and D.2: “如果编制过程中没有识别出文件的内容涉及专利，那么文件的前言中应
    /// 给出以下内容：‘请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的
    /// 责任。’” The 2009 wording (…识别这些专利的责任。) is reported too. When the introduction
    /// discloses identified patents (D.3), whose text ends with its own variant of the sentence,
    /// this rule stays silent.
    ///
    /// ## Bad
    /// A foreword without any patent sentence.
    ///
    /// ## Good
    /// ```text
    /// 请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。
    /// ```
    pub struct PatentStatement {
        code: "FW002",
        name: "patent-statement",
        family: Foreword,
        severity: Error,
        clause: "8.3 e), D.2",
        summary: "The patent sentence",
    }
}

pub const PATENT_STATEMENT: &str = "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。";

impl Rule for PatentStatement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(foreword) = &ctx.doc.foreword else {
            return;
        };
        let help = Message::new(format!("写为：{PATENT_STATEMENT}"), format!("write: {PATENT_STATEMENT}"));
        let wanted = sentence_key(PATENT_STATEMENT);
        let candidate = foreword_paragraphs(ctx.doc).find(|(b, _)| ctx.text(b.span).contains("专利"));
        match candidate {
            Some((block, key)) => {
                if key.contains(&wanted) {
                    return;
                }
                let (zh, en) = if key.contains("识别这些专利") {
                    (
                        "专利说明是GB/T 1.1—2009的写法（“识别这些专利”）",
                        "the patent statement is the 2009 form (识别这些专利)",
                    )
                } else {
                    (
                        "专利说明与GB/T 1.1—2020 D.2规定的表述不一致",
                        "the patent statement differs from the wording of GB/T 1.1-2020 D.2",
                    )
                };
                ctx.report_with_help(block.span, Message::new(zh, en), help);
            }
            None => {
                let disclosed = ctx
                    .doc
                    .introduction
                    .as_ref()
                    .is_some_and(|i| i.blocks.iter().any(|b| ctx.text(b.span).contains("专利")));
                if !disclosed && ctx.profile.requires_foreword(ForewordItem::PatentStatement) {
                    ctx.report_with_help(
                        foreword.heading.span,
                        Message::new("前言缺少专利说明（8.3 e)）", "the foreword lacks the patent statement of 8.3 e)"),
                        help,
                    );
                }
            }
        }
    }
}
