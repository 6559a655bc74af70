use std::sync::LazyLock;

use regex::Regex;

use super::scan::{UnitKind, Zone, units};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A specific part of another document (a chapter, clause, table, figure, annex or formula)
    /// is cited without the edition: `GB/T 20001.10中5.2`. Term sources are TM008's; all-parts
    /// citations are left alone.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.5.4.1.1: “凡不能确定是否能够接受被引用文件将来的所有变化，或者提及了被引用
    /// 文件中的具体章、条、图、表或附录的编号，均应注日期。” Clause 5.2 of the next edition may
    /// say something else. The chapter 2 entry is then dated as well. The rule warns because
    /// telling a clause number from other numbers after a designation is a judgement.
    ///
    /// ## Bad
    /// ```text
    /// 应符合GB/T 20001.10中5.2的规定。
    /// ```
    /// ## Good
    /// ```text
    /// 应符合GB/T 20001.10—2014中5.2的规定。
    /// ```
    pub struct ClauseCitationUndated {
        code: "RF012",
        name: "clause-citation-undated",
        family: References,
        severity: Warning,
        clause: "9.5.4.1.1",
        summary: "Citing a clause of an undated reference",
    }
}

static SPECIFIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\u{3000}]*(?:的|中的|中|之)?[\s\u{3000}]*(?:第\s*[0-9]+\s*[章条]|[0-9]+(?:\.[0-9]+)+|[A-Z]\.[0-9]+(?:\.[0-9]+)*|表\s*[A-Z]?\.?[0-9]+|图\s*[A-Z]?\.?[0-9]+|附录\s*[A-Z]|公式\s*[（(])",
    )
    .unwrap_or_else(|e| panic!("specific regex: {e}"))
});

impl Rule for ClauseCitationUndated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        for &unit in units(doc) {
            if matches!(unit.zone, Zone::Foreword | Zone::References | Zone::Bibliography | Zone::TermSource)
                || unit.kind == UnitKind::Code
            {
                continue;
            }
            for d in doc.designations_in(unit.span).iter() {
                if d.year.is_some() || d.all_parts {
                    continue;
                }
                let after = doc.source.text.get(d.span.end..unit.span.end).unwrap_or_default();
                let Some(m) = SPECIFIC.find(after) else { continue };
                let part = m.as_str().trim_start_matches(|c: char| c.is_whitespace() || "的中之".contains(c));
                ctx.report_with_help(
                    d.span,
                    Message::new(
                        format!("引用“{}”的具体内容（{}）时应注日期（发布年份号）", d.text, part.trim()),
                        format!("“{}” is cited for specific content ({}) but without its year", d.text, part.trim()),
                    ),
                    Message::new(
                        format!("写为“{}—××××”，并在第2章列出注日期的版本", d.key()),
                        format!("write “{}—<year>” and list the dated edition in chapter 2", d.key()),
                    ),
                );
            }
        }
    }
}
