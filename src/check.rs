//! The pipeline: discover → read → rules → findings, one rayon task per file.
//!
//! Each task owns its document from bytes to findings and drops it before returning, so memory
//! stays flat however large the set. A panic in a reader or a rule is caught and becomes an
//! IO006 finding; the other rules and the other documents go on.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::budget::{Exceeded, Meter};
use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::model::Document;
use crate::profile::{Profile, ProfileError};
use crate::read;
use crate::rules::{self, Context, Rule, RuleMeta};
use crate::source::{DecodeError, Span};

pub use crate::cache::Checked;
use crate::findings::fnv1a;
pub use crate::findings::{FileReport, Finding, FixEdit, Occurrence, RunReport};

/// How to check: the command line's choices and the per-file configuration.
#[derive(Default)]
pub struct Settings {
    /// A profile to use for every document instead of the configured or detected one.
    pub profile: Option<Profile>,
    /// A standard-system table to check the set against (SE005).
    pub catalogue: Option<crate::catalogue::Catalogue>,
    /// `normlint.toml` files: discovered per directory, or one given with `--config`.
    pub configs: std::sync::Arc<crate::settings::Resolver>,
    /// Called after each document (a progress bar).
    pub on_document: Option<Box<dyn Fn() + Send + Sync>>,
    /// Findings recorded here are not reported (`--baseline`).
    pub baseline: Option<std::sync::Arc<crate::baseline::Baseline>>,
    /// Report every repeat of a collapsing rule instead of one finding with the count.
    pub show_all: bool,
    /// The time and memory one document may use.
    pub budget: crate::budget::Budget,
    /// Follow symbolic links to directories when walking (`--follow`).
    pub follow_links: bool,
    /// Where to keep and find the findings of unchanged files (`None`: check every file).
    pub cache: Option<crate::cache::Cache>,
}

/// Renders the findings of a document (a human format, or JSON entries) inside the document's
/// task, the `full` format from their windows.
pub type Renderer<'a> = dyn Fn(&RenderedFile<'_>, &[Finding]) -> String + Sync + 'a;

/// The document a [`Renderer`] renders findings of.
pub struct RenderedFile<'r> {
    pub path: &'r Path,
    /// The profile it was checked against and (.docx) its part, as the report gives them.
    pub profile: Option<&'r str>,
    pub part: Option<&'r str>,
    /// The fingerprints given to its findings so far (see [`RenderedFile::fingerprint`]).
    fingerprints: std::cell::RefCell<crate::findings::UniqueFingerprints>,
    /// [`Self::path`] as the reports print it, made on the first finding's rendering.
    display: std::cell::OnceCell<String>,
}

impl<'r> RenderedFile<'r> {
    pub fn new(path: &'r Path, profile: Option<&'r str>, part: Option<&'r str>) -> Self {
        RenderedFile { path, profile, part, fingerprints: Default::default(), display: Default::default() }
    }

    /// The path as text, made once per file: the findings are rendered one at a time, and
    /// turning the path into text for each of them was most of a concise line's cost.
    pub fn display(&self) -> &str {
        self.display.get_or_init(|| self.path.display().to_string())
    }

    /// The fingerprint of `f`, unique within the file, for findings rendered in the file's
    /// order: what [`FileReport::unique_fingerprints`] gives the finding in the report.
    pub fn fingerprint(&self, f: &Finding) -> String {
        let base = f.fingerprint(self.path);
        self.fingerprints.borrow_mut().next(base)
    }
}

/// Expands the command-line paths into the sorted list of documents to check.
///
/// In a walk, a symbolic link to a file is followed like the file; a link to a directory
/// only with `--follow` (`Settings::follow_links`), when the walker also reports the loops it
/// meets (IO001); FIFOs, sockets and devices are left alone. Named on the command line, any
/// path is taken, and `check_file` says why it cannot read a special file.
pub fn discover(
    paths: &[PathBuf],
    globs: &[String],
    settings: &Settings,
) -> Result<(Vec<PathBuf>, Vec<FileReport>), String> {
    let mut files = Vec::new();
    let problems = walk(paths, globs, settings, &mut |path| files.push(path))?;
    files.sort();
    files.dedup();
    Ok((files, problems))
}

/// The walk behind [`discover`]: hands each document to `found` as it is met, in name order
/// within each directory (so one directory's walk comes out sorted), and returns what could
/// not be walked.
fn walk(
    paths: &[PathBuf],
    globs: &[String],
    settings: &Settings,
    found: &mut dyn FnMut(PathBuf),
) -> Result<Vec<FileReport>, String> {
    let configs = &settings.configs;
    let mut problems = Vec::new();
    let overrides = if globs.is_empty() {
        None
    } else {
        let mut builder = ignore::overrides::OverrideBuilder::new(".");
        for glob in globs {
            builder.add(glob).map_err(|e| format!("invalid --glob {glob}: {e}"))?;
        }
        Some(builder.build().map_err(|e| format!("invalid --glob: {e}"))?)
    };
    let unreadable = |at: PathBuf, zh: String, en: String| {
        FileReport::without_document(at, io_finding(rules::UNREADABLE_FILE, Message::new(zh, en)))
    };
    for path in paths {
        if path.is_dir() {
            let mut walker = ignore::WalkBuilder::new(path);
            // Siblings in name order make the walk's output sorted already, so the sort below
            // runs through it once (comparing paths component by component is slow).
            walker.require_git(false).follow_links(settings.follow_links).sort_by_file_name(|a, b| a.cmp(b));
            if let Some(o) = &overrides {
                walker.overrides(o.clone());
            }
            let pruning = configs.clone();
            walker.filter_entry(move |entry| !settings_of(&pruning, entry).config.excluded(entry.path()));
            for entry in walker.build() {
                match entry {
                    Ok(entry) => {
                        let p = entry.path();
                        let wanted = match settings_of(configs, &entry).config.included(p) {
                            Some(included) => included,
                            None => read::is_document_path(p) && !is_repository_file(p),
                        };
                        if !wanted {
                            continue;
                        }
                        match entry.file_type() {
                            Some(t) if t.is_file() => found(p.to_path_buf()),
                            Some(t) if t.is_symlink() => match std::fs::metadata(p) {
                                Ok(target) if target.is_file() => found(p.to_path_buf()),
                                // A link to a directory named like a document, or to a FIFO.
                                Ok(_) => {}
                                Err(e) => problems.push(unreadable(
                                    p.to_path_buf(),
                                    format!("链接指向的文件无法读取：{e}"),
                                    format!("the link's target cannot be read: {e}"),
                                )),
                            },
                            _ => {}
                        }
                    }
                    Err(error) => {
                        let at = error_path(&error).unwrap_or_else(|| path.clone());
                        let (zh, en) = if is_loop(&error) {
                            (
                                "符号链接构成循环，已跳过".to_owned(),
                                "a symbolic link loops back to a directory above it; skipped".to_owned(),
                            )
                        } else {
                            (format!("无法读取：{error}"), format!("cannot read: {error}"))
                        };
                        problems.push(unreadable(at, zh, en));
                    }
                }
            }
        } else if path.exists() || path.is_symlink() {
            found(path.clone());
        }
    }
    Ok(problems)
}

fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// The settings that decide whether a walked entry is checked: its file type is known from
/// the walk (asking the file system again cost a `stat` per file).
fn settings_of(configs: &crate::settings::Resolver, entry: &ignore::DirEntry) -> Arc<crate::settings::FileSettings> {
    match entry.file_type() {
        Some(t) if t.is_dir() => configs.for_dir(entry.path()),
        Some(t) if t.is_file() => configs.for_file(entry.path()),
        // A link (to a directory or a file) or no type: the file system says which.
        _ => configs.for_path(entry.path()),
    }
}

/// README, CHANGELOG and the like sit beside the documents of a standards repository but are
/// not standards; a walk skips them (naming one explicitly still checks it).
fn is_repository_file(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "README" | "CHANGELOG" | "CHANGES" | "CONTRIBUTING" | "LICENSE" | "LICENCE" | "NOTICE" | "AUTHORS"
    )
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

/// Checks every path; findings come back sorted by path, line, column and code.
/// How many documents a walk finds, for sizing a progress bar.
pub fn count_documents(paths: &[PathBuf], globs: &[String], settings: &Settings) -> usize {
    discover(paths, globs, settings).map_or(0, |(files, _)| files.len())
}

/// Checks standard input (or any stream) as one document named `name`. The stream is read
/// up to the file size limit and no further: a larger one gets IO007 at once, as a file would.
pub fn run_stdin(
    name: &Path,
    input: &mut dyn std::io::Read,
    settings: &Settings,
    render: Option<&Renderer<'_>>,
) -> std::io::Result<RunReport> {
    let started = Instant::now();
    let report = match read_bounded(input)? {
        Some(bytes) => check_bytes(name, bytes, settings, render),
        None => FileReport::without_document(name.to_path_buf(), too_large(None)),
    };
    let mut files = vec![report];
    set_rules(&mut files, settings, render, None)?;
    Ok(RunReport { files, documents: 1, elapsed: started.elapsed(), missing_paths: Vec::new() })
}

/// Reads a stream to its end if it holds at most [`MAX_FILE_BYTES`]; `None` as soon as it
/// holds more (nothing past the limit is read).
pub fn read_bounded(input: &mut dyn std::io::Read) -> std::io::Result<Option<Vec<u8>>> {
    read_bounded_sized(input, 0)
}

/// [`read_bounded`] into a buffer sized for `expected` bytes (a file's length): one read of the
/// whole file and one that sees its end (`read_to_end` through `Take` reads 8 KB at a time,
/// doubling, as it has no size hint), and no doubling buffer or the copies it makes.
fn read_bounded_sized(input: &mut dyn std::io::Read, expected: u64) -> std::io::Result<Option<Vec<u8>>> {
    let over_limit = usize::try_from(MAX_FILE_BYTES + 1).unwrap_or(usize::MAX);
    // One byte more than expected, so that the end is seen without growing the buffer.
    let capacity = usize::try_from(expected.min(MAX_FILE_BYTES) + 1).unwrap_or(over_limit);
    let mut bytes = vec![0; capacity];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled >= over_limit {
                break;
            }
            // The stream is longer than expected (standard input, a growing file).
            bytes.resize(filled.saturating_mul(2).clamp(8 * 1024, over_limit), 0);
        }
        let Some(space) = bytes.get_mut(filled..) else { break };
        match input.read(space) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok((filled < over_limit).then_some(bytes))
}

/// IO007 for an input over [`MAX_FILE_BYTES`]; `size` when it is known (a file).
fn too_large(size: Option<u64>) -> Finding {
    let limit = MAX_FILE_BYTES / (1024 * 1024);
    let (zh, en) = match size {
        Some(size) => {
            let mb = size / (1024 * 1024);
            (
                format!("文件过大（{mb} MB，上限 {limit} MB），未读取"),
                format!("file too large ({mb} MB, limit {limit} MB); not read"),
            )
        }
        None => (
            format!("输入超过 {limit} MB 的上限，未检查"),
            format!("the input is larger than the limit of {limit} MB; not checked"),
        ),
    };
    io_finding(rules::INPUT_LIMIT, Message::new(zh, en))
}

/// The set-level rules over the documents of the run, then what the configuration and the
/// baseline say of their findings (the per-document ones were settled in each task). When
/// the run renders, a rendered file's set findings are rendered too and join its text.
fn set_rules(
    reports: &mut [FileReport],
    settings: &Settings,
    render: Option<&Renderer<'_>>,
    spiller: Option<&Spiller>,
) -> std::io::Result<()> {
    let is_set = |f: &Finding| f.code.starts_with("SE");
    let settle = |path: &Path, f: &mut Finding| {
        let file_settings = settings.configs.for_file(path);
        f.severity = file_settings.severity(f.code).unwrap_or(f.severity);
        file_settings.enabled(f.code, path)
    };
    let mut pieces = Pieces::default();
    // Without a baseline (which must see a file's set findings together) each one is settled
    // and rendered as soon as it is made, so that a large set never holds them all whole. The
    // others (a catalogue's, which is no document) are settled below, as without rendering.
    match render.filter(|_| settings.baseline.is_none()) {
        Some(render) => {
            let mut sift = |report: Option<&FileReport>, mut f: Finding| {
                let Some(report) = report.filter(|r| r.was_rendered()) else {
                    return Some(f);
                };
                if settle(&report.path, &mut f) {
                    add_piece(&mut pieces, report, &f, render, spiller);
                }
                None
            };
            crate::set::check_sifted(reports, settings.catalogue.as_ref(), Some(&mut sift));
        }
        None => crate::set::check(reports, settings.catalogue.as_ref()),
    }
    for report in reports {
        let path = report.path.clone();
        report.findings.retain_mut(|f| !is_set(f) || settle(&path, f));
        if let Some(baseline) = &settings.baseline {
            report.baselined += baseline.filter_file(&path, &mut report.findings, is_set);
        }
        if let Some(render) = render.filter(|_| report.was_rendered()) {
            // A rendered file's findings are its set findings.
            for f in std::mem::take(&mut report.findings) {
                add_piece(&mut pieces, report, &f, render, None);
            }
        }
        if let Some(list) = pieces.remove(&path) {
            report.append_rendered(unique_fingerprints_in_order(list)?);
            if let Some(spiller) = spiller {
                spiller.keep(report);
            }
        }
    }
    Ok(())
}

/// A rendered set finding, waiting for its file's turn (its key's `end` is set when its text
/// is placed).
struct Piece {
    key: crate::findings::RenderedFinding,
    text: PieceText,
    /// The fingerprint the renderer gave its finding, if it gave one: the first of its kind,
    /// as each piece is rendered alone (see [`unique_fingerprints_in_order`]).
    fingerprint: Option<String>,
}

/// A piece's text: a large set's are moved to the spill file as they are made.
enum PieceText {
    Held(String),
    Parked(crate::findings::SpilledText),
}

/// Rendered set findings by file.
type Pieces = crate::hash::HashMap<PathBuf, Vec<Piece>>;

