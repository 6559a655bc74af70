//! The cache: what checking a file gave, kept in `.normlint_cache/` so that a second run over
//! an unchanged file reads its bytes (to hash them) but never parses it again.
//!
//! An entry is valid for one content, one set of settings and one build:
//! - the content is hashed with XXH3-128 (`xxhash-rust`): the field's fast non-cryptographic
//!   hash (several GB/s, so hashing stays far below reading), stable across platforms and
//!   releases, and 128 bits wide so that two contents of one path never share a key by chance.
//!   The key never depends on a file's mtime.
//! - the settings are those that change a file's findings: the forced profile, the
//!   configuration's profile, selection, per-file ignores and severities, and the budgets. The
//!   language is not among them: an entry holds both languages of every message. Nor are the
//!   baseline, `--show-all` and the output format: they act on the findings after the cache.
//! - the build is the normlint version and a hash of the executable, so that a rebuilt binary
//!   with the same version number never reads the findings of another.
//!
//! A few JSON files per checked directory (like ruff's cache per package; a directory's files
//! are spread over at most 16 by a hash of their names, to bound the memory a run holds) keep
//! the entries of its files by name: findings with everything an output format needs (both languages, excerpts,
//! fixes, the `full` format's windows) and the facts the set rules need. Set findings are never
//! stored: the set rules rerun from the stored facts. A cache file is written once its
//! files are checked, through a temporary file renamed over it, so concurrent runs never leave
//! half a file (the last one wins, the other's new entries are just checked again next time).
//! A file that cannot be parsed, is truncated or comes from another build is a miss and is
//! replaced; writing the cache never fails a run. Each write drops the entries of files that no
//! longer exist, so the cache holds at most one entry per existing file.

use crate::hash::{HashMap, HashSet};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Message, Severity};
use crate::facts::DocFacts;
use crate::findings::{Finding, FixEdit};
use crate::source::{Excerpt, Span, Window};

/// The name of the cache directory in the project root.
pub const CACHE_DIR: &str = ".normlint_cache";
/// The environment variable that moves the cache directory.
pub const CACHE_DIR_ENV: &str = "NORMLINT_CACHE_DIR";
/// Set to `1` to have `check` print its cache hits and the documents it read (standard error).
pub const STATS_ENV: &str = "NORMLINT_CACHE_STATS";

/// Written into every cache directory, so that backup and archiving tools skip it
/// (<https://bford.info/cachedir/>), and `clean` removes only a directory that has it.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This file is a cache directory tag created by normlint.\n\
# For information about cache directory tags, see https://bford.info/cachedir/\n";
const TAG_FILE: &str = "CACHEDIR.TAG";
/// The executable's hash, remembered by its path, size and modification time.
const BUILD_FILE: &str = "build-id";

/// What checking one document gave before the run's own filters (baseline, collapsing of
/// repeats, rendering): a function of the file's content and the settings in its key.
#[derive(Debug, Clone)]
pub struct Checked {
    pub findings: Vec<Finding>,
    pub profile: Option<String>,
    pub part: Option<String>,
    pub facts: Option<DocFacts>,
    /// The reader took the document for a converted one (repeats collapse then).
    pub converted: bool,
    /// The file was read into a document; when not, its findings say why.
    pub read: bool,
}

/// The key of a file's entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    content: u128,
    settings: u64,
}

impl Key {
    pub fn new(bytes: &[u8], settings: u64) -> Key {
        Key { content: xxhash_rust::xxh3::xxh3_128(bytes), settings }
    }
}

/// Proof that a file was not written since its content was hashed, so that an unchanged file
/// need not even be read (as Git's index does): its device and inode, size, modification and
/// status-change times. The status-change time moves on every write and no tool can set it back, so content
/// cannot change under an unchanged stamp. A file changed in the last seconds before it was
/// hashed gets no stamp (a write in the same clock tick would leave the times as they were):
/// it is hashed on every run until it settles. Unix only; elsewhere files are always hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp(String);

impl Stamp {
    /// How long a file must have been left alone for its stamp to be trusted.
    const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

