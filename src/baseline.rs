//! Baselines: adopt normlint on an existing repository without fixing everything first.
//!
//! `normlint baseline PATH… -o normlint-baseline.json` records the current findings by
//! fingerprint (path, code, clause and the normalised text of the line — not the line number,
//! so findings survive lines moving); `normlint check --baseline FILE` then reports only
//! findings that are not in it. Identical fingerprints are counted, so a second identical
//! defect on a recorded line is still new.

use crate::hash::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::findings::{Finding, RunReport};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub path: String,
    pub code: String,
    pub clause: Option<String>,
    pub fingerprint: String,
    /// For a reader of the file; not used to match.
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub tool: String,
    pub findings: Vec<BaselineEntry>,
    /// Fingerprint → how many times it was recorded, built on first use.
    #[serde(skip)]
    recorded: std::sync::OnceLock<HashMap<String, usize>>,
}

impl Baseline {
    pub fn from_report(report: &RunReport) -> Baseline {
        let mut findings = Vec::new();
        for file in &report.files {
            for f in &file.findings {
                findings.push(BaselineEntry {
                    path: file.path.to_string_lossy().replace('\\', "/"),
                    code: f.code.to_owned(),
                    clause: f.clause.clone(),
                    fingerprint: f.fingerprint(&file.path),
                    message: f.message.en.clone(),
                });
            }
        }
        Baseline {
            version: 1,
            tool: format!("normlint {}", env!("CARGO_PKG_VERSION")),
            findings,
            recorded: std::sync::OnceLock::new(),
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("baseline {} is not a normlint baseline: {e}", path.display()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Drops from one file's findings those the baseline knows (`only` picks which findings
    /// are considered); returns how many were dropped. Identical fingerprints are counted, so
    /// a second copy of a recorded defect is still new.
    pub fn filter_file(&self, path: &Path, findings: &mut Vec<Finding>, only: impl Fn(&Finding) -> bool) -> usize {
        let recorded = self.recorded.get_or_init(|| {
            let mut counts = HashMap::default();
            for entry in &self.findings {
                *counts.entry(entry.fingerprint.clone()).or_default() += 1;
            }
            counts
        });
        let mut used: HashMap<String, usize> = HashMap::default();
        let before = findings.len();
        findings.retain(|f| {
            if !only(f) {
                return true;
            }
            let fingerprint = f.fingerprint(path);
            let known = recorded.get(&fingerprint).copied().unwrap_or(0);
            let seen = used.entry(fingerprint).or_default();
            if *seen < known {
                *seen += 1;
                false
            } else {
                true
            }
        });
        before - findings.len()
    }
}
