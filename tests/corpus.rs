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

/// Designation, chapter titles, the number of term entries with their first Chinese term, and
/// annex letters of each real standard in `real-md/`, as `normlint outline` shows them (read
/// against each text: no table row or caption among the chapters, every term with its Chinese
/// term).
#[test]
fn real_md_outlines_are_the_documents() {
    let Some(dir) = corpus("real-md") else { return };
    struct Expected {
        prefix: &'static str,
        designation: &'static str,
        chapters: &'static [&'static str],
        terms: usize,
        first_term: &'static str,
        annexes: &'static str,
    }
    let expected = [
        Expected {
            prefix: "gbt37032",
            designation: "GB/T 37032—2018",
            chapters: &[
                "范围",
                "规范性引用文件",
                "术语和定义",
                "物联网标识体系框架",
                "物联网标识体系的兼容性",
                "物联网标识体系的开放性",
                "物联网标识体系的安全性",
            ],
            terms: 0,
            first_term: "",
            annexes: "",
        },
        Expected {
            prefix: "gbt38368",
            designation: "GB/T 38368—2019",
            chapters: &[
                "范围",
                "规范性引用文件",
                "术语和定义",
                "数字化模型要求",
                "测量模型的构建",
                "测量过程设计",
                "测量实施",
                "其他",
            ],
            terms: 7,
            first_term: "数字化模型",
            annexes: "ABC",
        },
        Expected {
            prefix: "gbt40949",
            designation: "GB/T 40949—2021",
            chapters: &["范围", "规范性引用文件", "术语和定义", "缩略语", "数据元", "可信性", "可信性证实方法"],
            terms: 4,
            first_term: "数字内容",
            annexes: "AB",
        },
        Expected {
            prefix: "gbt45256",
            designation: "GB/T 45256—2025",
            chapters: &["范围", "规范性引用文件", "术语和定义", "构建原则", "构成要素", "创建流程", "构建工具功能要求"],
            terms: 14,
            first_term: "知识",
            annexes: "",
        },
        Expected {
            prefix: "gbt45308",
            designation: "GB/T 45308—2025",
            chapters: &["范围", "规范性引用文件", "术语和定义", "缩略语", "技术要求", "性能测试"],
            terms: 14,
            first_term: "时间基准",
            annexes: "",
        },
        Expected {
            prefix: "jrt0314",
            designation: "JR/T 0314—2024",
            chapters: &[
                "范围",
                "规范性引用文件",
                "术语和定义",
                "缩略语",
                "应用环境",
                "业务数据存储",
                "地方业务链的节点接口要求",
            ],
            terms: 11,
            first_term: "共识节点",
            annexes: "ABCDE",
        },
        Expected {
            prefix: "t-camet",
            designation: "T/CAMET 04011.5—2018",
            chapters: &["范围", "规范性引用文件", "术语和缩略语", "总则", "CI-CI通信接口报文规范"],
            terms: 5,
            first_term: "基于通信的列车控制",
            annexes: "",
        },
        Expected {
            prefix: "q-cib",
            designation: "Q/CIB 4052.2—2024",
            chapters: &[
                "范围",
                "规范性引用文件",
                "术语和定义",
                "缩略语",
                "基本概念",
                "消息服务",
                "设计指引",
                "开发指引",
                "测试指引",
                "上线指引",
            ],
            terms: 20,
            first_term: "技术中台",
            annexes: "A",
        },
    ];
    for e in expected {
        let path = find(&dir, e.prefix);
        let bytes = std::fs::read(&path).unwrap_or_default();
        let doc = read_text_document(&path, &bytes).unwrap_or_else(|err| panic!("{}: {err:?}", path.display()));
        let name = path.display();
        assert_eq!(doc.meta.designation.as_ref().map(|d| d.text.as_str()), Some(e.designation), "{name}");
        let chapters: Vec<&str> = doc.chapters.iter().map(|c| c.title_text()).collect();
        assert_eq!(chapters, e.chapters, "{name}");
        let terms: Vec<String> = doc
            .terms_chapter()
            .map(|t| {
                t.all_blocks()
                    .into_iter()
                    .filter_map(|b| match &b.kind {
                        BlockKind::Term(entry) => {
                            Some(entry.term_zh.as_ref().map_or(String::new(), |z| z.text.clone()))
                        }
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(terms.len(), e.terms, "{name}: {terms:?}");
        assert!(terms.iter().all(|t| !t.is_empty()), "{name}: a term entry without its Chinese term: {terms:?}");
        assert_eq!(terms.first().map_or("", String::as_str), e.first_term, "{name}");
        let annexes: String = doc.annexes.iter().map(|a| a.letter).collect();
        assert_eq!(annexes, e.annexes, "{name}");
    }
}
