use super::masked_provisions;
use crate::diagnostic::Message;
use crate::rules::lexicon::find_all;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// 必须 used to express a requirement. A 必须 inside a quotation or a title (张贴“服务人员必须
    /// 持证上岗”的告示, a quoted law) is not one of the text's provisions.
    ///
    /// ## Why
    /// GB/T 1.1-2020 Table C.1: a requirement is expressed with 应 (in special cases 应该, 只准许):
    /// “不使用‘必须’作为‘应’的替代词，以避免将文件的要求与外部约束（见9.5.4.2.2）相混淆”. 9.5.4.2.2
    /// keeps 必须 for stating an obligation that a law imposes (“依据……法律规定，在这些环境中必须
    /// 穿戴不透明的护目用具。”), as information cited from that law.
    ///
    /// ## Bad
    /// ```text
    /// 服务人员必须持证上岗。
    /// ```
    /// ## Good
    /// ```text
    /// 服务人员应持证上岗。
    /// ```
    pub struct MustNotShall {
        code: "PV001",
        name: "must-not-shall",
        family: Provisions,
        severity: Error,
        clause: "C.1",
        summary: "必须 used for a requirement (use 应)",
    }
}

static BI_XU: std::sync::LazyLock<crate::rules::AnyWord> =
    std::sync::LazyLock::new(|| crate::rules::AnyWord::new(&["必须"]));

impl Rule for MustNotShall {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        if !crate::rules::text_holds_any(ctx.doc, &BI_XU) {
            return;
        }
        let mut spans = Vec::new();
        for &(span, ref masked) in masked_provisions(ctx.doc) {
            // A vectorised look first: a searcher for every provision costs more.
            if !masked.contains("必须") {
                continue;
            }
            spans.extend(find_all(masked, "必须").into_iter().map(|(s, e)| span.sub(s, e)));
        }
        for span in spans {
            ctx.report_with_help(
                span,
                Message::new(
                    "要求型条款应使用“应”，不使用“必须”",
                    "必须 (must) expresses a requirement; GB/T 1.1 uses 应 (shall)",
                ),
                Message::new("将“必须”改为“应”", "replace 必须 with 应"),
            );
        }
    }
}
