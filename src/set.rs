//! Set-level checking: the pass over the facts of every document ([`DocFacts`], see
//! `facts`) after the parallel phase.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Message;
pub use crate::facts::{Anchor, Anchorer, DocFacts, FactDesignation, FactPartStatement, FactTerm};
use crate::findings::{FileReport, Finding};
use crate::rules::RuleMeta;

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
}

/// The sink the set rules report into.
#[derive(Default)]
pub struct SetSink {
    pub findings: Vec<SetFinding>,
}

impl SetSink {
    pub fn report(&mut self, path: &Path, finding: Finding) {
        self.findings.push(SetFinding { path: path.to_path_buf(), finding });
    }
}

/// Runs the set rules and adds their findings to the reports (already sorted by path).
pub fn check(reports: &mut [FileReport], catalogue: Option<&crate::catalogue::Catalogue>) {
    let facts: Vec<&DocFacts> = reports.iter().filter_map(|r| r.facts.as_ref()).collect();
    let mut sink = SetSink::default();
    crate::rules::set::run(&facts, catalogue, &mut sink);
    let mut by_path: BTreeMap<PathBuf, Vec<Finding>> = BTreeMap::new();
    for f in sink.findings {
        by_path.entry(f.path).or_default().push(f.finding);
    }
    for report in reports.iter_mut() {
        if let Some(mut extra) = by_path.remove(&report.path) {
            report.findings.append(&mut extra);
            report.findings.sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
        }
    }
}
