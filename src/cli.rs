//! Command-line definitions and dispatch.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::check::{self, Finding};
use crate::diagnostic::{Lang, Severity};
use crate::profile::Profile;
use crate::report::{self, OutputFormat, full::FullRenderer};
use crate::rules::{self, Family};

/// Checks Chinese standardization documents against the drafting rules of GB/T 1.1-2020.
#[derive(Debug, Parser)]
#[command(name = "normlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check documents and directories: Markdown and text (UTF-8, GB18030, UTF-16), NISO/ISO STS
    /// XML and Word .docx.
    Check(CheckArgs),
    /// Show what the reader understood of a document: cover, clause tree, terms, annexes.
    Outline {
        /// The document to read; `-` reads standard input.
        path: PathBuf,
        /// The name (and so the format) of the document read from standard input with `-`.
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<PathBuf>,
    },
    /// Explain one rule (by code or name).
    Rule {
        /// A rule code such as NU005, or a name such as lone-subclause.
        code: String,
        #[arg(long, value_enum, default_value = "text")]
        format: RulesFormat,
    },
    /// List all rules.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        format: RulesFormat,
    },
    /// List the document profiles.
    Profiles,
    /// Record the current findings in a baseline file (default `normlint-baseline.json`, or
    /// `-o FILE`); `check --baseline FILE` then reports only new ones.
    Baseline(CheckArgs),
    /// Write a copy of a Word draft with every finding as a comment (批注) on the flagged text,
    /// to hand back to its author; the draft itself is never changed.
    Annotate(AnnotateArgs),
    /// Remove the cache directory (`.normlint_cache`, or where `--cache-dir`,
    /// `NORMLINT_CACHE_DIR` or `cache-dir` in normlint.toml put it).
    Clean {
        /// The cache directory to remove.
        #[arg(long, value_name = "DIR")]
        cache_dir: Option<PathBuf>,
        /// Use this configuration file's `cache-dir` instead of discovering `normlint.toml`.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct AnnotateArgs {
    /// The Word draft (.docx, .docm, .dotx).
    pub path: PathBuf,
    /// Where to write the annotated copy [default: DRAFT.normlint.docx beside the draft].
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Language of the comments (default: from LANG / LC_ALL).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Check against this profile (a name, or a path to a .toml profile) instead of detecting it.
    #[arg(long)]
    pub profile: Option<String>,
    #[command(flatten)]
    pub selection: RuleSelection,
    /// Comment only findings that the baseline file does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    #[command(flatten)]
    pub gate: GateArgs,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl AnnotateArgs {
    /// The same check `check` would run on the draft, every repeat listed: each place gets
    /// its comment.
    fn as_check_args(&self) -> CheckArgs {
        CheckArgs {
            paths: vec![self.path.clone()],
            format: None,
            output_file: None,
            statistics: false,
            stdin_filename: None,
            gate: self.gate.clone(),
            quiet: self.quiet,
            lang: self.lang,
            profile: self.profile.clone(),
            globs: Vec::new(),
            color: ColorChoice::Never,
            no_summary: true,
            catalogue: None,
            selection: self.selection.clone(),
            show_settings: false,
            baseline: self.baseline.clone(),
            fix: false,
            diff: false,
            show_all: true,
            follow: false,
            // The draft is read again for its view anyway.
            no_cache: true,
            cache_dir: None,
            time_budget: crate::budget::Budget::DEFAULT_SECONDS as f64,
            memory_budget: crate::budget::Budget::DEFAULT_MEMORY_MB,
        }
    }
}

/// Which configuration and rules a run uses; `check`, `baseline` and `annotate` share these
/// flags, so a flag added here is accepted by all of them.
#[derive(Debug, Clone, clap::Args)]
pub struct RuleSelection {
    /// Use this configuration file instead of discovering `normlint.toml` from each document's
    /// directory upwards.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore all configuration files.
    #[arg(long)]
    pub isolated: bool,
    /// Enable only these rule codes or family prefixes (comma-separated; replaces `select`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    /// Enable these rules in addition to the selection.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub extend_select: Vec<String>,
    /// Disable these rule codes or family prefixes.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
}

impl RuleSelection {
    /// The command-line rule choice, applied over every configuration file's.
    fn overrides(&self) -> crate::settings::RuleOverrides {
        crate::settings::RuleOverrides {
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
        }
    }

    /// Whether `normlint.toml` files are looked for (`--isolated` turns that off).
    fn discovers_config(&self) -> bool {
        !self.isolated
    }
}

/// When the findings fail a run (exit 1); `check` (and so `baseline`) and `annotate` share these
/// flags.
#[derive(Debug, Clone, clap::Args)]
pub struct GateArgs {
    /// Exit 0 even when findings fail the gate (usage and internal errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// The lowest severity that fails the run.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Fail when there are more warnings than this.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
}

impl GateArgs {
    /// The exit code for the findings: 1 when they fail the gate, unless `--exit-zero`.
    pub fn exit_code(&self, report: &check::RunReport) -> i32 {
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        let failed = errors > 0
            || (self.fail_on == FailOn::Warning && warnings > 0)
            || self.max_warnings.is_some_and(|max| warnings > max);
        if failed && !self.exit_zero { EXIT_FINDINGS } else { EXIT_CLEAN }
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check; directories are walked (.gitignore respected, hidden
    /// files skipped). `-` reads one document from standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format [default: full; github when GITHUB_ACTIONS=true].
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Show the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// The name (and so the format) of the document read from standard input with `-`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    #[command(flatten)]
    pub gate: GateArgs,
    /// Print findings only: no summary line, no progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Language of messages (default: from LANG / LC_ALL).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Check every document against this profile (a name, or a path to a .toml profile)
    /// instead of detecting it from the designation.
    #[arg(long)]
    pub profile: Option<String>,
    /// Include or exclude files matching a glob when walking directories (`!` excludes);
    /// may be repeated.
    #[arg(long = "glob", short = 'g')]
    pub globs: Vec<String>,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Do not print the closing summary line.
    #[arg(long)]
    pub no_summary: bool,
    /// A standard-system table (CSV or TOML: designation, title, status) to check the set
    /// against (SE005).
    #[arg(long, value_name = "FILE")]
    pub catalogue: Option<PathBuf>,
    #[command(flatten)]
    pub selection: RuleSelection,
    /// Print the effective configuration for the first path and exit.
    #[arg(long)]
    pub show_settings: bool,
    /// Report only findings that the baseline file (from `normlint baseline`) does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Apply the safe fixes (DS002, TY001, TY004, RF006) to Markdown and text files, then
    /// report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there are any.
    #[arg(long)]
    pub diff: bool,
    /// Report every repeat of a rule whose repeats share one cause (half-width punctuation,
    /// 本标准 …) instead of one finding with the count.
    #[arg(long)]
    pub show_all: bool,
    /// Follow symbolic links to directories when walking (links to files are always
    /// followed); loops are reported.
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// Seconds one document may take; past it, the rules not yet run are skipped and the
    /// document gets IO007.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::budget::Budget::DEFAULT_SECONDS as f64, value_parser = parse_seconds)]
    pub time_budget: f64,
    /// Megabytes one document may hold while it is checked; past it, as for the time budget.
    #[arg(long, value_name = "MB", default_value_t = crate::budget::Budget::DEFAULT_MEMORY_MB, value_parser = clap::value_parser!(usize))]
    pub memory_budget: usize,
    /// Check every file, and neither read nor write the cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Keep the cache here [default: .normlint_cache in the project root; env: NORMLINT_CACHE_DIR].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

fn parse_seconds(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Ok(s),
        _ => Err(format!("`{value}` is not a number of seconds between 0 and 86400")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Markdown,
    Json,
}

/// Exit codes: 0 clean, 1 error-level findings, 2 usage, configuration or internal failure.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_FAILURE: i32 = 2;

pub fn lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(value) = std::env::var(var) {
            if value.is_empty() {
                continue;
            }
            return if value.to_ascii_lowercase().starts_with("zh") { Lang::Zh } else { Lang::En };
        }
    }
    Lang::En
}

fn resolve_lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => lang_from_env(),
    }
}

pub fn run(cli: Cli) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match cli.command {
        Command::Check(args) => run_check(args, &mut out),
        Command::Baseline(args) => run_baseline(args, &mut out),
        Command::Annotate(args) => run_annotate(&args, &mut out),
        Command::Outline { path, stdin_filename } => run_outline(&path, stdin_filename.as_deref(), &mut out),
        Command::Rule { code, format } => match rules::find(&code) {
            Some(rule) => {
                let _ = out.write_all(describe_rule(rule.meta(), format).as_bytes());
                EXIT_CLEAN
            }
            None => {
                eprintln!("error: no rule `{code}`; `normlint rules` lists them");
                EXIT_FAILURE
            }
        },
        Command::Rules { format } => {
            let _ = out.write_all(list_rules(format).as_bytes());
            EXIT_CLEAN
        }
        Command::Clean { cache_dir, config } => run_clean(cache_dir.as_deref(), config.as_deref(), &mut out),
        Command::Profiles => {
            for name in Profile::builtin_names() {
                if let Ok(p) = Profile::builtin(name) {
                    let _ = writeln!(out, "{name:<14} {}", p.description);
                }
            }
            EXIT_CLEAN
        }
    };
    let _ = out.flush();
    code
}

