//! Baselines: adopt normlint on an existing repository without fixing everything first.
//!
//! `normlint baseline PATH… -o normlint-baseline.json` records the current findings by
//! fingerprint (path, code, clause and the normalised text of the line — not the line number,
//! so findings survive lines moving); `normlint check --baseline FILE` then reports only
//! findings that are not in it. Identical fingerprints are counted, so a second identical
//! defect on a recorded line is still new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::RunReport;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub path: String,
    pub code: String,
    pub clause: Option<String>,
    pub fingerprint: String,
    /// For a reader of the file; not used to match.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub tool: String,
    pub findings: Vec<BaselineEntry>,
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
        Baseline { version: 1, tool: format!("normlint {}", env!("CARGO_PKG_VERSION")), findings }
    }

    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("baseline {} is not a normlint baseline: {e}", path.display()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// Drops the findings the baseline knows; returns how many were dropped.
    pub fn filter(&self, report: &mut RunReport) -> usize {
        let mut budget: BTreeMap<&str, usize> = BTreeMap::new();
        for entry in &self.findings {
            *budget.entry(entry.fingerprint.as_str()).or_default() += 1;
        }
        let mut dropped = 0;
        for file in &mut report.files {
            let path = file.path.clone();
            file.findings.retain(|f| {
                let fingerprint = f.fingerprint(&path);
                match budget.get_mut(fingerprint.as_str()) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        dropped += 1;
                        false
                    }
                    _ => true,
                }
            });
            // The human rendering was made before filtering; rebuild it from what is left.
            if file.rendered.is_some() && dropped > 0 {
                file.rendered = None;
            }
        }
        dropped
    }
}
