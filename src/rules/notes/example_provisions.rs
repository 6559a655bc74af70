use super::{Kind, all_of, label_of};
use crate::diagnostic::Message;
use crate::rules::lexicon::Modal;
use crate::rules::provision_mask::ProvisionMask;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// An example contains a requirement (应, 不应, 必须). Recommendations and permissions are
    /// left alone: examples often show the options a provision allows. Term-entry examples are
    /// included. Quotations and titles, defined terms, place names and words that only contain
    /// 应 (应急, 相应 …) are not counted.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.2: additional information — examples, notes, footnotes — “不应包含要求或指示型
    /// 条款，也不应包含推荐或允许型条款”. Its note excepts examples that show such provisions in
    /// order to illustrate them (“通常将这样的示例内容置于线框内”), which is why only
    /// requirements are reported here.
    ///
    /// ## Bad
    /// ```text
    /// 示例：服务记录应保存3年。
    /// ```
    /// ## Good
    /// ```text
    /// 示例：2025年5月6日上门助浴服务记录。
    /// ```
    pub struct ExampleProvisions {
        code: "NE004",
        name: "example-provisions",
        family: Notes,
        severity: Error,
        clause: "9.2",
        summary: "No requirement in an example",
    }
}

impl Rule for ExampleProvisions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let mask = ProvisionMask::of_document(ctx.doc);
        for block in all_of(ctx, Kind::Example) {
            let start = label_of(block).map_or(block.span.start, |l| l.span.end);
            let span = crate::source::Span::new(start, block.span.end);
            let text = ctx.text(span);
            for (s, e, modal) in mask.modals(text) {
                if modal != Modal::Requirement {
                    continue;
                }
                let word = text.get(s..e).unwrap_or_default();
                ctx.report_with_help(
                    span.sub(s, e),
                    Message::new(
                        format!("示例中不应包含要求（“{word}”）"),
                        format!("an example must not contain a requirement (“{word}”)"),
                    ),
                    Message::new(
                        "将要求写入正文的条款，示例只作说明",
                        "move the requirement into the text; an example only illustrates",
                    ),
                );
            }
        }
    }
}
