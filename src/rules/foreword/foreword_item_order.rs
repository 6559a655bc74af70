use super::foreword_paragraphs;
use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The statements of the foreword come in the order of 8.3: a) drafting basis, b) relation
    /// to other documents and parts, c) supersession and changes, d) relation to international
    /// documents, e) patents, f) 提出 / 归口, g) drafting organisations and drafters, h) version
    /// history. Paragraphs are classified by their wording; list items and paragraphs of no
    /// class (the change list, other information) are skipped. The first statement found after
    /// a later one is reported, once per misplaced statement.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3: “根据所形成的文件的具体情况，在前言中应依次给出下列适当的内容”; the order
    /// is the one of its items a) to h), as in GB/T 1.1-2020's own foreword. The rule warns
    /// because it recognises a statement by its wording, which can mislead.
    ///
    /// ## Bad
    /// ```text
    /// 本文件由深圳市福田区民政局提出并归口。
    /// 本文件按照GB/T 1.1—2020《……》的规定起草。
    /// ```
    /// ## Good
    /// ```text
    /// 本文件按照GB/T 1.1—2020《……》的规定起草。
    /// 本文件由深圳市福田区民政局提出并归口。
    /// ```
    pub struct ForewordItemOrder {
        code: "FW008",
        name: "foreword-item-order",
        family: Foreword,
        severity: Warning,
        clause: "8.3",
        summary: "Statements in the order a)…h)",
    }
}

/// The 8.3 item of a paragraph (0 for a) … 7 for h)), with its name.
fn classify(key: &str) -> Option<(u8, &'static str, &'static str)> {
    let item = if key.contains("历次版本") {
        (7, "历次版本发布情况", "the version history")
    } else if key.contains("起草单位") || key.contains("起草人") {
        (6, "起草单位和起草人", "the drafting organisations and drafters")
    } else if key.starts_with("本文件由") && (key.contains("提出") || key.contains("归口")) {
        (5, "提出和归口", "the proposer and responsible committee")
    } else if key.contains("专利") {
        (4, "专利说明", "the patent statement")
    } else if key.contains("一致性程度") || (key.contains("采用") && (key.contains("ISO") || key.contains("IEC")))
    {
        (3, "与国际文件的关系", "the relation to international documents")
    } else if key.contains("代替") && key.starts_with("本") {
        (2, "代替说明", "the supersession statement")
    } else if (key.starts_with("本文件是") && key.contains("部分")) || key.contains("已经发布了以下部分")
    {
        (1, "与其他部分的关系", "the relation to other parts")
    } else if key.contains("1.1") && key.contains("起草") {
        (0, "起草依据", "the drafting statement")
    } else {
        return None;
    };
    Some(item)
}

impl Rule for ForewordItemOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let mut latest: Option<(u8, &str, &str)> = None;
        for (block, key) in foreword_paragraphs(ctx.doc) {
            if !matches!(block.kind, BlockKind::Paragraph) {
                continue;
            }
            let Some(item) = classify(key) else { continue };
            match latest {
                Some(top) if item.0 < top.0 => {
                    ctx.report_with_help(
                        block.span,
                        Message::new(
                            format!("前言中“{}”位于“{}”之后；按8.3的顺序应在其前", item.1, top.1),
                            format!("in the foreword, {} comes after {}; the order of 8.3 puts it before", item.2, top.2),
                        ),
                        Message::new(
                            "按起草依据、与其他文件的关系、代替、国际一致性、专利、提出和归口、起草单位和起草人、历次版本的顺序排列",
                            "order: drafting basis, relations, supersession, international, patents, proposer/committee, drafters, history",
                        ),
                    );
                }
                _ => latest = Some(item),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify("本文件由深圳市民政局提出并归口。").map(|c| c.0), Some(5));
        assert_eq!(classify("请注意本文件的某些内容可能涉及专利。").map(|c| c.0), Some(4));
        assert_eq!(classify("本文件代替DB4403/T100—2019《……》").map(|c| c.0), Some(2));
        assert_eq!(classify("本文件起草单位：深圳市民政局。").map(|c| c.0), Some(6));
        assert_eq!(classify("a)增加了送餐要求；"), None);
    }
}
