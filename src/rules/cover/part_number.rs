use crate::diagnostic::Message;
use crate::model::DesignationKind;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The document's own designation numbers a part as `顺序号.部分号` with an Arabic part number
    /// that starts at 1: a sub-part (`20000.1.2`), a part 0 (`20000.0`) or a part with a leading
    /// zero (`20000.01`) is reported. International designations (`ISO 8601-1`) are not checked.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.1.1.1: “部分不应进一步细分为分部分”; 7.1.2: “部分编号应置于文件编号中的顺序号
    /// 之后，使用从1开始的阿拉伯数字，并用下脚点与顺序号相隔”.
    ///
    /// ## Bad
    /// ```text
    /// GB/T 20000.1.2—2024
    /// ```
    /// ## Good
    /// ```text
    /// GB/T 20000.2—2024
    /// ```
    pub struct PartNumber {
        code: "CV015",
        name: "part-number",
        family: Cover,
        severity: Error,
        clause: "7.1.1.1, 7.1.2",
        summary: "part numbering XXXX.N, no sub-parts",
    }
}

impl Rule for PartNumber {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(d) = &ctx.doc.meta.designation else { return };
        if d.kind == DesignationKind::International {
            return;
        }
        let pieces: Vec<&str> = d.number.split('.').collect();
        let Some(part) = pieces.get(1) else { return };
        // The number as typed sits after the code; point at it when it can be found.
        let span = ctx
            .text(d.span)
            .find(d.number.as_str())
            .map_or(d.span, |at| Span::new(d.span.start + at, d.span.start + at + d.number.len()));
        let sequence = pieces.first().copied().unwrap_or_default();
        if pieces.len() > 2 {
            ctx.report_with_help(
                span,
                Message::new(
                    format!("编号“{}”含有分部分：部分不应再分为分部分", d.number),
                    format!("the number “{}” has a sub-part; parts are not divided further", d.number),
                ),
                Message::new(
                    format!("将分部分改为独立的部分，编号写为“{sequence}.N”"),
                    format!("make it a part of its own, numbered “{sequence}.N”"),
                ),
            );
        } else if part.chars().all(|c| c.is_ascii_digit())
            && (part.trim_start_matches('0').is_empty() || part.starts_with('0'))
        {
            let fixed = part.trim_start_matches('0');
            let fixed = if fixed.is_empty() { "1" } else { fixed };
            ctx.report_with_help(
                span,
                Message::new(
                    format!("部分编号“{part}”有误：部分编号从1开始，不加前导零"),
                    format!("part number “{part}” is wrong: parts are numbered from 1 without leading zeros"),
                ),
                Message::new(format!("写为“{sequence}.{fixed}”"), format!("write “{sequence}.{fixed}”")),
            );
        }
    }
}
