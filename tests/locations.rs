//! Locations a person can follow: `snippet`, `context` and (.docx) `paragraph` in the machine
//! formats, checked against the documents' own text.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use normlint::source::{CONTEXT_CHARS, Excerpt, Span};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_normlint"))
        .current_dir(repo())
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn str_of<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("no string {key} in {v}"))
}

fn usize_of(v: &serde_json::Value, key: &str) -> usize {
    v[key].as_u64().map_or_else(|| panic!("no number {key} in {v}"), |n| n as usize)
}

/// The paragraphs of `word/document.xml` as `//w:body//w:p` lists them, each with the text
/// of its own runs (a nested paragraph's text is its own, not its parent's).
fn docx_paragraphs(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap_or_else(|e| panic!("{e}")), &mut xml)
        .unwrap_or_else(|e| panic!("{e}"));
    paragraphs_of(&xml)
}

fn paragraphs_of(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut all, mut open, mut in_text) = (Vec::<String>::new(), Vec::<usize>::new(), false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().into_inner() == "w:p" => {
                open.push(all.len());
                all.push(String::new());
            }
            Ok(Event::Empty(e)) if e.name().into_inner() == "w:p" => all.push(String::new()),
            Ok(Event::End(e)) if e.name().into_inner() == "w:p" => {
                open.pop();
            }
            Ok(Event::Start(e)) if e.name().into_inner() == "w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().into_inner() == "w:t" => in_text = false,
            Ok(Event::Text(t)) if in_text => {
                if let Some(p) = open.last().and_then(|&i| all.get_mut(i)) {
                    p.push_str(&t.into_inner());
                }
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                let c = match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                };
                if let Some(p) = open.last().and_then(|&i| all.get_mut(i)) {
                    p.push_str(c);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => panic!("{e}"),
            _ => {}
        }
    }
    all
}

/// Checks a .docx diagnostic's paragraph and snippet against `word/document.xml`; says which
/// kind of snippet it was.
fn check_docx_location(path: &Path, d: &serde_json::Value) -> &'static str {
    let (snippet, context) = (str_of(d, "snippet"), str_of(d, "context"));
    let paragraphs = docx_paragraphs(path);
    let n = usize_of(d, "paragraph");
    let paragraph = paragraphs.get(n - 1).unwrap_or_else(|| panic!("no paragraph {n}: {d}"));
    if paragraph.contains(snippet) {
        return "docx text";
    }
    // A number Word generates stands in no w:t: what follows it is the paragraph's text.
    let number_end = snippet.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(snippet.len());
    let (number, rest) = snippet.split_at(number_end);
    assert!(!number.is_empty() && paragraph.contains(rest.trim_start()), "{d} vs paragraph {n}: {paragraph}");
    assert!(context.ends_with(paragraph.as_str()), "{d} vs paragraph {n}: {paragraph}");
    "docx generated number"
}

/// `…` marks where a context was cut; the pieces between must stand in the source.
fn uncut(context: &str) -> Vec<&str> {
    context.split('…').filter(|s| !s.is_empty()).collect()
}

#[test]
fn snippets_and_contexts_are_the_documents_text() {
    let report = json(&run(&["check", "samples", "--format", "json", "--show-all"]));
    let diagnostics = report["diagnostics"].as_array().cloned().unwrap_or_default();
    let mut checked = std::collections::BTreeMap::<&str, usize>::new();
    for d in &diagnostics {
        let path = PathBuf::from(str_of(d, "path"));
        let (snippet, context) = (str_of(d, "snippet"), str_of(d, "context"));
        let bytes = std::fs::read(repo().join(&path)).unwrap_or_else(|e| panic!("{e}"));
        let name = path.to_string_lossy().into_owned();
        assert!(context.contains(snippet.trim_end_matches('…')) || snippet.chars().count() > CONTEXT_CHARS, "{d}");
        let (offset, length) = (usize_of(d, "offset"), usize_of(d, "length"));
        if name.ends_with(".md") || name.ends_with(".txt") {
            // The snippet is the file's own bytes at offset..offset + length, decoded.
            let raw = bytes.get(offset..offset + length).unwrap_or_else(|| panic!("{d}"));
            let encoding = if name.contains("gb18030") { encoding_rs::GB18030 } else { encoding_rs::UTF_8 };
            let (decoded, _) = encoding.decode_without_bom_handling(raw);
            assert_eq!(snippet, decoded, "{d}");
            let (text, _) = encoding.decode_without_bom_handling(&bytes);
            for piece in uncut(context) {
                assert!(text.contains(piece), "context not in {name}: {piece}");
            }
            assert!(d.get("paragraph").is_none(), "{d}");
            *checked.entry("text").or_default() += 1;
        } else if name.ends_with(".xml") {
            let text = String::from_utf8_lossy(&bytes);
            // Labels and titles are elements of their own; the view puts a space between them.
            assert!(snippet.split_whitespace().all(|w| text.contains(w)), "snippet not in {name}: {snippet}");
            assert!(d.get("paragraph").is_none(), "{d}");
            *checked.entry("xml").or_default() += 1;
        } else if name.ends_with(".docx") {
            *checked.entry(check_docx_location(&repo().join(&path), d)).or_default() += 1;
        }
    }
    // A draft whose heading numbers Word generates: its findings on headings show the number.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let draft = std::fs::read_to_string(repo().join("samples/flawed/home-care-draft.md")).unwrap_or_default();
    let numbered = dir.path().join("home-care-draft.autonumbered.docx");
    std::fs::write(&numbered, support::docx(&support::Outline::of(&draft), support::Numbers::Word))
        .unwrap_or_else(|e| panic!("{e}"));
    let report = json(&run(&["check", &numbered.to_string_lossy(), "--format", "json", "--show-all"]));
    for d in report["diagnostics"].as_array().into_iter().flatten() {
        *checked.entry(check_docx_location(&numbered, d)).or_default() += 1;
    }
    // Every kind of input was checked, numbers Word generates too.
    assert_eq!(checked.len(), 4, "{checked:?}");
    assert!(checked.values().all(|&n| n > 0), "{checked:?}");
}

