use std::collections::BTreeMap;

use super::SetRule;
use crate::catalogue::Catalogue;
use crate::diagnostic::Message;
use crate::rules::normalize::{sentence_key, without_final_stop};
use crate::set::{DocFacts, FactTerm, SetSink};

declare_rule! {
    /// ## What it checks
    /// One term is defined differently in two documents of the set (the definitions compared
    /// after white space and punctuation width are folded, and without a final “。”).
    ///
    /// ## Why
    /// A standard system should speak one language: two definitions of 服务对象 in two service
    /// specifications of one district make both harder to apply. Define it once and cite it
    /// (`……界定的以及下列术语和定义适用于本文件。`), or align the wording.
    ///
    /// ## Bad
    /// `服务对象`: “接受居家养老服务的老年人。” in one document, “接受服务的居民。” in another.
    ///
    /// ## Good
    /// One definition, cited by the other document.
    pub struct ConflictingDefinitions {
        code: "SE003",
        name: "conflicting-definitions",
        family: Set,
        severity: Warning,
        clause: "8.7",
        summary: "One term, different definitions across the set",
    }
}

/// The comparison key of a definition: white space and punctuation width folded, and the
/// final full stop dropped (a definition may be written with or without it).
fn definition_key(definition: &str) -> String {
    without_final_stop(&sentence_key(definition)).to_owned()
}

impl SetRule for ConflictingDefinitions {
    fn check_set(&self, facts: &[&DocFacts], _catalogue: Option<&Catalogue>, sink: &mut SetSink) {
        let mut by_term: BTreeMap<&str, Vec<(&DocFacts, &FactTerm)>> = BTreeMap::new();
        for f in facts {
            for t in &f.terms {
                by_term.entry(t.term.as_str()).or_default().push((f, t));
            }
        }
        for (term, uses) in by_term {
            for (f, t) in &uses {
                let key = definition_key(&t.definition);
                let Some((other, other_term)) =
                    uses.iter().find(|(o, ot)| !o.same_document(f) && definition_key(&ot.definition) != key)
                else {
                    continue;
                };
                sink.report(
                    &f.path,
                    t.at.finding(
                        &Self::META,
                        Message::new(
                            format!("术语“{term}”在{}中的定义不同：“{}”", other.path.display(), other_term.definition),
                            format!(
                                "the term “{term}” is defined differently in {}: “{}”",
                                other.path.display(),
                                other_term.definition
                            ),
                        ),
                        None,
                    ),
                );
            }
        }
    }
}
