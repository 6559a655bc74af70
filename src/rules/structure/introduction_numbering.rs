use crate::diagnostic::Message;
use crate::model::{ElementKind, compact};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// 引言 carries no number, and its subclauses are numbered 0.1, 0.2, … . Reported: a number
    /// before the heading (`0 引言`); a subclause numbered otherwise, seen as a chapter heading
    /// between 引言 and 1 范围 (`1 背景`).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.4: “引言不应给出章编号。当引言的内容需要分条时，应仅对条编号，编为0.1、0.2
    /// 等。”
    ///
    /// ## Bad
    /// ```text
    /// 0 引言
    /// 1 背景
    /// ```
    /// ## Good
    /// ```text
    /// 引言
    /// 0.1 背景
    /// ```
    pub struct IntroductionNumbering {
        code: "ST012",
        name: "introduction-numbering",
        family: Structure,
        severity: Error,
        clause: "8.4",
        summary: "引言 unnumbered, its subclauses 0.1, 0.2",
    }
}

impl Rule for IntroductionNumbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some(intro) = &doc.introduction else {
            return;
        };
        if let Some(number) = &intro.declared_number {
            ctx.report_with_help(
                number.span,
                Message::new(
                    format!("引言不应给出章编号（此处为“{}”）", number.text),
                    format!("the introduction must not be numbered (found “{}”)", number.text),
                ),
                Message::new("去掉编号，只写“引言”", "drop the number and write 引言 alone"),
            );
        }
        // The reader closes the introduction at a heading numbered like a chapter: chapters
        // between 引言 and the scope are its misnumbered subclauses.
        let Some(scope) = doc.scope() else { return };
        let Some(after) = doc.elements.iter().position(|e| e.kind == ElementKind::Introduction) else {
            return;
        };
        let mut index = 0;
        for element in doc.elements.iter().skip(after + 1) {
            if element.kind != ElementKind::Chapter || element.span == scope.span {
                break;
            }
            let Some(chapter) = doc.chapters.iter().find(|c| c.span == element.span) else { break };
            if compact(chapter.title_text()).is_empty() || crate::model::is_fixed_chapter_title(chapter.title_text()) {
                break;
            }
            index += 1;
            ctx.report_with_help(
                chapter.declared.span,
                Message::new(
                    format!("引言的条应编为0.1、0.2……（此处为“{} {}”）", chapter.declared.text, chapter.title_text()),
                    format!(
                        "subclauses of the introduction are numbered 0.1, 0.2 … (found “{} {}”)",
                        chapter.declared.text,
                        chapter.title_text()
                    ),
                ),
                Message::new(format!("改为“0.{index}”"), format!("number it 0.{index}")),
            );
        }
    }
}
