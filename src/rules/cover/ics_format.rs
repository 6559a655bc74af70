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

static ICS_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{2}(?:\.\d{3}(?:\.\d{2})?)?$").unwrap_or_else(|e| panic!("ICS number regex: {e}"))
});

impl Rule for IcsFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        // A cover without an ICS line: CV001 lists it with the other missing lines.
        let Some(ics) = &doc.meta.ics else { return };
        let line = ics.text.trim();
        if ICS.is_match(line) {
            return;
        }
        let rest = line.get(3..).unwrap_or_default();
        let numbers: Vec<&str> =
            rest.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|t| !t.is_empty()).collect();
        let help = if numbers.is_empty() || !numbers.iter().all(|n| ICS_NUMBER.is_match(n)) {
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
