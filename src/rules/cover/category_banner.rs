use super::{cover_code, key};
use crate::diagnostic::Message;
use crate::rules::designation::codes::{city, division_of, province};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The category banner at the top of the cover agrees with the designation's code:
    /// `中华人民共和国国家标准` for GB and GB/T, `中华人民共和国国家标准化指导性技术文件` for GB/Z,
    /// `中华人民共和国××行业标准` for a sector code, `广东省地方标准` for DB44, `深圳市地方标准` for
    /// DB4403 (a city not in the code list only needs `…地方标准`), `团体标准` for T/ (the body's
    /// name may come first: `中国城市轨道交通协会团体标准`). Letter
    /// spacing (`深 圳 市 地 方 标 准`) is ignored. A missing banner is CV001's; enterprise
    /// documents are not checked.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1 requires the 文件的层次或类别 on the cover (“如‘中华人民共和国国家标准’
    /// ‘中华人民共和国国家标准化指导性技术文件’等字样”); Table F.1 gives “中华人民共和国××行业标准”.
    /// The local and group wordings are not in GB/T 1.1: they are those of published covers,
    /// so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 广东省地方标准
    /// DB4403/T 512—2025
    /// ```
    /// ## Good
    /// ```text
    /// 深圳市地方标准
    /// DB4403/T 512—2025
    /// ```
    pub struct CategoryBanner {
        code: "CV011",
        name: "category-banner",
        family: Cover,
        severity: Warning,
        clause: "8.1",
        summary: "banner fits the designation (中华人民共和国国家标准 for GB…)",
    }
}

/// What the banner should be for `code`: the exact wording when it is known, else a test.
enum Expected {
    Exact(String),
    /// Ends with the suffix (and starts with the prefix); `shown` is said in the help.
    Shape {
        prefix: &'static str,
        suffix: &'static str,
        shown: String,
    },
}

fn expected(code: &str) -> Option<Expected> {
    match code {
        "GB" | "GB/T" => return Some(Expected::Exact("中华人民共和国国家标准".to_owned())),
        "GB/Z" => return Some(Expected::Exact("中华人民共和国国家标准化指导性技术文件".to_owned())),
        _ => {}
    }
    // Group covers often name the body before the category: 中国城市轨道交通协会团体标准.
    if code.starts_with("T/") {
        return Some(Expected::Shape { prefix: "", suffix: "团体标准", shown: "团体标准".to_owned() });
    }
    if code.starts_with("Q/") {
        return None;
    }
    if let Some(division) = division_of(code) {
        if division.len() == 2 {
            return province(division).map(|(full, _)| Expected::Exact(format!("{full}地方标准")));
        }
        if let Some(name) = city(division) {
            return Some(Expected::Exact(format!("{name}地方标准")));
        }
        return Some(Expected::Shape { prefix: "", suffix: "地方标准", shown: "××市地方标准".to_owned() });
    }
    let base = code.split('/').next().unwrap_or(code);
    (base.len() == 2 && base.chars().all(|c| c.is_ascii_uppercase())).then(|| Expected::Shape {
        prefix: "中华人民共和国",
        suffix: "行业标准",
        shown: "中华人民共和国××行业标准".to_owned(),
    })
}

impl Rule for CategoryBanner {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let (Some(banner), Some(code)) = (&doc.meta.banner, cover_code(doc)) else { return };
        let Some(expected) = expected(&code) else { return };
        let written = key(&banner.text);
        let (fits, shown) = match &expected {
            Expected::Exact(want) => (written == *want, want.clone()),
            Expected::Shape { prefix, suffix, shown } => (
                written.starts_with(prefix)
                    && written.ends_with(suffix)
                    && (written.len() > prefix.len() + suffix.len() || prefix.is_empty() && *shown == *suffix),
                shown.clone(),
            ),
        };
        if fits {
            return;
        }
        ctx.report_with_help(
            banner.span,
            Message::new(
                format!("封面的文件类别“{}”与文件代号“{code}”不相符；该代号对应“{shown}”", banner.text),
                format!("the banner “{}” does not fit the code “{code}”, which calls for “{shown}”", banner.text),
            ),
            Message::new(format!("写为“{shown}”"), format!("write “{shown}”")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{Expected, expected};

    fn exact(code: &str) -> Option<String> {
        match expected(code) {
            Some(Expected::Exact(s)) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn banners() {
        assert_eq!(exact("GB/T").as_deref(), Some("中华人民共和国国家标准"));
        assert_eq!(exact("DB44/T").as_deref(), Some("广东省地方标准"));
        assert_eq!(exact("DB4403/T").as_deref(), Some("深圳市地方标准"));
        assert!(matches!(expected("T/CAS"), Some(Expected::Shape { suffix: "团体标准", .. })));
        assert!(matches!(expected("MZ/T"), Some(Expected::Shape { .. })));
        assert!(matches!(expected("DB4499/T"), Some(Expected::Shape { .. })));
        assert!(expected("Q/ABC").is_none());
    }
}