#[test]
fn sarif_and_json_lines_carry_the_same_excerpt() {
    let report = json(&run(&["check", "samples/flawed", "--format", "json"]));
    let lines = run(&["check", "samples/flawed", "--format", "json-lines"]);
    let sarif = json(&run(&["check", "samples/flawed", "--format", "sarif"]));
    let diagnostics = report["diagnostics"].as_array().cloned().unwrap_or_default();
    let results = sarif["runs"][0]["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(diagnostics.len(), results.len());
    for ((d, line), r) in diagnostics.iter().zip(lines.lines()).zip(&results) {
        let line = json(line);
        for key in ["snippet", "context", "paragraph"] {
            assert_eq!(d.get(key), line.get(key), "{key}: {d} vs {line}");
        }
        let location = &r["locations"][0]["physicalLocation"];
        assert_eq!(location["region"]["snippet"]["text"], d["snippet"]);
        assert_eq!(location["contextRegion"]["snippet"]["text"], d["context"]);
        assert_eq!(location["region"]["properties"].get("paragraph"), d.get("paragraph"));
    }
    assert!(diagnostics.iter().any(|d| d.get("paragraph").is_some()));
}

/// A body with the paragraphs `//w:body//w:p` counts but the reader renders differently: an
/// empty one, a deleted one, table cells, a text box inside a paragraph.
const BODY: &str = r#"<w:p><w:r><w:t>前言</w:t></w:r></w:p>
<w:p/>
<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:del w:id="2" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲单元格</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p><w:p><w:r><w:t>丙单元格第二段</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>外段落开头</w:t></w:r><w:r><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></w:r><w:r><w:t>外段落结尾</w:t></w:r></w:p>
<w:p><w:r><w:t>末段</w:t></w:r></w:p>"#;

#[test]
fn docx_paragraph_ordinals_count_every_w_p_of_the_body() {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{BODY}<w:sectPr/></w:body></w:document>"#
    );
    let expected = paragraphs_of(&document);
    let bytes = support::zip_parts(&[("word/document.xml", document.clone())]);
    let (doc, _) = normlint::read::read_document(Path::new("t.docx"), &bytes).unwrap_or_else(|e| panic!("{e:?}"));
    let text = doc.source.text.clone();
    for (needle, ordinal) in [
        ("前言", 1),
        ("甲单元格", 4),
        ("丙单元格第二段", 6),
        ("外段落开头", 7),
        ("文本框里", 8),
        ("外段落结尾", 7),
        ("末段", 9),
    ] {
        let start = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the view: {text}"));
        let excerpt = Excerpt::of(&doc.source, Span::new(start, start + needle.len()));
        assert_eq!(excerpt.paragraph, Some(ordinal), "{needle}");
        assert_eq!(excerpt.snippet, needle);
        assert!(expected.get(ordinal - 1).is_some_and(|p| p.contains(needle)), "{needle} in {expected:?}");
    }
    // The table is one line of the view; its context is that line.
    let start = text.find("乙").unwrap_or(0);
    assert!(Excerpt::of(&doc.source, Span::new(start, start + 3)).context.contains("甲单元格 | 乙"));
}

/// The JSON and SARIF results of a flawed Word draft, as a reviewer's tools receive them.
#[test]
fn json_and_sarif_of_a_docx_draft() {
    let mut report = json(&run(&["check", "samples/flawed/labour-mediation-draft-gb18030.docx", "--format", "json"]));
    report["summary"]["elapsed_ms"] = serde_json::json!(0);
    insta::assert_snapshot!("json_docx_draft", serde_json::to_string_pretty(&report).unwrap_or_default());
    let sarif = json(&run(&["check", "samples/flawed/labour-mediation-draft-gb18030.docx", "--format", "sarif"]));
    let results = &sarif["runs"][0]["results"];
    insta::assert_snapshot!("sarif_docx_draft_results", serde_json::to_string_pretty(results).unwrap_or_default());
}

/// A Word chart (`c:chart` in a drawing) is a figure of the view as a picture is: its paragraph
/// holds no text, and without it the caption under it would stand alone.
#[test]
fn a_docx_chart_is_a_figure_like_a_picture() {
    let charts = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    let pictures = "http://schemas.openxmlformats.org/drawingml/2006/picture";
    for (uri, graphic) in [(charts, r#"<c:chart r:id="rId5"/>"#), (pictures, "<pic:pic/>")] {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="{charts}" xmlns:pic="{pictures}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
<w:p><w:r><w:t>服务流程见图1。</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="服务流程图"/><a:graphic><a:graphicData uri="{uri}">{graphic}</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:p><w:r><w:t>图1 服务流程</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>"#
        );
        let bytes = support::zip_parts(&[("word/document.xml", document)]);
        let (doc, _) = normlint::read::read_document(Path::new("t.docx"), &bytes).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(doc.source.text.contains("[服务流程图]"), "{graphic}: {}", doc.source.text);
    }
}
