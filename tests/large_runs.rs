//! What a run over many documents keeps, and that what it leaves out changes nothing: a
//! rendered run holds each file's text instead of its findings (set findings rendered as they
//! are made), text past a few MB waits in a temporary file, and the citations kept for SE002
//! have no anchor until one is reported (then the file is read again).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use normlint::check::{self, Finding, Settings};
use normlint::diagnostic::{Lang, Severity};
use normlint::findings::{FileReport, RenderedFinding, Spill};
use normlint::report::{concise, json};

fn sample(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A set with every kind of set finding on documents that have findings of their own:
/// `current.md` is DB4403/T 512—2025, `citing.md` cites its 2020 edition (SE002), `copy.md`
/// carries the same designation (SE001), the draft defines the same terms otherwise (SE003).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let current = sample("compliant/community-home-care.md");
    write(&dir.path().join("a/current.md"), &current);
    let citing = current
        .replacen("DB4403/T 512—2025", "DB4403/T 513—2025", 1)
        .replace("服务过程应符合GB/T 43153—2023的规定", "服务过程应符合DB4403/T 512—2020的规定");
    write(&dir.path().join("a/citing.md"), &citing);
    write(&dir.path().join("b/copy.md"), &current);
    write(&dir.path().join("b/draft.md"), &sample("flawed/home-care-draft.md"));
    dir
}

fn concise_renderer(lang: Lang) -> impl Fn(&check::RenderedFile<'_>, &[Finding]) -> String + Sync {
    move |file: &check::RenderedFile<'_>, findings: &[Finding]| {
        concise::lines(&file.path.display().to_string(), findings, lang)
    }
}

#[test]
fn a_rendered_run_prints_what_a_run_that_keeps_its_findings_prints() {
    let dir = project();
    let lang = Lang::En;
    let paths = [dir.path().to_path_buf()];
    let render = concise_renderer(lang);
    let rendered = check::run(&paths, &[], &Settings::default(), Some(&render)).unwrap_or_else(|e| panic!("{e}"));
    let kept = check::run(&paths, &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
    let printed: String = rendered.files.iter().map(|f| concise::file(f, lang).into_owned()).collect();
    assert_eq!(printed, concise::render(&kept.files, lang));
    for code in ["SE001", "SE002", "SE003"] {
        assert!(printed.contains(&format!(" {code} ")), "no {code} in\n{printed}");
    }
    // The rendered run keeps no finding of a document it read, set findings included.
    assert!(rendered.files.iter().all(|f| f.findings.is_empty()), "findings kept beside their text");
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        assert_eq!(rendered.count(severity), kept.count(severity));
    }
    // A set finding sorts among the document's own: SE003 on a term comes before the
    // findings of later lines.
    let draft: Vec<&str> = printed.lines().filter(|l| l.contains("draft.md:")).collect();
    let se003 = draft.iter().position(|l| l.contains(" SE003 ")).unwrap_or_else(|| panic!("{draft:?}"));
    assert!(se003 + 1 < draft.len(), "SE003 is the last line of the draft: not merged");
}

fn se002(report: &FileReport) -> &Finding {
    report
        .findings
        .iter()
        .find(|f| f.code == "SE002")
        .unwrap_or_else(|| panic!("no SE002 in {}", report.path.display()))
}

fn report_of<'r>(reports: &'r [FileReport], name: &str) -> &'r FileReport {
    reports.iter().find(|r| r.path.ends_with(name)).unwrap_or_else(|| panic!("no report for {name}"))
}

#[test]
fn a_citation_kept_without_its_anchor_is_anchored_from_the_file_when_reported() {
    let dir = project();
    let files: Vec<PathBuf> = ["a/current.md", "a/citing.md"].iter().map(|n| dir.path().join(n)).collect();
    // Read from disk: the citations are kept as spans, and SE002 reads citing.md again.
    let run = check::run(&files, &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
    let citing = report_of(&run.files, "citing.md");
    let facts = citing.facts.as_deref().unwrap_or_else(|| panic!("no facts"));
    assert!(facts.deferred.is_some() && facts.references.iter().all(|r| r.at.is_none()));
    let from_disk = se002(citing);
    // From bytes: the anchors are made while the document is alive.
    let mut in_memory: Vec<FileReport> = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{e}"));
            check::check_bytes(p, bytes, &Settings::default(), None)
        })
        .collect();
    assert!(in_memory.iter().all(|r| r.facts.as_ref().is_some_and(|f| f.deferred.is_none())));
    normlint::set::check(&mut in_memory, None);
    let anchored = se002(report_of(&in_memory, "citing.md"));
    let place = |f: &Finding| {
        (f.line, f.column, f.end_line, f.end_column, f.offset, f.length, f.clause.clone(), f.excerpt.clone())
    };
    assert_eq!(place(from_disk), place(anchored));
    assert!(from_disk.line > 1 && from_disk.excerpt.snippet == "DB4403/T 512—2020", "{from_disk:?}");
}

