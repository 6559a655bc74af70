//! Runs over the shared public corpus when it is present beside the project (`../shared`);
//! skips with a printed reason otherwise, so a clone on its own still passes.

use std::path::{Path, PathBuf};

use normlint::check::Settings;
use normlint::model::BlockKind;
use normlint::read::read_text_document;

/// Says why a test does nothing, where the person running the tests sees it: libtest captures
/// `eprintln!` of a passing test, not a write to the standard error handle.
fn skip(reason: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "skipped: {reason}");
}

fn corpus(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        skip(&format!("{} is not present (the shared corpus sits beside the project)", dir.display()));
        None
    }
}

/// Chapters (number, title), annexes (letter, obligation) and term names of a document.
type Outline = (Vec<(String, String)>, Vec<(char, String)>, Vec<String>);

fn outline_of(path: &Path) -> Outline {
    let bytes = std::fs::read(path).unwrap_or_default();
    let doc = read_text_document(path, &bytes).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    let chapters = doc.chapters.iter().map(|c| (c.declared.text.clone(), c.title_text().to_owned())).collect();
    let annexes = doc
        .annexes
        .iter()
        .map(|a| (a.letter, a.obligation.as_ref().map_or(String::new(), |o| format!("{:?}", o.obligation))))
        .collect();
    let terms = doc
        .terms_chapter()
        .map(|t| {
            t.all_blocks()
                .into_iter()
                .filter_map(|b| match &b.kind {
                    BlockKind::Term(e) => Some(e.term_zh.as_ref().map_or(String::new(), |z| z.text.clone())),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    (chapters, annexes, terms)
}

fn find(dir: &Path, prefix: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .unwrap_or_default()
}

#[test]
fn gb_markdown_conversions_give_the_right_clause_tree() {
    let Some(dir) = corpus("gb-markdown") else { return };

    let (chapters, annexes, terms) = outline_of(&find(&dir, "GB_T_40953"));
    let titles: Vec<&str> = chapters.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(titles, ["范围", "规范性引用文件", "术语和定义", "缩略语", "加密", "封装"]);
    assert_eq!(annexes, [('A', "Normative".to_owned()), ('B', "Informative".to_owned())]);
    assert_eq!(terms, ["数字内容", "版权资源", "版权资源封装元数据", "版权资源标识"]);

    let (chapters, annexes, terms) = outline_of(&find(&dir, "JR_T_0319"));
    let numbers: Vec<&str> = chapters.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5"]);
    assert_eq!(chapters[3].1, "基础类数据标准属性框架");
    assert_eq!(annexes, [('A', "Informative".to_owned()), ('B', "Informative".to_owned())]);
    assert_eq!(terms, ["数据", "基础类数据标准", "指标类数据标准", "属性框架"]);

    let (chapters, annexes, terms) = outline_of(&find(&dir, "实景三维"));
    let titles: Vec<&str> = chapters.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(titles, ["范围", "规范性引用文件", "术语和定义", "时空数据分类", "基本规定"]);
    assert!(annexes.is_empty());
    assert_eq!(terms, ["质检支撑库", "时空大数据"]);
}

#[test]
fn whole_corpus_reads_without_internal_errors() {
    let Some(dir) = corpus("") else { return };
    let report = normlint::check::run(&[dir], &[], &Settings::default(), None).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.documents > 3000, "{} documents", report.documents);
    let internal: Vec<_> =
        report.files.iter().filter(|f| f.findings.iter().any(|x| x.code == "IO006")).map(|f| f.path.clone()).collect();
    assert!(internal.is_empty(), "{internal:?}");
    let laws_without_io005 = report
        .files
        .iter()
        .filter(|f| f.path.to_string_lossy().contains("laws-zh"))
        .filter(|f| f.findings.iter().all(|x| x.code != "IO005"))
        .count();
    assert_eq!(laws_without_io005, 0);
}
