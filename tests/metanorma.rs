//! Metanorma GB semantic XML: the reader gives the structure the printed standard shows
//! (numbers metanorma computes, chapter 2 moved before the terms, GB titles of the fixed
//! sections), findings point at lines of the XML, and odd input never panics.
//!
//! The fixtures in `tests/fixtures/metanorma/` are written for these tests; the shared corpus
//! (`../shared/corpus/metanorma-gb/`) is read when present and skipped with a reason otherwise.

use std::path::{Path, PathBuf};

use normlint::check::{Finding, Settings, run, run_stdin};
use normlint::diagnostic::Severity;
use normlint::model::{BlockKind, Clause, Document, Obligation, TermEntry};
use normlint::read::read_document;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/metanorma").join(name)
}

fn read(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_document(path, &bytes).unwrap_or_else(|e| panic!("{}: {e:?}", path.display())).0
}

fn read_str(xml: &str) -> Document {
    read_document(Path::new("odd.xml"), xml.as_bytes()).unwrap_or_else(|e| panic!("{e:?}\n{xml}")).0
}

/// `(declared number, title)` of each chapter.
fn chapters(doc: &Document) -> Vec<(String, String)> {
    doc.chapters.iter().map(|c| (c.declared.text.clone(), c.title_text().to_owned())).collect()
}

fn children(clause: &Clause) -> Vec<(String, String)> {
    clause.children.iter().map(|c| (c.declared.text.clone(), c.title_text().to_owned())).collect()
}

