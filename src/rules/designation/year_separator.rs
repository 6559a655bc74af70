use crate::diagnostic::Message;
use crate::model::DesignationKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// In GB, sector, local, group and enterprise designations the number and the year are
    /// joined by an em dash — (U+2014, 一字线), not by `-`, `–`, `－` or `:`; and without spaces.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1 (footnote): “顺序号和年份号之间使用一字线形式的连接号”; 10.3.1.4: “顺序号
    /// 与年份号之间为一字线形式的连接号”. A hyphen is the most frequent defect in drafts typed in
    /// Word; ISO and IEC designations keep their own colon (`ISO 8601-1:2019`).
    ///
    /// ## Bad
    /// ```text
    /// GB/T 35796-2017
    /// ```
    /// ## Good
    /// ```text
    /// GB/T 35796—2017
    /// ```
    pub struct YearSeparator {
        code: "DS002",
        name: "year-separator",
        family: Designation,
        severity: Error,
        clause: "8.1, 10.3.1.4",
        summary: "— (U+2014) between number and year",
        repeats: Collapse,
        fixable: true,
    }
}

impl Rule for YearSeparator {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        for designation in doc.designations() {
            if designation.kind == DesignationKind::International {
                continue;
            }
            let Some((separator, span)) = designation.separator else {
                continue;
            };
            if separator == '—' && !designation.spaced_separator {
                continue;
            }
            let canonical = designation.canonical();
            if separator != '—' {
                ctx.report_fixable(
                    span,
                    Message::new(
                        format!("“{}”中编号与年号之间用了“{separator}”，应使用一字线“—”", designation.text),
                        format!(
                            "in “{}” the number and the year are joined by “{separator}”; use the em dash “—” (U+2014)",
                            designation.text
                        ),
                    ),
                    Message::new(format!("写为“{canonical}”"), format!("write “{canonical}”")),
                    "—",
                );
            } else if designation.spaced_separator {
                ctx.report_softer(
                    designation.span,
                    Message::new(
                        format!("“{}”中一字线前后有空格", designation.text),
                        format!("“{}” has spaces around the dash", designation.text),
                    ),
                    Some(Message::new(format!("写为“{canonical}”"), format!("write “{canonical}”"))),
                );
            }
        }
    }
}
