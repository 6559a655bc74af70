//! The README tells the truth: the parts that describe the program — how many rules there are,
//! which ones `--fix` applies, what the samples give — are generated from the program between
//! `<!-- begin generated: NAME -->` and `<!-- end generated: NAME -->` markers, and this test
//! fails when they differ. `NORMLINT_BLESS=1 cargo test --test readme` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use normlint::rules::registry;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn normlint(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_normlint"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap_or_else(|e| panic!("cannot run normlint: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// How many rules, per family, and the fixable ones.
fn rules_section() -> String {
    let all = registry();
    let mut families: BTreeMap<normlint::rules::Family, usize> = BTreeMap::new();
    for rule in all {
        *families.entry(rule.meta().family).or_default() += 1;
    }
    let counts: Vec<String> = families.iter().map(|(f, n)| format!("{} {n}", f.prefix())).collect();
    let fixable: Vec<String> = all
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.fixable)
        .map(|m| format!("{} ({}: {})", m.code, m.name, m.summary))
        .collect();
    format!(
        "{} rules in {} families ({}).\n\n`--fix` applies the safe fixes of {} rules: {}.\n",
        all.len(),
        families.len(),
        counts.join(", "),
        fixable.len(),
        fixable.join("; ")
    )
}

/// The first finding of the full report on the Markdown draft.
fn full_example_section() -> String {
    let args = ["check", "samples/flawed/home-care-draft.md", "--lang", "zh"];
    let out = normlint(&args);
    let starts_finding = |l: &str| {
        l.len() > 6 && l.get(..5).is_some_and(|c| c.chars().all(|ch| ch.is_ascii_alphanumeric())) && l.contains('(')
    };
    let mut lines: Vec<&str> = Vec::new();
    for line in out.lines() {
        if starts_finding(line) && !lines.is_empty() {
            break;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    format!("```text\n$ normlint {}\n{}\n…\n```\n", args.join(" "), lines.join("\n"))
}

/// The first and last lines of the concise report on all samples, and its summary.
fn samples_example_section() -> String {
    let args = ["check", "samples/", "--format", "concise", "--lang", "en"];
    let out = normlint(&args);
    let lines: Vec<&str> = out.lines().collect();
    let (findings, summary) = match lines.split_last() {
        Some((summary, findings)) => (findings, *summary),
        None => (&[][..], ""),
    };
    let mut shown: Vec<&str> = findings.iter().take(3).copied().collect();
    if findings.len() > 6 {
        shown.push("…");
    }
    shown.extend(findings.iter().skip(findings.len().saturating_sub(3).max(3)));
    format!("```text\n$ normlint {}\n{}\n{summary}\n```\n", args.join(" "), shown.join("\n"))
}

/// The elapsed time of a summary line is not the README's business.
fn without_timing(text: &str) -> String {
    text.lines()
        .map(|l| match l.rfind(" in ").filter(|_| l.starts_with("Checked ")) {
            Some(i) => format!("{} in [time]", &l[..i]),
            None => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text between the markers of `name`, and where it is.
fn section(readme: &str, name: &str) -> Option<(usize, usize)> {
    let begin = format!("<!-- begin generated: {name} ");
    let end = format!("<!-- end generated: {name} -->");
    let start = readme.find(&begin)?;
    let body = start + readme.get(start..)?.find('\n')? + 1;
    let stop = body + readme.get(body..)?.find(&end)?;
    Some((body, stop))
}

#[test]
fn the_generated_parts_of_the_readme_are_up_to_date() {
    let path = repo().join("README.md");
    let mut readme = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let sections = [
        ("rules", rules_section()),
        ("full-example", full_example_section()),
        ("samples-example", samples_example_section()),
    ];
    let bless = std::env::var_os("NORMLINT_BLESS").is_some();
    let mut stale = Vec::new();
    for (name, generated) in &sections {
        let (body, stop) =
            section(&readme, name).unwrap_or_else(|| panic!("README.md has no generated section {name}"));
        let committed = readme.get(body..stop).unwrap_or_default().to_owned();
        if without_timing(&committed) != without_timing(generated) {
            if bless {
                readme.replace_range(body..stop, generated);
            } else {
                stale.push(format!("--- {name}: README.md has\n{committed}\n--- the program gives\n{generated}"));
            }
        }
    }
    if bless {
        std::fs::write(&path, &readme).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(
        stale.is_empty(),
        "README.md is out of date (NORMLINT_BLESS=1 cargo test --test readme rewrites it):\n{}",
        stale.join("\n")
    );
}

#[test]
fn check_help_names_every_fixable_rule() {
    let help = normlint(&["check", "--help"]);
    let fix = help.split("--fix").nth(1).unwrap_or_default().split("--diff").next().unwrap_or_default();
    for meta in registry().iter().map(|r| r.meta()).filter(|m| m.fixable) {
        assert!(fix.contains(meta.code), "`check --help` does not name {} under --fix:\n{fix}", meta.code);
    }
}

#[test]
fn help_and_messages_name_every_input_format() {
    for args in [&["--help"][..], &["check", "--help"]] {
        let help = normlint(args);
        for format in ["Markdown", "XML", ".docx"] {
            assert!(help.contains(format), "`normlint {}` does not mention {format}", args.join(" "));
        }
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new(env!("CARGO_BIN_EXE_normlint"))
        .args(["check", "."])
        .current_dir(dir.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("*.xml, *.docx"), "{stderr}");
}

/// Every rule that says it is fixable offers a fix on its fixtures, and no other rule does:
/// the flag the README's list comes from cannot drift from what the rules do.
#[test]
fn the_fixable_flag_matches_what_the_rules_do() {
    let settings = normlint::check::Settings { show_all: true, ..Default::default() };
    let fixtures = repo().join("tests/fixtures/rules");
    let mut offered: BTreeMap<&str, bool> = BTreeMap::new();
    let dirs = std::fs::read_dir(&fixtures).unwrap_or_else(|e| panic!("{e}"));
    for dir in dirs.filter_map(Result::ok).map(|e| e.path()) {
        let files = std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok).map(|e| e.path());
        for file in files.filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md" || e == "txt")) {
            for finding in normlint::check::check_file(&file, &settings, None).findings {
                *offered.entry(finding.code).or_default() |= finding.fix.is_some();
            }
        }
    }
    for meta in registry().iter().map(|r| r.meta()) {
        let fixes = offered.get(meta.code).copied().unwrap_or(false);
        assert_eq!(fixes, meta.fixable, "{}: fixable is {} but its fixtures say {fixes}", meta.code, meta.fixable);
    }
}

#[test]
fn documentation_names_paths_inside_the_repository() {
    for doc in ["README.md", "samples/README.md", "docs/reliability.md"] {
        let text = std::fs::read_to_string(repo().join(doc)).unwrap_or_default();
        assert!(!text.contains("/work/"), "{doc} names a path outside the repository");
        assert!(Path::new(&repo().join(doc)).exists(), "{doc} is missing");
    }
}

/// The scripts CI does not run (`bench-compare.sh`, `pgo-build.sh` take minutes) still parse.
#[test]
fn every_shell_script_parses() {
    let Ok(entries) = std::fs::read_dir(repo().join("scripts")) else { return };
    let mut scripts: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "sh")).collect();
    scripts.sort();
    assert!(scripts.iter().any(|p| p.ends_with("pgo-build.sh")), "scripts/pgo-build.sh is missing");
    for script in scripts {
        let Ok(status) = std::process::Command::new("bash").arg("-n").arg(&script).status() else {
            return; // no bash on this machine
        };
        assert!(status.success(), "{} does not parse", script.display());
    }
}
