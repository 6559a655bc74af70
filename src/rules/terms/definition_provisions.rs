use super::doc_entries;
use crate::diagnostic::Message;
use crate::rules::lexicon::Modal;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A definition contains a provision: a requirement (应, 不应, 必须) is an error; a
    /// recommendation or permission (宜, 可) one step lower. Words that only contain these
    /// characters (应用, 适宜, 可靠, 可用性 …), quotations, titles and the document's defined
    /// terms (可验证凭证) are not counted, nor is 可 in a relative clause before 的
    /// (`可再解释的形式化表示`), which describes the concept. Notes to entries are NE002's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.3.3: “定义应使用陈述型条款，既不应包含要求型条款，也不应写成要求的形式。” A
    /// requirement hidden in a definition binds without being seen as a provision. 宜 and 可 are
    /// reported one step lower because telling them from ordinary words is less certain.
    ///
    /// ## Bad
    /// ```text
    /// 经过岗前培训并应持有健康证明的服务人员。
    /// ```
    /// ## Good
    /// ```text
    /// 经过岗前培训并持有健康证明的服务人员。
    /// ```
    pub struct DefinitionProvisions {
        code: "TM006",
        name: "definition-provisions",
        family: Terms,
        severity: Error,
        clause: "8.7.3.3",
        summary: "No 应/宜/可 in a definition",
    }
}

/// `可再解释的形式化表示`, `可由…提供的服务`: 可 in a relative clause before 的 means “-able”,
/// a description of the concept, not a permission.
fn adjectival(after: &str) -> bool {
    after.chars().take(16).take_while(|c| !matches!(c, '，' | '。' | '；' | '、' | ',' | ';')).any(|c| c == '的')
}

impl Rule for DefinitionProvisions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for entry in doc_entries(ctx.doc) {
            let Some(definition) = &entry.definition else { continue };
            // Offsets are taken in the source text the span covers, so the underline is exact.
            let text = ctx.text(definition.span);
            for (s, e, modal) in crate::rules::provisions::modals_at(ctx.doc, definition.span) {
                if modal == Modal::Permission && adjectival(text.get(e..).unwrap_or_default()) {
                    continue;
                }
                let word = text.get(s..e).unwrap_or_default();
                let span = definition.span.sub(s, e);
                let help = Message::new(
                    "定义只描述概念，改为陈述；要求写入正文的条款",
                    "a definition only describes the concept: state it, and put the requirement into a provision",
                );
                if modal == Modal::Requirement {
                    ctx.report_with_help(
                        span,
                        Message::new(
                            format!("定义中不应有要求（“{word}”）"),
                            format!("a definition must not contain a requirement (“{word}”)"),
                        ),
                        help,
                    );
                } else {
                    ctx.report_softer(
                        span,
                        Message::new(
                            format!("定义中有推荐或允许的表述（“{word}”）"),
                            format!("a definition contains a recommendation or permission (“{word}”)"),
                        ),
                        Some(help),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn defined_terms_are_masked_and_the_finding_points_at_the_permission() {
        let text = "# 社区助餐服务规范\n\n## 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n### 3.1\n\n可验证凭证 verifiable credential\n\n服务机构签发的电子凭证。\n\n### 3.2\n\n持证人员 holder\n\n持有可验证凭证的人员，凭证有效期内可优先就餐。\n\n## 4 要求\n\n持证人员应出示可验证凭证。\n";
        let found = run(&DefinitionProvisions, text);
        let pointed: Vec<&str> = found.iter().filter_map(|d| text.get(d.span.start..d.span.end)).collect();
        assert_eq!(pointed, vec!["可"]);
        let at = found.first().map_or(0, |d| d.span.start);
        assert_eq!(text.get(at..).and_then(|s| s.get(..9)), Some("可优先"));
    }
}
