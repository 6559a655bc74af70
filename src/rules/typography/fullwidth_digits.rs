use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Full-width digits and Latin letters (０–９, Ａ–Ｚ, ａ–ｚ) anywhere in the text.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.4.2: “数字的用法应遵守GB/T 15835的规定”. GB/T 1.1-2020 itself has no
    /// sentence on full-width characters: half-width digits and Latin letters are typesetting
    /// practice, so the rule warns. Full-width characters also defeat search, cross-references
    /// and designation parsing (`ＧＢ／Ｔ ３５７９６`).
    ///
    /// ## Bad
    /// ```text
    /// 应在３个工作日内办结。
    /// ```
    /// ## Good
    /// ```text
    /// 应在3个工作日内办结。
    /// ```
    pub struct FullwidthDigits {
        code: "TY004",
        name: "fullwidth-digits",
        family: Typography,
        severity: Warning,
        clause: "9.4.4.2",
        summary: "０-９, Ａ-Ｚ → half width (fixable)",
        repeats: Collapse,
        fixable: true,
    }
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// The UTF-8 length of every full-width letter and digit.
const FULLWIDTH_LEN: usize = '０'.len_utf8();

/// Whether a full-width letter or digit starts at byte `at` of `bytes` (valid UTF-8).
fn fullwidth_alnum_at(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at..at + FULLWIDTH_LEN)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.chars().next())
        .is_some_and(is_fullwidth_alnum)
}

impl Rule for FullwidthDigits {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let text = ctx.doc.source.text.as_str();
        // Code listings keep what they hold.
        let code: Vec<Span> = ctx
            .blocks_with_place()
            .iter()
            .filter(|(_, b)| matches!(b.kind, BlockKind::Code))
            .map(|(_, b)| b.span)
            .collect();
        // Every full-width letter and digit is EF BC xx or EF BD xx in UTF-8: only where the
        // (vectorised) search finds EF is a character looked at.
        let bytes = text.as_bytes();
        let mut run_end = 0;
        for at in memchr::memchr_iter(0xEF, bytes) {
            if at < run_end || !fullwidth_alnum_at(bytes, at) || code.iter().any(|s| at >= s.start && at < s.end) {
                continue;
            }
            let mut end = at + FULLWIDTH_LEN;
            while fullwidth_alnum_at(bytes, end) {
                end += FULLWIDTH_LEN;
            }
            run_end = end;
            let run = text.get(at..end).unwrap_or_default();
            let half: String = run.chars().map(|c| char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)).collect();
            ctx.report_fixable(
                Span::new(at, end),
                Message::new(
                    format!("“{run}”使用了全角字符，应使用半角“{half}”"),
                    format!("“{run}” is full-width; write “{half}”"),
                ),
                Message::new(format!("改为“{half}”"), format!("write “{half}”")),
                half.clone(),
            );
        }
    }
}