/// The settings a run of `check` or `baseline` uses: profile, configuration, catalogue,
/// baseline. `Err` carries the exit code after the error was printed.
fn prepare_settings(args: &CheckArgs) -> Result<check::Settings, i32> {
    let fail = |e: &dyn std::fmt::Display| {
        eprintln!("error: {e}");
        EXIT_FAILURE
    };
    let mut settings = check::settings_for(args.profile.as_deref()).map_err(|e| fail(&e))?;
    let selection = &args.selection;
    settings.configs = std::sync::Arc::new(
        crate::settings::Resolver::new(
            selection.config.as_deref(),
            selection.discovers_config(),
            selection.overrides(),
        )
        .map_err(|e| fail(&e))?,
    );
    let catalogue = args.catalogue.clone().or_else(|| {
        let first = args.paths.first()?;
        let file_settings = settings.configs.for_path(first);
        let relative = file_settings.config.file.catalogue.clone()?;
        Some(file_settings.config.root.join(relative))
    });
    if let Some(path) = &catalogue {
        settings.catalogue = Some(crate::catalogue::Catalogue::load(path).map_err(|e| fail(&e))?);
    }
    if let Some(path) = &args.baseline {
        settings.baseline = Some(std::sync::Arc::new(crate::baseline::Baseline::load(path).map_err(|e| fail(&e))?));
    }
    settings.show_all = args.show_all;
    settings.follow_links = args.follow;
    // Standard input has no path to keep an entry under.
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if !args.no_cache && !stdin {
        let dir =
            crate::cache::locate(args.cache_dir.as_deref(), selection.config.as_deref(), selection.discovers_config());
        settings.cache = Some(crate::cache::Cache::open(dir));
    }
    settings.budget = crate::budget::Budget {
        time: std::time::Duration::from_secs_f64(args.time_budget),
        memory: args.memory_budget.saturating_mul(1024 * 1024),
    };
    Ok(settings)
}

