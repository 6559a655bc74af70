use super::shapes::nationals;
use super::{InfoFinding, glued, join_faults, report_info_last};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// National designations are written `GB`, `GB/T` or `GB/Z`, one space, the number:
    /// `GB/T 1.1`. It reports the malformed codes drafts carry — `GBT 1.1`, `GB／T` (full-width
    /// slash), `GB\T`, `GB-T`, `GB / T`, lower-case `gb/t` — anywhere in the text, and, as
    /// information, a code written without the space before the number (`GB/T1.1`).
    /// The separator before the year is DS002's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1 (footnote): “文件代号由大写拉丁字母和/或符号‘/’组成”; 10.3.1.4: “封面的文件
    /// 编号中，文件代号与顺序号之间应空半个汉字的间隙”. Every national standard prints
    /// `GB/T 1.1—2020`. A malformed code cannot be matched against the normative references,
    /// registries or the set of documents. A missing space in running text is only information.
    ///
    /// ## Bad
    /// ```text
    /// 应符合GBT 35796—2017的规定。
    /// ```
    /// ## Good
    /// ```text
    /// 应符合GB/T 35796—2017的规定。
    /// ```
    pub struct DesignationFormat {
        code: "DS001",
        name: "designation-format",
        family: Designation,
        severity: Error,
        clause: "8.1, 10.3.1.4",
        summary: "GB / GB/T / GB/Z NNNN(.N)—YYYY well formed",
    }
}

/// True when `rest` opens with `GB/T` or `GB/Z` and a gap (space, U+3000 or U+00A0): a match of
/// [`nationals`] there has every group as it should be (capitals, a plain slash, no space inside
/// the code, a gap before the number), so the rule has nothing to say about it.
fn is_well_formed_code(rest: &str) -> bool {
    (rest.starts_with("GB/T") || rest.starts_with("GB/Z"))
        && rest.get(4..).is_some_and(|after| after.starts_with([' ', '\u{3000}', '\u{a0}']))
}

impl Rule for DesignationFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let text = ctx.doc.source.text.as_str();
        let mut infos = Vec::new();
        for found in nationals(text) {
            // `GB/T 1234`, `GB/Z 1234` (the code as it should be, then a gap) is what nearly
            // every match is, and nothing below reports it.
            if is_well_formed_code(text.get(found.whole.start()..).unwrap_or_default()) {
                continue;
            }
            let (whole, gb, mid, kind, gap, num) = (found.whole, found.gb, found.mid, found.kind, found.gap, found.num);
            if glued(text, whole.start(), false) {
                continue;
            }
            // A Latin letter right after the number: a word, not a designation (`GB T1A`).
            if text.get(whole.end()..).and_then(|s| s.chars().next()).is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            // `GBZ 2.1—2019`: GBZ (and GBZ/T) is the code of the national occupational health
            // standards, not a GB/Z with its slash lost.
            if gb.as_str() == "GB" && mid.as_str().is_empty() && kind.as_str() == "Z" {
                continue;
            }
            let letter = kind.as_str().to_ascii_uppercase();
            let canonical = format!("GB/{letter} {}", num.as_str());
            let code_span = Span::new(gb.start(), kind.end());
            let mut faults: Vec<(String, String)> = Vec::new();
            if gb.as_str() != "GB" || kind.as_str() != letter {
                faults.push(("代号应使用大写字母".to_owned(), "the code is not in capitals".to_owned()));
            }
            let slash = mid.as_str().trim_matches([' ', '\u{3000}']);
            match slash {
                "/" => {}
                "" => faults.push((
                    format!("“GB”与“{letter}”之间缺少斜线“/”"),
                    format!("no slash “/” between “GB” and “{letter}”"),
                )),
                "／" => faults.push((
                    "斜线应为半角“/”，不是全角“／”".to_owned(),
                    "a full-width slash “／” where the half-width “/” belongs".to_owned(),
                )),
                "\\" => faults
                    .push(("斜线应为“/”，不是反斜线“\\”".to_owned(), "a backslash “\\” where “/” belongs".to_owned())),
                other => faults.push((
                    format!("“GB”与“{letter}”之间应为斜线“/”，不是“{other}”"),
                    format!("“GB” and “{letter}” are joined by “{other}” where “/” belongs"),
                )),
            }
            if slash == "/" && mid.as_str() != "/" {
                faults.push(("代号内不应有空格".to_owned(), "a space inside the code".to_owned()));
            }
            let typed = text.get(whole.start()..whole.end()).unwrap_or_default();
            if !faults.is_empty() {
                let (zh, en) = join_faults(&faults);
                ctx.report_with_help(
                    code_span,
                    Message::new(
                        format!("国家标准代号“{typed}”书写有误：{zh}"),
                        format!("malformed national code in “{typed}”: {en}"),
                    ),
                    Message::new(format!("写为“{canonical}”"), format!("write “{canonical}”")),
                );
            } else if gap.as_str().is_empty() {
                infos.push(InfoFinding {
                    span: Span::new(gb.start(), num.end()),
                    message: Message::new(
                        format!("“{typed}”中代号与顺序号之间没有空格"),
                        format!("no space between the code and the number in “{typed}”"),
                    ),
                    help: Message::new(format!("写为“{canonical}”"), format!("write “{canonical}”")),
                });
            }
        }
        report_info_last(ctx, &Self::META, infos);
    }
}

#[cfg(test)]
mod tests {
    use super::DesignationFormat;
    use crate::rules::testing::messages;

    #[test]
    fn malformed_national_codes() {
        let found = messages(&DesignationFormat, "应符合GBT 35796—2017和GB／T 1.1—2020的规定。");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn a_well_formed_code_is_passed_over_and_the_others_still_read() {
        assert!(super::is_well_formed_code("GB/T 1.1—2020"));
        assert!(super::is_well_formed_code("GB/Z\u{3000}20000.1"));
        assert!(!super::is_well_formed_code("GB/T1.1"));
        assert!(!super::is_well_formed_code("Gb/T 1.1"));
        let found = messages(&DesignationFormat, "见GB/T 1.1—2020、GB/T1.1—2020和gb/t 2—2021。");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn occupational_health_code_is_not_a_lost_slash() {
        assert!(messages(&DesignationFormat, "接触限值应符合GBZ 2.1—2019和GBZ/T 229.1—2010的规定。").is_empty());
        assert!(messages(&DesignationFormat, "应符合GB/Z 20000.1—2014的规定。").is_empty());
    }
}
