//! Every suppression form, and the report of unused ones.

mod support;

use std::io::Read;
use std::path::Path;

use normlint::check::{Settings, check_file};

const HEAD: &str = "# 深圳市地方标准\n\nDB4403/T 900—2025\n\n# 社区助餐服务规范\n\n## 前言\n\n\
本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n\n\
请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。\n\n本文件由深圳市福田区民政局提出并归口。\n\n\
本文件起草单位：深圳市福田区民政局。\n\n本文件主要起草人：张明。\n\n## 1 范围\n\n本文件规定了社区助餐服务的要求。\n\n\
## 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n## 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n## 4 要求\n\n";

fn codes(body: &str) -> Vec<(usize, String)> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("draft.md");
    std::fs::write(&path, format!("{HEAD}{body}")).unwrap_or_else(|e| panic!("{e}"));
    let head_lines = HEAD.lines().count();
    check_file(Path::new(&path), &Settings::default(), None)
        .findings
        .into_iter()
        .filter(|f| f.line > head_lines)
        .map(|f| (f.line - head_lines, f.code.to_owned()))
        .collect()
}

#[test]
fn without_suppression_the_findings_are_there() {
    let found = codes("服务人员必须持证上岗。\n\n服务人员必须着装整洁。\n");
    assert_eq!(found, vec![(1, "PV001".into()), (3, "PV001".into())]);
}

#[test]
fn disable_next_line_covers_the_next_non_blank_line_only() {
    let found =
        codes("<!-- normlint-disable-next-line PV001 -->\n\n服务人员必须持证上岗。\n\n服务人员必须着装整洁。\n");
    assert_eq!(found, vec![(5, "PV001".into())]);
}

#[test]
fn disable_enable_range_and_family_prefix() {
    let found = codes(
        "<!-- normlint-disable PV -->\n服务人员必须持证上岗。\n\n服务人员必须着装整洁。\n<!-- normlint-enable -->\n\n服务人员必须佩戴工牌。\n",
    );
    assert_eq!(found, vec![(7, "PV001".into())]);
}

#[test]
fn disable_file_and_disable_all() {
    let found = codes("<!-- normlint-disable-file PV001 -->\n服务人员必须持证上岗。\n\n服务人员必须着装整洁。\n");
    assert!(found.is_empty(), "{found:?}");
    let found = codes("<!-- normlint-disable-next-line -->\n服务人员必须持证上岗，必须（着装。\n");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn unused_suppressions_are_reported() {
    let found = codes("<!-- normlint-disable-next-line PV001 NU005 -->\n服务人员必须持证上岗。\n");
    assert_eq!(found, vec![(1, "SU001".into())]);
    let found = codes("<!-- normlint-disable-next-line -->\n服务人员应持证上岗。\n");
    assert_eq!(found, vec![(1, "SU001".into())]);
}

/// In STS, directives are XML comments between elements; findings report the lines of the
/// XML file, which is what an editor or a code-scanning annotation opens.
#[test]
fn sts_comments_suppress_and_findings_carry_xml_lines() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<standard>\n<front>\n\
<sec sec-type=\"titlepage\"><p>DB4403/T 900—2025</p><p>社区助餐服务规范</p></sec>\n</front>\n<body>\n\
<sec><label>1</label><title>范围</title><p>本文件规定了社区助餐服务的要求。</p></sec>\n\
<sec><label>2</label><title>要求</title>\n\
<!-- normlint-disable-next-line PV001 -->\n\
<p>服务人员必须持证上岗。</p>\n\
<p>服务人员必须着装整洁。</p>\n\
</sec>\n</body>\n</standard>\n";
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("draft.sts.xml");
    std::fs::write(&path, xml).unwrap_or_else(|e| panic!("{e}"));
    let pv001: Vec<(usize, usize)> = check_file(&path, &Settings::default(), None)
        .findings
        .into_iter()
        .filter(|f| f.code == "PV001")
        .map(|f| (f.line, f.column))
        .collect();
    // Line 11 is `<p>服务人员必须着装整洁。</p>`; 必须 starts at column 8.
    assert_eq!(pv001, vec![(11, 8)]);
}

/// In .docx, a Word comment whose text starts with `normlint-disable` suppresses findings in
/// the paragraph it is anchored in, and is not counted as a review comment (IO009).
#[test]
fn docx_word_comments_suppress_their_paragraph() {
    let body = "服务人员必须持证上岗。\n\n服务人员必须着装整洁。\n";
    let docx = support::docx(&support::Outline::of(&format!("{HEAD}{body}")), support::Numbers::Typed);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut parts: Vec<(String, String)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap_or_else(|e| panic!("{e}"));
        parts.push((file.name().map(|n| n.into_owned()).unwrap_or_default(), text));
    }
    for (name, text) in &mut parts {
        if name == "word/document.xml" {
            let at = text.find("服务人员必须持证上岗").unwrap_or_else(|| panic!("paragraph not found"));
            let run = text.get(..at).and_then(|t| t.rfind("<w:r>")).unwrap_or_else(|| panic!("run not found"));
            text.insert_str(run, "<w:commentRangeStart w:id=\"7\"/>");
        }
    }
    parts.push((
        "word/comments.xml".to_owned(),
        "<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:comment w:id=\"7\"><w:p><w:r><w:t>normlint-disable PV001</w:t></w:r></w:p></w:comment></w:comments>".to_owned(),
    ));
    let refs: Vec<(&str, String)> = parts.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("draft.docx");
    std::fs::write(&path, support::zip_parts(&refs)).unwrap_or_else(|e| panic!("{e}"));
    let findings = check_file(&path, &Settings::default(), None).findings;
    let pv001: Vec<String> = findings.iter().filter(|f| f.code == "PV001").map(|f| f.line_key.to_string()).collect();
    assert_eq!(pv001.len(), 1, "{pv001:?}");
    assert!(pv001.iter().all(|c| c.contains("着装整洁")), "{pv001:?}");
    assert!(
        !findings.iter().any(|f| f.code == "IO009" || f.code == "SU001"),
        "{:?}",
        findings.iter().map(|f| f.code).collect::<Vec<_>>()
    );
}
