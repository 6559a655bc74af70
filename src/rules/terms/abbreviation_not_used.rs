use crate::diagnostic::Message;
use crate::model::Document;
use crate::rules::references::scan::units;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

use super::{symbol_clauses, symbol_entries};

declare_rule! {
    /// ## What it checks
    /// A symbol or abbreviation listed in the symbols chapter (`DRM：数字版权保护`) never
    /// appears anywhere else in the document: the titles, the foreword, provisions, tables,
    /// formulas, the referenced documents' titles, annexes. Abbreviations are matched as whole
    /// words (DRM is not found in DRMS; URL is found in `DID URLs`, `AWS S3` in `AWSS3`);
    /// symbols written with TeX markup (`$t_{0}$`) are compared without it, and an unused
    /// symbol is only advice, because formulas in converted documents are often images.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.8.1: the element gives “为理解文件所必需的、文件中使用的符号和缩略语的说明或
    /// 定义”; 9.4.2.4, example 2: “只有文件中多次使用并需要说明某符号或缩略语时，才应列出该符号或
    /// 缩略语。” An unused one is left over from an earlier draft.
    ///
    /// ## Bad
    /// ```text
    /// 4 缩略语
    /// 下列缩略语适用于本文件。
    /// OCR：光学字符识别（Optical Character Recognition）
    /// （正文从未出现OCR）
    /// ```
    /// ## Good
    /// Delete the entry, or use the abbreviation in the text.
    pub struct AbbreviationNotUsed {
        code: "TM017",
        name: "abbreviation-not-used",
        family: Terms,
        severity: Warning,
        clause: "8.8.1",
        summary: "A listed symbol or abbreviation never appears in the text",
    }
}

/// `$t_{0}$` → `t0`: TeX markup and white space removed.
fn plain(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '$' | '{' | '}' | '\\' | '_' | '^' | '*')).collect()
}

/// `key` occurs in `text` as whole words: no ASCII letter or digit glued to it but an English
/// plural `s` (`URLs`), and the words of a key written with spaces (`AWS S3`) separated by any
/// white space or none (`AWSS3`).
fn has_word(text: &str, key: &str) -> bool {
    let mut words = key.split_whitespace();
    let Some(first) = words.next() else { return false };
    let rest: Vec<&str> = words.collect();
    text.match_indices(first).any(|(i, m)| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        let mut end = i + m.len();
        for word in &rest {
            let tail = text.get(end..).unwrap_or_default();
            let gap = tail.len() - tail.trim_start().len();
            if !tail.trim_start().starts_with(word) {
                return false;
            }
            end += gap + word.len();
        }
        let after = text.get(end..).unwrap_or_default();
        let after =
            after.strip_prefix('s').filter(|_| key.ends_with(|c: char| c.is_ascii_uppercase())).unwrap_or(after);
        after.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// The whole Latin head of an entry written `AWS S3：对象存储服务`, when it runs past the key
/// (`AWS`) to the colon.
fn full_key(doc: &Document, entry_start: usize, block_end: usize) -> Option<String> {
    let text = doc.text(Span::new(entry_start, block_end));
    let head = text.get(..text.find(['：', ':'])?)?.trim();
    let latin = head.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || matches!(c, '-' | '/' | '.'));
    (latin && head.contains(' ') && head.len() <= 40).then(|| head.to_owned())
}

impl Rule for AbbreviationNotUsed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        for clause in symbol_clauses(doc) {
            let entries = symbol_entries(doc, clause);
            if entries.is_empty() {
                continue;
            }
            // Everywhere but the list itself: the titles of the cover, the references of chapter 2
            // and the foreword count as well.
            let inside = |start: usize| clause.blocks.iter().any(|b| b.span.start <= start && start < b.span.end);
            let texts: Vec<&str> = units(doc)
                .iter()
                .map(|u| u.span)
                .chain([&doc.meta.title_zh, &doc.meta.title_en].into_iter().flatten().map(|t| t.span))
                .filter(|span| !inside(span.start))
                .map(|span| doc.text(span))
                .collect();
            for entry in entries {
                let simple = entry.key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'));
                let used = if simple {
                    let whole = full_key(doc, entry.span.start, entry.block.span.end);
                    texts.iter().any(|t| has_word(t, &entry.key) || whole.as_ref().is_some_and(|w| has_word(t, w)))
                } else {
                    let key = plain(&entry.key);
                    key.is_empty() || texts.iter().any(|t| plain(t).contains(key.as_str()))
                };
                if used {
                    continue;
                }
                let abbreviation = entry.key.chars().filter(char::is_ascii_uppercase).count() >= 2;
                let message = Message::new(
                    format!("清单中的“{}”在文件其他部分没有出现", entry.key),
                    format!("“{}” is listed but does not appear anywhere else in the document", entry.key),
                );
                let help = Message::new("删除该条目，或在正文中使用它", "delete the entry, or use it in the text");
                if abbreviation {
                    ctx.report_with_help(entry.span, message, help);
                } else {
                    ctx.report_softer(entry.span, message, Some(help));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::has_word;

    #[test]
    fn whole_words_plurals_and_spaced_keys() {
        assert!(has_word("解析DID URLs。", "URL"));
        assert!(has_word("兼容AWSS3协议", "AWS S3"));
        assert!(has_word("兼容AWS  S3协议", "AWS S3"));
        assert!(!has_word("DRMS系统", "DRM"));
        assert!(!has_word("AWSX3", "AWS S3"));
    }
}
