use super::report_missing;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A service or public-service standard has a chapter or clause for each recommended
    /// section of the `service` profile: by default 服务环境/场所, 服务设施, 服务安全/应急 and
    /// 投诉处理 (`[service] recommended`, synonym sets matched against chapter and clause titles
    /// as in SV001). It runs only when the `service` overlay applies.
    ///
    /// ## Why
    /// Not a requirement of GB/T 1.1-2020. These sections are common in service standards
    /// (GB/T 24421.2-2023 6.4 lists 环境, 安全与应急, 设施设备 among the service support
    /// standards, and GB/T 28222 on drafting service standards has similar elements), but many
    /// standards rightly leave one out, so the finding is information only.
    ///
    /// ## Bad
    /// ```text
    /// 社区助浴服务规范
    /// 4 基本要求 / 5 服务内容 / 6 服务流程 / 7 服务评价与改进
    /// (nothing on 服务安全, 投诉)
    /// ```
    /// ## Good
    /// ```text
    /// 4.3 服务场所和设施 / 7 服务安全与应急 / 8.2 投诉处理
    /// ```
    pub struct RecommendedSections {
        code: "SV002",
        name: "service-recommended-sections",
        family: Service,
        severity: Info,
        clause: "—",
        summary: "服务环境/场所, 服务设施, 服务安全/应急, 投诉处理",
    }
}

impl Rule for RecommendedSections {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        // Without the overlay's `[service]` table the document is no service standard.
        let Some(service) = ctx.profile.service.as_ref() else { return };
        let sets = service.recommended.clone();
        report_missing(ctx, &sets, false);
    }
}
