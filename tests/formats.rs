//! Machine formats, gating options, `-o`, standard input and configuration discovery, through
//! the binary.

use std::path::Path;
use std::process::{Command, Stdio};

fn normlint(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_normlint"));
    cmd.current_dir(dir);
    for var in ["LANG", "LC_ALL", "LC_MESSAGES", "GITHUB_ACTIONS"] {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = normlint(dir).args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(repo(), args)
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/schemas/sarif-2.1.0.json")).unwrap_or_default();
    // The official schema's `language` pattern has a lone `]`, legal in ECMA-262 but rejected by
    // Rust regex engines; escaping it keeps the meaning.
    let text = text.replace(r#"{2}]?$"#, r#"{2}\\]?$"#);
    let schema = json(&text);
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema: {e}"));
    for target in ["samples", "samples/compliant"] {
        let (code, out, _) = run(&["check", target, "--format", "sarif"]);
        assert!(code <= 1);
        let log = json(&out);
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().map_or(0, Vec::len);
        assert!(rules >= 40, "rule metadata for every rule");
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    }
    let (_, out, _) = run(&["check", "samples/flawed", "--format", "sarif"]);
    let log = json(&out);
    let first = &log["runs"][0]["results"][0];
    assert!(first["partialFingerprints"]["normlint/v1"].is_string());
    assert!(first["ruleIndex"].is_number());
}

#[test]
fn json_lines_is_one_object_per_finding() {
    let (_, out, _) = run(&["check", "samples/flawed", "--format", "json-lines"]);
    let (_, concise, _) = run(&["check", "samples/flawed", "--format", "concise", "--no-summary"]);
    assert_eq!(out.lines().count(), concise.lines().count());
    for line in out.lines() {
        let v = json(line);
        assert!(v["code"].is_string() && v["fingerprint"].is_string());
    }
}

#[test]
fn gitlab_code_quality_parses() {
    let (_, out, _) = run(&["check", "samples/flawed", "--format", "gitlab"]);
    let issues = json(&out);
    let issues = issues.as_array().cloned().unwrap_or_default();
    assert!(!issues.is_empty());
    for issue in &issues {
        assert!(issue["description"].is_string());
        assert!(issue["check_name"].is_string());
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].is_number());
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap_or("")));
    }
    let mut fingerprints: Vec<&str> = issues.iter().filter_map(|i| i["fingerprint"].as_str()).collect();
    let n = fingerprints.len();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert!(fingerprints.len() + 3 >= n, "fingerprints are nearly unique");
}

#[test]
fn junit_parses_as_xml_with_counts() {
    let (_, out, _) = run(&["check", "samples", "--format", "junit"]);
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut suites, mut cases, mut failures) = (0, 0, 0);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                match e.name().into_inner() {
                    "testsuite" => suites += 1,
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Err(e) => panic!("JUnit is not well-formed XML: {e}"),
            _ => {}
        }
    }
    let (_, summary, _) = run(&["check", "samples", "--format", "json"]);
    let documents = json(&summary)["summary"]["documents"].as_u64().unwrap_or(0);
    assert!(documents > 4);
    assert_eq!(suites, documents, "one suite per document");
    assert!(cases >= failures && failures > 0);
    assert!(out.contains("tests=\"") && out.contains("failures=\""));
}

#[test]
fn github_annotations_errors_first_with_a_notice_past_the_limit() {
    let (_, out, _) = run(&["check", "samples/flawed", "--format", "github", "--lang", "en"]);
    let annotations: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    let errors = annotations.iter().filter(|l| l.starts_with("::error ")).count();
    assert_eq!(errors, 10, "at most ten error annotations");
    assert!(annotations.first().is_some_and(|l| l.starts_with("::error ")));
    assert!(out.contains("::notice title=normlint::") && out.contains("more findings exceed"));
    // Chosen automatically on GitHub Actions.
    let auto = normlint(repo()).args(["check", "samples/flawed"]).env("GITHUB_ACTIONS", "true").output();
    let auto = auto.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    assert!(auto.starts_with("::error "));
}

