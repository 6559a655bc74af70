//! Every registered rule is documented, speaks both languages, and has fixtures that pin what
//! it reports (`tests/fixtures/rules/<CODE>/`):
//!
//! - `fire.*` (and `fire-<case>.*`): the rule reports exactly the findings its sibling
//!   `<stem>.expected` lists, one `CODE LINE` a line (`CODE FILE:LINE` for a set folder);
//!   a finding missing or extra fails.
//! - `pass.*` (and `pass-<case>.*`): no rule at all reports an error or a warning.
//!
//! A fixture may be a folder, checked as a set (with its `catalogue.csv` / `catalogue.toml`).
//! `NORMLINT_BLESS=1 cargo test --test rules` rewrites the `.expected` files from what the rules
//! report now; review the diff before committing it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use normlint::check::{Finding, Settings, check_document, check_file};
use normlint::diagnostic::{Message, Severity};
use normlint::model::Format;
use normlint::read::parse;
use normlint::rules::{Context, Rule, RuleMeta, registry};
use normlint::source::{SourceFile, Span};

const EXPECTED: &str = "expected";

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn fixture_dir(code: &str) -> PathBuf {
    fixtures_root().join(code)
}

fn blessing() -> bool {
    std::env::var_os("NORMLINT_BLESS").is_some()
}

fn required_fixture(code: &str, stem: &str) -> PathBuf {
    fixture(code, stem).unwrap_or_else(|| panic!("no {stem} fixture in {}", fixture_dir(code).display()))
}

/// The single fixture named `stem` (`fire.md`, `pass.txt`, a `fire/` folder), if there is one.
fn fixture(code: &str, stem: &str) -> Option<PathBuf> {
    std::fs::read_dir(fixture_dir(code))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(stem))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Must produce exactly the findings of its `.expected` file.
    Fire,
    /// Must produce no error or warning at all.
    Pass,
}

struct Fixture {
    path: PathBuf,
    stem: String,
    role: Role,
}

impl Fixture {
    fn expected_path(&self) -> PathBuf {
        self.path.with_file_name(format!("{}.{EXPECTED}", self.stem))
    }
}

fn role_of(stem: &str) -> Option<Role> {
    let named = |prefix: &str| stem == prefix || stem.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('-'));
    if named("fire") {
        Some(Role::Fire)
    } else if named("pass") {
        Some(Role::Pass)
    } else {
        None
    }
}

/// The fire and pass fixtures of a rule, sorted by name; the `.expected` files are not fixtures.
fn fixtures_of(code: &str) -> Vec<Fixture> {
    let Ok(entries) = std::fs::read_dir(fixture_dir(code)) else { return Vec::new() };
    let mut found: Vec<Fixture> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) != Some(EXPECTED))
        .filter_map(|path| {
            let stem = if path.is_dir() { path.file_name() } else { path.file_stem() }?.to_str()?.to_owned();
            let role = role_of(&stem)?;
            Some(Fixture { path, stem, role })
        })
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// The findings of a fixture, each with where it is: `12` in a file, `b.md:12` in a set folder
/// (checked with its `catalogue.csv` / `catalogue.toml` when it has one).
fn findings_in(path: &Path) -> Vec<(Finding, String)> {
    // Every occurrence is expected on its own line, as `--show-all` reports them.
    let settings = Settings { show_all: true, ..Settings::default() };
    if path.is_dir() {
        let mut settings = Settings { show_all: true, ..Settings::default() };
        for name in ["catalogue.csv", "catalogue.toml"] {
            let catalogue = path.join(name);
            if catalogue.exists() {
                settings.catalogue = normlint::catalogue::Catalogue::load(&catalogue).ok();
            }
        }
        let report =
            normlint::check::run(&[path.to_path_buf()], &[], &settings, None).unwrap_or_else(|e| panic!("{e}"));
        return report
            .files
            .into_iter()
            .flat_map(|file| {
                let name = file.path.strip_prefix(path).unwrap_or(&file.path).display().to_string();
                file.findings.into_iter().map(move |f| {
                    let place = format!("{name}:{}", f.line);
                    (f, place)
                })
            })
            .collect();
    }
    check_file(path, &settings, None)
        .findings
        .into_iter()
        .map(|f| {
            let place = f.line.to_string();
            (f, place)
        })
        .collect()
}

