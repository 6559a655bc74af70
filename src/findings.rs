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

    /// Moves the finding to `at`.
    pub fn place_at(&mut self, at: crate::facts::Anchor) {
        self.line = at.line;
        self.column = at.column;
        self.end_line = at.end_line;
        self.end_column = at.end_column;
        self.offset = at.offset;
        self.length = at.length;
        self.clause = at.clause;
        self.excerpt = at.excerpt;
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
    /// One fingerprint per finding, unique within the file (see [`UniqueFingerprints`]).
    pub fn unique_fingerprints(&self) -> Vec<String> {
        let mut unique = UniqueFingerprints::default();
        self.findings.iter().map(|f| unique.next(f.fingerprint(&self.path))).collect()
    }
}

/// Fingerprints made unique within a file, given in the file's order: the n-th repeat of a
/// fingerprint (two findings of one rule on one line and clause) is hashed again with its
/// ordinal, as GitLab and SARIF consumers merge results whose fingerprints collide.
#[derive(Debug, Default)]
pub struct UniqueFingerprints {
    seen: crate::hash::HashMap<String, usize>,
}

impl UniqueFingerprints {
    /// The unique form of the next finding's fingerprint `base` ([`Finding::fingerprint`]).
    pub fn next(&mut self, base: String) -> String {
        let n = self.seen.entry(base.clone()).or_default();
        *n += 1;
        if *n == 1 { base } else { format!("{:016x}", fnv1a(format!("{base}\u{1f}{n}").as_bytes())) }
    }

    /// The one fingerprint given so far, if exactly one was.
    pub fn only(&self) -> Option<&str> {
        let mut bases = self.seen.keys();
        bases.next().filter(|_| bases.len() == 0).map(String::as_str)
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
    /// Output rendered by the worker while the source was still at hand (human format). The
    /// findings it shows are not kept in `findings`, only their [`RenderedFinding`]s: a run
    /// over thousands of documents holds a line of text per finding, not the finding.
    pub rendered: Option<String>,
    /// What was rendered before `rendered`, moved out of memory (a large run); see
    /// [`FileReport::take_rendered`].
    pub spilled: Vec<SpilledText>,
    /// The findings shown in `rendered`, in its order.
    pub rendered_findings: Vec<RenderedFinding>,
    /// The set-level facts of a document that was read.
    /// Boxed: a large run holds a report per file, most of them read.
    pub facts: Option<Box<crate::facts::DocFacts>>,
    /// Findings left out because the baseline records them.
    pub baselined: usize,
}

impl FileReport {
    pub(crate) fn without_document(path: PathBuf, finding: Finding) -> Self {
        FileReport { findings: vec![finding], ..FileReport::empty(path) }
    }

    /// A report of `path` with nothing in it yet.
    pub fn empty(path: PathBuf) -> Self {
        FileReport {
            path,
            findings: Vec::new(),
            profile: None,
            part: None,
            rendered: None,
            spilled: Vec::new(),
            rendered_findings: Vec::new(),
            facts: None,
            baselined: 0,
        }
    }

    /// Whether the findings of this file were rendered as they were found (a human format).
    pub fn was_rendered(&self) -> bool {
        self.rendered.is_some() || !self.spilled.is_empty()
    }

    /// The rendered text, from the spill file and from memory, leaving none behind.
    pub fn take_rendered(&mut self) -> std::io::Result<Option<String>> {
        if self.spilled.is_empty() {
            return Ok(self.rendered.take());
        }
        let text = self.rendered_text()?.into_owned();
        self.spilled.clear();
        self.rendered = None;
        Ok(Some(text))
    }

