use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::read::classify::is_han;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// Spaces between two Chinese characters inside a paragraph (`服务 人员`), typical of
    /// PDF conversion or OCR.
    ///
    /// ## Why
    /// Not a clause of GB/T 1.1-2020: Chinese text is set without spaces between characters, and
    /// a stray space splits words for search and reads as an error in print. Titles (where one space separates title
    /// elements) and reference entries (designation, space, title) are not reported.
    ///
    /// ## Bad
    /// ```text
    /// 服务 人员应持证上岗。
    /// ```
    /// ## Good
    /// ```text
    /// 服务人员应持证上岗。
    /// ```
    pub struct SpaceBetweenHan {
        code: "TY008",
        name: "space-between-han",
        family: Typography,
        severity: Info,
        clause: "—",
        summary: "Stray spaces between Han characters",
        repeats: Collapse,
    }
}

impl Rule for SpaceBetweenHan {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for (_, block) in ctx.doc.blocks_with_place() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Note { .. } | BlockKind::Example { .. }) {
                continue;
            }
            let text = ctx.text(block.span);
            // A space is the byte 20, U+3000 is E3 80 80: a byte search passes over the rest.
            if memchr::memchr(b' ', text.as_bytes()).is_none() && !text.contains('\u{3000}') {
                continue;
            }
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            // Inside 《》 a space separates the elements of a title (标准化工作导则　第1部分).
            let mut in_title = vec![false; chars.len()];
            let mut depth = 0usize;
            for (k, &(_, c)) in chars.iter().enumerate() {
                match c {
                    '《' => depth += 1,
                    '》' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if let Some(flag) = in_title.get_mut(k) {
                    *flag = depth > 0;
                }
            }
            let mut k = 0;
            while k < chars.len() {
                let Some(&(at, c)) = chars.get(k) else { break };
                if c == ' ' || c == '\u{3000}' {
                    let run_end = chars
                        .iter()
                        .skip(k)
                        .position(|&(_, c)| c != ' ' && c != '\u{3000}')
                        .map_or(chars.len(), |p| k + p);
                    let before = k.checked_sub(1).and_then(|p| chars.get(p)).is_some_and(|&(_, c)| is_han(c));
                    let after = chars.get(run_end).is_some_and(|&(_, c)| is_han(c));
                    if before && after && !in_title.get(k).copied().unwrap_or(false) {
                        let end = chars.get(run_end).map_or(text.len(), |&(i, _)| i);
                        ctx.report(
                            Span::new(block.span.start + at, block.span.start + end),
                            Message::new("汉字之间有多余的空格", "stray space between Chinese characters"),
                        );
                    }
                    k = run_end.max(k + 1);
                } else {
                    k += 1;
                }
            }
        }
    }
}
