use std::sync::LazyLock;

use regex::Regex;

use super::{full_cover_profile, legacy_ccs_line, placeholder_designation};
use crate::diagnostic::Message;
use crate::profile::RequiredElement;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The cover carries a CCS line: `CCS`, one space, a capital letter and two digits
    /// (`CCS A 12`, `CCS A12`). The 2009 habit of an unlabelled code (`A12`,
    /// `中国标准文献分类号：A12`) is named as such; a malformed line is reported one step softer (a
    /// missing line is CV001's, with the other missing cover lines).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1 lists the 中国标准文献分类（CCS）号 among the information a cover shall
    /// give. The form of the line is not spelled out in the standard: `CCS A 00` is that of its
    /// own cover, and the letter-and-two-digits code is the CCS scheme. A malformed line is
    /// therefore reported one step softer than a missing one.
    ///
    /// ## Bad
    /// ```text
    /// 中国标准文献分类号：A12
    /// ```
    /// ## Good
    /// ```text
    /// CCS A 12
    /// ```
    pub struct CcsFormat {
        code: "CV003",
        name: "ccs-format",
        family: Cover,
        severity: Error,
        clause: "8.1",
        summary: "CCS like A 12 (2020)",
    }
}

static CCS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^CCS[\x20\u{3000}]+[A-Z][\x20\u{3000}]?\d{2}$").unwrap_or_else(|e| panic!("CCS regex: {e}"))
});

/// The code inside a malformed or unlabelled line: `A 12`, `a12`.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^A-Za-z])([A-Za-z])[\x20\u{3000}]?(\d{2})$").unwrap_or_else(|e| panic!("CCS code regex: {e}"))
});

fn canonical(line: &str) -> Option<String> {
    let caps = CODE.captures(line.trim())?;
    Some(format!("CCS {} {}", caps.get(1)?.as_str().to_ascii_uppercase(), caps.get(2)?.as_str()))
}

/// `CCS.is_match(line)`, read by hand where `\d` can only be an ASCII digit (no other decimal
/// digit in the line): building the regex is most of the rule's cost on one document.
fn is_wellformed(line: &str) -> bool {
    if super::has_other_digits(line) {
        return CCS.is_match(line);
    }
    let Some(code) = super::after_label(line, "CCS") else { return false };
    let Some(after_letter) = code.strip_prefix(|c: char| c.is_ascii_uppercase()) else { return false };
    let digits = after_letter.strip_prefix([' ', '\u{3000}']).unwrap_or(after_letter);
    digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit())
}

impl Rule for CcsFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        if let Some(ccs) = &doc.meta.ccs {
            let line = ccs.text.trim();
            if is_wellformed(line) {
                return;
            }
            let help = canonical(line).map_or_else(
                || Message::new("写为“CCS A 12”的形式", "write it as “CCS A 12”"),
                |c| Message::new(format!("写为“{c}”"), format!("write “{c}”")),
            );
            ctx.report_softer(
                ccs.span,
                Message::new(
                    format!("CCS号“{line}”格式有误：应为“CCS”、一个空格、一个大写字母和两位数字"),
                    format!("malformed CCS line “{line}”: the form is “CCS”, a space, a capital letter and two digits"),
                ),
                Some(help),
            );
            return;
        }
        if !ctx.profile.requires(RequiredElement::Cover) || doc.meta.cover.is_none() {
            return;
        }
        if doc.meta.designation.is_none() && placeholder_designation(doc).is_none() {
            return;
        }
        let Some(line) = legacy_ccs_line(doc) else {
            // A cover without any CCS line: CV001 lists it with the other missing lines.
            return;
        };
        let strict = full_cover_profile(&ctx.profile.name);
        let help = canonical(&line.text).map_or_else(
            || Message::new("写为“CCS A 12”的形式", "write it as “CCS A 12”"),
            |c| Message::new(format!("写为“{c}”"), format!("write “{c}”")),
        );
        let message = Message::new(
            format!("“{}”是GB/T 1.1—2009时期的写法；2020版封面写为“CCS”加分类号", line.text),
            format!("“{}” is the 2009 form; 2020 covers write the label “CCS” and the code", line.text),
        );
        if strict {
            ctx.report_with_help(line.span, message, help);
        } else {
            ctx.report_softer(line.span, message, Some(help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_by_hand_agrees_with_the_pattern() {
        const PIECES: &[&str] = &["CCS", " ", "\u{3000}", "A", "a", "1", "12", "１", "٣", "Z", "-", "  "];
        let mut next = crate::model::pseudo_random_numbers(0x1405_7b7e_f767_814f);
        let mut wellformed = 0;
        for _ in 0..20_000 {
            let len = 1 + next(6);
            let line: String = std::iter::once("CCS").chain((0..len).map(|_| PIECES[next(PIECES.len())])).collect();
            assert_eq!(is_wellformed(&line), CCS.is_match(&line), "{line:?}");
            wellformed += usize::from(is_wellformed(&line));
        }
        assert!(wellformed > 10, "the generated lines must include well-formed ones");
    }
}
