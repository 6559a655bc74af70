//! The findings of a run, below the pipeline: what `check` produces and `set`, `baseline`,
//! `noise`, `suppress`, `cache` and every output format read. It imports none of them (only
//! the facts a document gives the set rules), so they do not import each other in a circle.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::diagnostic::{Message, Severity};
use crate::source::{Excerpt, Span};

/// A finding with its position resolved, ready for any output format.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: Message,
    pub help: Option<Message>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Byte offset and length in the original file (before decoding).
    pub offset: usize,
    pub length: usize,
    /// The nearest clause label before the finding (`5.2`, `前言`, `附录A`).
    pub clause: Option<String>,
    #[serde(skip)]
    pub span: Span,
    /// The line the finding starts on, normalised (white space and punctuation width folded):
    /// with path, code and clause it makes a fingerprint that survives lines moving.
    #[serde(skip)]
    pub line_key: std::sync::Arc<str>,
    /// The flagged text, the paragraph around it and (.docx) the paragraph's ordinal.
    #[serde(flatten)]
    pub excerpt: Excerpt,
    /// The machine edit, in original bytes of the file: replace `offset..offset + length`
    /// of the fix with `replacement` (encoded as the file is).
    #[serde(skip)]
    pub fix: Option<FixEdit>,
    /// The other places of a finding whose repeats were collapsed into it (see `noise`);
    /// empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Occurrence>,
    /// What the `full` format shows of the source, cut while the document was alive (only
    /// when a run renders it or caches it).
    #[serde(skip)]
    pub window: Option<Box<crate::source::Window>>,
}

/// Another place of a collapsed finding.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Occurrence {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub offset: usize,
    pub length: usize,
    #[serde(flatten)]
    pub excerpt: Excerpt,
    #[serde(skip)]
    pub span: Span,
    #[serde(skip)]
    pub fix: Option<FixEdit>,
}

impl Occurrence {
    pub fn of(f: &Finding) -> Self {
        Occurrence {
            line: f.line,
            column: f.column,
            end_line: f.end_line,
            end_column: f.end_column,
            offset: f.offset,
            length: f.length,
            excerpt: f.excerpt.clone(),
            span: f.span,
            fix: f.fix.clone(),
        }
    }
}

/// A `--fix` edit located in the file's own bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixEdit {
    pub offset: usize,
    pub length: usize,
    pub replacement: String,
}

impl Finding {
    /// A finding at `at`, with no span in a read document, no fingerprint text, fix or
    /// window: what set findings and reader notices are; the pipeline fills in the rest.
    pub fn located(
        at: crate::facts::Anchor,
        (code, name, severity): (&'static str, &'static str, Severity),
        message: Message,
        help: Option<Message>,
    ) -> Finding {
        Finding {
            code,
            name,
            severity,
            message,
            help,
            line: at.line,
            column: at.column,
            end_line: at.end_line,
            end_column: at.end_column,
            offset: at.offset,
            length: at.length,
            clause: at.clause,
            span: Span::empty(0),
            line_key: std::sync::Arc::from(""),
            excerpt: at.excerpt,
            fix: None,
            also: Vec::new(),
            window: None,
        }
    }

    /// A stable identity for baselines and code-quality reports: path, code, clause and the
    /// normalised text of the line, not its number.
    pub fn fingerprint(&self, path: &Path) -> String {
        // `./a.md` and `a.md` are one file to a baseline.
        let path = path.strip_prefix(".").unwrap_or(path).to_string_lossy().replace('\\', "/");
        let key =
            format!("{path}\u{1f}{}\u{1f}{}\u{1f}{}", self.code, self.clause.as_deref().unwrap_or(""), self.line_key);
        format!("{:016x}", fnv1a(key.as_bytes()))
    }
}

impl FileReport {
    /// One fingerprint per finding, unique within the file: the n-th repeat of a fingerprint
    /// (two findings of one rule on one line and clause) is hashed again with its ordinal, as
    /// GitLab and SARIF consumers merge results whose fingerprints collide.
    pub fn unique_fingerprints(&self) -> Vec<String> {
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        self.findings
            .iter()
            .map(|f| {
                let base = f.fingerprint(&self.path);
                let n = seen.entry(base.clone()).or_default();
                *n += 1;
                if *n == 1 { base } else { format!("{:016x}", fnv1a(format!("{base}\u{1f}{n}").as_bytes())) }
            })
            .collect()
    }
}

/// FNV-1a, 64 bit: small, stable across versions and platforms (unlike `DefaultHasher`).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Everything the run learned about one path.
#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    pub findings: Vec<Finding>,
    /// The profile the document was checked against, when it was read.
    pub profile: Option<String>,
    /// For a package (.docx): the part that `offset` and `length` count bytes in.
    pub part: Option<String>,
    /// Output rendered by the worker while the source was still at hand (human format).
    pub rendered: Option<String>,
    /// The set-level facts of a document that was read.
    pub facts: Option<crate::facts::DocFacts>,
    /// Findings left out because the baseline records them.
    pub baselined: usize,
}

impl FileReport {
    pub(crate) fn without_document(path: PathBuf, finding: Finding) -> Self {
        FileReport {
            path,
            findings: vec![finding],
            profile: None,
            part: None,
            rendered: None,
            facts: None,
            baselined: 0,
        }
    }

    /// Findings not in `rendered`: those the set rules added after the document was dropped.
    pub fn unrendered(&self) -> Vec<&Finding> {
        match &self.rendered {
            Some(_) => self.findings.iter().filter(|f| f.code.starts_with("SE")).collect(),
            None => self.findings.iter().collect(),
        }
    }
}

pub struct RunReport {
    pub files: Vec<FileReport>,
    /// How many paths were found to check (documents, readable or not).
    pub documents: usize,
    pub elapsed: Duration,
    /// Paths on the command line that do not exist.
    pub missing_paths: Vec<PathBuf>,
}

impl RunReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.files.iter().flat_map(|f| &f.findings).filter(|f| f.severity == severity).count()
    }

    pub fn internal_errors(&self) -> usize {
        self.files.iter().flat_map(|f| &f.findings).filter(|f| f.code == crate::rules::INTERNAL_ERROR.code).count()
    }
}
