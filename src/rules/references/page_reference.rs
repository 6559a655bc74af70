use std::sync::LazyLock;

use regex::Regex;

use super::scan::{UnitKind, Zone, units};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The text refers to a page: 见第3页, 见12页, P.12. Page numbers of a page-count form
    /// (`第1页/共2页`, used on continued tables) and the bibliography, where a book's page is
    /// cited, are not reported.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.5.3: “凡是需要提及文件具体内容时，不应提及页码，而应提及文件内容的编号” (第4章,
    /// 5.2, 图1, 表2, 公式(3), 附录C). Pages change with every layout. The rule warns because a
    /// page number can also be quoted from another publication.
    ///
    /// ## Bad
    /// ```text
    /// 服务记录表的格式见第12页。
    /// ```
    /// ## Good
    /// ```text
    /// 服务记录表的格式见附录A。
    /// ```
    pub struct PageReference {
        code: "RF011",
        name: "page-reference",
        family: References,
        severity: Warning,
        clause: "9.5.3",
        summary: "见第3页",
    }
}

/// What every page reference holds.
static PAGE_WORDS: LazyLock<crate::rules::AnyWord> = LazyLock::new(|| crate::rules::AnyWord::new(&["页", "P.", "p."]));

static PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第\s*[0-9]+\s*页|见\s*[0-9]+\s*页|\bP\.\s?[0-9]+|\bpp?\.\s?[0-9]+")
        .unwrap_or_else(|e| panic!("page regex: {e}"))
});

impl Rule for PageReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        // Every match holds 页, `P.` or `p.`.
        if !crate::rules::text_holds_any(doc, &PAGE_WORDS) {
            return;
        }
        for &unit in units(doc) {
            if matches!(unit.zone, Zone::Bibliography | Zone::References | Zone::TermSource)
                || matches!(unit.kind, UnitKind::Code | UnitKind::Reference)
            {
                continue;
            }
            let text = doc.text(unit.span);
            // Every match holds 页, `P.` or `p.`.
            if !(text.contains('页') || text.contains("P.") || text.contains("p.")) {
                continue;
            }
            for m in PAGE.find_iter(text) {
                let after = text.get(m.end()..).unwrap_or_default().trim_start();
                let before = text.get(..m.start()).unwrap_or_default().trim_end();
                // `第1页/共3页`, `共3页 第1页`: a page count, not a reference.
                if (after.starts_with(['/', '／', '，', ',']) && after.contains('共')) || before.ends_with("页") {
                    continue;
                }
                ctx.report_with_help(
                    unit.span.sub(m.start(), m.end()),
                    Message::new(
                        format!("不应提及页码“{}”", m.as_str()),
                        format!("the text refers to a page (“{}”)", m.as_str()),
                    ),
                    Message::new(
                        "改为提及章、条、图、表、公式或附录的编号，如“见5.2”“见表2”“见附录C”",
                        "refer to the numbered content instead: 见5.2, 见表2, 见附录C",
                    ),
                );
            }
        }
    }
}
