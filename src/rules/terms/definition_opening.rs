use super::{doc_entries, term_variants};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A definition opens with 是, 指, 是指 or 系指, or restates the term first
    /// (`服务对象是…`, `服务对象指…`). Verbs that begin with 指 (指导, 指定 …) and the preposition
    /// 为 (为老年人提供…) are not reported.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.3.3: “定义的表述宜能在上下文中代替其术语。定义宜采取内涵定义的形式”. A
    /// definition that opens with 是指 is a sentence about the term, not a phrase that can take
    /// its place. The list of openings is drafting practice (GB/T 20001.1 words it the same
    /// way), and the text only recommends (宜), so the finding is a warning.
    ///
    /// ## Bad
    /// ```text
    /// 是指通过标准化活动制定的文件。
    /// ```
    /// ## Good
    /// ```text
    /// 通过标准化活动制定的文件。
    /// ```
    pub struct DefinitionOpening {
        code: "TM007",
        name: "definition-opening",
        family: Terms,
        severity: Warning,
        clause: "8.7.3.3",
        summary: "No 是/指/是指/系指 opening",
    }
}

/// Words starting with 指 or 是 that are not the copula.
const NOT_COPULA: &[&str] = &[
    "指导", "指定", "指挥", "指示", "指标", "指引", "指南", "指纹", "指数", "指令", "指针", "指向", "指派", "指甲",
    "是否",
];

/// The opening word to report, with its length in bytes.
fn copula_at_start(text: &str) -> Option<&'static str> {
    if NOT_COPULA.iter().any(|w| text.starts_with(w)) {
        return None;
    }
    ["是指", "系指", "是", "指"].into_iter().find(|w| text.starts_with(w))
}

impl Rule for DefinitionOpening {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for entry in doc_entries(ctx.doc) {
            let Some(definition) = &entry.definition else { continue };
            let text = definition.text.trim_start();
            let lead = definition.text.len() - text.len();
            // `服务对象是…`: the term first, then the copula.
            let restated = entry.term_zh.as_ref().and_then(|t| {
                term_variants(&t.text).into_iter().find_map(|v| {
                    let rest = text.strip_prefix(v.as_str())?;
                    let rest_trim = rest.trim_start_matches(['，', ',', ' ']);
                    let word = copula_at_start(rest_trim).or_else(|| rest_trim.starts_with('为').then_some("为"))?;
                    Some(text.len() - rest_trim.len() + word.len())
                })
            });
            let (end, word) = match restated {
                Some(end) => (end, text.get(..end).unwrap_or_default()),
                None => match copula_at_start(text) {
                    Some(w) => (w.len(), w),
                    None => continue,
                },
            };
            ctx.report_with_help(
                definition.span.sub(lead, lead + end),
                Message::new(
                    format!("定义以“{word}”开头；定义的表述宜能在上下文中代替其术语"),
                    format!(
                        "the definition opens with “{word}”; a definition should be able to replace its term in context"
                    ),
                ),
                Message::new(
                    format!("删除“{word}”，直接写出定义，如“通过标准化活动制定的文件。”"),
                    format!("drop “{word}” and start with the defining phrase"),
                ),
            );
        }
    }
}
