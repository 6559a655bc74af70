use super::supersession_block;
use crate::diagnostic::Message;
use crate::model::find_designations;
use crate::rules::normalize::sentence_key;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The supersession statement of the foreword and the 代替 line of the cover agree:
    /// - the cover says 代替 but the foreword has no 本文件代替… statement;
    /// - the foreword says 本文件代替… but the cover has no 代替 line;
    /// - a document named on the cover is not named in the statement (compared by code and
    ///   number, and by year where both give one);
    /// - the statement lacks the lead-in of the change list (…相比，除结构调整和编辑性改动外，主要
    ///   技术变化如下：), reported one step softer.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3 c): the foreword states “文件与代替文件的关系”: “给出被代替、废止的所有文件
    /// 的编号和名称；列出与前一版本相比的主要技术变化。” The cover (8.1) names the replaced
    /// documents too, and the two must agree. The lead-in of the change list is the one of the
    /// standard's own foreword.
    ///
    /// ## Bad
    /// ```text
    /// 代替 DB4403/T 100—2019            （封面）
    /// 前言中没有“本文件代替……”的说明
    /// ```
    /// ## Good
    /// ```text
    /// 本文件代替DB4403/T 100—2019《社区助餐服务规范》，与DB4403/T 100—2019相比，除结构调整和编辑性改动外，主要技术变化如下：
    /// ```
    pub struct SupersessionStatement {
        code: "FW004",
        name: "supersession-statement",
        family: Foreword,
        severity: Warning,
        clause: "8.3 c)",
        summary: "本文件代替… present when the cover says 代替, and the reverse",
    }
}

const FORM: &str = "本文件代替×××—××××《……》，与×××—××××相比，除结构调整和编辑性改动外，主要技术变化如下：";

impl Rule for SupersessionStatement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some(foreword) = &doc.foreword else {
            return;
        };
        let statement = supersession_block(doc);
        let cover = &doc.meta.supersedes;
        let Some(block) = statement else {
            if let Some(first) = cover.first() {
                ctx.report_with_help(
                    foreword.heading.span,
                    Message::new(
                        format!("封面注明代替“{}”，但前言没有“本文件代替……”的说明", first.text),
                        format!(
                            "the cover says it supersedes “{}”, but the foreword has no 本文件代替… statement",
                            first.text
                        ),
                    ),
                    Message::new(format!("在前言中写：{FORM}"), format!("write in the foreword: {FORM}")),
                );
            }
            return;
        };
        let text = doc.text(block.span);
        let named = find_designations(text, block.span.start);
        if cover.is_empty() {
            let shown = named.first().map_or("……", |d| d.text.as_str());
            ctx.report_with_help(
                block.span,
                Message::new(
                    format!("前言说明本文件代替“{shown}”，但封面没有“代替”一行"),
                    format!("the foreword says the document supersedes “{shown}”, but the cover has no 代替 line"),
                ),
                Message::new(
                    format!("在封面文件编号下写“代替 {shown}”"),
                    format!("add “代替 {shown}” under the designation on the cover"),
                ),
            );
        }
        for d in cover {
            let same = named.iter().any(|n| {
                n.code == d.code && n.number == d.number && (n.year.is_none() || d.year.is_none() || n.year == d.year)
            });
            if !same {
                ctx.report_with_help(
                    block.span,
                    Message::new(
                        format!("封面注明代替“{}”，前言的代替说明中没有这份文件", d.text),
                        format!(
                            "the cover says it supersedes “{}”, but the foreword's statement does not name it",
                            d.text
                        ),
                    ),
                    Message::new(
                        "使封面的“代替”一行与前言的代替说明列出相同的文件编号",
                        "make the cover's 代替 line and the foreword's statement name the same documents",
                    ),
                );
            }
        }
        let key = sentence_key(text);
        if !key.contains("相比") || !key.contains("技术变化") {
            ctx.report_softer(
                block.span,
                Message::new(
                    "代替说明后没有列出与前一版本相比的主要技术变化",
                    "the supersession statement does not go on with the main technical changes against the previous edition",
                ),
                Some(Message::new(format!("写为：{FORM}"), format!("write: {FORM}"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::messages;

    const DOC: &str = "# 深圳市地方标准\n\nDB4403/T 900—2025\n\n{COVER}# 社区助餐服务规范\n\n## 前言\n\n{FW}\n\n## 1 范围\n\n本文件规定了助餐服务的要求。\n";
    const FULL: &str = "本文件代替DB4403/T 100—2019《社区助餐服务规范》，与DB4403/T 100—2019相比，除结构调整和编辑性改动外，主要技术变化如下：";

    #[test]
    fn cover_and_foreword_agree() {
        let ok = DOC.replace("{COVER}", "代替 DB4403/T 100—2019\n\n").replace("{FW}", FULL);
        assert!(messages(&SupersessionStatement, &ok).is_empty());
        let no_cover = DOC.replace("{COVER}", "").replace("{FW}", FULL);
        assert_eq!(messages(&SupersessionStatement, &no_cover).len(), 1);
        let other = DOC.replace("{COVER}", "代替 DB4403/T 101—2019\n\n").replace("{FW}", FULL);
        assert_eq!(messages(&SupersessionStatement, &other).len(), 1);
    }
}