/// `normlint clean`: removes the cache directory and says what it removed.
fn run_clean(cache_dir: Option<&std::path::Path>, config: Option<&std::path::Path>, out: &mut impl Write) -> i32 {
    let dir = crate::cache::locate(cache_dir, config, true);
    match crate::cache::clean(&dir) {
        Ok(Some(removed)) => {
            let _ = writeln!(
                out,
                "Removed {} ({} file(s), {} KB)",
                dir.display(),
                removed.files,
                removed.bytes.div_ceil(1024)
            );
            EXIT_CLEAN
        }
        Ok(None) => {
            let _ = writeln!(out, "No cache at {}; nothing removed", dir.display());
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_FAILURE
        }
    }
}

/// `normlint baseline`: the findings of a check, recorded by fingerprint.
fn run_baseline(args: CheckArgs, out: &mut impl Write) -> i32 {
    // A baseline records every occurrence, so that a new repeat of a known defect is new.
    let settings = match prepare_settings(&CheckArgs { baseline: None, show_all: true, ..args.clone() }) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let report = match check::run(&args.paths, &args.globs, &settings, None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    if report.documents == 0 || !report.missing_paths.is_empty() || report.internal_errors() > 0 {
        eprintln!("error: no baseline written: the paths hold no document, do not exist, or gave an internal error");
        return EXIT_FAILURE;
    }
    let baseline = crate::baseline::Baseline::from_report(&report);
    let path = args.output_file.clone().unwrap_or_else(|| PathBuf::from("normlint-baseline.json"));
    if let Err(e) = crate::fsutil::write_atomically(&path, baseline.to_json().as_bytes()) {
        eprintln!("error: cannot write {}: {e}", path.display());
        return EXIT_FAILURE;
    }
    if !args.quiet {
        let _ = writeln!(
            out,
            "Recorded {} finding(s) of {} document(s) in {}",
            baseline.findings.len(),
            report.documents,
            path.display()
        );
    }
    EXIT_CLEAN
}

/// The annotated copy's default name: `DRAFT.normlint.docx` beside `DRAFT.docx`.
pub fn annotated_path(draft: &std::path::Path) -> PathBuf {
    let stem = draft.file_stem().map_or_else(|| "draft".into(), |s| s.to_string_lossy().into_owned());
    let extension = draft.extension().map_or_else(|| "docx".into(), |e| e.to_string_lossy().into_owned());
    draft.with_file_name(format!("{stem}.normlint.{extension}"))
}

/// `normlint annotate`: the draft's findings as Word comments, in a copy.
fn run_annotate(args: &AnnotateArgs, out: &mut impl Write) -> i32 {
    let lang = resolve_lang(args.lang);
    let path = &args.path;
    if crate::read::input_kind(path) != crate::read::InputKind::Docx {
        eprintln!(
            "error: annotate writes Word comments into a .docx, and {} is not one; for a report to hand back, run\n  normlint check {} --format html -o report.html",
            path.display(),
            path.display()
        );
        return EXIT_FAILURE;
    }
    let target = args.output_file.clone().unwrap_or_else(|| annotated_path(path));
    let same = |a: &std::path::Path, b: &std::path::Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(path, &target) {
        eprintln!("error: the annotated copy would replace the draft {}; choose another -o", path.display());
        return EXIT_FAILURE;
    }
    let check_args = args.as_check_args();
    let settings = match prepare_settings(&check_args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return EXIT_FAILURE;
        }
    };
    let report = match check::run(std::slice::from_ref(path), &[], &settings, None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    if let Some(e) = settings.configs.error() {
        eprintln!("error: {e}");
        return EXIT_FAILURE;
    }
    let findings: Vec<Finding> = report.files.iter().flat_map(|f| f.findings.iter().cloned()).collect();
    let document = match crate::read::read_document(path, &bytes) {
        Ok((doc, _)) => doc,
        Err(_) => {
            // The check said why, with its code and place.
            eprint!("{}", report::concise::render(&report.files, lang));
            eprintln!("error: {} cannot be read as a Word document; no annotated copy written", path.display());
            return EXIT_FAILURE;
        }
    };
    let date = crate::annotate::comment_date();
    let annotated = match crate::annotate::annotate(&bytes, &document.source, &findings, lang, Some(&date)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: cannot annotate {}: {e}; no annotated copy written", path.display());
            return EXIT_FAILURE;
        }
    };
    if let Err(e) = crate::fsutil::write_atomically(&target, &annotated.bytes) {
        eprintln!("error: cannot write {}: {e}; nothing written", target.display());
        return EXIT_FAILURE;
    }
    if !args.quiet {
        let _ = match lang {
            Lang::Zh => writeln!(
                out,
                "已将{}条批注写入{}（{}）",
                annotated.comments,
                target.display(),
                report::summary(&report, lang)
            ),
            Lang::En => writeln!(
                out,
                "Wrote {} comment{} to {} ({})",
                annotated.comments,
                if annotated.comments == 1 { "" } else { "s" },
                target.display(),
                report::summary(&report, lang)
            ),
        };
    }
    if report.internal_errors() > 0 {
        return EXIT_FAILURE;
    }
    args.gate.exit_code(&report)
}

