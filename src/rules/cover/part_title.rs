use super::{find_part_element, full_cover_title};
use crate::diagnostic::Message;
use crate::model::{DesignationKind, Text};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The title of a part says `第N部分：` followed by the complementary element: N in Arabic
    /// numerals equal to the part number of the designation, a full-width colon, then the part's
    /// own name. Checked on the cover title (with a part line broken onto the next line) and on
    /// the title of the body's first page. A part designation (`DB4403/T 900.2—2025`) whose
    /// title names no part is reported; so is `第N部分` in the title of a document whose
    /// designation has no part number.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.1.3: “部分的名称中应包含‘第*部分：’（*为使用阿拉伯数字的部分编号），后跟补充
    /// 元素。”
    ///
    /// ## Bad
    /// ```text
    /// DB4403/T 900.2—2025
    /// 社区助餐服务　第二部分:送餐服务
    /// ```
    /// ## Good
    /// ```text
    /// DB4403/T 900.2—2025
    /// 社区助餐服务　第2部分：送餐服务
    /// ```
    pub struct PartTitle {
        code: "CV014",
        name: "part-title",
        family: Cover,
        severity: Error,
        clause: "7.1.3",
        summary: "parts say 第N部分：",
    }
}

impl Rule for PartTitle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let part = doc
            .meta
            .designation
            .as_ref()
            .filter(|d| d.kind != DesignationKind::International)
            .and_then(|d| d.part())
            .map(str::to_owned);
        let titles: Vec<Text> = full_cover_title(doc).into_iter().chain(doc.body_title.clone()).collect();
        for title in &titles {
            check_title(ctx, title, part.as_deref());
        }
    }
}

fn check_title(ctx: &mut Context<'_>, title: &Text, part: Option<&str>) {
    let text = title.text.as_str();
    let Some(element) = find_part_element(text) else {
        if let Some(part) = part.filter(|p| !p.contains('.')) {
            ctx.report_with_help(
                title.span,
                Message::new(
                    format!("编号为第{part}部分，但名称“{text}”中没有“第{part}部分：”"),
                    format!("the designation is part {part} but the title “{text}” lacks “第{part}部分：”"),
                ),
                Message::new(
                    format!("在名称的补充元素前写出“第{part}部分：”"),
                    format!("write “第{part}部分：” before the complementary element"),
                ),
            );
        }
        return;
    };
    let whole = text.get(element.start..element.end).unwrap_or_default();
    let span = Span::new(title.span.start + element.start, title.span.start + element.end);
    // Offsets into a title joined from two cover lines are not the source's; point at the title.
    let span = if ctx.text(span) == whole { span } else { title.span };
    let (written, colon) = (element.number, element.colon);
    let arabic: String = written
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let is_arabic = written.chars().all(|c| c.is_ascii_digit());
    let number =
        if arabic.chars().all(|c| c.is_ascii_digit()) { Some(arabic.trim_start_matches('0').to_owned()) } else { None };
    let wanted = part.map(str::to_owned).or_else(|| number.clone()).unwrap_or_else(|| "N".to_owned());
    let fixed = format!("第{wanted}部分：");
    let after = text.get(element.end..).unwrap_or_default().trim_start();
    let mut faults: Vec<(&str, &str)> = Vec::new();
    if !is_arabic {
        faults.push(("部分编号不是阿拉伯数字", "the number is not in Arabic numerals"));
    }
    if colon != "：" {
        faults.push(("其后不是全角冒号“：”", "no full-width colon “：” follows it"));
    }
    if let (Some(part), Some(number)) = (part, number.as_deref()) {
        if part != number {
            faults.push((
                "部分编号与文件编号中的部分号不一致",
                "the number differs from the part number of the designation",
            ));
        }
    }
    if after.is_empty() {
        faults.push(("其后没有补充元素（部分的名称）", "no part name follows it"));
    }
    if part.is_none() && ctx.doc.meta.designation.is_some() {
        ctx.report_with_help(
            span,
            Message::new(
                format!("名称中有“{}”，但文件编号中没有部分号", whole),
                format!("the title has “{}” but the designation has no part number", whole),
            ),
            Message::new(
                format!("在文件编号的顺序号后加“.{wanted}”，或从名称中删去部分元素"),
                format!("add “.{wanted}” to the designation's number, or drop the part element"),
            ),
        );
        return;
    }
    if faults.is_empty() {
        return;
    }
    let zh: Vec<&str> = faults.iter().map(|f| f.0).collect();
    let en: Vec<&str> = faults.iter().map(|f| f.1).collect();
    ctx.report_with_help(
        span,
        Message::new(
            format!("部分名称“{}”不符合“第N部分：”的形式：{}", whole.trim_end(), zh.join("；")),
            format!("the part element “{}” is not of the form “第N部分：”: {}", whole.trim_end(), en.join("; ")),
        ),
        Message::new(format!("写为“{fixed}”后跟部分的名称"), format!("write “{fixed}” followed by the part's name")),
    );
}
