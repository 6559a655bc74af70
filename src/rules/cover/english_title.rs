use super::{cover_lines, title};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A national or sector document (by its profile) gives the English translation of its title
    /// on the cover, after the Chinese title. An English title that starts with a small letter is
    /// reported one step softer. Local, group and enterprise documents are not checked: 8.1 does
    /// not ask them for an English title.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1: “国家标准、行业标准的封面还应标明文件名称的英文译名”. 10.3.1.2 sets its
    /// layout: “英文译名各元素的第一个字母大写，其余字母小写”. The rule checks only the first
    /// letter, and reports a small one a step softer: it is a matter of layout.
    ///
    /// ## Bad
    /// ```text
    /// GB/T 43153—2023
    /// 居家养老上门服务基本规范
    /// 2023-09-07发布
    /// ```
    /// ## Good
    /// ```text
    /// GB/T 43153—2023
    /// 居家养老上门服务基本规范
    /// Basic specification for home-based elderly care door-to-door services
    /// 2023-09-07发布
    /// ```
    pub struct EnglishTitle {
        code: "CV009",
        name: "english-title",
        family: Cover,
        severity: Error,
        clause: "8.1, 10.3.1.2",
        summary: "national and sector documents give the English title",
    }
}

impl Rule for EnglishTitle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        if !matches!(ctx.profile.name.as_str(), "national" | "sector") {
            return;
        }
        let doc = ctx.doc;
        // No cover at all is ST002's finding, a cover without a title CV001's.
        let Some(title_zh) = doc.meta.title_zh.as_ref().filter(|_| doc.meta.cover.is_some()) else {
            return;
        };
        match &doc.meta.title_en {
            Some(en) => {
                if en.text.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                    ctx.report_softer(
                        en.span,
                        Message::new(
                            format!("英文译名“{}”以小写字母开头；各元素的第一个字母大写", en.text),
                            format!(
                                "the English title “{}” starts with a small letter; each element starts with a capital",
                                en.text
                            ),
                        ),
                        Some(Message::new("将首字母改为大写", "capitalise its first letter")),
                    );
                }
            }
            None => {
                let zh = title(doc).map_or(title_zh.text.as_str(), |t| t.text.as_str());
                let anchor =
                    cover_lines(doc).iter().find(|l| l.span == title_zh.span).map_or(title_zh.span, |l| l.span);
                ctx.report_with_help(
                    anchor,
                    Message::new(
                        format!("国家标准、行业标准的封面应标明文件名称“{zh}”的英文译名"),
                        format!("a national or sector cover must give the English title of “{zh}”"),
                    ),
                    Message::new(
                        "在中文名称下一行写出英文译名，如“Specification for …”",
                        "add the English title on the line after the Chinese one, e.g. “Specification for …”",
                    ),
                );
            }
        }
    }
}
