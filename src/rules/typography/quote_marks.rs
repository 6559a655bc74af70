use super::{inside, is_cjk, latin_islands, prose_spans};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Straight quotes `"` `'` or corner brackets 「」『』 in Chinese text, and `<<…>>` used for
    /// titles, where GB/T 15834 uses “ ” ‘ ’ and 《 》.
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

impl Rule for QuoteMarks {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            let islands = latin_islands(text);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            for (k, &(at, c)) in chars.iter().enumerate() {
                if inside(&islands, at) {
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
