//! NU — chapters, clauses, paragraphs (GB/T 1.1-2020 7.2–7.4).

mod chapter_sequence;
mod chapter_title;
mod clause_depth;
mod clause_number_prefix;
mod clause_sequence;
mod first_level_title;
mod hanging_paragraph;
mod lone_subclause;
mod sibling_titles;
mod title_punctuation;
mod untitled_subdivided;

use crate::model::{Annex, BlockKind, Clause, Document, Text};
use crate::rules::{Rule, lexicon};
use crate::source::Span;

pub(super) const RULES: &[&dyn Rule] = &[
    &chapter_sequence::ChapterSequence,
    &chapter_title::ChapterTitle,
    &clause_number_prefix::ClauseNumberPrefix,
    &clause_sequence::ClauseSequence,
    &lone_subclause::LoneSubclause,
    &clause_depth::ClauseDepth,
    &sibling_titles::SiblingTitles,
    &hanging_paragraph::HangingParagraph,
    &untitled_subdivided::UntitledSubdivided,
    &first_level_title::FirstLevelTitle,
    &title_punctuation::TitlePunctuation,
];

/// A parent and its subclauses: every clause with children, plus each annex with its
/// first-level clauses (an annex is subdivided like a chapter).
pub(crate) struct Family<'a> {
    /// The parent's label for messages: `5`, `5.2`, `附录A`.
    pub label: String,
    pub parent: Option<&'a Clause>,
    pub children: &'a [Clause],
}

