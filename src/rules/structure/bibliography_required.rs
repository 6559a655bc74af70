use crate::diagnostic::Message;
use crate::model::{Designation, Document, compact};
use crate::rules::references::scan::{Form, Zone};
use crate::rules::references::{Citation, DesignationIndex, base_number, citations, listed_designations};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A document that cites other documents for information has a 参考文献. Informative
    /// citations are: designations written with 见/参见 in the body, any designation in a note,
    /// an example, a term source (`[来源：…]`) or the introduction. Documents listed in chapter 2,
    /// the document itself and its sibling parts, and GB/T 1.1 are not counted. A bibliography
    /// written as an annex (附录B（资料性）参考文献) is reported one step softer: 参考文献 is its
    /// own element after the annexes, not an annex.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.13: “文件中有资料性引用的文件，应设置该要素。” and “如果需要设置参考文献，应
    /// 置于最后一个附录之后”: it is an element of its own, not an annex. 9.5.4.2.2: “文件中所有资料性
    /// 引用的文件，均应在要素‘参考文献’中列出”.
    ///
    /// ## Bad
    /// ```text
    /// 注：满意度调查的方法参见GB/T 19038—2009。       （文件没有参考文献）
    /// ```
    /// ## Good
    /// ```text
    /// 参考文献
    /// [1] GB/T 19038—2009 顾客满意测评模型和方法指南
    /// ```
    pub struct BibliographyRequired {
        code: "ST014",
        name: "bibliography-required",
        family: Structure,
        severity: Error,
        clause: "8.13",
        summary: "Informative references cited but no 参考文献",
    }
}

impl Rule for BibliographyRequired {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let as_annex = doc.annexes.iter().find(|a| a.title.as_ref().is_some_and(|t| compact(&t.text) == "参考文献"));
        if let Some(annex) = as_annex {
            {
                ctx.report_softer(
                    annex.span,
                    Message::new(
                        format!("参考文献不是附录（此处写为“附录{}”）", annex.letter),
                        format!("the bibliography is not an annex (written as annex {})", annex.letter),
                    ),
                    Some(Message::new(
                        "去掉附录编号和（资料性），以“参考文献”为标题置于附录之后",
                        "drop the annex label and （资料性）; title it 参考文献 and place it after the annexes",
                    )),
                );
            }
            return;
        }
        if doc.bibliography.is_some() {
            return;
        }
        let found = informative_citations(doc);
        let Some(first) = found.first() else {
            return;
        };
        let d = &first.designation;
        let (zh_more, en_more) = match found.len() {
            1 => (String::new(), String::new()),
            n => (format!("（共{n}处资料性引用）"), format!(" ({n} informative citations in all)")),
        };
        ctx.report_with_help(
            d.span,
            Message::new(
                format!("“{}”被资料性引用{zh_more}，但文件没有参考文献", d.text),
                format!("“{}” is cited for information{en_more}, but the document has no bibliography", d.text),
            ),
            Message::new(
                format!("在附录之后增加“参考文献”，列出“[1] {} 文件名称”等", d.canonical()),
                format!("add a 参考文献 after the annexes listing “[1] {} <title>” and the others", d.canonical()),
            ),
        );
    }
}

/// The informative citations of documents that belong in a bibliography, one per document.
fn informative_citations(doc: &Document) -> Vec<Citation> {
    let listed = DesignationIndex::of(&listed_designations(doc));
    let own = doc.meta.designation.as_ref();
    let mut out: Vec<Citation> = Vec::new();
    let mut kept = DesignationIndex::new();
    for c in citations(doc) {
        let informative = match c.zone {
            Zone::Note | Zone::Example | Zone::TermSource | Zone::Introduction => true,
            Zone::Body => c.form == Form::Informative,
            _ => false,
        };
        let d = &c.designation;
        if !informative
            || is_drafting_rules(d)
            || own.is_some_and(|o| o.code == d.code && base_number(o) == base_number(d))
            || listed.any(d)
            || kept.any(d)
        {
            continue;
        }
        kept.add(d, |present| *present = true);
        out.push(c.clone());
    }
    out
}

/// GB/T 1.1 is the drafting basis, named in the foreword, never a bibliography entry.
fn is_drafting_rules(d: &Designation) -> bool {
    d.code == "GB/T" && (d.number == "1.1" || d.number == "1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::messages;

    const DOC: &str = "# 深圳市地方标准\n\nDB4403/T 900—2025\n\n# 社区助餐服务规范\n\n## 前言\n\n本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n\n## 1 范围\n\n本文件规定了助餐服务的要求。\n\n## 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n## 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n## 4 要求\n\n服务点应开展满意度调查{X}。\n";

    #[test]
    fn informative_citation_needs_a_bibliography() {
        assert_eq!(messages(&BibliographyRequired, &DOC.replace("{X}", "，调查方法参见GB/T 19038—2009")).len(), 1);
        assert!(messages(&BibliographyRequired, &DOC.replace("{X}", "")).is_empty());
        // A normative citation is RF005's, not a bibliography entry.
        assert!(messages(&BibliographyRequired, &DOC.replace("{X}", "，方法应符合GB/T 19038—2009的规定")).is_empty());
        let with_bib = format!(
            "{}\n## 参考文献\n\n[1] GB/T 19038—2009 顾客满意测评模型和方法指南\n",
            DOC.replace("{X}", "，参见GB/T 19038—2009")
        );
        assert!(messages(&BibliographyRequired, &with_bib).is_empty());
    }
}
