//! IO — reading the input. These are raised by the pipeline, not by document checks; they are
//! registered so that they can be listed, documented, selected and ignored like any rule.

use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The path could not be read: it does not exist, permission is denied, or the read failed.
    ///
    /// ## Why
    /// A batch run must say which inputs it never looked at, instead of passing silently.
    ///
    /// ## Example
    /// `normlint check drafts/missing.md` → IO001 at `drafts/missing.md`.
    pub struct UnreadableFile {
        code: "IO001",
        name: "unreadable-file",
        family: Io,
        severity: Error,
        clause: "—",
        summary: "The path is missing, unreadable, or the read failed",
    }
}

declare_rule! {
    /// ## What it checks
    /// The bytes are neither UTF-8 (with or without BOM), UTF-16 nor GB18030, or the file is
    /// binary (NUL or control bytes, e.g. a Word file renamed to `.txt`).
    ///
    /// ## Why
    /// Nothing can be checked in text that cannot be decoded; a wrong guess would report
    /// nonsense at every line.
    ///
    /// ## Example
    /// Bad: a `.txt` saved as Big5 or a zip archive. Good: save as UTF-8 or GB18030
    /// ("ANSI" on Chinese Windows).
    pub struct UndecodableText {
        code: "IO002",
        name: "undecodable-text",
        family: Io,
        severity: Error,
        clause: "—",
        summary: "Not UTF-8, UTF-16 or GB18030 text, or binary",
    }
}

declare_rule! {
    /// ## What it checks
    /// Nothing in the file looks like a standardization document: no 前言, no 范围, no
    /// numbered chapters (for example a law, a letter, or an empty file).
    ///
    /// ## Why
    /// Drafting rules only make sense on a standard; on other text they would report noise, so
    /// normlint says once what it found and checks nothing else.
    ///
    /// ## Example
    /// Bad: a regulation with 第一章 / 第一条 numbering. Good: a draft with 前言, 1 范围, 2 规范性引用文件 ….
    pub struct NoStructure {
        code: "IO005",
        name: "no-structure",
        family: Io,
        severity: Warning,
        clause: "—",
        summary: "Nothing recognisable as a standardization document",
    }
}

declare_rule! {
    /// ## What it checks
    /// A reader or a rule failed unexpectedly on this document (a bug in normlint).
    ///
    /// ## Why
    /// One bad document must never stop a batch: the failure is caught, reported here with the
    /// rule that failed, and the other documents are checked as usual.
    ///
    /// ## Example
    /// Please report the message and, if you can, the document.
    pub struct InternalError {
        code: "IO006",
        name: "internal-error",
        family: Io,
        severity: Error,
        clause: "—",
        summary: "A rule or reader failed; the batch goes on",
    }
}

declare_rule! {
    /// ## What it checks
    /// An XML file is not well-formed; the finding points at the first fault.
    ///
    /// ## Why
    /// A malformed STS file cannot be read reliably past the fault; fix the XML first (an
    /// unclosed element, an undeclared entity, a stray `&`).
    ///
    /// ## Example
    /// `<sec><title>范围</sec>` → IO003 at the closing tag that does not match.
    pub struct MalformedXml {
        code: "IO003",
        name: "malformed-xml",
        family: Io,
        severity: Error,
        clause: "—",
        summary: "XML not well-formed (position of the first fault)",
    }
}

declare_rule! {
    /// ## What it checks
    /// A `.docx` is not a readable Word package: not a zip, truncated, without
    /// `word/document.xml`, or with a corrupt part.
    ///
    /// ## Why
    /// Word and WPS save through temporary files; a copy taken mid-save or a renamed file of
    /// another kind cannot be read.
    ///
    /// ## Example
    /// Open the file in Word or WPS and save it again as .docx.
    pub struct MalformedDocx {
        code: "IO004",
        name: "malformed-docx",
        family: Io,
        severity: Error,
        clause: "—",
        summary: "Not a zip, missing word/document.xml, corrupt part",
    }
}

