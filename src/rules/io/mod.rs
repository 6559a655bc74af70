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

pipeline_rule!(UnreadableFile, UndecodableText, NoStructure, InternalError);

pub const UNREADABLE_FILE: &RuleMeta = &UnreadableFile::META;
pub const UNDECODABLE_TEXT: &RuleMeta = &UndecodableText::META;
pub const NO_STRUCTURE: &RuleMeta = &NoStructure::META;
pub const INTERNAL_ERROR: &RuleMeta = &InternalError::META;

pub(super) const RULES: &[&dyn Rule] = &[&UnreadableFile, &UndecodableText, &NoStructure, &InternalError];
