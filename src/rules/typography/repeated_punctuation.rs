use super::prose_spans;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;
use crate::source::scan::{chars_opening_with, first_bytes_of};

declare_rule! {
    /// ## What it checks
    /// The same punctuation mark typed twice in a row: 。。 ，， 、、 ；； ：： ？？ ！！ (the
    /// ellipsis …… and the dash —— are single marks and are not reported).
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.1 points to GB/T 15834 for punctuation; no rule of either doubles a
    /// mark. A doubled mark is a typing slip or the trace of a deleted phrase.
    ///
    /// ## Bad
    /// ```text
    /// 服务人员应持证上岗。。
    /// ```
    /// ## Good
    /// ```text
    /// 服务人员应持证上岗。
    /// ```
    pub struct RepeatedPunctuation {
        code: "TY003",
        name: "repeated-punctuation",
        family: Typography,
        severity: Warning,
        clause: "9.4.1",
        summary: "。。 ，， etc.",
        repeats: Collapse,
    }
}

const MARKS: &[char] = &['。', '，', '、', '；', '：', '？', '！', ',', ';'];

/// The first bytes of [`MARKS`].
static OPENS_MARK: [bool; 256] = first_bytes_of(MARKS);

impl Rule for RepeatedPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            // The end of the last run: the marks inside it are not the start of another.
            let mut run_end = 0;
            for (at, c) in chars_opening_with(text, &OPENS_MARK) {
                if at < run_end || !MARKS.contains(&c) {
                    continue;
                }
                let repeats = text.get(at..).unwrap_or_default().chars().take_while(|&next| next == c).count();
                let end = at + repeats * c.len_utf8();
                run_end = end;
                if end > at + c.len_utf8() {
                    let run = text.get(at..end).unwrap_or_default();
                    ctx.report_with_help(
                        Span::new(span.start + at, span.start + end),
                        Message::new(format!("标点“{run}”重复"), format!("repeated punctuation “{run}”")),
                        Message::new(format!("只保留一个“{c}”"), format!("keep a single “{c}”")),
                    );
                }
            }
        }
    }
}
