//! SU — suppression comments themselves.

use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A `normlint-disable…` comment that suppresses nothing: the finding it was written for
    /// has been fixed, the code is misspelt, or the comment stands on the wrong line.
    ///
    /// ## Why
    /// Stale suppressions hide the next real finding on that line and accumulate; ruff reports
    /// them as RUF100. Remove the comment or the code it no longer needs.
    ///
    /// ## Bad
    /// ```text
    /// <!-- normlint-disable-next-line PV001 -->
    /// 服务人员应持证上岗。
    /// ```
    /// ## Good
    /// ```text
    /// 服务人员应持证上岗。
    /// ```
    pub struct UnusedSuppression {
        code: "SU001",
        name: "unused-suppression",
        family: Suppression,
        severity: Warning,
        clause: "—",
        summary: "A normlint-disable comment that suppresses nothing",
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Raised by the pipeline after the other rules, when suppressions are applied.
    fn check(&self, _ctx: &mut Context<'_>) {}
}

pub const UNUSED_SUPPRESSION: &RuleMeta = &UnusedSuppression::META;

pub(crate) const RULES: &[&dyn Rule] = &[&UnusedSuppression];
