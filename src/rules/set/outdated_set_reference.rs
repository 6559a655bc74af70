use crate::hash::HashMap;

use super::SetRule;
use crate::catalogue::Catalogue;
use crate::diagnostic::Message;
use crate::set::{DocFacts, FactDesignation, SetSink};

declare_rule! {
    /// ## What it checks
    /// A dated reference names an older edition of a document that the set itself holds in a
    /// newer edition: `DB4403/T 512—2020` cited while the set contains `DB4403/T 512—2025`.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.2: “注日期的引用文件，仅该日期对应的版本适用于本文件”, so citing the
    /// superseded edition keeps its requirements in force; 9.5.4.4.2 says a document shall not
    /// cite “已被代替或废止的文件”. Usually the citing document was not updated when the cited one
    /// was revised. Whether the newer edition in the set is already published is not known here,
    /// so the finding is a warning.
    ///
    /// ## Bad
    /// `应符合DB4403/T 512—2020的规定` with `DB4403/T 512—2025` in the set.
    ///
    /// ## Good
    /// `应符合DB4403/T 512—2025的规定`, or an undated reference where any edition will do.
    pub struct OutdatedSetReference {
        code: "SE002",
        name: "outdated-set-reference",
        family: Set,
        severity: Warning,
        clause: "8.6.2, 9.5.4.4.2",
        summary: "A dated reference names an edition older than the one in the set",
    }
}

impl SetRule for OutdatedSetReference {
    fn check_set(&self, facts: &[&DocFacts], _catalogue: Option<&Catalogue>, sink: &mut SetSink<'_>) {
        let editions = Editions::of(facts);
        // Each reference's key is written over this one buffer.
        let mut key = String::new();
        for f in facts {
            for reference in &f.references {
                let Some(year) = reference.year else { continue };
                reference.key_into(&mut key);
                let Some((holder, current)) = editions.first_newer(&key, year) else { continue };
                let text = reference.text();
                sink.report_on(f, reference, |at| {
                    at.finding(
                        &Self::META,
                        text,
                        Message::new(
                            format!(
                                "引用的“{text}”不是文件集中的现行版本“{}”（{}）",
                                current.text,
                                holder.path.display()
                            ),
                            format!(
                                "“{text}” is an older edition than “{}” in this set ({})",
                                current.text,
                                holder.path.display()
                            ),
                        ),
                        Some(Message::new(format!("改为引用“{}”", current.text), format!("cite “{}”", current.text))),
                    )
                });
            }
        }
    }
}

/// The dated designations the set's documents carry, by code and number, so that finding the
/// newer edition of a cited one is a lookup and a binary search, not a pass over the set for
/// every reference (a set of thousands of documents cites thousands of times).
struct Editions<'a> {
    /// Per key: the holders sorted by year, newest first, each with the smallest set position
    /// among the holders of that year or newer.
    by_key: HashMap<String, Vec<Edition<'a>>>,
}

struct Edition<'a> {
    year: u16,
    /// The first (in set order) holder of this edition or a newer one.
    first_holder: (usize, &'a DocFacts, &'a FactDesignation),
}

impl<'a> Editions<'a> {
    fn of(facts: &[&'a DocFacts]) -> Self {
        let mut holders: HashMap<String, Vec<(u16, usize, &'a DocFacts, &'a FactDesignation)>> = HashMap::default();
        for (position, f) in facts.iter().enumerate() {
            let Some(d) = &f.designation else { continue };
            let Some(year) = d.year else { continue };
            holders.entry(d.key()).or_default().push((year, position, f, d));
        }
        let by_key = holders
            .into_iter()
            .map(|(key, mut list)| {
                list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                let mut editions: Vec<Edition<'a>> = Vec::with_capacity(list.len());
                let mut first: Option<(usize, &'a DocFacts, &'a FactDesignation)> = None;
                for (year, position, f, d) in list {
                    if first.is_none_or(|(p, _, _)| position < p) {
                        first = Some((position, f, d));
                    }
                    if let Some(first_holder) = first {
                        editions.push(Edition { year, first_holder });
                    }
                }
                (key, editions)
            })
            .collect();
        Editions { by_key }
    }

    /// The first document of the set (in set order) whose designation has `key` and a year
    /// after `year`: the same answer as a scan of the set in order.
    fn first_newer(&self, key: &str, year: u16) -> Option<(&'a DocFacts, &'a FactDesignation)> {
        let editions = self.by_key.get(key)?;
        // Newest first: the editions newer than `year` are a prefix; the last of the prefix
        // carries the first holder over the whole prefix.
        let newer = editions.partition_point(|e| e.year > year);
        let edition = editions.get(newer.checked_sub(1)?)?;
        let (_, holder, designation) = edition.first_holder;
        Some((holder, designation))
    }
}
