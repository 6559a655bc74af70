use super::{section_blocks, sentence_at};
use crate::diagnostic::Message;
use crate::rules::lexicon::Modal;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// 引言 contains no requirement (应, 不应, 必须). Recommendations and permissions (宜, 可)
    /// are not reported: 8.4 bars only requirements. The patent text of D.3, with its
    /// placeholders filled in (“本文件的发布机构提请注意，声明符合本文件时，可能涉及到……[条]……
    /// 与……[内容]……相关的专利的使用。” … “相关信息可以通过以下联系方式获得：”), is left out, as are
    /// quotations, titles and defined terms.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.4: “引言这一要素用来说明与文件自身内容相关的信息，不应包含要求型条款。”
    ///
    /// ## Bad
    /// ```text
    /// 引言
    /// 为规范社区助餐服务，各服务点应按本文件开展服务。
    /// ```
    /// ## Good
    /// ```text
    /// 引言
    /// 为规范社区助餐服务，提升服务质量，制定本文件。
    /// ```
    pub struct IntroductionProvisions {
        code: "FW007",
        name: "introduction-provisions",
        family: Foreword,
        severity: Error,
        clause: "8.4",
        summary: "引言 has no requirements",
    }
}

/// Words of the D.3 patent disclosure and its contact lines: sentences holding them are the
/// template, whose 可能 / 可以 are not provisions.
const PATENT_TEMPLATE: &[&str] =
    &["专利", "联系方式", "发布机构", "地址：", "地址:", "联系人", "电话", "电子邮件", "邮编"];

impl Rule for IntroductionProvisions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let Some(intro) = &ctx.doc.introduction else {
            return;
        };
        for block in section_blocks(intro).into_iter().filter(|b| b.is_prose()) {
            let text = ctx.text(block.span);
            for (start, end, modal) in crate::rules::provisions::modals_at(ctx.doc, block.span) {
                if modal != Modal::Requirement {
                    continue;
                }
                let (s, e) = sentence_at(text, start);
                let sentence = text.get(s..e).unwrap_or_default();
                if PATENT_TEMPLATE.iter().any(|w| sentence.contains(w)) {
                    continue;
                }
                let word = text.get(start..end).unwrap_or_default();
                ctx.report_with_help(
                    Span::new(block.span.start + start, block.span.start + end),
                    Message::new(
                        format!("引言中不应包含要求型条款（“{word}”：{}）", sentence.trim()),
                        format!("the introduction must not contain a requirement (“{word}”: {})", sentence.trim()),
                    ),
                    Message::new(
                        format!("去掉“{word}”，把引言写成编制目的和背景的陈述；要求放到正文"),
                        format!("drop “{word}” and state the purpose or background; put requirements in the body"),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rules::testing::run;

    const HEAD: &str = "# 深圳市地方标准\n\nDB4403/T 900—2025\n\n# 社区助餐服务规范\n\n## 前言\n\n本文件由深圳市民政局提出并归口。\n\n## 引言\n\n";
    const TAIL: &str = "\n\n## 1 范围\n\n本文件规定了社区助餐服务的要求。\n";

    #[test]
    fn only_requirements_are_reported() {
        let found =
            run(&IntroductionProvisions, &format!("{HEAD}各服务点应按本文件开展服务，也可增加项目，宜公开。{TAIL}"));
        let severities: Vec<Severity> = found.iter().map(|d| d.severity).collect();
        assert_eq!(severities, vec![Severity::Error]);
    }

    #[test]
    fn patent_template_is_left_out() {
        let text = format!(
            "{HEAD}本文件的发布机构提请注意，声明符合本文件时，可能涉及到5.2与送餐保温箱相关的专利的使用。\n\n该专利持有人已向本文件的发布机构承诺，他愿意同任何申请人在合理且无歧视的条款和条件下，就专利授权许可进行谈判。相关信息可以通过以下联系方式获得：\n\n地址：深圳市福田区××路1号\n\n请注意除上述专利外，本文件的某些内容仍可能涉及专利。{TAIL}"
        );
        assert!(run(&IntroductionProvisions, &text).is_empty());
    }
}