fn add_piece(pieces: &mut Pieces, report: &FileReport, f: &Finding, render: &Renderer<'_>, spiller: Option<&Spiller>) {
    let key = crate::findings::RenderedFinding {
        line: f.line,
        column: f.column,
        code: f.code,
        name: f.name,
        severity: f.severity,
        end: 0,
    };
    let file = RenderedFile::new(&report.path, report.profile.as_deref(), report.part.as_deref());
    let text = render(&file, std::slice::from_ref(f));
    let text = match spiller {
        Some(spiller) => spiller.park(text),
        None => PieceText::Held(text),
    };
    let piece = Piece { key, text, fingerprint: file.fingerprints.borrow().only().map(str::to_owned) };
    match pieces.get_mut(&report.path) {
        Some(list) => list.push(piece),
        None => {
            pieces.insert(report.path.clone(), vec![piece]);
        }
    }
}

/// A file's set findings, in the order the findings would have been sorted in (stable: by
/// place, then as made), their text read back, and the repeats among them given their unique
/// fingerprints in place of the first-of-its-kind one each was rendered with. A set
/// finding's fingerprint never repeats one of the document's findings (their rule codes
/// differ), so counting the set findings alone gives what the report's
/// [`FileReport::unique_fingerprints`] gives.
fn unique_fingerprints_in_order(
    mut list: Vec<Piece>,
) -> std::io::Result<Vec<(crate::findings::RenderedFinding, String)>> {
    list.sort_by_key(|piece| (piece.key.line, piece.key.column, piece.key.code));
    let mut unique = crate::findings::UniqueFingerprints::default();
    let mut out = Vec::with_capacity(list.len());
    for piece in list {
        let mut text = match piece.text {
            PieceText::Held(text) => text,
            PieceText::Parked(parked) => parked.read()?,
        };
        if let Some(base) = piece.fingerprint {
            let fingerprint = unique.next(base.clone());
            if fingerprint != base {
                text = text.replacen(base.as_str(), &fingerprint, 1);
            }
        }
        out.push((piece.key, text));
    }
    Ok(out)
}

/// Keeps rendered text in memory up to [`SPILL_AFTER`] bytes over the run, and moves what
/// comes after into a temporary file (or keeps it when no temporary file can be made).
#[derive(Default)]
struct Spiller {
    held: std::sync::atomic::AtomicUsize,
    spill: std::sync::OnceLock<Option<std::sync::Arc<crate::findings::Spill>>>,
}

impl Spiller {
    /// The spill file, once the text held so far and `len` more bytes pass [`SPILL_AFTER`]
    /// (and one could be made).
    fn spill_for(&self, len: usize) -> Option<&std::sync::Arc<crate::findings::Spill>> {
        if len == 0 || self.held.fetch_add(len, std::sync::atomic::Ordering::Relaxed) + len <= SPILL_AFTER {
            return None;
        }
        self.spill.get_or_init(|| crate::findings::Spill::new().ok().map(std::sync::Arc::new)).as_ref()
    }

    /// A set finding's text, kept or moved to the spill file as [`keep`](Self::keep) does.
    fn park(&self, text: String) -> PieceText {
        match self.spill_for(text.len()).map(|spill| spill.park(&text)) {
            Some(Ok(parked)) => PieceText::Parked(parked),
            _ => PieceText::Held(text),
        }
    }

    fn keep(&self, report: &mut FileReport) {
        if let Some(spill) = self.spill_for(report.rendered.as_ref().map_or(0, String::len)) {
            report.spill_rendered(spill);
        }
    }
}

