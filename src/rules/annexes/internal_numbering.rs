use std::sync::LazyLock;

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
        for (place, block) in doc.blocks_with_place() {
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
                    let Some(caps) = ANNEX_CLAUSE.captures(text) else { continue };
                    let (Some(l), Some(n)) = (caps.get(1), caps.get(2)) else { continue };
                    if l.as_str().starts_with(letter) {
                        continue;
                    }
                    let found = text.get(..n.end()).unwrap_or_default().to_owned();
                    let expected = format!("{letter}.{}", n.as_str());
                    report(ctx, block.span.sub(0, n.end()), annex, "条", "clause", &found, &expected);
                }
                _ => {}
            }
        }
    }
}
