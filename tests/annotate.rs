//! `normlint annotate`: findings as Word comments, anchored on the flagged characters, in a
//! copy of the draft.

mod support;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn normlint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_normlint"))
        .current_dir(dir)
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .env("SOURCE_DATE_EPOCH", "1748736000")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn paragraph(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A short standard, typed without styles, followed by `extra` body content.
fn body(extra: &str) -> String {
    let mut body: String = [
        "前言",
        "本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。",
        "本文件起草单位：某某研究院。",
        "1　范围",
        "本文件规定了巡查的要求。",
        "2　规范性引用文件",
        "本文件没有规范性引用文件。",
        "3　术语和定义",
        "本文件没有需要界定的术语和定义。",
        "4　要求",
    ]
    .iter()
    .map(|t| paragraph(t))
    .collect();
    body.push_str(extra);
    body
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>COMMENTS</Types>"#;

/// A package around `body`; with `comments`, a comments part and its relationship too.
fn package(body: &str, comments: Option<&str>) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let comment_type = r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#;
    let comment_rel = r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#;
    let mut parts = vec![
        ("[Content_Types].xml", CONTENT_TYPES.replace("COMMENTS", if comments.is_some() { comment_type } else { "" })),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .to_owned(),
        ),
        (
            "word/_rels/document.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>{}</Relationships>"#,
                if comments.is_some() { comment_rel } else { "" }
            ),
        ),
        ("word/document.xml", document),
        (
            "word/styles.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}"/>"#),
        ),
    ];
    if let Some(comments) = comments {
        parts.push(("word/comments.xml", comments.to_owned()));
    }
    support::zip_parts(&parts)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path
}

