use crate::diagnostic::Message;
use crate::model::compact;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// No clause of an annex is titled 范围, 规范性引用文件 or 术语和定义.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.6.3.2: “附录中不准许设置‘范围’‘规范性引用文件’‘术语和定义’等内容。” An annex
    /// is part of the document, whose scope, normative references and terms are given once, in
    /// chapters 1 to 3.
    ///
    /// ## Bad
    /// ```text
    /// 附录A（资料性）满意度调查表
    /// A.1 范围
    /// ```
    /// ## Good
    /// ```text
    /// 附录A（资料性）满意度调查表
    /// A.1 调查内容
    /// ```
    pub struct ForbiddenSectionInAnnex {
        code: "ST013",
        name: "forbidden-section-in-annex",
        family: Structure,
        severity: Error,
        clause: "9.6.3.2",
        summary: "范围 / 规范性引用文件 / 术语和定义 inside an annex",
    }
}

impl Rule for ForbiddenSectionInAnnex {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for annex in &ctx.doc.annexes {
            for clause in &annex.clauses {
                let mut found = Vec::new();
                clause.walk(&mut |c| {
                    if let Some(title) = &c.title {
                        let key = compact(&title.text);
                        if matches!(key.as_str(), "范围" | "规范性引用文件" | "术语和定义" | "术语" | "引用文件")
                        {
                            found.push((c.declared.text.clone(), title.clone()));
                        }
                    }
                });
                for (label, title) in found {
                    ctx.report_with_help(
                        title.span,
                        Message::new(
                            format!("附录{}中不准许设置“{label} {}”", annex.letter, title.text),
                            format!("annex {} has a clause “{label} {}”; annexes must not have one", annex.letter, title.text),
                        ),
                        Message::new(
                            "范围、规范性引用文件和术语在第1至3章给出一次；将内容并入相应章，或给此条改用说明其内容的标题",
                            "scope, references and terms are given once, in chapters 1–3; move the content there or retitle the clause by what it holds",
                        ),
                    );
                }
            }
        }
    }
}
