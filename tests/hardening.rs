//! Nothing a file can do exhausts memory or time, and the file system is treated with care: the
//! eleven cases of the hardening review, each pinned by the diagnostic it must get. Times and
//! peak memory are not asserted here (a loaded machine makes them flaky); `scripts/reliability.sh`
//! measures them on the release build and `docs/reliability.md` records them.

mod support;

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use normlint::check::{FileReport, Settings, check_bytes};

fn normlint(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_normlint"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "GITHUB_ACTIONS"] {
        cmd.env_remove(var);
    }
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = normlint(dir).args(args).output().unwrap_or_else(|e| panic!("cannot run normlint: {e}"));
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs a shell command line (for `umask`), with the binary as `$NORMLINT`.
fn sh_in(dir: &Path, script: &str) -> Run {
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("NORMLINT", env!("CARGO_BIN_EXE_normlint"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run sh: {e}"));
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample_text(name: &str) -> String {
    std::fs::read_to_string(repo().join("samples").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn check(name: &str, bytes: Vec<u8>) -> FileReport {
    check_bytes(Path::new(name), bytes, &Settings::default(), None)
}

fn codes(report: &FileReport) -> Vec<(&'static str, usize)> {
    report.findings.iter().map(|f| (f.code, f.line)).collect()
}

/// The compliant Markdown sample with `line` inserted as a paragraph of clause 4.1.
fn home_care_with(line: &str) -> String {
    let text = sample_text("compliant/community-home-care.md");
    let at = text.find("服务机构应依法登记").unwrap_or_else(|| panic!("sample changed: no clause 4.1 paragraph"));
    format!("{}{line}\n\n{}", &text[..at], &text[at..])
}

// 1. A line of 350,000 （ took 23 GB and was killed.

#[test]
fn case_01_a_line_of_350000_open_brackets_is_reported_within_the_per_rule_limit() {
    let text = home_care_with(&"（".repeat(350_000));
    let renderer = normlint::report::full::FullRenderer::new(normlint::diagnostic::Lang::En, false);
    let render = |file: &normlint::check::RenderedFile<'_>, findings: &[normlint::check::Finding]| {
        renderer.render(None, &file.path.display().to_string(), findings)
    };
    let report = check_bytes(Path::new("draft.md"), text.into_bytes(), &Settings::default(), Some(&render));
    // Rendered in the task, the findings are kept as their text and place only.
    let ty002 = report.rendered_findings.iter().filter(|f| f.code == "TY002").count();
    assert_eq!(ty002, normlint::rules::MAX_FINDINGS_PER_RULE);
    let (_, limit) = report
        .rendered_pieces()
        .find(|(f, _)| f.code == "IO007")
        .unwrap_or_else(|| panic!("no IO007 among {} findings", report.rendered_findings.len()));
    assert!(limit.contains("TY002 found 350000 problems"), "{limit}");
    // Each finding shows a window of its line, not the 1 MB line: ~1 KB a finding.
    let rendered = report.rendered.as_deref().unwrap_or_default();
    assert!(rendered.len() < 20 * 1024 * 1024, "{} bytes rendered", rendered.len());
    // Columns are still those of the line.
    let last = report.rendered_findings.iter().rfind(|f| f.code == "TY002");
    assert_eq!(last.map(|f| f.column), Some(normlint::rules::MAX_FINDINGS_PER_RULE));
}

// 2. Standard input had no size limit.

#[test]
fn case_02_a_hundred_megabytes_on_standard_input_is_io007_without_reading_it_all() {
    let dir = temp();
    let mut child = normlint(dir.path())
        .args(["check", "-", "--format", "concise"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    let writer = std::thread::spawn(move || {
        let chunk = "本文件规定了社区居家养老服务的基本要求。\n".repeat(1000);
        let mut written = 0usize;
        while written < 100 * 1024 * 1024 {
            // normlint stops reading past the limit and exits: the pipe then breaks.
            if stdin.write_all(chunk.as_bytes()).is_err() {
                break;
            }
            written += chunk.len();
        }
        written
    });
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let written = writer.join().unwrap_or_default();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("<stdin>.md:1:1: IO007 [error] the input is larger than the limit of 32 MB"), "{stdout}");
    assert!(written < 100 * 1024 * 1024, "all of the input was read");
}

// 3. UTF-16 without a BOM was rejected as binary.

#[test]
fn case_03_utf16_without_bom_reads_like_the_utf8_original() {
    let text = sample_text("compliant/community-home-care.md");
    let utf8 = check("draft.md", text.clone().into_bytes());
    for big_endian in [false, true] {
        let bytes: Vec<u8> =
            text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect();
        let utf16 = check("draft.md", bytes);
        assert_eq!(codes(&utf16), codes(&utf8), "big endian: {big_endian}");
    }
}

// 4. --fix rewrote a read-only file.

#[cfg(unix)]
#[test]
fn case_04_fix_refuses_a_read_only_file_and_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    let path = dir.path().join("draft.md");
    let flawed = home_care_with("本文件适用于2025年以后的服务,并参照GB/T 35796-2017执行。");
    write(&path, flawed.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap_or_else(|e| panic!("{e}"));
    let out = run_in(dir.path(), &["check", "draft.md", "--fix", "--format", "concise"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("draft.md not fixed: the file is read-only"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), flawed);
    let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
    assert_eq!(mode, 0o444);
}

// 5. A kill during --fix's write left a hidden .tmpXXXX beside the document forever.

#[test]
fn case_05_a_stale_fix_temporary_file_is_removed_by_the_next_run() {
    let dir = temp();
    let path = dir.path().join("draft.md");
    write(&path, home_care_with("本文件适用于2025年以后的服务,并参照GB/T 35796-2017执行。").as_bytes());
    let stale = dir.path().join(".draft.md.normlint-fix.tmp");
    write(&stale, b"half a document");
    let out = run_in(dir.path(), &["check", "draft.md", "--fix", "--format", "concise"]);
    assert!(!stale.exists(), "{}", out.stderr);
    assert!(out.stderr.contains("fixed"), "{}", out.stderr);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The cache is meant to stay.
        .filter(|name| name != normlint::cache::CACHE_DIR)
        .collect();
    assert_eq!(names, ["draft.md"]);
}

// 6. Symlinked files inside a walked directory were skipped ("no documents found").

#[cfg(unix)]
#[test]
fn case_06_links_to_files_are_followed_links_to_directories_with_follow_and_loops_reported() {
    use std::os::unix::fs::symlink;
    let dir = temp();
    let real = dir.path().join("real");
    let links = dir.path().join("links");
    std::fs::create_dir_all(&real).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(&links).unwrap_or_else(|e| panic!("{e}"));
    write(&real.join("draft.md"), sample_text("flawed/home-care-draft.md").as_bytes());
    symlink("../real/draft.md", links.join("draft.md")).unwrap_or_else(|e| panic!("{e}"));
    symlink("../real", links.join("folder")).unwrap_or_else(|e| panic!("{e}"));
    symlink("..", real.join("up")).unwrap_or_else(|e| panic!("{e}"));

    let out = run_in(dir.path(), &["check", "links", "--format", "concise"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("links/draft.md:"), "{}", out.stdout);
    assert!(!out.stdout.contains("links/folder/"), "{}", out.stdout);
    assert!(out.stdout.contains("Checked 1 document"), "{}", out.stdout);

    let out = run_in(dir.path(), &["check", "links", "--follow", "--format", "concise"]);
    assert!(out.stdout.contains("links/folder/draft.md:"), "{}", out.stdout);
    assert!(out.stdout.contains("IO001 [error] a symbolic link loops back"), "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn fix_through_a_link_fixes_the_target_and_keeps_the_link() {
    let dir = temp();
    let target = dir.path().join("draft.md");
    write(&target, home_care_with("本文件适用于2025年以后的服务,并参照GB/T 35796-2017执行。").as_bytes());
    std::os::unix::fs::symlink("draft.md", dir.path().join("link.md")).unwrap_or_else(|e| panic!("{e}"));
    let out = run_in(dir.path(), &["check", "link.md", "--fix", "--format", "concise"]);
    assert!(out.stderr.contains("fixed"), "{}", out.stderr);
    assert!(dir.path().join("link.md").is_symlink());
    let fixed = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(fixed.contains("的服务，并参照GB/T 35796—2017执行"), "{fixed}");
}

// 7. `outline /nope.md` printed a Rust debug struct; `outline -` did not read standard input.

#[test]
fn case_07_outline_says_why_it_cannot_read_and_reads_standard_input() {
    let dir = temp();
    let out = run_in(dir.path(), &["outline", "nope.md"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.trim(), "error: cannot read nope.md: no such file (or a dangling link) (IO001)");

    let mut child = normlint(dir.path())
        .args(["outline", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(sample_text("compliant/community-home-care.md").as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("<stdin>.md (Markdown, UTF-8"), "{stdout}");
    assert!(stdout.contains("DB4403/T 512—2025"), "{stdout}");
}

// 8. -o reports and baseline files were created 0600 instead of following the umask.

#[cfg(unix)]
#[test]
fn case_08_reports_and_baselines_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    write(&dir.path().join("draft.md"), sample_text("flawed/home-care-draft.md").as_bytes());
    let mode = |name: &str| std::fs::metadata(dir.path().join(name)).map(|m| m.permissions().mode() & 0o777).ok();
    for (umask, expected) in [("022", 0o644), ("027", 0o640)] {
        let out = sh_in(
            dir.path(),
            &format!(
                "umask {umask}; rm -f report.json normlint-baseline.json; \
                 \"$NORMLINT\" check draft.md --format json -o report.json; \
                 \"$NORMLINT\" baseline draft.md"
            ),
        );
        assert_eq!(mode("report.json"), Some(expected), "umask {umask}: {}", out.stderr);
        assert_eq!(mode("normlint-baseline.json"), Some(expected), "umask {umask}: {}", out.stderr);
    }
}

// 9. A .docx whose numbering is broken silently lost every chapter number.

/// The package with one part replaced (`None`: removed).
fn with_part(docx: &[u8], name: &str, text: Option<&str>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut parts: Vec<(String, String)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let mut content = String::new();
        file.read_to_string(&mut content).unwrap_or_else(|e| panic!("{e}"));
        let part = file.name().unwrap_or_else(|e| panic!("{e}")).to_string();
        match (part == name, text) {
            (true, Some(text)) => parts.push((part, text.to_owned())),
            (true, None) => {}
            (false, _) => parts.push((part, content)),
        }
    }
    let refs: Vec<(&str, String)> = parts.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    support::zip_parts(&refs)
}

fn chapters(bytes: &[u8]) -> Vec<String> {
    let (doc, _) = normlint::read::read_document(Path::new("draft.docx"), bytes).unwrap_or_else(|e| panic!("{e:?}"));
    doc.chapters.iter().map(|c| format!("{} {}", c.declared.text, c.title_text())).collect()
}

#[test]
fn case_09_a_docx_numbering_defect_is_io011_naming_the_paragraph_and_the_missing_id() {
    let outline = support::Outline::of(&sample_text("compliant/community-home-care.md"));
    let intact = support::docx(&outline, support::Numbers::Word);
    let intact_report = check("draft.docx", intact.clone());
    assert!(!intact_report.findings.iter().any(|f| f.code == "IO011"), "{:?}", codes(&intact_report));
    let numbered = chapters(&intact);
    assert!(numbered.len() >= 8, "{numbered:?}");

    let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:numbering>"#;
    for (case, broken) in [
        ("no w:num", with_part(&intact, "word/numbering.xml", Some(numbering))),
        ("no numbering part", with_part(&intact, "word/numbering.xml", None)),
    ] {
        let report = check("draft.docx", broken.clone());
        let io011: Vec<_> = report.findings.iter().filter(|f| f.code == "IO011").collect();
        assert_eq!(io011.len(), 1, "{case}: {:?}", codes(&report));
        let message = &io011.first().map(|f| f.message.en.clone()).unwrap_or_default();
        assert!(message.starts_with("the paragraph “范围” asks for an automatic number"), "{case}: {message}");
        let missing = if case == "no w:num" { "defines no numbering 1" } else { "has no numbering part" };
        assert!(message.contains(missing), "{case}: {message}");
        // Read as text, the headings find their numbers again from the 目次.
        assert_eq!(chapters(&broken), numbered, "{case}");
    }
}

// 10. A FIFO named on the command line blocked forever.

#[cfg(unix)]
#[test]
fn case_10_a_fifo_on_the_command_line_is_io001_without_blocking() {
    let dir = temp();
    let made = Command::new("mkfifo").arg(dir.path().join("pipe.md")).status();
    if !made.is_ok_and(|s| s.success()) {
        // Where the person running the tests sees it (eprintln! of a passing test is captured).
        let _ = writeln!(std::io::stderr(), "skipped: mkfifo is not available");
        return;
    }
    let mut child = normlint(dir.path())
        .args(["check", "pipe.md", "--format", "concise"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("normlint blocked on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("pipe.md:1:1: IO001 [error] a named pipe (FIFO), not a regular file"), "{stdout}");
}

// 11. Baseline fingerprints of set findings hashed their message, which names the other file.

#[test]
fn case_11_set_findings_keep_their_baseline_when_the_other_file_moves() {
    let dir = temp();
    let draft = sample_text("flawed/home-care-draft.md");
    write(&dir.path().join("a.md"), draft.as_bytes());
    write(&dir.path().join("b.md"), draft.as_bytes());
    let out = run_in(dir.path(), &["baseline", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    std::fs::rename(dir.path().join("b.md"), dir.path().join("c.md")).unwrap_or_else(|e| panic!("{e}"));
    let out = run_in(
        dir.path(),
        &["check", ".", "--baseline", "normlint-baseline.json", "--format", "concise", "--no-summary"],
    );
    // a.md's SE001 now names c.md, and is still the recorded defect; c.md's are new (the
    // file itself moved).
    assert!(!out.stdout.contains("a.md:"), "{}", out.stdout);
    assert!(out.stdout.contains("c.md:") && out.stdout.contains("SE001"), "{}", out.stdout);
}

#[test]
fn set_finding_fingerprints_do_not_depend_on_the_message() {
    use normlint::diagnostic::Message;
    let at = normlint::set::Anchor::start();
    let rule = normlint::rules::find("SE001").map(|r| r.meta()).unwrap_or_else(|| panic!("no SE001"));
    let one = at.finding(rule, "DB4403/T 512—2025", Message::new("甲", "also carried by b.md"), None);
    let reworded = at.finding(rule, "DB4403/T 512—2025", Message::new("乙", "duplicated in c/d.md"), None);
    let other = at.finding(rule, "DB4403/T 513—2025", Message::new("甲", "also carried by b.md"), None);
    let path = Path::new("a.md");
    assert_eq!(one.fingerprint(path), reworded.fingerprint(path));
    assert_ne!(one.fingerprint(path), other.fingerprint(path));
}

// Budgets.

#[test]
fn a_document_over_its_time_budget_gets_io007_and_the_rules_left_are_named() {
    let dir = temp();
    write(&dir.path().join("draft.md"), sample_text("flawed/home-care-draft.md").as_bytes());
    let out = run_in(dir.path(), &["check", "draft.md", "--format", "concise", "--time-budget", "0.000001"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("IO007 [error] the document went over its time budget of 0.000001 s;"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("rules were not run: AX001 "), "{}", out.stdout);
}

#[test]
fn a_document_over_its_memory_budget_gets_io007() {
    let dir = temp();
    write(&dir.path().join("draft.md"), sample_text("flawed/home-care-draft.md").as_bytes());
    let out = run_in(dir.path(), &["check", "draft.md", "--format", "concise", "--memory-budget", "0"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("IO007 [error] the document went over its memory budget of 0 MB;"), "{}", out.stdout);
}

#[test]
fn reader_notices_are_ignored_like_any_rule() {
    let fixture = repo().join("tests/fixtures/rules/IO011/fire.docx");
    let fixture = fixture.to_string_lossy();
    let shown = run_in(&repo(), &["check", &fixture, "--format", "concise", "--no-summary"]);
    assert!(shown.stdout.contains(": IO011 [warning]"), "{}", shown.stdout);
    let ignored = run_in(&repo(), &["check", &fixture, "--format", "concise", "--no-summary", "--ignore", "IO011"]);
    assert!(!ignored.stdout.contains(": IO011 "), "{}", ignored.stdout);
}

/// A lone document's rules run on two threads when the machine has two cores; the findings
/// must be exactly those of one thread, every sample, in the JSON report (the elapsed time
/// aside).
#[test]
fn a_lone_documents_rules_on_two_threads_find_what_one_thread_finds() {
    let without_elapsed =
        |json: &str| json.lines().filter(|l| !l.contains("\"elapsed_ms\"")).collect::<Vec<_>>().join("\n");
    let mut compared = 0;
    for folder in ["samples/compliant", "samples/flawed"] {
        let Ok(entries) = std::fs::read_dir(repo().join(folder)) else { continue };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let file = path.to_string_lossy().into_owned();
            let with = |threads: &str| {
                let out = normlint(&repo())
                    .env("RAYON_NUM_THREADS", threads)
                    .args(["check", "--no-cache", "--format", "json", &file])
                    .output()
                    .unwrap_or_else(|e| panic!("cannot run normlint: {e}"));
                without_elapsed(&String::from_utf8_lossy(&out.stdout))
            };
            let (one, two) = (with("1"), with("2"));
            assert!(one.contains("\"summary\""), "{file}: no JSON report:\n{one}");
            assert_eq!(one, two, "{file}: one thread and two threads disagree");
            compared += 1;
        }
    }
    assert!(compared >= 6, "only {compared} samples compared");
}
