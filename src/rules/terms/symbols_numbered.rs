use super::{is_symbols_lead_in, symbol_clauses};
use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The entries of a list of symbols or abbreviations carry no sequence number or list
    /// marker (`1. DRM…`, `a) DRM…`, `——DRM…`).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.8.3: “无论该要素是否分条，清单中的符号和缩略语之前均不给出序号”; the symbol
    /// itself is what the reader looks for.
    ///
    /// ## Bad
    /// ```text
    /// 1. DRM：数字版权保护（Digital Rights Management）
    /// ```
    /// ## Good
    /// ```text
    /// DRM：数字版权保护（Digital Rights Management）
    /// ```
    pub struct SymbolsNumbered {
        code: "TM011",
        name: "symbols-numbered",
        family: Terms,
        severity: Warning,
        clause: "8.8.3",
        summary: "Symbol lists carry no sequence numbers",
    }
}

impl Rule for SymbolsNumbered {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for clause in symbol_clauses(ctx.doc) {
            for block in &clause.blocks {
                let marker = match &block.kind {
                    BlockKind::ListItem { marker, .. } => marker.span,
                    BlockKind::Paragraph => {
                        let text = ctx.text(block.span);
                        if is_symbols_lead_in(text) {
                            continue;
                        }
                        // `1 DRM …` or `(1) DRM …`, which the reader leaves as text.
                        let digits = text.chars().take_while(char::is_ascii_digit).count();
                        let after = text.get(digits..).unwrap_or_default();
                        if digits == 0 || digits > 2 || !after.starts_with([' ', '\u{3000}', '\t']) {
                            continue;
                        }
                        Span::new(block.span.start, block.span.start + digits)
                    }
                    _ => continue,
                };
                let label = ctx.text(marker);
                ctx.report_with_help(
                    marker,
                    Message::new(
                        format!("符号和缩略语清单中的条目前不给出序号“{label}”"),
                        format!(
                            "the entry carries the number or marker “{label}”; entries of a symbols list take none"
                        ),
                    ),
                    Message::new(
                        "删除序号，每行以符号或缩略语开头",
                        "delete the number; each line starts with the symbol",
                    ),
                );
            }
        }
    }
}
