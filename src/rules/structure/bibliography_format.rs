#[cfg(test)]
use std::sync::LazyLock;

#[cfg(test)]
use regex::Regex;

use crate::diagnostic::Message;
use crate::model::{BlockKind, ElementKind, find_designations};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::scan::ascii_digits_len;

declare_rule! {
    /// ## What it checks
    /// The entries of 参考文献 carry sequence numbers in square brackets, [1], [2], … , running
    /// from 1 without gaps, and the element is not subdivided. Reported: an entry numbered
    /// `1.`, `1、`, `（1）` or not numbered at all; a number out of sequence; a numbered heading
    /// inside the bibliography. Unnumbered grouping headings (国家标准, 法律法规) are allowed.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.13: “该要素不应分条，列出的清单可以通过描述性的标题进行分组，标题不应编号。”
    /// “每个列出的参考文件或信息资源前应在方括号中给出序号。” That the numbers run without gaps
    /// is practice. The rule warns because entries and headings are told apart by their form.
    ///
    /// ## Bad
    /// ```text
    /// 参考文献
    /// 1. GB/T 19038—2009 顾客满意测评模型和方法指南
    /// ```
    /// ## Good
    /// ```text
    /// 参考文献
    /// [1] GB/T 19038—2009 顾客满意测评模型和方法指南
    /// ```
    pub struct BibliographyFormat {
        code: "ST015",
        name: "bibliography-format",
        family: Structure,
        severity: Warning,
        clause: "8.13",
        summary: "Entries [1] [2] …, not subdivided",
    }
}

/// The pattern [`bracketed_number`] reads by hand (kept for its tests).
#[cfg(test)]
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[［]\s*([0-9]+)\s*[\]］]").unwrap_or_else(|e| panic!("bracketed number regex: {e}"))
});
/// Other ways of numbering a list entry: the pattern [`other_number_end`] reads by hand.
#[cfg(test)]
static OTHER_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9]+\s*[.、．]|[（(][0-9]+[)）]|[0-9]+[)）])")
        .unwrap_or_else(|e| panic!("entry number regex: {e}"))
});

/// `[1]`, `［ 12 ］` opening an entry ([`BRACKETED`]): where it ends and its digits.
fn bracketed_number(text: &str) -> Option<(usize, &str)> {
    let inner = text.strip_prefix(['[', '［'])?.trim_start();
    let digits = inner.get(..ascii_digits_len(inner)).filter(|d| !d.is_empty())?;
    let after = inner.get(digits.len()..)?.trim_start();
    let close = after.chars().next().filter(|c| matches!(c, ']' | '］'))?;
    Some((text.len() - after.len() + close.len_utf8(), digits))
}

/// `1.`, `2、`, `(3)`, `4)` opening an entry ([`OTHER_NUMBER`]): where the number ends.
fn other_number_end(text: &str) -> Option<usize> {
    let digits = ascii_digits_len(text);
    if digits > 0 {
        let rest = text.get(digits..)?;
        let spaced = rest.trim_start();
        if let Some(dot) = spaced.chars().next().filter(|c| matches!(c, '.' | '、' | '．')) {
            return Some(text.len() - spaced.len() + dot.len_utf8());
        }
        let close = rest.chars().next().filter(|c| matches!(c, ')' | '）'))?;
        return Some(digits + close.len_utf8());
    }
    let open = text.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let inner = text.get(open.len_utf8()..)?;
    let digits = ascii_digits_len(inner);
    let close = inner.get(digits..)?.chars().next().filter(|c| digits > 0 && matches!(c, ')' | '）'))?;
    Some(open.len_utf8() + digits + close.len_utf8())
}

