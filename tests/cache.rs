//! The cache (`.normlint_cache/`): a second run over unchanged files parses none of them and
//! prints exactly what a run without the cache prints, in every format; a change of content or
//! settings is checked again; a damaged cache is a miss, never an error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CACHE: &str = normlint::cache::CACHE_DIR;

fn normlint(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_normlint"));
    cmd.current_dir(dir).env("NO_COLOR", "1").env(normlint::cache::STATS_ENV, "1");
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "GITHUB_ACTIONS", normlint::cache::CACHE_DIR_ENV] {
        cmd.env_remove(var);
    }
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    normlint(dir).args(args).output().unwrap_or_else(|e| panic!("cannot run normlint: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `(hits, documents read)` from the stats line the run printed.
fn stats(out: &Output) -> (usize, usize) {
    let stderr = text(&out.stderr);
    let line = stderr.lines().find(|l| l.starts_with("cache: ")).unwrap_or_else(|| panic!("no stats in {stderr}"));
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    match numbers.as_slice() {
        [hits, read, ..] => (*hits, *read),
        _ => panic!("{line}"),
    }
}

/// A copy of the shipped samples (14 documents in two folders) in a temporary project.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"), &dir.path().join("samples"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// Times vary from run to run; nothing else may.
fn without_times(output: &str) -> String {
    let elapsed = regex::Regex::new(r#""elapsed_ms": \d+|in \d+\.\d+s|用时\d+\.\d+秒|time="[\d.]+""#)
        .unwrap_or_else(|e| panic!("{e}"));
    elapsed.replace_all(output, "TIME").into_owned()
}

fn shard_files(cache: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cache)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn a_second_run_reads_no_document_and_a_changed_file_is_checked_again() {
    let dir = project();
    let first = run(dir.path(), &["check", "samples", "--format", "concise"]);
    assert_eq!(stats(&first), (0, 14), "{}", text(&first.stderr));
    let second = run(dir.path(), &["check", "samples", "--format", "concise"]);
    assert_eq!(stats(&second), (14, 0), "{}", text(&second.stderr));
    assert_eq!(without_times(&text(&first.stdout)), without_times(&text(&second.stdout)));
    assert_eq!(first.status.code(), second.status.code());
    let cache = dir.path().join(CACHE);
    assert!(cache.join("CACHEDIR.TAG").is_file());
    assert_eq!(std::fs::read_to_string(cache.join(".gitignore")).unwrap_or_default().lines().last(), Some("*"));

    // A draft gets its numbers fixed: only it is read again, and its findings are new ones.
    let draft = dir.path().join("samples/flawed/home-care-draft.md");
    let before = std::fs::read_to_string(&draft).unwrap_or_default();
    std::fs::write(&draft, before.replace("DB4403/T 520-2025", "DB4403/T 520—2025")).unwrap_or_else(|e| panic!("{e}"));
    let third = run(dir.path(), &["check", "samples", "--format", "concise"]);
    assert_eq!(stats(&third), (13, 1), "{}", text(&third.stderr));
    let fresh = run(dir.path(), &["check", "samples", "--format", "concise", "--no-cache"]);
    assert_eq!(without_times(&text(&third.stdout)), without_times(&text(&fresh.stdout)));
    assert_ne!(without_times(&text(&third.stdout)), without_times(&text(&first.stdout)));
}

#[test]
fn output_is_byte_identical_with_and_without_the_cache_in_every_format_and_language() {
    let dir = project();
    // Filled once, in one format and language; every other one is served from it.
    let fill = run(dir.path(), &["check", "samples", "--format", "json", "--lang", "en"]);
    assert_eq!(stats(&fill), (0, 14));
    let formats = ["full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html"];
    for format in formats {
        for lang in ["en", "zh"] {
            for extra in [&[][..], &["--show-all"][..], &["--statistics"][..]] {
                let mut args = vec!["check", "samples", "--format", format, "--lang", lang];
                args.extend_from_slice(extra);
                let cached = run(dir.path(), &args);
                assert_eq!(stats(&cached), (14, 0), "{args:?}");
                args.push("--no-cache");
                let fresh = run(dir.path(), &args);
                assert!(!text(&fresh.stderr).contains("cache: "), "--no-cache used the cache");
                assert_eq!(
                    without_times(&text(&cached.stdout)),
                    without_times(&text(&fresh.stdout)),
                    "{args:?} differs with the cache"
                );
                assert_eq!(cached.status.code(), fresh.status.code(), "{args:?}");
            }
        }
    }
}

#[test]
fn set_findings_come_from_the_stored_facts_of_unchanged_files() {
    let dir = project();
    let args = ["check", "samples", "--format", "concise", "--lang", "en"];
    let first = run(dir.path(), &args);
    assert!(text(&first.stdout).contains("SE003"), "the samples define terms differently");
    // The drafts now define their terms as the compliant documents do; those documents, served
    // from the cache, lose their SE003 findings.
    for draft in ["home-care-draft.md", "home-care-draft.sts.xml", "home-care-draft.docx"] {
        std::fs::remove_file(dir.path().join("samples/flawed").join(draft)).unwrap_or_else(|e| panic!("{e}"));
    }
    let second = run(dir.path(), &args);
    let (hits, read) = stats(&second);
    assert_eq!((hits, read), (11, 0), "{}", text(&second.stderr));
    let fresh = run(dir.path(), &[&args[..], &["--no-cache"]].concat());
    assert_eq!(without_times(&text(&second.stdout)), without_times(&text(&fresh.stdout)));
    assert_ne!(
        text(&first.stdout).matches("SE003").count(),
        text(&second.stdout).matches("SE003").count(),
        "set findings were not recomputed"
    );
    // The entries of the removed files are gone from the cache.
    let stored: String =
        shard_files(&dir.path().join(CACHE)).iter().map(|f| std::fs::read_to_string(f).unwrap_or_default()).collect();
    assert!(!stored.contains("home-care-draft.md"), "an entry of a removed file was kept");
    assert!(stored.contains("labour-mediation-draft-gb18030.txt"));
}

#[test]
fn settings_that_change_findings_invalidate_and_the_language_does_not() {
    let dir = project();
    let base = ["check", "samples", "--format", "concise"];
    assert_eq!(stats(&run(dir.path(), &base)), (0, 14));
    assert_eq!(stats(&run(dir.path(), &[&base[..], &["--lang", "zh"]].concat())), (14, 0));
    assert_eq!(stats(&run(dir.path(), &[&base[..], &["--ignore", "PV"]].concat())), (0, 14));
    assert_eq!(stats(&run(dir.path(), &[&base[..], &["--profile", "group"]].concat())), (0, 14));
    assert_eq!(stats(&run(dir.path(), &[&base[..], &["--time-budget", "20"]].concat())), (0, 14));
    // A configuration file that changes a severity: every document is checked again, and the
    // cached run then agrees with a fresh one.
    std::fs::write(dir.path().join("normlint.toml"), "[severity]\nPV001 = \"info\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let configured = run(dir.path(), &base);
    assert_eq!(stats(&configured), (0, 14));
    let again = run(dir.path(), &base);
    assert_eq!(stats(&again), (14, 0));
    let fresh = run(dir.path(), &[&base[..], &["--no-cache"]].concat());
    assert_eq!(without_times(&text(&again.stdout)), without_times(&text(&fresh.stdout)));
    assert!(text(&again.stdout).contains("PV001 [info]"));
    // The configuration file is in the project root: the cache is beside it.
    assert!(dir.path().join(CACHE).is_dir());
}

#[test]
fn a_corrupt_truncated_or_foreign_cache_file_is_a_miss_and_is_replaced() {
    let dir = project();
    let args = ["check", "samples", "--format", "json", "--lang", "en"];
    let first = run(dir.path(), &args);
    let cache = dir.path().join(CACHE);
    let shards = shard_files(&cache);
    // At most one per bucket of each of the two directories.
    assert!((2..=14).contains(&shards.len()), "{shards:?}");
    type Damage = dyn Fn(&[u8]) -> Vec<u8>;
    let damage: [&Damage; 3] = [
        &|_| b"\x00\xffnot json".to_vec(),
        &|bytes| bytes.get(..bytes.len() / 2).unwrap_or_default().to_vec(),
        &|bytes| text(bytes).replacen("\"normlint\":\"", "\"normlint\":\"0.0.0-other+", 1).into_bytes(),
    ];
    for damaged in damage {
        for shard in &shards {
            let bytes = std::fs::read(shard).unwrap_or_default();
            std::fs::write(shard, damaged(&bytes)).unwrap_or_else(|e| panic!("{e}"));
        }
        let out = run(dir.path(), &args);
        assert_eq!(stats(&out), (0, 14), "{}", text(&out.stderr));
        assert_eq!(out.status.code(), first.status.code());
        assert_eq!(without_times(&text(&out.stdout)), without_times(&text(&first.stdout)));
        // Replaced: the next run is served from the cache again.
        assert_eq!(stats(&run(dir.path(), &args)), (14, 0));
    }
}

#[test]
fn concurrent_runs_on_one_cache_leave_it_whole() {
    let dir = project();
    let args = ["check", "samples", "--format", "concise", "--lang", "en"];
    let expected = without_times(&text(&run(dir.path(), &[&args[..], &["--no-cache"]].concat()).stdout));
    for round in 0..3 {
        let children: Vec<std::process::Child> = (0..4)
            .map(|_| {
                normlint(dir.path())
                    .args(args)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(without_times(&text(&out.stdout)), expected, "round {round}");
        }
        // Whoever wrote last, every file of the cache is whole and serves every document.
        let after = run(dir.path(), &args);
        assert_eq!(stats(&after), (14, 0), "round {round}: {}", text(&after.stderr));
        for shard in shard_files(&dir.path().join(CACHE)) {
            let bytes = std::fs::read(&shard).unwrap_or_default();
            assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(), "{} is damaged", shard.display());
        }
        std::fs::remove_dir_all(dir.path().join(CACHE)).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn clean_removes_the_cache_and_only_a_cache() {
    let dir = project();
    run(dir.path(), &["check", "samples", "--format", "concise"]);
    let cleaned = run(dir.path(), &["clean"]);
    assert_eq!(cleaned.status.code(), Some(0));
    let said = text(&cleaned.stdout);
    assert!(said.starts_with("Removed .normlint_cache (") && said.contains("file(s)"), "{said}");
    assert!(!dir.path().join(CACHE).exists());
    let again = run(dir.path(), &["clean"]);
    assert!(text(&again.stdout).contains("No cache at .normlint_cache"), "{}", text(&again.stdout));
    // A directory that is not a cache is never removed.
    let refused = run(dir.path(), &["clean", "--cache-dir", "samples"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("is not a normlint cache"), "{}", text(&refused.stderr));
    assert!(dir.path().join("samples/compliant").is_dir());
}

#[test]
fn the_cache_directory_can_be_moved_and_is_not_used_for_standard_input() {
    let dir = project();
    let elsewhere = dir.path().join("elsewhere");
    let out = run(dir.path(), &["check", "samples", "--cache-dir", "elsewhere"]);
    assert_eq!(stats(&out), (0, 14));
    assert!(elsewhere.join("CACHEDIR.TAG").is_file() && !dir.path().join(CACHE).exists());
    let by_env = normlint(dir.path())
        .args(["check", "samples"])
        .env(normlint::cache::CACHE_DIR_ENV, "elsewhere")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats(&by_env), (14, 0));
    std::fs::write(dir.path().join("normlint.toml"), "cache-dir = \"build/lint-cache\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats(&run(dir.path(), &["check", "samples"])), (0, 14));
    assert!(dir.path().join("build/lint-cache/CACHEDIR.TAG").is_file());
    let removed = run(dir.path(), &["clean"]);
    assert!(text(&removed.stdout).contains("build/lint-cache"), "{}", text(&removed.stdout));

    let mut stdin = normlint(dir.path())
        .args(["check", "-", "--stdin-filename", "draft.md", "--format", "concise"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut input) = stdin.stdin.take() {
        use std::io::Write as _;
        let sample = std::fs::read(dir.path().join("samples/flawed/home-care-draft.md")).unwrap_or_default();
        input.write_all(&sample).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = stdin.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(text(&out.stdout).contains("DS002"), "{}", text(&out.stdout));
    assert!(!text(&out.stderr).contains("cache: "), "standard input went through the cache");
    assert!(!dir.path().join(CACHE).exists() && !dir.path().join("build/lint-cache").exists());
}

/// How many hits did not even read their file (stamp unchanged).
fn unread(out: &Output) -> usize {
    let stderr = text(&out.stderr);
    let line = stderr.lines().find(|l| l.starts_with("cache: ")).unwrap_or_else(|| panic!("no stats in {stderr}"));
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    numbers.get(3).copied().unwrap_or_else(|| panic!("{line}"))
}

#[cfg(unix)]
#[test]
fn a_settled_unchanged_file_is_not_read_and_a_rewrite_that_keeps_size_and_mtime_is_seen() {
    let dir = project();
    let args = ["check", "samples", "--format", "concise", "--lang", "en"];
    // Files written in the last two seconds are hashed on every run: let them settle.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let first = run(dir.path(), &args);
    assert_eq!(stats(&first), (0, 14));
    let second = run(dir.path(), &args);
    assert_eq!((stats(&second), unread(&second)), ((14, 0), 14), "{}", text(&second.stderr));
    assert_eq!(without_times(&text(&first.stdout)), without_times(&text(&second.stdout)));
    // Same size, same modification time, another content: the status-change time gives it away.
    let draft = dir.path().join("samples/flawed/home-care-draft.md");
    let before = std::fs::read_to_string(&draft).unwrap_or_default();
    let after = before.replacen("DB4403/T 520-2025", "DB4403/T 520 2025", 1);
    assert!(before.len() == after.len() && before != after, "the rewrite keeps the size");
    let touched = Command::new("touch").arg("-r").arg(&draft).arg(dir.path().join("reference")).status();
    std::fs::write(&draft, &after).unwrap_or_else(|e| panic!("{e}"));
    let restored = Command::new("touch").arg("-r").arg(dir.path().join("reference")).arg(&draft).status();
    assert!(touched.is_ok_and(|s| s.success()) && restored.is_ok_and(|s| s.success()));
    let third = run(dir.path(), &args);
    assert_eq!(stats(&third), (13, 1), "{}", text(&third.stderr));
    let fresh = run(dir.path(), &[&args[..], &["--no-cache"]].concat());
    assert_eq!(without_times(&text(&third.stdout)), without_times(&text(&fresh.stdout)));
}