fn entry(package: &Path, name: &str) -> String {
    let bytes = std::fs::read(package).unwrap_or_else(|e| panic!("{e}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).unwrap_or_default();
    text
}

/// Comment id → the text between its range start and end.
fn anchored(document: &str) -> BTreeMap<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(document);
    let (mut out, mut open, mut in_text) = (BTreeMap::<String, String>::new(), Vec::<String>::new(), false);
    let id = |e: &quick_xml::events::BytesStart<'_>| {
        e.attributes()
            .flatten()
            .find(|a| a.key.into_inner() == "w:id")
            .map(|a| a.value.into_owned())
            .unwrap_or_default()
    };
    loop {
        match reader.read_event() {
            Ok(Event::Empty(e)) if e.name().into_inner() == "w:commentRangeStart" => {
                out.entry(id(&e)).or_default();
                open.push(id(&e));
            }
            Ok(Event::Empty(e)) if e.name().into_inner() == "w:commentRangeEnd" => {
                let id = id(&e);
                open.retain(|i| *i != id);
            }
            Ok(Event::Start(e)) if e.name().into_inner() == "w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().into_inner() == "w:t" => in_text = false,
            Ok(Event::Text(t)) if in_text => {
                for i in &open {
                    out.entry(i.clone()).or_default().push_str(&t.clone().into_inner());
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => panic!("the annotated document.xml is not well-formed: {e}"),
            _ => {}
        }
    }
    out
}

/// The runs of the paragraph holding `needle`: (properties, text). The fixtures write plain
/// `<w:p>`, `<w:r>` and `<w:rPr>` tags, and so does annotate when it reopens a run.
fn runs_of(document: &str, needle: &str) -> Vec<(String, String)> {
    let runs = |paragraph: &str| -> Vec<(String, String)> {
        paragraph
            .split("<w:r>")
            .skip(1)
            .filter_map(|run| {
                let run = run.split("</w:r>").next()?;
                let properties =
                    run.split_once("<w:rPr>").and_then(|(_, r)| r.split_once("</w:rPr>")).map_or("", |(p, _)| p);
                let text = run.split_once("<w:t").and_then(|(_, r)| r.split_once('>'))?.1;
                Some((properties.to_owned(), text.split("</w:t>").next().unwrap_or_default().to_owned()))
            })
            .collect()
    };
    document
        .split("<w:p>")
        .map(runs)
        .find(|runs| runs.iter().map(|(_, t)| t.as_str()).collect::<String>().contains(needle))
        .unwrap_or_else(|| panic!("no paragraph with {needle}"))
}

fn findings(dir: &Path, file: &str) -> Vec<serde_json::Value> {
    let (_, out, _) = normlint(dir, &["check", file, "--isolated", "--show-all", "--format", "json", "--lang", "en"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    report["diagnostics"].as_array().cloned().unwrap_or_default()
}

#[test]
fn a_span_inside_one_run_splits_it_and_keeps_its_properties() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let extra =
        r#"<w:p><w:r><w:rPr><w:i/><w:color w:val="C00000"/></w:rPr><w:t>服务人员必须持证上岗。</w:t></w:r></w:p>"#;
    write(dir.path(), "draft.docx", &package(&body(extra), None));
    let (code, out, err) = normlint(dir.path(), &["annotate", "draft.docx", "--isolated", "--lang", "en"]);
    assert_eq!(code, 1, "an error-level finding fails the gate: {out}{err}");
    assert!(out.contains("draft.normlint.docx"), "{out}");
    let document = entry(&dir.path().join("draft.normlint.docx"), "word/document.xml");
    let comments = entry(&dir.path().join("draft.normlint.docx"), "word/comments.xml");
    let pv001 = comments.split("<w:comment ").find(|c| c.contains("PV001")).unwrap_or_else(|| panic!("{comments}"));
    let id = pv001.split('"').nth(1).unwrap_or_default().to_owned();
    assert_eq!(anchored(&document).get(&id).map(String::as_str), Some("必须"), "{document}");
    let runs = runs_of(&document, "持证上岗");
    let texts: Vec<&str> = runs.iter().map(|(_, t)| t.as_str()).filter(|t| !t.is_empty()).collect();
    assert_eq!(texts, ["服务人员", "必须", "持证上岗。"], "{runs:?}");
    for (properties, text) in &runs {
        assert_eq!(properties, r#"<w:i/><w:color w:val="C00000"/>"#, "the properties of “{text}”");
    }
    assert!(pv001.contains("w:author=\"normlint\"") && pv001.contains("w:date=\"2025-06-01T00:00:00Z\""), "{pv001}");
    assert!(pv001.contains("PV001 必须 (must) expresses a requirement"), "{pv001}");
}

#[test]
fn a_span_across_two_runs_keeps_both_runs_properties() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let extra = r#"<w:p><w:r><w:t>巡查人员</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>必</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>须每日签到。</w:t></w:r></w:p>"#;
    write(dir.path(), "draft.docx", &package(&body(extra), None));
    normlint(dir.path(), &["annotate", "draft.docx", "--isolated", "-o", "out.docx", "-q"]);
    let document = entry(&dir.path().join("out.docx"), "word/document.xml");
    assert!(anchored(&document).values().any(|t| t == "必须"), "{document}");
    let runs = runs_of(&document, "每日签到");
    let runs: Vec<(&str, &str)> =
        runs.iter().map(|(p, t)| (p.as_str(), t.as_str())).filter(|(_, t)| !t.is_empty()).collect();
    assert_eq!(
        runs,
        [
            ("", "巡查人员"),
            ("<w:b/>", "必"),
            (r#"<w:u w:val="single"/>"#, "须"),
            (r#"<w:u w:val="single"/>"#, "每日签到。")
        ]
    );
}

#[test]
fn a_span_in_a_table_cell_is_anchored_in_that_cell() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let extra = format!(
        "{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        paragraph("检查项目见下表。"),
        paragraph("项目"),
        paragraph("按GB/T 35796-2017执行")
    );
    write(dir.path(), "draft.docx", &package(&body(&extra), None));
    let before = findings(dir.path(), "draft.docx");
    let ds002 = before.iter().find(|d| d["code"] == "DS002").unwrap_or_else(|| panic!("{before:?}"));
    assert_eq!(ds002["snippet"], "-");
    normlint(dir.path(), &["annotate", "draft.docx", "--isolated", "-q"]);
    let copy = dir.path().join("draft.normlint.docx");
    let document = entry(&copy, "word/document.xml");
    let comments = entry(&copy, "word/comments.xml");
    let id = comments
        .split("<w:comment w:id=\"")
        .find(|c| c.contains("DS002"))
        .and_then(|c| c.split('"').next())
        .unwrap_or_else(|| panic!("{comments}"));
    assert_eq!(anchored(&document).get(id).map(String::as_str), Some("-"), "{document}");
    // The range and its reference stand in the second cell's paragraph.
    let cell = document.split("<w:tc>").nth(2).unwrap_or_default();
    assert!(cell.contains(&format!("<w:commentRangeStart w:id=\"{id}\"/>")), "{cell}");
    assert!(cell.contains(&format!("<w:commentReference w:id=\"{id}\"/>")), "{cell}");
}

#[test]
fn existing_comments_are_kept_and_other_parts_copied_as_stored() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let theirs = r#"<w:comment w:id="7" w:author="审查员" w:date="2025-01-02T03:04:05Z"><w:p><w:r><w:t>请核对适用范围。</w:t></w:r></w:p></w:comment>"#;
    let comments = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="{W}">{theirs}</w:comments>"#
    );
    let extra = format!(
        r#"<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>适用于全部巡查。</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>{}"#,
        paragraph("服务人员必须持证上岗。")
    );
    let draft = write(dir.path(), "draft.docx", &package(&body(&extra), Some(&comments)));
    let before = findings(dir.path(), "draft.docx");
    assert!(before.iter().any(|d| d["code"] == "IO009"), "the draft's own comment: {before:?}");
    normlint(dir.path(), &["annotate", "draft.docx", "--isolated", "-q"]);
    let copy = dir.path().join("draft.normlint.docx");
    let comments = entry(&copy, "word/comments.xml");
    assert!(comments.contains(theirs), "{comments}");
    let ids: Vec<u64> =
        comments.split("<w:comment w:id=\"").skip(1).filter_map(|c| c.split('"').next()?.parse().ok()).collect();
    assert_eq!(ids.first(), Some(&7));
    assert_eq!(ids.len(), 1 + before.len(), "one comment per finding besides the draft's own: {ids:?}");
    assert!(ids.iter().skip(1).enumerate().all(|(i, &id)| id == 8 + i as u64), "new ids follow 7: {ids:?}");
    let document = entry(&copy, "word/document.xml");
    assert_eq!(anchored(&document).get("7").map(String::as_str), Some("适用于全部巡查。"));
    // No second relationship or content type for the comments part.
    assert_eq!(entry(&copy, "word/_rels/document.xml.rels").matches("relationships/comments").count(), 1);
    assert_eq!(entry(&copy, "[Content_Types].xml").matches("/word/comments.xml").count(), 1);

    // Every part but the two rewritten is stored exactly as in the draft.
    let raw = |path: &Path| -> BTreeMap<String, (u32, Vec<u8>)> {
        let bytes = std::fs::read(path).unwrap_or_default();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index_raw(i).unwrap_or_else(|e| panic!("{e}"));
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap_or_default();
                (file.name().map(|n| n.into_owned()).unwrap_or_default(), (file.crc32(), data))
            })
            .collect()
    };
    let (original, annotated) = (raw(&draft), raw(&copy));
    assert_eq!(original.keys().collect::<Vec<_>>(), annotated.keys().collect::<Vec<_>>());
    for (name, stored) in &original {
        if name != "word/document.xml" && name != "word/comments.xml" {
            assert_eq!(Some(stored), annotated.get(name), "{name} was not copied as stored");
        }
    }

    // Read again: the same findings, and IO009 now counts every comment.
    let after = findings(dir.path(), "draft.normlint.docx");
    let key = |d: &serde_json::Value| {
        (d["code"].to_string(), d["message"].to_string(), d["line"].to_string(), d["column"].to_string())
    };
    let without_io009 =
        |v: &[serde_json::Value]| v.iter().filter(|d| d["code"] != "IO009").map(key).collect::<Vec<_>>();
    assert_eq!(without_io009(&before), without_io009(&after));
    let io009 = after.iter().find(|d| d["code"] == "IO009").map(|d| d["message"].to_string()).unwrap_or_default();
    assert!(io009.contains(&format!("{} comment", ids.len())), "{io009}");
}