fn entries(doc: &Document) -> Vec<TermEntry> {
    doc.terms_chapter()
        .map(|t| {
            t.all_blocks()
                .into_iter()
                .filter_map(|b| match &b.kind {
                    BlockKind::Term(e) => Some((**e).clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn text_of<T: AsRef<str>>(field: Option<T>) -> String {
    field.map(|t| t.as_ref().to_owned()).unwrap_or_default()
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the fixture"));
    text.get(..at).unwrap_or_default().matches('\n').count() + 1
}

fn findings(name: &str, xml: &str) -> Vec<Finding> {
    let report = run_stdin(Path::new(name), &mut xml.as_bytes(), &Settings::default(), None)
        .unwrap_or_else(|e| panic!("reading {name}: {e}"));
    report.files.into_iter().flat_map(|f| f.findings).collect()
}

fn errors_and_warnings(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
        .map(|f| format!("{}:{} {}", f.line, f.code, f.message.en))
        .collect()
}

#[test]
fn a_2019_grammar_local_standard_reads_as_printed() {
    let doc = read(&fixture("community-meal-service.gb.xml"));
    let meta = &doc.meta;
    assert_eq!(text_of(meta.banner.as_ref().map(|t| &t.text)), "浙江省地方标准");
    assert_eq!(text_of(meta.designation.as_ref().map(|d| &d.text)), "DB33/T 1234—2025");
    let supersedes: Vec<&str> = meta.supersedes.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(supersedes, ["DB33/T 1234—2019"]);
    assert_eq!(text_of(meta.title_zh.as_ref().map(|t| &t.text)), "社区助餐服务规范");
    assert_eq!(
        text_of(meta.title_en.as_ref().map(|t| &t.text)),
        "Specification for community meal assistance services"
    );
    assert_eq!(text_of(meta.ics.as_ref().map(|t| &t.text)), "ICS 03.080");
    assert_eq!(text_of(meta.ccs.as_ref().map(|t| &t.text)), "CCS A12");
    assert_eq!(text_of(meta.publish_date.as_ref().map(|t| &t.text)), "2025-03-10发布");
    assert_eq!(text_of(meta.implement_date.as_ref().map(|t| &t.text)), "2025-06-01实施");
    assert_eq!(text_of(meta.issuer.as_ref().map(|t| &t.text)), "浙江省市场监督管理局　发布");
    assert_eq!(text_of(doc.body_title.as_ref().map(|t| &t.text)), "社区助餐服务规范");
    assert!(doc.foreword.is_some() && doc.introduction.is_none());

    // Chapter 2 is stored in <bibliography> after the annexes, but printed before the terms;
    // the English fixed titles of the 2019 grammar print in Chinese.
    let expected = [
        ("1", "范围"),
        ("2", "规范性引用文件"),
        ("3", "术语和定义"),
        ("4", "基本要求"),
        ("5", "服务内容"),
        ("6", "服务流程"),
        ("7", "服务评价与改进"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
    assert_eq!(chapters(&doc), expected);
    let process = doc.chapter(6).unwrap_or_else(|| panic!("no chapter 6"));
    assert_eq!(children(process), [("6.1".to_owned(), "订餐".to_owned()), ("6.2".to_owned(), "留样和记录".to_owned())]);
    // Run-in titles (`inline-header`) open the clause's text: the subclauses are untitled.
    let samples = process.children.get(1).unwrap_or_else(|| panic!("no 6.2"));
    assert_eq!(children(samples), [("6.2.1".to_owned(), String::new()), ("6.2.2".to_owned(), String::new())]);
    let first_text = samples.children.first().and_then(|c| c.blocks.first()).map(|b| doc.source.slice(b.span));
    assert_eq!(first_text, Some("留样，每餐次的成品食品均应留样，留样时间不少于48 h。"));

    let terms = entries(&doc);
    let summary: Vec<(String, String, String)> = terms
        .iter()
        .map(|e| {
            (
                e.number.render(),
                text_of(e.term_zh.as_ref().map(|t| &t.text)),
                text_of(e.term_en.as_ref().map(|t| &t.text)),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("3.1".to_owned(), "助餐服务".to_owned(), "meal assistance service".to_owned()),
            ("3.2".to_owned(), "助餐点".to_owned(), "meal service site".to_owned()),
        ]
    );
    let service = terms.first().unwrap_or_else(|| panic!("no term"));
    assert_eq!(
        text_of(service.definition.as_ref().map(|t| &t.text)),
        "为老年人提供膳食加工、集中就餐、送餐上门等餐饮支持的服务。"
    );
    assert_eq!(service.notes.len(), 1);
    assert_eq!(text_of(service.source.as_ref().map(|t| &t.text)), "[来源：GB/T 43153—2023，3.2，有修改]");

    let references: Vec<String> = doc
        .normative_references()
        .map(|c| {
            c.blocks
                .iter()
                .filter_map(|b| match &b.kind {
                    BlockKind::Reference { designation, .. } => designation.as_ref().map(|d| d.text.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(references, ["GB/T 43153—2023"]);

    let annexes: Vec<(char, Option<Obligation>, String)> = doc
        .annexes
        .iter()
        .map(|a| (a.letter, a.obligation.as_ref().map(|o| o.obligation), text_of(a.title.as_ref().map(|t| &t.text))))
        .collect();
    assert_eq!(annexes, [('A', Some(Obligation::Informative), "助餐服务记录表示例".to_owned())]);
    assert_eq!(doc.bibliography.as_ref().map(|b| b.blocks.len()), Some(1));

    // Table, figure and formula numbers are computed, as are the citations of them.
    let text = doc.source.text.as_str();
    for printed in
        ["表1　餐次及供餐时间", "图A.1　助餐服务记录表", "t = t_2 - t_1     (1)", "送餐时长按公式（1）计算："]
    {
        assert!(text.contains(printed), "{printed:?} not in the view");
    }
    for printed in ["见表1。", "采用附录A给出的格式", "见图A.1。", "ᵃ 节假日午餐时间可顺延半小时。", "t——送餐时长"]
    {
        assert!(text.contains(printed), "{printed:?} not in the view");
    }

    // Positions are lines of the XML: the chapter computed from <clause id="basic"> is there.
    let xml = std::fs::read_to_string(fixture("community-meal-service.gb.xml")).unwrap_or_default();
    let basic = doc.chapter(4).unwrap_or_else(|| panic!("no chapter 4"));
    assert_eq!(doc.source.file_position(basic.span.start).line, line_of(&xml, "<clause id=\"basic\""));
    let site = terms.get(1).unwrap_or_else(|| panic!("no 3.2"));
    assert_eq!(doc.source.file_position(site.span.start).line, line_of(&xml, "<term id=\"term-site\""));
}

#[test]
fn a_later_grammar_group_standard_reads_as_printed() {
    let doc = read(&fixture("home-cleaning.group.xml"));
    let meta = &doc.meta;
    assert_eq!(text_of(meta.banner.as_ref().map(|t| &t.text)), "团体标准");
    assert_eq!(text_of(meta.designation.as_ref().map(|d| &d.text)), "T/GDJZ 12.1—2024");
    // Later grammars: `title[@type]`, `ext/gbtype`, `ext/ics/code`, `date/on`.
    assert_eq!(text_of(meta.title_zh.as_ref().map(|t| &t.text)), "家居清洁　作业规范　第1部分：厨房");
    assert_eq!(
        text_of(meta.title_en.as_ref().map(|t| &t.text)),
        "Home cleaning — Working specification — Part 1: Kitchen"
    );
    assert_eq!(text_of(meta.ics.as_ref().map(|t| &t.text)), "ICS 03.080.30");
    assert_eq!(text_of(meta.ccs.as_ref().map(|t| &t.text)), "CCS A12");
    assert_eq!(text_of(meta.publish_date.as_ref().map(|t| &t.text)), "2024-09-01发布");

    let introduction = doc.introduction.as_ref().unwrap_or_else(|| panic!("no 引言"));
    let numbered: Vec<&str> = introduction.subclauses.iter().map(|c| c.declared.text.as_str()).collect();
    assert_eq!(numbered, ["0.1", "0.2"]);

    // The references section is written last in <sections>; it prints as chapter 2, with the
    // statement metanorma gives an empty one.
    let titles: Vec<String> = chapters(&doc).into_iter().map(|(n, t)| format!("{n} {t}")).collect();
    assert_eq!(titles, ["1 范围", "2 规范性引用文件", "3 术语和定义", "4 缩略语", "5 作业要求", "6 验收要求"]);
    let references = doc.chapter(2).unwrap_or_else(|| panic!("no chapter 2"));
    let lead_in: Vec<&str> = references.blocks.iter().map(|b| doc.source.slice(b.span)).collect();
    assert_eq!(lead_in, ["本文件没有规范性引用文件。"]);

    let terms = entries(&doc);
    assert_eq!(terms.len(), 1);
    let grease = terms.first().unwrap_or_else(|| panic!("no term"));
    assert_eq!(text_of(grease.term_zh.as_ref().map(|t| &t.text)), "重油污");
    assert_eq!(text_of(grease.term_en.as_ref().map(|t| &t.text)), "heavy grease");
    assert_eq!(grease.notes.len(), 1, "the example belongs to the entry");

    let annex = doc.annexes.first().unwrap_or_else(|| panic!("no annex"));
    assert_eq!(annex.obligation.as_ref().map(|o| o.obligation), Some(Obligation::Normative));
    let clauses: Vec<&str> = annex.clauses.iter().map(|c| c.declared.text.as_str()).collect();
    assert_eq!(clauses, ["A.1", "A.2"]);
    // An element the reader does not know is walked for its text.
    assert!(doc.source.text.contains("稀释后的清洁剂应当日用完。"));
    // The boilerplate (legal statement) does not print.
    assert!(!doc.source.text.contains("版权所有"));
}

#[test]
fn compliant_fixtures_have_no_error_or_warning() {
    for name in ["community-meal-service.gb.xml", "home-cleaning.group.xml"] {
        let report = run(&[fixture(name)], &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
        let found: Vec<Finding> = report.files.into_iter().flat_map(|f| f.findings).collect();
        assert_eq!(errors_and_warnings(&found), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn planted_defects_are_reported_at_their_xml_lines() {
    let xml = std::fs::read_to_string(fixture("community-meal-service.gb.xml")).unwrap_or_default();
    let cases = [
        // The 2009 drafting statement.
        (
            "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。",
            "本文件按照GB/T 1.1—2009给出的规则起草。",
            "FW001",
        ),
        // A term entry whose Chinese term is empty.
        (r#"<preferred language="zh">助餐点</preferred>"#, r#"<preferred language="zh"></preferred>"#, "TM003"),
        // A requirement written with 必须.
        ("助餐点应取得食品经营许可", "助餐点必须取得食品经营许可", "PV001"),
        // A cross-reference to an id that does not exist: the reader reports it where it stands.
        (r#"按<xref target="formula1"/>计算"#, r#"按<xref target="formula-1"/>计算"#, "RF007"),
        // A table the text never cites: reported at its computed caption, the <table> line.
        (r#"见<xref target="table1"/>。"#, "见下表。", "FT004"),
    ];
    for (from, to, code) in cases {
        let planted = xml.replacen(from, to, 1);
        assert_ne!(planted, xml, "{code}: the fixture has no {from:?}");
        let found = findings("planted.xml", &planted);
        let hits: Vec<&Finding> = found.iter().filter(|f| f.code == code).collect();
        assert!(!hits.is_empty(), "{code} not reported: {:?}", errors_and_warnings(&found));
        let line = if code == "FT004" { line_of(&planted, "<table id=\"table1\">") } else { line_of(&planted, to) };
        assert!(hits.iter().any(|f| f.line == line), "{code} not on line {line}: {:?}", errors_and_warnings(&found));
        let others: Vec<String> = errors_and_warnings(&found).into_iter().filter(|f| !f.contains(code)).collect();
        assert!(others.is_empty(), "{code}: the defect also gave {others:?}");
    }
}

#[test]
fn odd_metanorma_input_never_panics_and_keeps_its_text() {
    let ns = r#"xmlns="http://riboseinc.com/gbstandard""#;
    let deep = format!(
        "<gb-standard {ns}><sections>{}<p>深处的文字。</p>{}</sections></gb-standard>",
        "<clause>".repeat(300),
        "</clause>".repeat(300)
    );
    let cases: Vec<(String, &str)> = vec![
        (format!("<gb-standard {ns}/>"), ""),
        (format!("<gb-standard {ns}><bibdata/><preface/><sections/><bibliography/></gb-standard>"), ""),
        (
            format!(
                "<gb-standard {ns}><sections><clause><mystery>未知元素的文字</mystery></clause></sections></gb-standard>"
            ),
            "未知元素的文字",
        ),
        (
            format!(
                "<gb-standard {ns}><sections><clause><p>见<xref target=\"nowhere\"/>。</p></clause></sections></gb-standard>"
            ),
            "见nowhere。",
        ),
        (
            format!(
                "<gb-standard {ns}><sections><terms><term><definition><p>无术语的定义</p></definition></term></terms></sections></gb-standard>"
            ),
            "无术语的定义",
        ),
        (
            format!(
                "<gb-standard {ns}><sections><clause><table/><figure/><formula/><dl><dd>孤立说明</dd></dl><ol><li/></ol><fn>无编号脚注</fn></clause></sections></gb-standard>"
            ),
            "孤立说明",
        ),
        (
            format!(
                "<gb-standard {ns}><bibdata><gbtype><gbscope>sector</gbscope></gbtype><docidentifier>XY 1</docidentifier><title>只有标题</title></bibdata></gb-standard>"
            ),
            "只有标题",
        ),
        (
            format!(
                "<gb-standard {ns}><annex><annex><clause><p>附录中的附录</p></clause></annex></annex><bibliography><clause><references><bibitem/></references></clause></bibliography></gb-standard>"
            ),
            "附录中的附录",
        ),
        (
            format!(
                "<gb-standard {ns}><sections><clause><p><eref citeas=\"GB/T 1\"><localityStack><locality type=\"clause\"><referenceFrom>5</referenceFrom></locality></localityStack></eref></p></clause></sections></gb-standard>"
            ),
            "GB/T 1，第5章",
        ),
        (
            format!(
                "<gb-standard {ns}><sections><clause><p><stem type=\"AsciiMath\">x_(1 + y_(2)</stem></p></clause></sections></gb-standard>"
            ),
            "x_(1 + y_2",
        ),
        (
            "<gb-standard><sections><clause><title>Scope</title><p>无命名空间。</p></clause></sections></gb-standard>"
                .to_owned(),
            "1 范围",
        ),
        (
            format!(
                "<gb-standard {ns}><sections><clause><ol type=\"roman\" start=\"18446744073709551615\"><li><p>巨大起始编号</p></li></ol><p>甲<fn><p>无标记脚注一</p></fn>乙<fn><p>无标记脚注二</p></fn></p></clause></sections></gb-standard>"
            ),
            "无标记脚注二",
        ),
        (deep, "深处的文字。"),
    ];
    for (xml, kept) in cases {
        let doc = read_str(&xml);
        assert!(doc.source.text.contains(kept), "{kept:?} lost from {:?}", doc.source.text);
        let _ = findings("odd.xml", &xml);
    }
}

/// Files of the shared corpus, when it is there.
fn corpus_files() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/metanorma-gb");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not present", dir.display());
        return None;
    }
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "xml") {
                files.push(path);
            }
        }
    }
    files.sort();
    Some(files)
}

#[test]
fn metanorma_gb_corpus_reads_as_printed() {
    let Some(files) = corpus_files() else { return };
    assert_eq!(files.len(), 11, "{files:?}");
    let report = run(&files, &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
    for file in &report.files {
        let unreadable: Vec<&str> =
            file.findings.iter().filter(|f| matches!(f.code, "IO005" | "IO006")).map(|f| f.code).collect();
        assert!(unreadable.is_empty(), "{}: {unreadable:?}", file.path.display());
    }
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let doc = read(path);
        let english = name.contains(".en.") || name == "rice.xml";
        let code = match name {
            "rice.xml" => "NY/T",
            n if n.contains("sector") => "LS/T",
            n if n.contains("local") => "DB81/T",
            n if n.contains("social") => "T/ABC",
            n if n.contains("enterprise") => "Q/DEF",
            _ => "GB/T",
        };
        let designation = text_of(doc.meta.designation.as_ref().map(|d| &d.text));
        assert!(designation.starts_with(&format!("{code} ")), "{name}: {designation}");
        assert!(doc.meta.banner.is_some(), "{name}: no banner");
        assert!(doc.meta.title_zh.as_ref().is_some_and(|t| t.text.contains("第1部分：")), "{name}");
        assert!(doc.meta.publish_date.is_some() && doc.meta.implement_date.is_some(), "{name}");
        assert!(doc.foreword.is_some() && doc.introduction.is_some(), "{name}");

        let titles: Vec<String> = chapters(&doc).into_iter().map(|(n, t)| format!("{n} {t}")).collect();
        assert_eq!(titles.len(), 9, "{name}: {titles:?}");
        assert_eq!(
            titles.get(..3),
            Some(&["1 范围".to_owned(), "2 规范性引用文件".to_owned(), "3 术语和定义".to_owned()][..])
        );
        let specifications = if english { "4 Specifications" } else { "4 规格" };
        assert_eq!(titles.get(3).map(String::as_str), Some(specifications), "{name}");
        let annexes: Vec<(char, Option<Obligation>)> =
            doc.annexes.iter().map(|a| (a.letter, a.obligation.as_ref().map(|o| o.obligation))).collect();
        let normative = Some(Obligation::Normative);
        assert_eq!(annexes, [('A', normative), ('B', normative), ('C', normative), ('D', normative)], "{name}");
        let a2: Vec<String> = doc
            .annexes
            .first()
            .and_then(|a| a.clauses.get(1))
            .map(|c| c.children.iter().map(|s| s.declared.text.clone()).collect())
            .unwrap_or_default();
        assert_eq!(a2, ["A.2.1", "A.2.2", "A.2.3", "A.2.4", "A.2.5", "A.2.6", "A.2.7"], "{name}");

        let terms = entries(&doc);
        let numbers: Vec<String> = terms.iter().map(|e| e.number.render()).collect();
        let expected: Vec<String> = (1..=15).map(|n| format!("3.{n}")).collect();
        assert_eq!(numbers, expected, "{name}");
        let paddy = terms.first().and_then(|e| e.term_zh.as_ref()).map(|t| t.text.as_str());
        let english_term = terms.first().and_then(|e| e.term_en.as_ref()).map(|t| t.text.as_str());
        assert_eq!(paddy, Some(if name == "rice.xml" { "水稻" } else { "稻谷" }), "{name}");
        assert_eq!(english_term, Some("paddy"), "{name}");
        assert!(terms.iter().all(|e| e.definition.is_some()), "{name}: an entry lost its definition");
        assert!(doc.bibliography.as_ref().is_some_and(|b| b.blocks.len() == 16), "{name}");
    }
}

/// A random tree of metanorma elements, attributes and text, as XML.
fn metanorma_tree() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let names = [
        "preface",
        "foreword",
        "introduction",
        "sections",
        "clause",
        "terms",
        "term",
        "preferred",
        "definition",
        "termnote",
        "termsource",
        "origin",
        "modification",
        "definitions",
        "references",
        "bibliography",
        "bibitem",
        "docidentifier",
        "annex",
        "title",
        "name",
        "p",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "td",
        "figure",
        "image",
        "formula",
        "stem",
        "note",
        "example",
        "admonition",
        "fn",
        "xref",
        "eref",
        "link",
        "br",
        "locality",
        "referenceFrom",
        "bibdata",
        "gbtype",
        "gbscope",
        "gbprefix",
        "date",
        "on",
        "mystery",
    ];
    let attributes = [
        "id=\"a\"",
        "id=\"b\"",
        "target=\"a\"",
        "target=\"zz\"",
        "inline-header=\"true\"",
        "obligation=\"informative\"",
        "type=\"scope\"",
        "type=\"AsciiMath\"",
        "normative=\"true\"",
        "reference=\"1\"",
        "unnumbered=\"true\"",
        "language=\"zh\"",
        "citeas=\"GB/T 1—2020\"",
        "start=\"99999999999999999999\"",
    ];
    let text = prop_oneof![
        Just(String::new()),
        Just("本文件规定了要求。".to_owned()),
        Just("Scope".to_owned()),
        Just("m_(D) = (1)".to_owned()),
        Just(" 应 ".to_owned()),
        Just("&lt;&amp;".to_owned()),
    ];
    let leaf = text.clone();
    leaf.prop_recursive(6, 80, 6, move |inner| {
        (
            proptest::sample::select(names.to_vec()),
            proptest::collection::vec(proptest::sample::select(attributes.to_vec()), 0..2),
            proptest::collection::vec(inner, 0..6),
        )
            .prop_map(|(name, mut attrs, children)| {
                attrs.sort();
                attrs.dedup_by(|a, b| a.split('=').next() == b.split('=').next());
                format!("<{name} {}>{}</{name}>", attrs.join(" "), children.concat())
            })
    })
    .prop_map(|body| format!("<gb-standard xmlns=\"http://riboseinc.com/gbstandard\">{body}</gb-standard>"))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    #[test]
    fn random_metanorma_trees_read_and_check_without_panic(xml in metanorma_tree()) {
        let doc = read_str(&xml);
        let text = &doc.source.text;
        for clause in doc.all_clauses() {
            proptest::prop_assert!(clause.span.end <= text.len() && text.is_char_boundary(clause.span.start));
        }
        let found = findings("random.xml", &xml);
        proptest::prop_assert!(found.iter().all(|f| f.code != "IO006"), "{:?}", errors_and_warnings(&found));
    }
}
