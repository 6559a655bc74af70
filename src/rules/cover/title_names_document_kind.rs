use std::sync::LazyLock;

use regex::Regex;

use super::title;
use crate::diagnostic::Message;
use crate::rules::designation::codes::without_stage;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The Chinese title does not name the kind of document: no `国家标准`, `行业标准`,
    /// `地方标准`, `团体标准`, `企业标准`, no `标准化指导性技术文件`, and it does not end in
    /// `标准` or `规范性文件`. `标准化` (标准化工作导则), `标准体系` and other words that merely
    /// begin with 标准 (标准物质, 标准样品) are not reported; a stage marker such as
    /// `（征求意见稿）` is ignored. A kind word inside the title, not at its end, may be the
    /// document's subject (`地方标准编写指南`) and is reported one step softer.
    ///
    /// ## Why
    /// GB/T 1.1-2020 6.1.4.1: “文件名称不必描述文件作为‘标准’或‘标准化指导性技术文件’的类别，不应
    /// 包含‘……标准’‘……国家标准’‘……行业标准’或‘……标准化指导性技术文件’等词语。” The banner
    /// above the title already says what kind of document it is. `规范性文件` is not in that list;
    /// it is reported because it names a kind of document in the same way.
    ///
    /// ## Bad
    /// ```text
    /// 社区养老服务地方标准
    /// ```
    /// ## Good
    /// ```text
    /// 社区养老服务规范
    /// ```
    pub struct TitleNamesDocumentKind {
        code: "CV006",
        name: "title-names-document-kind",
        family: Cover,
        severity: Warning,
        clause: "6.1.4.1",
        summary: "title contains 标准/国家标准/规范性文件 words",
    }
}

/// Words naming a document kind wherever they stand in the title.
static KIND_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:国家|行业|地方|团体|企业)标准(?:化指导性技术文件)?|标准化指导性技术文件")
        .unwrap_or_else(|e| panic!("document kind regex: {e}"))
});

/// The offending word of `title` as a byte range, if any.
fn kind_word(title: &str) -> Option<(usize, usize)> {
    // Every kind word holds 标准; most titles do not, and never build the pattern.
    let with_kind_word = title.contains("标准").then(|| KIND_WORD.find_iter(title));
    for m in with_kind_word.into_iter().flatten() {
        // `国家标准化…` is the start of 标准化 (国家标准化管理委员会), unless the whole
        // 标准化指导性技术文件 follows.
        let rest = title.get(m.end()..).unwrap_or_default();
        if m.as_str().ends_with("标准") && rest.starts_with('化') {
            continue;
        }
        return Some((m.start(), m.end()));
    }
    for suffix in ["规范性文件", "标准"] {
        if let Some(head) = title.strip_suffix(suffix) {
            return Some((head.len(), title.len()));
        }
    }
    None
}

impl Rule for TitleNamesDocumentKind {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(title) = title(ctx.doc) else { return };
        let text = without_stage(&title.text);
        let Some((start, end)) = kind_word(text) else { return };
        let word = text.get(start..end).unwrap_or_default();
        let span = Span::new(title.span.start + start, title.span.start + end);
        let message = Message::new(
            format!("文件名称“{text}”中不应包含“{word}”等表示文件类别的词语"),
            format!("the title “{text}” names the document kind (“{word}”); a title does not"),
        );
        let help = Message::new(
            "删去该词语，以“规范”“规程”“指南”等功能类型词结尾，如“社区养老服务规范”",
            "drop it and end with a function word such as 规范, 规程 or 指南 (社区养老服务规范)",
        );
        // Inside the title the word may be the document's subject (地方标准编写指南): softer.
        if end == text.len() {
            ctx.report_with_help(span, message, help);
        } else {
            ctx.report_softer(span, message, Some(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::kind_word;

    #[test]
    fn kind_words() {
        assert!(kind_word("社区养老服务地方标准").is_some());
        assert!(kind_word("养老机构服务标准").is_some());
        assert!(kind_word("政务服务规范性文件").is_some());
        assert!(kind_word("标准化工作导则").is_none());
        assert!(kind_word("社区养老服务规范").is_none());
        assert!(kind_word("标准物质定值规范").is_none());
        assert!(kind_word("地方标准化工作指南").is_none());
        assert_eq!(kind_word("养老服务团体标准编写指南"), Some((12, 24)));
    }
}
