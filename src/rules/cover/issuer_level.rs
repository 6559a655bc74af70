use super::{cover_code, cover_lines, key};
use crate::diagnostic::Message;
use crate::model::{Document, Text};
use crate::rules::designation::codes::{city, division_of, province};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// The issuing body on the cover (`… 发布`, with the line before it when the issuer is given
    /// on two lines) fits the document's level:
    /// - national: 国家市场监督管理总局 and 国家标准化管理委员会 (before 2018: 国家质量监督检验检疫总局
    ///   and 中国国家标准化管理委员会);
    /// - local: a body of the province (DB44: 广东省…) or of the city (DB4403: 深圳市…), not a
    ///   national one;
    /// - sector: the competent ministry, not a market-regulation bureau or the SAC;
    /// - group: the association, not a government bureau.
    ///
    /// Enterprise and internal documents are not checked; a missing issuer is CV001's.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.1 requires the 发布机构 on the cover. Which body issues which level is
    /// not in GB/T 1.1: it comes from the standards administration rules and published covers,
    /// so the rule only warns and words its finding as advice.
    ///
    /// ## Bad
    /// ```text
    /// DB4403/T 512—2025
    /// 广东省市场监督管理局　发布
    /// ```
    /// ## Good
    /// ```text
    /// DB4403/T 512—2025
    /// 深圳市市场监督管理局　发布
    /// ```
    pub struct IssuerLevel {
        code: "CV007",
        name: "issuer-level",
        family: Cover,
        severity: Warning,
        clause: "8.1",
        summary: "issuer fits the level (SAMR/SAC for national …)",
    }
}

/// The issuer line with the cover lines just before it that continue the issuer (those after the
/// last date line), joined, and the span over all of them.
fn issuer_block(doc: &Document, issuer: &Text) -> Text {
    let after_dates = [&doc.meta.publish_date, &doc.meta.implement_date]
        .into_iter()
        .flatten()
        .map(|d| d.span.end)
        .filter(|&e| e <= issuer.span.start)
        .max();
    let Some(from) = after_dates else {
        return issuer.clone();
    };
    let lines: Vec<Text> =
        cover_lines(doc).iter().filter(|l| l.span.start >= from && l.span.end <= issuer.span.end).cloned().collect();
    let Some(first) = lines.first() else {
        return issuer.clone();
    };
    let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    Text::new(text.join("\n"), Span::new(first.span.start, issuer.span.end))
}

impl Rule for IssuerLevel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let (Some(issuer), Some(code)) = (&doc.meta.issuer, cover_code(doc)) else { return };
        let block = issuer_block(doc, issuer);
        let written = key(&block.text);
        let shown = written.trim_end_matches("发布").trim_end_matches("印发").to_owned();
        let advice: Option<(String, String, String)> = if code.starts_with("GB") {
            let current = written.contains("国家市场监督管理总局") && written.contains("国家标准化管理委员会");
            let legacy = written.contains("国家质量监督检验检疫总局") && written.contains("国家标准化管理委员会");
            (!(current || legacy)).then(|| {
                (
                    "国家标准由国家市场监督管理总局和国家标准化管理委员会发布".to_owned(),
                    "national documents are issued by 国家市场监督管理总局 and 国家标准化管理委员会".to_owned(),
                    "国家市场监督管理总局\n国家标准化管理委员会　发布".to_owned(),
                )
            })
        } else if let Some(division) = division_of(&code) {
            let place: Option<(&str, &str)> = if division.len() == 2 {
                province(division)
            } else {
                city(division).map(|name| (name, name.trim_end_matches('市')))
            };
            let national = written.starts_with("国家") || written.contains("国家标准化管理委员会");
            match place {
                Some((full, short)) if national || !written.contains(short) => Some((
                    format!("{code}为地方标准，发布机构通常为{full}的标准化行政主管部门"),
                    format!("{code} is a local document; its issuer would be a body of {full}"),
                    format!("{full}市场监督管理局　发布"),
                )),
                None if national => Some((
                    format!("{code}为地方标准，国家机关不发布地方标准"),
                    format!("{code} is a local document; a national body does not issue it"),
                    "××市市场监督管理局　发布".to_owned(),
                )),
                _ => None,
            }
        } else if code.starts_with("T/") {
            let government = ["市场监督管理", "标准化管理委员会", "人民政府"].iter().any(|w| written.contains(w));
            government.then(|| {
                (
                    "团体标准由制定该标准的社会团体发布，而不是政府部门".to_owned(),
                    "a group standard is issued by its association, not by a government body".to_owned(),
                    "××协会　发布".to_owned(),
                )
            })
        } else if code.starts_with("Q/") {
            None
        } else {
            let wrong = written.contains("市场监督管理局") || written.contains("标准化管理委员会");
            wrong.then(|| {
                (
                    "行业标准由国务院有关行政主管部门发布".to_owned(),
                    "a sector standard is issued by the competent ministry".to_owned(),
                    "中华人民共和国××部　发布".to_owned(),
                )
            })
        };
        let Some((zh, en, fix)) = advice else { return };
        ctx.report_with_help(
            block.span,
            Message::new(
                format!("发布机构“{shown}”与文件层次似不相符：{zh}"),
                format!("the issuer “{shown}” seems not to fit: {en}"),
            ),
            Message::new(format!("核对发布机构，如“{fix}”"), format!("check the issuer, e.g. “{fix}”")),
        );
    }
}