/// Read through [`Context::families`](crate::rules::Context::families), which keeps them for
/// the run.
pub(crate) fn families<'a>(doc: &'a Document, clauses: &[&'a Clause]) -> Vec<Family<'a>> {
    let mut out = Vec::new();
    for &clause in clauses {
        if !clause.children.is_empty() {
            out.push(Family { label: clause.declared.text.clone(), parent: Some(clause), children: &clause.children });
        }
    }
    for annex in &doc.annexes {
        if !annex.clauses.is_empty() {
            out.push(Family { label: format!("附录{}", annex.letter), parent: None, children: &annex.clauses });
        }
    }
    out
}

/// A chapter (or an annex) and five levels of subclauses: GB/T 1.1-2020 7.3.
pub(crate) const MAX_LEVEL: usize = 6;

/// A clause deeper than five subclause levels (`4.3.1.1.1.1.1`, often a mistyped number). NU006
/// reports it once; what follows from it — a lone subclause, a wrong prefix, a hanging paragraph
/// above it — is not reported again.
pub(crate) fn too_deep(clause: &Clause) -> bool {
    clause.level() > MAX_LEVEL
}

/// True when `child` carries the number its parent implies (5.2.1 under 5.2).
pub(crate) fn prefix_matches(parent: &Clause, child: &Clause) -> bool {
    child.number.annex == parent.number.annex
        && child.number.depth() == parent.number.depth() + 1
        && child.number.parts.starts_with(&parent.number.parts)
}

/// Marks a chapter, clause or annex title does not end with (NU011).
pub(crate) const TITLE_END_MARKS: &[char] =
    &['。', '．', '.', '，', ',', '；', ';', '：', ':', '、', '！', '!', '？', '?', '…'];

/// A title that ends with punctuation, with the span of the trailing marks.
pub(crate) struct PunctuatedTitle {
    /// The whole title as typed, marks included.
    pub title: Text,
    pub marks: Span,
}

/// The clause's title if it ends with punctuation. The reader takes `5.1 服务内容。` for an
/// untitled clause with the paragraph “服务内容。” (a title never holds 。；，), so a short
/// paragraph on the heading line that is no provision and only ends with marks counts too.
pub(crate) fn punctuated_title(doc: &Document, clause: &Clause) -> Option<PunctuatedTitle> {
    let title = match &clause.title {
        Some(title) => title.clone(),
        None => {
            let first = clause.blocks.first().filter(|b| matches!(b.kind, BlockKind::Paragraph))?;
            // Only the part of the paragraph on the heading line itself.
            if first.span.start >= clause.span.end {
                return None;
            }
            title_with_marks(doc, Span::new(first.span.start, first.span.end.min(clause.span.end)))?
        }
    };
    trailing_marks(&title).map(|marks| PunctuatedTitle { title, marks })
}

/// The annex's title if it ends with punctuation; a title line ending with `：` is read as the
/// annex's first paragraph, so that counts too when it looks like a title.
pub(crate) fn punctuated_annex_title(doc: &Document, annex: &Annex) -> Option<PunctuatedTitle> {
    let title = match &annex.title {
        Some(title) => title.clone(),
        None => {
            let first = annex.blocks.first().filter(|b| matches!(b.kind, BlockKind::Paragraph))?;
            title_with_marks(doc, first.span)?
        }
    };
    trailing_marks(&title).map(|marks| PunctuatedTitle { title, marks })
}

/// `span` as a title if it is short, holds no provision and no punctuation but at its end, and
/// ends with punctuation.
fn title_with_marks(doc: &Document, span: Span) -> Option<Text> {
    let text = doc.text(span).trim_end();
    let core = text.trim_end_matches(TITLE_END_MARKS);
    let looks_like_title = !core.is_empty()
        && core.len() < text.len()
        && core.chars().count() <= 20
        && !core.contains(TITLE_END_MARKS)
        && lexicon::find_modals(core).is_empty();
    looks_like_title.then(|| Text::new(text, Span::new(span.start, span.start + text.len())))
}

/// The span of the punctuation a title ends with, if any.
fn trailing_marks(title: &Text) -> Option<Span> {
    let text = title.text.trim_end();
    let core = text.trim_end_matches(TITLE_END_MARKS);
    (core.len() < text.len()).then(|| title.span.sub(core.len(), text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::source::SourceFile;

    fn doc(body: &str) -> Document {
        let text = format!("## 前言\n\n本文件由某局提出。\n\n## 1 范围\n\n本文件规定了服务要求。\n\n{body}");
        crate::read::parse(SourceFile::from_text("t.md", &text), Format::Markdown)
    }

    fn marks_of(body: &str, label: &str) -> Option<String> {
        let doc = doc(body);
        let clause = doc.all_clauses().into_iter().find(|c| c.declared.text == label)?;
        punctuated_title(&doc, clause).map(|p| doc.text(p.marks).to_owned())
    }

    #[test]
    fn a_title_with_a_final_mark_is_told_from_a_provision() {
        let chapter = "## 4 要求\n\n### 4.1 服务机构。\n\n### 4.2 服务人员应持证上岗。\n\n### 4.3 服务场所!\n\n### 4.4 服务设施\n";
        assert_eq!(marks_of(chapter, "4.1").as_deref(), Some("。"));
        assert_eq!(marks_of(chapter, "4.2"), None, "a provision is running text, not a title");
        assert_eq!(marks_of(chapter, "4.3").as_deref(), Some("!"));
        assert_eq!(marks_of(chapter, "4.4"), None);
        let long = "## 4 要求\n\n4.1 服务机构在提供服务前向服务对象告知服务项目和收费标准。\n";
        assert_eq!(marks_of(long, "4.1"), None, "a long sentence is not a title");
    }

    fn hanging_in_annex(annex: &str) -> usize {
        let text =
            format!("{}\n## 附录A\n\n（资料性）\n\n{annex}", crate::rules::references::sample("", "记录格式见附录A。"));
        crate::rules::references::run_rule(&super::hanging_paragraph::HangingParagraph, &text).len()
    }

    #[test]
    fn a_hanging_paragraph_between_an_annex_title_and_its_first_clause() {
        let clauses = "### A.1 内容\n\n记录日期。\n\n### A.2 保存\n\n保存3年。\n";
        assert_eq!(hanging_in_annex(&format!("服务记录\n\n服务记录包括以下内容。\n\n{clauses}")), 1);
        assert_eq!(hanging_in_annex(&format!("服务记录\n\n{clauses}")), 0);
        // A title too long for the reader's heading test is still a title, not a paragraph.
        let long = "社区居家养老上门服务过程中服务人员填写的服务记录表格式及其各栏目的填写要求和保存期限说明";
        assert_eq!(hanging_in_annex(&format!("{long}\n\n{clauses}")), 0);
        // Text before A.2 with no A.1: more likely A.1 with its heading lost.
        assert_eq!(hanging_in_annex("服务记录\n\n记录日期。\n\n### A.2 保存\n\n保存3年。\n"), 0);
    }

    #[test]
    fn a_clause_too_deep_is_one_finding() {
        let body = "## 4 要求\n\n### 4.1 人员\n\n#### 4.1.1 健康\n\n服务人员应健康。\n\n4.1.1.1.1.1.1 证明应有效。\n\n4.1.1.1.1.1.1.1 证明应随身携带。\n\n#### 4.1.2 培训\n\n服务人员应经培训。\n\n### 4.2 场所\n\n场所应整洁。\n";
        let text = crate::rules::references::sample("", "")
            .replace("## 4 要求\n\n### 4.1 总则\n\n\n\n### 4.2 场所\n\n场所应整洁。\n", body);
        let mut codes = Vec::new();
        for rule in super::RULES {
            codes.extend(crate::rules::references::run_rule(*rule, &text).into_iter().map(|d| d.code));
        }
        assert_eq!(codes, vec!["NU006"]);
    }
}
