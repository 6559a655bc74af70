use crate::diagnostic::Message;
use crate::rules::references::scan::{UnitKind, Zone, units};
use crate::rules::{Context, Rule, RuleMeta};

use super::{symbol_clauses, symbol_entries};

declare_rule! {
    /// ## What it checks
    /// A symbol or abbreviation listed in the symbols chapter (`DRM：数字版权保护`) never
    /// appears in the rest of the document: provisions, tables, formulas, annexes. Abbreviations
    /// are matched as whole words (DRM is not found in DRMS); symbols written with TeX markup
    /// (`$t_{0}$`) are compared without it, and an unused symbol is only advice, because formulas
    /// in converted documents are often images.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.8.1: the element gives “为理解文件所必需的、文件中使用的符号和缩略语的说明或
    /// 定义”; 9.4.2.4, example 2: “只有文件中多次使用并需要说明某符号或缩略语时，才应列出该符号或
    /// 缩略语。” An unused one is left over from an earlier draft.
    ///
    /// ## Bad
    /// ```text
    /// 4 缩略语
    /// 下列缩略语适用于本文件。
    /// OCR：光学字符识别（Optical Character Recognition）
    /// （正文从未出现OCR）
    /// ```
    /// ## Good
    /// Delete the entry, or use the abbreviation in the text.
    pub struct AbbreviationNotUsed {
        code: "TM017",
        name: "abbreviation-not-used",
        family: Terms,
        severity: Warning,
        clause: "8.8.1",
        summary: "A listed symbol or abbreviation never appears in the text",
    }
}

/// `$t_{0}$` → `t0`: TeX markup and white space removed.
fn plain(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '$' | '{' | '}' | '\\' | '_' | '^' | '*')).collect()
}

/// `key` occurs in `text` as a whole word (no ASCII letter or digit glued to it).
fn has_word(text: &str, key: &str) -> bool {
    text.match_indices(key).any(|(i, m)| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + m.len()..).and_then(|s| s.chars().next());
        before.is_none_or(|c| !c.is_ascii_alphanumeric()) && after.is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

impl Rule for AbbreviationNotUsed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        for clause in symbol_clauses(doc) {
            let entries = symbol_entries(doc, clause);
            if entries.is_empty() {
                continue;
            }
            let inside = |start: usize| clause.blocks.iter().any(|b| b.span.start <= start && start < b.span.end);
            let texts: Vec<&str> = units(doc)
                .into_iter()
                .filter(|u| !matches!(u.zone, Zone::Foreword | Zone::References | Zone::Bibliography))
                .filter(|u| u.kind != UnitKind::Reference && !inside(u.span.start))
                .map(|u| doc.text(u.span))
                .collect();
            for entry in entries {
                let simple = entry.key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'));
                let used = if simple {
                    texts.iter().any(|t| has_word(t, &entry.key))
                } else {
                    let key = plain(&entry.key);
                    key.is_empty() || texts.iter().any(|t| plain(t).contains(key.as_str()))
                };
                if used {
                    continue;
                }
                let abbreviation = entry.key.chars().filter(char::is_ascii_uppercase).count() >= 2;
                let message = Message::new(
                    format!("清单中的“{}”在文件其他部分没有出现", entry.key),
                    format!("“{}” is listed but does not appear anywhere else in the document", entry.key),
                );
                let help = Message::new("删除该条目，或在正文中使用它", "delete the entry, or use it in the text");
                let _ = entry.block;
                if abbreviation {
                    ctx.report_with_help(entry.span, message, help);
                } else {
                    ctx.report_softer(entry.span, message, Some(help));
                }
            }
        }
    }
}
