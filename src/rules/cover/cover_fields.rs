use super::{cover_lines, full_cover_profile, legacy_ccs_line, placeholder_designation};
use crate::diagnostic::Message;
use crate::profile::RequiredElement;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// When the profile requires a cover, the cover gives the category banner
    /// (`深圳市地方标准`), the designation, the Chinese title, the publication and
    /// implementation dates, the issuer (`… 发布`), the ICS number, the CCS code and, where the
    /// profile asks for it (sector standards; Guangdong local standards), the 备案号 — one
    /// finding names every missing line. A draft's placeholder designation (`DB4403/T ×××—2025`) and
    /// placeholder dates (`XXXX-XX-XX发布`) count as present; the form of the ICS and CCS lines is
    /// CV002's and CV003's; a document with no cover at all is ST002's. In a converted file the
    /// message says that conversion often drops cover lines.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1: “在封面中应标明以下必备信息：文件名称、文件的层次或类别（……）、文件代号
    /// （……）、文件编号、国际标准分类（ICS）号、中国标准文献分类（CCS）号、发布日期、实施日期、发布
    /// 机构等。” Group and enterprise standards follow the layout voluntarily: one step softer
    /// there.
    ///
    /// ## Bad
    /// ```text
    /// DB4403/T 900—2025
    /// 社区助餐服务规范
    /// 2025-03-01发布
    /// ```
    /// ## Good
    /// ```text
    /// 深圳市地方标准
    /// DB4403/T 900—2025
    /// 社区助餐服务规范
    /// 2025-03-01发布    2025-04-01实施
    /// 深圳市市场监督管理局　发布
    /// ```
    pub struct CoverFields {
        code: "CV001",
        name: "cover-fields",
        family: Cover,
        severity: Error,
        clause: "8.1",
        summary: "banner, designation, title, dates, issuer present (profile decides)",
    }
}

impl Rule for CoverFields {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        if !ctx.profile.requires(RequiredElement::Cover) {
            return;
        }
        let meta = &doc.meta;
        let placeholder = placeholder_designation(doc);
        let has_designation = meta.designation.is_some() || placeholder.is_some();
        // No cover at all: ST002 says so.
        if !has_designation && meta.title_zh.is_none() {
            return;
        }
        let mut missing: Vec<(&str, &str)> = Vec::new();
        if meta.banner.is_none() {
            missing.push(("文件类别（如“××省地方标准”）", "the category banner (e.g. 广东省地方标准)"));
        }
        if !has_designation {
            missing.push(("文件编号", "the designation"));
        }
        if meta.title_zh.is_none() {
            missing.push(("文件名称", "the title"));
        }
        let on_line = |word: &str| {
            [&meta.publish_date, &meta.implement_date].into_iter().flatten().any(|t| t.text.contains(word))
        };
        if !on_line("发布") {
            missing.push(("发布日期（××××-××-××发布）", "the publication date (××××-××-××发布)"));
        }
        if !on_line("实施") {
            missing.push(("实施日期（××××-××-××实施）", "the implementation date (××××-××-××实施)"));
        }
        if meta.issuer.is_none() {
            missing.push(("发布机构（×××　发布）", "the issuing body (×××　发布)"));
        }
        // ICS and CCS are in the same list of 8.1; one finding names every missing line.
        if has_designation && meta.cover.is_some() {
            if meta.ics.is_none() {
                missing.push(("ICS号", "the ICS number"));
            }
            if meta.ccs.is_none() && legacy_ccs_line(doc).is_none() {
                missing.push(("CCS号", "the CCS code"));
            }
            // The number is given on filing, after approval: a draft has none yet.
            let draft = placeholder.is_some()
                || meta
                    .title_zh
                    .as_ref()
                    .is_some_and(|t| crate::rules::designation::codes::without_stage(&t.text) != t.text.trim_end());
            let code = meta.designation.as_ref().map_or("", |d| d.code.as_str());
            if meta.filing_number.is_none() && !draft && ctx.profile.requires_filing_number(code) {
                missing.push(("备案号", "the filing number (备案号)"));
            }
        }
        if missing.is_empty() {
            return;
        }
        let anchor = cover_lines(doc).first().map_or(Span::empty(0), |l| l.span);
        let zh: Vec<&str> = missing.iter().map(|m| m.0).collect();
        let en: Vec<&str> = missing.iter().map(|m| m.1).collect();
        let message = if doc.conversion.is_converted() {
            Message::new(
                format!(
                    "封面缺少必备信息：{}（本文件是格式转换所得，这些行可能在转换中丢失，请对照原件）",
                    zh.join("、")
                ),
                format!(
                    "the cover lacks {} (the file is a conversion, which often drops these lines: check the original)",
                    en.join(", ")
                ),
            )
        } else {
            Message::new(format!("封面缺少必备信息：{}", zh.join("、")), format!("the cover lacks {}", en.join(", ")))
        };
        let help = Message::new("按GB/T 1.1—2020 8.1在封面补充上述信息", "add them to the cover (GB/T 1.1-2020 8.1)");
        if full_cover_profile(&ctx.profile.name) {
            ctx.report_with_help(anchor, message, help);
        } else {
            ctx.report_softer(anchor, message, Some(help));
        }
    }
}