/// What `--fix` / `--diff` did.
struct FixSummary {
    /// Files changed (with `--diff`: that would be).
    changed: usize,
    /// Files that needed fixing but could not be written (read-only, or the write failed).
    unwritten: usize,
}

/// `--fix` / `--diff`: fixes every Markdown and text document under the paths.
fn apply_fixes(args: &CheckArgs, settings: &check::Settings, out: &mut impl Write) -> Result<FixSummary, String> {
    use crate::fsutil::{Purpose, refuses_writing, remove_stale_temp, write_through_temp};
    let (files, _) = check::discover(&args.paths, &args.globs, settings)?;
    let outcomes: Vec<(PathBuf, Vec<u8>, crate::fix::FixOutcome)> = files
        .par_iter()
        .filter_map(|path| {
            if !args.diff {
                remove_stale_temp(path, Purpose::Fix);
            }
            // What `check` would not read (a FIFO, a file over the size limit) is not fixed.
            let meta = std::fs::metadata(path).ok()?;
            if !meta.is_file() || meta.len() > check::MAX_FILE_BYTES {
                return None;
            }
            let bytes = std::fs::read(path).ok()?;
            let outcome = crate::fix::fix_bytes(path, &bytes, settings);
            Some((path.clone(), bytes, outcome))
        })
        .collect();
    let mut summary = FixSummary { changed: 0, unwritten: 0 };
    for (path, before, outcome) in outcomes {
        match outcome {
            crate::fix::FixOutcome::Changed { fixed, applied } => {
                if args.diff {
                    summary.changed += 1;
                    let _ = write!(out, "{}", crate::fix::unified_diff(&path, &before, &fixed));
                } else if let Some(why) = refuses_writing(&path) {
                    summary.unwritten += 1;
                    eprintln!(
                        "error: {} not fixed: {why} ({applied} fix(es) would apply; make it writable to fix it)",
                        path.display()
                    );
                } else if let Err(e) = write_through_temp(&path, &fixed, Purpose::Fix) {
                    summary.unwritten += 1;
                    eprintln!("error: cannot write {}: {e}", path.display());
                } else {
                    summary.changed += 1;
                    if !args.quiet {
                        eprintln!("fixed {applied} finding(s) in {}", path.display());
                    }
                }
            }
            crate::fix::FixOutcome::Skipped(why)
                if (args.diff || !args.quiet)
                    && (crate::read::input_kind(&path) == crate::read::InputKind::Markdown
                        || crate::read::input_kind(&path) == crate::read::InputKind::Text) =>
            {
                eprintln!("warning: {} not fixed: {why}", path.display());
            }
            _ => {}
        }
    }
    Ok(summary)
}

