//! Bad input never crashes the run: every broken package, malformed or hostile XML file gets
//! one diagnostic with a location, and the documents beside it are still checked.

mod support;

use std::path::Path;
use std::time::Instant;

use normlint::check::{FileReport, Settings, check_bytes};
use support::{Numbers, Outline};

fn check(name: &str, bytes: Vec<u8>) -> FileReport {
    check_bytes(Path::new(name), bytes, &Settings::default(), None)
}

/// The codes of a report, with the line of each, for assertion messages.
fn codes(report: &FileReport) -> Vec<(&'static str, usize, String)> {
    report.findings.iter().map(|f| (f.code, f.line, f.message.en.clone())).collect()
}

fn only(report: &FileReport, code: &str) -> bool {
    report.findings.len() == 1 && report.findings.first().is_some_and(|f| f.code == code && f.line >= 1)
}

fn small_docx() -> Vec<u8> {
    let md = "# 社区助餐服务规范\n\n## 前言\n\n本文件由深圳市民政局提出。\n\n## 1　范围\n\n本文件规定了社区助餐服务的要求。\n";
    support::docx(&Outline::of(md), Numbers::Typed)
}

#[test]
fn a_truncated_docx_is_io004() {
    let whole = small_docx();
    for keep in [whole.len() / 2, 30, 4] {
        let report = check("draft.docx", whole.get(..keep).unwrap_or_default().to_vec());
        assert!(only(&report, "IO004"), "{keep} bytes: {:?}", codes(&report));
    }
}

#[test]
fn a_file_named_docx_that_is_not_a_zip_is_io004() {
    let report = check("draft.docx", "1　范围\n本文件规定了……".as_bytes().to_vec());
    assert!(only(&report, "IO004"), "{:?}", codes(&report));
}

#[test]
fn a_zip_without_word_document_xml_names_the_missing_part() {
    let bytes =
        support::zip_parts(&[("[Content_Types].xml", "<Types/>".to_owned()), ("docProps/app.xml", "<x/>".to_owned())]);
    let report = check("draft.docx", bytes);
    assert!(only(&report, "IO004"), "{:?}", codes(&report));
    assert!(report.findings.iter().any(|f| f.message.en.contains("document.xml")), "{:?}", codes(&report));
}

#[test]
fn a_malformed_document_part_reports_where() {
    let bytes = support::zip_parts(&[(
        "word/document.xml",
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>1 范围</w:r></w:p></w:body></w:document>".to_owned(),
    )]);
    let report = check("draft.docx", bytes);
    let codes = codes(&report);
    assert!(codes.len() == 1 && matches!(codes.first(), Some(("IO003" | "IO004", _, _))), "{codes:?}");
}

/// A part that inflates to 1 GiB (a 1 MB zip bomb, `tests/fixtures/bad/bomb-1gib.docx`) is
/// refused once 64 MiB have been inflated, never held whole.
#[test]
fn a_part_inflating_to_a_gibibyte_is_io007() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/bomb-1gib.docx");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(bytes.len() < 2 << 20, "the bomb is small: {}", bytes.len());
    let report = check("bomb.docx", bytes);
    assert!(only(&report, "IO007"), "{:?}", codes(&report));
    assert!(report.findings.iter().any(|f| f.message.en.contains("64 MiB")), "{:?}", codes(&report));
}

/// Entity declarations are never expanded, so a billion-laughs document stays small and fast.
#[test]
fn billion_laughs_is_not_expanded() {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE standard [\n<!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let previous = if level == 1 { "lol".to_owned() } else { format!("lol{}", level - 1) };
        xml.push_str(&format!("<!ENTITY lol{level} \"{}\">\n", format!("&{previous};").repeat(10)));
    }
    xml.push_str("]>\n<standard><body><sec><label>1</label><title>范围</title><p>&lol9;</p></sec></body></standard>\n");
    let started = Instant::now();
    let report = check("laughs.sts.xml", xml.into_bytes());
    // Not a timing assertion on speed, a guard against exponential work: expanded, this
    // document is 3 GB of text.
    assert!(started.elapsed().as_secs() < 30);
    assert!(!report.findings.iter().any(|f| f.code == "IO006"), "{:?}", codes(&report));
    assert!(report.findings.iter().all(|f| f.message.en.len() < 2000), "{:?}", codes(&report));
}

#[test]
fn malformed_xml_points_at_the_fault() {
    let xml = "<?xml version=\"1.0\"?>\n<standard>\n<body>\n<sec><title>范围</sec>\n</body></standard>\n";
    let report = check("broken.sts.xml", xml.as_bytes().to_vec());
    assert!(only(&report, "IO003"), "{:?}", codes(&report));
    assert!(report.findings.iter().all(|f| f.line == 4), "{:?}", codes(&report));
}

#[test]
fn deep_nesting_is_io007_not_a_stack_overflow() {
    let depth = 200_000;
    let xml = format!("<standard><body>{}{}</body></standard>", "<sec>".repeat(depth), "</sec>".repeat(depth));
    let report = check("deep.sts.xml", xml.into_bytes());
    assert!(only(&report, "IO007"), "{:?}", codes(&report));
}

#[test]
fn legacy_formats_say_how_to_convert() {
    // The OLE compound-file signature of .doc / .wps.
    let ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    for name in ["draft.doc", "draft.wps"] {
        let report = check(name, ole.clone());
        assert!(only(&report, "IO008"), "{name}: {:?}", codes(&report));
    }
}

#[test]
fn a_broken_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let write =
        |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    write("a-broken.docx", b"PK\x03\x04 truncated");
    write("b-broken.sts.xml", b"<standard><body><sec>");
    write("c-good.docx", &small_docx());
    let report = normlint::check::run(&[dir.path().to_path_buf()], &[], &Settings::default(), None)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.files.len(), 3);
    let good = report.files.iter().find(|f| f.path.ends_with("c-good.docx"));
    assert!(good.is_some_and(|f| f.findings.iter().all(|x| !x.code.starts_with("IO"))), "{:?}", good.map(codes));
}
