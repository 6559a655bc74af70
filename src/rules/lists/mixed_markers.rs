use super::{Item, kind_name};
use crate::diagnostic::Message;
use crate::model::MarkerKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Within one list, all items of one level use one marker kind: all `——`, all `·`, all
    /// letter numbers or all digit numbers. It also reports a list whose first level is numbered
    /// `1)` while its second level uses `a)` (the levels swapped). Wrong markers (`•`, `1、`)
    /// are LS001's and are not counted here.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.5.3: “通常在第一层次列项的各项之前使用破折号，第二层次列项的各项之前使用间隔号。
    /// 列项中的各项如果需要识别或表明先后顺序，在第一层次列项的各项之前使用字母编号。” Under letter
    /// numbers, sub-items take `·` or digit numbers `1)`. The standard says “通常” and does not
    /// forbid mixing in so many words: one marker kind per level is the practice its examples
    /// follow, so the finding is a warning worded as advice.
    ///
    /// ## Bad
    /// ```text
    /// 评价内容包括：
    /// ——服务态度；
    /// a) 服务及时性；
    /// ——服务对象满意程度。
    /// ```
    /// ## Good
    /// ```text
    /// 评价内容包括：
    /// ——服务态度；
    /// ——服务及时性；
    /// ——服务对象满意程度。
    /// ```
    pub struct MixedMarkers {
        code: "LS005",
        name: "mixed-markers",
        family: Lists,
        severity: Warning,
        clause: "7.5.3",
        summary: "One marker kind per level",
    }
}

impl Rule for MixedMarkers {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for list in ctx.lists() {
            // The kind the level was opened with, per depth; a new parent item starts its
            // sublevel afresh.
            let mut opened: Vec<Option<MarkerKind>> = Vec::new();
            let mut swapped_reported = false;
            for item in list.items.iter().filter(|i| i.kind != MarkerKind::Other) {
                let depth = item.depth.max(1);
                opened.truncate(depth);
                opened.resize(depth, None);
                let Some(slot) = opened.get_mut(depth - 1) else { continue };
                match *slot {
                    None => *slot = Some(item.kind),
                    Some(kind) if kind != item.kind => report_mixed(ctx, item, kind),
                    Some(_) => {}
                }
                let parent = depth.checked_sub(2).and_then(|p| opened.get(p).copied().flatten());
                if !swapped_reported && parent == Some(MarkerKind::Digit) && item.kind == MarkerKind::Letter {
                    swapped_reported = true;
                    ctx.report_with_help(
                        item.marker.span,
                        Message::new(
                            format!("第一层次用数字编号“1)”，第二层次却用字母编号“{}”", item.marker.text.trim()),
                            format!(
                                "the first level uses digit numbers “1)” and the second letter numbers “{}”",
                                item.marker.text.trim()
                            ),
                        ),
                        Message::new(
                            "第一层次用字母编号“a)”，第二层次用数字编号“1)”",
                            "number the first level a) b) and the second 1) 2)",
                        ),
                    );
                }
            }
        }
    }
}

fn report_mixed(ctx: &mut Context<'_>, item: &Item<'_>, first: MarkerKind) {
    let (first_zh, first_en) = kind_name(first);
    let (this_zh, this_en) = kind_name(item.kind);
    ctx.report_with_help(
        item.marker.span,
        Message::new(
            format!("同一层次的列项混用了{first_zh}和{this_zh}：此项为“{}”", item.marker.text.trim()),
            format!("one list level mixes {first_en} and {this_en}: this item is “{}”", item.marker.text.trim()),
        ),
        Message::new(format!("同一层次统一使用{first_zh}"), format!("use {first_en} throughout the level")),
    );
}
