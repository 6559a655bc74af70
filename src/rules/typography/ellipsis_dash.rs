use super::{is_cjk, latin_islands, prose_spans};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Ellipses and dashes in Chinese text: `...`, `。。。` or a single `…` for the ellipsis
    /// ……; `--` or `－－` for the dash ——.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.1: “使用的标点符号应符合GB/T 15834的规定”. The forms themselves are GB/T
    /// 15834's, not GB/T 1.1-2020's: the Chinese ellipsis is two U+2026 and the dash two
    /// U+2014. This rule applies that practice, so it warns. The single — between a
    /// designation's number and year is right and is not reported.
    ///
    /// ## Bad
    /// ```text
    /// 包括助餐、助浴、助洁...
    /// ```
    /// ## Good
    /// ```text
    /// 包括助餐、助浴、助洁……
    /// ```
    pub struct EllipsisDash {
        code: "TY006",
        name: "ellipsis-dash",
        family: Typography,
        severity: Warning,
        clause: "9.4.1",
        summary: "…… and —— forms",
        repeats: Collapse,
    }
}

/// Every mark the rule reports holds one of these, searched for by finders built once:
/// `str::contains` builds a searcher per call, which on the short texts of most paragraphs
/// costs more than the search.
static SUSPECT: std::sync::LazyLock<crate::rules::AnyWord> =
    std::sync::LazyLock::new(|| crate::rules::AnyWord::new(&["...", "…", "--", "。。。", "－－"]));

impl Rule for EllipsisDash {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        if !crate::rules::text_holds_any(ctx.doc, &SUSPECT) {
            return;
        }
        for &span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            // What the loop below reports, looked for at once.
            if !SUSPECT.is_in(text) {
                continue;
            }
            let islands = latin_islands(text);
            let mut i = 0;
            while let Some(rest) = text.get(i..) {
                let Some(c) = rest.chars().next() else { break };
                let before_cjk = text.get(..i).and_then(|s| s.chars().next_back()).is_some_and(is_cjk);
                let found = if rest.starts_with("...") && before_cjk {
                    Some(rest.chars().take_while(|&c| c == '.').count())
                } else if rest.starts_with("。。。") {
                    Some(rest.chars().take_while(|&c| c == '。').count() * 3)
                } else if c == '…' && !rest.starts_with("……") && !text.get(..i).is_some_and(|s| s.ends_with('…'))
                {
                    Some(3)
                } else if (rest.starts_with("--") || rest.starts_with("－－")) && before_cjk {
                    let dash = if rest.starts_with('-') { '-' } else { '－' };
                    Some(rest.chars().take_while(|&d| d == dash).map(char::len_utf8).sum())
                } else {
                    None
                };
                match found.filter(|_| !islands.contains(i)) {
                    Some(len) => {
                        let end = (i + len).min(text.len());
                        let run = text.get(i..end).unwrap_or_default();
                        let want = if run.starts_with(['-', '－']) { "——" } else { "……" };
                        ctx.report_with_help(
                            Span::new(span.start + i, span.start + end),
                            Message::new(
                                format!("“{run}”不是规范的标点形式，应写为“{want}”"),
                                format!("“{run}” is not the GB/T 15834 form; write “{want}”"),
                            ),
                            Message::new(format!("改为“{want}”"), format!("write “{want}”")),
                        );
                        i = end.max(i + 1);
                    }
                    None => i += c.len_utf8(),
                }
            }
        }
    }
}
