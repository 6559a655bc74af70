use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Chapter 2 规范性引用文件 is one flat list and has no subclauses.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.1: “该要素应设置为文件的第2章，且不应分条。”
    ///
    /// ## Bad
    /// ```text
    /// 2 规范性引用文件
    /// 2.1 国家标准
    /// 2.2 行业标准
    /// ```
    /// ## Good
    /// The lead-in followed by the entries, ordered GB → sector → local → group → ISO/IEC.
    pub struct NormativeReferencesSubdivided {
        code: "ST006",
        name: "normative-references-subdivided",
        family: Structure,
        severity: Error,
        clause: "8.6.1",
        summary: "Chapter 2 has subclauses",
    }
}

impl Rule for NormativeReferencesSubdivided {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(chapter) = ctx.doc.normative_references() else {
            return;
        };
        for child in &chapter.children {
            ctx.report(
                child.span,
                Message::new(
                    format!("规范性引用文件一章不应分条（此处为“{}”）", child.declared.text),
                    format!("the normative references chapter must not be subdivided (found {})", child.declared.text),
                ),
            );
        }
    }
}
