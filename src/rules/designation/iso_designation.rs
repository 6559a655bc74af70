use crate::diagnostic::Message;
use crate::model::DesignationKind;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// ISO and IEC designations keep their own form: the code, one space, the number (with
    /// `-N` for a part) and a colon before the year: `ISO 8601-1:2019`, `ISO/IEC 27007:2017`.
    /// It warns about a dash or a full-width colon before the year (`ISO 9001-2015`,
    /// `ISO 9001—2015`, `ISO 9001：2015`), and reports as information spaces around the colon and
    /// a code written without the space (`ISO9001:2015`).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.3.1 lists an international document under its own “文件编号” but does
    /// not spell that out: the colon before the year is ISO and IEC's own form
    /// (`ISO/IEC 27007:2017`), as printed in published standards. The GB em dash belongs to
    /// Chinese designations only (DS002). Resting on that practice, the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// ISO 9001-2015 质量管理体系　要求
    /// ```
    /// ## Good
    /// ```text
    /// ISO 9001:2015 质量管理体系　要求
    /// ```
    pub struct IsoDesignation {
        code: "DS006",
        name: "iso-designation",
        family: Designation,
        severity: Warning,
        clause: "8.6.3.1",
        summary: "ISO/IEC NNNN-N:YYYY",
        repeats: Collapse,
    }
}

static ISO_OR_IEC: std::sync::LazyLock<crate::rules::AnyWord> =
    std::sync::LazyLock::new(|| crate::rules::AnyWord::new(&["ISO", "IEC"]));

impl Rule for IsoDesignation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        // Every international code opens with ISO or IEC.
        if !crate::rules::text_holds_any(doc, &ISO_OR_IEC) {
            return;
        }
        for designation in doc.designations() {
            if designation.kind != DesignationKind::International {
                continue;
            }
            let canonical = designation.canonical();
            let help = Message::new(format!("写为“{canonical}”"), format!("write “{canonical}”"));
            if let Some((separator, span)) = designation.separator {
                if separator != ':' {
                    ctx.report_with_help(
                        span,
                        Message::new(
                            format!(
                                "“{}”中年号前用了“{separator}”，ISO、IEC文件编号在年号前使用半角冒号“:”",
                                designation.text
                            ),
                            format!(
                                "in “{}” the year follows “{separator}”; ISO and IEC put a colon “:” before it",
                                designation.text
                            ),
                        ),
                        help,
                    );
                    continue;
                }
                if designation.spaced_separator {
                    ctx.report_softer(
                        designation.span,
                        Message::new(
                            format!("“{}”中冒号前后有空格", designation.text),
                            format!("“{}” has spaces around the colon", designation.text),
                        ),
                        Some(help),
                    );
                    continue;
                }
            }
            let after_code = designation.text.get(designation.code.len()..).unwrap_or_default();
            if after_code.starts_with(|c: char| c.is_ascii_digit()) {
                let end = designation.span.start + designation.code.len() + 1;
                ctx.report_softer(
                    Span::new(designation.span.start, end.min(designation.span.end)),
                    Message::new(
                        format!("“{}”中代号与编号之间没有空格", designation.text),
                        format!("no space between the code and the number in “{}”", designation.text),
                    ),
                    Some(help),
                );
            }
        }
    }
}
