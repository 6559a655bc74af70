//! The real-document regression suite, as ruff's ecosystem check: every real standard of the
//! shared corpus (`../shared/corpus/gb-markdown/` and `real-md/`) has an expectation file in
//! `tests/real_documents/` that lists each error and warning normlint reports on it, each read
//! against the text and given a verdict:
//!
//! ```text
//! CODE LINE VERDICT reason…
//! TM016 173 true 知识图谱 is defined and never used again
//! CV001 3 noise the conversion dropped the ICS and CCS lines; the published cover has them
//! ```
//!
//! `true` is a drafting defect of the document; `noise` is true of the file but caused by its
//! conversion. A `false` verdict (a finding that is not true) fails the suite, and so does any
//! finding not listed and any listed one that disappears. `NORMLINT_BLESS=1` rewrites the files,
//! keeping verdicts of findings that stay and marking new ones `?` (which fail until read).
//! The suite skips, saying so, when `../shared` is absent.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use normlint::check::{Settings, check_file};
use normlint::diagnostic::Severity;

fn corpus_files() -> Option<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    for sub in ["gb-markdown", "real-md"] {
        let dir = root.join(sub);
        if !dir.is_dir() {
            // Not eprintln!: libtest captures it for a passing test, and nobody would see why.
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!("skipped: {} is not present (the shared corpus sits beside the project)\n", dir.display()),
            );
            return None;
        }
        for entry in std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok) {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let document = name.ends_with(".md") || name.ends_with(".txt");
            if document && name != "INDEX.md" && name != "README.md" {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(files)
}

fn expectation_path(document: &Path) -> PathBuf {
    let name = document.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real_documents").join(format!("{name}.expected"))
}

#[derive(Debug, Clone)]
struct Expected {
    verdict: String,
    reason: String,
}

/// (code, line) → the listed verdicts, one per occurrence.
type Listing = BTreeMap<(String, usize), Vec<Expected>>;

fn parse(text: &str) -> (Vec<String>, Listing) {
    let mut header = Vec::new();
    let mut listing = Listing::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            if listing.is_empty() {
                header.push(line.to_owned());
            }
            continue;
        }
        let mut fields = line.splitn(4, ' ');
        let code = fields.next().unwrap_or_default().to_owned();
        let number = fields.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let verdict = fields.next().unwrap_or_default().to_owned();
        let reason = fields.next().unwrap_or_default().trim().to_owned();
        listing.entry((code, number)).or_default().push(Expected { verdict, reason });
    }
    (header, listing)
}

struct Found {
    code: String,
    line: usize,
    message: String,
}

fn findings(path: &Path) -> Vec<Found> {
    let report = check_file(path, &Settings::default(), None);
    let mut out: Vec<Found> = report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| Found { code: f.code.to_owned(), line: f.line, message: f.message.en.clone() })
        .collect();
    out.sort_by(|a, b| (a.line, &a.code).cmp(&(b.line, &b.code)));
    out
}

#[test]
fn real_documents_give_exactly_the_findings_read_and_judged() {
    let Some(files) = corpus_files() else { return };
    let bless = std::env::var_os("NORMLINT_BLESS").is_some();
    let mut problems = Vec::new();
    let mut table = String::from("document                                              true noise false  ?\n");
    let (mut all_true, mut all_noise) = (0, 0);
    for path in &files {
        let expected_at = expectation_path(path);
        let (header, mut listing) = parse(&std::fs::read_to_string(&expected_at).unwrap_or_default());
        let found = findings(path);
        let mut blessed = String::new();
        for line in &header {
            let _ = writeln!(blessed, "{line}");
        }
        if header.is_empty() {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let _ = writeln!(blessed, "# {name}\n# code line verdict (true | noise) reason");
        }
        let (mut t, mut n, mut f, mut q) = (0, 0, 0, 0);
        for finding in &found {
            let key = (finding.code.clone(), finding.line);
            let entry = listing.get_mut(&key).and_then(|v| (!v.is_empty()).then(|| v.remove(0)));
            let entry = match entry {
                Some(e) => e,
                None => {
                    problems.push(format!(
                        "{}:{}: {} not listed: {}",
                        path.display(),
                        finding.line,
                        finding.code,
                        finding.message
                    ));
                    Expected { verdict: "?".to_owned(), reason: finding.message.clone() }
                }
            };
            match entry.verdict.as_str() {
                "true" => t += 1,
                "noise" => n += 1,
                "false" => {
                    f += 1;
                    problems.push(format!(
                        "{}:{}: {} is judged false: {}",
                        path.display(),
                        finding.line,
                        finding.code,
                        entry.reason
                    ));
                }
                _ => q += 1,
            }
            let _ = writeln!(blessed, "{} {} {} {}", finding.code, finding.line, entry.verdict, entry.reason);
        }
        for ((code, line), rest) in &listing {
            for gone in rest {
                problems.push(format!(
                    "{}:{line}: {code} ({}) is listed but no longer reported",
                    path.display(),
                    gone.verdict
                ));
            }
        }
        if q > 0 && !bless {
            problems.push(format!("{}: {q} findings have no verdict yet", expected_at.display()));
        }
        all_true += t;
        all_noise += n;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let short: String = name.chars().take(52).collect();
        let _ = writeln!(table, "{short:<53} {t:>4} {n:>5} {f:>5} {q:>2}");
        if bless {
            if let Some(dir) = expected_at.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            std::fs::write(&expected_at, blessed).unwrap_or_else(|e| panic!("{}: {e}", expected_at.display()));
        }
    }
    let _ = writeln!(table, "all: {all_true} true, {all_noise} noise");
    eprintln!("{table}");
    if !bless {
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
