use crate::hash::{HashMap, HashSet};

use super::SetRule;
use crate::catalogue::Catalogue;
use crate::diagnostic::Message;
use crate::model::{compact, find_designations};
use crate::set::{Anchor, DocFacts, SetSink};

declare_rule! {
    /// ## What it checks
    /// With `--catalogue FILE` (a standard-system table in CSV or TOML: designation, title,
    /// status): documents the catalogue lists but the set lacks, documents in the set the
    /// catalogue does not list, and titles that differ between the two. Entries marked 废止 /
    /// withdrawn are not expected in the set.
    ///
    /// ## Why
    /// A district maintains its standard system as a table; before approval the drafts on the
    /// table and the table itself must agree.
    ///
    /// ## Bad
    /// The table lists `DB4403/T 520—2025 居家养老上门服务规范`; no document of the set carries it.
    ///
    /// ## Good
    /// Every current entry has its document, with the same title.
    pub struct CatalogueMismatch {
        code: "SE005",
        name: "catalogue-mismatch",
        family: Set,
        severity: Warning,
        clause: "—",
        summary: "A catalogue file and the set disagree (missing documents, unlisted documents, titles)",
    }
}

/// Designations compared by code, number and year whatever separator was typed.
fn canonical(text: &str) -> String {
    find_designations(text, 0).first().map_or_else(|| compact(text), |d| d.canonical())
}

impl SetRule for CatalogueMismatch {
    fn check_set(&self, facts: &[&DocFacts], catalogue: Option<&Catalogue>, sink: &mut SetSink<'_>) {
        let Some(catalogue) = catalogue else { return };
        // Canonical designations once each, looked up by hash: entries × documents comparisons
        // would be quadratic in a large set.
        let mut first_holder: HashMap<String, &&DocFacts> = HashMap::default();
        for f in facts {
            if let Some(d) = &f.designation {
                first_holder.entry(canonical(&d.text)).or_insert(f);
            }
        }
        let listed: HashSet<String> = catalogue.entries.iter().map(|e| canonical(&e.designation)).collect();
        for entry in &catalogue.entries {
            let wanted = canonical(&entry.designation);
            let holder = first_holder.get(&wanted);
            match holder {
                None if !entry.withdrawn() => {
                    let at = Anchor { line: entry.line, end_line: entry.line, ..Anchor::start() };
                    sink.report(
                        &catalogue.path,
                        at.finding(
                            &Self::META,
                            &format!("missing {wanted}"),
                            Message::new(
                                format!(
                                    "标准体系表列出的“{} {}”不在本次检查的文件集中",
                                    entry.designation, entry.title
                                ),
                                format!(
                                    "the catalogue lists “{} {}”, which is not in the checked set",
                                    entry.designation, entry.title
                                ),
                            ),
                            None,
                        ),
                    );
                }
                Some(f) if !entry.title.is_empty() => {
                    if let Some((title, at)) = &f.title {
                        if compact(title) != compact(&entry.title) {
                            sink.report(
                                &f.path,
                                at.finding(
                                    &Self::META,
                                    &format!("title {wanted}"),
                                    Message::new(
                                        format!("文件名称“{title}”与标准体系表中的“{}”不一致", entry.title),
                                        format!("the title “{title}” differs from the catalogue's “{}”", entry.title),
                                    ),
                                    None,
                                ),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        for f in facts {
            let Some(d) = &f.designation else { continue };
            let key = canonical(&d.text);
            if !listed.contains(&key) {
                sink.report(
                    &f.path,
                    d.at.finding(
                        &Self::META,
                        &format!("unlisted {key}"),
                        Message::new(
                            format!("“{}”未列入标准体系表{}", d.text, catalogue.path.display()),
                            format!("“{}” is not listed in the catalogue {}", d.text, catalogue.path.display()),
                        ),
                        None,
                    ),
                );
            }
        }
    }
}
