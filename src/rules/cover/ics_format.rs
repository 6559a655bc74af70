use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The cover carries an ICS line written `ICS`, one space, and one or more ICS numbers of two,
    /// five or eight digits grouped `dd.ddd.dd` (`ICS 03.080`, `ICS 35.240.01`), several joined
    /// by `；`. A malformed line is reported one step softer than the rule's severity (a missing
    /// line is CV001's, with the other missing cover lines).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1 lists the 国际标准分类（ICS）号 among the information a cover shall give,
    /// and 10.3.1.5 sets the ICS and CCS lines one above the other. The standard does not spell
    /// out the line itself: the `dd.ddd.dd` grouping is the ICS scheme, the `ICS` label and the
    /// space are the form of published covers (the standard's own reads `ICS 01.120`). A
    /// malformed line is therefore reported one step softer than a missing one.
    ///
    /// ## Bad
    /// ```text
    /// ICS: 03.80
    /// ```
    /// ## Good
    /// ```text
    /// ICS 03.080
    /// ```
    pub struct IcsFormat {
        code: "CV002",
        name: "ics-format",
        family: Cover,
        severity: Error,
        clause: "8.1",
        summary: "ICS like 03.080 / 35.040.01",
    }
}

static ICS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^ICS[\x20\u{3000}]+\d{2}(?:\.\d{3}(?:\.\d{2})?)?(?:[;；][\x20\u{3000}]?\d{2}(?:\.\d{3}(?:\.\d{2})?)?)*$",
    )
    .unwrap_or_else(|e| panic!("ICS regex: {e}"))
});

/// `ICS.is_match(line)`, read by hand where `\d` can only be an ASCII digit (no other decimal
/// digit in the line): building the regex is most of the rule's cost on one document.
fn is_wellformed(line: &str) -> bool {
    if super::has_other_digits(line) {
        return ICS.is_match(line);
    }
    let Some(mut rest) = super::after_label(line, "ICS") else { return false };
    loop {
        let Some(after_number) = ics_number(rest) else { return false };
        if after_number.is_empty() {
            return true;
        }
        let Some(next) = after_number.strip_prefix([';', '；']) else { return false };
        rest = next.strip_prefix([' ', '\u{3000}']).unwrap_or(next);
    }
}

/// What follows an ICS number (`dd`, `dd.ddd` or `dd.ddd.dd`, ASCII digits) opening `text`.
/// Taking the longer form whenever it is there is what the regex does: a shorter one would
/// leave a dot that no separator or end follows.
fn ics_number(text: &str) -> Option<&str> {
    fn digits(s: &str, n: usize) -> Option<&str> {
        s.get(..n).filter(|d| d.bytes().all(|b| b.is_ascii_digit())).and(s.get(n..))
    }
    let rest = digits(text, 2)?;
    let Some(after_class) = rest.strip_prefix('.').and_then(|s| digits(s, 3)) else { return Some(rest) };
    Some(after_class.strip_prefix('.').and_then(|s| digits(s, 2)).unwrap_or(after_class))
}

impl Rule for IcsFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        // A cover without an ICS line: CV001 lists it with the other missing lines.
        let Some(ics) = &doc.meta.ics else { return };
        let line = ics.text.trim();
        if is_wellformed(line) {
            return;
        }
        let rest = line.get(3..).unwrap_or_default();
        let numbers: Vec<&str> =
            rest.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|t| !t.is_empty()).collect();
        // The pieces hold ASCII digits and dots only, where `\d` is `[0-9]`.
        let help = if numbers.is_empty() || !numbers.iter().all(|n| ics_number(n) == Some("")) {
            Message::new("写为“ICS 03.080”的形式", "write it as “ICS 03.080”")
        } else {
            let canonical = format!("ICS {}", numbers.join("；"));
            Message::new(format!("写为“{canonical}”"), format!("write “{canonical}”"))
        };
        ctx.report_softer(
            ics.span,
            Message::new(
                format!("ICS号“{line}”格式有误：应为“ICS”、一个空格和“dd.ddd.dd”形式的分类号"),
                format!("malformed ICS line “{line}”: the form is “ICS”, a space and numbers grouped dd.ddd.dd"),
            ),
            Some(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_by_hand_agrees_with_the_pattern() {
        const PIECES: &[&str] =
            &["ICS", " ", "\u{3000}", "03", "080", ".", "20", "1", ";", "；", "１２", "٣٤", "a", "03.080.20", "  "];
        let number = Regex::new(r"^\d{2}(?:\.\d{3}(?:\.\d{2})?)?$").unwrap_or_else(|e| panic!("{e}"));
        let mut next = crate::model::pseudo_random_numbers(0x5851_f42d_4c95_7f2d);
        let mut wellformed = 0;
        for _ in 0..20_000 {
            let tail = crate::model::pseudo_random_text(&mut next, PIECES, 10);
            let line = format!("ICS{tail}");
            assert_eq!(is_wellformed(&line), ICS.is_match(&line), "{line:?}");
            wellformed += usize::from(is_wellformed(&line));
            if tail.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                assert_eq!(ics_number(&tail) == Some(""), number.is_match(&tail), "{tail:?}");
            }
        }
        assert!(wellformed > 10, "the generated lines must include well-formed ones");
        assert!(is_wellformed("ICS 03.080.20；11.020"));
        assert!(!is_wellformed("ICS 03.080.2"));
    }
}