fn run_check(args: CheckArgs, out: &mut impl Write) -> i32 {
    let lang = resolve_lang(args.lang);
    let mut settings = match prepare_settings(&args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if args.show_settings {
        let first = args.paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
        let file_settings = settings.configs.for_path(&first);
        if let Some(e) = settings.configs.error() {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
        let _ = writeln!(out, "# settings for {}", first.display());
        let _ = write!(out, "{}", file_settings.config.describe());
        let profile = args
            .profile
            .clone()
            .or_else(|| file_settings.profile.as_ref().map(|p| p.name.clone()))
            .unwrap_or_else(|| "(detected per document from its designation)".to_owned());
        let _ = writeln!(out, "# profile: {profile}");
        let enabled: Vec<&str> =
            rules::registry().iter().map(|r| r.meta().code).filter(|c| file_settings.enabled(c, &first)).collect();
        let _ = writeln!(out, "# enabled rules ({}): {}", enabled.len(), enabled.join(" "));
        return EXIT_CLEAN;
    }
    let stdin_mode = args.paths.len() == 1 && args.paths.first().is_some_and(|p| p.as_os_str() == "-");
    let mut unwritten = 0;
    if args.fix || args.diff {
        if stdin_mode {
            eprintln!("error: --fix and --diff work on files, not on standard input");
            return EXIT_FAILURE;
        }
        match apply_fixes(&args, &settings, out) {
            Ok(summary) if args.diff => {
                if !args.quiet {
                    eprintln!("{} file(s) would be changed", summary.changed);
                }
                return if summary.changed > 0 && !args.gate.exit_zero { EXIT_FINDINGS } else { EXIT_CLEAN };
            }
            Ok(summary) => unwritten = summary.unwritten,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_FAILURE;
            }
        }
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let renderer = FullRenderer::new(lang, color);
    let render_full =
        |file: &check::RenderedFile<'_>, findings: &[Finding]| renderer.render(None, file.display(), findings);
    let render_concise =
        |file: &check::RenderedFile<'_>, findings: &[Finding]| report::concise::lines(file.display(), findings, lang);
    let render_json =
        |file: &check::RenderedFile<'_>, findings: &[Finding]| report::json::entries(file, findings, lang);
    let render_html = |file: &check::RenderedFile<'_>, findings: &[Finding]| report::html::pieces(file, findings, lang);
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            OutputFormat::Github
        } else {
            OutputFormat::Full
        }
    });
    let render_machine = format.machine().map(|machine| {
        move |file: &check::RenderedFile<'_>, findings: &[Finding]| -> String {
            findings.iter().map(|f| report::machine::piece(machine, file.path, f, &file.fingerprint(f), lang)).collect()
        }
    });
    // The human formats are rendered in each document's task, which then keeps its text
    // instead of its findings: that bounds a large run's memory.
    let render: Option<&check::Renderer<'_>> = match format {
        _ if args.statistics => Some(&report::machine::count_only),
        OutputFormat::Full => Some(&render_full),
        OutputFormat::Concise => Some(&render_concise),
        OutputFormat::Json => Some(&render_json),
        OutputFormat::Html => Some(&render_html),
        _ => render_machine.as_ref().map(|r| r as &check::Renderer<'_>),
    };
    let mut report = if stdin_mode {
        let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>.md"));
        match check::run_stdin(&name, &mut std::io::stdin().lock(), &settings, render) {
            Ok(report) => report,
            Err(e) => {
                eprintln!("error: cannot read standard input: {e}");
                return EXIT_FAILURE;
            }
        }
    } else {
        let progress = progress_bar(&args, &settings);
        if let Some(bar) = &progress {
            let tick = bar.clone();
            settings.on_document = Some(Box::new(move || tick.inc(1)));
        }
        let result = check::run(&args.paths, &args.globs, &settings, render);
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        match result {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_FAILURE;
            }
        }
    };
    if let Some(e) = settings.configs.error() {
        eprintln!("error: {e}");
        return EXIT_FAILURE;
    }

    let unrendered = |e: std::io::Error| {
        eprintln!("error: cannot read back the rendered findings: {e}");
        EXIT_FAILURE
    };
    // Standard output gets the human formats file by file, each file's text dropped once
    // written; a file named with --output-file is written whole, atomically.
    // Buffered: a run of thousands of files would otherwise make a write call per file (standard
    // output is line-buffered even when it is not a terminal).
    let mut body = std::io::BufWriter::with_capacity(
        64 * 1024,
        Body { out: &mut *out, whole: args.output_file.as_ref().map(|_| Vec::new()) },
    );
    let whole = match format {
        _ if args.statistics => report::machine::statistics(&report),
        OutputFormat::Full => {
            for file in &mut report.files {
                match file.take_rendered() {
                    Ok(Some(r)) => {
                        let _ = body.write_all(r.as_bytes());
                    }
                    Ok(None) => {}
                    Err(e) => return unrendered(e),
                }
                // The set findings: known only after every document was checked.
                if !file.findings.is_empty() {
                    let rest = renderer.render(None, &file.path.display().to_string(), &file.findings);
                    let _ = body.write_all(rest.as_bytes());
                }
            }
            String::new()
        }
        OutputFormat::Concise => {
            for file in &mut report.files {
                match file.take_rendered() {
                    Ok(r) => file.rendered = r,
                    Err(e) => return unrendered(e),
                }
                let _ = body.write_all(report::concise::file(file, lang).as_bytes());
                file.rendered = None;
            }
            String::new()
        }
        OutputFormat::Json => {
            // Written as it is serialised: the document of a large run is tens of MB.
            let _ = report::json::write_rendered(&mut report, lang, &mut body).and_then(|()| body.write_all(b"\n"));
            String::new()
        }
        OutputFormat::Html => {
            let gate = report::html::Gate {
                fail_on_warning: args.gate.fail_on == FailOn::Warning,
                max_warnings: args.gate.max_warnings,
            };
            let written = report::html::write_page(&report, lang, gate, &mut |piece| {
                let _ = body.write_all(piece.as_bytes());
            });
            if let Err(e) = written {
                return unrendered(e);
            }
            String::new()
        }
        // The machine formats (OutputFormat::machine).
        machine_format => {
            if let Some(machine) = machine_format.machine() {
                if let Err(e) = report::machine::write(machine, &mut report, lang, &mut body) {
                    return unrendered(e);
                }
            }
            String::new()
        }
    };
    let _ = body.write_all(whole.as_bytes());
    drop(whole);
    let _ = body.flush();
    let written = body.into_inner().ok().and_then(|body| body.whole);
    if let Some(path) = &args.output_file {
        if let Err(e) = crate::fsutil::write_atomically(path, &written.unwrap_or_default()) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return EXIT_FAILURE;
        }
    }
    let human = matches!(format, OutputFormat::Full | OutputFormat::Concise) || args.statistics;
    if human && !args.no_summary && !args.quiet {
        let _ = writeln!(out, "{}", report::summary(&report, lang));
    }
    if report.documents == 0 && report.missing_paths.is_empty() {
        let shown: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!("error: no documents (*.md, *.markdown, *.txt, *.xml, *.docx) found under {}", shown.join(", "));
        return EXIT_FAILURE;
    }
    if !report.missing_paths.is_empty() || report.internal_errors() > 0 {
        return EXIT_FAILURE;
    }
    if unwritten > 0 {
        eprintln!("error: {unwritten} file(s) needed fixes that could not be written");
        return EXIT_FAILURE;
    }
    args.gate.exit_code(&report)
}

