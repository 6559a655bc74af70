use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Message;
use crate::model::{Text, compact};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The cover dates are written `YYYY-MM-DD发布` and `YYYY-MM-DD实施` (`2025-03-10发布`); a
    /// draft's placeholders (`XXXX-XX-XX发布`, `2025-××-××实施`) are accepted. It also checks
    /// that each date exists in the calendar and that implementation does not come before
    /// publication. A missing date is CV001's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1 requires the 发布日期 and 实施日期 on the cover but does not fix how they
    /// are written: `2020-03-31 发布` / `2020-10-01 实施` is the form of the standard's own cover
    /// and of published standards. A date that is not in the calendar, or an implementation
    /// before publication, is almost always a slip. All findings are warnings: the form is
    /// practice, not a clause.
    ///
    /// ## Bad
    /// ```text
    /// 2025年3月10日发布
    /// ```
    /// ## Good
    /// ```text
    /// 2025-03-10发布
    /// ```
    pub struct CoverDates {
        code: "CV004",
        name: "cover-dates",
        family: Cover,
        severity: Warning,
        clause: "8.1",
        summary: "valid dates, 实施 on or after 发布",
    }
}

/// `2025-03-10`, or placeholders in any field.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>\d{4}|[X×x]{4})-(?P<m>\d{2}|[X×x]{2})-(?P<d>\d{2}|[X×x]{2})(?P<word>发布|实施)$")
        .unwrap_or_else(|e| panic!("date regex: {e}"))
});

/// Any date the author may have meant: `2025年3月10日`, `2025.03.10`, `2025/3/10`.
static LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})\s*[年.．/\-－—]\s*(\d{1,2})\s*[月.．/\-－—]\s*(\d{1,2})\s*日?")
        .unwrap_or_else(|e| panic!("{e}"))
});

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    year: u32,
    month: u32,
    day: u32,
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

enum Parsed {
    Date(Date),
    Placeholder,
    Invalid(String),
}

/// Checks the form of one date line; returns the date when it is a real one.
/// The year, month and day of `DATE` in `key`, read by hand where `\d` can only be an ASCII
/// digit (no other decimal digit in the key): building the regex is most of the rule's cost
/// on one document.
fn date_fields(key: &str) -> Option<[&str; 3]> {
    if super::has_other_digits(key) {
        let caps = DATE.captures(key)?;
        return Some([caps.name("y")?.as_str(), caps.name("m")?.as_str(), caps.name("d")?.as_str()]);
    }
    let (year, rest) = date_field(key, 4)?;
    let (month, rest) = date_field(rest.strip_prefix('-')?, 2)?;
    let (day, rest) = date_field(rest.strip_prefix('-')?, 2)?;
    matches!(rest, "发布" | "实施").then_some([year, month, day])
}

/// `\d{n}|[X×x]{n}` opening `text`, and the text after it.
fn date_field(text: &str, n: usize) -> Option<(&str, &str)> {
    let end = text.char_indices().nth(n).map_or(text.len(), |(at, _)| at);
    let field = text.get(..end)?;
    let digits = field.chars().all(|c| c.is_ascii_digit());
    let placeholder = field.chars().all(|c| matches!(c, 'X' | '×' | 'x'));
    (field.chars().count() == n && (digits || placeholder)).then(|| (field, text.get(end..).unwrap_or_default()))
}

