use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

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
    /// GB/T 1.1-2020 5.4.2: “起草的文件与现行有效的文件之间宜相互协调，避免重复和不必要的差异”. Two
    /// definitions of 服务对象 in two service specifications of one district make both harder
    /// to apply. Define it once and cite it (`……界定的以及下列术语和定义适用于本文件。`), or align
    /// the wording. It is a recommendation (宜), so the finding is a warning.
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
        clause: "5.4.2",
        summary: "One term, different definitions across the set",
    }
}

/// The comparison key of a definition: white space and punctuation width folded, and the
/// final full stop dropped (a definition may be written with or without it).
fn definition_key(definition: &str) -> String {
    without_final_stop(&sentence_key(definition)).to_owned()
}

impl SetRule for ConflictingDefinitions {
    fn check_set(&self, facts: &[&DocFacts], _catalogue: Option<&Catalogue>, sink: &mut SetSink<'_>) {
        let mut by_term: BTreeMap<&str, Vec<(&DocFacts, &FactTerm)>> = BTreeMap::new();
        for f in facts {
            for t in &f.terms {
                by_term.entry(t.term.as_str()).or_default().push((f, t));
            }
        }
        // Only a term that more than one entry defines can be defined differently. Each
        // definition's key once, made on the thread pool, idle during this serial stage, where
        // the keys were most of it; then, per use, the first use with another key that is not a
        // rendition of the same document. Linear in the uses of a term: a set of thousands of
        // documents sharing 服务对象 must not compare every pair.
        let shared: Vec<(&str, Vec<(&DocFacts, &FactTerm)>)> =
            by_term.into_iter().filter(|(_, uses)| uses.len() > 1).collect();
        let keyed_terms: Vec<Vec<(String, &DocFacts, &FactTerm)>> = shared
            .par_iter()
            .map(|(_, uses)| uses.par_iter().map(|&(f, t)| (definition_key(&t.definition), f, t)).collect())
            .collect();
        let mut documents = Renditions::default();
        for ((term, _), keyed) in shared.iter().zip(keyed_terms) {
            let mut seen: crate::hash::HashSet<&str> = crate::hash::HashSet::default();
            // The first use of each key: (key, index in `keyed`, document).
            let mut firsts: Vec<(&str, usize, usize)> = Vec::new();
            for (i, (key, f, _)) in keyed.iter().enumerate() {
                if seen.insert(key.as_str()) {
                    firsts.push((key.as_str(), i, documents.of(f)));
                }
            }
            if firsts.len() < 2 {
                continue;
            }
            // For each first use, the next one of another document: the first use of another
            // key in another document is then found in at most two steps, where walking the
            // first uses for each use was quadratic in a document defining one term many ways.
            let mut next_elsewhere = vec![firsts.len(); firsts.len()];
            let mut following = firsts.len();
            for (i, pair) in firsts.windows(2).enumerate().rev() {
                if let [(_, _, here), (_, _, after)] = pair {
                    following = if here != after { i + 1 } else { following };
                }
                if let Some(slot) = next_elsewhere.get_mut(i) {
                    *slot = following;
                }
            }
            let first_elsewhere = |from: usize, document: usize| -> Option<usize> {
                let (_, _, at) = firsts.get(from)?;
                let i = if *at != document { from } else { *next_elsewhere.get(from)? };
                (i < firsts.len()).then_some(i)
            };
            for (key, f, t) in &keyed {
                let document = documents.of(f);
                let mut from = 0;
                // At most one first use has this use's key: two steps at most.
                let other = loop {
                    let Some(i) = first_elsewhere(from, document) else { break None };
                    match firsts.get(i) {
                        Some(&(k, at, _)) if k != key.as_str() => {
                            break keyed.get(at).map(|(_, o, ot)| (*o, *ot));
                        }
                        _ => from = i + 1,
                    }
                };
                let Some((other, other_term)) = other else {
                    continue;
                };
                sink.report(
                    &f.path,
                    t.at.finding(
                        &Self::META,
                        term,
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

/// The documents of a set as numbers: two facts are renditions of one document
/// (`DocFacts::same_document`) exactly when they get the same number (their `document_key`). Numbered on first asking, by the facts' address: a path's stem and hash are
/// not free, and most terms of a large set need none.
#[derive(Default)]
struct Renditions<'f> {
    numbers: crate::hash::HashMap<(&'f Path, Option<&'f str>), usize>,
    by_facts: crate::hash::HashMap<usize, usize>,
}

impl<'f> Renditions<'f> {
    fn of(&mut self, f: &'f DocFacts) -> usize {
        let address = std::ptr::from_ref(f) as usize;
        if let Some(&number) = self.by_facts.get(&address) {
            return number;
        }
        let next = self.numbers.len();
        let number = *self.numbers.entry(f.document_key()).or_insert(next);
        self.by_facts.insert(address, number);
        number
    }
}