declare_rule! {
    /// ## What it checks
    /// The input is over a limit: file size (32 MB, standard input included), XML nesting
    /// depth (512), entity expansion, or the inflated size of a part of a package (64 MiB).
    /// Also raised when checking a document went over its budget — time (`--time-budget`,
    /// 10 s) or memory (`--memory-budget`, 1024 MB): the rules not yet run are named and
    /// skipped — and, as a warning, when one rule found more than 10,000 problems in one
    /// document (the first 10,000 are reported).
    ///
    /// ## Why
    /// Limits keep a batch fast and its memory bounded whatever lands in the folder (a
    /// 1 GB-when-inflated zip, a billion-laughs entity file, a line of 350,000 brackets); the
    /// rest of the batch goes on.
    ///
    /// ## Example
    /// A 200 MB text export → IO007; check the document itself, not a dump.
    pub struct InputLimit {
        code: "IO007",
        name: "input-limit",
        family: Io,
        severity: Error,
        clause: "—",
        summary: "Over a size, depth or expansion limit, or the time or memory budget",
    }
}

declare_rule! {
    /// ## What it checks
    /// The file is in a format normlint does not read directly: `.doc`, `.wps`, `.pdf`,
    /// `.ofd`, `.rtf`, `.odt`.
    ///
    /// ## Why
    /// These formats keep no reliable structure to check; the message gives the command that
    /// converts them (`libreoffice --headless --convert-to docx FILE`).
    ///
    /// ## Example
    /// `draft.doc` → IO008: convert with `libreoffice --headless --convert-to docx draft.doc`.
    pub struct UnsupportedFormat {
        code: "IO008",
        name: "unsupported-format",
        family: Io,
        severity: Error,
        clause: "—",
        summary: ".doc / .wps / .pdf / .ofd: say how to convert",
    }
}

declare_rule! {
    /// ## What it checks
    /// A `.docx` still holds tracked changes (insertions, deletions) or comments.
    ///
    /// ## Why
    /// normlint checks the text as it would read with every change accepted; a draft sent for
    /// review or approval should have its revisions settled.
    ///
    /// ## Example
    /// Accept or reject all changes and delete the comments before submitting.
    pub struct TrackedChanges {
        code: "IO009",
        name: "tracked-changes",
        family: Io,
        severity: Info,
        clause: "—",
        summary: ".docx holds unaccepted revisions or comments",
    }
}

declare_rule! {
    /// ## What it checks
    /// The file carries the marks of a converter rather than of its author: HTML tables, image
    /// links and TeX that a PDF-to-Markdown converter writes, page numbers between paragraphs,
    /// sentences split at page ends, headings whose numbers a Word export lost. Reported once,
    /// with the evidence, as information.
    ///
    /// ## Why
    /// Reviewers are often handed converted drafts. Conversion leaves artefacts that are not
    /// drafting defects: normlint repairs what it can while reading (joins split paragraphs,
    /// takes lost heading numbers from the 目次) and reports each remaining cause once — a
    /// repeated finding is collapsed into one with its count (`--show-all` lists every
    /// occurrence). Check doubtful findings against the original file.
    ///
    /// ## Example
    /// A MinerU conversion of a published standard → `IO010 the file looks converted: 12 pieces
    /// of converter markup, 3 paragraphs split by a page break and joined again`.
    pub struct ConvertedInput {
        code: "IO010",
        name: "converted-input",
        family: Io,
        severity: Info,
        clause: "—",
        summary: "the file looks converted from PDF or exported; artefacts are reported once",
    }
}

declare_rule! {
    /// ## What it checks
    /// A `.docx` paragraph asks Word for a number (`w:numPr`) that the package cannot give: the
    /// numbering part (`word/numbering.xml`) is missing, it has no `w:num` with that id, the
    /// `w:num` points to an `w:abstractNum` that is not there, or the definition has no such
    /// level. Word then shows the paragraph without its number — typically every chapter and
    /// clause number of a draft whose numbering was damaged by copying between templates. One
    /// finding per missing definition, at the first paragraph that uses it, with the count.
    ///
    /// ## Why
    /// A draft whose numbers Word does not draw is not the draft its author sees in another
    /// editor, and every numbering rule would report the lost numbers one by one. normlint
    /// reads such paragraphs as text (a number typed by hand, or the 目次, may still place
    /// them) and says once what is broken.
    ///
    /// ## Example
    /// `w:numId="7"` on the chapter headings, and no `<w:num w:numId="7">` in numbering.xml →
    /// IO011 at “范围”: the numbering 7 it refers to is not defined. Reapply the template's
    /// multilevel list (or the 标准文件_章标题 … styles) to the headings and save again.
    pub struct MissingNumbering {
        code: "IO011",
        name: "missing-numbering",
        family: Io,
        severity: Warning,
        clause: "—",
        summary: ".docx paragraphs refer to numbering that numbering.xml does not define",
    }
}

