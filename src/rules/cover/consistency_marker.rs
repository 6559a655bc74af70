use std::sync::LazyLock;

use regex::Regex;

use super::cover_lines;
use crate::diagnostic::Message;
use crate::rules::foreword::foreword_blocks;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The cover's consistency marker (`（ISO 9001:2015，IDT）`) against the foreword: a
    /// foreword that states an adoption (`等同采用`, `修改采用`, `一致性程度为非等效`) with no
    /// marker on the cover, or a marker whose degree differs from the foreword's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1: “如果文件与国际文件有一致性对应关系，那么在封面中应标示一致性程度标识。”
    /// 10.3.1.3 puts it “置于文件名称的英文译名之下，并加上圆括号”; 8.3 d) states the relation in
    /// the foreword (the degrees IDT, MOD and NEQ are those of GB/T 20000.2). The two must say
    /// the same.
    ///
    /// ## Bad
    /// ```text
    /// 本文件修改采用ISO 37101:2016《……》。   (cover: no marker)
    /// ```
    /// ## Good
    /// ```text
    /// （ISO 37101:2016，MOD）
    /// ……
    /// 本文件修改采用ISO 37101:2016《……》。
    /// ```
    pub struct ConsistencyMarker {
        code: "CV010",
        name: "consistency-marker",
        family: Cover,
        severity: Error,
        clause: "8.1, 10.3.1.3",
        summary: "IDT/MOD/NEQ marker matches the foreword statement",
    }
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(][^）)]*?(?:ISO|IEC|ITU|CEN|EN)[^）)]*?[，,][\x20\u{3000}]*(IDT|MOD|NEQ)[\x20\u{3000}]*[)）]$")
        .unwrap_or_else(|e| panic!("consistency marker regex: {e}"))
});

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(等同采用|修改采用|一致性程度为非等效|一致性程度为等同|一致性程度为修改)")
        .unwrap_or_else(|e| panic!("adoption statement regex: {e}"))
});

fn degree(statement: &str) -> &'static str {
    if statement.contains("等同") {
        "IDT"
    } else if statement.contains("修改") {
        "MOD"
    } else {
        "NEQ"
    }
}

impl Rule for ConsistencyMarker {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some((span, claimed)) = foreword_blocks(doc).into_iter().find_map(|block| {
            // Every statement holds 采用 or 一致性程度为.
            let text = ctx.text(block.span);
            if !(text.contains("采用") || text.contains("一致性程度为")) {
                return None;
            }
            let m = STATEMENT.find(text)?;
            let start = block.span.start + m.start();
            Some((Span::new(start, start + m.len()), degree(m.as_str())))
        }) else {
            return;
        };
        let marker = cover_lines(doc)
            .iter()
            .find_map(|l| MARKER.captures(&l.text).and_then(|c| c.get(1)).map(|d| (l.clone(), d.as_str().to_owned())));
        match marker {
            None => ctx.report_with_help(
                span,
                Message::new(
                    format!("前言说明了与国际文件的一致性程度（{claimed}），封面没有一致性程度标识"),
                    format!("the foreword states a degree of consistency ({claimed}) but the cover has no consistency marker"),
                ),
                Message::new(
                    format!("在封面英文译名下标明“（国际文件编号，{claimed}）”"),
                    format!("add “(international designation, {claimed})” to the cover under the English title"),
                ),
            ),
            Some((line, shown)) if shown != claimed => ctx.report_with_help(
                line.span,
                Message::new(
                    format!("封面一致性程度标识为{shown}，前言说明为{claimed}"),
                    format!("the cover marker says {shown}, the foreword says {claimed}"),
                ),
                Message::new("使封面标识与前言说明一致", "make the cover marker and the foreword agree"),
            ),
            Some(_) => {}
        }
    }
}