    pub fn of(path: &Path) -> Option<Stamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            if !meta.is_file() {
                return None;
            }
            let changed = std::time::UNIX_EPOCH
                + std::time::Duration::new(u64::try_from(meta.ctime()).ok()?, u32::try_from(meta.ctime_nsec()).ok()?);
            let age = std::time::SystemTime::now().duration_since(changed).ok()?;
            (age >= Self::SETTLED).then(|| {
                Stamp(format!(
                    "{}:{} {} {}.{} {}.{}",
                    meta.dev(),
                    meta.ino(),
                    meta.len(),
                    meta.mtime(),
                    meta.mtime_nsec(),
                    meta.ctime(),
                    meta.ctime_nsec()
                ))
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// How a run used the cache.
#[derive(Debug, Default)]
pub struct Stats {
    pub hits: AtomicUsize,
    /// Documents decoded and parsed (misses).
    pub read: AtomicUsize,
    /// Cache files written.
    pub written: AtomicUsize,
    /// Hits whose file was not even read: its stamp was unchanged.
    pub unread: AtomicUsize,
}

/// The cache of one run.
pub struct Cache {
    dir: PathBuf,
    build: String,
    pub stats: Stats,
    /// Settings digests per directory (settings are resolved per directory).
    digests: Mutex<HashMap<PathBuf, u64>>,
}

impl Cache {
    /// A cache in `dir` (created when first written).
    pub fn open(dir: PathBuf) -> Cache {
        let build = build_id(&dir);
        Cache { dir, build, stats: Stats::default(), digests: Mutex::new(HashMap::default()) }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A digest of the settings that change the findings of `path`: its configuration (from
    /// `configs`), the profile forced on every document, the budgets.
    pub fn settings_digest(
        &self,
        path: &Path,
        configs: &crate::settings::Resolver,
        forced: Option<&crate::profile::Profile>,
        budget: crate::budget::Budget,
    ) -> u64 {
        let dir = path.parent().unwrap_or(Path::new(""));
        if let Some(digest) = self.digests.lock().ok().and_then(|d| d.get(dir).copied()) {
            return digest;
        }
        let file_settings = configs.for_file(path);
        let config = &file_settings.config;
        let file = &config.file;
        let root = std::path::absolute(&config.root).unwrap_or_else(|_| config.root.clone());
        // Debug output of owned data (BTreeMaps, Vecs) is deterministic, and the build is part
        // of every key, so a change in its shape cannot match an old digest.
        let described = format!(
            "forced profile {:?}\nprofile {:?} {:?}\nselect {:?} {:?}\nignore {:?}\nper-file {:?} in {}\nseverity {:?}\nbudget {:?} {}",
            forced,
            file.profile,
            file_settings.profile,
            file.select,
            file.extend_select,
            file.ignore,
            file.per_file_ignores,
            root.display(),
            file.severity,
            budget.time,
            budget.memory,
        );
        let digest = xxhash_rust::xxh3::xxh3_64(described.as_bytes());
        if let Ok(mut digests) = self.digests.lock() {
            digests.insert(dir.to_path_buf(), digest);
        }
        digest
    }

    /// The stored entries of the files of `bucket` (see [`bucket`]) in `dir` (as given).
    pub fn shard(&self, dir: &Path, bucket: u8) -> Shard {
        let absolute = std::path::absolute(if dir.as_os_str().is_empty() { Path::new(".") } else { dir })
            .unwrap_or_else(|_| dir.to_path_buf());
        let mut id = absolute.as_os_str().as_encoded_bytes().to_vec();
        id.push(bucket);
        let name = format!("{:016x}.json", xxhash_rust::xxh3::xxh3_64(&id));
        let file = self.dir.join(name);
        let entries = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<ShardFile>(&bytes).ok())
            .filter(|shard| shard.normlint == self.build && shard.dir == absolute && shard.bucket == bucket)
            .map(|shard| shard.entries)
            .unwrap_or_default();
        Shard {
            file,
            dir: absolute,
            bucket,
            entries,
            fresh: Mutex::new(BTreeMap::new()),
            seen: Mutex::new(HashSet::default()),
        }
    }

    /// Writes a directory's entries if this run changed them.
    pub fn save(&self, shard: Shard) {
        let Shard { file, dir, bucket, mut entries, fresh, seen } = shard;
        let fresh = fresh.into_inner().unwrap_or_default();
        let seen = seen.into_inner().unwrap_or_default();
        let before = entries.len();
        // Entries of files this run did not check stay while their file exists.
        entries.retain(|name, _| seen.contains(name) || dir.join(name).exists());
        if fresh.is_empty() && entries.len() == before {
            return;
        }
        entries.extend(fresh);
        if entries.is_empty() {
            let _ = std::fs::remove_file(&file);
            return;
        }
        let shard = ShardFile { normlint: self.build.clone(), dir, bucket, entries };
        if self.write(&file, &shard).is_ok() {
            self.stats.written.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn write(&self, file: &Path, shard: &ShardFile) -> std::io::Result<()> {
        self.prepare()?;
        let mut temp = tempfile::NamedTempFile::new_in(&self.dir)?;
        serde_json::to_writer(std::io::BufWriter::new(temp.as_file_mut()), shard)?;
        temp.as_file_mut().flush()?;
        temp.persist(file).map_err(|e| e.error)?;
        Ok(())
    }

    /// Creates the directory with its tag and a `.gitignore` that keeps it out of Git.
    fn prepare(&self) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        for (name, content) in [(TAG_FILE, CACHEDIR_TAG), (".gitignore", "# Created by normlint.\n*\n")] {
            let path = self.dir.join(name);
            if !path.exists() {
                // Written whole through a rename: a concurrent run may be doing the same.
                let mut temp = tempfile::NamedTempFile::new_in(&self.dir)?;
                temp.write_all(content.as_bytes())?;
                temp.persist(&path).map_err(|e| e.error)?;
            }
        }
        Ok(())
    }

    /// Prints the stats when asked to ([`STATS_ENV`]).
    pub fn report_stats(&self) {
        if std::env::var_os(STATS_ENV).is_some_and(|v| v == "1") {
            eprintln!(
                "cache: {} hit(s), {} document(s) read, {} cache file(s) written, {} file(s) not read (unchanged stamp)",
                self.stats.hits.load(Ordering::Relaxed),
                self.stats.read.load(Ordering::Relaxed),
                self.stats.written.load(Ordering::Relaxed),
                self.stats.unread.load(Ordering::Relaxed),
            );
        }
    }
}

/// How many cache files a directory's entries are spread over, by a hash of the file name:
/// a run holds one of them in memory per thread, so a directory of ten thousand documents
/// costs a few megabytes at a time, not all its entries at once.
const BUCKETS: u64 = 16;

/// Every bucket of a directory.
pub fn buckets() -> impl Iterator<Item = u8> {
    (0..BUCKETS).filter_map(|b| u8::try_from(b).ok())
}

/// Which of its directory's cache files holds the entry of `path`.
pub fn bucket(path: &Path) -> u8 {
    let name = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
    // Below 16: the cast cannot truncate.
    (xxhash_rust::xxh3::xxh3_64(name) % BUCKETS) as u8
}

/// The entries of the files of one bucket of a directory.
pub struct Shard {
    file: PathBuf,
    dir: PathBuf,
    bucket: u8,
    entries: BTreeMap<String, Entry>,
    fresh: Mutex<BTreeMap<String, Entry>>,
    seen: Mutex<HashSet<String>>,
}

impl Shard {
    /// The stored result for `path` if the file was not written since it was stored (same
    /// stamp) and the settings are the same: the file need not be read.
    pub fn get_unchanged(&self, cache: &Cache, path: &Path, settings: u64, stamp: Option<&Stamp>) -> Option<Checked> {
        let stamp = stamp?;
        let name = file_name(path)?;
        let entry = self.entries.get(name)?;
        if entry.stamp.as_deref() != Some(stamp.0.as_str()) || entry.settings != format!("{settings:016x}") {
            return None;
        }
        let checked = self.hit(cache, name, path, entry)?;
        cache.stats.unread.fetch_add(1, Ordering::Relaxed);
        Some(checked)
    }

    /// The stored result for `path` under `key`, if there is a valid one. A hit whose stamp
    /// changed (a file touched, checked out again) gets the new one, so the next run need not
    /// read it.
    pub fn get(&self, cache: &Cache, path: &Path, key: Key, stamp: Option<&Stamp>) -> Option<Checked> {
        let name = file_name(path)?;
        let entry = self.entries.get(name)?;
        if entry.content != format!("{:032x}", key.content) || entry.settings != format!("{:016x}", key.settings) {
            return None;
        }
        let checked = self.hit(cache, name, path, entry)?;
        let stamp = stamp.map(|s| s.0.clone());
        if stamp.is_some() && stamp != entry.stamp {
            if let Ok(mut fresh) = self.fresh.lock() {
                fresh.insert(name.to_owned(), Entry { stamp, ..entry.clone() });
            }
        }
        Some(checked)
    }

    fn hit(&self, cache: &Cache, name: &str, path: &Path, entry: &Entry) -> Option<Checked> {
        let checked = entry.report.restore(path)?;
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(name.to_owned());
        }
        cache.stats.hits.fetch_add(1, Ordering::Relaxed);
        Some(checked)
    }

    /// Stores the result for `path` under `key`, unless it depends on more than the key: a
    /// budget that ran out, an internal error.
    pub fn put(&self, path: &Path, key: Key, stamp: Option<&Stamp>, checked: &Checked) {
        let Some(name) = file_name(path) else { return };
        let volatile = [crate::rules::INTERNAL_ERROR.code, crate::rules::INPUT_LIMIT.code];
        if checked.findings.iter().any(|f| volatile.contains(&f.code) || f.code.starts_with("SE")) {
            return;
        }
        let entry = Entry {
            stamp: stamp.map(|s| s.0.clone()),
            content: format!("{:032x}", key.content),
            settings: format!("{:016x}", key.settings),
            report: StoredReport::of(checked),
        };
        if let Ok(mut fresh) = self.fresh.lock() {
            fresh.insert(name.to_owned(), entry);
        }
    }
}

fn file_name(path: &Path) -> Option<&str> {
    path.file_name()?.to_str()
}

#[derive(Serialize, Deserialize)]
struct ShardFile {
    /// The build that wrote it; another build's file is ignored.
    normlint: String,
    /// The directory whose files it holds, and which of its buckets.
    dir: PathBuf,
    bucket: u8,
    entries: BTreeMap<String, Entry>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    /// The file's [`Stamp`] when its content was hashed, if it had settled.
    stamp: Option<String>,
    content: String,
    settings: String,
    report: StoredReport,
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredReport {
    read: bool,
    converted: bool,
    profile: Option<String>,
    part: Option<String>,
    facts: Option<DocFacts>,
    findings: Vec<StoredFinding>,
}

#[derive(Clone, Serialize, Deserialize)]
struct StoredFinding {
    code: String,
    severity: Severity,
    message: Message,
    help: Option<Message>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    clause: Option<String>,
    span: (usize, usize),
    line_key: String,
    #[serde(with = "crate::source::whole_excerpt")]
    excerpt: Excerpt,
    fix: Option<(usize, usize, String)>,
    window: Option<Window>,
}

impl StoredReport {
    fn of(checked: &Checked) -> StoredReport {
        StoredReport {
            read: checked.read,
            converted: checked.converted,
            profile: checked.profile.clone(),
            part: checked.part.clone(),
            facts: checked.facts.clone(),
            findings: checked
                .findings
                .iter()
                .map(|f| StoredFinding {
                    code: f.code.to_owned(),
                    severity: f.severity,
                    message: f.message.clone(),
                    help: f.help.clone(),
                    line: f.line,
                    column: f.column,
                    end_line: f.end_line,
                    end_column: f.end_column,
                    offset: f.offset,
                    length: f.length,
                    clause: f.clause.clone(),
                    span: (f.span.start, f.span.end),
                    line_key: f.line_key.to_string(),
                    excerpt: f.excerpt.clone(),
                    fix: f.fix.as_ref().map(|e| (e.offset, e.length, e.replacement.clone())),
                    window: f.window.as_deref().cloned(),
                })
                .collect(),
        }
    }

    /// The result as checking `path` gave it; `None` when a finding names a rule this build
    /// does not have (then the entry is a miss).
    fn restore(&self, path: &Path) -> Option<Checked> {
        let mut findings = Vec::with_capacity(self.findings.len());
        static RULES: std::sync::LazyLock<HashMap<&'static str, &'static crate::rules::RuleMeta>> =
            std::sync::LazyLock::new(|| crate::rules::registry().iter().map(|r| (r.meta().code, r.meta())).collect());
        for f in &self.findings {
            let meta = RULES.get(f.code.as_str())?;
            findings.push(Finding {
                code: meta.code,
                name: meta.name,
                severity: f.severity,
                message: f.message.clone(),
                help: f.help.clone(),
                line: f.line,
                column: f.column,
                end_line: f.end_line,
                end_column: f.end_column,
                offset: f.offset,
                length: f.length,
                clause: f.clause.clone(),
                span: Span::new(f.span.0, f.span.1),
                line_key: f.line_key.as_str().into(),
                excerpt: f.excerpt.clone(),
                fix: f.fix.as_ref().map(|(offset, length, replacement)| FixEdit {
                    offset: *offset,
                    length: *length,
                    replacement: replacement.clone(),
                }),
                also: Vec::new(),
                window: f.window.clone().map(Box::new),
            });
        }
        let facts = self.facts.clone().map(|mut facts| {
            facts.path = path.to_path_buf();
            facts
        });
        Some(Checked {
            findings,
            profile: self.profile.clone(),
            part: self.part.clone(),
            facts,
            converted: self.converted,
            read: self.read,
        })
    }
}

/// The build's identity: the version and a hash of the executable, so that it survives a
/// reinstall of the same release (a CI cache restored on a fresh machine) but not a rebuild.
/// Hashing the executable costs a few milliseconds, so the hash is remembered in the cache
/// directory by the executable's path, size and modification time.
fn build_id(dir: &Path) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let Some((exe, stamp)) = std::env::current_exe().ok().and_then(|exe| {
        let meta = std::fs::metadata(&exe).ok()?;
        let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
        let stamp = format!("{}\t{}\t{modified}", exe.display(), meta.len());
        Some((exe, stamp))
    }) else {
        return version.to_owned();
    };
    // A development build changes with every compile and is never shipped: its stamp does.
    if cfg!(debug_assertions) {
        return format!("{version}+{:016x}", xxhash_rust::xxh3::xxh3_64(stamp.as_bytes()));
    }
    let remembered = dir.join(BUILD_FILE);
    if let Ok(text) = std::fs::read_to_string(&remembered) {
        if let Some((known, hash)) = text.trim_end().rsplit_once('\t') {
            if known == stamp {
                return format!("{version}+{hash}");
            }
        }
    }
    let Ok(bytes) = std::fs::read(&exe) else {
        return version.to_owned();
    };
    let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes));
    if std::fs::create_dir_all(dir).is_ok() {
        if let Ok(mut temp) = tempfile::NamedTempFile::new_in(dir) {
            if temp.write_all(format!("{stamp}\t{hash}\n").as_bytes()).is_ok() {
                let _ = temp.persist(&remembered);
            }
        }
    }
    format!("{version}+{hash}")
}

/// Where the cache lives: `--cache-dir`, else `NORMLINT_CACHE_DIR`, else the `cache-dir` of the
/// `normlint.toml` that governs the current directory (relative to that file), else
/// `.normlint_cache` beside that file (the project root), else in the current directory.
pub fn locate(given: Option<&Path>, config: Option<&Path>, discover: bool) -> PathBuf {
    if let Some(dir) = given {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os(CACHE_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    let config_file = config
        .map(Path::to_path_buf)
        .or_else(|| discover.then(|| crate::config::Config::discover(Path::new("."))).flatten());
    if let Some(file) = config_file {
        let root = file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let configured = std::fs::read_to_string(&file)
            .ok()
            .and_then(|text| toml::from_str::<crate::config::ConfigFile>(&text).ok())
            .and_then(|c| c.cache_dir);
        return root.join(configured.unwrap_or_else(|| PathBuf::from(CACHE_DIR)));
    }
    PathBuf::from(CACHE_DIR)
}

/// What `clean` removed.
pub struct Removed {
    pub files: usize,
    pub bytes: u64,
}

/// Removes the cache directory `dir`: only one that normlint made (it holds `CACHEDIR.TAG`
/// with the cache signature), so that a mistyped `--cache-dir` never removes anything else.
/// `Ok(None)` when there is no cache there.
pub fn clean(dir: &Path) -> Result<Option<Removed>, String> {
    if !dir.exists() {
        return Ok(None);
    }
    let tag = std::fs::read_to_string(dir.join(TAG_FILE)).unwrap_or_default();
    if !tag.starts_with(CACHEDIR_TAG.lines().next().unwrap_or_default()) || !tag.contains("normlint") {
        return Err(format!(
            "{} is not a normlint cache (it has no {TAG_FILE} written by normlint); nothing removed",
            dir.display()
        ));
    }
    let mut removed = Removed { files: 0, bytes: 0 };
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if let Ok(meta) = entry.metadata() {
                if meta.is_file() {
                    removed.files += 1;
                    removed.bytes += meta.len();
                }
            }
        }
    }
    std::fs::remove_dir_all(dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    Ok(Some(removed))
}