impl Rule for ConvertedInput {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let conversion = &ctx.doc.conversion;
        if !conversion.is_converted() {
            return;
        }
        let (zh, en): (Vec<String>, Vec<String>) = conversion.evidence().into_iter().unzip();
        ctx.report(
            crate::source::Span::empty(0),
            crate::diagnostic::Message::new(
                format!("文件带有格式转换的痕迹（{}）；转换造成的同类问题各只报告一次，请对照原件核实", zh.join("，")),
                format!(
                    "the file looks converted ({}); findings such artefacts cause are reported once each — check doubtful ones against the original",
                    en.join(", ")
                ),
            ),
        );
    }
}

declare_rule! {
    /// ## What it checks
    /// The document is in another language — hardly any Chinese text: an ISO or EN standard in
    /// NISO/ISO STS, or the English edition of a GB document. It is reported once, as
    /// information, and no drafting rule is run on it.
    ///
    /// ## Why
    /// GB/T 1.1-2020 governs Chinese standardization documents; ISO and IEC documents follow the
    /// ISO/IEC Directives, Part 2. Checking them against GB/T 1.1 would report the differences
    /// between two rulebooks, not drafting defects; and its rules on wording (本文件, 应, the
    /// foreword's sentences) are about Chinese text, which an English edition does not have. A
    /// Chinese adoption (`GB/T … / ISO …`, in Chinese) is checked as usual.
    ///
    /// ## Example
    /// `ISO 8601-1:2019` in ISO STS → `IO012 “ISO 8601-1:2019” is an international or foreign
    /// standard …; no drafting rule was run`.
    pub struct ForeignDocument {
        code: "IO012",
        name: "foreign-document",
        family: Io,
        severity: Info,
        clause: "1",
        summary: "an international or foreign standard in another language: GB/T 1.1 does not apply",
    }
}

macro_rules! pipeline_rule {
    ($($rule:ident),*) => {$(
        impl Rule for $rule {
            fn meta(&self) -> &'static RuleMeta {
                &Self::META
            }

            fn check(&self, _ctx: &mut Context<'_>) {}
        }
    )*};
}

pipeline_rule!(
    UnreadableFile,
    UndecodableText,
    MalformedXml,
    MalformedDocx,
    NoStructure,
    InternalError,
    InputLimit,
    UnsupportedFormat,
    TrackedChanges,
    ForeignDocument,
    MissingNumbering
);

pub const UNREADABLE_FILE: &RuleMeta = &UnreadableFile::META;
pub const UNDECODABLE_TEXT: &RuleMeta = &UndecodableText::META;
pub const NO_STRUCTURE: &RuleMeta = &NoStructure::META;
pub const INTERNAL_ERROR: &RuleMeta = &InternalError::META;

pub const MALFORMED_XML: &RuleMeta = &MalformedXml::META;
pub const MALFORMED_DOCX: &RuleMeta = &MalformedDocx::META;
pub const INPUT_LIMIT: &RuleMeta = &InputLimit::META;
pub const UNSUPPORTED_FORMAT: &RuleMeta = &UnsupportedFormat::META;
pub const TRACKED_CHANGES: &RuleMeta = &TrackedChanges::META;
pub const FOREIGN_DOCUMENT: &RuleMeta = &ForeignDocument::META;
pub const MISSING_NUMBERING: &RuleMeta = &MissingNumbering::META;

pub(super) const RULES: &[&dyn Rule] = &[
    &UnreadableFile,
    &UndecodableText,
    &MalformedXml,
    &MalformedDocx,
    &NoStructure,
    &InternalError,
    &InputLimit,
    &UnsupportedFormat,
    &TrackedChanges,
    &ConvertedInput,
    &ForeignDocument,
    &MissingNumbering,
];
