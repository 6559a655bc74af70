//! The rule framework: one rule = one unit with its code, name, family, default severity,
//! the GB/T 1.1-2020 clause it enforces, its documentation and its bilingual messages.
//!
//! Families follow the catalogue (`docs/rules.md`); one folder per family, one file per rule.

#[macro_use]
mod macros;
mod context;
pub use crate::lexicon;
pub mod normalize;
pub(crate) mod provision_mask;

mod annexes;
mod cover;
pub(crate) mod designation;
mod figures;
mod foreword;
mod io;
mod lists;
mod notes;
mod numbering;
mod provisions;
mod references;
pub mod service;
pub(crate) mod set;
mod structure;
pub mod suppression;
mod terms;
#[cfg(test)]
pub(crate) mod testing;
mod typography;

pub use context::{Context, MAX_FINDINGS_PER_RULE, RunIndex};

use crate::diagnostic::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Family {
    /// IO — reading the input.
    Io,
    /// ST — structure and element order.
    Structure,
    /// CV — cover, title, table of contents.
    Cover,
    /// FW — foreword and introduction.
    Foreword,
    /// NU — chapters, clauses, paragraphs.
    Numbering,
    /// RF — normative references and citations.
    References,
    /// TM — terms, definitions, symbols.
    Terms,
    /// PV — provisions and their verbal forms.
    Provisions,
    /// LS — lists.
    Lists,
    /// AX — annexes.
    Annexes,
    /// FT — figures, tables, formulas.
    Figures,
    /// NE — notes, examples, footnotes.
    Notes,
    /// DS — standard designations.
    Designation,
    /// TY — typography.
    Typography,
    /// SV — service and public-service standards (overlay profile `service`).
    Service,
    /// SE — set-level consistency across the documents of one run.
    Set,
    /// SU — suppression comments.
    Suppression,
}

impl Family {
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Io => "IO",
            Family::Structure => "ST",
            Family::Cover => "CV",
            Family::Foreword => "FW",
            Family::Numbering => "NU",
            Family::References => "RF",
            Family::Terms => "TM",
            Family::Provisions => "PV",
            Family::Lists => "LS",
            Family::Annexes => "AX",
            Family::Figures => "FT",
            Family::Notes => "NE",
            Family::Designation => "DS",
            Family::Typography => "TY",
            Family::Service => "SV",
            Family::Set => "SE",
            Family::Suppression => "SU",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Family::Io => "reading (不是起草规则)",
            Family::Structure => "structure and element order (结构和要素顺序)",
            Family::Cover => "cover, title, table of contents (封面、名称、目次)",
            Family::Foreword => "foreword and introduction (前言和引言)",
            Family::Numbering => "chapters, clauses, paragraphs (章、条、段)",
            Family::References => "normative references and citations (规范性引用)",
            Family::Terms => "terms and definitions (术语和定义)",
            Family::Provisions => "provisions and their verbal forms (条款与能愿动词)",
            Family::Lists => "lists (列项)",
            Family::Annexes => "annexes (附录)",
            Family::Figures => "figures, tables, formulas (图、表、数学公式)",
            Family::Notes => "notes, examples, footnotes (注、示例、脚注)",
            Family::Designation => "standard designations (文件编号)",
            Family::Typography => "typography (标点、数字和排版)",
            Family::Service => "service standards (服务标准，叠加配置 service)",
            Family::Set => "set-level consistency (文件集一致性)",
            Family::Suppression => "suppression comments (抑制注释)",
        }
    }
}

/// The static description of a rule.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// The clause of GB/T 1.1-2020 it enforces (`8.3 a)`), or `—`.
    pub clause: &'static str,
    pub summary: &'static str,
    /// Markdown from the rule's doc comment: what it checks, why, a bad and a good example.
    pub doc: &'static str,
    pub repeats: Repeats,
    /// Whether the rule offers a safe machine edit that `--fix` applies (declared with
    /// `fixable: true`; the README's list of fixable rules is generated from it).
    pub fixable: bool,
}

/// How a rule's repeated findings in one document are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Repeats {
    /// Every finding is a defect of its own (a missing element, a wrong number).
    Each,
    /// Repeats share one cause — a habit (half-width punctuation, 本标准 for 本文件) or a
    /// converter's artefact — so past a few they are reported as one finding with their count
    /// (`--show-all` lists each).
    Collapse,
}

pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;

    /// Document rules look at one document; IO rules are raised by the pipeline and do nothing here.
    fn check(&self, ctx: &mut Context<'_>);
}

/// Whether the document's text holds any of `words` anywhere. A rule whose every finding lies on
/// one of them asks this first: one pass over the whole text per word costs less than a
/// searcher per paragraph, and most documents hold none of a rule's rarer words. Masking
/// (provisions) only blanks characters out, so a word absent from the text is absent from
/// every masked paragraph too.
pub(crate) fn text_holds_any(doc: &crate::model::Document, words: &AnyWord) -> bool {
    words.is_in(&doc.source.text)
}

/// A few words, each with a searcher built once: `str::contains` builds one per call, which on
/// a whole document costs about twice the search (see [`text_holds_any`]).
pub(crate) struct AnyWord {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl AnyWord {
    pub(crate) fn new(words: &[&'static str]) -> Self {
        AnyWord { finders: words.iter().map(|w| memchr::memmem::Finder::new(w.as_bytes())).collect() }
    }

    /// Whether `text` holds one of the words.
    pub(crate) fn is_in(&self, text: &str) -> bool {
        self.finders.iter().any(|finder| finder.find(text.as_bytes()).is_some())
    }
}

/// Every rule, in code order.
pub fn registry() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::LazyLock<Vec<&'static dyn Rule>> = std::sync::LazyLock::new(|| {
        let mut all: Vec<&'static dyn Rule> = Vec::new();
        all.extend_from_slice(io::RULES);
        all.extend_from_slice(structure::RULES);
        all.extend_from_slice(foreword::RULES);
        all.extend_from_slice(numbering::RULES);
        all.extend_from_slice(references::RULES);
        all.extend_from_slice(terms::RULES);
        all.extend_from_slice(provisions::RULES);
        all.extend_from_slice(designation::RULES);
        all.extend_from_slice(cover::RULES);
        all.extend_from_slice(lists::RULES);
        all.extend_from_slice(annexes::RULES);
        all.extend_from_slice(figures::RULES);
        all.extend_from_slice(notes::RULES);
        all.extend_from_slice(typography::RULES);
        all.extend_from_slice(service::RULES);
        all.extend_from_slice(set::RULES);
        all.extend_from_slice(suppression::RULES);
        all.sort_by_key(|r| r.meta().code);
        all
    });
    &ALL
}

pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    let wanted = code_or_name.trim();
    registry().iter().copied().find(|r| r.meta().code.eq_ignore_ascii_case(wanted) || r.meta().name == wanted)
}

pub use io::{
    FOREIGN_DOCUMENT, INPUT_LIMIT, INTERNAL_ERROR, MALFORMED_DOCX, MALFORMED_XML, MISSING_NUMBERING, NO_STRUCTURE,
    TRACKED_CHANGES, UNDECODABLE_TEXT, UNREADABLE_FILE, UNSUPPORTED_FORMAT,
};