/// Where a report goes: standard output as it is made, or whole into memory for
/// `--output-file` (written atomically at the end).
struct Body<'w, W: Write> {
    out: &'w mut W,
    whole: Option<Vec<u8>>,
}

impl<W: Write> Write for Body<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.whole {
            Some(whole) => {
                whole.extend_from_slice(buf);
                Ok(buf.len())
            }
            None => self.out.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A progress bar on standard error, only on a terminal and for runs long enough to need one.
fn progress_bar(args: &CheckArgs, settings: &check::Settings) -> Option<indicatif::ProgressBar> {
    if args.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let total = check::count_documents(&args.paths, &args.globs, settings);
    if total < 200 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} documents {wide_bar} {eta}") {
        bar.set_style(style);
    }
    Some(bar)
}

fn run_outline(path: &std::path::Path, stdin_filename: Option<&std::path::Path>, out: &mut impl Write) -> i32 {
    let (name, bytes) = if path.as_os_str() == "-" {
        let name = stdin_filename.map_or_else(|| PathBuf::from("<stdin>.md"), std::path::Path::to_path_buf);
        match check::read_bounded(&mut std::io::stdin().lock()) {
            Ok(Some(bytes)) => (name, bytes),
            Ok(None) => {
                eprintln!(
                    "error: standard input is larger than the limit of {} MB",
                    check::MAX_FILE_BYTES / (1024 * 1024)
                );
                return EXIT_FAILURE;
            }
            Err(e) => {
                eprintln!("error: cannot read standard input: {e}");
                return EXIT_FAILURE;
            }
        }
    } else {
        match check::read_file_bounded(path) {
            Ok(bytes) => (path.to_path_buf(), bytes),
            Err(finding) => {
                eprintln!("error: cannot read {}: {} ({})", path.display(), finding.message.en, finding.code);
                return EXIT_FAILURE;
            }
        }
    };
    match crate::read::read_document(&name, &bytes) {
        Ok((doc, _)) => {
            let _ = out.write_all(crate::outline::render(&doc).as_bytes());
            let _ = writeln!(out, "profile: {}", Profile::detect_name(&doc));
            EXIT_CLEAN
        }
        Err(error) => {
            let finding = check::read_error_finding(&name, error, &bytes);
            eprintln!(
                "error: cannot read {}: {} ({}, line {}, column {})",
                name.display(),
                finding.message.en,
                finding.code,
                finding.line,
                finding.column
            );
            EXIT_FAILURE
        }
    }
}

