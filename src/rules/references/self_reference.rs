use super::scan::{UnitKind, Zone, units};
use crate::diagnostic::Message;
use crate::rules::lexicon::find_self_references;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The document refers to itself as 本文件, not 本标准, 本规范, 本部分, 本规程, 本指南,
    /// 本细则 or 本办法. Words that merely end in 本 before such a word (基本规范, 成本标准,
    /// 样本标准差) are not self-references. Chapter 2 and the bibliography, which hold other
    /// documents' titles, are not searched.
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

impl Rule for SelfReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let mut hits: Vec<(Span, &str)> = Vec::new();
        for unit in units(doc) {
            if matches!(unit.zone, Zone::References | Zone::Bibliography)
                || matches!(unit.kind, UnitKind::Code | UnitKind::Reference)
            {
                continue;
            }
            let text = doc.text(unit.span);
            for word in WORDS {
                for (s, e) in find_self_references(text, word) {
                    hits.push((Span::new(unit.span.start + s, unit.span.start + e), word));
                }
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
