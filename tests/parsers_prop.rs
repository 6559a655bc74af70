//! Property tests: the decoder and the readers never panic and every span they produce lies on
//! character boundaries inside the text.

use normlint::model::{Block, BlockKind, Clause, Document, Format};
use normlint::read::parse;
use normlint::source::{SourceFile, Span, decode};
use proptest::prelude::*;

fn check_span(doc: &Document, span: Span) {
    let text = &doc.source.text;
    assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} out of {}", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "span {span:?} splits a char");
}

fn check_blocks(doc: &Document, blocks: &[Block]) {
    for block in blocks {
        check_span(doc, block.span);
        if let BlockKind::Term(entry) = &block.kind {
            check_span(doc, entry.span);
            for t in [&entry.term_zh, &entry.term_en, &entry.definition, &entry.source].into_iter().flatten() {
                check_span(doc, t.span);
            }
        }
    }
}

fn check_clause(doc: &Document, clause: &Clause) {
    check_span(doc, clause.span);
    check_span(doc, clause.declared.span);
    check_blocks(doc, &clause.blocks);
    for child in &clause.children {
        check_clause(doc, child);
    }
}

fn check_document(doc: &Document) {
    for chapter in &doc.chapters {
        check_clause(doc, chapter);
    }
    for annex in &doc.annexes {
        check_span(doc, annex.span);
        check_blocks(doc, &annex.blocks);
        for c in &annex.clauses {
            check_clause(doc, c);
        }
    }
    for section in [&doc.foreword, &doc.introduction, &doc.bibliography].into_iter().flatten() {
        check_blocks(doc, &section.blocks);
    }
    for x in &doc.cross_references {
        check_span(doc, x.span);
    }
    // The rules find an element's end and a sentence's references by binary search: both
    // lists stand in source order.
    assert!(doc.elements.is_sorted_by_key(|e| e.span.start), "elements out of order");
    assert!(doc.cross_references.is_sorted_by_key(|x| x.span.start), "cross-references out of order");
    let _ = normlint::outline::render(doc);
}

/// Lines that look like the pieces of a standard, shuffled and glued with noise.
fn standard_like_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("前言".to_owned()),
        Just("## 1 范围".to_owned()),
        Just("2　规范性引用文件".to_owned()),
        Just("3 术语和定义".to_owned()),
        Just("### 3.1".to_owned()),
        Just("社区服务 community service".to_owned()),
        Just("附 录 A（规范性）服务".to_owned()),
        Just("（资料性）".to_owned()),
        Just("注1：说明。".to_owned()),
        Just("a) 项目；".to_owned()),
        Just("表1　项目".to_owned()),
        Just("<table><tr><td>1</td></tr>".to_owned()),
        Just("```".to_owned()),
        Just("<!--".to_owned()),
        Just("GB/T 1.1-2020 标准".to_owned()),
        Just("参考文献".to_owned()),
        Just("[1] GB/T 2".to_owned()),
        Just("目次".to_owned()),
        Just("一、总则".to_owned()),
        "[0-9.．５ A-Z]{0,12}".prop_map(|s| s),
        "\\PC{0,30}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decode_never_panics_and_maps_offsets_in_range(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(decoded) = decode(&bytes) {
            for (i, _) in decoded.text.char_indices() {
                prop_assert!(decoded.map.original(i) <= bytes.len());
            }
            prop_assert!(decoded.map.original(decoded.text.len()) <= bytes.len());
        }
    }

    #[test]
    fn readers_never_panic_on_arbitrary_text(text in "\\PC{0,400}") {
        for format in [Format::Markdown, Format::Text] {
            let doc = parse(SourceFile::from_text("x.md", &text), format);
            check_document(&doc);
        }
    }

    #[test]
    fn readers_never_panic_on_standard_like_text(lines in proptest::collection::vec(standard_like_line(), 0..60), crlf in any::<bool>()) {
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        for format in [Format::Markdown, Format::Text] {
            let doc = parse(SourceFile::from_text("x.md", &text), format);
            check_document(&doc);
            let settings = normlint::check::Settings::default();
            let report = normlint::check::check_document(doc, &settings, normlint::rules::registry(), None);
            prop_assert!(report.findings.iter().all(|f| f.code != "IO006"), "{:?}", report.findings);
        }
    }
}