fn codes_in(path: &Path) -> Vec<(&'static str, Message)> {
    findings_in(path).into_iter().map(|(f, _)| (f.code, f.message)).collect()
}

/// `CODE PLACE` lines, sorted; a finding reported twice on one line is listed twice.
fn expectation_lines(findings: &[(Finding, String)], code: &str) -> Vec<String> {
    let mut lines: Vec<String> =
        findings.iter().filter(|(f, _)| f.code == code).map(|(f, place)| format!("{} {place}", f.code)).collect();
    lines.sort_by_key(|line| natural_key(line));
    lines
}

/// Orders `NU005 9` before `NU005 10`.
fn natural_key(line: &str) -> (String, usize) {
    let (head, number) = line.rsplit_once([' ', ':']).unwrap_or((line, ""));
    (head.to_owned(), number.parse().unwrap_or(usize::MAX))
}

fn read_expectation(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    lines.sort_by_key(|line| natural_key(line));
    Some(lines)
}

fn write_expectation(fixture: &Fixture, code: &str, lines: &[String]) {
    let name = fixture.path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let mut text = format!(
        "# What {code} reports on {name}: one finding a line, the code and the line (file:line in a set folder).\n\
         # Rewrite with NORMLINT_BLESS=1 cargo test --test rules, then review the diff.\n"
    );
    for line in lines {
        let _ = writeln!(text, "{line}");
    }
    std::fs::write(fixture.expected_path(), text).unwrap_or_else(|e| panic!("{e}"));
}

fn describe(findings: &[&(Finding, String)]) -> String {
    findings
        .iter()
        .map(|(f, place)| format!("\n    {} {place} [{}] {}", f.code, f.severity.as_str(), f.message.en))
        .collect()
}