    /// The whole rendered text, spilled part included, left in place (the html page reads a
    /// file's text twice).
    pub fn rendered_text(&self) -> std::io::Result<std::borrow::Cow<'_, str>> {
        if self.spilled.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(self.rendered.as_deref().unwrap_or_default()));
        }
        let mut text = String::new();
        for spilled in &self.spilled {
            text.push_str(&spilled.read()?);
        }
        text.push_str(self.rendered.as_deref().unwrap_or_default());
        Ok(std::borrow::Cow::Owned(text))
    }

    /// Moves `rendered` into `spill`; on a write error it stays in memory.
    pub fn spill_rendered(&mut self, spill: &std::sync::Arc<Spill>) {
        if let Some(text) = self.rendered.take().filter(|t| !t.is_empty()) {
            match spill.park(&text) {
                Ok(spilled) => self.spilled.push(spilled),
                Err(_) => self.rendered = Some(text),
            }
        }
    }

    /// Adds rendered findings after those already rendered (`pieces` in their order, each
    /// with its text; `end` is set here).
    pub fn append_rendered(&mut self, pieces: Vec<(RenderedFinding, String)>) {
        let spilled: usize = self.spilled.iter().map(|s| s.len).sum();
        let text = self.rendered.get_or_insert_with(String::new);
        self.rendered_findings.reserve_exact(pieces.len());
        for (mut key, piece) in pieces {
            text.push_str(&piece);
            key.end = spilled + text.len();
            self.rendered_findings.push(key);
        }
    }

    /// How many findings of `severity` the file has, rendered or not.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
            + self.rendered_findings.iter().filter(|f| f.severity == severity).count()
    }

    /// The pieces of `rendered`, one per finding, each with the place it sorts at.
    pub fn rendered_pieces(&self) -> impl Iterator<Item = (&RenderedFinding, &str)> {
        pieces_of(self.rendered.as_deref().unwrap_or_default(), &self.rendered_findings)
    }
}

/// The pieces of a file's rendered `text` (all of it, spilled part included, when the keys
/// count from its start), one per finding in `keys`, each with its key.
pub fn pieces_of<'a>(
    text: &'a str,
    keys: &'a [RenderedFinding],
) -> impl Iterator<Item = (&'a RenderedFinding, &'a str)> {
    let starts = std::iter::once(0).chain(keys.iter().map(|f| f.end));
    keys.iter().zip(starts).map(move |(f, start)| (f, text.get(start..f.end).unwrap_or_default()))
}

/// An unnamed temporary file (removed by the system when closed) that holds rendered text
/// until it is written out: the `full` text of ten thousand documents is tens of MB, and the
/// output cannot begin before the set rules have seen every document.
#[derive(Debug)]
pub struct Spill {
    /// The file and its length.
    file: std::sync::Mutex<(std::fs::File, u64)>,
}

impl Spill {
    pub fn new() -> std::io::Result<Spill> {
        Ok(Spill { file: std::sync::Mutex::new((tempfile::tempfile()?, 0)) })
    }

    pub(crate) fn park(self: &std::sync::Arc<Self>, text: &str) -> std::io::Result<SpilledText> {
        use std::io::{Seek, SeekFrom, Write};
        let mut guard = self.file.lock().map_err(|_| std::io::Error::other("spill file poisoned"))?;
        let (file, end) = &mut *guard;
        let offset = *end;
        file.seek(SeekFrom::Start(offset))?;
        file.write_all(text.as_bytes())?;
        *end = offset + text.len() as u64;
        Ok(SpilledText { spill: std::sync::Arc::clone(self), offset, len: text.len() })
    }
}

/// Where a file's rendered text is in the [`Spill`].
#[derive(Debug, Clone)]
pub struct SpilledText {
    spill: std::sync::Arc<Spill>,
    offset: u64,
    len: usize,
}

impl SpilledText {
    pub(crate) fn read(&self) -> std::io::Result<String> {
        use std::io::{Read, Seek, SeekFrom};
        let mut guard = self.spill.file.lock().map_err(|_| std::io::Error::other("spill file poisoned"))?;
        let file = &mut guard.0;
        file.seek(SeekFrom::Start(self.offset))?;
        let mut bytes = vec![0; self.len];
        file.read_exact(&mut bytes)?;
        String::from_utf8(bytes).map_err(std::io::Error::other)
    }
}

/// What is left of a finding rendered in the worker: where it sorts among the file's other
/// findings (set findings join it later), what the summary and the exit code count, and where
/// its text ends in [`FileReport::rendered`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderedFinding {
    pub line: usize,
    pub column: usize,
    pub code: &'static str,
    /// The rule's name, for `--statistics`.
    pub name: &'static str,
    pub severity: Severity,
    pub end: usize,
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
        self.files.iter().map(|f| f.count(severity)).sum()
    }

    pub fn internal_errors(&self) -> usize {
        let internal = crate::rules::INTERNAL_ERROR.code;
        self.files
            .iter()
            .map(|f| {
                f.findings.iter().filter(|x| x.code == internal).count()
                    + f.rendered_findings.iter().filter(|x| x.code == internal).count()
            })
            .sum()
    }
}