fn check_line(ctx: &mut Context<'_>, line: &Text, word: &str) -> Option<Date> {
    let whole = compact(&line.text);
    // Both dates on one line: `2025-03-10发布　2025-05-01实施`.
    let key = match (whole.find("发布"), whole.find("实施")) {
        (Some(p), Some(i)) if p < i && word == "发布" => whole.get(..p + "发布".len()).unwrap_or(&whole).to_owned(),
        (Some(p), Some(i)) if p < i => whole.get(p + "发布".len()..).unwrap_or(&whole).to_owned(),
        _ => whole,
    };
    let parsed = match date_fields(&key) {
        Some(fields) => {
            let [y, m, d] = fields.map(|f| f.parse::<u32>().ok());
            match (y, m, d) {
                (Some(year), Some(month), Some(day)) => {
                    if (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day) {
                        Parsed::Date(Date { year, month, day })
                    } else {
                        Parsed::Invalid(format!("{year:04}-{month:02}-{day:02}"))
                    }
                }
                _ => Parsed::Placeholder,
            }
        }
        None => {
            let help = LOOSE.captures(&key).and_then(|c| {
                let year = c.get(1)?.as_str();
                let month: u32 = c.get(2)?.as_str().parse().ok()?;
                let day: u32 = c.get(3)?.as_str().parse().ok()?;
                Some(format!("{year}-{month:02}-{day:02}{word}"))
            });
            let help = help.map_or_else(
                || Message::new(format!("写为“YYYY-MM-DD{word}”"), format!("write “YYYY-MM-DD{word}”")),
                |h| Message::new(format!("写为“{h}”"), format!("write “{h}”")),
            );
            ctx.report_with_help(
                line.span,
                Message::new(
                    format!("封面日期“{key}”应写为“YYYY-MM-DD{word}”"),
                    format!("the cover date “{key}” is not in the form “YYYY-MM-DD{word}”"),
                ),
                help,
            );
            return None;
        }
    };
    match parsed {
        Parsed::Date(date) => Some(date),
        Parsed::Placeholder => None,
        Parsed::Invalid(shown) => {
            ctx.report(
                line.span,
                Message::new(format!("“{shown}”不是有效的日期"), format!("“{shown}” is not a date in the calendar")),
            );
            None
        }
    }
}

impl Rule for CoverDates {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let both = |t: &Text| t.text.contains("发布") && t.text.contains("实施");
        let publish_line = doc.meta.publish_date.as_ref().or(doc.meta.implement_date.as_ref().filter(|t| both(t)));
        let implement_line = doc.meta.implement_date.as_ref().or(doc.meta.publish_date.as_ref().filter(|t| both(t)));
        let published = publish_line.and_then(|l| check_line(ctx, l, "发布"));
        let implemented = implement_line.and_then(|l| check_line(ctx, l, "实施"));
        if let (Some(p), Some(i), Some(line)) = (published, implemented, implement_line) {
            if i < p {
                ctx.report_with_help(
                    line.span,
                    Message::new(
                        format!(
                            "实施日期{:04}-{:02}-{:02}早于发布日期{:04}-{:02}-{:02}；请核对",
                            i.year, i.month, i.day, p.year, p.month, p.day
                        ),
                        format!(
                            "the implementation date {:04}-{:02}-{:02} comes before the publication date {:04}-{:02}-{:02}; please check",
                            i.year, i.month, i.day, p.year, p.month, p.day
                        ),
                    ),
                    Message::new("实施日期应不早于发布日期", "a document takes effect on or after its publication"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_by_hand_agrees_with_the_pattern() {
        const YEARS: &[&str] = &["2025", "XXXX", "××××", "xxxx", "20", "２０２５", "20X5", "٢٠٢٥", ""];
        const PARTS: &[&str] = &["03", "XX", "××", "3", "٣٤", "0３", "Xx", ""];
        const SEPARATORS: &[&str] = &["-", "-", "-", "年", ""];
        const WORDS: &[&str] = &["发布", "实施", "发布 ", "", "发布实施"];
        let mut next = crate::model::pseudo_random_numbers(0x9fb2_1c65_1e98_df25);
        let mut dates = 0;
        for _ in 0..30_000 {
            let mut pick = |from: &[&'static str]| from[next(from.len())];
            let key = [pick(YEARS), pick(SEPARATORS), pick(PARTS), pick(SEPARATORS), pick(PARTS), pick(WORDS)].concat();
            let by_pattern = DATE
                .captures(&key)
                .map(|c| ["y", "m", "d"].map(|name| c.name(name).map_or(String::new(), |m| m.as_str().to_owned())));
            let by_hand = date_fields(&key).map(|fields| fields.map(str::to_owned));
            assert_eq!(by_hand, by_pattern, "{key:?}");
            dates += usize::from(by_hand.is_some());
        }
        assert!(dates > 10, "the generated keys must include dates");
        assert_eq!(date_fields("2025-03-10发布"), Some(["2025", "03", "10"]));
    }
}