#[test]
fn a_file_changed_before_its_citation_is_reported_gets_the_finding_at_its_start() {
    let dir = project();
    let current = check::check_file(&dir.path().join("a/current.md"), &Settings::default(), None);
    let citing_path = dir.path().join("a/citing.md");
    let citing = check::check_file(&citing_path, &Settings::default(), None);
    let mut reports = vec![current, citing];
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    write(&citing_path, "# changed since\n");
    normlint::set::check(&mut reports, None);
    let finding = se002(report_of(&reports, "citing.md"));
    assert_eq!((finding.line, finding.column, finding.offset), (1, 1, 0));
    assert!(finding.message.en.contains("DB4403/T 512—2020"), "{}", finding.message.en);
}

fn key(line: usize) -> RenderedFinding {
    RenderedFinding {
        line,
        column: 1,
        code: "TY001",
        name: "halfwidth-punctuation",
        severity: Severity::Warning,
        end: 0,
    }
}

fn report(name: &str) -> FileReport {
    FileReport::empty(PathBuf::from(name))
}

#[test]
fn spilled_text_reads_back_in_order_with_what_was_added_after() {
    let spill = Arc::new(Spill::new().unwrap_or_else(|e| panic!("{e}")));
    let (mut one, mut two) = (report("one.md"), report("two.md"));
    one.append_rendered(vec![(key(1), "one:1\n".into()), (key(2), "one:2\n".into())]);
    two.append_rendered(vec![(key(1), "two:1\n".into())]);
    // Interleaved in the file, as parallel tasks write.
    one.spill_rendered(&spill);
    two.spill_rendered(&spill);
    assert!(one.rendered.is_none() && one.was_rendered());
    one.append_rendered(vec![(key(3), "one:3 set\n".into())]);
    one.spill_rendered(&spill);
    one.append_rendered(vec![(key(4), "one:4\n".into())]);
    let ends: Vec<usize> = one.rendered_findings.iter().map(|f| f.end).collect();
    assert_eq!(ends, [6, 12, 22, 28]);
    let text = one.take_rendered().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text.as_deref(), Some("one:1\none:2\none:3 set\none:4\n"));
    assert!(!one.was_rendered());
    assert_eq!(two.take_rendered().unwrap_or_else(|e| panic!("{e}")).as_deref(), Some("two:1\n"));
    // The pieces follow the text read back.
    one.rendered = text;
    let pieces: Vec<&str> = one.rendered_pieces().map(|(_, piece)| piece).collect();
    assert_eq!(pieces, ["one:1\n", "one:2\n", "one:3 set\n", "one:4\n"]);
}

#[test]
fn cached_facts_without_anchors_give_the_same_set_findings() {
    let dir = project();
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_normlint"))
            .current_dir(dir.path())
            .args(["check", ".", "--format", "json", "--lang", "en"])
            .args(extra)
            .env_remove(normlint::cache::CACHE_DIR_ENV)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        regex::Regex::new(r#""elapsed_ms": \d+"#).map(|r| r.replace(&text, "").into_owned()).unwrap_or(text)
    };
    let fresh = run(&["--no-cache"]);
    let filled = run(&[]);
    let cached = run(&[]);
    assert!(fresh.contains("\"SE002\""), "{fresh}");
    assert_eq!(filled, fresh);
    assert_eq!(cached, fresh);
}

#[test]
fn a_run_rendering_json_entries_writes_the_document_a_run_keeping_its_findings_writes() {
    let dir = project();
    let lang = Lang::En;
    let paths = [dir.path().to_path_buf()];
    let render = |file: &check::RenderedFile<'_>, findings: &[Finding]| json::entries(file, findings, lang);
    let mut rendered = check::run(&paths, &[], &Settings::default(), Some(&render)).unwrap_or_else(|e| panic!("{e}"));
    let kept = check::run(&paths, &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
    let mut written = Vec::new();
    json::write_rendered(&mut rendered, lang, &mut written).unwrap_or_else(|e| panic!("{e}"));
    let untimed = |text: &str| regex::Regex::new(r#""elapsed_ms": \d+"#).map(|r| r.replace(text, "").into_owned());
    let written = untimed(&String::from_utf8_lossy(&written)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written, untimed(&json::render(&kept, lang)).unwrap_or_else(|e| panic!("{e}")));
    assert!(written.contains("\"SE002\"") && written.contains("\"SE003\""), "{written}");
    // Nothing found: the empty array, as serde_json prints it.
    let mut none = check::run(&[dir.path().join("a/current.md")], &[], &Settings::default(), Some(&render))
        .unwrap_or_else(|e| panic!("{e}"));
    none.files.iter_mut().for_each(|f| {
        f.rendered_findings.clear();
        f.rendered = None;
    });
    let mut empty = Vec::new();
    json::write_rendered(&mut none, lang, &mut empty).unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&empty).ends_with("\"diagnostics\": []\n}"));
}

