use super::shapes::sectors;
use super::{glued, join_faults};
use crate::diagnostic::Message;
use crate::model::{DesignationKind, find_designations};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Sector designations: a two-letter sector code from the published list, `/T` (or `/Z`),
    /// one space, the number: `JR/T 0166`, `DA/T 22`, `MZ/T 064`. It warns about a slash other
    /// than `/` or spaces inside the code (`JR／T`, `JR / T`), and reports as information a code
    /// not on the list (`XY/T 12`) and a missing space before the number (`JR/T0166`). The year
    /// separator is DS002's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1 (footnote) makes a designation of a code (“由大写拉丁字母和/或符号‘/’
    /// 组成”), a sequence number and a year, and Table F.1 names “中华人民共和国××行业标准”. Which
    /// two-letter codes exist is not in GB/T 1.1: the list used here (the sector codes
    /// published up to 2019, plus NB and XF) may be incomplete, so an unknown code is only
    /// information, and the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// JR／T 0166—2020
    /// ```
    /// ## Good
    /// ```text
    /// JR/T 0166—2020
    /// ```
    pub struct SectorDesignation {
        code: "DS004",
        name: "sector-designation",
        family: Designation,
        severity: Warning,
        clause: "8.1",
        summary: "sector code list (JR/T, YD/T, …)",
    }
}

fn is_known(code: &str) -> bool {
    find_designations(&format!("{code}/T 1"), 0).first().is_some_and(|d| d.kind == DesignationKind::Sector)
}

impl Rule for SectorDesignation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let text = ctx.doc.source.text.as_str();
        for found in sectors(text) {
            // The code is the match's first two letters: GB, DB and codes glued to a word are
            // turned away first (most matches are GB/T …).
            let (whole, code, slash, gap, num) = (found.whole, found.code, found.slash, found.gap, found.num);
            if glued(text, whole.start(), true) || matches!(code.as_str(), "GB" | "DB") {
                continue;
            }
            let code_text = code.as_str();
            if text.get(whole.end()..).and_then(|s| s.chars().next()).is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            let slash_text = slash.as_str();
            // Without `/T` only a known code followed by a space is a designation (`YD 5098`).
            if slash_text.is_empty() {
                continue;
            }
            let letter = slash_text.chars().next_back().map_or('T', |c| c.to_ascii_uppercase());
            let canonical = format!("{code_text}/{letter} {}", num.as_str());
            let typed = text.get(whole.start()..whole.end()).unwrap_or_default();
            let help = Message::new(format!("写为“{canonical}”"), format!("write “{canonical}”"));
            let span = Span::new(whole.start(), num.end());
            if !is_known(code_text) {
                ctx.report_softer(
                    span,
                    Message::new(
                        format!("“{code_text}”不在已知的行业标准代号表中，请核对“{typed}”"),
                        format!("“{code_text}” is not a known sector code; check “{typed}”"),
                    ),
                    None,
                );
                continue;
            }
            let compact: String = slash_text.chars().filter(|c| !matches!(c, ' ' | '\u{3000}')).collect();
            let mut faults: Vec<(String, String)> = Vec::new();
            if !compact.starts_with('/') {
                faults.push((
                    format!("斜线应为半角“/”，不是“{}”", compact.chars().next().unwrap_or('/')),
                    format!("“{}” where the half-width slash “/” belongs", compact.chars().next().unwrap_or('/')),
                ));
            }
            if compact.ends_with(['t', 'z']) {
                faults.push(("代号应使用大写字母".to_owned(), "the code is not in capitals".to_owned()));
            }
            if compact.len() != slash_text.len() {
                faults.push(("代号内不应有空格".to_owned(), "a space inside the code".to_owned()));
            }
            if !faults.is_empty() {
                let (zh, en) = join_faults(&faults);
                ctx.report_with_help(
                    Span::new(code.start(), slash.end()),
                    Message::new(format!("行业标准编号“{typed}”：{zh}"), format!("sector designation “{typed}”: {en}")),
                    help,
                );
            } else if gap.as_str().is_empty() {
                ctx.report_softer(
                    span,
                    Message::new(
                        format!("“{typed}”中代号与顺序号之间没有空格"),
                        format!("no space between the code and the number in “{typed}”"),
                    ),
                    Some(help),
                );
            }
        }
    }
}
