use super::foreword_paragraphs;
use crate::diagnostic::Message;
use crate::profile::ForewordItem;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The foreword names the drafting organisations (本文件起草单位：…。) and the principal
    /// drafters (本文件主要起草人：…。), and neither list is empty.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3 g): the foreword gives “文件的起草单位和主要起草人，使用下列表述形式：
    /// ‘本文件起草单位：……。’‘本文件主要起草人：……。’” Placeholders (……, ××) are accepted in
    /// drafts; an empty label is not.
    ///
    /// ## Bad
    /// ```text
    /// 起草单位：
    /// ```
    /// ## Good
    /// ```text
    /// 本文件起草单位：深圳市福田区民政局、深圳市标准技术研究院。
    /// 本文件主要起草人：张三、李四。
    /// ```
    pub struct Drafters {
        code: "FW006",
        name: "drafters",
        family: Foreword,
        severity: Error,
        clause: "8.3 g)",
        summary: "起草单位 and 主要起草人 present and not empty",
    }
}

impl Rule for Drafters {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(foreword) = &ctx.doc.foreword else {
            return;
        };
        let paragraphs: Vec<_> = foreword_paragraphs(ctx.doc).collect();
        let items = [
            (ForewordItem::DraftingUnits, "起草单位", "drafting organisations", "本文件起草单位：××、××。"),
            (ForewordItem::Drafters, "起草人", "principal drafters", "本文件主要起草人：××、××。"),
        ];
        for (item, label, label_en, form) in items {
            let is_person = item == ForewordItem::Drafters;
            let found = paragraphs.iter().find(|(_, key)| {
                if is_person {
                    key.contains("起草人") && !key.contains("起草单位")
                } else {
                    key.contains("起草单位")
                }
            });
            match found {
                Some((block, key)) => {
                    let content = key.split_once('：').map_or("", |(_, after)| after).trim_end_matches('。');
                    if content.is_empty() {
                        ctx.report_with_help(
                            block.span,
                            Message::new(
                                format!("前言中的{label}为空"),
                                format!("the {label_en} in the foreword are empty"),
                            ),
                            Message::new(format!("写为：{form}"), format!("write: {form}")),
                        );
                    }
                }
                None if ctx.profile.requires_foreword(item) => {
                    ctx.report_with_help(
                        foreword.heading.span,
                        Message::new(
                            format!("前言缺少{label}的说明（8.3 g)）"),
                            format!("the foreword does not name the {label_en} (8.3 g))"),
                        ),
                        Message::new(format!("增加：{form}"), format!("add: {form}")),
                    );
                }
                None => {}
            }
        }
    }
}
