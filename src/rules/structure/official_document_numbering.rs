use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Headings or paragraphs numbered the way official documents (公文, GB/T 9704) or
    /// regulations are: 一、 （一） 第一章 第一条.
    ///
    /// ## Why
    /// No clause of GB/T 1.1-2020 forbids these forms in words; they are simply not among the
    /// ones it gives: chapters 1, 2 … (7.2), clauses 5.1, 5.1.1 (7.3.2), list items a) 1) and
    /// —— · (7.5.3). Government internal specifications often carry the 公文 habit over. The
    /// finding is a warning.
    ///
    /// ## Bad
    /// ```text
    /// 一、服务内容
    /// （一）生活照料
    /// ```
    /// ## Good
    /// ```text
    /// 5 服务内容
    /// 5.1 生活照料
    /// ```
    pub struct OfficialDocumentNumbering {
        code: "ST009",
        name: "official-document-numbering",
        family: Structure,
        severity: Warning,
        clause: "7.2–7.5",
        summary: "一、（一）/ 第一条 numbering in a GB/T 1.1 document",
    }
}

impl Rule for OfficialDocumentNumbering {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for line in &ctx.doc.foreign_numbering {
            let marker: String = line.text.chars().take_while(|c| !matches!(c, '、' | '）' | ')')).collect();
            let marker_len = line.text.find(['、', '）', ')']).map_or(marker.len(), |i| {
                i + line.text.get(i..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8)
            });
            let marker_len = if line.text.starts_with('第') {
                line.text.find(['章', '节', '条']).map_or(marker_len, |i| i + 3)
            } else {
                marker_len
            };
            let shown = line.text.get(..marker_len).unwrap_or(&line.text);
            ctx.report(
                line.span.sub(0, marker_len),
                Message::new(
                    format!("“{shown}”是公文或法规的编号方式；按GB/T 1.1—2020应使用章条编号（5、5.1）或列项符号（a)、——）"),
                    format!(
                        "“{shown}” is official-document numbering; GB/T 1.1-2020 numbers chapters and clauses (5, 5.1) and marks list items (a), ——)"
                    ),
                ),
            );
        }
    }
}
