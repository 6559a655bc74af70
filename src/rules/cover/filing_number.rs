use crate::diagnostic::Message;
use crate::model::compact;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A cover line `备案号：…` gives a number after the label, and stands below the CCS code.
    /// Whether a document must carry one at all is CV001's (the profile decides: every sector
    /// standard, and local standards whose local rules ask for it, such as Guangdong's).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1: “行业标准的封面还应标明备案号”; 10.3.1.5: “行业标准备案号应置于CCS号之下”.
    /// For local standards the filing number comes from local rules, not from GB/T 1.1.
    ///
    /// ## Bad
    /// ```text
    /// 备案号：
    /// ICS 03.080
    /// CCS A 12
    /// ```
    /// ## Good
    /// ```text
    /// ICS 03.080
    /// CCS A 12
    /// 备案号：12345—2025
    /// ```
    pub struct FilingNumber {
        code: "CV016",
        name: "filing-number",
        family: Cover,
        severity: Warning,
        clause: "8.1, 10.3.1",
        summary: "备案号 line has a number and stands below the CCS code",
    }
}

impl Rule for FilingNumber {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let meta = &ctx.doc.meta;
        let Some(line) = &meta.filing_number else { return };
        let value = compact(&line.text);
        let value = value.trim_start_matches("备案号").trim_start_matches(['：', ':']);
        if !value.chars().any(|c| c.is_ascii_digit()) {
            ctx.report_with_help(
                line.span,
                Message::new(
                    format!("备案号行“{}”没有给出编号", line.text.trim()),
                    format!("the filing-number line “{}” gives no number", line.text.trim()),
                ),
                Message::new("写为“备案号：12345—2025”的形式", "write it as “备案号：12345—2025”"),
            );
        }
        if let Some(ccs) = &meta.ccs {
            if line.span.start < ccs.span.start {
                ctx.report_with_help(
                    line.span,
                    Message::new(
                        "备案号应置于CCS号之下",
                        "the filing number stands above the CCS code; it goes below it",
                    ),
                    Message::new("把备案号移到CCS号的下一行", "move the 备案号 line below the CCS line"),
                );
            }
        }
    }
}
