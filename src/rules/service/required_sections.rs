use super::report_missing;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A service or public-service standard has a chapter or clause for each required section
    /// of the `service` profile: by default 服务提供者/基本要求, 服务人员, 服务内容, 服务流程
    /// and 服务评价与改进. Each section is a set of synonyms read from the profile
    /// (`[service] required` in `schemas/profiles/service.toml`); a chapter or clause title
    /// outside chapters 1–3 that contains a synonym (or ends with a `*` suffix) satisfies it.
    ///
    /// It runs only when the `service` overlay applies: detected from a national, local or group
    /// document's title (`…服务规范`, `…服务指南`, `…经办服务`), or set by configuration
    /// (`--profile local+service`).
    ///
    /// ## Why
    /// Not a requirement of GB/T 1.1-2020, which leaves the core technical elements to the kind
    /// of document (8.11). The sections a service standard has are a convention drawn from the
    /// guidance on drafting service standards (GB/T 28222, GB/T 24421.2-2023) and from
    /// published service standards, not a normative list. The finding is a warning worded as
    /// advice, and the sets are configurable.
    ///
    /// ## Bad
    /// ```text
    /// 社区助浴服务规范
    /// 4 基本要求 / 5 服务内容 / 6 服务流程
    /// (no 服务人员, no 服务评价)
    /// ```
    /// ## Good
    /// ```text
    /// 4 基本要求 / 4.2 服务人员 / 5 服务内容 / 6 服务流程 / 7 服务评价与改进
    /// ```
    pub struct RequiredSections {
        code: "SV001",
        name: "service-required-sections",
        family: Service,
        severity: Warning,
        clause: "—",
        summary: "服务提供者/基本要求, 服务人员, 服务内容, 服务流程, 服务评价与改进 (synonym sets, configurable)",
    }
}

impl Rule for RequiredSections {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        // Without the overlay's `[service]` table the document is no service standard.
        let Some(service) = ctx.profile.service.as_ref() else { return };
        let sets = service.required.clone();
        report_missing(ctx, &sets, true);
    }
}