#[test]
fn deep_nesting_and_long_lines_stay_linear() {
    let mut text = String::from("前言\n\n1 范围\n\n4 要求\n\n");
    for depth in 1..200 {
        text.push_str(&format!("4{} 标题\n\n", ".1".repeat(depth)));
    }
    text.push_str(&"很长的一行。".repeat(50_000));
    let doc = parse(SourceFile::from_text("deep.txt", &text), Format::Text);
    check_document(&doc);
    let report = normlint::check::check_document(doc, &Default::default(), normlint::rules::registry(), None);
    assert!(report.findings.iter().any(|f| f.code == "NU006"));
    assert!(report.findings.iter().all(|f| f.code != "IO006"));
}

/// The compliant Markdown sample, line by line.
fn sample_lines() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/compliant/community-home-care.md");
    std::fs::read_to_string(path).unwrap_or_default().lines().map(str::to_owned).collect()
}

/// Sentences with one defect `--fix` repairs each (and noise around them).
fn fixable_sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("服务人员应持证上岗,并定期参加培训。".to_owned()),
        Just("每年培训时间不少于２４学时。".to_owned()),
        Just("服务记录应符合GB/T 33168-2016的规定。".to_owned()),
        Just("本标准适用于社区居家养老服务机构。".to_owned()),
        Just("服务内容包括:助餐;助浴;助洁。".to_owned()),
        "[，。、；：（）a-z0-9 ]{0,12}".prop_map(|s| format!("服务机构应{s}提供服务。")),
    ]
}

/// A document made from the compliant sample: some lines dropped or repeated, and fixable
/// sentences inserted as paragraphs of the body.
fn generated_document() -> impl Strategy<Value = String> {
    let lines = sample_lines();
    let count = lines.len();
    (
        proptest::collection::vec((0..count, 0..3u8), 0..12),
        proptest::collection::vec((0..count, fixable_sentence()), 0..8),
    )
        .prop_map(move |(edits, inserts)| {
            let mut out: Vec<String> = lines.clone();
            // Dropping or doubling a line changes the skeleton the rules see.
            for (at, how) in edits {
                match how {
                    0 if at < out.len() => {
                        out.remove(at);
                    }
                    1 if at < out.len() => {
                        let line = out.get(at).cloned().unwrap_or_default();
                        out.insert(at, line);
                    }
                    _ => {}
                }
            }
            // After the cover and front matter: paragraphs of the body.
            for (at, sentence) in inserts {
                let at = (count / 3 + at / 2).min(out.len());
                out.insert(at, format!("\n{sentence}\n"));
            }
            out.join("\n") + "\n"
        })
}

