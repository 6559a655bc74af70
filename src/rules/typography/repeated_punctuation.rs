use super::prose_spans;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

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

impl Rule for RepeatedPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            let mut chars = text.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                if !MARKS.contains(&c) {
                    continue;
                }
                let mut end = at + c.len_utf8();
                while let Some(&(next_at, next)) = chars.peek() {
                    if next != c {
                        break;
                    }
                    end = next_at + next.len_utf8();
                    chars.next();
                }
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