#[test]
fn every_rule_is_documented() {
    let mut problems = Vec::new();
    for rule in registry() {
        let m = rule.meta();
        for section in ["## What it checks", "## Why"] {
            if !m.doc.contains(section) {
                problems.push(format!("{}: doc lacks “{section}”", m.code));
            }
        }
        let has_examples = m.doc.contains("Bad") && m.doc.contains("Good");
        if !has_examples && !m.code.starts_with("IO") {
            problems.push(format!("{}: doc lacks a bad and a good example", m.code));
        }
        if m.name.is_empty() || m.name.contains(' ') || m.name.to_lowercase() != m.name {
            problems.push(format!("{}: name `{}` is not kebab-case", m.code, m.name));
        }
        if !m.code.starts_with(m.family.prefix()) {
            problems.push(format!("{}: code does not match family {}", m.code, m.family.prefix()));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_document_rule_reports_exactly_what_its_fixtures_expect() {
    let mut problems = Vec::new();
    for rule in registry().iter().filter(|r| !r.meta().code.starts_with("IO")) {
        let code = rule.meta().code;
        let fixtures = fixtures_of(code);
        for role in [Role::Fire, Role::Pass] {
            if !fixtures.iter().any(|f| f.role == role) {
                let name = if role == Role::Fire { "fire" } else { "pass" };
                problems.push(format!("{code}: no {name} fixture in {}", fixture_dir(code).display()));
            }
        }
        for fixture in &fixtures {
            let findings = findings_in(&fixture.path);
            let shown = fixture.path.strip_prefix(fixtures_root()).unwrap_or(&fixture.path).display().to_string();
            match fixture.role {
                Role::Fire => check_fire(code, fixture, &shown, &findings, &mut problems),
                Role::Pass => {
                    let loud: Vec<_> = findings.iter().filter(|(f, _)| f.severity > Severity::Info).collect();
                    if !loud.is_empty() {
                        problems.push(format!("{shown}: a pass fixture has errors or warnings:{}", describe(&loud)));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn check_fire(code: &str, fixture: &Fixture, shown: &str, findings: &[(Finding, String)], problems: &mut Vec<String>) {
    let actual = expectation_lines(findings, code);
    if blessing() {
        write_expectation(fixture, code, &actual);
    }
    if actual.is_empty() {
        problems.push(format!("{shown}: {code} does not fire"));
    }
    for (finding, _) in findings.iter().filter(|(f, _)| f.code == code) {
        let message = &finding.message;
        if message.zh.trim().is_empty() || message.en.trim().is_empty() || message.zh == message.en {
            problems.push(format!("{shown}: {code} message not given in both languages: {message:?}"));
        }
    }
    let expected_path = fixture.expected_path();
    let Some(expected) = read_expectation(&expected_path) else {
        problems.push(format!(
            "{shown}: no {} (write it with NORMLINT_BLESS=1 cargo test --test rules, then review it)",
            expected_path.display()
        ));
        return;
    };
    if expected != actual {
        let expected_set: BTreeSet<&String> = expected.iter().collect();
        let actual_set: BTreeSet<&String> = actual.iter().collect();
        let missing: Vec<&&String> = expected_set.difference(&actual_set).collect();
        let extra: Vec<_> = findings
            .iter()
            .filter(|(f, place)| f.code == code && !expected_set.contains(&format!("{} {place}", f.code)))
            .collect();
        problems.push(format!(
            "{shown}: {code} findings differ from {}\n  expected: {expected:?}\n  actual:   {actual:?}\n  missing: {missing:?}\n  extra:{}",
            expected_path.file_name().and_then(|n| n.to_str()).unwrap_or_default(),
            describe(&extra)
        ));
    }
}

#[test]
fn every_fixture_folder_belongs_to_a_rule_and_every_expectation_to_a_fixture() {
    let codes: BTreeSet<&str> = registry().iter().map(|r| r.meta().code).collect();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(fixtures_root()) else { panic!("{} is missing", fixtures_root().display()) };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !codes.contains(name.as_str()) {
            problems.push(format!("{name}: no rule has this code"));
            continue;
        }
        let fixtures = fixtures_of(&name);
        let Ok(files) = std::fs::read_dir(entry.path()) else { continue };
        for file in files.filter_map(Result::ok).map(|f| f.path()) {
            if file.extension().and_then(|e| e.to_str()) != Some(EXPECTED) {
                continue;
            }
            let owned = fixtures.iter().any(|f| f.role == Role::Fire && f.expected_path() == file);
            if !owned {
                problems.push(format!("{}: no fire fixture of that name", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_fixture_comparison_fails_on_a_missing_or_an_extra_finding() {
    assert!(role_of("fire-toc-leaders") == Some(Role::Fire) && role_of("pass") == Some(Role::Pass));
    assert!(role_of("firewall").is_none() && role_of("fire").is_some());
    if blessing() {
        return;
    }
    let fixture = Fixture { path: fixture_dir("NU005").join("fire.md"), stem: "fire".into(), role: Role::Fire };
    let findings = findings_in(&fixture.path);
    let mut problems = Vec::new();
    check_fire("NU005", &fixture, "NU005/fire.md", &findings, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let Some(first) = findings.iter().position(|(f, _)| f.code == "NU005") else { panic!("NU005 does not fire") };
    let differs = |problems: &[String]| problems.iter().any(|p| p.contains("findings differ from fire.expected"));
    let mut without_one = findings.clone();
    without_one.remove(first);
    check_fire("NU005", &fixture, "NU005/fire.md", &without_one, &mut problems);
    assert!(differs(&problems), "a missing finding fails: {problems:?}");
    problems.clear();
    let mut with_one_more = findings.clone();
    with_one_more.push(findings[first].clone());
    check_fire("NU005", &fixture, "NU005/fire.md", &with_one_more, &mut problems);
    assert!(differs(&problems), "an extra finding fails: {problems:?}");
}

#[test]
fn io001_unreadable_path() {
    let missing = fixture_dir("IO001").join("missing.md");
    assert!(codes_in(&missing).iter().any(|(c, _)| *c == "IO001"));
}

#[test]
fn io002_binary_and_undecodable_but_not_gb18030() {
    for stem in ["fire", "undecodable"] {
        let path = required_fixture("IO002", stem);
        assert!(codes_in(&path).iter().any(|(c, _)| *c == "IO002"), "{}", path.display());
    }
    let pass = required_fixture("IO002", "pass");
    assert!(codes_in(&pass).iter().all(|(c, _)| *c != "IO002"));
}

#[test]
fn io005_no_structure_and_empty() {
    for stem in ["fire", "empty"] {
        let path = required_fixture("IO005", stem);
        let codes = codes_in(&path);
        assert_eq!(codes.iter().map(|(c, _)| *c).collect::<Vec<_>>(), vec!["IO005"], "{}", path.display());
    }
    let pass = required_fixture("IO005", "pass");
    assert!(codes_in(&pass).iter().all(|(c, _)| *c != "IO005"));
    // A Word export whose headings lost their numbers: the 目次 gives them back, and the
    // document is checked like any other (no error or warning: it is the compliant sample).
    let rebuilt = required_fixture("IO005", "pass-numbers-from-toc");
    let report = check_file(&rebuilt, &Settings::default(), None);
    let serious: Vec<_> = report.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    assert!(serious.is_empty(), "{serious:#?}");
}

#[test]
fn io012_a_foreign_standard_is_said_once_and_not_checked() {
    let fire = required_fixture("IO012", "fire");
    let codes: Vec<&str> = codes_in(&fire).iter().map(|(c, _)| *c).collect();
    assert_eq!(codes, vec!["IO012"], "{}", fire.display());
    let pass = required_fixture("IO012", "pass");
    assert!(codes_in(&pass).iter().all(|(c, _)| *c != "IO012"));
}

#[test]
fn io010_converted_input_is_said_once() {
    let fire = required_fixture("IO010", "fire");
    let report = check_file(&fire, &Settings::default(), None);
    let converted: Vec<_> = report.findings.iter().filter(|f| f.code == "IO010").collect();
    assert_eq!(converted.len(), 1, "{:#?}", report.findings);
    assert!(converted[0].message.en.contains("page numbers"), "{}", converted[0].message.en);
    assert!(converted[0].message.en.contains("split by a page break"), "{}", converted[0].message.en);
    // The split drafting statement was joined again: no FW001, no unbalanced 《》.
    assert!(report.findings.iter().all(|f| !matches!(f.code, "FW001" | "TY002")), "{:#?}", report.findings);
    let pass = required_fixture("IO010", "pass");
    assert!(codes_in(&pass).iter().all(|(c, _)| *c != "IO010"));
}

#[test]
fn io011_missing_numbering_names_the_paragraph_and_the_missing_definition() {
    let fire = codes_in(&required_fixture("IO011", "fire"));
    let io011: Vec<&Message> = fire.iter().filter(|(c, _)| *c == "IO011").map(|(_, m)| m).collect();
    assert_eq!(io011.len(), 1, "{fire:?}");
    assert!(
        io011.iter().all(|m| m.en.contains("“范围”") && m.en.contains("definition 0 (w:abstractNum)")),
        "{io011:?}"
    );
    let pass = codes_in(&required_fixture("IO011", "pass"));
    assert!(pass.iter().all(|(c, _)| *c != "IO011"), "{pass:?}");
}

/// A rule that fails, to prove a panic becomes IO006 and the other rules still run.
struct Exploding;

static EXPLODING: RuleMeta = RuleMeta {
    code: "ZZ999",
    name: "exploding",
    family: normlint::rules::Family::Structure,
    severity: normlint::diagnostic::Severity::Error,
    clause: "—",
    summary: "test only",
    doc: "",
    repeats: normlint::rules::Repeats::Each,
    fixable: false,
};

impl Rule for Exploding {
    fn meta(&self) -> &'static RuleMeta {
        &EXPLODING
    }

    fn check(&self, ctx: &mut Context<'_>) {
        ctx.report(Span::empty(0), Message::new("之前", "before"));
        let empty: Vec<u8> = Vec::new();
        let index = ctx.doc.chapters.len() + 7;
        let _ = empty[index];
    }
}

#[test]
fn io006_a_panicking_rule_is_reported_and_the_others_run() {
    normlint::check::install_panic_hook();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/flawed/home-care-draft.md"))
        .unwrap_or_else(|e| panic!("samples/flawed/home-care-draft.md: {e}"));
    let doc = parse(SourceFile::from_text("draft.md", &text), Format::Markdown);
    let mut rules: Vec<&dyn Rule> = vec![&Exploding];
    rules.extend(registry().iter().copied());
    let report = check_document(doc, &Settings::default(), &rules, None);
    let internal: Vec<_> = report.findings.iter().filter(|f| f.code == "IO006").collect();
    assert_eq!(internal.len(), 1);
    assert!(internal[0].message.en.contains("ZZ999") && internal[0].message.en.contains("index out of bounds"));
    assert!(report.findings.iter().any(|f| f.code == "PV001"), "the other rules must still run");
    assert!(report.findings.iter().all(|f| f.code != "ZZ999"), "a failed rule's partial findings are dropped");
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let generated = normlint::cli::list_rules(normlint::cli::RulesFormat::Markdown);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("NORMLINT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{e}"));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md` (or NORMLINT_BLESS=1 cargo test)"
    );
}
