use super::{entries, loose_lines};
use crate::diagnostic::Message;
use crate::model::{BlockKind, find_designations};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Each entry of chapter 2 stands on its own line as designation, a space, then the title:
    /// no sequence number or list marker before it, no book-title marks 《》 around the title,
    /// no punctuation at the end, and a title after the designation.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.3.1: “列出的文件之前不给出序号”; 10.3.4: “文件之后不加标点符号。所列出的文件
    /// 编号或‘（所有部分）’与文件名称之间应空一个汉字的间隙。” That titles stand without 《》 is
    /// the layout of the standard's own chapter 2 rather than a sentence of it. The rule warns:
    /// these are matters of layout.
    ///
    /// ## Bad
    /// ```text
    /// 1. GB/T 42195—2022《老年人能力评估规范》；
    /// ```
    /// ## Good
    /// ```text
    /// GB/T 42195—2022 老年人能力评估规范
    /// ```
    pub struct ReferenceEntryFormat {
        code: "RF003",
        name: "reference-entry-format",
        family: References,
        severity: Warning,
        clause: "8.6.3.1, 10.3.4",
        summary: "Designation + space + title, no number, no end punctuation",
        repeats: Collapse,
    }
}

impl Rule for ReferenceEntryFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        for entry in entries(doc) {
            let text = ctx.text(entry.block.span);
            // `[1] GB/T …`: the reader strips the bracketed number; the entry still carries it.
            if text.starts_with(['[', '［']) {
                let close = text
                    .find([']', '］'])
                    .map_or(1, |i| i + text.get(i..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8));
                ctx.report_with_help(
                    entry.block.span.sub(0, close),
                    Message::new(
                        format!("规范性引用文件的条目前不加序号“{}”", text.get(..close).unwrap_or_default()),
                        format!(
                            "the normative reference entry carries a sequence number “{}”; entries take none",
                            text.get(..close).unwrap_or_default()
                        ),
                    ),
                    Message::new("删除序号，序号只用于参考文献", "delete the number; numbers are for the bibliography"),
                );
            }
            let Some(designation) = entry.designation else {
                continue;
            };
            let Some(title) = entry.title else {
                ctx.report_with_help(
                    designation.span,
                    Message::new(
                        format!("规范性引用文件“{}”没有给出文件名称", designation.text),
                        format!("the normative reference “{}” gives no title", designation.text),
                    ),
                    Message::new(
                        "在文件编号后空一字写文件名称",
                        "write the title after the designation, separated by a space",
                    ),
                );
                continue;
            };
            if title.span.start == designation.span.end {
                ctx.report_with_help(
                    Span::new(designation.span.end, designation.span.end),
                    Message::new(
                        format!("文件编号“{}”与文件名称之间没有空格", designation.text),
                        format!("no space between the designation “{}” and the title", designation.text),
                    ),
                    Message::new("在编号和名称之间空一字", "separate designation and title by a space"),
                );
            }
            if title.text.starts_with('《') {
                let end = title.text.find('》').map_or(title.text.len(), |i| i + '》'.len_utf8());
                ctx.report_with_help(
                    title.span.sub(0, end),
                    Message::new(
                        "规范性引用文件一览中的文件名称不加书名号“《》”",
                        "the title is in 《》; titles in the list of normative references take none",
                    ),
                    Message::new("删除书名号", "delete the book-title marks"),
                );
            }
            if let Some(last) = title
                .text
                .trim_end()
                .chars()
                .next_back()
                .filter(|c| matches!(c, '。' | '；' | ';' | '，' | ',' | '.' | '、'))
            {
                let end = title.text.trim_end().len();
                ctx.report_with_help(
                    title.span.sub(end - last.len_utf8(), end),
                    Message::new(
                        format!("规范性引用文件的条目末尾不加标点“{last}”"),
                        format!("the normative reference entry ends with “{last}”; entries take no final punctuation"),
                    ),
                    Message::new("删除末尾的标点", "delete the final punctuation"),
                );
            }
        }
        // `1. GB/T …`, `- GB/T …`, `a) GB/T …`: a list marker in front of an entry.
        for block in loose_lines(doc) {
            let BlockKind::ListItem { marker, .. } = &block.kind else {
                continue;
            };
            let rest = ctx.text(Span::new(marker.span.end, block.span.end));
            let trimmed = rest.trim_start();
            let at = marker.span.end + (rest.len() - trimmed.len());
            if find_designations(trimmed, at).first().is_some_and(|d| d.span.start == at) {
                ctx.report_with_help(
                    marker.span,
                    Message::new(
                        format!("规范性引用文件的条目前不加序号或列项符号“{}”", marker.text),
                        format!("the normative reference entry carries the marker “{}”; entries take no number or list marker", marker.text),
                    ),
                    Message::new(
                        "每个文件单独成行：编号、空格、名称",
                        "one document a line: designation, space, title",
                    ),
                );
            }
        }
    }
}
