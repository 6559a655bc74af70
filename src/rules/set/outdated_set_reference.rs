use super::SetRule;
use crate::catalogue::Catalogue;
use crate::diagnostic::Message;
use crate::set::{DocFacts, SetSink};

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
    fn check_set(&self, facts: &[&DocFacts], _catalogue: Option<&Catalogue>, sink: &mut SetSink) {
        for f in facts {
            for reference in &f.references {
                let Some(year) = reference.year else { continue };
                let newer = facts
                    .iter()
                    .filter_map(|o| o.designation.as_ref().map(|d| (o, d)))
                    .find(|(_, d)| d.key() == reference.key() && d.year.is_some_and(|y| y > year));
                let Some((holder, current)) = newer else { continue };
                sink.report(
                    &f.path,
                    reference.at.finding(
                        &Self::META,
                        &reference.text,
                        Message::new(
                            format!(
                                "引用的“{}”不是文件集中的现行版本“{}”（{}）",
                                reference.text,
                                current.text,
                                holder.path.display()
                            ),
                            format!(
                                "“{}” is an older edition than “{}” in this set ({})",
                                reference.text,
                                current.text,
                                holder.path.display()
                            ),
                        ),
                        Some(Message::new(format!("改为引用“{}”", current.text), format!("cite “{}”", current.text))),
                    ),
                );
            }
        }
    }
}
