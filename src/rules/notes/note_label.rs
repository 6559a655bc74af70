use std::sync::LazyLock;

use regex::Regex;

use super::{Kind, label_of, number_of};
use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Note labels: a single note is “注：”; several notes in one clause are “注1：”, “注2：” ….
    /// Reported: labels such as `注1.`, `注一：`, `注(1)：`; two or more “注：” in one clause; a
    /// single numbered note (`注1：` with no 注2); “注：” mixed with numbered notes. Notes that
    /// directly follow a table or figure are numbered with it, term-entry notes per entry.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.11.2: “只有一个注时，在注的第一行内容之前应标明‘注：’；有多个注时，应标明注
    /// 编号，在同一章（未分条）或条、术语条目、图或表中注编号均从‘注1：’开始”.
    ///
    /// ## Bad
    /// ```text
    /// 注：探访服务由服务人员提供。
    /// 注：心理疏导服务由具有资质的人员提供。
    /// ```
    /// ## Good
    /// ```text
    /// 注1：探访服务由服务人员提供。
    /// 注2：心理疏导服务由具有资质的人员提供。
    /// ```
    pub struct NoteLabel {
        code: "NE001",
        name: "note-label",
        family: Notes,
        severity: Error,
        clause: "9.11.2",
        summary: "注： or 注1：注2： (never 注1 alone, never 注： twice)",
    }
}

/// Paragraphs that are notes with a malformed label: `注1.`, `注 1、`, `注一：`, `注(1)：`, `注1 …`.
static MALFORMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^注[\s\u{3000}]*(?:[0-9０-９]+[\s\u{3000}]*[.．、,，)）]|[一二三四五六七八九十]+[\s\u{3000}]*[：:、.．]|[（(][0-9一二三四五六七八九十]+[)）][\s\u{3000}]*[：:]?|[0-9]+[\s\u{3000}]+)")
        .unwrap_or_else(|e| panic!("malformed note regex: {e}"))
});

impl Rule for NoteLabel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &(_, block) in ctx.blocks_with_place() {
            if !matches!(block.kind, BlockKind::Paragraph) {
                continue;
            }
            let text = ctx.text(block.span);
            // The pattern is anchored at 注: other paragraphs never build or run it.
            if !text.starts_with('注') {
                continue;
            }
            let Some(m) = MALFORMED.find(text) else { continue };
            let label = m.as_str().trim_end();
            ctx.report_with_help(
                block.span.sub(0, label.len()),
                Message::new(format!("注的标签“{label}”不规范"), format!("the note label “{label}” is malformed")),
                Message::new(
                    "写为“注：”，同一条中有多个注时写为“注1：”“注2：”",
                    "write “注：”, or “注1：” “注2：” … for several notes in one clause",
                ),
            );
        }
        for group in ctx.note_groups(Kind::Note) {
            let unnumbered: Vec<_> = group.iter().filter(|b| number_of(b).is_none()).collect();
            let numbered: Vec<_> = group.iter().filter(|b| number_of(b).is_some()).collect();
            if unnumbered.len() >= 2 {
                for block in unnumbered.iter().skip(1) {
                    let Some(label) = label_of(block) else { continue };
                    ctx.report_with_help(
                        label.span,
                        Message::new(
                            format!("同一条中有{}个“注：”；多个注应编号", unnumbered.len()),
                            format!(
                                "{} notes labelled “注：” in one clause; several notes are numbered",
                                unnumbered.len()
                            ),
                        ),
                        Message::new("写为“注1：”“注2：”……", "label them “注1：”, “注2：” …"),
                    );
                }
            } else if group.len() == 1 && numbered.len() == 1 {
                if let Some(label) = numbered.first().and_then(|b| label_of(b)) {
                    ctx.report_softer(
                        label.span,
                        Message::new(
                            format!("只有一个注时标为“注：”，不编号（“{}”）", label.text.trim()),
                            format!("a single note is labelled “注：” without a number (“{}”)", label.text.trim()),
                        ),
                        Some(Message::new("改为“注：”", "write “注：”")),
                    );
                }
            } else if !unnumbered.is_empty() && !numbered.is_empty() {
                for block in &unnumbered {
                    let Some(label) = label_of(block) else { continue };
                    ctx.report_softer(
                        label.span,
                        Message::new(
                            "同一条中“注：”与编号的注混用",
                            "“注：” is mixed with numbered notes in one clause",
                        ),
                        Some(Message::new("全部编号：“注1：”“注2：”……", "number them all: “注1：”, “注2：” …")),
                    );
                }
            }
        }
    }
}