#[test]
fn the_draft_is_never_touched() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bytes = package(&body(&paragraph("服务人员必须持证上岗。")), None);
    let draft = write(dir.path(), "draft.docx", &bytes);
    let (code, _, err) = normlint(dir.path(), &["annotate", "draft.docx", "-o", "draft.docx"]);
    assert_eq!(code, 2);
    assert!(err.contains("would replace the draft"), "{err}");
    let (code, _, _) = normlint(dir.path(), &["annotate", "draft.docx", "--exit-zero", "-q"]);
    assert_eq!(code, 0, "--exit-zero");
    assert_eq!(std::fs::read(&draft).unwrap_or_default(), bytes);
    assert!(dir.path().join("draft.normlint.docx").exists());
}

/// A directory this process cannot write to: a read-only temporary one, unless this runs as
/// root (who writes anywhere), then a read-only system directory.
fn read_only_dir(temp: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let locked = temp.join("locked");
    std::fs::create_dir(&locked).ok()?;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).ok()?;
    let refuses = |dir: &Path| std::fs::write(dir.join(".probe"), b"x").is_err();
    if refuses(&locked) {
        return Some(locked);
    }
    let _ = std::fs::remove_file(locked.join(".probe"));
    ["/sys", "/proc"].into_iter().map(PathBuf::from).find(|d| d.is_dir() && refuses(d))
}

