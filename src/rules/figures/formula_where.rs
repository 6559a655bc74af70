use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The explanation of a formula's symbols after the formula opens with 式中： (not 其中：,
    /// 式中, or 式中:), and each symbol is explained as `symbol——explanation`
    /// (`N——服务对象人数；`), not `N为…` or `N：…`.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.9.3.1: “除非已经在‘符号和缩略语’（见8.8）中列出，否则应在数学公式后用
    /// ‘式中：’引出对字母符号含义的解释。” 10.4.3: the symbols “应……分行说明……并用破折号与释文
    /// 连接”. The rule warns: a conversion often breaks the lines of a formula block.
    ///
    /// ## Bad
    /// ```text
    /// S = N / T × 100%    (1)
    /// 其中：N为满意人数，T为调查人数。
    /// ```
    /// ## Good
    /// ```text
    /// S = N / T × 100%    (1)
    /// 式中：
    /// N——满意人数；
    /// T——调查人数。
    /// ```
    pub struct FormulaWhere {
        code: "FT008",
        name: "formula-where",
        family: Figures,
        severity: Warning,
        clause: "9.9.3.1, 10.4.3",
        summary: "式中： explains the symbols",
    }
}

/// `N为满意人数` / `N：满意人数` / `N-满意人数`: a symbol explained without the dash.
fn loose_explanation(text: &str) -> Option<(usize, usize)> {
    let symbol_end = text
        .char_indices()
        .find(|&(_, c)| {
            c.is_whitespace() || crate::read::classify::is_han(c) || matches!(c, '：' | ':' | '—' | '－' | '-' | '=')
        })?
        .0;
    if symbol_end == 0 || symbol_end > 12 {
        return None;
    }
    let symbol = text.get(..symbol_end)?;
    if !symbol.chars().all(|c| {
        c.is_alphanumeric() && !crate::read::classify::is_han(c)
            || matches!(c, '_' | '$' | '{' | '}' | '\\' | '′' | '\'')
    }) {
        return None;
    }
    let rest = text.get(symbol_end..)?.trim_start();
    let sep_at = text.len() - rest.len();
    if rest.starts_with("——") {
        return None;
    }
    let sep = ["为", "是", "：", ":", "—", "－", "-", "="].into_iter().find(|s| rest.starts_with(s))?;
    Some((sep_at, sep_at + sep.len()))
}

impl Rule for FormulaWhere {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let blocks = ctx.blocks_with_place();
        for (i, (_, block)) in blocks.iter().enumerate() {
            if !matches!(block.kind, BlockKind::Formula { .. }) {
                continue;
            }
            let Some((_, next)) = blocks.get(i + 1) else { continue };
            if !matches!(next.kind, BlockKind::Paragraph) {
                continue;
            }
            let text = ctx.text(next.span);
            let label_len = if let Some(rest) = text.strip_prefix("式中") {
                if rest.starts_with('：') {
                    "式中：".len()
                } else {
                    let len = "式中".len()
                        + rest.chars().next().filter(|c| matches!(c, ':' | '，' | ',')).map_or(0, char::len_utf8);
                    ctx.report_with_help(
                        next.span.sub(0, len),
                        Message::new(
                            "公式的符号说明应以“式中：”（全角冒号）引出",
                            "the symbols of a formula are introduced by “式中：”, with a full-width colon",
                        ),
                        Message::new("写为“式中：”", "write “式中：”"),
                    );
                    len
                }
            } else if text.starts_with("其中") {
                let len = "其中".len()
                    + text
                        .get("其中".len()..)
                        .and_then(|s| s.chars().next())
                        .filter(|c| matches!(c, '：' | ':' | '，' | ','))
                        .map_or(0, char::len_utf8);
                ctx.report_with_help(
                    next.span.sub(0, len),
                    Message::new(
                        "公式的符号说明以“其中”引出；应以“式中：”引出",
                        "the symbols are introduced by “其中”; a formula's symbols are introduced by “式中：”",
                    ),
                    Message::new(
                        "写为“式中：”，其后每行一个符号：“N——说明；”",
                        "write “式中：” and then one symbol a line: “N——explanation；”",
                    ),
                );
                len
            } else {
                continue;
            };
            // The explanations: the rest of this paragraph, then the paragraphs that follow.
            let mut lines: Vec<(crate::source::Span, &str)> = Vec::new();
            let first = text.get(label_len..).unwrap_or_default();
            let first_trim = first.trim_start();
            if !first_trim.is_empty() {
                let at = next.span.start + label_len + (first.len() - first_trim.len());
                lines.push((crate::source::Span::new(at, next.span.end), first_trim));
            }
            for (_, b) in blocks.get(i + 2..).unwrap_or_default() {
                if !matches!(b.kind, BlockKind::Paragraph) {
                    break;
                }
                let t = ctx.text(b.span);
                if t.chars().count() > 80 || t.contains("。") && !t.trim_end().ends_with('。') {
                    break;
                }
                lines.push((b.span, t));
                if t.trim_end().ends_with('。') {
                    break;
                }
            }
            for (span, line) in lines {
                if let Some((s, e)) = loose_explanation(line) {
                    let sep = line.get(s..e).unwrap_or_default();
                    ctx.report_with_help(
                        span.sub(s, e),
                        Message::new(
                            format!("符号与其说明之间用了“{sep}”；应用破折号“——”连接"),
                            format!("the symbol and its explanation are joined by “{sep}”; use a dash “——”"),
                        ),
                        Message::new("写为“N——说明，单位为……；”", "write “N——explanation, unit …；”"),
                    );
                }
            }
        }
    }
}
