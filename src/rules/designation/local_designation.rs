use super::codes::{CITIES, province};
use super::shapes::locals;
use super::{glued, join_faults};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Local designations: `DB` + the province's two-digit administrative division code (`DB44`)
    /// or a city's four digits (`DB4403`), `/T`, one space, the number: `DB44/T 2631`,
    /// `DB4403/T 512`. It reports an unknown province code, a division code of another length, a
    /// space inside the code (`DB 44/T`), a slash other than `/`, `/Z`, and — as information — a
    /// code without `/T` or without the space before the number. The year separator is DS002's.
    ///
    /// ## Why
    /// Not a requirement of GB/T 1.1-2020, which only says a designation is a code, a sequence
    /// number and a year (8.1). The form of local designations comes from the 地方标准管理办法
    /// (2020): `DB` + the administrative division code of GB/T 2260; and since the 2018
    /// Standardization Law local standards are recommended (`/T`), with few exceptions. The rule
    /// rests on those rules and on published local standards, so it warns and its messages
    /// advise.
    ///
    /// ## Bad
    /// ```text
    /// DB 4403/T 512—2025
    /// ```
    /// ## Good
    /// ```text
    /// DB4403/T 512—2025
    /// ```
    pub struct LocalDesignation {
        code: "DS003",
        name: "local-designation",
        family: Designation,
        severity: Warning,
        clause: "—",
        summary: "DB44/T NNNN—YYYY, DB4403/T NNN—YYYY (province/city codes)",
    }
}

impl Rule for LocalDesignation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let text = ctx.doc.source.text.as_str();
        for found in locals(text) {
            let (whole, sp, div, suffix, gap, num) =
                (found.whole, found.sp, found.div, found.suffix, found.gap, found.num);
            // `DB4403512`: digits run together, nothing tells code from number.
            if glued(text, whole.start(), false) || (suffix.as_str().is_empty() && gap.as_str().is_empty()) {
                continue;
            }
            let typed = text.get(whole.start()..whole.end()).unwrap_or_default();
            let division = div.as_str();
            let mut faults: Vec<(String, String)> = Vec::new();
            let mut minor: Vec<(String, String)> = Vec::new();
            if !sp.as_str().is_empty() {
                faults.push((
                    "“DB”与行政区划代码之间不应有空格".to_owned(),
                    "a space between “DB” and the division code".to_owned(),
                ));
            }
            if division.len() != 2 && division.len() != 4 {
                faults.push((
                    format!("行政区划代码“{division}”应为2位（省级）或4位（设区的市级）"),
                    format!("the division code “{division}” has neither 2 digits (province) nor 4 (city)"),
                ));
            } else if province(division).is_none() {
                faults.push((
                    format!("“{}”不是省级行政区划代码（GB/T 2260）", division.get(..2).unwrap_or(division)),
                    format!("“{}” is not a province code of GB/T 2260", division.get(..2).unwrap_or(division)),
                ));
            } else if division.len() == 4 && division.get(2..) == Some("00") {
                faults.push((
                    format!(
                        "“{division}”不是设区的市的代码；省级地方标准写为“DB{}”",
                        division.get(..2).unwrap_or_default()
                    ),
                    format!(
                        "“{division}” is not a city code; a provincial standard is “DB{}”",
                        division.get(..2).unwrap_or_default()
                    ),
                ));
            }
            let suffix_text = suffix.as_str();
            let compact_suffix: String = suffix_text.chars().filter(|c| !matches!(c, ' ' | '\u{3000}')).collect();
            if suffix_text.is_empty() {
                minor.push((
                    "代号中没有“/T”：地方标准一般为推荐性标准（DB××/T）".to_owned(),
                    "no “/T”: local standards are recommended standards (DB××/T) but for a few exceptions".to_owned(),
                ));
            } else {
                if compact_suffix != "/T" {
                    faults.push((format!("“{suffix_text}”应写为“/T”"), format!("“{suffix_text}” where “/T” belongs")));
                }
                if compact_suffix.len() != suffix_text.len() {
                    faults.push(("代号内不应有空格".to_owned(), "a space inside the code".to_owned()));
                }
                if gap.as_str().is_empty() {
                    minor.push((
                        "代号与顺序号之间没有空格".to_owned(),
                        "no space between the code and the number".to_owned(),
                    ));
                }
            }
            let canonical = format!("DB{division}/T {}", num.as_str());
            let mut help_zh = format!("写为“{canonical}”");
            let mut help_en = format!("write “{canonical}”");
            if let Some((_, name)) = CITIES.iter().find(|(code, _)| *code == division) {
                help_zh.push_str(&format!("（{name}）"));
                help_en.push_str(&format!(" ({name})"));
            }
            let span = Span::new(whole.start(), num.end());
            if !faults.is_empty() {
                faults.extend(minor);
                let (zh, en) = join_faults(&faults);
                ctx.report_with_help(
                    span,
                    Message::new(format!("地方标准编号“{typed}”：{zh}"), format!("local designation “{typed}”: {en}")),
                    Message::new(help_zh, help_en),
                );
            } else if !minor.is_empty() {
                let (zh, en) = join_faults(&minor);
                ctx.report_softer(
                    span,
                    Message::new(format!("地方标准编号“{typed}”：{zh}"), format!("local designation “{typed}”: {en}")),
                    Some(Message::new(help_zh, help_en)),
                );
            }
        }
    }
}
