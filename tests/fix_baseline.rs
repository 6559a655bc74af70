//! `--fix`, `--diff` and baselines, through the binary, on copies of the samples in a
//! temporary directory.

use std::path::Path;
use std::process::Command;

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_normlint"));
    cmd.current_dir(dir).env("NO_COLOR", "1");
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "GITHUB_ACTIONS"] {
        cmd.env_remove(var);
    }
    let out = cmd.args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn concise(dir: &Path, name: &str, select: &str) -> String {
    run_in(dir, &["check", name, "--format", "concise", "--no-summary", "--select", select]).1
}

/// A compliant text sample with a comma, a digit run and a year separator planted in the
/// body, CRLF line ends; `flawed` picks the wrong forms, or the ones `--fix` should write.
fn draft_text(flawed: bool) -> String {
    let (comma, digits, dash) = if flawed { (",", "２０２５", "-") } else { ("，", "2025", "—") };
    let text = String::from_utf8(sample("compliant/labour-dispute-mediation.txt")).unwrap_or_default();
    let scope = text.find("范围").unwrap_or_default();
    let at = scope + text.get(scope..).and_then(|t| t.find('，')).unwrap_or_default();
    let mut text = text;
    text.replace_range(at..at + '，'.len_utf8(), comma);
    // In the last chapter, where prose rules look (not in the bibliography).
    let annex = text.find("\n附录A\n").unwrap_or(text.len());
    text.insert_str(annex, &format!("\n本条款适用于{digits}年以后的调解{comma}并参照GB/T 35796{dash}2017执行。\n"));
    text.replace('\n', "\r\n")
}

fn flawed_text() -> String {
    draft_text(true)
}

#[test]
fn fix_keeps_gb18030_bytes_outside_the_fixed_characters_and_is_idempotent() {
    let dir = temp();
    let text = flawed_text();
    let (original, _, _) = encoding_rs::GB18030.encode(&text);
    write(dir.path(), "draft.txt", &original);
    assert!(concise(dir.path(), "draft.txt", "TY001,TY004,DS002").lines().count() >= 4);

    let (code, _, _) = run_in(dir.path(), &["check", "draft.txt", "--fix", "-q", "--format", "concise"]);
    assert!(code <= 1);
    let fixed = read(dir.path(), "draft.txt");
    assert_eq!(concise(dir.path(), "draft.txt", "TY001,TY004,DS002"), "", "every fixable finding is gone");

    // The expected file: the same text with exactly the fixed characters replaced, encoded the
    // same way — so every other byte (CRLF included) is the original's.
    let expected = encoding_rs::GB18030.encode(&draft_text(false)).0.into_owned();
    assert_eq!(fixed, expected);
    assert!(fixed.windows(2).filter(|w| w == b"\r\n").count() >= 100, "line endings kept");

    // A second run changes nothing.
    run_in(dir.path(), &["check", "draft.txt", "--fix", "-q"]);
    assert_eq!(read(dir.path(), "draft.txt"), fixed);
}

#[test]
fn fix_keeps_utf16_and_bom() {
    let dir = temp();
    let text = flawed_text();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    write(dir.path(), "draft.txt", &bytes);
    run_in(dir.path(), &["check", "draft.txt", "--fix", "-q"]);
    let fixed = read(dir.path(), "draft.txt");
    assert_eq!(fixed.get(..2), Some(&[0xFF, 0xFE][..]));
    let units: Vec<u16> =
        fixed.get(2..).unwrap_or_default().chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    let decoded = String::from_utf16(&units).unwrap_or_default();
    assert_eq!(decoded, draft_text(false));
}

#[test]
fn diff_prints_and_writes_nothing() {
    let dir = temp();
    write(dir.path(), "draft.md", &sample("flawed/home-care-draft.md"));
    let before = read(dir.path(), "draft.md");
    let (code, out, _) = run_in(dir.path(), &["check", "draft.md", "--diff"]);
    assert_eq!(code, 1, "changes pending");
    assert!(out.contains("-DB4403/T 520-2025") && out.contains("+DB4403/T 520—2025"), "{out}");
    assert_eq!(read(dir.path(), "draft.md"), before);
    let (code, _, _) = run_in(dir.path(), &["check", "draft.md", "--diff", "--exit-zero"]);
    assert_eq!(code, 0);
    run_in(dir.path(), &["check", "draft.md", "--fix", "-q"]);
    let (code, out, _) = run_in(dir.path(), &["check", "draft.md", "--diff"]);
    assert_eq!((code, out.as_str()), (0, ""), "nothing left to fix");
}

#[test]
fn fix_never_touches_a_file_it_could_not_read() {
    let dir = temp();
    // GB18030-looking text with a byte sequence no decoder accepts: IO002.
    let mut bytes = encoding_rs::GB18030.encode("前言\n本文件,规定了").0.into_owned();
    bytes.extend_from_slice(&[0xFF, 0xFF, 0x00, 0x81]);
    write(dir.path(), "broken.md", &bytes);
    let (_, _, err) = run_in(dir.path(), &["check", "broken.md", "--fix"]);
    assert!(err.contains("not fixed"), "{err}");
    assert_eq!(read(dir.path(), "broken.md"), bytes);
}

#[test]
fn baseline_round_trip_survives_moved_lines() {
    let dir = temp();
    write(dir.path(), "draft.md", &sample("flawed/home-care-draft.md"));
    let (code, out, _) = run_in(dir.path(), &["baseline", ".", "-o", "baseline.json"]);
    assert_eq!(code, 0, "{out}");
    let recorded: serde_json::Value =
        serde_json::from_slice(&read(dir.path(), "baseline.json")).unwrap_or_else(|e| panic!("{e}"));
    let entries = recorded["findings"].as_array().map_or(0, Vec::len);
    assert!(entries > 10);

    let (code, out, _) =
        run_in(dir.path(), &["check", "draft.md", "--baseline", "baseline.json", "--format", "concise"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("{entries} findings in the baseline not shown")), "{out}");

    // Lines move (three blank lines at the top) and one new defect appears: only it is new.
    let text = String::from_utf8(sample("flawed/home-care-draft.md")).unwrap_or_default();
    let moved = format!("\n\n\n{}", text.replacen("服务机构应依法登记", "服务机构必须依法登记", 1));
    write(dir.path(), "draft.md", moved.as_bytes());
    let (code, out, _) = run_in(
        dir.path(),
        &["check", "draft.md", "--baseline", "baseline.json", "--format", "concise", "--no-summary"],
    );
    assert_eq!(code, 1);
    let new: Vec<&str> = out.lines().collect();
    assert_eq!(new.len(), 1, "{out}");
    assert!(new.first().is_some_and(|l| l.contains("PV001")), "{out}");
}

#[test]
fn a_missing_baseline_is_a_usage_error() {
    let dir = temp();
    write(dir.path(), "draft.md", &sample("flawed/home-care-draft.md"));
    let (code, _, err) = run_in(dir.path(), &["check", "draft.md", "--baseline", "nope.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope.json"));
}
