use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every annex heading has its three parts: 附录X, the status （规范性） or （资料性）, and a
    /// title. The 2009 status forms （规范性附录）/（资料性附录） are ST010's; half-width
    /// parentheses are TY001's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.6.2: “每个附录均应有附录编号”, and “附录编号之下应标明附录的作用—即
    /// ‘(规范性)’或‘(资料性)’，再下方为附录标题。” The status tells the reader whether the annex
    /// holds requirements, the title what it is about.
    ///
    /// ## Bad
    /// ```text
    /// 附录A
    /// 服务记录表示例
    /// ```
    /// ## Good
    /// ```text
    /// 附录A
    /// （资料性）
    /// 服务记录表示例
    /// ```
    pub struct AnnexHeading {
        code: "AX001",
        name: "annex-heading",
        family: Annexes,
        severity: Error,
        clause: "9.6.2",
        summary: "附录X + （规范性）/（资料性） + title",
    }
}

impl Rule for AnnexHeading {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for annex in &ctx.doc.annexes {
            let label = format!("附录{}", annex.letter);
            // A status line in an old form (（提示的附录）, （参考性）) is read as the title.
            let title_is_status = annex.title.as_ref().is_some_and(|t| {
                let t = t.text.trim();
                t.starts_with(['（', '(']) && t.ends_with(['）', ')']) && t.chars().count() <= 10
            });
            if annex.obligation.is_none() {
                let (zh, en) = if title_is_status {
                    let t = annex.title.as_ref().map_or("", |t| t.text.as_str());
                    (
                        format!("{label}的“{t}”不是GB/T 1.1—2020的附录性质写法"),
                        format!("{label}: “{t}” is not a GB/T 1.1-2020 annex status"),
                    )
                } else {
                    (
                        format!("{label}没有标明“（规范性）”或“（资料性）”"),
                        format!("{label} does not state （规范性） or （资料性）"),
                    )
                };
                let span =
                    if title_is_status { annex.title.as_ref().map_or(annex.span, |t| t.span) } else { annex.span };
                ctx.report_with_help(
                    span,
                    Message::new(zh, en),
                    Message::new(
                        "在附录编号下一行写“（规范性）”（含要求）或“（资料性）”（只给出信息）",
                        "state （规范性） (holds requirements) or （资料性） (information only) on the line under the annex number",
                    ),
                );
            }
            if annex.title.is_none() || title_is_status {
                ctx.report_with_help(
                    annex.span,
                    Message::new(format!("{label}没有标题"), format!("{label} has no title")),
                    Message::new("在附录性质下一行写附录标题", "write the annex title on the line under its status"),
                );
            }
        }
    }
}
