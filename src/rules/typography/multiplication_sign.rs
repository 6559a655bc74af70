use std::sync::LazyLock;

use regex::Regex;

use super::prose_spans;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The letter x/X or an asterisk used as a multiplication sign between numbers
    /// (`1200 x 600`, `3*4`), where the multiplication sign × is due.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.4.3: “符号叉（×）应该用于表示以小数形式写作的数和数值的乘积、向量积和笛卡尔
    /// 积”; 9.4.5.1 writes dimensions “80mm × 25mm × 50mm”. Hexadecimal numbers (`0x1F`) are
    /// not reported.
    ///
    /// ## Bad
    /// ```text
    /// 标识牌尺寸为600 mm x 400 mm。
    /// ```
    /// ## Good
    /// ```text
    /// 标识牌尺寸为600 mm × 400 mm。
    /// ```
    pub struct MultiplicationSign {
        code: "TY007",
        name: "multiplication-sign",
        family: Typography,
        severity: Warning,
        clause: "9.4.4.3",
        summary: "× not x/* between numbers",
        repeats: Collapse,
    }
}

static TIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d(?:\s?(?:mm|cm|m|km))?\s?([xX*])\s?\d").unwrap_or_else(|e| panic!("TY007 regex: {e}"))
});

impl Rule for MultiplicationSign {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            // Every match holds one of the signs; without one the regex need not be built.
            // ASCII, so a byte search (vectorised) finds them without decoding the text.
            if memchr::memchr3(b'x', b'X', b'*', text.as_bytes()).is_none() {
                continue;
            }
            for caps in TIMES.captures_iter(text) {
                let (Some(whole), Some(sign)) = (caps.get(0), caps.get(1)) else { continue };
                // 0x1F is a hexadecimal number, not 0 × 1.
                if whole.as_str().starts_with('0') && sign.start() == whole.start() + 1 {
                    continue;
                }
                ctx.report_with_help(
                    Span::new(span.start + sign.start(), span.start + sign.end()),
                    Message::new(
                        format!("数值相乘应使用乘号“×”，而不是“{}”", sign.as_str()),
                        format!("“{}” between numbers; the multiplication sign is “×”", sign.as_str()),
                    ),
                    Message::new("改为“×”", "write “×”"),
                );
            }
        }
    }
}