#[test]
fn a_read_only_target_directory_is_a_clear_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "draft.docx", &package(&body(&paragraph("服务人员必须持证上岗。")), None));
    let Some(locked) = read_only_dir(dir.path()) else {
        println!("skipped: no directory here refuses writes to this user");
        return;
    };
    let listing = |d: &Path| -> Vec<PathBuf> {
        let mut names: Vec<PathBuf> =
            std::fs::read_dir(d).map(|r| r.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        names.sort();
        names
    };
    let before = listing(&locked);
    let target = locked.join("draft.normlint.docx");
    let (code, out, err) = normlint(dir.path(), &["annotate", "draft.docx", "-o", &target.to_string_lossy()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("cannot write") && err.contains("nothing written"), "{err}");
    assert_eq!(listing(&locked), before, "nothing left behind in {}", locked.display());
    assert!(!target.exists());
}

#[test]
fn markdown_and_text_drafts_are_sent_to_the_html_report() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "draft.md", "# 前言\n\n服务人员必须持证上岗。\n".as_bytes());
    for name in ["draft.md", "draft.txt", "draft.sts.xml"] {
        let (code, _, err) = normlint(dir.path(), &["annotate", name]);
        assert_eq!(code, 2, "{name}");
        assert!(err.contains("--format html"), "{name}: {err}");
    }
    assert!(!dir.path().join("draft.normlint.md").exists());
}

#[test]
fn an_unreadable_package_is_reported_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(dir.path(), "broken.docx", b"PK\x03\x04 not really a zip");
    let (code, _, err) = normlint(dir.path(), &["annotate", "broken.docx"]);
    assert_eq!(code, 2);
    assert!(err.contains("IO004") && err.contains("no annotated copy written"), "{err}");
    assert!(!dir.path().join("broken.normlint.docx").exists());
}

/// `annotate` takes `check`'s rule-selection and gate flags from one definition: with the same
/// flags both see the same findings and give the same exit code.
#[test]
fn selection_and_gate_flags_mean_what_they_mean_for_check() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // PV001 (error), TY001 and PV004 (warnings).
    let extra = paragraph("服务人员必须持证上岗,并且签到。") + &paragraph("巡查人员应尽量每日签到。");
    write(dir.path(), "draft.docx", &package(&body(&extra), None));
    write(dir.path(), "no-pv001.toml", b"ignore = [\"PV001\"]\n");
    let cases: [(&[&str], i32, usize); 10] = [
        (&["--isolated"], 1, 3),
        (&["--isolated", "--ignore", "PV001"], 0, 2),
        (&["--isolated", "--ignore", "PV001", "--fail-on", "warning"], 1, 2),
        (&["--isolated", "--ignore", "PV001", "--max-warnings", "1"], 1, 2),
        (&["--isolated", "--ignore", "PV001", "--max-warnings", "2"], 0, 2),
        (&["--isolated", "--select", "PV,TY001", "--ignore", "PV001,PV004"], 0, 1),
        (&["--isolated", "--select", "TY001", "--extend-select", "PV004", "--fail-on", "warning"], 1, 2),
        (&["--isolated", "--select=PV001", "--exit-zero"], 0, 1),
        (&["--config", "no-pv001.toml"], 0, 2),
        (&["--config", "no-pv001.toml", "--ignore", "TY"], 0, 1),
    ];
    for (flags, code, count) in cases {
        let check: Vec<&str> =
            ["check", "draft.docx", "--show-all", "--format", "json"].iter().chain(flags).copied().collect();
        let (check_code, out, err) = normlint(dir.path(), &check);
        assert_eq!(check_code, code, "check {flags:?}: {err}");
        let report: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(count), "check {flags:?}: {out}");

        let annotate: Vec<&str> = ["annotate", "draft.docx", "--lang", "en"].iter().chain(flags).copied().collect();
        let (annotate_code, out, err) = normlint(dir.path(), &annotate);
        assert_eq!(annotate_code, code, "annotate {flags:?}: {out}{err}");
        let wrote = format!("Wrote {count} comment{} to", if count == 1 { "" } else { "s" });
        assert!(out.starts_with(&wrote), "annotate {flags:?}: {out}");
    }
    for command in ["check", "annotate"] {
        let (code, _, err) = normlint(dir.path(), &[command, "draft.docx", "--config", "no-pv001.toml", "--isolated"]);
        assert_eq!(code, 2, "{command}: {err}");
        assert!(err.contains("cannot be used with"), "{command}: {err}");
    }
}
