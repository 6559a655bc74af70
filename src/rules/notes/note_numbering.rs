use super::{Kind, label_of, number_of};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Numbered notes run 注1, 注2, 注3 … within each clause (or chapter without subclauses),
    /// each table or figure and each term entry: they start again at 1 and have no gaps or
    /// repeats. A single numbered note is NE001's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.11.2: “在同一章（未分条）或条、术语条目、图或表中注编号均从‘注1：’开始”. The
    /// rule warns because which clause a note belongs to is read from the layout.
    ///
    /// ## Bad
    /// ```text
    /// 5.3 …
    /// 注3：……
    /// 注4：……
    /// ```
    /// ## Good
    /// ```text
    /// 5.3 …
    /// 注1：……
    /// 注2：……
    /// ```
    pub struct NoteNumbering {
        code: "NE005",
        name: "note-numbering",
        family: Notes,
        severity: Warning,
        clause: "9.11.2",
        summary: "Numbering restarts within each clause",
    }
}

impl Rule for NoteNumbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for group in ctx.note_groups(Kind::Note) {
            let numbered: Vec<_> = group.iter().filter(|b| number_of(b).is_some()).collect();
            if numbered.len() < 2 {
                continue;
            }
            let mut expected = 1;
            for block in numbered {
                let (Some(n), Some(label)) = (number_of(block), label_of(block)) else { continue };
                if n != expected {
                    ctx.report_with_help(
                        label.span,
                        Message::new(
                            format!("注的编号“注{n}”不连续，按其位置应为“注{expected}”；注在每一条中从1编号"),
                            format!("note number {n} breaks the sequence; by its position it is {expected} (notes are numbered from 1 in each clause)"),
                        ),
                        Message::new(format!("改为“注{expected}：”"), format!("label it “注{expected}：”")),
                    );
                }
                expected = n.max(expected) + 1;
            }
        }
    }
}
