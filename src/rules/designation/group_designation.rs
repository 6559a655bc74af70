use std::sync::LazyLock;

use regex::Regex;

use super::{glued, join_faults};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Group (association) designations: `T/`, the association's code of 2 to 10 capital letters
    /// or digits starting with a letter, one space, the number: `T/CAS 608`, `T/SZUIA 002`. It
    /// warns about a space or a full-width slash in `T/` (`T/ CAS`, `T／CAS`), a `/T` added as in
    /// sector codes (`T/CAS/T 608`, `T/T CAS 608`), lower-case or over-long association codes.
    /// The year separator is DS002's.
    ///
    /// ## Why
    /// Not a requirement of GB/T 1.1-2020, which only says a designation is a code, a sequence
    /// number and a year (8.1). The form of group designations comes from the 团体标准管理规定
    /// (2019): `T/` + the association's code + sequence number + year, as published group
    /// standards print it. The rule rests on that practice, so it warns and its messages advise.
    ///
    /// ## Bad
    /// ```text
    /// T/ CAS 608—2023
    /// ```
    /// ## Good
    /// ```text
    /// T/CAS 608—2023
    /// ```
    pub struct GroupDesignation {
        code: "DS005",
        name: "group-designation",
        family: Designation,
        severity: Warning,
        clause: "—",
        summary: "T/XXX NNN—YYYY",
    }
}

static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        T(?P<slash>[\x20\u{3000}]*[/／\\][\x20\u{3000}]*)
        (?P<tt>T[\x20\u{3000}]+)?
        (?P<org>[A-Za-z][A-Za-z0-9]*)
        (?P<rt>[/／][TZ])?
        (?P<gap>[\x20\u{3000}\u{00A0}]+)
        (?P<num>\d+(?:\.\d+)*)",
    )
    .unwrap_or_else(|e| panic!("group designation regex: {e}"))
});

/// True when some slash of `text` follows a `T` (spaces between allowed), as every match of
/// [`GROUP`] opens: `GB/T` and `DB44/T` have none, so most texts never build the pattern.
fn has_t_slash(text: &str) -> bool {
    // Each slash opens with `/`, `\` or EF (`／`): a vectorised byte search finds where one
    // may stand, and only there is the text looked at.
    memchr::memchr3_iter(b'/', b'\\', 0xEF, text.as_bytes())
        .filter(|&at| text.get(at..).is_some_and(|rest| rest.starts_with(['/', '／', '\\'])))
        .any(|at| text.get(..at).is_some_and(|before| before.trim_end_matches([' ', '\u{3000}']).ends_with('T')))
}

impl Rule for GroupDesignation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let text = ctx.doc.source.text.as_str();
        if !has_t_slash(text) {
            return;
        }
        for caps in GROUP.captures_iter(text) {
            let (Some(whole), Some(slash), Some(org), Some(num)) =
                (caps.get(0), caps.name("slash"), caps.name("org"), caps.name("num"))
            else {
                continue;
            };
            if glued(text, whole.start(), true) {
                continue;
            }
            let org_text = org.as_str();
            let typed = text.get(whole.start()..whole.end()).unwrap_or_default();
            let mut faults: Vec<(String, String)> = Vec::new();
            match slash.as_str() {
                "/" => {}
                s if s.contains(['／', '\\']) => faults.push((
                    "“T”后的斜线应为半角“/”".to_owned(),
                    "the slash after “T” is not the half-width “/”".to_owned(),
                )),
                _ => faults.push(("“T/”内及其后不应有空格".to_owned(), "a space in or after “T/”".to_owned())),
            }
            if caps.name("tt").is_some() || caps.name("rt").is_some() {
                faults.push((
                    "团体标准代号中没有“/T”（那是行业、地方标准的写法）".to_owned(),
                    "a group code carries no “/T” (that belongs to sector and local codes)".to_owned(),
                ));
            }
            if org_text.chars().any(|c| c.is_ascii_lowercase()) {
                faults.push((
                    format!("社会团体代号“{org_text}”应使用大写字母"),
                    format!("the association code “{org_text}” is not in capitals"),
                ));
            }
            let length = org_text.chars().count();
            if !(2..=10).contains(&length) {
                faults.push((
                    format!("社会团体代号“{org_text}”应为2～10个字母或数字"),
                    format!("the association code “{org_text}” is not 2 to 10 letters or digits long"),
                ));
            }
            if faults.is_empty() {
                continue;
            }
            let canonical = format!("T/{} {}", org_text.to_ascii_uppercase(), num.as_str());
            let (zh, en) = join_faults(&faults);
            ctx.report_with_help(
                Span::new(whole.start(), num.end()),
                Message::new(format!("团体标准编号“{typed}”：{zh}"), format!("group designation “{typed}”: {en}")),
                Message::new(format!("写为“{canonical}”"), format!("write “{canonical}”")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::has_t_slash;

    #[test]
    fn a_t_before_a_slash_is_found_wherever_the_slash_stands() {
        let by_chars = |text: &str| {
            text.match_indices(['/', '／', '\\'])
                .any(|(at, _)| text.get(..at).is_some_and(|b| b.trim_end_matches([' ', '\u{3000}']).ends_with('T')))
        };
        for text in ["", "T/CAS 1", "T／ABC", "T \\X", "T　/", "GB/T 1", "中文，／", "AT/", "T", "/T", "Ｔ/", "T，/"]
        {
            assert_eq!(has_t_slash(text), by_chars(text), "{text}");
        }
    }
}
