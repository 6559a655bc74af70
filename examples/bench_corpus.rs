//! Generates the corpora that `scripts/bench-compare.sh` and the scaling measurements run on.
//!
//! ```sh
//! cargo run --release --example bench_corpus -- set OUT_DIR 1000 300   # 1,000 documents, 300 also as .docx and STS
//! cargo run --release --example bench_corpus -- big OUT_FILE.md SHAPE BYTES
//! ```
//!
//! `set` derives distinct standards-shaped documents from the repository's own Markdown and text
//! (the samples and every rule fixture): each gets its own designation, its own vocabulary (a
//! different synonym for each of a few frequent words) and a different number of extra
//! paragraphs drawn from the other seeds, so no two documents are equal and their findings
//! vary as real drafts' do. The first `renditions` Markdown documents are also written as Word
//! .docx and NISO STS XML by the writers the format-parity tests use (`tests/support`).
//!
//! `big` writes one standard of about `BYTES` bytes of Markdown (as .docx or NISO STS when
//! `OUT_FILE` is named so) in one of the shapes that used to grow
//! superlinearly: `chapters` (many ordinary chapters), `long-lines` (paragraphs of one line of
//! ~200 KB), `long-paragraph` (one term definition of many short lines), `long-list` (one list
//! of many items), `many-terms` (a terms chapter of many entries, each used in the body),
//! `many-references` (many normative references, each cited), `run-on-citations` (one
//! paragraph that never ends a sentence, citing a designation between half-width commas),
//! `long-table` (one table of many rows, each citing a designation) and `scope-provisions` (a
//! scope of many provision words and no clause punctuation), `many-floats` (many figures and
//! tables, each cited) and `many-annexes` (many annexes, each cited).

#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Frequent words and the synonyms a derived document uses instead, so that documents differ
/// in vocabulary, not only in numbers.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("服务", &["服务", "照护", "保障", "支持", "协助"]),
    ("人员", &["人员", "工作人员", "从业人员", "员工"]),
    ("机构", &["机构", "组织", "单位", "中心"]),
    ("记录", &["记录", "台账", "档案", "登记"]),
    ("管理", &["管理", "治理", "管控", "监管"]),
    ("社区", &["社区", "街道", "村居", "小区"]),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("set") => {
            let out = args.get(1).map(PathBuf::from);
            let docs = args.get(2).and_then(|n| n.parse().ok());
            let renditions = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(0);
            match (out, docs) {
                (Some(out), Some(docs)) => write_set(&out, docs, renditions),
                _ => Err(usage()),
            }
        }
        Some("big") => {
            let out = args.get(1).map(PathBuf::from);
            let shape = args.get(2).cloned();
            let bytes = args.get(3).and_then(|n| n.parse().ok());
            match (out, shape, bytes) {
                (Some(out), Some(shape), Some(bytes)) => write_big(&out, &shape, bytes),
                _ => Err(usage()),
            }
        }
        _ => Err(usage()),
    };
    if let Err(message) = result {
        eprintln!("bench_corpus: {message}");
        std::process::exit(2);
    }
}

fn usage() -> String {
    "usage: bench_corpus set OUT_DIR DOCS [RENDITIONS] | big OUT_FILE SHAPE BYTES \
     (shapes: chapters long-lines long-paragraph long-list many-terms many-references \
     run-on-citations long-table scope-provisions many-floats many-annexes)"
        .to_owned()
}

/// A seed document: its text and whether it is Markdown (else plain text).
struct Seed {
    text: String,
    markdown: bool,
}

/// The repository's standards-shaped texts: the samples and the rule fixtures (Markdown and
/// text; GB18030 decoded). Fixtures of the reading rules (binary, empty, foreign) are left out:
/// they are not drafts.
fn seeds() -> Result<Vec<Seed>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    collect(&root.join("samples"), &mut paths);
    collect(&root.join("tests/fixtures/rules"), &mut paths);
    paths.sort();
    let mut seeds = Vec::new();
    for path in paths {
        let name = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
        if name.contains("/IO0") || name.contains("README") {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => encoding_rs::GB18030.decode(e.as_bytes()).0.into_owned(),
        };
        // A seed must look like a standard: a foreword or a scope, and some length.
        if text.len() < 1500 || !(text.contains("前言") || text.contains("范围")) {
            continue;
        }
        let markdown = path.extension().is_some_and(|e| e == "md");
        seeds.push(Seed { text, markdown });
    }
    if seeds.is_empty() {
        return Err("no seed documents found under samples/ and tests/fixtures/rules/".to_owned());
    }
    Ok(seeds)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
            out.push(path);
        }
    }
}

