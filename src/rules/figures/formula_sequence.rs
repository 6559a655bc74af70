use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Message;
use crate::model::{BlockKind, Place};
use crate::rules::references::scan::fold_label;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Numbered formulas run (1), (2), (3) … through the body without gaps or repeats, and
    /// (A.1), (A.2) … in each annex. Chapter-style numbers (`(3-1)`) are reported. Letters
    /// inside annexes are AX004's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.9.2: “如果需要引用或提示，应使用带圆括号从1开始的阿拉伯数字对数学公式编号”;
    /// “数学公式编号应从引言开始一直连续到附录之前，并与章、条、图和表的编号无关。” Annex
    /// formulas: 9.6.3.1. They are cited as 公式(3) (9.5.3).
    ///
    /// ## Bad
    /// ```text
    /// S = N / T × 100%    (1)
    /// P = A / B           (3)
    /// ```
    /// ## Good
    /// ```text
    /// S = N / T × 100%    (1)
    /// P = A / B           (2)
    /// ```
    pub struct FormulaSequence {
        code: "FT005",
        name: "formula-sequence",
        family: Figures,
        severity: Error,
        clause: "9.9.2",
        summary: "(1) (2) … / (A.1)",
    }
}

/// A formula line numbered by chapter: `X = A / B    (3-1)`.
static CHAPTER_STYLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\s\u{3000}][（(]([0-9]+[-－.．][0-9]+)[)）][\s\u{3000}]*$")
        .unwrap_or_else(|e| panic!("formula chapter-style regex: {e}"))
});

impl Rule for FormulaSequence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let mut last: Option<(Option<char>, u32)> = None;
        for &(place, block) in ctx.blocks_with_place() {
            let annex = match place {
                Place::Foreword | Place::Bibliography => continue,
                Place::Annex(a) => Some(a.letter),
                _ => None,
            };
            match &block.kind {
                BlockKind::Formula { number: Some(number) } => {
                    let label = fold_label(number.text.trim_matches(['(', ')', '（', '）']));
                    let (letter, n) = match label.split_once('.') {
                        Some((l, n)) => (l.chars().next(), n.parse::<u32>().ok()),
                        None => (None, label.parse::<u32>().ok()),
                    };
                    let Some(n) = n else { continue };
                    if letter != annex {
                        continue;
                    }
                    let next = match last {
                        Some((scope, k)) if scope == annex => k + 1,
                        _ => 1,
                    };
                    if n != next {
                        let show = |k: u32| match annex {
                            Some(a) => format!("({a}.{k})"),
                            None => format!("({k})"),
                        };
                        let (zh, en) = if n + 1 == next {
                            (format!("公式编号{}重复", show(n)), format!("formula number {} is repeated", show(n)))
                        } else {
                            (
                                format!("公式编号{}不连续，按其位置应为{}", show(n), show(next)),
                                format!(
                                    "formula number {} breaks the sequence; by its position it is {}",
                                    show(n),
                                    show(next)
                                ),
                            )
                        };
                        ctx.report_with_help(
                            number.span,
                            Message::new(zh, en),
                            Message::new(
                                format!("改为{}，并修改相应的提及", show(next)),
                                format!("number it {} and update the citations", show(next)),
                            ),
                        );
                    }
                    last = Some((annex, n));
                }
                BlockKind::Paragraph => {
                    let text = ctx.text(block.span);
                    // The number the pattern looks for closes the text.
                    let numbered = text.trim_end().ends_with([')', '）']);
                    if !numbered || !text.contains(['=', '＝']) || text.contains('。') {
                        continue;
                    }
                    let Some(caps) = CHAPTER_STYLE.captures(text) else { continue };
                    let Some(m) = caps.get(1) else { continue };
                    ctx.report_with_help(
                        block.span.sub(m.start(), m.end()),
                        Message::new(
                            format!("公式编号“({})”按章编号；公式编号在全文连续编排", m.as_str()),
                            format!("the formula number “({})” is numbered by chapter; formulas are numbered through the whole document", m.as_str()),
                        ),
                        Message::new("改为(1)、(2)……（附录中为(A.1)）", "number them (1), (2) … ((A.1) in annexes)"),
                    );
                }
                _ => {}
            }
        }
    }
}
