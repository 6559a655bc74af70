use super::{foreword_paragraphs, is_revision};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A document that replaces an earlier edition (a 代替 line on the cover or a 本文件代替…
    /// statement in the foreword) ends its foreword with the version history:
    /// 本文件及其所代替文件的历次版本发布情况为：——……年首次发布为……；——本次为第×次修订。
    /// First editions are not asked for anything.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.3 h): the foreword gives “文件及其所代替或废止的文件的历次版本发布情况”. A
    /// first edition has no history to give; the standard prescribes no sentence for it.
    ///
    /// ## Bad
    /// ```text
    /// 本文件代替DB4403/T 100—2019《社区助餐服务规范》……
    /// （前言中没有历次版本发布情况）
    /// ```
    /// ## Good
    /// ```text
    /// 本文件及其所代替文件的历次版本发布情况为：
    /// ——2019年首次发布为DB4403/T 100—2019；
    /// ——本次为第一次修订。
    /// ```
    pub struct VersionHistory {
        code: "FW011",
        name: "version-history",
        family: Foreword,
        severity: Warning,
        clause: "8.3 h)",
        summary: "历次版本发布情况 when superseding",
    }
}

const FORM: &str = "本文件及其所代替文件的历次版本发布情况为：——××××年首次发布为×××—××××；——本次为第×次修订。";

impl Rule for VersionHistory {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some(foreword) = &doc.foreword else {
            return;
        };
        if !is_revision(doc) {
            return;
        }
        let has_history = foreword_paragraphs(doc).any(|(_, key)| key.contains("历次版本") || key.contains("首次发布"));
        if !has_history {
            ctx.report_with_help(
                foreword.heading.span,
                Message::new(
                    "本文件代替了以前的版本，前言中没有给出历次版本发布情况",
                    "the document replaces an earlier edition, but the foreword gives no version history",
                ),
                Message::new(format!("在前言最后写：{FORM}"), format!("end the foreword with: {FORM}")),
            );
        }
    }
}