#[test]
fn gating_options_set_the_exit_code() {
    assert_eq!(run(&["check", "samples/flawed", "-q"]).0, 1);
    assert_eq!(run(&["check", "samples/flawed", "-q", "--exit-zero"]).0, 0);
    assert_eq!(run(&["check", "samples/compliant", "-q"]).0, 0);
    // The compliant samples have info findings only; --fail-on warning keeps them passing.
    assert_eq!(run(&["check", "samples/compliant", "-q", "--fail-on", "warning"]).0, 0);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let draft = std::fs::read_to_string(repo().join("samples/compliant/community-home-care.md")).unwrap_or_default();
    std::fs::write(dir.path().join("d.md"), draft.replacen("服务机构应", "服务机构应当", 1) + "\n服务 人员\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path().join("d.md").display().to_string();
    let (_, concise, _) = run(&["check", &d, "--format", "concise", "--no-summary"]);
    let warnings = concise.lines().filter(|l| l.contains("[warning]")).count();
    assert!(warnings == 0 || run(&["check", &d, "-q", "--fail-on", "warning"]).0 == 1);
    // The draft has three ST009 warnings: a limit of two fails, a limit of three passes.
    for (limit, code) in [("2", 1), ("3", 0)] {
        let draft = "samples/flawed/labour-mediation-draft-gb18030.txt";
        assert_eq!(run(&["check", draft, "-q", "--select", "ST009", "--max-warnings", limit]).0, code);
    }
    // Usage errors stay 2 even with --exit-zero.
    assert_eq!(run(&["check", "no/such.md", "-q", "--exit-zero"]).0, 2);
}

#[test]
fn output_file_and_statistics() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out_path = dir.path().join("report.json");
    let (code, stdout, _) =
        run(&["check", "samples/flawed", "--format", "json", "-o", &out_path.display().to_string()]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "machine output goes to the file only");
    let written = json(&std::fs::read_to_string(&out_path).unwrap_or_default());
    assert!(written["diagnostics"].as_array().is_some_and(|d| !d.is_empty()));
    let (_, stats, _) = run(&["check", "samples/flawed", "--statistics", "--no-summary"]);
    let counts: Vec<usize> = stats.lines().filter_map(|l| l.split_whitespace().next()?.parse().ok()).collect();
    assert!(counts.len() > 5 && counts.windows(2).all(|w| w[0] >= w[1]), "most frequent first: {stats}");
    assert!(stats.lines().any(|l| l.contains("PV001") && l.contains("must-not-shall")), "{stats}");
}

#[test]
fn stdin_with_a_filename() {
    let draft = std::fs::read(repo().join("samples/flawed/home-care-draft.md")).unwrap_or_default();
    let mut child = normlint(repo())
        .args(["check", "-", "--stdin-filename", "drafts/home-care.md", "--format", "concise", "--no-summary"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut stdin) = child.stdin.take() {
        std::io::Write::write_all(&mut stdin, &draft).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().next().is_some_and(|l| l.starts_with("drafts/home-care.md:7:13: DS002")), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_discovery_and_precedence() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path();
    let draft = std::fs::read(repo().join("samples/flawed/home-care-draft.md")).unwrap_or_default();
    std::fs::create_dir_all(root.join("drafts/old")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("drafts/a.md"), &draft).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("drafts/old/b.md"), &draft).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        root.join("normlint.toml"),
        "ignore = [\"PV\"]\nexclude = [\"old\"]\n[per-file-ignores]\n\"drafts/a.md\" = [\"DS002\"]\n[severity]\nNU005 = \"error\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let codes = |args: &[&str]| -> Vec<String> {
        let (_, out, err) = run_in(root, args);
        assert!(err.is_empty(), "{err}");
        out.lines().map(|l| l.split(' ').nth(1).unwrap_or_default().to_owned()).collect()
    };
    let found = codes(&["check", "drafts", "--format", "concise", "--no-summary"]);
    assert!(!found.is_empty());
    assert!(!found.iter().any(|c| c.starts_with("PV") || c == "DS002"), "{found:?}");
    let (_, out, _) = run_in(root, &["check", "drafts", "--format", "concise", "--no-summary"]);
    assert!(!out.contains("old/b.md"), "exclude applies to the walk");
    assert!(out.lines().any(|l| l.contains("NU005 [error]")), "severity override");
    // The command line wins over the file; --isolated ignores it.
    let found = codes(&["check", "drafts", "--format", "concise", "--no-summary", "--select", "PV001"]);
    assert!(found.iter().all(|c| c == "PV001") && !found.is_empty(), "{found:?}");
    let found = codes(&["check", "drafts/a.md", "--format", "concise", "--no-summary", "--isolated"]);
    assert!(found.iter().any(|c| c == "PV001") && found.iter().any(|c| c == "DS002"));
    // --show-settings prints the effective configuration.
    let (code, out, _) = run_in(root, &["check", "drafts", "--show-settings"]);
    assert_eq!(code, 0);
    assert!(out.contains("normlint.toml") && out.contains("ignore = [\"PV\"]") && !out.contains(" PV001"));
    // A broken configuration is a usage error.
    std::fs::write(root.join("normlint.toml"), "ignore = [\"NOPE1\"]\n").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run_in(root, &["check", "drafts"]);
    assert_eq!(code, 2);
    assert!(err.contains("NOPE1"));
}

