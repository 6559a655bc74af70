use super::{item_label_closers, prose_spans};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Paired marks are balanced within a paragraph: （）, (), 《》, “”, ‘’, 【】, [], ［］.
    /// Item labels are list syntax, not brackets: `a)` `1）` at the head of an item, item
    /// references (`满足b)的要求`) and inline enumerations (`1）助餐；2）助浴`).
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.1 points to GB/T 15834, which pairs these marks; an unclosed （ or 《
    /// usually means a deleted phrase or a sentence cut in two, which changes what the provision
    /// says. Pairing is GB/T 15834's rule, not GB/T 1.1-2020's, and list markers (`a)`) and
    /// converted text can look like stray halves, so the finding is a warning.
    ///
    /// ## Bad
    /// ```text
    /// 服务记录应符合《居家养老服务记录规范的规定。
    /// ```
    /// ## Good
    /// ```text
    /// 服务记录应符合《居家养老服务记录规范》的规定。
    /// ```
    pub struct UnbalancedBrackets {
        code: "TY002",
        name: "unbalanced-brackets",
        family: Typography,
        severity: Warning,
        clause: "9.4.1",
        summary: "（ ） 《 》 “ ” [ ] balanced",
    }
}

const PAIRS: [(char, char); 8] =
    [('（', '）'), ('(', ')'), ('《', '》'), ('“', '”'), ('‘', '’'), ('【', '】'), ('[', ']'), ('［', '］')];

/// The pair a mark opens or closes; full- and half-width parentheses are one pair here (their
/// mix is TY001's concern).
fn pair_of(c: char) -> Option<usize> {
    let class = |i: usize| if i == 1 { 0 } else { i };
    PAIRS.iter().position(|&(open, close)| open == c || close == c).map(class)
}

/// Unmatched marks in `text`: byte offset and the mark.
///
/// A closing mark pairs with the nearest open mark of its kind; the marks opened after that one
/// and still open are left unreported, as they sit inside the pair (`(含（夜间)值班）`). Open marks
/// are counted per kind, so a closing mark with no partner is known at once and the stack is
/// only searched when the search ends in a pop: linear in the text, however the marks nest.
pub fn unmatched(text: &str) -> Vec<(usize, char)> {
    if !text.contains(|c: char| PAIRS.iter().any(|&(open, close)| open == c || close == c)) {
        return Vec::new();
    }
    let mut stack: Vec<(usize, char, usize)> = Vec::new();
    let mut open_of_kind = [0usize; PAIRS.len()];
    let mut out = Vec::new();
    let mut labels = item_label_closers(text).into_iter().peekable();
    for (at, c) in text.char_indices() {
        if labels.next_if_eq(&at).is_some() {
            continue;
        }
        let Some(kind) = pair_of(c) else { continue };
        let is_open = PAIRS.iter().any(|&(open, _)| open == c);
        let Some(open_count) = open_of_kind.get_mut(kind) else { continue };
        if is_open {
            stack.push((at, c, kind));
            *open_count += 1;
        } else if *open_count == 0 {
            out.push((at, c));
        } else if let Some(i) = stack.iter().rposition(|&(_, _, k)| k == kind) {
            for (_, _, dropped) in stack.drain(i..) {
                if let Some(n) = open_of_kind.get_mut(dropped) {
                    *n = n.saturating_sub(1);
                }
            }
        }
    }
    out.extend(stack.into_iter().map(|(at, c, _)| (at, c)));
    out.sort_unstable();
    out
}

impl Rule for UnbalancedBrackets {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for &span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            // a) 1) list labels and (1) formula numbers close a parenthesis nobody opened.
            let text_for_pairs = text.trim_start();
            let skip = text.len() - text_for_pairs.len();
            for (at, c) in unmatched(text_for_pairs) {
                let at = at + skip;
                if at <= 3 && matches!(c, ')' | '）') {
                    continue;
                }
                ctx.report(
                    Span::new(span.start + at, span.start + at + c.len_utf8()),
                    Message::new(
                        format!("成对标点“{c}”没有与之配对的另一半"),
                        format!("the paired mark “{c}” has no partner in this paragraph"),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unmatched;

    #[test]
    fn pairs() {
        assert!(unmatched("应符合《规范》（见5.1）的“要求”。").is_empty());
        assert_eq!(unmatched("应符合《规范的规定。").len(), 1);
        assert_eq!(unmatched("见5.1）").len(), 1);
        assert!(unmatched("(含（夜间)值班）").is_empty());
        assert!(unmatched("应满足b)的要求，服务项目包括1）助餐；2）助浴。").is_empty());
        assert!(unmatched("（包括a)和b)）").is_empty());
        assert_eq!(unmatched("（见表1").len(), 1);
        assert_eq!(unmatched("（《）》"), vec![(9, '》')]);
        assert_eq!(unmatched("《（》"), Vec::<(usize, char)>::new());
    }

    #[test]
    fn many_closing_marks_without_partners_are_each_reported() {
        // Every 》 would once search the whole stack of （: quadratic in the line.
        let text = format!("{}{}", "（".repeat(20_000), "》".repeat(20_000));
        assert_eq!(unmatched(&text).len(), 40_000);
    }
}
