use std::sync::LazyLock;

use regex::Regex;

use super::prose_spans;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Numbers of more than four digits grouped with commas (`12,000`), where GB/T 15835 groups
    /// digits in threes with a thin space (`12 000`) or not at all.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.4.2: “数字的用法应遵守GB/T 15835的规定”. The grouping itself is GB/T
    /// 15835's, not a sentence of GB/T 1.1-2020; a comma is the decimal marker in much of the
    /// world and is ambiguous in a standard. Advice, hence info.
    ///
    /// ## Bad
    /// ```text
    /// 服务覆盖人口不少于12,000人。
    /// ```
    /// ## Good
    /// ```text
    /// 服务覆盖人口不少于12 000人。
    /// ```
    pub struct DigitGrouping {
        code: "TY015",
        name: "digit-grouping",
        family: Typography,
        severity: Info,
        clause: "9.4.4.2",
        summary: "Numbers over four digits grouped in threes by a thin space, never by commas",
        repeats: Collapse,
    }
}

static COMMA_GROUPED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d,.])(\d{1,3}(?:,\d{3})+)(?:$|[^\d,])").unwrap_or_else(|e| panic!("TY015 regex: {e}"))
});

impl Rule for DigitGrouping {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            // Every match holds an ASCII comma before a digit; most Chinese prose has none, and
            // then the regex (Unicode digit classes, costly to build) is never compiled.
            // `is_numeric` takes in every `\d` digit, and a few characters more.
            let comma_before_digit = text
                .match_indices(',')
                .any(|(at, _)| text.get(at + 1..).and_then(|rest| rest.chars().next()).is_some_and(char::is_numeric));
            if !comma_before_digit {
                continue;
            }
            for m in COMMA_GROUPED.captures_iter(text).filter_map(|c| c.get(1)) {
                let grouped = m.as_str().replace(',', "\u{2009}");
                ctx.report_with_help(
                    Span::new(span.start + m.start(), span.start + m.end()),
                    Message::new(
                        format!("数值“{}”用逗号分节；GB/T 15835以空隙分节", m.as_str()),
                        format!("“{}” is grouped with commas; GB/T 15835 groups digits with a thin space", m.as_str()),
                    ),
                    Message::new(format!("写为“{grouped}”"), format!("write “{grouped}”")),
                );
            }
        }
    }
}
