use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, label_of, number_of};
use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Example labels: a single example is “示例：”; several in one clause are “示例1：”,
    /// “示例2：” …. Reported: `例：`, `举例：`, `示例一：`, `示例1.`; two or more “示例：” in one
    /// clause; a single numbered example; “示例：” mixed with numbered ones. Several unnumbered
    /// examples, numbering mixed with “示例：”, a single numbered example and a paragraph that is
    /// only `例如：` are reported one step lower (warning).
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.10.2: “只有一个示例时，在示例的具体内容之前应标明‘示例：’；有多个示例时，宜
    /// 标明示例编号，在同一章（未分条）、条或术语条目中示例编号均从‘示例1’开始”. Numbering several
    /// examples is a recommendation (宜), hence the warning.
    ///
    /// ## Bad
    /// ```text
    /// 例：2025年5月6日上门助浴服务记录。
    /// ```
    /// ## Good
    /// ```text
    /// 示例：2025年5月6日上门助浴服务记录。
    /// ```
    pub struct ExampleLabel {
        code: "NE003",
        name: "example-label",
        family: Notes,
        severity: Error,
        clause: "9.10.2",
        summary: "示例： or 示例1：示例2：",
    }
}

static MALFORMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:例[\s\u{3000}]*[0-9]*[\s\u{3000}]*[：:]|举例[\s\u{3000}]*[0-9]*[\s\u{3000}]*[：:]|示例[\s\u{3000}]*(?:[0-9０-９]+[\s\u{3000}]*[.．、,，)）]|[一二三四五六七八九十]+[\s\u{3000}]*[：:、.．]|[（(][0-9一二三四五六七八九十]+[)）][\s\u{3000}]*[：:]?))")
        .unwrap_or_else(|e| panic!("malformed example regex: {e}"))
});

impl Rule for ExampleLabel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &(_, block) in ctx.blocks_with_place() {
            if !matches!(block.kind, BlockKind::Paragraph) {
                continue;
            }
            let text = ctx.text(block.span);
            // Made only for a finding: most paragraphs have none.
            let help = || {
                Message::new(
                    "写为“示例：”，同一条中有多个示例时写为“示例1：”“示例2：”",
                    "write “示例：”, or “示例1：” “示例2：” … for several examples in one clause",
                )
            };
            // The pattern is anchored at 例, 举例 or 示例: other paragraphs never run it.
            let labelled = text.starts_with(['例', '举', '示']);
            if let Some(m) = labelled.then(|| MALFORMED.find(text)).flatten() {
                let label = m.as_str().trim_end();
                ctx.report_with_help(
                    block.span.sub(0, label.len()),
                    Message::new(
                        format!("示例的标签“{label}”不规范"),
                        format!("the example label “{label}” is malformed"),
                    ),
                    help(),
                );
            } else if matches!(text.trim(), "例如：" | "例如:") {
                ctx.report_softer(
                    block.span,
                    Message::new(
                        "单独成段的“例如：”像是示例的标签；示例以“示例：”标明",
                        "“例如：” on a line of its own reads as an example label; examples are labelled “示例：”",
                    ),
                    Some(help()),
                );
            }
        }
        for group in ctx.note_groups(Kind::Example) {
            let unnumbered: Vec<_> = group.iter().filter(|b| number_of(b).is_none()).collect();
            let numbered: Vec<_> = group.iter().filter(|b| number_of(b).is_some()).collect();
            if unnumbered.len() >= 2 {
                for block in unnumbered.iter().skip(1) {
                    let Some(label) = label_of(block) else { continue };
                    ctx.report_softer(
                        label.span,
                        Message::new(
                            format!("同一条中有{}个“示例：”；有多个示例时宜标明示例编号", unnumbered.len()),
                            format!(
                                "{} examples labelled “示例：” in one clause; several examples should be numbered",
                                unnumbered.len()
                            ),
                        ),
                        Some(Message::new("写为“示例1：”“示例2：”……", "label them “示例1：”, “示例2：” …")),
                    );
                }
            } else if group.len() == 1 && numbered.len() == 1 {
                if let Some(label) = numbered.first().and_then(|b| label_of(b)) {
                    ctx.report_softer(
                        label.span,
                        Message::new(
                            format!("只有一个示例时标为“示例：”，不编号（“{}”）", label.text.trim()),
                            format!("a single example is labelled “示例：” without a number (“{}”)", label.text.trim()),
                        ),
                        Some(Message::new("改为“示例：”", "write “示例：”")),
                    );
                }
            } else if !unnumbered.is_empty() && !numbered.is_empty() {
                for block in &unnumbered {
                    let Some(label) = label_of(block) else { continue };
                    ctx.report_softer(
                        label.span,
                        Message::new(
                            "同一条中“示例：”与编号的示例混用",
                            "“示例：” is mixed with numbered examples in one clause",
                        ),
                        Some(Message::new("全部编号：“示例1：”“示例2：”……", "number them all: “示例1：”, “示例2：” …")),
                    );
                }
            }
        }
    }
}
