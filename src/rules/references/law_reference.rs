use super::{LAW, loose_lines, may_name_law};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Chapter 2 lists a law, regulation or policy document (《中华人民共和国…法》, …条例,
    /// …办法, …令第N号, 国发〔2019〕N号) instead of a standardization document. In the
    /// internal-spec profile, where internal specifications often rest on regulations, this is
    /// only advice.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.5.4.4.3: “起草文件时不应规范性引用法律、行政法规、规章和其他政策性文件，也不应
    /// 普遍性要求符合法规或政策性文件的条款。” Laws apply by themselves. Where the text needs to
    /// mention them, 9.5.4.2.2 lets it do so informatively, and they are listed in 参考文献.
    /// Whether an entry is a law is read from its wording, so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 2 规范性引用文件
    /// …
    /// 《中华人民共和国老年人权益保障法》
    /// ```
    /// ## Good
    /// ```text
    /// 参考文献
    /// [1] 《中华人民共和国老年人权益保障法》
    /// ```
    pub struct LawAsNormativeReference {
        code: "RF010",
        name: "law-as-normative-reference",
        family: References,
        severity: Warning,
        clause: "9.5.4.4.3",
        summary: "Laws, regulations, policies listed in chapter 2",
    }
}

impl Rule for LawAsNormativeReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let internal = ctx.profile.name == "internal-spec";
        for block in loose_lines(ctx.doc) {
            let text = ctx.text(block.span);
            let Some(m) = may_name_law(text).then(|| LAW.find(text)).flatten() else { continue };
            let message = Message::new(
                format!("法律法规和政策性文件“{}”不作为规范性引用文件", m.as_str().trim()),
                format!(
                    "the law or policy document “{}” is listed as a normative reference; laws and policies are not",
                    m.as_str().trim()
                ),
            );
            let help = Message::new(
                "从第2章删除；需要提及时在正文中资料性提及，并列入参考文献",
                "remove it from chapter 2; mention it informatively where needed and list it in the bibliography",
            );
            let span = block.span.sub(m.start(), m.end());
            if internal {
                ctx.report_softer(span, message, Some(help));
            } else {
                ctx.report_with_help(span, message, help);
            }
        }
    }
}
