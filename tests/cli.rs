//! End-to-end tests of the `normlint` binary: output snapshots on the shipped samples and exit
//! codes on bad input.

use std::path::{Path, PathBuf};
use std::process::Command;

fn normlint() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_normlint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").env("NO_COLOR", "1");
    cmd
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Output {
    let out = normlint().args(args).output().unwrap_or_else(|e| panic!("cannot run normlint: {e}"));
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The summary line carries the elapsed time; snapshots keep everything else.
fn without_timing(text: &str) -> String {
    text.lines()
        .map(|l| match l.find(" in ").filter(|_| l.starts_with("Checked ")) {
            Some(i) => format!("{} in [time]", &l[..i]),
            None => match l.find("（用时") {
                Some(i) => format!("{}（用时[time]）", &l[..i]),
                None => l.to_owned(),
            },
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

#[test]
fn compliant_samples_have_no_error_or_warning() {
    let out = run(&["check", "samples/compliant", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let report = json(&out.stdout);
    // Two documents, each as Markdown or text, STS XML, .docx and Word-numbered .docx.
    assert_eq!(report["summary"]["documents"], 8);
    let bad: Vec<_> =
        report["diagnostics"].as_array().into_iter().flatten().filter(|d| d["severity"] != "info").collect();
    assert!(bad.is_empty(), "compliant samples must be clean: {bad:#?}");
}

#[test]
fn flawed_samples_concise_en() {
    let out = run(&["check", "samples/flawed", "--format", "concise", "--lang", "en"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(without_timing(&out.stdout));
}

#[test]
fn flawed_samples_concise_zh() {
    let out = run(&["check", "samples/flawed", "--format", "concise", "--lang", "zh"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(without_timing(&out.stdout));
}

#[test]
fn flawed_draft_full_output_underlines_cjk_text() {
    let out = run(&["check", "samples/flawed/home-care-draft.md", "--lang", "zh", "--color", "never"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(without_timing(&out.stdout));
}

#[test]
fn json_report_fields() {
    let out = run(&["check", "samples/flawed/home-care-draft.md", "--format", "json", "--lang", "en"]);
    assert_eq!(out.code, 1);
    let report = json(&out.stdout);
    let diagnostics = report["diagnostics"].as_array().cloned().unwrap_or_default();
    assert!(!diagnostics.is_empty());
    for d in &diagnostics {
        for field in [
            "path",
            "code",
            "name",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "offset",
            "length",
        ] {
            assert!(d.get(field).is_some(), "missing {field} in {d}");
        }
    }
    // The DS002 finding on the cover points at the hyphen: line 7, column 13, one byte.
    let ds002 = diagnostics.iter().find(|d| d["code"] == "DS002").cloned().unwrap_or_default();
    assert_eq!(ds002["line"], 7);
    assert_eq!(ds002["column"], 13);
    assert_eq!(ds002["end_column"], 14);
    assert_eq!(ds002["length"], 1);
    let nu003 = diagnostics.iter().find(|d| d["code"] == "NU003").cloned().unwrap_or_default();
    assert_eq!(nu003["clause"], "4.2.1");
    assert_eq!(
        report["summary"]["errors"].as_u64(),
        Some(diagnostics.iter().filter(|d| d["severity"] == "error").count() as u64)
    );
}

#[test]
fn output_is_sorted_by_path_line_column_code() {
    let out = run(&["check", "samples", "--format", "json"]);
    let report = json(&out.stdout);
    let keys: Vec<(String, u64, u64, String)> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["path"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
                d["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

/// A catalogue (no document of the set) whose path sorts before the documents is reported in
/// its place, not after them.
#[test]
fn a_catalogue_is_reported_in_path_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/SE005/fire");
    for (from, to) in [("a.md", "a.md"), ("catalogue.csv", "0-catalogue.csv")] {
        std::fs::copy(fixture.join(from), dir.path().join(to)).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = normlint()
        .current_dir(dir.path())
        .args(["check", "--no-cache", "--format", "concise", "--no-summary", "--catalogue", "./0-catalogue.csv", "."])
        .output()
        .unwrap_or_else(|e| panic!("cannot run normlint: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let paths: Vec<&str> = stdout.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(paths.first(), Some(&"./0-catalogue.csv"), "{stdout}");
    assert!(paths.contains(&"./a.md"), "{stdout}");
}

#[test]
fn outline_of_samples() {
    for sample in ["samples/compliant/community-home-care.md", "samples/flawed/labour-mediation-draft-gb18030.txt"] {
        let out = run(&["outline", sample]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        insta::assert_snapshot!(sample.replace(['/', '.'], "_"), out.stdout);
    }
}

#[test]
fn rule_and_rules_commands() {
    let out = run(&["rule", "NU005"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("lone-subclause"));
    assert!(out.stdout.contains("## Bad"));
    let by_name = run(&["rule", "lone-subclause"]);
    assert_eq!(by_name.stdout, out.stdout);
    let unknown = run(&["rule", "XX999"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("no rule"));
    let list = run(&["rules"]);
    assert!(list.stdout.lines().count() >= 30);
}

#[test]
fn missing_path_is_io001_and_exit_2() {
    let out = run(&["check", "no/such/draft.md", "--format", "concise"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("no/such/draft.md:1:1: IO001 [error]"), "{}", out.stdout);
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

#[test]
fn directory_without_documents_is_exit_2() {
    let dir = temp_dir();
    write(dir.path(), "notes.pdfx", b"x");
    let out = run(&["check", &dir.path().display().to_string()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no documents"), "{}", out.stderr);
}

#[test]
fn empty_binary_and_undecodable_files_get_diagnostics() {
    let dir = temp_dir();
    let empty = write(dir.path(), "empty.md", b"");
    let binary = write(dir.path(), "binary.txt", b"PK\x03\x04\x00\x00\x00\x00\x14\x00");
    let broken = write(dir.path(), "broken.txt", b"\xe5\x8f\x91 \x81\x20 \xff\xfe\xfd text");
    let out = run(&["check", &dir.path().display().to_string(), "--format", "concise", "--lang", "en"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let line_for = |p: &Path| out.stdout.lines().find(|l| l.starts_with(&p.display().to_string())).map(str::to_owned);
    assert!(line_for(&empty).is_some_and(|l| l.contains("IO005") && l.contains("empty")), "{}", out.stdout);
    assert!(line_for(&binary).is_some_and(|l| l.contains("IO002") && l.contains("binary")), "{}", out.stdout);
    assert!(line_for(&broken).is_some_and(|l| l.contains("IO002") && l.contains("decode")), "{}", out.stdout);
}

#[test]
fn utf16_and_gb18030_inputs_give_the_findings_of_utf8() {
    let source = std::fs::read_to_string("samples/flawed/home-care-draft.md").unwrap_or_default();
    let dir = temp_dir();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in source.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    write(dir.path(), "a-utf8.md", source.as_bytes());
    write(dir.path(), "b-utf16.md", &utf16);
    let (gb, _, _) = encoding_rs::GB18030.encode(&source);
    write(dir.path(), "c-gb18030.md", &gb);
    let out = run(&["check", &dir.path().display().to_string(), "--format", "json"]);
    let report = json(&out.stdout);
    let per_file = |name: &str| -> Vec<(u64, u64, String)> {
        report["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .map(|d| (d["line"].as_u64().unwrap_or(0), d["column"].as_u64().unwrap_or(0), d["code"].to_string()))
            .collect()
    };
    let utf8 = per_file("a-utf8.md");
    assert!(!utf8.is_empty());
    assert_eq!(utf8, per_file("b-utf16.md"));
    assert_eq!(utf8, per_file("c-gb18030.md"));
    // Byte offsets are those of each file's own encoding: the DS002 hyphen on the cover.
    let offset_of = |name: &str| {
        report["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["code"] == "DS002" && d["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .and_then(|d| d["offset"].as_u64())
    };
    let utf8_offset = source.find("520-2025").map(|i| i as u64 + 3);
    assert_eq!(offset_of("a-utf8.md"), utf8_offset);
    let hyphen_utf16 = 2 + source[..source.find("520-2025").unwrap_or(0) + 3].encode_utf16().count() as u64 * 2;
    assert_eq!(offset_of("b-utf16.md"), Some(hyphen_utf16));
    let (gb_prefix, _, _) = encoding_rs::GB18030.encode(&source[..source.find("520-2025").unwrap_or(0) + 3]);
    assert_eq!(offset_of("c-gb18030.md"), Some(gb_prefix.len() as u64));
}

#[test]
fn glob_filters_the_walk() {
    let out = run(&["check", "samples", "--glob", "*.md", "--format", "json"]);
    let report = json(&out.stdout);
    assert_eq!(report["summary"]["documents"], 2);
}

#[test]
fn profile_override_and_unknown_profile() {
    let out =
        run(&["check", "samples/flawed/labour-mediation-draft-gb18030.txt", "--profile", "local", "--format", "json"]);
    let report = json(&out.stdout);
    let st002 = report["diagnostics"].as_array().into_iter().flatten().find(|d| d["code"] == "ST002").cloned();
    assert_eq!(st002.map(|d| d["severity"].clone()), Some(serde_json::json!("error")));
    let bad = run(&["check", "samples", "--profile", "nope"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("unknown profile"));
}

#[test]
fn json_report_validates_against_its_schema() {
    let schema_text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/report.schema.json"))
        .unwrap_or_default();
    let schema = json(&schema_text);
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("bad schema: {e}"));
    for args in [
        vec!["check", "samples", "--format", "json"],
        vec!["check", "no/such/file.md", "--format", "json"],
        vec!["check", "samples/compliant", "--format", "json", "--lang", "zh"],
    ] {
        let out = run(&args);
        let report = json(&out.stdout);
        let errors: Vec<String> =
            validator.iter_errors(&report).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
}

/// One cause, one finding: RF006 repeats in the flawed draft are one finding with the count and
/// every other place in `also`; `--show-all` lists them one by one.
#[test]
fn repeats_collapse_into_one_finding_unless_show_all() {
    let draft = "samples/flawed/home-care-draft.md";
    let collapsed = run(&["check", draft, "--format", "json", "--select", "RF006"]);
    let all = run(&["check", draft, "--format", "json", "--select", "RF006", "--show-all"]);
    let parse = |out: &Output| -> serde_json::Value {
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
    };
    let (collapsed, all) = (parse(&collapsed), parse(&all));
    let one = collapsed["diagnostics"].as_array().cloned().unwrap_or_default();
    let each = all["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(one.len(), 1, "{collapsed}");
    assert!(each.len() > 3, "{all}");
    let places = one[0]["also"].as_array().map_or(0, Vec::len) + 1;
    assert_eq!(places, each.len(), "the collapsed finding lists every place");
    assert!(one[0]["message"].as_str().unwrap_or_default().contains(&format!("{} like it", each.len())));
    assert!(each.iter().all(|d| d.get("also").is_none()));
}
