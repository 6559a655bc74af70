use super::{Item, List, numbered_label};
use crate::diagnostic::Message;
use crate::model::{BlockKind, MarkerKind};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Letter numbers run a) b) c) … and digit numbers 1) 2) 3) … without gaps or repeats, each
    /// level on its own: a second-level list starts again at 1) under every first-level item.
    /// A list interrupted by a paragraph or a note may go on where it stopped; a new lead-in
    /// (a paragraph ending with “：”) starts a new list, which begins at a) or 1).
    ///
    /// ## Why
    /// No clause says it in words: GB/T 1.1-2020 7.5.3 uses letter numbers when “列项中的各项如果需要
    /// 识别或表明先后顺序”, and a gap or a repeat defeats that. Resting on that reading, the
    /// finding is a warning.
    ///
    /// ## Bad
    /// ```text
    /// a) 服务项目；
    /// b) 服务时间；
    /// d) 收费标准。
    /// ```
    /// ## Good
    /// ```text
    /// a) 服务项目；
    /// b) 服务时间；
    /// c) 收费标准。
    /// ```
    pub struct ListSequence {
        code: "LS002",
        name: "list-sequence",
        family: Lists,
        severity: Warning,
        clause: "7.5",
        summary: "a) b) c) / 1) 2) 3) continuous",
    }
}

/// The last number seen at one level.
#[derive(Clone, Copy)]
struct Last {
    kind: MarkerKind,
    ordinal: u32,
}

impl Rule for ListSequence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        // levels[d - 1]: the last number at depth d, carried across the lists of one container
        // so that a list interrupted by a paragraph may go on.
        let mut levels: Vec<Option<Last>> = Vec::new();
        let mut container = None;
        for list in ctx.lists() {
            if container != Some(list.container) || is_new_lead_in(ctx, list) {
                levels.clear();
            }
            container = Some(list.container);
            check_list(ctx, list, &mut levels);
        }
    }
}

fn check_list(ctx: &mut Context<'_>, list: &List<'_>, levels: &mut Vec<Option<Last>>) {
    // The first item of a list that follows another one in the same container.
    let mut interrupted = !levels.is_empty();
    for item in &list.items {
        let depth = item.depth.max(1);
        // An item ends the lists nested below the previous items.
        levels.truncate(depth);
        levels.resize(depth, None);
        let slot = depth - 1;
        // A symbol or a wrong marker is LS005's or LS001's; the numbering goes on past it.
        let Some(ordinal) = item.ordinal() else { continue };
        let previous = levels.get(slot).copied().flatten().filter(|last| last.kind == item.kind);
        let fine = match previous {
            Some(last) => ordinal == last.ordinal + 1 || (interrupted && ordinal == 1),
            None => ordinal == 1,
        };
        if !fine {
            report(ctx, item, previous, ordinal);
        }
        if let Some(level) = levels.get_mut(slot) {
            *level = Some(Last { kind: item.kind, ordinal });
        }
        interrupted = false;
    }
}

/// A paragraph ending with `：` right before a list introduces a new list.
fn is_new_lead_in(ctx: &Context<'_>, list: &List<'_>) -> bool {
    list.before
        .is_some_and(|b| matches!(b.kind, BlockKind::Paragraph) && ctx.text(b.span).trim_end().ends_with(['：', ':']))
}

fn report(ctx: &mut Context<'_>, item: &Item<'_>, previous: Option<Last>, ordinal: u32) {
    let typed = item.marker.text.trim();
    let (zh, en, expected) = match previous {
        Some(last) if ordinal == last.ordinal => {
            let expected = numbered_label(item.kind, last.ordinal + 1);
            (format!("列项编号“{typed}”重复"), format!("list number “{typed}” is repeated"), expected)
        }
        Some(last) => {
            let before = numbered_label(item.kind, last.ordinal);
            let expected = numbered_label(item.kind, last.ordinal + 1);
            (
                format!("列项编号不连续：“{before}”之后是“{typed}”，接续的编号为“{expected}”"),
                format!(
                    "list numbers are not continuous: “{typed}” follows “{before}”; the next number is “{expected}”"
                ),
                expected,
            )
        }
        None => {
            let expected = numbered_label(item.kind, 1);
            (
                format!("列项从“{typed}”开始，而不是从“{expected}”开始"),
                format!("the list starts at “{typed}”, not at “{expected}”"),
                expected,
            )
        }
    };
    ctx.report_with_help(
        item.marker.span,
        Message::new(zh, en),
        Message::new(
            format!("改为“{expected}”，并顺延其后的编号"),
            format!("renumber it “{expected}” and those after it"),
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::numbered_label;
    use crate::model::MarkerKind;

    #[test]
    fn labels() {
        assert_eq!(numbered_label(MarkerKind::Letter, 3), "c)");
        assert_eq!(numbered_label(MarkerKind::Digit, 12), "12)");
        assert_eq!(numbered_label(MarkerKind::Letter, 30), "第30项");
    }
}
