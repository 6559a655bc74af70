use super::{PunctuatedTitle, punctuated_annex_title, punctuated_title};
use crate::diagnostic::Message;
use crate::model::Text;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A chapter, clause or annex title ends with no punctuation mark: no 。，；：、！？ or their
    /// half-width forms, no ellipsis. Closing brackets and quotation marks are fine.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.2 and 7.3.3 place chapter and clause titles after the number, and every
    /// title in the standard stands without final punctuation, but no clause says so in words:
    /// this is practice, so the finding is a warning worded as advice.
    ///
    /// ## Bad
    /// ```text
    /// 5 服务内容：
    /// 5.1 生活照料。
    /// ```
    /// ## Good
    /// ```text
    /// 5 服务内容
    /// 5.1 生活照料
    /// ```
    pub struct TitlePunctuation {
        code: "NU011",
        name: "title-punctuation",
        family: Numbering,
        severity: Warning,
        clause: "7.2, 7.3",
        summary: "A chapter, clause or annex title ends with no punctuation",
        repeats: Collapse,
    }
}

impl Rule for TitlePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let mut found: Vec<(String, PunctuatedTitle)> = Vec::new();
        for &clause in ctx.all_clauses() {
            if let Some(p) = punctuated_title(ctx.doc, clause) {
                found.push((clause.declared.text.clone(), p));
            }
        }
        for annex in &ctx.doc.annexes {
            if let Some(p) = punctuated_annex_title(ctx.doc, annex) {
                found.push((format!("附录{}", annex.letter), p));
            }
        }
        for (label, p) in found {
            let marks = ctx.text(p.marks).to_owned();
            let bare = bare(&p.title, &marks);
            ctx.report_with_help(
                p.marks,
                Message::new(
                    format!("“{label} {}”的标题末尾有标点“{marks}”；章、条和附录的标题末尾通常不加标点", p.title.text.trim()),
                    format!("the title of {label} “{}” ends with “{marks}”; chapter, clause and annex titles take no final punctuation", p.title.text.trim()),
                ),
                Message::new(format!("删去标点，写作“{label} {bare}”"), format!("drop the punctuation: “{label} {bare}”")),
            );
        }
    }
}

fn bare<'a>(title: &'a Text, marks: &str) -> &'a str {
    let text = title.text.trim_end();
    text.strip_suffix(marks).unwrap_or(text).trim_end()
}
