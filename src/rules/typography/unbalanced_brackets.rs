use super::{item_label_closers, prose_spans};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;
use crate::source::scan::{chars_opening_with, first_bytes_of};

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

/// The kind of a paired mark (an index into [`PAIRS`]; `（` and `(` share one, as a paragraph
/// may open with one and close with the other) and whether it opens.
fn mark_of(c: char) -> Option<(usize, bool)> {
    Some(match c {
        '（' | '(' => (0, true),
        '）' | ')' => (0, false),
        '《' => (2, true),
        '》' => (2, false),
        '“' => (3, true),
        '”' => (3, false),
        '‘' => (4, true),
        '’' => (4, false),
        '【' => (5, true),
        '】' => (5, false),
        '[' => (6, true),
        ']' => (6, false),
        '［' => (7, true),
        '］' => (7, false),
        _ => return None,
    })
}

/// First bytes of the marks of [`PAIRS`].
static OPENS_MARK: [bool; 256] =
    first_bytes_of(&['（', '）', '(', ')', '《', '》', '“', '”', '‘', '’', '【', '】', '[', ']', '［', '］']);

/// The paired marks of `text`, where they stand, with their kind and whether each opens.
fn marks(text: &str) -> impl Iterator<Item = (usize, char, usize, bool)> + '_ {
    chars_opening_with(text, &OPENS_MARK).filter_map(|(at, c)| mark_of(c).map(|(kind, opens)| (at, c, kind, opens)))
}

pub fn unmatched(text: &str) -> Vec<(usize, char)> {
    let mut marks = marks(text).peekable();
    if marks.peek().is_none() {
        return Vec::new();
    }
    let mut stack: Vec<(usize, char, usize)> = Vec::new();
    let mut open_of_kind = [0usize; PAIRS.len()];
    let mut out = Vec::new();
    let mut labels = item_label_closers(text).into_iter().peekable();
    for (at, c, kind, is_open) in marks {
        // A label closer is a mark; the labels before this mark stand elsewhere.
        while labels.next_if(|&label| label < at).is_some() {}
        if labels.next_if_eq(&at).is_some() {
            continue;
        }
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
    fn the_marks_found_by_their_first_bytes_are_the_pairs() {
        let text = "（a）(b)《c》“d”‘e’【f】[g]［h］、。：“—…é€ＡＢ";
        let expected: Vec<(usize, char)> = text
            .char_indices()
            .filter(|&(_, c)| super::PAIRS.iter().any(|&(open, close)| open == c || close == c))
            .collect();
        let found: Vec<(usize, char)> = super::marks(text).map(|(at, c, _, _)| (at, c)).collect();
        assert_eq!(found, expected);
        for (_, c, kind, opens) in super::marks(text) {
            let pair = super::PAIRS.iter().position(|&(open, close)| open == c || close == c);
            assert_eq!(pair.map(|i| if i == 1 { 0 } else { i }), Some(kind), "{c}");
            assert_eq!(super::PAIRS.iter().any(|&(open, _)| open == c), opens, "{c}");
        }
    }

    #[test]
    fn many_closing_marks_without_partners_are_each_reported() {
        // Every 》 would once search the whole stack of （: quadratic in the line.
        let text = format!("{}{}", "（".repeat(20_000), "》".repeat(20_000));
        assert_eq!(unmatched(&text).len(), 40_000);
    }
}
