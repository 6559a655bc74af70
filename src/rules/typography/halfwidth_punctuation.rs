use super::{inside, is_cjk, latin_islands, prose_spans};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Half-width punctuation `, . ; : ? ! ( )` inside Chinese text, where GB/T 15834 uses the
    /// full-width forms ，。；：？！（）.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.4.1: “文件中使用的汉字应为规范汉字，使用的标点符号应符合GB/T 15834的规定。” A
    /// half-width comma or colon between Chinese characters is the most frequent slip of drafts
    /// typed with an English input method. Latin text, numbers (1.5, 3:1), designations
    /// (ISO 8601-1:2019) and URLs keep their ASCII punctuation. Which text counts as Chinese is
    /// this checker's reading of GB/T 15834, so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 服务机构应建立投诉渠道,并公开投诉电话(含夜间值班电话).
    /// ```
    /// ## Good
    /// ```text
    /// 服务机构应建立投诉渠道，并公开投诉电话（含夜间值班电话）。
    /// ```
    pub struct HalfwidthPunctuation {
        code: "TY001",
        name: "halfwidth-punctuation",
        family: Typography,
        severity: Warning,
        clause: "9.4.1",
        summary: ", . ; : ? ! ( ) in Chinese text → full width (fixable)",
        repeats: Collapse,
        fixable: true,
    }
}

/// The full-width form of a half-width mark.
pub fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        '.' => '。',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Half-width marks in Chinese context within `text`: byte offset and the mark.
pub fn find(text: &str) -> Vec<(usize, char)> {
    let islands = latin_islands(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    // `CHAR(长度)` and `f(x)` are notation: such a parenthesis and its partner stay ASCII.
    let mut notation_parens: Vec<bool> = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if full_width(c).is_none() || inside(&islands, at) {
            continue;
        }
        let before = k.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
        let after = chars.get(k + 1).map(|&(_, c)| c);
        if c == '(' {
            let notation = before.is_some_and(|b| b.is_ascii_alphanumeric());
            notation_parens.push(notation);
            if notation {
                continue;
            }
        }
        if c == ')' && notation_parens.pop() == Some(true) {
            continue;
        }
        // What a full stop follows: the last character before any closing marks.
        let before_closers = chars
            .get(..k)
            .unwrap_or_default()
            .iter()
            .rev()
            .map(|&(_, c)| c)
            .find(|c| !matches!(c, ')' | '）' | '”' | '’' | '》'));
        let chinese_before = if c == '.' { before_closers.is_some_and(is_cjk) } else { before.is_some_and(is_cjk) };
        let chinese_after = after.is_some_and(is_cjk);
        let hit = match c {
            // 1.5 and 3.14 are numbers; a full stop is a full stop only after Chinese text.
            '.' => chinese_before && after.is_none_or(|a| a.is_whitespace() || is_cjk(a)),
            ':' | ',' | ';' | '?' | '!' => {
                let numeric = before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|a| a.is_ascii_digit());
                !numeric && (chinese_before || chinese_after)
            }
            '(' => chinese_after || chinese_before,
            ')' => chinese_before || chinese_after,
            _ => false,
        };
        if hit {
            out.push((at, c));
        }
    }
    out
}

impl Rule for HalfwidthPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for span in prose_spans(ctx.doc) {
            let text = ctx.text(span);
            for (at, c) in find(text) {
                let full = full_width(c).unwrap_or(c);
                ctx.report_fixable(
                    Span::new(span.start + at, span.start + at + c.len_utf8()),
                    Message::new(
                        format!("中文文本中使用了半角标点“{c}”，应使用全角“{full}”"),
                        format!("half-width “{c}” in Chinese text; GB/T 15834 uses the full-width “{full}”"),
                    ),
                    Message::new(format!("改为“{full}”"), format!("write “{full}”")),
                    full.to_string(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn finds_marks_in_chinese_context_only() {
        let marks: Vec<char> = find("投诉渠道,并公开电话(含值班).").into_iter().map(|(_, c)| c).collect();
        assert_eq!(marks, vec![',', '(', ')', '.']);
        assert!(find("比例为3:1，长度1.5 m，符合ISO 8601-1:2019，见 https://a.b/c?d=1。").is_empty());
        assert!(find("Quality Inspection (QI), version 2.").is_empty());
    }
}
