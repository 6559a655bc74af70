use super::scan::{Form, Zone};
use super::{DesignationIndex, citations, entries};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A document listed in chapter 2 whose every citation is informative: written with
    /// 见/参见, only in the introduction, or only as the source of a term (`[来源：…]`). Such a
    /// document is not normatively referenced and belongs in the bibliography. (A listed
    /// document cited nowhere, or only in notes and examples, is RF004's.)
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.1: chapter 2 lists the documents “规范性引用（见9.5.4.2.1）” in the text;
    /// 9.5.4.2.2: “凡由9.5.4.2.1之外的表述形式提及文件均属于资料性引用”, and “文件中所有资料性引用的
    /// 文件，均应在要素‘参考文献’中列出”. The rule warns because the form of each citation is read
    /// from its wording.
    ///
    /// ## Bad
    /// ```text
    /// GB/T 18894—2016 电子文件归档与电子档案管理规范      （第2章）
    /// 电子文件的归档要求参见GB/T 18894—2016。              （正文唯一的引用）
    /// ```
    /// ## Good
    /// ```text
    /// 电子调解文书的归档和管理应符合GB/T 18894—2016的规定。
    /// ```
    pub struct InformativeInNormative {
        code: "RF009",
        name: "informative-in-normative",
        family: References,
        severity: Warning,
        clause: "8.6.1, 9.5.4.2.2",
        summary: "Informative sources listed in chapter 2",
    }
}

impl Rule for InformativeInNormative {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        // Per document cited where it counts: whether it is cited at all, and whether one of
        // its citations is normative.
        let mut cited: DesignationIndex<(bool, bool)> = DesignationIndex::new();
        for c in citations(doc).iter().filter(|c| super::listed_not_cited::counts(c.zone)) {
            let informative = c.form == Form::Informative || matches!(c.zone, Zone::Introduction | Zone::TermSource);
            cited.add(&c.designation, |(any, normative)| {
                *any = true;
                *normative |= !informative;
            });
        }
        for entry in entries(doc) {
            let Some(d) = entry.designation else { continue };
            let (any, normative) =
                cited.matching(d).fold((false, false), |(a, n), (any, normative)| (a || *any, n || *normative));
            if !any || normative {
                continue;
            }
            ctx.report_with_help(
                d.span,
                Message::new(
                    format!("“{}”在正文中只被资料性地提及（见、参见、术语来源或引言）；资料性引用的文件应列入参考文献，而不是规范性引用文件", d.text),
                    format!("“{}” is cited only for information (见/参见, a term source or the introduction); it belongs in the bibliography, not among the normative references", d.text),
                ),
                Message::new(
                    "若其内容是要求的一部分，改为规范性提及（“应符合……的规定”）；否则将其移入参考文献",
                    "if its content is required, cite it normatively (“应符合……的规定”); otherwise move it to the bibliography",
                ),
            );
        }
    }
}