/// Every machine format written from the pieces a rendered run keeps is the one written from
/// the findings a run keeps whole, fingerprints included: two SE002 in one clause on the same
/// old edition share a fingerprint before it is made unique, and the second gets its ordinal
/// among the file's findings.
#[test]
fn machine_formats_written_from_rendered_pieces_are_those_written_from_the_findings() {
    use normlint::findings::UniqueFingerprints;
    use normlint::report::machine::{self, Machine};
    let dir = project();
    let citing = dir.path().join("a/citing.md");
    let text = std::fs::read_to_string(&citing).unwrap_or_else(|e| panic!("{e}"));
    let twice = text.replace(
        "服务过程应符合DB4403/T 512—2020的规定",
        "服务过程应符合DB4403/T 512—2020的规定，服务记录应符合DB4403/T 512—2020的要求",
    );
    assert_ne!(twice, text);
    write(&citing, &twice);
    let lang = Lang::Zh;
    let paths = [dir.path().to_path_buf()];
    let kept = check::run(&paths, &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
    let repeated = kept.files.iter().any(|file| {
        let mut unique = UniqueFingerprints::default();
        file.findings.iter().any(|f| {
            f.code.starts_with("SE") && {
                let base = f.fingerprint(&file.path);
                unique.next(base.clone()) != base
            }
        })
    });
    assert!(repeated, "no set finding repeats another's fingerprint: the test tests nothing");
    let untimed = regex::Regex::new(r#"time="[0-9.]+""#).unwrap_or_else(|e| panic!("{e}"));
    for format in [Machine::JsonLines, Machine::Sarif, Machine::Github, Machine::Gitlab, Machine::Junit] {
        let render = move |file: &check::RenderedFile<'_>, findings: &[Finding]| -> String {
            findings.iter().map(|f| machine::piece(format, file.path, f, &file.fingerprint(f), lang)).collect()
        };
        let mut rendered =
            check::run(&paths, &[], &Settings::default(), Some(&render)).unwrap_or_else(|e| panic!("{e}"));
        assert!(rendered.files.iter().all(|f| f.findings.is_empty()), "{format:?}: findings kept beside their text");
        let mut kept = check::run(&paths, &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
        let write = |report: &mut normlint::findings::RunReport| {
            let mut out = Vec::new();
            machine::write(format, report, lang, &mut out).unwrap_or_else(|e| panic!("{e}"));
            let text = String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"));
            untimed.replace(&text, "").into_owned()
        };
        let written = write(&mut rendered);
        assert_eq!(written, write(&mut kept), "{format:?}");
        assert!(written.contains("SE003"), "{format:?}: no set finding in\n{written}");
    }
}

/// SE003 compares documents, not renditions of one, and names for each use the first
/// definition of another wording in another document: `a.md` and `a.draft.md` (one document,
/// two wordings) are not reported against each other; `b.md`, worded as `a.md`, is reported
/// against `a.draft.md`. `c.md` defines the term many ways on its own, which is DuplicateTerm's to
/// report, not SE003's, and must not make SE003 compare every pair of its definitions.
#[test]
fn conflicting_definitions_skip_renditions_and_the_same_wording() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/SE003/fire/a.md");
    let a = std::fs::read_to_string(&fixture).unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    let definition = "为社区老年人提供的集中用餐、送餐上门等服务。";
    assert!(a.contains(definition), "the fixture changed");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(&dir.path().join("a.md"), &a);
    write(&dir.path().join("a.draft.md"), &a.replace(definition, "为老年人提供的助餐服务。"));
    write(&dir.path().join("b.md"), &a);
    let many: String = (0..400)
        .map(|k| format!("### 3.{}\n\n社区助餐服务 community meal assistance service\n\n第{k}种助餐服务。\n\n", k + 2))
        .collect();
    write(&dir.path().join("c.md"), &a.replacen("## 4 基本要求", &format!("{many}## 4 基本要求"), 1));
    let paths = [dir.path().to_path_buf()];
    let report = check::run(&paths, &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
    let se003 = |name: &str| -> Vec<String> {
        report_of(&report.files, name)
            .findings
            .iter()
            .filter(|f| f.code == "SE003")
            .map(|f| f.message.en.clone())
            .collect()
    };
    assert!(se003("a.md").iter().all(|m| !m.contains("a.draft.md")), "{:?}", se003("a.md"));
    assert!(se003("a.draft.md").iter().all(|m| !m.contains("/a.md")), "{:?}", se003("a.draft.md"));
    let b = se003("b.md");
    assert!(b.first().is_some_and(|m| m.contains("a.draft.md")), "{b:?}");
    // c.md's own definitions: each is reported once, against another document.
    let c = se003("c.md");
    assert!(c.len() > 400 && c.iter().all(|m| !m.contains("c.md")), "{} {:?}", c.len(), c.first());
}