/// The configuration example of the README is what normlint accepts, and what the schema
/// in `schemas/config.schema.json` describes; a misspelt key fails both.
#[test]
fn config_schema_matches_the_reader() {
    let schema = json(&std::fs::read_to_string(repo().join("schemas/config.schema.json")).unwrap_or_default());
    let validator = jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("schema: {e}"));
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap_or_default();
    let example = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap_or_else(|| panic!("README has a ```toml example"));
    let as_json = |text: &str| -> serde_json::Value {
        let value: toml::Value = toml::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        serde_json::to_value(value).unwrap_or_default()
    };
    let errors: Vec<String> = validator.iter_errors(&as_json(example)).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("a.md"), "# 前言\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("standard-system.csv"), "designation,title,status\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("normlint.toml"), example).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run_in(dir.path(), &["check", "a.md", "--show-settings"]);
    assert_eq!(code, 0, "{out}{err}");

    let misspelt = "selct = [\"NU\"]\n";
    assert!(!validator.is_valid(&as_json(misspelt)));
    std::fs::write(dir.path().join("normlint.toml"), misspelt).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run_in(dir.path(), &["check", "a.md"]).0, 2);
}

#[test]
fn json_names_the_package_part_of_docx_offsets() {
    let (_, out, _) = run(&["check", "samples/flawed/home-care-draft.docx", "--format", "json"]);
    let report = json(&out);
    let diagnostics = report["diagnostics"].as_array().cloned().unwrap_or_default();
    assert!(!diagnostics.is_empty());
    assert!(diagnostics.iter().all(|d| d["part"] == "word/document.xml"), "{out}");
    let (_, md, _) = run(&["check", "samples/flawed/home-care-draft.md", "--format", "json"]);
    assert!(json(&md)["diagnostics"].as_array().into_iter().flatten().all(|d| d["part"].is_null()));
}

#[test]
fn set_findings_on_sts_point_at_lines_of_the_xml_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sample = repo().join("samples/compliant/community-home-care.sts.xml");
    let xml = std::fs::read_to_string(&sample).unwrap_or_else(|e| panic!("{e}"));
    for name in ["a.sts.xml", "b.sts.xml"] {
        std::fs::write(dir.path().join(name), &xml).unwrap_or_else(|e| panic!("{e}"));
    }
    let (_, out, _) = run_in(dir.path(), &["check", ".", "--format", "json", "--select", "SE001"]);
    let report = json(&out);
    let findings = report["diagnostics"].as_array().cloned().unwrap_or_default();
    assert_eq!(findings.len(), 2, "{out}");
    let xml_line = xml.lines().position(|l| l.contains("DB4403/T 512—2025")).map_or(0, |i| i + 1);
    for f in findings {
        assert_eq!(f["line"].as_u64(), Some(xml_line as u64), "{f}");
    }
}