pub fn run(
    paths: &[PathBuf],
    globs: &[String],
    settings: &Settings,
    render: Option<&Renderer<'_>>,
) -> Result<RunReport, String> {
    let started = Instant::now();
    let missing_paths: Vec<PathBuf> = paths.iter().filter(|p| !p.exists() && !p.is_symlink()).cloned().collect();
    let spiller = Spiller::default();
    let checked = |path: &PathBuf, shard: Option<&crate::cache::Shard>, threads: RuleThreads| {
        let mut report = match (&settings.cache, shard) {
            (Some(cache), Some(shard)) => check_file_cached(path, settings, render, cache, shard, threads),
            _ => check_path(path, settings, render, threads),
        };
        spiller.keep(&mut report);
        if let Some(tick) = &settings.on_document {
            tick();
        }
        report
    };
    // One directory on more than one core: its files are checked as the walk finds them.
    let streams = settings.cache.is_none() && worker_threads() > 1 && matches!(paths, [only] if only.is_dir());
    let (mut reports, mut problems, documents) = if streams {
        let (reports, problems) =
            check_while_walking(paths, globs, settings, &|path| checked(path, None, RuleThreads::One))?;
        let documents = reports.len();
        (reports, problems, documents)
    } else {
        let timer = crate::rule_timing::start();
        let (files, problems) = discover(paths, globs, settings)?;
        crate::rule_timing::record("stage:discover", timer);
        let documents = files.len();
        let reports = check_files(&files, settings, &checked);
        (reports, problems, documents)
    };
    for missing in &missing_paths {
        reports.push(FileReport::without_document(
            missing.clone(),
            io_finding(rules::UNREADABLE_FILE, Message::new("路径不存在", "no such file or directory")),
        ));
    }
    reports.append(&mut problems);
    if let Some(catalogue) = &settings.catalogue {
        if !reports.iter().any(|r| r.path == catalogue.path) {
            reports.push(FileReport::empty(catalogue.path.clone()));
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    let timer = crate::rule_timing::start();
    set_rules(&mut reports, settings, render, Some(&spiller))
        .map_err(|e| format!("cannot read back the rendered set findings: {e}"))?;
    crate::rule_timing::record("stage:set", timer);
    // Still sorted: the set rules change no path, and `retain` keeps the order.
    reports.retain(|r| r.facts.is_some() || !r.findings.is_empty() || r.was_rendered());
    Ok(RunReport { files: reports, documents, elapsed: started.elapsed(), missing_paths })
}

/// Checks the discovered `files` (sorted), on the pool when there are several, through the
/// cache when there is one; reports in the order of `files`.
fn check_files(
    files: &[PathBuf],
    settings: &Settings,
    checked: &(dyn Fn(&PathBuf, Option<&crate::cache::Shard>, RuleThreads) -> FileReport + Sync),
) -> Vec<FileReport> {
    // One file gains nothing from the thread pool, and starting it costs: its idle workers
    // spin (sched_yield) beside the one busy thread, which on a loaded machine slows the run.
    let in_parallel = files.len() > 1;
    // A lone file's reading and rules share the cores instead.
    let threads = if !in_parallel && worker_threads() > 1 { RuleThreads::Two } else { RuleThreads::One };
    if threads == RuleThreads::Two {
        // Not joined: nothing waits for it (a cached file needs no pattern at all). A machine
        // that cannot start a thread just reads without it.
        let _ = std::thread::Builder::new().name("normlint-warm-up".into()).spawn(|| {
            read::warm_up();
        });
    }
    let reports: Vec<FileReport> = match &settings.cache {
        None if !in_parallel => files.iter().map(|path| checked(path, None, threads)).collect(),
        None => files.par_iter().map(|path| checked(path, None, threads)).collect(),
        Some(cache) => {
            // A cache file per bucket of a directory: read before its files are checked,
            // written after. Groups are found by hashing (paths compare slowly) and the reports
            // put back in the sorted order of `files`.
            let mut by_shard: crate::hash::HashMap<(&Path, u8), Vec<usize>> = crate::hash::HashMap::default();
            for (index, path) in files.iter().enumerate() {
                let dir = path.parent().unwrap_or(Path::new(""));
                if !by_shard.contains_key(&(dir, 0)) {
                    // Every bucket of a checked directory, so that the entries of its removed
                    // files are dropped even where no file is left.
                    for bucket in crate::cache::buckets() {
                        by_shard.insert((dir, bucket), Vec::new());
                    }
                }
                by_shard.entry((dir, crate::cache::bucket(path))).or_default().push(index);
            }
            let mut groups: Vec<((&Path, u8), Vec<usize>)> = by_shard.into_iter().collect();
            groups.sort_unstable_by_key(|((_, bucket), indices)| (indices.first().copied(), *bucket));
            let check_group = |((dir, bucket), indices): ((&Path, u8), Vec<usize>)| {
                let shard = cache.shard(dir, bucket);
                let check_one = |&index: &usize| Some((index, checked(files.get(index)?, Some(&shard), threads)));
                let reports: Vec<(usize, FileReport)> = if in_parallel {
                    indices.par_iter().filter_map(check_one).collect()
                } else {
                    indices.iter().filter_map(check_one).collect()
                };
                cache.save(shard);
                reports
            };
            let mut reports: Vec<(usize, FileReport)> = if in_parallel {
                groups.into_par_iter().flat_map_iter(check_group).collect()
            } else {
                groups.into_iter().flat_map(check_group).collect()
            };
            reports.sort_unstable_by_key(|(index, _)| *index);
            cache.report_stats();
            reports.into_iter().map(|(_, report)| report).collect()
        }
    };
    reports
}

/// Checks the documents under one directory while it is walked: the walk runs on a worker of
/// the pool and the other workers take its files as they are found, instead of every worker
/// waiting for the whole walk (≈10 ms for 3,500 files, a twentieth of such a run). Reports come
/// back in walk order, which within one directory is the sorted order.
fn check_while_walking(
    paths: &[PathBuf],
    globs: &[String],
    settings: &Settings,
    checked: &(dyn Fn(&PathBuf) -> FileReport + Sync),
) -> Result<(Vec<FileReport>, Vec<FileReport>), String> {
    let done = std::sync::Mutex::new(Vec::new());
    let walked = rayon::scope(|scope| {
        let timer = crate::rule_timing::start();
        let mut next = 0_usize;
        let walked = walk(paths, globs, settings, &mut |path| {
            let (at, done) = (next, &done);
            next += 1;
            scope.spawn(move |_| {
                let report = checked(&path);
                done.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((at, report));
            });
        });
        crate::rule_timing::record("stage:discover", timer);
        walked
    });
    let problems = walked?;
    let done = done.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    // Each report put in its place (sorting moved the large reports again and again).
    let mut slots: Vec<Option<FileReport>> = std::iter::repeat_with(|| None).take(done.len()).collect();
    for (at, report) in done {
        if let Some(slot) = slots.get_mut(at) {
            *slot = Some(report);
        }
    }
    Ok((slots.into_iter().flatten().collect(), problems))
}

/// How much rendered text a run keeps in memory before it spills the rest to a file.
const SPILL_AFTER: usize = 4 * 1024 * 1024;

thread_local! {
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err(payload)`; the panic hook stays quiet meanwhile.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Box<dyn std::any::Any + Send>> {
    let was = CATCHING.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was));
    result
}

/// A panic hook that stays silent for panics the pipeline catches and reports as IO006, and
/// prints the others as usual.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !CATCHING.with(std::cell::Cell::get) {
            default(info);
        }
    }));
}

fn io_finding(rule: &'static RuleMeta, message: Message) -> Finding {
    Finding::located(crate::facts::Anchor::start(), (rule.code, rule.name, rule.severity), message, None)
}

/// Files larger than this are reported (IO007) instead of read: no standard is that large, and a
/// batch must keep its memory bounded whatever lands in the folder.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Reads and checks one file; never panics.
pub fn check_file(path: &Path, settings: &Settings, render: Option<&Renderer<'_>>) -> FileReport {
    check_path(path, settings, render, RuleThreads::One)
}

/// [`check_file`], its rules on `threads`.
fn check_path(path: &Path, settings: &Settings, render: Option<&Renderer<'_>>, threads: RuleThreads) -> FileReport {
    // The file's bytes count against the document's memory.
    let meter = Meter::start(settings.budget);
    match read_file_bounded(path) {
        Ok(bytes) => {
            let file = Some(crate::facts::SourceStamp::of(&bytes));
            let pass = Pass { windows: render.is_some(), file, threads };
            finish(path, check_metered(path, bytes, settings, pass, &meter), settings, render)
        }
        Err(finding) => FileReport::without_document(path.to_path_buf(), *finding),
    }
}

/// [`check_file`] through the cache: a file whose content and settings have an entry is not
/// read into a document; its stored findings and facts are used.
fn check_file_cached(
    path: &Path,
    settings: &Settings,
    render: Option<&Renderer<'_>>,
    cache: &crate::cache::Cache,
    shard: &crate::cache::Shard,
    threads: RuleThreads,
) -> FileReport {
    let meter = Meter::start(settings.budget);
    let digest = cache.settings_digest(path, &settings.configs, settings.profile.as_ref(), settings.budget);
    let stamp = crate::cache::Stamp::of(path);
    if let Some(checked) = shard.get_unchanged(cache, path, digest, stamp.as_ref()) {
        return finish(path, checked, settings, render);
    }
    let bytes = match read_file_bounded(path) {
        Ok(bytes) => bytes,
        Err(finding) => return FileReport::without_document(path.to_path_buf(), *finding),
    };
    let key = crate::cache::Key::new(&bytes, digest);
    if let Some(checked) = shard.get(cache, path, key, stamp.as_ref()) {
        return finish(path, checked, settings, render);
    }
    cache.stats.read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // The entry serves every output format, so it carries the `full` format's windows.
    let pass = Pass { windows: true, file: Some(crate::facts::SourceStamp::of(&bytes)), threads };
    let checked = check_metered(path, bytes, settings, pass, &meter);
    shard.put(path, key, stamp.as_ref(), &checked);
    finish(path, checked, settings, render)
}

/// The bytes of a file, or the finding that says why they were not read: missing, unreadable,
/// a special file (a FIFO would block), over [`MAX_FILE_BYTES`] (IO007).
pub fn read_file_bounded(path: &Path) -> Result<Vec<u8>, Box<Finding>> {
    let fail = |zh: String, en: String| Box::new(io_finding(rules::UNREADABLE_FILE, Message::new(zh, en)));
    let mut expected = 0;
    if let Ok(meta) = std::fs::metadata(path) {
        expected = if meta.is_file() { meta.len() } else { 0 };
        if meta.is_file() && meta.len() > MAX_FILE_BYTES {
            return Err(Box::new(too_large(Some(meta.len()))));
        }
        // Opening a FIFO blocks until a writer comes; a device may never end.
        if let Some((zh, en)) = special_file(&meta.file_type()) {
            return Err(fail(
                format!("{zh}，不是普通文件，未读取（标准输入请用 -）"),
                format!("{en}, not a regular file; not read (use - for standard input)"),
            ));
        }
    }
    let file = std::fs::File::open(path).and_then(|mut file| {
        // The size can change between the look and the read: read no further than the limit.
        read_bounded_sized(&mut file, expected)
    });
    match file {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(Box::new(too_large(None))),
        Err(error) => {
            let (zh, en) = match error.kind() {
                std::io::ErrorKind::NotFound => {
                    ("文件不存在（或链接指向不存在的文件）".to_owned(), "no such file (or a dangling link)".to_owned())
                }
                std::io::ErrorKind::PermissionDenied => ("没有读取权限".to_owned(), "permission denied".to_owned()),
                std::io::ErrorKind::IsADirectory => ("这是一个目录".to_owned(), "is a directory".to_owned()),
                _ => (format!("读取失败：{error}"), format!("read failed: {error}")),
            };
            Err(fail(zh, en))
        }
    }
}

/// What a file that is neither a regular file nor a directory is, in both languages.
fn special_file(kind: &std::fs::FileType) -> Option<(&'static str, &'static str)> {
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(("这是命名管道（FIFO）", "a named pipe (FIFO)"));
        }
        if kind.is_socket() {
            return Some(("这是套接字", "a socket"));
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some(("这是设备文件", "a device"));
        }
    }
    Some(("这是特殊文件", "a special file"))
}

/// Checks a document given as bytes (a file already read, or standard input); `path` names it
/// in the report and decides its format.
pub fn check_bytes(path: &Path, bytes: Vec<u8>, settings: &Settings, render: Option<&Renderer<'_>>) -> FileReport {
    let pass = Pass { windows: render.is_some(), file: None, threads: RuleThreads::One };
    let checked = check_metered(path, bytes, settings, pass, &Meter::start(settings.budget));
    finish(path, checked, settings, render)
}

/// How a document's rules run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleThreads {
    One,
    /// On this thread from the first rule and on a second thread from the last: a lone
    /// document on a machine with more than one core (see [`RuleRun::on_two_threads`]).
    Two,
}

/// How one document is checked, beside its settings.
#[derive(Debug, Clone, Copy)]
struct Pass {
    /// Cut the `full` format's windows while the source is at hand.
    windows: bool,
    /// The bytes are the file at the path (and these are their stamp), which the set stage can
    /// read again, so the facts keep no anchors for the references (see `DocFacts::deferred`).
    file: Option<crate::facts::SourceStamp>,
    threads: RuleThreads,
}

/// Reads and checks a document.
fn check_metered(path: &Path, bytes: Vec<u8>, settings: &Settings, pass: Pass, meter: &Meter) -> Checked {
    let timer = crate::rule_timing::start();
    let read = guarded(|| read::read_document(path, &bytes));
    crate::rule_timing::record("stage:read", timer);
    let (doc, notices) = match read {
        Ok(Ok(read)) => read,
        Ok(Err(error)) => {
            let mut report = read_error_report(path, error, &bytes);
            let file_settings = settings.configs.for_file(path);
            report.findings.retain(|f| file_settings.enabled(f.code, path));
            for finding in &mut report.findings {
                finding.severity = file_settings.severity(finding.code).unwrap_or_else(|| {
                    settings
                        .profile
                        .as_ref()
                        .map_or(finding.severity, |p| p.severity_of(finding.code, finding.severity))
                });
            }
            return unread(report.findings);
        }
        Err(payload) => {
            return unread(vec![io_finding(rules::INTERNAL_ERROR, internal_error_message("reader", payload.as_ref()))]);
        }
    };
    // The document holds its own text; the raw bytes need not stay for the rules.
    drop(bytes);
    check_read_document(doc, notices, settings, rules::registry(), pass, meter)
}

/// What checking a file that could not be read into a document gave.
fn unread(findings: Vec<Finding>) -> Checked {
    Checked { findings, profile: None, part: None, facts: None, converted: false, read: false }
}

/// The run's own filters over a document's findings — the baseline, then the collapsing of
/// repeats — and the `full` rendering; the same whether `checked` was computed or cached.
fn finish(path: &Path, checked: Checked, settings: &Settings, render: Option<&Renderer<'_>>) -> FileReport {
    let Checked { mut findings, profile, part, facts, converted, read } = checked;
    if !read {
        // Nothing to filter or render: the findings say why the file was not read.
        return FileReport { findings, ..FileReport::empty(path.to_path_buf()) };
    }
    let timer = crate::rule_timing::start();
    let baselined = settings.baseline.as_ref().map_or(0, |b| b.filter_file(path, &mut findings, |_| true));
    crate::rule_timing::record("stage:baseline", timer);
    let timer = crate::rule_timing::start();
    // After the baseline, which records each occurrence: a new repeat stays new.
    if !settings.show_all {
        findings = crate::noise::collapse(findings, converted);
    }
    crate::rule_timing::record("stage:collapse", timer);
    let timer = crate::rule_timing::start();
    let mut rendered_findings = Vec::new();
    let file = RenderedFile::new(path, profile.as_deref(), part.as_deref());
    let rendered = render.map(|r| {
        // One finding at a time, so that each one's text can later be merged with the set
        // findings in sorted order; the formats render a list as the concatenation anyway.
        let mut out = String::new();
        rendered_findings.reserve_exact(findings.len());
        for f in std::mem::take(&mut findings) {
            out.push_str(&r(&file, std::slice::from_ref(&f)));
            rendered_findings.push(crate::findings::RenderedFinding {
                line: f.line,
                column: f.column,
                code: f.code,
                name: f.name,
                severity: f.severity,
                end: out.len(),
            });
        }
        out.shrink_to_fit();
        out
    });
    crate::rule_timing::record("stage:render", timer);
    // The windows served the rendering; the report lives on without them.
    for f in &mut findings {
        f.window = None;
    }
    FileReport {
        path: path.to_path_buf(),
        findings,
        profile,
        part,
        rendered,
        spilled: Vec::new(),
        rendered_findings,
        facts: facts.map(Box::new),
        baselined,
    }
}

fn read_error_report(path: &Path, error: read::ReadError, bytes: &[u8]) -> FileReport {
    FileReport::without_document(path.to_path_buf(), read_error_finding(path, error, bytes))
}

/// The IO finding for a file the reader could not turn into a document, placed at the fault.
pub fn read_error_finding(path: &Path, error: read::ReadError, bytes: &[u8]) -> Finding {
    use read::ReadError;
    let (rule, offset, zh, en) = match error {
        ReadError::Decode(DecodeError::Binary { offset }) => (
            rules::UNDECODABLE_TEXT,
            offset,
            format!("这是二进制文件（第{offset}字节起），不是文本"),
            format!("binary content at byte {offset}: this is not a text file"),
        ),
        ReadError::Decode(DecodeError::Undecodable { offset }) => (
            rules::UNDECODABLE_TEXT,
            offset,
            format!("无法解码：从第{offset}字节起既不是UTF-8、UTF-16，也不是GB18030"),
            format!("cannot decode: from byte {offset} the file is neither UTF-8, UTF-16 nor GB18030"),
        ),
        ReadError::MalformedXml { offset, message } => (
            rules::MALFORMED_XML,
            offset,
            format!("XML格式不正确（第{offset}字节）：{message}"),
            format!("XML is not well-formed at byte {offset}: {message}"),
        ),
        ReadError::MalformedDocx { message } => (
            rules::MALFORMED_DOCX,
            0,
            format!("不是可读取的Word文件（.docx）：{message}"),
            format!("not a readable Word package (.docx): {message}"),
        ),
        ReadError::InputLimit { message } => {
            (rules::INPUT_LIMIT, 0, format!("超出读取限制：{message}"), format!("over an input limit: {message}"))
        }
        ReadError::Unsupported { extension } => {
            let file = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let (zh, en) = match extension {
                "pdf" | "ofd" => (
                    format!("不能直接检查.{extension}文件；请使用其Word原稿（.docx），或先转换为.docx或文本后再检查"),
                    format!(
                        "cannot check a .{extension} file directly; check the Word source (.docx), or convert it to .docx or text first"
                    ),
                ),
                _ => (
                    format!(
                        "不能直接读取.{extension}文件；请先转换：libreoffice --headless --convert-to docx \"{file}\""
                    ),
                    format!(
                        "cannot read .{extension} files directly; convert first: libreoffice --headless --convert-to docx \"{file}\""
                    ),
                ),
            };
            (rules::UNSUPPORTED_FORMAT, 0, zh, en)
        }
    };
    let mut finding = io_finding(rule, Message::new(zh, en));
    finding.offset = offset;
    (finding.line, finding.column) = line_and_column(bytes, offset);
    (finding.end_line, finding.end_column) = (finding.line, finding.column);
    finding
}

/// 1-based line and column (in characters) of a byte offset into undecoded bytes, for
/// files the reader could not turn into a document. Lines end at `\n`; the column counts
/// what decodes as UTF-8 and every other byte as one.
fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default()).chars().count() + 1;
    (line, column)
}

/// Runs `rules` over a document already read.
pub fn check_document(
    doc: Document,
    settings: &Settings,
    rules: &[&dyn Rule],
    render: Option<&Renderer<'_>>,
) -> FileReport {
    let meter = Meter::start(settings.budget);
    let path = doc.source.path.clone();
    let pass = Pass { windows: render.is_some(), file: None, threads: RuleThreads::One };
    let checked = check_read_document(doc, Vec::new(), settings, rules, pass, &meter);
    finish(&path, checked, settings, render)
}

/// Runs `rules` over a document and adds what its reader noticed (IO009 …).
fn check_read_document(
    doc: Document,
    notices: Vec<Diagnostic>,
    settings: &Settings,
    rules: &[&dyn Rule],
    pass: Pass,
    meter: &Meter,
) -> Checked {
    let file_settings = settings.configs.for_file(&doc.source.path);
    let path = doc.source.path.clone();
    let detected;
    let profile = match settings.profile.as_ref().or(file_settings.profile.as_ref()) {
        Some(p) => p,
        None => {
            detected = Profile::detect(&doc).unwrap_or_else(|_| fallback_profile());
            &detected
        }
    };
    // The configuration's severity wins over the profile's, which wins over the rule's.
    let severity_of = |code: &str, default: Severity| {
        file_settings.severity(code).unwrap_or_else(|| profile.severity_of(code, default))
    };
    // Reader notices (IO009, IO011 …) are rules like the others: `--ignore` drops them.
    let mut diagnostics: Vec<Diagnostic> =
        notices.into_iter().filter(|d| file_settings.enabled(d.code, &path)).collect();
    for d in &mut diagnostics {
        // Readers name the rule of a notice by code (`Diagnostic::notice`).
        if let Some(rule) = rules::find(d.code) {
            (d.name, d.severity) = (rule.meta().name, rule.meta().severity);
        }
        d.severity = severity_of(d.code, d.severity);
    }
    if doc.has_structure() && doc.is_foreign() {
        let (zh, en) = match doc.meta.designation.as_ref() {
            Some(d) if d.kind != crate::model::DesignationKind::International => (
                format!("“{}”的这一版本是外文版本（几乎没有中文文本）：GB/T 1.1—2020的规则针对中文文本，无法检查；未做起草规则检查", d.text),
                format!("this edition of “{}” is in another language (hardly any Chinese text): the rules of GB/T 1.1-2020 check Chinese text; no drafting rule was run", d.text),
            ),
            Some(d) => (
                format!("“{}”是外文的国际或国外标准，其起草遵循各自的规则（如ISO/IEC导则），不适用GB/T 1.1—2020；未做起草规则检查", d.text),
                format!("“{}” is an international or foreign standard in another language, drafted to its own rules (such as the ISO/IEC Directives), not GB/T 1.1-2020; no drafting rule was run", d.text),
            ),
            None => (
                "文件是外文文件（几乎没有中文文本），也没有国家、行业、地方、团体或企业标准编号：GB/T 1.1—2020不适用；未做起草规则检查".to_owned(),
                "the document is in another language (hardly any Chinese text) and has no GB-family designation: GB/T 1.1-2020 does not apply; no drafting rule was run".to_owned(),
            ),
        };
        diagnostics.push(Diagnostic {
            code: rules::FOREIGN_DOCUMENT.code,
            name: rules::FOREIGN_DOCUMENT.name,
            severity: severity_of(rules::FOREIGN_DOCUMENT.code, rules::FOREIGN_DOCUMENT.severity),
            span: Span::empty(0),
            message: Message::new(zh, en),
            help: None,
            fix: None,
        });
    } else if !doc.has_structure() {
        let (zh, en) = if doc.source.text.trim().is_empty() {
            ("文件是空的".to_owned(), "the file is empty".to_owned())
        } else {
            (
                "未识别出标准化文件的结构（没有前言、范围或编号的章），未做其他检查".to_owned(),
                "nothing recognisable as a standardization document (no 前言, 范围 or numbered chapters); no other check was run".to_owned(),
            )
        };
        diagnostics.push(Diagnostic {
            code: rules::NO_STRUCTURE.code,
            name: rules::NO_STRUCTURE.name,
            severity: severity_of(rules::NO_STRUCTURE.code, rules::NO_STRUCTURE.severity),
            span: Span::empty(0),
            message: Message::new(zh, en),
            help: None,
            fix: None,
        });
    } else {
        let enabled: Vec<&dyn Rule> = file_settings.enabled_rules(rules, &path);
        let report_dropped = file_settings.enabled(rules::INPUT_LIMIT.code, &path);
        let index = rules::RunIndex::default();
        let run = RuleRun { doc: &doc, profile, index: &index, severity_of: &severity_of, report_dropped };
        let (outcomes, exceeded) = if pass.threads == RuleThreads::Two && enabled.len() > 1 {
            run.on_two_threads(&enabled, meter)
        } else {
            run.in_order(&enabled, meter)
        };
        let mut skipped = Vec::new();
        for (rule, outcome) in enabled.iter().zip(outcomes) {
            match outcome {
                Some(rule_diagnostics) => diagnostics.extend(rule_diagnostics),
                None => skipped.push(rule.meta()),
            }
        }
        if let Some(exceeded) = exceeded {
            // Pipeline and set rules do their work elsewhere; name the document rules.
            let skipped: Vec<&str> = skipped
                .iter()
                .filter(|m| !matches!(m.family, rules::Family::Io | rules::Family::Set | rules::Family::Suppression))
                .map(|m| m.code)
                .collect();
            if !skipped.is_empty() && file_settings.enabled(rules::INPUT_LIMIT.code, &path) {
                let mut d = over_budget(exceeded, &skipped);
                d.severity = severity_of(d.code, d.severity);
                diagnostics.push(d);
            }
        }
    }
    // What the rules derived is not needed past them: resolving may hold many findings.
    let doc = doc.without_derived();
    let timer = crate::rule_timing::start();
    let mut resolver = Resolver::new(&doc, pass.windows);
    let mut findings = resolver.resolve_all(diagnostics);
    crate::rule_timing::record("stage:resolve", timer);
    let timer = crate::rule_timing::start();
    let mut directives = crate::suppress::parse(&doc.source);
    if !directives.is_empty() {
        crate::suppress::apply(&doc.source, &mut directives, &mut findings);
        let unused = rules::suppression::UNUSED_SUPPRESSION;
        if file_settings.enabled(unused.code, &path) {
            for directive in &directives {
                if let Some(message) = crate::suppress::unused(directive) {
                    let d = Diagnostic {
                        code: unused.code,
                        name: unused.name,
                        severity: severity_of(unused.code, unused.severity),
                        span: directive.span,
                        message,
                        help: None,
                        fix: None,
                    };
                    findings.push(resolver.resolve(d));
                }
            }
        }
    }
    crate::rule_timing::record("stage:suppress", timer);
    let timer = crate::rule_timing::start();
    findings.sort_by(|a, b| (a.line, a.column, a.code, &a.message.en).cmp(&(b.line, b.column, b.code, &b.message.en)));
    findings.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    crate::rule_timing::record("stage:sort", timer);
    let timer = crate::rule_timing::start();
    let facts = Some(match pass.file {
        Some(stamp) => crate::set::DocFacts::deferred(&doc, stamp),
        None => crate::set::DocFacts::of(&doc),
    });
    crate::rule_timing::record("stage:facts", timer);
    Checked {
        findings,
        profile: Some(profile.label()),
        part: doc.source.part.clone(),
        facts,
        converted: doc.conversion.is_converted(),
        read: true,
    }
}

/// The threads the run may use, as rayon counts them (`RAYON_NUM_THREADS`, else the cores),
/// without starting rayon's pool: asking the pool would start its workers. Counted once: on
/// Linux counting the cores reads three files of /proc and /sys.
fn worker_threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get))
    })
}

/// The document rules' run over one read document.
struct RuleRun<'a, S: Fn(&str, Severity) -> Severity + Sync> {
    doc: &'a Document,
    profile: &'a Profile,
    /// What the rules share of the document while they run.
    index: &'a rules::RunIndex<'a>,
    severity_of: &'a S,
    /// IO007 is enabled: a rule that hit the findings cap says how many it dropped.
    report_dropped: bool,
}

/// Per enabled rule, its diagnostics, or `None` when a budget ran out before it was run; and
/// the budget that ran out.
type RuleOutcomes = (Vec<Option<Vec<Diagnostic>>>, Option<Exceeded>);

impl<S: Fn(&str, Severity) -> Severity + Sync> RuleRun<'_, S> {
    /// One rule, its panic caught (IO006) and its dropped findings counted (IO007).
    fn one(&self, rule: &dyn Rule, meter: &Meter) -> Vec<Diagnostic> {
        let meta = rule.meta();
        let mut ctx = Context::with_meter(self.doc, self.profile, self.index, meter);
        ctx.enter(meta, (self.severity_of)(meta.code, meta.severity));
        let timer = crate::rule_timing::start();
        let outcome = guarded(|| {
            rule.check(&mut ctx);
            ctx
        });
        crate::rule_timing::record(meta.code, timer);
        match outcome {
            Ok(ctx) => {
                let mut out = Vec::new();
                if ctx.dropped() > 0 && self.report_dropped {
                    out.push(too_many_findings(meta, ctx.dropped()));
                }
                out.extend(ctx.into_diagnostics());
                out
            }
            Err(payload) => vec![Diagnostic {
                code: rules::INTERNAL_ERROR.code,
                name: rules::INTERNAL_ERROR.name,
                severity: rules::INTERNAL_ERROR.severity,
                span: Span::empty(0),
                message: internal_error_message(meta.code, payload.as_ref()),
                help: None,
                fix: None,
            }],
        }
    }

    /// The rules one after the other, until a budget runs out.
    fn in_order(&self, enabled: &[&dyn Rule], meter: &Meter) -> RuleOutcomes {
        let mut outcomes = Vec::with_capacity(enabled.len());
        for (step, rule) in enabled.iter().enumerate() {
            if let Some(exceeded) = meter.exceeded_before(step) {
                outcomes.resize_with(enabled.len(), || None);
                return (outcomes, Some(exceeded));
            }
            outcomes.push(Some(self.one(*rule, meter)));
        }
        (outcomes, None)
    }

    /// The rules on this thread from the first and on a second thread from the last, until
    /// they meet: a lone document's rules (and the regular expressions they compile on first
    /// use, most of a small document's time) take half the wall time on two cores. The
    /// outcomes are put back in rule order, so the findings are those of [`in_order`](Self::in_order).
    /// Each thread measures its own memory against the budget (the counter is per thread).
    fn on_two_threads(&self, enabled: &[&dyn Rule], meter: &Meter) -> RuleOutcomes {
        // The next rule from the front, and one past the next from the back.
        let remaining = std::sync::Mutex::new((0, enabled.len()));
        let exceeded = std::sync::Mutex::new(None);
        let work = |from_front: bool, meter: &Meter| {
            let mut done = Vec::new();
            loop {
                if let Some(over) = meter.exceeded() {
                    if let Ok(mut first) = exceeded.lock() {
                        first.get_or_insert(over);
                    }
                    return done;
                }
                let claimed = match remaining.lock() {
                    Ok(mut range) if range.0 < range.1 => {
                        if from_front {
                            range.0 += 1;
                            range.0 - 1
                        } else {
                            range.1 -= 1;
                            range.1
                        }
                    }
                    _ => return done,
                };
                if let Some(rule) = enabled.get(claimed) {
                    done.push((claimed, self.one(*rule, meter)));
                }
            }
        };
        let (front, back) = std::thread::scope(|scope| {
            // No second thread (the system refused one): this thread takes every rule.
            let back = std::thread::Builder::new()
                .name("normlint-rules".into())
                .spawn_scoped(scope, || work(false, &meter.on_this_thread()))
                .ok();
            let front = work(true, meter);
            (front, back.map(|back| back.join().unwrap_or_default()).unwrap_or_default())
        });
        let mut outcomes: Vec<Option<Vec<Diagnostic>>> = Vec::new();
        outcomes.resize_with(enabled.len(), || None);
        for (index, diagnostics) in front.into_iter().chain(back) {
            if let Some(slot) = outcomes.get_mut(index) {
                *slot = Some(diagnostics);
            }
        }
        let exceeded = exceeded.into_inner().ok().flatten();
        if exceeded.is_none() {
            // A rule left unrun without a spent budget (the second thread died outside the
            // guarded rule, which no rule is known to do) is run here: never silently lost.
            for (slot, rule) in outcomes.iter_mut().zip(enabled) {
                if slot.is_none() {
                    *slot = Some(self.one(*rule, meter));
                }
            }
        }
        (outcomes, exceeded)
    }
}

fn fallback_profile() -> Profile {
    Profile { name: "internal-spec".into(), ..Profile::default() }
}

fn internal_error_message(origin: &str, payload: &(dyn std::any::Any + Send)) -> Message {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    Message::new(
        format!("normlint内部错误（{origin}）：{detail}；其他文件的检查不受影响，请报告此问题"),
        format!("internal error in {origin}: {detail}; the other documents were checked; please report this"),
    )
}

/// IO007 for a document whose budget ran out, naming the budget and the rules not run.
fn over_budget(exceeded: Exceeded, skipped: &[&str]) -> Diagnostic {
    let rules = skipped.join(" ");
    let count = skipped.len();
    let (zh, en) = match exceeded {
        Exceeded::Time(limit) => (
            format!("检查超出每个文件{}秒的时间预算，以下{count}条规则未运行：{rules}", limit.as_secs_f64()),
            format!(
                "the document went over its time budget of {} s; {count} rules were not run: {rules}",
                limit.as_secs_f64()
            ),
        ),
        Exceeded::Memory(limit) => (
            format!("检查超出每个文件{} MB的内存预算，以下{count}条规则未运行：{rules}", limit / (1024 * 1024)),
            format!(
                "the document went over its memory budget of {} MB; {count} rules were not run: {rules}",
                limit / (1024 * 1024)
            ),
        ),
    };
    Diagnostic {
        code: rules::INPUT_LIMIT.code,
        name: rules::INPUT_LIMIT.name,
        severity: rules::INPUT_LIMIT.severity,
        span: Span::empty(0),
        message: Message::new(zh, en),
        help: Some(Message::new(
            "用 --time-budget / --memory-budget 放宽预算，或用 --ignore 关闭耗时的规则",
            "raise the budget with --time-budget / --memory-budget, or turn the slow rule off with --ignore",
        )),
        fix: None,
    }
}

/// A warning that a rule found more than [`rules::MAX_FINDINGS_PER_RULE`] problems.
fn too_many_findings(rule: &RuleMeta, dropped: usize) -> Diagnostic {
    let kept = rules::MAX_FINDINGS_PER_RULE;
    let all = kept + dropped;
    Diagnostic {
        code: rules::INPUT_LIMIT.code,
        name: rules::INPUT_LIMIT.name,
        severity: Severity::Warning,
        span: Span::empty(0),
        message: Message::new(
            format!("{}在本文件中发现{all}处问题，只报告前{kept}处（每条规则每个文件的上限）", rule.code),
            format!(
                "{} found {all} problems in this document; only the first {kept} are reported (the limit per rule and document)",
                rule.code
            ),
        ),
        help: None,
        fix: None,
    }
}

/// Turns the diagnostics of one document into findings. Positions continue from the previous
/// one on the same line, clause labels come from an index, and a line's normalised text is
/// made once and shared, so the cost stays linear in the text and the findings however many
/// findings one line holds.
struct Resolver<'d> {
    doc: &'d Document,
    anchors: crate::facts::Anchorer<'d>,
    line_keys: crate::hash::HashMap<usize, std::sync::Arc<str>>,
    /// Cut each finding's `full` window.
    windows: bool,
}

/// Normalised lines longer than this are fingerprinted by a digest of their text: a finding
/// stays cheap to fingerprint and compare however long its line.
const MAX_CONTEXT_BYTES: usize = 4096;

impl<'d> Resolver<'d> {
    fn new(doc: &'d Document, windows: bool) -> Self {
        Resolver { doc, anchors: crate::facts::Anchorer::new(doc), line_keys: crate::hash::HashMap::default(), windows }
    }

    /// Resolves in document order, so that consecutive lookups are near each other.
    fn resolve_all(&mut self, mut diagnostics: Vec<Diagnostic>) -> Vec<Finding> {
        diagnostics.sort_by_key(|d| d.span.start);
        diagnostics.into_iter().map(|d| self.resolve(d)).collect()
    }

    /// The finding of `d`, which gives it its messages and fix.
    fn resolve(&mut self, d: Diagnostic) -> Finding {
        let source = &self.doc.source;
        let at = self.anchors.at(d.span);
        let window = self.windows.then(|| Box::new(crate::source::Window::of(source, d.span, at.clause.as_deref())));
        Finding {
            span: d.span,
            line_key: self.line_key(d.span.start),
            fix: d.fix.map(|edit| {
                let (offset, length) = source.original_range(edit.span);
                FixEdit { offset, length, replacement: edit.replacement }
            }),
            window,
            ..Finding::located(at, (d.code, d.name, d.severity), d.message, d.help)
        }
    }

    /// The normalised text of the line holding `offset`.
    fn line_key(&mut self, offset: usize) -> std::sync::Arc<str> {
        let doc = self.doc;
        let lines = &doc.source.lines;
        let line = lines.line_of(offset);
        self.line_keys
            .entry(line)
            .or_insert_with(|| {
                let start = lines.line_start(line);
                let end =
                    if line + 1 < lines.line_count() { lines.line_start(line + 1) } else { doc.source.text.len() };
                let key = crate::rules::normalize::sentence_key(doc.source.text.get(start..end).unwrap_or_default());
                if key.len() > MAX_CONTEXT_BYTES {
                    format!("#{:016x}", fnv1a(key.as_bytes())).into()
                } else {
                    key.into()
                }
            })
            .clone()
    }
}

/// Loads the profile named on the command line, if any.
pub fn settings_for(profile: Option<&str>) -> Result<Settings, ProfileError> {
    Ok(Settings { profile: profile.map(Profile::load).transpose()?, ..Settings::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `chunk` bytes per call, as a pipe does.
    struct Trickle<'a> {
        data: &'a [u8],
        chunk: usize,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.chunk).min(self.data.len());
            let (head, tail) = self.data.split_at(n);
            buf.get_mut(..n).unwrap_or_default().copy_from_slice(head);
            self.data = tail;
            Ok(n)
        }
    }

    #[test]
    fn a_stream_is_read_whole_whatever_size_was_expected() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        for expected in [0, 10, 99_999, 100_000, 200_000] {
            for chunk in [1, 7, 4096, 1 << 20] {
                let mut input = Trickle { data: &data, chunk };
                let read = read_bounded_sized(&mut input, expected).ok().flatten();
                assert_eq!(read.as_deref(), Some(&data[..]), "expected {expected}, chunk {chunk}");
            }
        }
        let mut empty = Trickle { data: &[], chunk: 10 };
        assert_eq!(read_bounded_sized(&mut empty, 0).ok().flatten(), Some(Vec::new()));
    }

    #[test]
    fn a_stream_over_the_limit_is_refused_after_one_byte_past_it() {
        let limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
        let exactly = vec![b'a'; limit];
        let mut input = Trickle { data: &exactly, chunk: 1 << 20 };
        assert_eq!(read_bounded_sized(&mut input, 0).ok().flatten().map(|b| b.len()), Some(limit));
        let over = vec![b'a'; limit + 10];
        let mut input = Trickle { data: &over, chunk: 1 << 20 };
        assert_eq!(read_bounded_sized(&mut input, 0).ok().flatten(), None);
        assert_eq!(input.data.len(), 9, "nothing past the limit's first byte is read");
    }
}
