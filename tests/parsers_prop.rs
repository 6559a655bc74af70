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
