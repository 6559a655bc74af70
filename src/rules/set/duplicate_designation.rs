use crate::hash::HashMap;
use std::collections::BTreeMap;
use std::path::Path;

use super::{MAX_NAMED, SetRule, names_counted};
use crate::catalogue::Catalogue;
use crate::diagnostic::Message;
use crate::set::{DocFacts, SetSink};

declare_rule! {
    /// ## What it checks
    /// Two documents of the set carry the same designation (code, number and year). One
    /// document kept in several formats side by side (`a.md`, `a.docx`) is one document.
    ///
    /// ## Why
    /// A designation identifies one document; a copied cover or a number reserved twice is
    /// found at approval at the latest. Every document carrying the number is reported, naming
    /// the others.
    ///
    /// ## Bad
    /// `home-care.md` and `meal-service.md` both carry `DB4403/T 512—2025`.
    ///
    /// ## Good
    /// Each document of the set has its own number.
    pub struct DuplicateDesignation {
        code: "SE001",
        name: "duplicate-designation",
        family: Set,
        severity: Error,
        clause: "—",
        summary: "Two documents carry the same designation",
    }
}

impl SetRule for DuplicateDesignation {
    fn check_set(&self, facts: &[&DocFacts], _catalogue: Option<&Catalogue>, sink: &mut SetSink<'_>) {
        let mut by_designation: BTreeMap<(String, Option<u16>), Vec<&&DocFacts>> = BTreeMap::new();
        for f in facts {
            if let Some(d) = &f.designation {
                by_designation.entry((d.key(), d.year)).or_default().push(f);
            }
        }
        for group in by_designation.values().filter(|g| g.len() > 1) {
            // Renditions of one document share a folder and a stem: counted once per stem, the
            // others of a member are the group less its own stem's members.
            let mut per_stem: HashMap<Option<(&Path, &str)>, usize> = HashMap::default();
            for f in group {
                *per_stem.entry(f.stem()).or_default() += 1;
            }
            for f in group {
                let Some(d) = &f.designation else { continue };
                let own_stem = f.stem();
                let own = if own_stem.is_some() { per_stem.get(&own_stem).copied().unwrap_or(1) } else { 1 };
                let count = group.len() - own;
                if count == 0 {
                    continue;
                }
                // The first few others by name; scanning stops there, so a group of thousands
                // costs each member a bounded walk (its own renditions are skipped on the way).
                let named: Vec<&&DocFacts> =
                    group.iter().filter(|o| !o.same_document(f)).take(MAX_NAMED).copied().collect();
                let (zh, en) = names_counted(&named, count);
                sink.report(
                    &f.path,
                    d.at.finding(
                        &Self::META,
                        &d.text,
                        Message::new(
                            format!("文件编号“{}”与文件集中的{zh}重复", d.text),
                            format!("the designation “{}” is also carried by {en}", d.text),
                        ),
                        None,
                    ),
                );
            }
        }
    }
}
