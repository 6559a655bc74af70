use super::check_cited;
use crate::model::CaptionKind;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every table is referred to by its number somewhere outside its own caption (`见表1`,
    /// `应符合表2的规定`, `表A.1给出了…`, in a table cell or a note); a range (`表2～表5`, `表6至表8`)
    /// refers to every table it spans. Another document's table (`GB 31654—2021表1`) does not
    /// count.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.8.1.2: “在将文件内容表格化之处应通过使用适当的能愿动词或句子语气类型（见附录C）
    /// 指明该表所表示的条款类型，并同时提及该表的表编号。”
    ///
    /// ## Bad
    /// ```text
    /// 常用服务项目及频次如下。
    /// 表1　服务项目及频次
    /// ```
    /// ## Good
    /// ```text
    /// 常用服务项目及频次见表1。
    /// 表1　服务项目及频次
    /// ```
    pub struct TableNotCited {
        code: "FT004",
        name: "table-not-cited",
        family: Figures,
        severity: Error,
        clause: "9.8.1.2",
        summary: "Every table cited in the text",
    }
}

impl Rule for TableNotCited {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        check_cited(ctx, CaptionKind::Table);
    }
}
