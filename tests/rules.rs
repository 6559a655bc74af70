//! Every registered rule is documented, speaks both languages, and has a fixture that makes it
//! fire and one that must not (`tests/fixtures/rules/<CODE>/fire.*` and `pass.*`).

use std::path::{Path, PathBuf};

use normlint::check::{Settings, check_document, check_file};
use normlint::diagnostic::Message;
use normlint::model::Format;
use normlint::read::parse;
use normlint::rules::{Context, Rule, RuleMeta, registry};
use normlint::source::{SourceFile, Span};

fn fixture_dir(code: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules").join(code)
}

fn fixture(code: &str, stem: &str) -> Option<PathBuf> {
    let dir = fixture_dir(code);
    std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(stem))
}

/// The findings of a fixture: one file, or a directory checked as a set (with its
/// `catalogue.csv` / `catalogue.toml` when it has one).
fn codes_in(path: &Path) -> Vec<(&'static str, Message)> {
    if path.is_dir() {
        let mut settings = Settings::default();
        for name in ["catalogue.csv", "catalogue.toml"] {
            let catalogue = path.join(name);
            if catalogue.exists() {
                settings.catalogue = normlint::catalogue::Catalogue::load(&catalogue).ok();
            }
        }
        let report =
            normlint::check::run(&[path.to_path_buf()], &[], &settings, None).unwrap_or_else(|e| panic!("{e}"));
        return report.files.into_iter().flat_map(|f| f.findings).map(|f| (f.code, f.message)).collect();
    }
    check_file(path, &Settings::default(), None).findings.into_iter().map(|f| (f.code, f.message)).collect()
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
fn every_document_rule_fires_on_its_fixture_and_not_on_its_counterpart() {
    let mut problems = Vec::new();
    for rule in registry().iter().filter(|r| !r.meta().code.starts_with("IO")) {
        let code = rule.meta().code;
        let (Some(fire), Some(pass)) = (fixture(code, "fire"), fixture(code, "pass")) else {
            problems.push(format!("{code}: missing fire/pass fixture in {}", fixture_dir(code).display()));
            continue;
        };
        let fired: Vec<Message> = codes_in(&fire).into_iter().filter(|(c, _)| *c == code).map(|(_, m)| m).collect();
        if fired.is_empty() {
            problems.push(format!("{code}: does not fire on {}", fire.display()));
        }
        for message in &fired {
            if message.zh.trim().is_empty() || message.en.trim().is_empty() || message.zh == message.en {
                problems.push(format!("{code}: message not given in both languages: {message:?}"));
            }
        }
        if codes_in(&pass).iter().any(|(c, _)| *c == code) {
            problems.push(format!("{code}: fires on {}", pass.display()));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn io001_unreadable_path() {
    let missing = fixture_dir("IO001").join("missing.md");
    assert!(codes_in(&missing).iter().any(|(c, _)| *c == "IO001"));
}

#[test]
fn io002_binary_and_undecodable_but_not_gb18030() {
    for stem in ["fire", "undecodable"] {
        let path = fixture("IO002", stem).unwrap_or_default();
        assert!(codes_in(&path).iter().any(|(c, _)| *c == "IO002"), "{}", path.display());
    }
    let pass = fixture("IO002", "pass").unwrap_or_default();
    assert!(codes_in(&pass).iter().all(|(c, _)| *c != "IO002"));
}

#[test]
fn io005_no_structure_and_empty() {
    for stem in ["fire", "empty"] {
        let path = fixture("IO005", stem).unwrap_or_default();
        let codes = codes_in(&path);
        assert_eq!(codes.iter().map(|(c, _)| *c).collect::<Vec<_>>(), vec!["IO005"], "{}", path.display());
    }
    let pass = fixture("IO005", "pass").unwrap_or_default();
    assert!(codes_in(&pass).iter().all(|(c, _)| *c != "IO005"));
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
        .unwrap_or_default();
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