pub fn describe_rule(meta: &rules::RuleMeta, format: RulesFormat) -> String {
    match format {
        RulesFormat::Json => serde_json::to_string_pretty(&rule_json(meta)).unwrap_or_default() + "\n",
        RulesFormat::Text | RulesFormat::Markdown => format!(
            "# {} ({})\n\nFamily: {} · Default severity: {} · GB/T 1.1-2020 clause: {}{}\n\n{}\n\n{}",
            meta.code,
            meta.name,
            meta.family.title(),
            meta.severity.as_str(),
            meta.clause,
            if meta.fixable { " · Fixable: `--fix`" } else { "" },
            meta.summary,
            dedent(meta.doc)
        ),
    }
}

fn rule_json(meta: &rules::RuleMeta) -> serde_json::Value {
    serde_json::json!({
        "code": meta.code,
        "name": meta.name,
        "family": meta.family.prefix(),
        "severity": meta.severity,
        "clause": meta.clause,
        "summary": meta.summary,
        "fixable": meta.fixable,
        "doc": dedent(meta.doc),
    })
}

/// Doc comments keep the space after `///`; drop it.
pub fn dedent(doc: &str) -> String {
    doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
}

pub fn list_rules(format: RulesFormat) -> String {
    let all = rules::registry();
    match format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = all.iter().map(|r| rule_json(r.meta())).collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        RulesFormat::Text => {
            let mut s = String::new();
            for rule in all {
                let m = rule.meta();
                s.push_str(&format!(
                    "{:<6} {:<32} {:<8} {:<14} {}\n",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.clause,
                    m.summary
                ));
            }
            s
        }
        RulesFormat::Markdown => {
            let mut s = String::from(
                "# normlint rules\n\nGenerated by `normlint rules --format markdown`; do not edit by hand.\n",
            );
            let mut family: Option<Family> = None;
            for rule in all {
                let m = rule.meta();
                if family != Some(m.family) {
                    family = Some(m.family);
                    s.push_str(&format!("\n## {} — {}\n\n", m.family.prefix(), m.family.title()));
                    s.push_str("| code | name | severity | clause | what |\n|---|---|---|---|---|\n");
                }
                s.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.clause,
                    m.summary
                ));
            }
            s.push_str("\n# Rule documentation\n");
            for rule in all {
                let m = rule.meta();
                s.push_str(&format!("\n---\n\n{}", describe_rule(m, RulesFormat::Markdown).replacen("# ", "## ", 1)));
                s.push('\n');
            }
            s
        }
    }
}