/// A small deterministic mixer (splitmix64), so the corpus is the same on every machine.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Paragraphs of running text from every seed (requirements, mostly), to lengthen documents.
fn paragraph_pool(seeds: &[Seed]) -> Vec<String> {
    let mut pool: Vec<String> = seeds
        .iter()
        .flat_map(|s| s.text.lines())
        .map(str::trim)
        .filter(|l| l.chars().count() >= 20 && l.ends_with('。') && (l.contains('应') || l.contains('宜')))
        .filter(|l| !l.starts_with(['#', '|', '<', '[']) && !l.contains("本文件"))
        .map(str::to_owned)
        .collect();
    pool.sort();
    pool.dedup();
    pool
}

/// The `index`-th derived document of `seed`.
fn derive(seed: &Seed, index: usize, round: usize, pool: &[String]) -> String {
    let mut text = seed.text.clone();
    // The vocabulary of this round: a mixed-radix digit of the round per word.
    let mut digits = round;
    for (word, alternatives) in SYNONYMS {
        let choice = alternatives.get(digits % alternatives.len()).copied().unwrap_or(word);
        digits /= alternatives.len();
        if choice != *word {
            text = text.replace(word, choice);
        }
    }
    let text = renumber_designation(&text, index);
    // Extra paragraphs after running-text paragraphs of the body: one after every first to
    // fourth, so documents grow by a quarter to all of their body.
    let extra_every = 1 + (mix(index as u64) % 4) as usize;
    let mut out = String::with_capacity(text.len() * 5 / 4);
    let mut in_body = false;
    let mut paragraphs = 0usize;
    for line in text.split_inclusive('\n') {
        out.push_str(line);
        let trimmed = line.trim();
        if trimmed.starts_with("## 4") || trimmed.starts_with("4　") || trimmed.starts_with("4 ") {
            in_body = true;
        }
        if trimmed.starts_with("## 附录") || trimmed.starts_with("附录") || trimmed.contains("参考文献") {
            in_body = false;
        }
        let running = trimmed.ends_with('。') && !trimmed.starts_with(['#', '|', '注', '示']);
        if in_body && running {
            paragraphs += 1;
            if paragraphs % extra_every == 0 && !pool.is_empty() {
                let pick = (mix((index * 1009 + paragraphs) as u64) % pool.len() as u64) as usize;
                if let Some(extra) = pool.get(pick) {
                    let _ = write!(out, "\n{extra}\n");
                }
            }
        }
    }
    out
}

/// Gives the document its own number: the first designation's number becomes `1000 + index`.
fn renumber_designation(text: &str, index: usize) -> String {
    let prefixes = ["DB4403/T ", "DB44/T ", "GB/T ", "JR/T ", "T/CSTE ", "Q/", "GB "];
    for prefix in prefixes {
        // Only on the cover (the first 2 KB): chapter 2's references keep theirs.
        let cover_end = text.char_indices().nth(700).map_or(text.len(), |(i, _)| i);
        let Some(at) = text.get(..cover_end).and_then(|c| c.find(prefix)) else { continue };
        let digits_at = at + prefix.len();
        let rest = text.get(digits_at..).unwrap_or_default();
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if digits == 0 {
            continue;
        }
        let mut out = String::with_capacity(text.len() + 8);
        out.push_str(text.get(..digits_at).unwrap_or_default());
        let _ = write!(out, "{}", 1000 + index);
        out.push_str(rest.get(digits..).unwrap_or_default());
        return out;
    }
    text.to_owned()
}

