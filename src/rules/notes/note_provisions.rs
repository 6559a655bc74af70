use super::{Kind, all_of, label_of};
use crate::diagnostic::Message;
use crate::rules::lexicon::Modal;
use crate::rules::provision_mask::ProvisionMask;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A note contains a provision: a requirement (应, 不应, 必须) is an error; a recommendation
    /// or permission (宜, 可) one step lower. Term-entry notes are included. Quotations and
    /// titles, defined terms, place names (宜宾市) and words that only contain these characters
    /// (应急, 相应, 可能, 可用性 …) are not counted.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.2: additional information, notes included, “宜表述为对事实的陈述，不应包含要求或
    /// 指示型条款，也不应包含推荐或允许型条款”; 9.11.1: “注属于附加信息”. A requirement in a note is
    /// easily overlooked and its force is unclear. 宜 and 可 are reported one step lower because
    /// telling them from ordinary words is less certain.
    ///
    /// ## Bad
    /// ```text
    /// 注：服务人员应佩戴工作证。
    /// ```
    /// ## Good
    /// ```text
    /// 注：工作证式样由服务机构统一制作。
    /// ```
    pub struct NoteProvisions {
        code: "NE002",
        name: "note-provisions",
        family: Notes,
        severity: Error,
        clause: "9.2",
        summary: "No requirement, recommendation or permission in a note",
    }
}

impl Rule for NoteProvisions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let mask = ProvisionMask::of_document(ctx.doc);
        for block in all_of(ctx, Kind::Note) {
            let start = label_of(block).map_or(block.span.start, |l| l.span.end);
            let span = crate::source::Span::new(start, block.span.end);
            let text = ctx.text(span);
            for (s, e, modal) in mask.modals(text) {
                let word = text.get(s..e).unwrap_or_default();
                let help = Message::new(
                    "将要求写入正文的条款，注中只给出附加信息",
                    "move the provision into the text; a note only gives additional information",
                );
                if modal == Modal::Requirement {
                    ctx.report_with_help(
                        span.sub(s, e),
                        Message::new(
                            format!("注中不应包含要求（“{word}”）"),
                            format!("a note must not contain a requirement (“{word}”)"),
                        ),
                        help,
                    );
                } else {
                    ctx.report_softer(
                        span.sub(s, e),
                        Message::new(
                            format!("注中不应包含推荐或允许型条款（“{word}”）"),
                            format!("a note must not contain a recommendation or permission (“{word}”)"),
                        ),
                        Some(help),
                    );
                }
            }
        }
    }
}
