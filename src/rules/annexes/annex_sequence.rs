use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Annexes are lettered A, B, C … in order, without gaps or repeats; a single annex is
    /// 附录A. Skipping I or O (as some documents do, to avoid confusion with 1 and 0) is not
    /// reported: the standard does not mention it, and it is common practice.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.6.2: “附录编号由‘附录’和随后表明顺序的大写拉丁字母组成，字母从A开始”;
    /// “只有一个附录时，仍应给出附录编号‘附录A’。” Citations (附录C, 表C.1) depend on the letters.
    ///
    /// ## Bad
    /// ```text
    /// 附录A … 附录C
    /// ```
    /// ## Good
    /// ```text
    /// 附录A … 附录B
    /// ```
    pub struct AnnexSequence {
        code: "AX002",
        name: "annex-sequence",
        family: Annexes,
        severity: Error,
        clause: "9.6.2",
        summary: "Letters A, B, C … without gaps",
    }
}

fn next_letter(c: char) -> char {
    char::from_u32(c as u32 + 1).unwrap_or(c)
}

impl Rule for AnnexSequence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let mut previous: Option<char> = None;
        for annex in &ctx.doc.annexes {
            let letter = annex.letter;
            let expected = previous.map_or('A', next_letter);
            let skipped_io = matches!(expected, 'I' | 'O') && letter == next_letter(expected);
            if letter != expected && !skipped_io {
                let (zh, en) = match previous {
                    Some(p) if p == letter => (format!("附录{letter}重复"), format!("annex {letter} is repeated")),
                    Some(p) => (
                        format!("附录{letter}排在附录{p}之后，应为附录{expected}"),
                        format!("annex {letter} follows annex {p}; by its position it is annex {expected}"),
                    ),
                    None => (
                        format!("第一个附录是附录{letter}，应为附录A"),
                        format!("the first annex is annex {letter}; annexes are lettered from A"),
                    ),
                };
                ctx.report_with_help(
                    annex.declared.span,
                    Message::new(zh, en),
                    Message::new(
                        format!("改为“附录{expected}”，并相应修改附录内的编号和正文中的提及"),
                        format!("make it “附录{expected}”, with its internal numbers and the citations"),
                    ),
                );
            }
            previous = Some(letter);
        }
    }
}
