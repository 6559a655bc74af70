use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A list is subdivided at most into two levels. The level comes from the markers as the
    /// reader nests them (`·` under `——`, `1)` under `a)`); it reports the first item of every
    /// run of items below the second level.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.5.2: a list item may be subdivided, “这种细分不宜超过两个层次”. It is a
    /// recommendation (不宜), so the finding is a warning worded as advice.
    ///
    /// ## Bad
    /// ```text
    /// a) 生活照料：
    ///    1) 助洁：
    ///       · 居室清洁；
    /// ```
    /// ## Good
    /// ```text
    /// a) 生活照料：
    ///    1) 助洁（居室清洁、衣物清洗）；
    /// ```
    pub struct ListDepth {
        code: "LS004",
        name: "list-depth",
        family: Lists,
        severity: Warning,
        clause: "7.5.2",
        summary: "At most two levels",
    }
}

impl Rule for ListDepth {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for list in ctx.lists() {
            let mut deep = false;
            for item in &list.items {
                let now_deep = item.depth > 2;
                if now_deep && !deep {
                    let typed = item.marker.text.trim();
                    ctx.report_with_help(
                        item.marker.span,
                        Message::new(
                            format!("列项“{typed}”位于第{}层；列项的细分不宜超过两个层次", item.depth),
                            format!(
                                "list item “{typed}” is at level {}; lists should not be subdivided beyond two levels",
                                item.depth
                            ),
                        ),
                        Message::new(
                            "将第三层的内容并入上一层的项，或改为条或表",
                            "fold the third level into its parent item, or make it a clause or a table",
                        ),
                    );
                }
                deep = now_deep;
            }
        }
    }
}
