use super::{is_cjk, latin_islands, prose_spans};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Straight quotes `"` `'` or corner brackets 「」『』 in Chinese text, and `<<…>>` used for
    /// titles, where GB/T 15834 uses “ ” ‘ ’ and 《 》. Straight quotes around a code value
    /// (`状态为"valid"时`, a SQL string `'2024-01-01'`) are code, not Chinese prose, and are
    /// left alone.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.1 points to GB/T 15834, which uses curly quotation marks and book-title
    /// marks in Chinese text; straight quotes come from English input methods. The forms are
    /// GB/T 15834's, not GB/T 1.1-2020's, so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 服务记录应注明"已完成"。
    /// ```
    /// ## Good
    /// ```text
    /// 服务记录应注明“已完成”。
    /// ```
    pub struct QuoteMarks {
        code: "TY005",
        name: "quote-marks",
        family: Typography,
        severity: Warning,
        clause: "9.4.1",
        summary: "“ ” and 《 》 forms",
        repeats: Collapse,
    }
}

/// Byte offsets of the straight quotes that delimit a code value (`"valid"`, a SQL string
/// `'2024-01-01'`): quotes taken in pairs, in order, around text with no CJK character.
fn quoted_code(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for quote in ['"', '\''] {
        let marks: Vec<usize> = text.match_indices(quote).map(|(at, _)| at).collect();
        for pair in marks.chunks_exact(2) {
            let [open, close] = pair else { continue };
            let inner = text.get(open + 1..*close).unwrap_or_default();
            if !inner.is_empty() && !inner.chars().any(is_cjk) {
                out.extend([*open, *close]);
            }
        }
    }
    out.sort_unstable();
    out
}

/// What every mark the rule reports is or opens with.
static MARKS: std::sync::LazyLock<crate::rules::AnyWord> =
    std::sync::LazyLock::new(|| crate::rules::AnyWord::new(&["\"", "'", "「", "」", "『", "』", "<<"]));

impl Rule for QuoteMarks {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        if !crate::rules::text_holds_any(ctx.doc, &MARKS) {
            return;
        }
        for &span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            // Only these marks are ever reported.
            if !(text.contains(['"', '\'', '「', '」', '『', '』']) || text.contains("<<")) {
                continue;
            }
            let islands = latin_islands(text);
            let code = quoted_code(text);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            for (k, &(at, c)) in chars.iter().enumerate() {
                if islands.contains(at) || code.binary_search(&at).is_ok() {
                    continue;
                }
                let near_chinese =
                    |d: isize| k.checked_add_signed(d).and_then(|i| chars.get(i)).is_some_and(|&(_, n)| is_cjk(n));
                let (found, want) = match c {
                    '"' if near_chinese(-1) || near_chinese(1) => ("\"", "“ ”"),
                    '\'' if near_chinese(-1) || near_chinese(1) => ("'", "‘ ’"),
                    '「' | '」' => ("「」", "“ ”"),
                    '『' | '』' => ("『』", "‘ ’"),
                    '<' if text.get(at..).is_some_and(|s| s.starts_with("<<")) => ("<<", "《"),
                    _ => continue,
                };
                ctx.report(
                    Span::new(span.start + at, span.start + at + c.len_utf8()),
                    Message::new(
                        format!("中文文本中的“{found}”应改为{want}"),
                        format!("“{found}” in Chinese text; GB/T 15834 uses {want}"),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::quoted_code;

    #[test]
    fn code_values_are_quoted_in_ascii() {
        assert_eq!(quoted_code("状态为\"valid\"时，执行WHERE name='张三' AND d='2024-01-01'。").len(), 4);
        assert!(quoted_code("应注明\"已完成\"。").is_empty());
    }
}
