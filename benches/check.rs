//! Benchmarks over a generated corpus (no dependency on ../shared):
//! - `read`: decoding and building the model of one generated standard of ~N chapters;
//! - `rules`: running every rule over that model;
//! - `pipeline`: `normlint::check::run` over a directory of 200 generated documents.
//!
//! Run with `cargo bench`; the README gives the hyperfine command for the real corpus.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use normlint::check::{Settings, check_document, run};
use normlint::model::Format;
use normlint::read::{parse, read_text_document};
use normlint::source::SourceFile;

/// A standard with `chapters` technical chapters of five subclauses each, with terms, lists,
/// notes, a table, references and a few deliberate defects so that rules report something.
fn generated_standard(chapters: usize, seed: usize) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "# 深圳市地方标准\n\nICS 03.080\n\nCCS A 12\n\nDB4403/T {}—2025\n\n# 社区服务规范第{seed}号\n\n\
         # Specification for community services\n\n2025-03-01发布\n\n2025-04-01实施\n\n## 前言\n\n\
         本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n\n\
         请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。\n\n\
         本文件由深圳市福田区民政局提出并归口。\n\n本文件起草单位：深圳市福田区民政局。\n\n本文件主要起草人：张明、李华。\n\n\
         ## 1 范围\n\n本文件规定了社区服务的要求。\n\n本文件适用于社区服务机构。\n\n## 2 规范性引用文件\n\n\
         下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。\n\n\
         GB/T 35796—2017 养老机构服务质量基本规范\n\n## 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n",
        100 + seed
    );
    for t in 1..=8 {
        let _ = write!(
            s,
            "### 3.{t}\n\n服务术语{t} service term {t}\n\n为老年人提供的第{t}类服务。\n\n注：包括上门服务。\n\n"
        );
    }
    for c in 4..4 + chapters {
        let _ = write!(s, "## {c} 服务要求{c}\n\n");
        for k in 1..=5 {
            let _ = write!(
                s,
                "### {c}.{k} 要求{k}\n\n服务人员应持证上岗，并应符合GB/T 35796-2017的规定，必须保持记录。\n\n\
                 服务机构宜建立应急预案，可增加服务项目，见表1。\n\na) 第一项；\n\nb) 第二项。\n\n"
            );
        }
    }
    s.push_str("## 附录A\n\n（资料性）\n\n## 服务记录表\n\n表A.1　记录\n\n| 项目 | 内容 |\n|---|---|\n| 1 | 2 |\n\n## 参考文献\n\n[1] 《养老机构管理办法》\n");
    s
}

fn bench_read_and_rules(c: &mut Criterion) {
    let mut group = c.benchmark_group("document");
    for chapters in [5usize, 50] {
        let text = generated_standard(chapters, 1);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("read", chapters), &text, |b, text| {
            b.iter(|| read_text_document(std::path::Path::new("bench.md"), black_box(text.as_bytes())))
        });
        group.bench_with_input(BenchmarkId::new("read+rules", chapters), &text, |b, text| {
            let settings = Settings::default();
            b.iter(|| {
                let doc = parse(SourceFile::from_text("bench.md", text), Format::Markdown);
                check_document(doc, &settings, normlint::rules::registry(), None)
            })
        });
    }
    group.finish();
}

fn bench_pipeline(c: &mut Criterion) {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let mut bytes = 0u64;
    for i in 0..200 {
        let text = generated_standard(10, i);
        bytes += text.len() as u64;
        let path = dir.path().join(format!("doc{i:03}.md"));
        if let Err(e) = std::fs::write(&path, text) {
            panic!("write {}: {e}", path.display());
        }
    }
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);
    let paths = vec![dir.path().to_path_buf()];
    group.bench_function("200 documents", |b| b.iter(|| run(black_box(&paths), &[], &Settings::default(), None)));
    group.finish();
}

criterion_group!(benches, bench_read_and_rules, bench_pipeline);
criterion_main!(benches);
