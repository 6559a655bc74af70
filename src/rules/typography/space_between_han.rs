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
        for &(_, block) in ctx.blocks_with_place() {
            if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Note { .. } | BlockKind::Example { .. }) {
                continue;
            }
            let text = ctx.text(block.span);
            // A space is the byte 20, U+3000 is E3 80 80: a byte search passes over the rest.
            if memchr::memchr(b' ', text.as_bytes()).is_none() && !text.contains('\u{3000}') {
                continue;
            }
            for (start, end) in stray_spaces(text) {
                ctx.report(
                    Span::new(block.span.start + start, block.span.start + end),
                    Message::new("汉字之间有多余的空格", "stray space between Chinese characters"),
                );
            }
        }
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// The runs of spaces (` `, U+3000) with a Han character on either side, outside 《》 (where a
/// space separates the elements of a title: 标准化工作导则　第1部分). Found from the runs: a
/// byte search finds each, and only the characters beside it and the 《》 before it are read;
/// decoding every character of every paragraph into a list was most of this rule's time.
fn stray_spaces(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // How deep in 《》 the text is at `counted`, as a walk from the start counts it.
    let mut depth = 0usize;
    let mut counted = 0;
    // The end of the last run: the spaces inside it open no other.
    let mut run_end = 0;
    for (at, c) in crate::source::scan::chars_opening_with(text, &OPENS_SPACE) {
        if at < run_end || !is_space(c) {
            continue;
        }
        for (_, c) in
            crate::source::scan::chars_opening_with(text.get(counted..at).unwrap_or_default(), &OPENS_TITLE_MARK)
        {
            match c {
                '《' => depth += 1,
                '》' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        counted = at;
        let rest = text.get(at..).unwrap_or_default();
        run_end = at + rest.find(|c: char| !is_space(c)).unwrap_or(rest.len());
        let before = text.get(..at).and_then(|t| t.chars().next_back()).is_some_and(is_han);
        let after = text.get(run_end..).and_then(|t| t.chars().next()).is_some_and(is_han);
        if before && after && depth == 0 {
            out.push((at, run_end));
        }
    }
    out
}

/// First bytes of ` ` and U+3000 (E3, which many other marks share).
static OPENS_SPACE: [bool; 256] = crate::source::scan::first_bytes_of(&[' ', '\u{3000}']);
/// First bytes of 《 and 》.
static OPENS_TITLE_MARK: [bool; 256] = crate::source::scan::first_bytes_of(&['《', '》']);

#[cfg(test)]
mod tests {
    use super::stray_spaces;
    use crate::read::classify::is_han;

    /// The rule's first reading: every character decoded into a list, the runs found in it.
    fn by_characters(text: &str) -> Vec<(usize, usize)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut in_title = vec![false; chars.len()];
        let mut depth = 0usize;
        for (k, &(_, c)) in chars.iter().enumerate() {
            match c {
                '《' => depth += 1,
                '》' => depth = depth.saturating_sub(1),
                _ => {}
            }
            in_title[k] = depth > 0;
        }
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            let (at, c) = chars[k];
            if c == ' ' || c == '\u{3000}' {
                let run_end =
                    chars.iter().skip(k).position(|&(_, c)| c != ' ' && c != '\u{3000}').map_or(chars.len(), |p| k + p);
                let before = k.checked_sub(1).is_some_and(|p| is_han(chars[p].1));
                let after = chars.get(run_end).is_some_and(|&(_, c)| is_han(c));
                if before && after && !in_title[k] {
                    out.push((at, chars.get(run_end).map_or(text.len(), |&(i, _)| i)));
                }
                k = run_end.max(k + 1);
            } else {
                k += 1;
            }
        }
        out
    }

    #[test]
    fn the_runs_are_those_a_walk_over_every_character_finds() {
        const PIECES: &[&str] = &[" ", "\u{3000}", "服务", "人员", "《", "》", "a", "1", "。", "、", "  ", "\u{3001}"];
        for text in crate::model::generated_texts(0x3c6e_f372_fe94_f82b, PIECES, 14).take(5_000) {
            assert_eq!(stray_spaces(&text), by_characters(&text), "{text:?}");
        }
        assert_eq!(stray_spaces("服务 人员"), vec![(6, 7)]);
        assert!(stray_spaces("《标准化工作导则\u{3000}第1部分》").is_empty());
    }
}
