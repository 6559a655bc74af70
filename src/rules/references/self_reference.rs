use super::scan::{UnitKind, Zone, units};
use crate::diagnostic::Message;
use crate::read::classify::is_han;
use crate::rules::lexicon::ends_a_word_in_ben;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The document refers to itself as 本文件, not 本标准, 本规范, 本部分, 本规程, 本指南,
    /// 本细则 or 本办法, nor by a longer name taken from its own title (本数据规范 in a
    /// document titled …时空数据规范…). Words that merely end in 本 before such a word
    /// (基本规范, 成本标准, 样本标准差) are not self-references, nor is a name that is not this
    /// document's (本行日志规范). Chapter 2 and the bibliography, which hold other documents'
    /// titles, are not searched.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.5.2: “在文件中需要称呼文件自身时应使用的表述形式为：‘本文件……’（包括标准、
    /// 标准的某个部分、标准化指导性技术文件）。” The 2009 edition used 本标准 / 本部分. In the
    /// internal-spec profile this is only advice.
    ///
    /// ## Bad
    /// ```text
    /// 本标准规定了居家养老上门服务的基本要求。
    /// ```
    /// ## Good
    /// ```text
    /// 本文件规定了居家养老上门服务的基本要求。
    /// ```
    pub struct SelfReference {
        code: "RF006",
        name: "self-reference",
        family: References,
        severity: Warning,
        clause: "9.5.2",
        summary: "本标准 / 本规范 / 本部分 instead of 本文件",
        repeats: Collapse,
        fixable: true,
    }
}

const WORDS: &[&str] = &["本标准", "本规范", "本部分", "本规程", "本指南", "本细则", "本办法", "本导则"];

/// The kinds of document a longer self-reference ends with (本数据规范, 本技术指南).
const KINDS: &[&str] = &["标准", "规范", "规程", "指南", "细则", "办法", "导则"];

/// The last character of each of [`KINDS`].
const KIND_ENDS: [char; 6] = ['准', '范', '程', '南', '则', '法'];

/// 本 + words + a kind of document (本数据规范) where the words and the kind are the tail of a
/// part of this document's title (…时空数据规范…): a self-reference by name. 本行日志规范
/// (our bank's logging rules) names another document and is not reported.
fn named_self_references(text: &str, title: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if title.is_empty() {
        return out;
    }
    for (at, _) in text.match_indices('本') {
        if ends_a_word_in_ben(text, at) {
            continue;
        }
        let after = text.get(at + '本'.len_utf8()..).unwrap_or_default();
        // The run of Han characters after 本, at most eight, as a slice: 本 opens nearly every
        // paragraph (本文件), and a copy of the run each time was most of this rule.
        let run_end =
            after.char_indices().take_while(|&(_, c)| is_han(c)).take(8).last().map_or(0, |(i, c)| i + c.len_utf8());
        let words = after.get(..run_end).unwrap_or_default();
        // Every kind ends with one of these: most 本 (本文件规定了) are followed by none.
        if !words.contains(KIND_ENDS) {
            continue;
        }
        let named = KINDS
            .iter()
            .filter_map(|kind| words.find(kind).filter(|&start| start > 0).map(|start| start + kind.len()))
            .filter(|&end| words.get(..end).is_some_and(|name| title.contains(name)))
            .min();
        if let Some(end) = named {
            out.push((at, at + '本'.len_utf8() + end));
        }
    }
    out
}

impl Rule for SelfReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let title = doc.meta.title_zh.as_ref().map(|t| crate::model::compact(&t.text)).unwrap_or_default();
        let mut hits: Vec<(Span, &str)> = Vec::new();
        for &unit in units(doc) {
            if matches!(unit.zone, Zone::References | Zone::Bibliography)
                || matches!(unit.kind, UnitKind::Code | UnitKind::Reference)
            {
                continue;
            }
            let text = doc.text(unit.span);
            // Every word opens with 本: most units have none.
            if !text.contains('本') {
                continue;
            }
            // One pass over the 本 of the unit instead of one search per word (the hits are
            // sorted by place below, so their order here does not matter).
            for (at, _) in text.match_indices('本') {
                let rest = text.get(at..).unwrap_or_default();
                let Some(word) = WORDS.iter().find(|w| rest.starts_with(**w)) else { continue };
                if !ends_a_word_in_ben(text, at) {
                    hits.push((Span::new(unit.span.start + at, unit.span.start + at + word.len()), word));
                }
            }
            for (s, e) in named_self_references(text, &title) {
                hits.push((Span::new(unit.span.start + s, unit.span.start + e), text.get(s..e).unwrap_or_default()));
            }
        }
        hits.sort_by_key(|(s, _)| s.start);
        for (span, word) in hits {
            // Safe to fix: the word is matched whole, outside references, code and the
            // bibliography, so the edit never changes a cited title.
            ctx.report_fixable(
                span,
                Message::new(
                    format!("文件称呼自身时用“本文件”，不用“{word}”"),
                    format!("the document calls itself {word}; a document refers to itself as 本文件"),
                ),
                Message::new(format!("将“{word}”改为“本文件”"), format!("replace {word} with 本文件")),
                "本文件",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::named_self_references;

    #[test]
    fn longer_names_of_this_document() {
        let title = "实景三维时空数据规范第1部分：数据分类";
        let text = "本数据规范规定了分类；按本行日志规范处理；本文件适用于数据。";
        let found: Vec<&str> =
            named_self_references(text, title).into_iter().filter_map(|(s, e)| text.get(s..e)).collect();
        assert_eq!(found, vec!["本数据规范"]);
        assert!(named_self_references("按基本数据规范执行。", title).is_empty());
        // At the end of the text; and a run longer than eight characters, whose kind lies past them.
        let at_end = "按本数据规范";
        let found: Vec<&str> =
            named_self_references(at_end, title).into_iter().filter_map(|(s, e)| at_end.get(s..e)).collect();
        assert_eq!(found, vec!["本数据规范"]);
        assert!(named_self_references("本实景三维时空数据规范第1部分", title).is_empty());
    }
}
