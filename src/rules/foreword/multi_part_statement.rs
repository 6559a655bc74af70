use std::sync::LazyLock;

use regex::Regex;

use super::{foreword_paragraphs, part_number};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A part of a multi-part document (第N部分 in its title, or a part number in its
    /// designation) says so in its foreword: 本文件是×××《……》的第N部分。, followed by
    /// ×××已经发布了以下部分： and the list of parts. Reported: no such sentence; a part number
    /// other than the document's own; the sentence without the list of published parts (one
    /// step softer). Documents that are not parts are not checked.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3 b): the foreword states the relation to other documents, including
    /// “分为部分的文件的每个部分说明其所属的部分并列出所有已经发布的部分的名称”. Its own foreword
    /// reads “本文件是GB/T 1《标准化工作导则》的第1部分。GB/T 1已经发布了以下部分：”.
    ///
    /// ## Bad
    /// ```text
    /// DB4403/T 900.2—2025 社区助餐服务规范　第2部分：服务评价
    /// （前言中没有“本文件是DB4403/T 900《……》的第2部分”）
    /// ```
    /// ## Good
    /// ```text
    /// 本文件是DB4403/T 900《社区助餐服务规范》的第2部分。DB4403/T 900已经发布了以下部分：
    /// ——第1部分：服务提供；
    /// ——第2部分：服务评价。
    /// ```
    pub struct MultiPartStatement {
        code: "FW009",
        name: "multi-part-statement",
        family: Foreword,
        severity: Warning,
        clause: "8.3 b)",
        summary: "Parts list their siblings",
    }
}

static PART_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    // `本部分是……的第N部分` is the 2009 wording of the same statement (本部分 is RF006's).
    Regex::new(r"本(?:文件|部分)是[^。]*的第([0-9]+)部分").unwrap_or_else(|e| panic!("part sentence regex: {e}"))
});

impl Rule for MultiPartStatement {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some(foreword) = &doc.foreword else {
            return;
        };
        let Some(n) = part_number(doc) else {
            return;
        };
        let form = format!("本文件是×××《……》的第{n}部分。×××已经发布了以下部分：——第1部分：……；");
        let help = Message::new(format!("写为：{form}"), format!("write: {form}"));
        let paragraphs: Vec<_> = foreword_paragraphs(doc).collect();
        let found = paragraphs.iter().find_map(|&(b, key)| {
            PART_SENTENCE.captures(key).map(|c| (b, key, c.get(1).map(|m| m.as_str().to_owned())))
        });
        let Some((block, key, declared)) = found else {
            ctx.report_with_help(
                foreword.heading.span,
                Message::new(
                    format!("本文件是分部分文件的第{n}部分，前言中没有说明其所属的部分；应说明并列出已经发布的部分"),
                    format!("the document is part {n}, but the foreword does not say which document it is part of, nor list the published parts"),
                ),
                help,
            );
            return;
        };
        if let Some(declared) = declared.filter(|d| d.parse::<u32>().ok() != Some(n)) {
            ctx.report_with_help(
                block.span,
                Message::new(
                    format!("前言说本文件是第{declared}部分，但文件名称或编号表明是第{n}部分"),
                    format!("the foreword says part {declared}, but the title or designation says part {n}"),
                ),
                help,
            );
            return;
        }
        // The 2009 wording lists every planned part: `……分为以下八个部分：`.
        let lists = |k: &str| k.contains("已经发布了以下部分") || (k.contains("分为以下") && k.contains("部分"));
        let listed = lists(key) || paragraphs.iter().any(|(_, k)| lists(k));
        if !listed {
            ctx.report_softer(
                block.span,
                Message::new(
                    "分部分文件的说明后没有列出已经发布的部分；应列出所有已经发布的部分的名称（“……已经发布了以下部分：”）",
                    "the multi-part statement does not list the parts already published (……已经发布了以下部分：)",
                ),
                Some(help),
            );
        }
    }
}
