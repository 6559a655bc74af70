//! Format parity: a document written as Markdown (or text), as NISO STS XML and as .docx
//! (with typed numbers, and with Word's auto-numbering) gives the same findings — the same
//! codes at the same clauses.
//!
//! The STS and .docx versions of the samples in `samples/` are generated from the Markdown
//! and text ones by `tests/support`; this test fails when the committed copies are out of
//! date (`NORMLINT_WRITE_SAMPLES=1 cargo test --test format_parity` rewrites them).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use normlint::check::{Settings, check_bytes};
use normlint::model::{BlockKind, CaptionKind};
use support::{Numbers, Outline};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The authored samples and the stem their other formats take.
const AUTHORED: &[&str] = &[
    "compliant/community-home-care.md",
    "compliant/labour-dispute-mediation.txt",
    "flawed/home-care-draft.md",
    "flawed/labour-mediation-draft-gb18030.txt",
];

fn text_of(bytes: &[u8]) -> String {
    normlint::source::decode(bytes).map(|d| d.text).unwrap_or_default()
}

/// The generated versions of one authored sample: (file name, bytes).
fn generated(authored: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let path = samples().join(authored);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let outline = Outline::of(&text_of(&bytes));
    let stem = path.with_extension("");
    let named = |suffix: &str| PathBuf::from(format!("{}{suffix}", stem.display()));
    let mut out = vec![
        (named(".sts.xml"), support::sts(&outline).into_bytes()),
        (named(".docx"), support::docx(&outline, Numbers::Typed)),
    ];
    // Word numbers only what is numbered right; a draft's wrong numbers can only be typed.
    if authored.starts_with("compliant/") {
        out.push((named(".autonumbered.docx"), support::docx(&outline, Numbers::Word)));
    }
    out
}

#[test]
fn generated_samples_are_up_to_date() {
    let write = std::env::var_os("NORMLINT_WRITE_SAMPLES").is_some();
    let mut stale = Vec::new();
    for authored in AUTHORED {
        for (path, bytes) in generated(authored) {
            if write {
                std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            } else if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(stale.is_empty(), "out of date (NORMLINT_WRITE_SAMPLES=1 rewrites them): {stale:#?}");
}

/// (code, clause) of every finding, set-level rules aside (they compare documents).
fn findings(path: &Path, bytes: Vec<u8>) -> BTreeSet<(String, String)> {
    check_bytes(path, bytes, &Settings::default(), None)
        .findings
        .into_iter()
        .filter(|f| !f.code.starts_with("SE"))
        .map(|f| (f.code.to_owned(), f.clause.unwrap_or_default()))
        .collect()
}

/// Where a rendition of a sample differs from the sample in what `of` takes from a document:
/// the rendition's name and `describe(expected, got)`.
fn differences<T: PartialEq>(of: impl Fn(&Path, Vec<u8>) -> T, describe: impl Fn(&T, &T) -> String) -> Vec<String> {
    let mut problems = Vec::new();
    for authored in AUTHORED {
        let path = samples().join(authored);
        let expected = of(&path, std::fs::read(&path).unwrap_or_default());
        for (other, bytes) in generated(authored) {
            let got = of(&other, bytes);
            if got != expected {
                problems.push(format!("{}: {}", other.display(), describe(&expected, &got)));
            }
        }
    }
    problems
}

#[test]
fn every_format_gives_the_same_findings() {
    let problems = differences(findings, |expected, got| {
        let missing: Vec<_> = expected.difference(got).collect();
        let extra: Vec<_> = got.difference(expected).collect();
        format!("missing {missing:?}, extra {extra:?}")
    });
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Tables, figures and their captions in reading order: the renditions must carry a table as a
/// table and a figure as a figure, each caption on the side the source puts it.
fn floats(path: &Path, bytes: Vec<u8>) -> Vec<&'static str> {
    let (doc, _) = normlint::read::read_document(path, &bytes).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    // The rules find an element's end and a sentence's references by binary search: every
    // reader gives both in source order.
    assert!(doc.elements.is_sorted_by_key(|e| e.span.start), "{}: elements out of order", path.display());
    let references_in_order = doc.cross_references.is_sorted_by_key(|x| x.span.start);
    assert!(references_in_order, "{}: cross-references out of order", path.display());
    doc.blocks_with_place()
        .into_iter()
        .filter_map(|(_, b)| match b.kind {
            BlockKind::Table => Some("table"),
            BlockKind::Figure => Some("figure"),
            BlockKind::Caption { kind: CaptionKind::Table, .. } => Some("table caption"),
            BlockKind::Caption { kind: CaptionKind::Figure, .. } => Some("figure caption"),
            _ => None,
        })
        .collect()
}

#[test]
fn every_format_has_the_same_tables_and_figures() {
    let problems = differences(floats, |expected, got| format!("{got:?}, in the source {expected:?}"));
    assert!(problems.is_empty(), "{problems:#?}");
}