impl Rule for BibliographyFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some(bib) = &doc.bibliography else {
            return;
        };
        let mut expected = 1u32;
        for block in &bib.blocks {
            if !matches!(block.kind, BlockKind::Reference { .. } | BlockKind::Paragraph | BlockKind::ListItem { .. }) {
                continue;
            }
            let raw = ctx.text(block.span);
            let text = raw.trim_start_matches(|c: char| c == '#' || c.is_whitespace());
            let offset = block.span.start + (raw.len() - text.len());
            let first_line = text.lines().next().unwrap_or_default().trim_end();
            if let Some((end, digits)) = bracketed_number(text) {
                let number: u32 = digits.parse().unwrap_or(0);
                if number != expected {
                    ctx.report_with_help(
                        crate::source::Span::new(offset, offset + end),
                        Message::new(
                            format!("参考文献的序号不连续：此处为[{number}]，接续的序号为[{expected}]"),
                            format!("bibliography numbers do not run on: found [{number}], the next is [{expected}]"),
                        ),
                        Message::new(format!("改为“[{expected}]”"), format!("number it [{expected}]")),
                    );
                }
                expected = number.max(expected) + 1;
                continue;
            }
            if let Some(end) = other_number_end(text) {
                let marker = text.get(..end).unwrap_or_default().trim();
                ctx.report_with_help(
                    crate::source::Span::new(offset, offset + end),
                    Message::new(
                        format!("参考文献条目的序号为“{marker}”；序号应在方括号中给出"),
                        format!("the bibliography entry is numbered “{marker}”; numbers go in square brackets"),
                    ),
                    Message::new(format!("改为“[{expected}]”"), format!("number it [{expected}]")),
                );
                expected += 1;
                continue;
            }
            // An unnumbered line naming a document is an entry without its number; a short
            // line naming none is a grouping heading, which is allowed.
            let names_document = !find_designations(first_line, offset).is_empty() || first_line.contains('《');
            if names_document {
                let end = offset + first_line.len();
                ctx.report_with_help(
                    crate::source::Span::new(offset, end),
                    Message::new(
                        format!("参考文献条目缺少方括号序号：“{first_line}”"),
                        format!("the bibliography entry has no number in square brackets: “{first_line}”"),
                    ),
                    Message::new(format!("在条目前加“[{expected}]”"), format!("put [{expected}] before the entry")),
                );
                expected += 1;
            }
        }
        // Numbered headings inside: the reader takes them for subclauses, or for chapters after
        // the bibliography when no annex or index comes between.
        let mut headings: Vec<(crate::source::Span, String)> =
            bib.subclauses.iter().map(|c| (c.span, format!("{} {}", c.declared.text, c.title_text()))).collect();
        let after = doc.elements.iter().skip_while(|e| e.kind != ElementKind::Bibliography).skip(1);
        for element in after.take_while(|e| e.kind == ElementKind::Chapter) {
            if let Some(c) = doc.chapters.iter().find(|c| c.span == element.span) {
                headings.push((c.span, format!("{} {}", c.declared.text, c.title_text())));
            }
        }
        for (span, label) in headings {
            ctx.report_with_help(
                span,
                Message::new(
                    format!("参考文献不应分条，分组标题不应编号（此处有“{label}”）"),
                    format!(
                        "the bibliography must not be subdivided, nor its group headings numbered (found “{label}”)"
                    ),
                ),
                Message::new(
                    "去掉编号；需要分组时只用不编号的说明性标题",
                    "drop the number; group entries, if at all, under unnumbered descriptive headings",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::messages;

    #[test]
    fn entry_numbers_are_read_as_their_patterns_read_them() {
        const PIECES: &[&str] =
            &["[", "［", "]", "］", "(", "（", ")", "）", "1", "23", " ", "\u{3000}", "\t", ".", "、", "．", "x", "中"];
        for text in crate::model::generated_texts(0xa54f_f53a_5f1d_36f1, PIECES, 7).take(60_000) {
            let by_pattern =
                BRACKETED.captures(&text).map(|caps| (caps.get(0).map(|m| m.end()), caps.get(1).map(|m| m.as_str())));
            let by_hand = bracketed_number(&text).map(|(end, digits)| (Some(end), Some(digits)));
            assert_eq!(by_hand, by_pattern, "{text:?}");
            assert_eq!(other_number_end(&text), OTHER_NUMBER.find(&text).map(|m| m.end()), "{text:?}");
        }
    }

    const DOC: &str = "# 深圳市地方标准\n\nDB4403/T 900—2025\n\n# 社区助餐服务规范\n\n## 前言\n\n本文件由深圳市民政局提出并归口。\n\n## 1 范围\n\n本文件规定了助餐服务的要求。\n\n## 参考文献\n\n";

    #[test]
    fn entries_are_bracketed_and_continuous() {
        let ok = format!(
            "{DOC}### 国家标准\n\n[1] GB/T 19038—2009 顾客满意测评模型和方法指南\n\n### 法律法规\n\n[2] 《中华人民共和国老年人权益保障法》\n"
        );
        assert!(messages(&BibliographyFormat, &ok).is_empty(), "{:?}", messages(&BibliographyFormat, &ok));
        let gap =
            format!("{DOC}[1] GB/T 19038—2009 顾客满意测评模型和方法指南\n\n[3] GB/T 19039—2009 顾客满意测评通则\n");
        assert_eq!(messages(&BibliographyFormat, &gap).len(), 1);
        let dotted = format!("{DOC}1. GB/T 19038—2009 顾客满意测评模型和方法指南\n");
        assert_eq!(messages(&BibliographyFormat, &dotted).len(), 1);
    }
}
