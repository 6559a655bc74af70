//! One criterion bench per stage of the pipeline, so that the next slowdown is found by stage
//! and by rule family (issue 9): decoding, reading per format, the rules of each family, the
//! set rules over a set of documents, and rendering in the concise, JSON and full formats.
//!
//! The inputs are the repository's own sample standard in its three renditions (Markdown,
//! Word, STS) and a set of documents derived from it; nothing outside the repository is read.
//!
//! ```sh
//! cargo bench --bench stages              # all
//! cargo bench --bench stages -- rules/    # one group
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use normlint::check::{FileReport, RunReport, Settings, check_bytes};
use normlint::diagnostic::Lang;
use normlint::profile::Profile;
use normlint::read::read_document;
use normlint::rules::{Context, Family, RunIndex, registry};

const SAMPLE: &str = "samples/compliant/community-home-care";
/// A draft with findings of most families, for the set rules and the renderers.
const FLAWED: &str = "samples/flawed/home-care-draft";

fn sample(extension: &str) -> (PathBuf, Vec<u8>) {
    read_sample(SAMPLE, extension)
}

fn read_sample(name: &str, extension: &str) -> (PathBuf, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{name}.{extension}"));
    match std::fs::read(&path) {
        Ok(bytes) => (path, bytes),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn bench_decode_and_read(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    for extension in ["md", "docx", "sts.xml"] {
        let (path, bytes) = sample(extension);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        if extension == "md" {
            group.bench_with_input(BenchmarkId::new("decode", extension), &bytes, |b, bytes| {
                b.iter(|| normlint::source::decode(black_box(bytes)))
            });
        }
        group.bench_with_input(BenchmarkId::new("read", extension), &bytes, |b, bytes| {
            b.iter(|| read_document(&path, black_box(bytes)))
        });
    }
    group.finish();
}

const FAMILIES: &[Family] = &[
    Family::Structure,
    Family::Cover,
    Family::Foreword,
    Family::Numbering,
    Family::References,
    Family::Terms,
    Family::Provisions,
    Family::Lists,
    Family::Annexes,
    Family::Figures,
    Family::Notes,
    Family::Designation,
    Family::Typography,
];

fn bench_rules_per_family(c: &mut Criterion) {
    let (path, bytes) = sample("md");
    let read = || match read_document(&path, &bytes) {
        Ok((doc, _)) => doc,
        Err(e) => panic!("sample: {e:?}"),
    };
    let profile = match Profile::detect(&read()) {
        Ok(profile) => profile,
        Err(e) => panic!("profile: {e:?}"),
    };
    let mut group = c.benchmark_group("rules");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    for &family in FAMILIES {
        let rules: Vec<_> = registry().iter().filter(|r| r.meta().family == family).collect();
        // A fresh document each time: rules share what they derive from one document, and a
        // second pass over the same one would measure the shared part as free.
        group.bench_function(format!("{family:?}"), |b| {
            b.iter_batched(
                read,
                |doc| {
                    let mut found = 0;
                    // Shared by the family's rules, as a run shares it between all of them.
                    let index = RunIndex::default();
                    for rule in &rules {
                        let mut ctx = Context::new(&doc, &profile, &index);
                        ctx.enter(rule.meta(), rule.meta().severity);
                        rule.check(&mut ctx);
                        found += ctx.into_diagnostics().len();
                    }
                    found
                },
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

/// The flawed draft under 200 names in one folder, each with its own designation so that the
/// set rules have designations, terms and references to compare, and the renderers findings.
fn report_set() -> Vec<FileReport> {
    let (_, bytes) = read_sample(FLAWED, "md");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let settings = Settings::default();
    (0..200)
        .map(|i| {
            let varied = text.replacen("DB4403/T 520", &format!("DB4403/T {}", 1000 + i), 1);
            let path = PathBuf::from(format!("set/doc{i:03}.md"));
            check_bytes(&path, varied.into_bytes(), &settings, None)
        })
        .collect()
}

fn bench_set_rules(c: &mut Criterion) {
    let mut reports = report_set();
    let kept: Vec<usize> = reports.iter().map(|r| r.findings.len()).collect();
    let mut group = c.benchmark_group("set");
    group.throughput(Throughput::Elements(reports.len() as u64));
    group.bench_function("200 documents", |b| {
        b.iter(|| {
            normlint::set::check(black_box(&mut reports), None);
            for (report, &n) in reports.iter_mut().zip(&kept) {
                report.findings.truncate(n);
            }
        })
    });
    group.finish();
}

fn bench_render(c: &mut Criterion) {
    let reports = report_set();
    let findings: usize = reports.iter().map(|r| r.findings.len()).sum();
    let (path, bytes) = read_sample(FLAWED, "md");
    let source = match read_document(&path, &bytes) {
        Ok((doc, _)) => doc.source,
        Err(e) => panic!("sample: {e:?}"),
    };
    let run = RunReport { files: reports, documents: 200, elapsed: Duration::ZERO, missing_paths: Vec::new() };
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Elements(findings as u64));
    group.bench_function("concise", |b| b.iter(|| normlint::report::concise::render(black_box(&run.files), Lang::Zh)));
    group.bench_function("json", |b| b.iter(|| normlint::report::json::render(black_box(&run), Lang::Zh)));
    let renderer = normlint::report::full::FullRenderer::new(Lang::Zh, false);
    group.bench_function("full", |b| {
        b.iter(|| {
            run.files
                .iter()
                .map(|f| renderer.render(Some(&source), &f.path.display().to_string(), &f.findings).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group! {
    name = stages;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = bench_decode_and_read, bench_rules_per_family, bench_set_rules, bench_render
}
criterion_main!(stages);
