//! One cause, one finding.
//!
//! A reviewer who meets the same finding fifty times stops reading. Some rules find habits
//! (half-width punctuation, `本标准` for `本文件`) or converter artefacts whose every occurrence
//! has one cause; such a rule declares `repeats: Collapse`, and past [`COLLAPSE_AFTER`] findings
//! in one document its findings become one: the first occurrence, with the count in its
//! message and the other places in [`Finding::also`] (machine formats list them; `--fix`
//! applies their edits). `--show-all` turns this off. Rules whose every finding is a defect of
//! its own (a missing element, a wrong number) are never collapsed.
//!
//! The other half of the mechanism is in the reader and the rules: the reader repairs what a
//! converter broke (paragraphs split at page ends, heading numbers lost in a Word export) and
//! records it in [`Conversion`](crate::model::Conversion); IO010 reports that evidence once;
//! rules that would otherwise report one artefact many times (CV001's cover lines) aggregate.

use crate::diagnostic::Message;
use crate::findings::{Finding, Occurrence};
use crate::rules::{self, Repeats};

/// Up to this many findings of a collapsing rule are reported one by one.
pub const COLLAPSE_AFTER: usize = 3;

/// Collapses the repeats of collapsing rules; `findings` are in document order.
pub fn collapse(findings: Vec<Finding>, converted: bool) -> Vec<Finding> {
    let mut counts: crate::hash::HashMap<(&'static str, crate::diagnostic::Severity), usize> =
        crate::hash::HashMap::default();
    for f in &findings {
        *counts.entry((f.code, f.severity)).or_default() += 1;
    }
    let collapsing = |f: &Finding| {
        counts.get(&(f.code, f.severity)).is_some_and(|&n| n > COLLAPSE_AFTER)
            && rules::find(f.code).is_some_and(|r| r.meta().repeats == Repeats::Collapse)
    };
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    // Index in `out` of the finding that stands for each collapsed group.
    let mut heads: crate::hash::HashMap<(&'static str, crate::diagnostic::Severity), usize> =
        crate::hash::HashMap::default();
    for f in findings {
        if !collapsing(&f) {
            out.push(f);
            continue;
        }
        let key = (f.code, f.severity);
        match heads.get(&key).and_then(|&i| out.get_mut(i)) {
            Some(head) => head.also.push(Occurrence::of(&f)),
            None => {
                heads.insert(key, out.len());
                out.push(f);
            }
        }
    }
    for &i in heads.values() {
        if let Some(head) = out.get_mut(i) {
            let n = head.also.len() + 1;
            head.message = with_count(&head.message, n, converted);
        }
    }
    out
}

fn with_count(message: &Message, n: usize, converted: bool) -> Message {
    let (zh, en) = if converted {
        (
            format!("{}（同类共{n}处，多为格式转换所致；--show-all 逐一列出）", message.zh),
            format!("{} ({n} like it, mostly from the conversion; --show-all lists each)", message.en),
        )
    } else {
        (
            format!("{}（同类共{n}处；--show-all 逐一列出）", message.zh),
            format!("{} ({n} like it; --show-all lists each)", message.en),
        )
    };
    Message::new(zh, en)
}
