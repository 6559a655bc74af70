use super::scan::{UnitKind, Zone, units};
use super::{citations, contains_key, entries, other_key, same_document};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every document listed in chapter 2 is cited in the text: in the body, the annexes, a
    /// table or the terms lead-in (`GB/T 20000.1界定的…`). The foreword, chapter 2 itself and the
    /// bibliography do not count, nor do notes and examples, which cannot make a document
    /// normative. Entries are matched by code and number, whatever the year.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.1: “规范性引用文件这一要素用来列出文件中规范性引用（见9.5.4.2.1）的文件”. A
    /// listed document that the text never cites imposes nothing, or the citation was lost in
    /// editing.
    ///
    /// ## Bad
    /// ```text
    /// 2 规范性引用文件
    /// …
    /// GB/T 33168—2016 社区老年人日间照料中心服务基本要求
    /// （正文没有提及GB/T 33168）
    /// ```
    /// ## Good
    /// ```text
    /// 日间照料服务应符合GB/T 33168—2016的规定。
    /// ```
    pub struct ListedNotCited {
        code: "RF004",
        name: "listed-not-cited",
        family: References,
        severity: Error,
        clause: "8.6.1, 9.5.4.2.1",
        summary: "A listed document is never cited in the text",
    }
}

/// Zones where a citation makes a listed document count as cited.
pub(super) fn counts(zone: Zone) -> bool {
    matches!(zone, Zone::Body | Zone::TermsLeadIn | Zone::TermSource | Zone::Introduction | Zone::Heading)
}

impl Rule for ListedNotCited {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let cited = citations(doc);
        let mut body_text: Option<Vec<&str>> = None;
        for entry in entries(doc) {
            let (label, found) = match entry.designation {
                Some(d) => (d.text.clone(), cited.iter().any(|c| counts(c.zone) && same_document(&c.designation, d))),
                None => {
                    // Documents of other bodies (IETF RFC 3986, ASTM D638): by their code and number.
                    let text = ctx.text(entry.block.span);
                    let Some(key) = other_key(text) else {
                        continue;
                    };
                    let texts = body_text.get_or_insert_with(|| {
                        units(doc)
                            .into_iter()
                            .filter(|u| counts(u.zone) && u.kind != UnitKind::Code)
                            .map(|u| doc.text(u.span))
                            .collect()
                    });
                    let label: String = text.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
                    (label, texts.iter().any(|t| contains_key(t, &key)))
                }
            };
            if found {
                continue;
            }
            let span = entry.designation.map_or(entry.block.span, |d| d.span);
            ctx.report_with_help(
                span,
                Message::new(
                    format!("规范性引用文件“{label}”在正文中没有被引用"),
                    format!("the normative reference “{label}” is never cited in the text"),
                ),
                Message::new(
                    "在条款中规范性地引用它（如“应符合……的规定”），或将其从第2章删除（只作参考的文件列入参考文献）",
                    "cite it in a provision (“应符合……的规定”), or remove it from chapter 2 (documents given for information go to the bibliography)",
                ),
            );
        }
    }
}