fn write_set(out: &Path, docs: usize, renditions: usize) -> Result<(), String> {
    let seeds = seeds()?;
    let pool = paragraph_pool(&seeds);
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut written_renditions = 0;
    let mut bytes = 0usize;
    for index in 0..docs {
        let seed_index = index % seeds.len();
        let round = index / seeds.len();
        let Some(seed) = seeds.get(seed_index) else { continue };
        let text = derive(seed, index, round, &pool);
        let stem = format!("doc{index:05}");
        let extension = if seed.markdown { "md" } else { "txt" };
        let path = out.join(format!("{stem}.{extension}"));
        bytes += text.len();
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        if written_renditions < renditions && seed.markdown {
            written_renditions += 1;
            let outline = support::Outline::of(&text);
            let numbers = if index % 2 == 0 { support::Numbers::Typed } else { support::Numbers::Word };
            let docx = support::docx(&outline, numbers);
            let sts = support::sts(&outline);
            bytes += docx.len() + sts.len();
            let docx_path = out.join(format!("{stem}.docx"));
            std::fs::write(&docx_path, docx).map_err(|e| format!("{}: {e}", docx_path.display()))?;
            let sts_path = out.join(format!("{stem}.sts.xml"));
            std::fs::write(&sts_path, sts).map_err(|e| format!("{}: {e}", sts_path.display()))?;
        }
    }
    eprintln!(
        "bench_corpus: {docs} documents from {} seeds, {written_renditions} also as .docx and STS, {:.1} MB in {}",
        seeds.len(),
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}

/// Front matter of a big document: cover, foreword, scope, references lead-in, terms lead-in.
fn front(references: &str, terms: &str) -> String {
    format!(
        "# 深圳市地方标准\n\nICS 03.080\n\nCCS A 12\n\nDB4403/T 999—2025\n\n# 社区居家养老服务规范\n\n\
         # Specification for community home-care services\n\n2025-03-01发布\n\n2025-04-01实施\n\n\
         深圳市市场监督管理局　发布\n\n## 前言\n\n\
         本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n\n\
         请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。\n\n\
         本文件由深圳市民政局提出并归口。\n\n本文件起草单位：深圳市民政局。\n\n本文件主要起草人：张明、李华。\n\n\
         ## 1 范围\n\n本文件规定了社区居家养老服务的要求。\n\n本文件适用于社区居家养老服务机构。\n\n## 2 规范性引用文件\n\n\
         下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；\
         不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。\n\n\
         GB/T 35796—2017　养老机构服务质量基本规范\n\n{references}## 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n\
         ### 3.1\n\n居家养老服务 home-based care service\n\n为居住在家的老年人提供的生活照料、医疗护理和精神慰藉等服务。\n\n{terms}"
    )
}

/// Sentences of requirements, varied by `k`.
fn sentence(k: usize) -> String {
    const SUBJECTS: &[&str] = &["服务人员", "服务机构", "运营单位", "护理员", "管理人员", "志愿者"];
    const VERBS: &[&str] = &["应", "宜", "可", "应定期", "不应"];
    const OBJECTS: &[&str] = &[
        "记录服务过程并保存服务档案",
        "按GB/T 35796—2017的规定开展质量评价",
        "对老年人的身体状况进行评估，见表1",
        "建立投诉处理制度，投诉处理时间不超过3个工作日",
        "配备符合要求的助餐设施和无障碍设施",
        "公开服务项目、收费标准和服务时间",
    ];
    let pick = |list: &[&'static str], salt: u64| {
        list.get((mix(k as u64 ^ salt) % list.len() as u64) as usize).copied().unwrap_or_default()
    };
    format!("{}{}{}。", pick(SUBJECTS, 1), pick(VERBS, 2), pick(OBJECTS, 3))
}

const BACK: &str = "## 附录A\n\n（资料性）\n\n## 服务记录表\n\n表A.1　记录\n\n| 项目 | 内容 |\n|---|---|\n| 1 | 2 |\n\n\
                    ## 参考文献\n\n[1] 《养老机构管理办法》\n";

/// A term name of its own for entry `k` (three Han characters from a fixed list, then 服务).
fn term_name(k: usize) -> String {
    const SYLLABLES: &str = "安宁康乐福寿泰和颐养护理助餐陪诊巡访喘息照料膳食康复适老智慧";
    let chars: Vec<char> = SYLLABLES.chars().collect();
    let n = chars.len();
    let mut name = String::new();
    let mut x = k;
    for _ in 0..4 {
        name.push(chars.get(x % n).copied().unwrap_or('安'));
        x /= n;
    }
    name.push_str("服务");
    name
}

fn write_big(out: &Path, shape: &str, bytes: usize) -> Result<(), String> {
    let text = big(shape, bytes)?;
    // An OUT_FILE named .docx or .sts.xml gets the document in that format, as `set` writes
    // its renditions: the readers' growth is measured too.
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let written = if name.ends_with(".docx") {
        support::docx(&support::Outline::of(&text), support::Numbers::Typed)
    } else if name.ends_with(".sts.xml") {
        support::sts(&support::Outline::of(&text)).into_bytes()
    } else {
        text.clone().into_bytes()
    };
    std::fs::write(out, &written).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("bench_corpus: {shape} {:.2} MB in {}", text.len() as f64 / 1e6, out.display());
    Ok(())
}

fn big(shape: &str, bytes: usize) -> Result<String, String> {
    let mut s;
    match shape {
        "chapters" => {
            s = front("", "");
            let mut chapter = 4;
            while s.len() < bytes {
                let _ = write!(s, "## {chapter} 服务要求{chapter}\n\n");
                for k in 1..=5 {
                    let _ = write!(s, "### {chapter}.{k} 要求{k}\n\n");
                    for j in 0..3 {
                        s.push_str(&sentence(chapter * 31 + k * 7 + j));
                        s.push_str("\n\n");
                    }
                    s.push_str("服务内容应符合下列要求：\n\na) 第一项；\n\nb) 第二项。\n\n");
                }
                chapter += 1;
            }
        }
        "long-lines" => {
            s = front("", "");
            s.push_str("## 4 服务要求\n\n");
            let mut k = 0;
            while s.len() < bytes {
                // One paragraph of ~200 KB on one line.
                let line_end = s.len() + 200_000;
                while s.len() < line_end && s.len() < bytes {
                    s.push_str(&sentence(k));
                    k += 1;
                }
                s.push_str("\n\n");
            }
        }
        "long-paragraph" => {
            s = front("", "### 3.2\n\n长期照护服务 long-term care service\n\n");
            // The definition of 3.2 goes on over many short lines of one paragraph.
            let mut k = 0;
            while s.len() < bytes {
                s.push_str("为失能老年人提供的照护");
                let _ = writeln!(s, "服务第{k}项");
                k += 1;
            }
            s.push_str("\n## 4 服务要求\n\n服务人员应持证上岗。\n\n");
        }
        "long-list" => {
            s = front("", "");
            s.push_str("## 4 服务要求\n\n服务内容应包括下列项目：\n\n");
            let mut k = 1;
            while s.len() < bytes {
                let _ = write!(s, "{k}）{}\n\n", sentence(k).trim_end_matches('。'));
                k += 1;
            }
            s.push_str("## 5 服务评价\n\n服务机构应定期开展服务评价。\n\n");
        }
        "many-terms" => {
            s = front("", "");
            let mut terms = String::new();
            let mut body = String::from("## 4 服务要求\n\n");
            let mut k = 2;
            while s.len() + terms.len() + body.len() < bytes {
                let name = term_name(k);
                let _ = write!(terms, "### 3.{k}\n\n{name} service term {k}\n\n为老年人提供的第{k}类照护服务。\n\n");
                let _ = write!(body, "服务机构应提供{name}。\n\n");
                k += 1;
            }
            s = front("", &terms);
            s.push_str(&body);
        }
        "many-references" => {
            let mut references = String::new();
            let mut body = String::from("## 4 服务要求\n\n");
            let mut k = 1;
            // The front matter's own length once: rebuilding it every round was quadratic.
            let fixed = front("", "").len();
            while fixed + references.len() + body.len() < bytes {
                let number = 20000 + k;
                let _ = write!(references, "GB/T {number}—2020　养老服务规范　第{k}部分：服务要求\n\n");
                let _ = write!(body, "服务机构应符合GB/T {number}—2020中第4章的规定。\n\n");
                k += 1;
            }
            s = front(&references, "");
            s.push_str(&body);
        }
        "run-on-citations" => {
            s = front("", "");
            s.push_str("## 4 服务要求\n\n");
            let mut k = 0;
            while s.len() < bytes {
                let _ = write!(s, "应符合GB/T {}.{},服务", 20000 + k % 9000, k % 7 + 1);
                k += 1;
            }
            s.push_str("。\n\n");
        }
        "long-table" => {
            s = front("", "");
            s.push_str("## 4 服务要求\n\n| 项目 | 依据 |\n|---|---|\n");
            let mut k = 0;
            while s.len() < bytes {
                let _ = writeln!(s, "| 服务项目{k} | 应符合GB/T {} |", 20000 + k % 9000);
                k += 1;
            }
            s.push('\n');
        }
        "scope-provisions" => {
            s = String::from(
                "# 社区养老服务规范\n\n## 前言\n\n本文件按照GB/T 1.1—2020《标准化工作导则  第1部分：标准化文件的结构和起草规则》的规定起草。\n\n## 1 范围\n\n本文件规定了",
            );
            while s.len() < bytes {
                s.push_str("服务人员应持证上岗,宜着装整洁,");
            }
            s.push_str("。\n\n## 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n## 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n## 4 服务要求\n\n服务人员应持证上岗。\n\n");
        }
        "many-floats" => {
            s = front("", "");
            s.push_str("## 4 服务要求\n\n");
            let mut k = 1;
            while s.len() < bytes {
                let _ = write!(
                    s,
                    "服务流程见图{k}，记录项目见表{k}。\n\n图{k}　服务流程{k}\n\n表{k}　记录项目{k}\n\n| 项目 | 说明 |\n|---|---|\n| 日期 | 年月日 |\n\n"
                );
                k += 1;
            }
        }
        "many-annexes" => {
            s = front("", "");
            s.push_str("## 4 服务要求\n\n");
            let mut annexes = String::new();
            let mut k = 0;
            while s.len() + annexes.len() < bytes {
                let letter = char::from(b'A' + u8::try_from(k % 26).unwrap_or(0));
                let _ = write!(s, "服务记录应符合附录{letter}的规定。\n\n");
                let _ = write!(annexes, "## 附录{letter}\n\n（规范性）\n\n服务记录{k}\n\n记录应保存3年。\n\n");
                k += 1;
            }
            s.push_str(&annexes);
        }
        other => return Err(format!("unknown shape {other}; {}", usage())),
    }
    s.push_str(BACK);
    Ok(s)
}
