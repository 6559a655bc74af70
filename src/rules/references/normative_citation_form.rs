use super::scan::{Form, Zone};
use super::{DesignationIndex, citations, listed_designations};
use crate::diagnostic::Message;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// A requirement sends the reader to another document with 见/参见
    /// (`服务场所的标志应清晰（见GB 2894）`) while that document is not in chapter 2. 见 is the
    /// form of an informative pointer; if the requirement depends on the document's content it
    /// is a normative reference in disguise. (A listed document cited only with 见 is RF009's;
    /// a normative annex cited only with 见 is AX006's.)
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.5.4.2.1 makes a document normatively referenced when “由要求型或指示型条款提及”
    /// it, and asks that “规范性引用与资料性引用的表述应明确区分”; its examples of informative
    /// references use 见 (“……的信息见GB/T xxxxx。”), and 9.5.5.2 makes 见 the informative
    /// pointer. A requirement that points with 见 mixes the two forms. Which one was meant is a
    /// judgement, so the finding is advice (warning).
    ///
    /// ## Bad
    /// ```text
    /// 安全标志应醒目（见GB 2894—2008）。
    /// ```
    /// ## Good
    /// ```text
    /// 安全标志应符合GB 2894—2008的规定。
    /// ```
    pub struct NormativeCitationForm {
        code: "RF013",
        name: "normative-citation-form",
        family: References,
        severity: Warning,
        clause: "9.5.4.2",
        summary: "见 used where a normative citation form is due",
    }
}

impl Rule for NormativeCitationForm {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let listed = DesignationIndex::of(&listed_designations(doc));
        for citation in citations(doc) {
            if citation.zone != Zone::Body || citation.form != Form::Informative || !citation.requirement {
                continue;
            }
            let d = &citation.designation;
            if listed.any(d) {
                continue;
            }
            ctx.report_with_help(
                d.span,
                Message::new(
                    format!("要求型条款用“见”提及“{}”，这是资料性提及的形式", d.text),
                    format!("a requirement points to “{}” with 见, the form of an informative reference", d.text),
                ),
                Message::new(
                    format!("若要求依赖其内容，写为“应符合{}的规定”并列入第2章；否则将提及移入注", d.text),
                    format!("if the requirement depends on it, write “应符合{}的规定” and list it in chapter 2; otherwise move the pointer to a note", d.text),
                ),
            );
        }
    }
}