/// Every byte outside `edits` (sorted, non-overlapping) appears in `fixed` in the same order:
/// what lies between two edits is untouched.
fn only_edited_spans_changed(original: &[u8], fixed: &[u8], edits: &[normlint::check::FixEdit]) -> Result<(), String> {
    let mut gaps: Vec<&[u8]> = Vec::new();
    let mut at = 0;
    for edit in edits {
        gaps.push(original.get(at..edit.offset).unwrap_or_default());
        at = edit.offset + edit.length;
    }
    let tail = original.get(at..).unwrap_or_default();
    let (Some(first), true) = (gaps.first(), fixed.ends_with(tail)) else {
        return if fixed == original { Ok(()) } else { Err("the text after the last edit changed".to_owned()) };
    };
    if !fixed.starts_with(first) {
        return Err("the text before the first edit changed".to_owned());
    }
    let mut from = first.len();
    for gap in gaps.iter().skip(1).filter(|g| !g.is_empty()) {
        let found = fixed.get(from..).and_then(|rest| rest.windows(gap.len()).position(|w| w == *gap));
        match found {
            Some(i) => from += i + gap.len(),
            None => return Err(format!("the unedited text {:?} is missing", String::from_utf8_lossy(gap))),
        }
    }
    if from > fixed.len() - tail.len() {
        return Err("edits overlap the unedited tail".to_owned());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_rule_panics_on_generated_documents(text in generated_document()) {
        for name in ["draft.md", "draft.txt"] {
            let report = normlint::check::check_bytes(std::path::Path::new(name), text.clone().into_bytes(), &Default::default(), None);
            prop_assert!(report.findings.iter().all(|f| f.code != "IO006"), "{name}: {:?}", report.findings.iter().filter(|f| f.code == "IO006").map(|f| &f.message.en).collect::<Vec<_>>());
        }
    }

    #[test]
    fn fix_is_idempotent_and_changes_only_the_fixed_spans(text in generated_document()) {
        use normlint::fix::{FixOutcome, fix_bytes};
        let path = std::path::Path::new("draft.md");
        let settings = normlint::check::Settings::default();
        let bytes = text.into_bytes();
        let FixOutcome::Changed { fixed, .. } = fix_bytes(path, &bytes, &settings) else { return Ok(()) };
        prop_assert_eq!(fix_bytes(path, &fixed, &settings), FixOutcome::Unchanged);
        let first_pass = normlint::check::check_bytes(path, bytes.clone(), &normlint::check::Settings { show_all: true, ..Default::default() }, None);
        let mut edits: Vec<normlint::check::FixEdit> = first_pass.findings.iter().filter_map(|f| f.fix.clone()).collect();
        edits.sort_by_key(|e| (e.offset, e.length));
        // Overlapping edits are applied one per pass; their union is what may change.
        let mut merged: Vec<normlint::check::FixEdit> = Vec::new();
        for edit in edits {
            match merged.last_mut() {
                Some(last) if edit.offset < last.offset + last.length => {
                    last.length = last.length.max(edit.offset + edit.length - last.offset);
                }
                _ => merged.push(edit),
            }
        }
        prop_assert!(!merged.is_empty(), "fixed without an edit");
        if let Err(why) = only_edited_spans_changed(&bytes, &fixed, &merged) {
            prop_assert!(false, "{why}");
        }
    }
}

/// The property above on a document with every kind of fixable defect, so that it is known to
/// see fixes at all; and a fix that touched an unrelated byte would fail it.
#[test]
fn fix_property_sees_fixes_and_catches_a_stray_change() {
    use normlint::fix::{FixOutcome, fix_bytes};
    let mut lines = sample_lines();
    let at = lines.len() / 2;
    for sentence in
        ["服务人员应持证上岗,并定期参加培训。", "每年培训时间不少于２４学时。", "本标准适用于社区居家养老服务机构。"]
    {
        lines.insert(at, format!("\n{sentence}\n"));
    }
    let bytes = (lines.join("\n") + "\n").into_bytes();
    let path = std::path::Path::new("draft.md");
    let FixOutcome::Changed { fixed, applied } = fix_bytes(path, &bytes, &Default::default()) else {
        panic!("nothing fixed")
    };
    assert!(applied >= 3, "{applied}");
    let settings = normlint::check::Settings { show_all: true, ..Default::default() };
    let mut edits: Vec<normlint::check::FixEdit> = normlint::check::check_bytes(path, bytes.clone(), &settings, None)
        .findings
        .into_iter()
        .filter_map(|f| f.fix)
        .collect();
    edits.sort_by_key(|e| (e.offset, e.length));
    assert_eq!(only_edited_spans_changed(&bytes, &fixed, &edits), Ok(()));
    let mut stray = fixed.clone();
    if let Some(b) = stray.iter_mut().find(|b| **b == b'#') {
        *b = b'%';
    }
    assert!(only_edited_spans_changed(&bytes, &stray, &edits).is_err());
}
