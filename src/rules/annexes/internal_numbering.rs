#[cfg(test)]
use std::sync::LazyLock;

#[cfg(test)]
use regex::Regex;

use crate::diagnostic::Message;
use crate::model::{Annex, BlockKind, CaptionKind, Place};
use crate::rules::references::scan::fold_label;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Inside annex X everything is numbered with X: clauses X.1, X.1.1; figures 图X.1; tables
    /// 表X.1; formulas (X.1). A clause, caption or formula number without the letter, or with
    /// another annex's letter (a B.1 clause inside annex A), is reported. Continuity of the
    /// numbers is FT001, FT003 and FT005's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.6.3.1: “每个附录中的条、图、表和数学公式的编号均应重新从1开始，应在阿拉伯
    /// 数字编号之前加上表明附录顺序的大写拉丁字母，字母后跟下脚点。” So 表A.1 and 表1 are never
    /// confused.
    ///
    /// ## Bad
    /// ```text
    /// 附录A
    /// …
    /// 表1　服务记录表
    /// B.1 记录要求
    /// ```
    /// ## Good
    /// ```text
    /// 附录A
    /// …
    /// 表A.1　服务记录表
    /// A.2 记录要求
    /// ```
    pub struct AnnexInternalNumbering {
        code: "AX004",
        name: "annex-internal-numbering",
        family: Annexes,
        severity: Error,
        clause: "9.6.3.1",
        summary: "A.1, 图A.1, 表A.1, (A.1) inside annex A",
    }
}

/// A line that starts like a clause of some annex: `B.1 记录要求`.
/// The pattern [`annex_clause_number`] reads by hand (kept for its tests).
#[cfg(test)]
static ANNEX_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z])[.．]([0-9]{1,3}(?:[.．][0-9]{1,3})*)(?:[\s\u{3000}]|$)")
        .unwrap_or_else(|e| panic!("annex clause regex: {e}"))
});

fn report(ctx: &mut Context<'_>, span: Span, annex: &Annex, what_zh: &str, what_en: &str, found: &str, expected: &str) {
    let letter = annex.letter;
    ctx.report_with_help(
        span,
        Message::new(
            format!("附录{letter}中的{what_zh}编号“{found}”应带附录字母{letter}"),
            format!("the {what_en} number “{found}” inside annex {letter} must carry the letter {letter}"),
        ),
        Message::new(format!("改为“{expected}”"), format!("number it {expected}")),
    );
}

/// `B.2.1 …` opening a paragraph ([`ANNEX_CLAUSE`]): the letter and the byte range of the
/// number after its dot. Levels of one to three digits, then white space or the end.
fn annex_clause_number(text: &str) -> Option<(char, std::ops::Range<usize>)> {
    let letter = text.chars().next().filter(char::is_ascii_uppercase)?;
    let dot = text.get(1..)?.chars().next().filter(|c| matches!(c, '.' | '．'))?;
    let start = 1 + dot.len_utf8();
    let mut end = start;
    loop {
        let digits = crate::source::scan::ascii_digits_len(text.get(end..)?);
        if !(1..=3).contains(&digits) {
            return None;
        }
        end += digits;
        let rest = text.get(end..)?;
        match rest.chars().next() {
            None => break,
            Some(c) if c.is_whitespace() => break,
            Some(c @ ('.' | '．')) => end += c.len_utf8(),
            Some(_) => return None,
        }
    }
    Some((letter, start..end))
}

impl Rule for AnnexInternalNumbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        for annex in &doc.annexes {
            let letter = annex.letter;
            for clause in &annex.clauses {
                clause.walk(&mut |c| {
                    if c.number.annex != Some(letter) {
                        let found = c.declared.text.clone();
                        let parts: Vec<String> = c.number.parts.iter().map(u32::to_string).collect();
                        let expected = format!("{letter}.{}", parts.join("."));
                        report(ctx, c.declared.span, annex, "条", "clause", &found, &expected);
                    }
                });
            }
        }
        for &(place, block) in ctx.blocks_with_place() {
            let Place::Annex(annex) = place else { continue };
            let letter = annex.letter;
            match &block.kind {
                BlockKind::Caption { kind, number, .. } => {
                    let label = fold_label(&number.text);
                    if label.starts_with(&format!("{letter}.")) {
                        continue;
                    }
                    let n = label.rsplit('.').next().unwrap_or(&label);
                    let (word, what_zh, what_en) = match kind {
                        CaptionKind::Figure => ("图", "图", "figure"),
                        CaptionKind::Table => ("表", "表", "table"),
                    };
                    report(
                        ctx,
                        number.span,
                        annex,
                        what_zh,
                        what_en,
                        &format!("{word}{label}"),
                        &format!("{word}{letter}.{n}"),
                    );
                }
                BlockKind::Formula { number: Some(number) } => {
                    let label = fold_label(number.text.trim_matches(['(', ')', '（', '）']));
                    if label.starts_with(&format!("{letter}.")) {
                        continue;
                    }
                    let n = label.rsplit('.').next().unwrap_or(&label);
                    report(ctx, number.span, annex, "公式", "formula", &number.text, &format!("({letter}.{n})"));
                }
                BlockKind::Paragraph => {
                    let text = ctx.text(block.span);
                    let Some((l, n)) = annex_clause_number(text) else { continue };
                    if l == letter {
                        continue;
                    }
                    let found = text.get(..n.end).unwrap_or_default().to_owned();
                    let expected = format!("{letter}.{}", text.get(n.clone()).unwrap_or_default());
                    report(ctx, block.span.sub(0, n.end), annex, "条", "clause", &found, &expected);
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ANNEX_CLAUSE, annex_clause_number};

    #[test]
    fn annex_clause_numbers_are_read_as_the_pattern_reads_them() {
        const PIECES: &[&str] =
            &["A", "B", "a", ".", "．", "1", "23", "4567", " ", "\u{3000}", "\t", "x", "中", "\n", "\u{a0}"];
        for text in crate::model::generated_texts(0x1f83_d9ab_fb41_bd6b, PIECES, 8).take(60_000) {
            // Most generated texts open with no label: give them one too.
            for text in [text.clone(), format!("A.{text}"), format!("B．1{text}")] {
                let by_pattern = ANNEX_CLAUSE
                    .captures(&text)
                    .map(|caps| (caps.get(1).and_then(|m| m.as_str().chars().next()), caps.get(2).map(|m| m.range())));
                let by_hand = annex_clause_number(&text).map(|(letter, number)| (Some(letter), Some(number)));
                assert_eq!(by_hand, by_pattern, "{text:?}");
            }
        }
    }
}
