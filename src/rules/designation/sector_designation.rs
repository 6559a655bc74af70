use std::sync::LazyLock;

use regex::Regex;

use super::{glued, join_faults};
use crate::diagnostic::Message;
use crate::model::{DesignationKind, find_designations, find_in_runs};
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

pub(super) static SECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<code>[A-Z]{2})
        (?P<slash>[\x20\u{3000}]*[/／\\][\x20\u{3000}]*[TZtz]|)
        (?P<gap>[\x20\u{3000}\u{00A0}]*)
        (?P<num>\d+(?:\.\d+)*)",
    )
    .unwrap_or_else(|e| panic!("sector designation regex: {e}"))
});

/// True for every character a match of [`SECTOR`] can hold (`\d` is any Unicode digit;
/// `is_numeric` takes in a few more, which only lengthens a run).
fn may_be_in_sector_designation(c: char) -> bool {
    c.is_ascii_uppercase()
        || c.is_numeric()
        || matches!(c, 't' | 'z' | '/' | '／' | '\\' | '.' | ' ' | '\u{3000}' | '\u{00A0}')
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
        let mut search_from = 0;
        while let Some(found) = find_in_runs(&SECTOR, text, search_from, may_be_in_sector_designation) {
            // Matches never overlap, as with `find_iter` (none is empty).
            search_from = found.end();
            // The code is the match's first two letters: GB, DB and codes glued to a word are
            // turned away before the groups are captured (most matches are GB/T …).
            let code_text = found.as_str().get(..2).unwrap_or_default();
            if glued(text, found.start(), true) || matches!(code_text, "GB" | "DB") {
                continue;
            }
            let Some(caps) = SECTOR.captures_at(text, found.start()) else {
                continue;
            };
            let (Some(whole), Some(code), Some(slash), Some(gap), Some(num)) =
                (caps.get(0), caps.name("code"), caps.name("slash"), caps.name("gap"), caps.name("num"))
            else {
                continue;
            };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_find_what_find_iter_found() {
        const PIECES: &[&str] = &[
            "JR", "/T", "／t", " ", "\u{3000}", "\u{a0}", "0166", ".", "1", "—", "2020", "GB", "XY", "中文", "\\", "z",
            "１２", "a", "ABC", "/", "Z", "。", "T",
        ];
        for text in crate::model::generated_texts(0x2545_f491_4f6c_dd1d, PIECES, 12).take(20_000) {
            let mut by_runs = Vec::new();
            let mut from = 0;
            while let Some(m) = find_in_runs(&SECTOR, &text, from, may_be_in_sector_designation) {
                from = m.end();
                by_runs.push(m.range());
            }
            let whole: Vec<_> = SECTOR.find_iter(&text).map(|m| m.range()).collect();
            assert_eq!(by_runs, whole, "{text:?}");
        }
    }
}
