use super::{find_part_element, full_cover_title, title};
use crate::diagnostic::Message;
use crate::rules::designation::codes::without_stage;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The Chinese title has at most three elements (introductory, main, complementary), written
    /// with a space between them, and no element is joined to the next with `-`, `—`, `－`, `：`
    /// or `:` between Chinese characters (the colon of `第N部分：` excepted; its form is
    /// CV014's). The part element `第N部分：…` counts, with what follows it, as the
    /// complementary element. A stage marker such as `（征求意见稿）` is ignored.
    ///
    /// ## Why
    /// GB/T 1.1-2020 6.1.1: “文件名称由尽可能短的几种元素组成，其顺序由一般到特殊。所使用的元素应
    /// 不多于以下三种”: 引导元素, 主体元素, 补充元素. 10.3.1.2 and 10.1.4: “文件名称由多个元素组成
    /// 时，各元素之间应空一个汉字的间隙”.
    ///
    /// ## Bad
    /// ```text
    /// 服务规范-社区-养老
    /// ```
    /// ## Good
    /// ```text
    /// 社区养老　服务规范
    /// ```
    pub struct TitleElements {
        code: "CV013",
        name: "title-elements",
        family: Cover,
        severity: Warning,
        clause: "6.1.1, 10.3.1.2",
        summary: "at most three title elements",
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{00A0}' | '\t')
}

/// The elements of a title: runs between gaps, the part element and what follows it as one.
fn elements(title: &str) -> Vec<&str> {
    let (head, part) = match find_part_element(title) {
        Some(m) => (title.get(..m.start).unwrap_or_default(), Some(title.get(m.start..).unwrap_or_default())),
        None => (title, None),
    };
    head.split(is_gap).filter(|s| !s.is_empty()).chain(part).collect()
}

/// A joining mark between two Chinese characters, outside the part element: its byte range.
fn joiner(title: &str) -> Option<(usize, usize)> {
    let part_at = find_part_element(title).map(|m| (m.start, m.end));
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '-' | '—' | '－' | '–' | '：' | ':') {
            continue;
        }
        if part_at.is_some_and(|(s, e)| at >= s && at < e) {
            continue;
        }
        let before = chars.get(..i).and_then(|b| b.iter().rev().find(|(_, c)| !is_gap(*c) && *c != '—'));
        let after = chars.get(i + 1..).and_then(|a| a.iter().find(|(_, c)| !is_gap(*c) && *c != '—'));
        if before.is_some_and(|(_, c)| is_han(*c)) && after.is_some_and(|(_, c)| is_han(*c)) {
            return Some((at, at + c.len_utf8()));
        }
    }
    None
}

impl Rule for TitleElements {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some(title) = full_cover_title(doc).or_else(|| title(doc).cloned()) else { return };
        let text = without_stage(&title.text);
        let found = elements(text);
        if found.len() > 3 {
            ctx.report_with_help(
                title.span,
                Message::new(
                    format!("文件名称“{text}”有{}个元素，应不多于三种（引导元素、主体元素、补充元素）", found.len()),
                    format!(
                        "the title “{text}” has {} elements; use at most three (introductory, main, complementary)",
                        found.len()
                    ),
                ),
                Message::new(
                    "合并或删去多余的元素，如“社区养老　服务规范”",
                    "merge or drop elements, e.g. “社区养老　服务规范”",
                ),
            );
        }
        if let Some((start, end)) = joiner(text) {
            let mark = text.get(start..end).unwrap_or_default();
            let span = Span::new(title.span.start + start, title.span.start + end);
            let span = if ctx.text(span) == mark { span } else { title.span };
            ctx.report_with_help(
                span,
                Message::new(
                    format!("文件名称“{text}”的元素之间用“{mark}”连接；各元素之间应空一个汉字的间隙"),
                    format!("the elements of the title “{text}” are joined by “{mark}”; they are separated by a gap of one Chinese character"),
                ),
                Message::new("将该符号改为一个全角空格（　）", "replace the mark with an ideographic space (　)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{elements, joiner};

    #[test]
    fn splits_elements() {
        assert_eq!(elements("社区养老　服务规范").len(), 2);
        assert_eq!(elements("标准化工作导则　第1部分：标准化文件的结构和起草规则").len(), 2);
        assert_eq!(elements("社区 养老 服务 规范").len(), 4);
        assert_eq!(elements("养老服务　第2部分：居家 上门").len(), 2);
    }

    #[test]
    fn finds_joiners() {
        assert_eq!(joiner("服务规范-社区-养老"), Some((12, 13)));
        assert!(joiner("社区养老：服务规范").is_some());
        assert!(joiner("标准化工作导则　第1部分：总则").is_none());
        assert!(joiner("COVID-19防控服务规范").is_none());
    }
}
