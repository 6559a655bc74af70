//! Set-level checking: the pass over the facts of every document ([`DocFacts`], see
//! `facts`) after the parallel phase.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Message;
pub use crate::facts::{Anchor, Anchorer, DocFacts, FactDesignation, FactPartStatement, FactReference, FactTerm};
use crate::findings::{FileReport, Finding};
use crate::rules::RuleMeta;
use crate::source::Span;

impl Anchor {
    /// A set finding here. `identity` names the defect — the designation, the term, the part —
    /// and never the other documents or the wording of the message: with path, code and clause
    /// it is the fingerprint a baseline records, which must survive a message being reworded
    /// or another file of the set being moved or renamed.
    pub fn finding(&self, rule: &'static RuleMeta, identity: &str, message: Message, help: Option<Message>) -> Finding {
        Finding {
            line_key: crate::rules::normalize::sentence_key(identity).into(),
            ..Finding::located(self.clone(), (rule.code, rule.name, rule.severity), message, help)
        }
    }
}

/// A finding of a set rule for one document of the set.
pub struct SetFinding {
    pub path: PathBuf,
    pub finding: Finding,
    /// For a finding on a reference whose anchor was deferred: the span to anchor it at once
    /// its document is read again.
    pub deferred: Option<Span>,
}

/// Takes each set finding as it is made, with the report of its file (`None`: no report has
/// its path), before the findings of the set are gathered: returns it to have it kept, or
/// `None` when it took it (rendered it, or dropped it). A large set has tens of thousands,
/// most of a run's memory were they all kept whole until the end.
pub type Sift<'s> = dyn FnMut(Option<&FileReport>, Finding) -> Option<Finding> + 's;

/// The sink the set rules report into.
#[derive(Default)]
pub struct SetSink<'s> {
    pub findings: Vec<SetFinding>,
    sift: Option<&'s mut Sift<'s>>,
    /// The reports of the run, sorted by path, for `sift`.
    reports: &'s [FileReport],
    /// `reports` by path, made when a finding first asks (most runs have no set finding).
    by_path: std::cell::OnceCell<ReportsByPath<'s>>,
}

/// The reports of a run by path, each path's first. A set finding asks for its file's report:
/// a binary search of the sorted reports compared paths component by component, a dozen
/// times a finding, which cost more than the set rules themselves. Hashing a path costs about
/// as much as two comparisons, so the map is made only when a finding asks.
#[derive(Default)]
struct ReportsByPath<'r> {
    first: crate::hash::HashMap<&'r Path, &'r FileReport>,
}

impl<'r> ReportsByPath<'r> {
    fn of(reports: &'r [FileReport]) -> Self {
        let mut first = crate::hash::HashMap::default();
        for report in reports {
            first.entry(report.path.as_path()).or_insert(report);
        }
        ReportsByPath { first }
    }

    fn get(&self, path: &Path) -> Option<&'r FileReport> {
        self.first.get(path).copied()
    }
}

impl SetSink<'_> {
    pub fn report(&mut self, path: &Path, finding: Finding) {
        let finding = match &mut self.sift {
            Some(sift) => match sift(self.by_path.get_or_init(|| ReportsByPath::of(self.reports)).get(path), finding) {
                Some(finding) => finding,
                None => return,
            },
            None => finding,
        };
        self.findings.push(SetFinding { path: path.to_path_buf(), finding, deferred: None });
    }

    /// A finding on a reference of `facts`, made by `finding` at the reference's anchor; when
    /// the anchor was deferred, at the start of the file until [`check`] anchors it.
    pub fn report_on(&mut self, facts: &DocFacts, reference: &FactReference, finding: impl FnOnce(&Anchor) -> Finding) {
        let (finding, deferred) = match &reference.at {
            Some(at) => (finding(at), None),
            None => (finding(&Anchor::start()), Some(Span::new(reference.span.0, reference.span.1))),
        };
        self.findings.push(SetFinding { path: facts.path.clone(), finding, deferred });
    }
}

/// Runs the set rules and adds their findings to the reports (already sorted by path).
pub fn check(reports: &mut [FileReport], catalogue: Option<&crate::catalogue::Catalogue>) {
    check_sifted(reports, catalogue, None);
}

/// [`check`], each finding offered to `sift` as soon as it is anchored; the reports get those
/// it returns.
pub fn check_sifted<'s>(
    reports: &mut [FileReport],
    catalogue: Option<&crate::catalogue::Catalogue>,
    sift: Option<&'s mut Sift<'s>>,
) {
    let mut sift = sift;
    let all: &[FileReport] = reports;
    let facts: Vec<&DocFacts> = all.iter().filter_map(|r| r.facts.as_deref()).collect();
    let mut sink = SetSink {
        findings: Vec::new(),
        sift: sift.as_mut().map(|s| &mut **s as &mut Sift<'_>),
        reports: all,
        by_path: std::cell::OnceCell::new(),
    };
    crate::rules::set::run(&facts, catalogue, &mut sink);
    let mut findings = sink.findings;
    anchor_deferred(&facts, &mut findings);
    if let Some(sift) = sift.filter(|_| !findings.is_empty()) {
        // The deferred ones, anchored now; the others were offered as they were made.
        let by_path = ReportsByPath::of(all);
        findings = findings
            .into_iter()
            .filter_map(|f| Some(SetFinding { finding: sift(by_path.get(&f.path), f.finding)?, ..f }))
            .collect();
    }
    // Gathered by path to be handed to the reports; compared by hash, not component by component.
    let mut for_path: crate::hash::HashMap<PathBuf, Vec<Finding>> = crate::hash::HashMap::default();
    for f in findings {
        for_path.entry(f.path).or_default().push(f.finding);
    }
    for report in reports.iter_mut() {
        // Once every file has its findings (at once in a run without set findings), no more
        // paths are hashed.
        if for_path.is_empty() {
            break;
        }
        if let Some(mut extra) = for_path.remove(&report.path) {
            report.findings.append(&mut extra);
            report.findings.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
        }
    }
}

/// Anchors the findings on deferred references: each document that has one is read again,
/// once. A file changed since it was checked keeps its findings at its start.
fn anchor_deferred(facts: &[&DocFacts], findings: &mut [SetFinding]) {
    let mut by_path: BTreeMap<PathBuf, Vec<&mut SetFinding>> = BTreeMap::new();
    for f in findings.iter_mut().filter(|f| f.deferred.is_some()) {
        by_path.entry(f.path.clone()).or_default().push(f);
    }
    if by_path.is_empty() {
        return;
    }
    let by_facts: crate::hash::HashMap<&Path, &DocFacts> = facts.iter().map(|f| (f.path.as_path(), *f)).collect();
    for (path, mut pending) in by_path {
        let Some(doc) = by_facts.get(path.as_path()).and_then(|f| f.reread()) else { continue };
        let mut anchors = Anchorer::new(&doc);
        pending.sort_by_key(|f| f.deferred.map(|span| span.start));
        for f in pending {
            if let Some(span) = f.deferred.take() {
                f.finding.place_at(anchors.at(span));
            }
        }
    }
}
