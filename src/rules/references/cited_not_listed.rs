use crate::hash::{HashMap, HashSet};

use super::scan::{Form, Zone};
use super::{Citation, DesignationIndex, citations, listed_designations};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A document cited normatively in the text (`应符合GB/T 42195—2022的规定`,
    /// `按GB/T 18894执行`, `GB/T 20000.1界定的…`) is listed in chapter 2. Citations in notes,
    /// examples, the foreword and the bibliography, and citations written with 见/参见, are
    /// informative and are not asked for, nor are documents named as examples (`如 ISO/IEC 15961、
    /// ISO/IEC 15962 等`) or as the source of a definition in a statement (`根据JR/T 0166—2020
    /// 定义，PaaS为……`) or in a table's column of examples (`示例`). Reported once per
    /// document, at its first citation.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.5.4.2.1: “文件中所有规范性引用的文件，无论是注日期，还是不注日期，均应在要素
    /// ‘规范性引用文件’中列出”; 8.6.3.1: “文件清单中应列出该文件中规范性引用的每个文件”. A
    /// normative reference makes the cited content part of the requirements, and chapter 2 is
    /// where the reader finds which edition applies.
    ///
    /// ## Bad
    /// ```text
    /// 2 规范性引用文件
    /// 本文件没有规范性引用文件。
    /// …
    /// 老年人能力评估应按照GB/T 42195—2022的规定实施。
    /// ```
    /// ## Good
    /// ```text
    /// 2 规范性引用文件
    /// 下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。……
    /// GB/T 42195—2022 老年人能力评估规范
    /// ```
    pub struct CitedNotListed {
        code: "RF005",
        name: "cited-not-listed",
        family: References,
        severity: Error,
        clause: "8.6.3.1, 9.5.4.2.1",
        summary: "A normatively cited document is not listed in chapter 2",
    }
}

impl Rule for CitedNotListed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let listed = DesignationIndex::of(&listed_designations(doc));
        let own = doc.meta.designation.as_ref();
        let mut reported: HashSet<String> = HashSet::default();
        let all = citations(doc);
        let counted = |c: &&Citation| matches!(c.zone, Zone::Body | Zone::TermsLeadIn) && c.form == Form::Normative;
        // How often each document is cited, counted once: a count per report would be a pass
        // over every citation for every document reported.
        let mut times_cited: HashMap<String, usize> = HashMap::default();
        for c in all.iter().filter(counted) {
            *times_cited.entry(c.designation.key()).or_default() += 1;
        }
        for citation in all.iter().filter(counted) {
            let d = &citation.designation;
            if own.is_some_and(|o| o.code == d.code && o.number == d.number) || listed.any(d) {
                continue;
            }
            let key = d.key();
            let more = times_cited.get(&key).copied().unwrap_or(1).saturating_sub(1);
            if !reported.insert(key) {
                continue;
            }
            let (zh_more, en_more) = if more > 0 {
                (format!("（另有{more}处）"), format!(" ({more} more)"))
            } else {
                (String::new(), String::new())
            };
            ctx.report_with_help(
                d.span,
                Message::new(
                    format!("“{}”在条款中被规范性引用{zh_more}，但没有列入第2章规范性引用文件", d.text),
                    format!("“{}” is cited normatively{en_more} but not listed in chapter 2 (normative references)", d.text),
                ),
                Message::new(
                    format!("在第2章列出“{} 文件名称”；若只供参考，改用“见……”并列入参考文献", d.canonical()),
                    format!("list “{} <title>” in chapter 2; if it is only for information, cite it with 见 and list it in the bibliography", d.canonical()),
                ),
            );
        }
    }
}
