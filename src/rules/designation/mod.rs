//! DS — standard designations (GB/T 1.1-2020 8.1, 10.3.1).

pub(crate) use crate::model::codes;
mod designation_format;
mod group_designation;
mod iso_designation;
mod local_designation;
mod sector_designation;
mod shapes;
mod year_separator;

use crate::diagnostic::{Message, Severity};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

pub(super) const RULES: &[&dyn Rule] = &[
    &designation_format::DesignationFormat,
    &year_separator::YearSeparator,
    &local_designation::LocalDesignation,
    &sector_designation::SectorDesignation,
    &group_designation::GroupDesignation,
    &iso_designation::IsoDesignation,
];

/// A finding to report at `info`, two steps below an `error` rule (where `report_softer` gives
/// only one step).
pub(crate) struct InfoFinding {
    pub span: Span,
    pub message: Message,
    pub help: Message,
}

/// Reports `items` at `info`. It changes the context's severity, so a rule calls it last.
pub(crate) fn report_info_last(ctx: &mut Context<'_>, meta: &'static RuleMeta, items: Vec<InfoFinding>) {
    if items.is_empty() {
        return;
    }
    ctx.enter(meta, Severity::Info);
    for item in items {
        ctx.report_with_help(item.span, item.message, item.help);
    }
}

/// True when the character before `at` is an ASCII letter or digit (or `/`, with `slash`): the
/// match is then part of a longer code (`ISO/TC`, `ABGB`).
pub(crate) fn glued(text: &str, at: usize, slash: bool) -> bool {
    text.get(..at).and_then(|s| s.chars().next_back()).is_some_and(|c| c.is_ascii_alphanumeric() || (slash && c == '/'))
}

/// The faults found in one designation, joined into one message.
pub(crate) fn join_faults(faults: &[(String, String)]) -> (String, String) {
    let zh: Vec<&str> = faults.iter().map(|f| f.0.as_str()).collect();
    let en: Vec<&str> = faults.iter().map(|f| f.1.as_str()).collect();
    (zh.join("；"), en.join("; "))
}
