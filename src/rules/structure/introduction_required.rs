use crate::diagnostic::Message;
use crate::rules::foreword::part_number;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A document has an 引言 when it is one part of a multi-part document (第N部分 in its
    /// title, or a part number in its designation such as DB4403/T 900.2—2025), or when it
    /// discloses identified patents (it names a 专利持有人). Other documents are not asked for one.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.4: “分为部分的文件的每个部分，或者文件的某些内容涉及了专利，均应设置引言。”
    /// D.3 gives the patent text for the introduction (“……该专利持有人已向本文件的发布机构承诺……
    /// 专利持有人姓名：……”). The rule warns because it recognises identified patents by that
    /// wording (专利持有人), which a document may phrase otherwise.
    ///
    /// ## Bad
    /// ```text
    /// DB4403/T 900.2—2025 社区助餐服务规范　第2部分：服务评价      （没有引言）
    /// ```
    /// ## Good
    /// ```text
    /// 引言
    /// DB4403/T 900《社区助餐服务规范》拟由两个部分构成。……
    /// ```
    pub struct IntroductionRequired {
        code: "ST011",
        name: "introduction-required",
        family: Structure,
        severity: Warning,
        clause: "8.4",
        summary: "Multi-part documents or identified patents need 引言",
    }
}

impl Rule for IntroductionRequired {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        if doc.introduction.is_some() || doc.foreword.is_none() {
            return;
        }
        let at = doc.foreword.as_ref().map(|f| f.heading.span).unwrap_or_default();
        if let Some(n) = part_number(doc) {
            ctx.report_with_help(
                at,
                Message::new(
                    format!("本文件是分部分文件的第{n}部分，应设置引言"),
                    format!("the document is part {n} of a multi-part document but has no introduction; each part has one"),
                ),
                Message::new(
                    "在前言之后增加“引言”，说明文件拟由哪些部分构成及各部分的目的",
                    "add 引言 after the foreword, saying which parts the document is to consist of and what each is for",
                ),
            );
        } else if let Some(pos) = doc.source.text.find("专利持有人") {
            ctx.report_with_help(
                crate::source::Span::new(pos, pos + "专利持有人".len()),
                Message::new(
                    "文件披露了已识别的专利（“专利持有人”），应设置引言并按D.3给出专利说明",
                    "the document discloses identified patents (专利持有人) but has no introduction; the patent text of D.3 goes there",
                ),
                Message::new(
                    "在前言之后增加“引言”，按GB/T 1.1—2020附录D.3写出专利说明",
                    "add 引言 after the foreword with the patent text of GB/T 1.1-2020 D.3",
                ),
            );
        }
    }
}
