use crate::diagnostic::Message;
use crate::model::compact;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Chapter 1 is titled 范围, chapter 2 规范性引用文件 and chapter 3 术语和定义 (a combined title
    /// that names what the chapter holds — 术语和缩略语, 术语、定义、符号和缩略语 — is accepted).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.5.2: “该要素应设置为文件的第1章”; 8.6.1: “该要素应设置为文件的第2章，且不应
    /// 分条”; 8.7.1: “该要素应设置为文件的第3章”; 6.2.2.3: the titles of informative elements
    /// (规范性引用文件) “应与表3所呈现的相一致”. 8.8.1 lets 符号和缩略语 “并入‘术语和定义’”, hence the
    /// combined title. The 2009 habit of dropping an empty chapter 2 shifts 术语和定义 to chapter 2.
    ///
    /// ## Bad
    /// ```text
    /// 2 引用文件
    /// ```
    /// ## Good
    /// ```text
    /// 2 规范性引用文件
    /// ```
    pub struct FixedChapterTitle {
        code: "ST003",
        name: "fixed-chapter-title",
        family: Structure,
        severity: Error,
        clause: "8.5.2, 8.6.1, 8.7.1",
        summary: "Chapters 1–3 are 范围, 规范性引用文件, 术语和定义",
    }
}

const FIXED: [(&str, &str); 3] =
    [("范围", "scope"), ("规范性引用文件", "normative references"), ("术语和定义", "terms and definitions")];

fn acceptable(n: usize, title: &str) -> bool {
    match n {
        1 => title == "范围",
        2 => title == "规范性引用文件",
        // 8.8.1 lets symbols and abbreviations merge into chapter 3, whose title then names what
        // it holds: 术语和缩略语, 术语、定义、符号和缩略语 …
        3 => {
            let mut rest = title.to_owned();
            for word in ["术语", "定义", "符号", "缩略语", "代号", "和", "、", "及"] {
                rest = rest.replace(word, "");
            }
            title.starts_with("术语") && rest.is_empty()
        }
        _ => true,
    }
}

impl Rule for FixedChapterTitle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        for (i, (zh, en)) in FIXED.iter().enumerate() {
            let n = i + 1;
            let Some(chapter) = ctx.doc.chapter(n as u32) else {
                continue;
            };
            let Some(title) = &chapter.title else {
                continue;
            };
            let key = compact(&title.text);
            if acceptable(n, &key) {
                continue;
            }
            let shifted = FIXED.iter().position(|(t, _)| *t == key).map(|p| p + 1);
            // Chapter 2 or 3 holding unrelated content means the fixed chapter is missing
            // altogether, which ST004 reports; here only near misses and shifted titles.
            let near_miss = match n {
                1 => true,
                2 => key.contains("引用"),
                _ => key.contains("术语") || key.contains("定义"),
            };
            if !near_miss && shifted.is_none() {
                continue;
            }
            // A shifted title with its own chapter missing is ST004's (the chapter is absent).
            let own_missing = match n {
                2 => ctx.doc.normative_references().is_none(),
                3 => ctx.doc.terms_chapter().is_none(),
                _ => false,
            };
            if shifted.is_some() && own_missing {
                continue;
            }
            let (why_zh, why_en) = match shifted {
                Some(m) if m > n => (
                    format!("；“{key}”应为第{m}章，缺少的章即使没有内容也应保留"),
                    format!("; “{key}” is chapter {m}, and the chapters before it are kept even when empty"),
                ),
                _ => (String::new(), String::new()),
            };
            ctx.report_with_help(
                title.span,
                Message::new(
                    format!("第{n}章的标题应为“{zh}”，而不是“{}”{why_zh}", title.text),
                    format!("chapter {n} is titled “{}”; it must be titled “{zh}” ({en}){why_en}", title.text),
                ),
                Message::new(format!("改为“{n} {zh}”"), format!("write “{n} {zh}”")),
            );
        }
    }
}
