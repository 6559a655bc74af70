use super::foreword_paragraphs;
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A foreword statement on the relation to an international document uses one of the forms
    /// of 8.3 d): 本文件等同采用ISO ××××:××××《……》。, 本文件修改采用ISO ××××:××××《……》。 or
    /// 本文件参考……起草，一致性程度为非等效。 Reported: the abolished forms 等效采用, 非等效采用,
    /// 参照采用; a sentence that adopts (采用) an ISO/IEC document in other words. Documents that
    /// mention no international document are not checked.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3 d): “GB/T 20000.2中规定了与国际文件存在着一致性对应关系的我国文件，在前言
    /// 中陈述的相关信息。” The degrees are IDT (等同采用), MOD (修改采用) and NEQ (非等效). The
    /// NEQ sentence is the one of GB/T 1.1-2020's own foreword; the IDT and MOD sentences are
    /// those of GB/T 20000.2, which this checker knows from published standards rather than
    /// from its text, so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 本文件等效采用ISO 9001:2015《质量管理体系　要求》。
    /// ```
    /// ## Good
    /// ```text
    /// 本文件修改采用ISO 9001:2015《质量管理体系　要求》。
    /// ```
    pub struct InternationalConsistency {
        code: "FW010",
        name: "international-consistency",
        family: Foreword,
        severity: Warning,
        clause: "8.3 d)",
        summary: "Adoption statement (等同/修改采用, 一致性程度)",
    }
}

/// Forms of adoption no longer used (GB/T 20000.2 knows IDT, MOD and NEQ only).
const ABOLISHED: &[&str] = &["非等效采用", "等效采用", "参照采用", "参考采用"];
const FORMS: &str =
    "本文件等同采用ISO ××××:××××《……》。／本文件修改采用ISO ××××:××××《……》。／本文件参考……起草，一致性程度为非等效。";

impl Rule for InternationalConsistency {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let help = Message::new(format!("写为：{FORMS}"), format!("write one of: {FORMS}"));
        for (block, key) in foreword_paragraphs(ctx.doc) {
            let international = key.contains("ISO") || key.contains("IEC") || key.contains("国际");
            if let Some(word) = ABOLISHED.iter().find(|w| key.contains(*w)) {
                ctx.report_with_help(
                    block.span,
                    Message::new(
                        format!("“{word}”不是现行的一致性程度表述；现行表述为等同采用、修改采用或一致性程度为非等效"),
                        format!("“{word}” is not a current degree of correspondence; use 等同采用 (IDT), 修改采用 (MOD) or 非等效 (NEQ)"),
                    ),
                    help.clone(),
                );
                continue;
            }
            let adopts = key.contains("采用") && international;
            let ok = key.contains("等同采用") || key.contains("修改采用") || key.contains("一致性程度为非等效");
            if (adopts || key.contains("一致性程度")) && !ok {
                ctx.report_with_help(
                    block.span,
                    Message::new(
                        "与国际文件关系的说明不是GB/T 20000.2规定的表述（见8.3 d)）",
                        "the statement on the relation to international documents is not in the wording of GB/T 20000.2 (see 8.3 d))",
                    ),
                    help.clone(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::messages;

    const DOC: &str = "# 深圳市地方标准\n\nDB4403/T 900—2025\n\n# 社区助餐服务规范\n\n## 前言\n\n{X}\n\n## 1 范围\n\n本文件规定了助餐服务的要求。\n";

    #[test]
    fn forms() {
        assert!(
            messages(
                &InternationalConsistency,
                &DOC.replace("{X}", "本文件修改采用ISO 9001:2015《质量管理体系　要求》。")
            )
            .is_empty()
        );
        assert_eq!(messages(&InternationalConsistency, &DOC.replace("{X}", "本文件等效采用ISO 9001:2015。")).len(), 1);
        assert_eq!(
            messages(&InternationalConsistency, &DOC.replace("{X}", "本文件采用了ISO 9001:2015的部分内容。")).len(),
            1
        );
        assert!(
            messages(&InternationalConsistency, &DOC.replace("{X}", "本文件由深圳市民政局提出并归口。")).is_empty()
        );
    }
}
