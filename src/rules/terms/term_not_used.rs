use crate::hash::{HashMap, HashSet};

use aho_corasick::AhoCorasick;

use crate::diagnostic::Message;
use crate::model::compact_cow;
use crate::rules::references::scan::{UnitKind, Zone, units};
use crate::rules::{Context, Rule, RuleMeta};

use super::{doc_entries, term_variants, without_latin_qualifier};

declare_rule! {
    /// ## What it checks
    /// A term defined in chapter 3 never appears in the rest of the document: the scope, the
    /// body, tables, notes, the annexes, the document title or another entry's definition.
    /// Synonyms given after ；, the term without a parenthesised part, and an abbreviation given
    /// with the English equivalent count as uses. The foreword, chapter 2 and the bibliography
    /// do not.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.7.3.2: a term defined in the element “应同时符合下列条件：——文件中至少使用两次；
    /// ……”. A term the rest of the document never uses is left over from an earlier draft, or the
    /// text uses another word for the concept. The rule checks only that it is used at all.
    ///
    /// ## Bad
    /// ```text
    /// 3.4
    /// 助浴服务 bathing assistance service
    /// …（正文从未出现“助浴服务”）
    /// ```
    /// ## Good
    /// Delete the entry, or use the term in the provisions.
    pub struct TermNotUsed {
        code: "TM016",
        name: "term-not-used",
        family: Terms,
        severity: Warning,
        clause: "8.7.3.2",
        summary: "A defined term never appears in the rest of the document",
    }
}

/// Upper-case abbreviations in an English equivalent (`copyright resources identification; CRI`).
fn abbreviations(en: &str) -> Vec<String> {
    en.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        .filter(|w| w.chars().any(|c| c.is_ascii_uppercase()))
        .map(str::to_owned)
        .collect()
}

impl Rule for TermNotUsed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let entries = doc_entries(doc);
        if entries.is_empty() {
            return;
        }
        // Every unit that may use a term, with the entry it belongs to.
        let mut haystack: Vec<Searched<'_>> = units(doc)
            .iter()
            .filter(|u| !matches!(u.zone, Zone::Foreword | Zone::References | Zone::Bibliography))
            .filter(|u| u.kind != UnitKind::Reference)
            .map(|u| Searched::new(u.term, doc.text(u.span)))
            .collect();
        for title in [&doc.meta.title_zh, &doc.body_title].into_iter().flatten() {
            haystack.push(Searched::new(None, &title.text));
        }
        let forms_of: Vec<Vec<String>> = entries
            .iter()
            .map(|entry| {
                let Some(term) = &entry.term_zh else { return Vec::new() };
                let mut forms = term_variants(&term.text);
                let qualified: Vec<String> = forms.iter().filter_map(|f| without_latin_qualifier(f)).collect();
                forms.extend(qualified);
                forms.extend(entry.term_en.as_ref().map(|en| abbreviations(&en.text)).unwrap_or_default());
                forms.extend(entry.admitted.iter().flat_map(|a| term_variants(&a.text)));
                forms
            })
            .collect();
        // A usual terms chapter is found fastest by searching each term until its first use: a
        // bounded number of passes over the text, or a bounded amount of work. Past both, one
        // automaton pass over the text keeps the cost linear in the number of terms.
        // The compacted length is asked only past the term count that decides alone.
        let direct = entries.len() <= DIRECT_SEARCH_TERMS || {
            let haystack_bytes: usize = haystack.iter().map(|unit| unit.compacted().len()).sum();
            entries.len().saturating_mul(haystack_bytes) <= DIRECT_SEARCH_LIMIT
        };
        let users = (!direct).then(|| {
            let compacted: Vec<(Option<usize>, &str)> =
                haystack.iter().map(|unit| (unit.owner, unit.compacted())).collect();
            users_of_forms(&forms_of, &compacted)
        });
        for (i, entry) in entries.iter().enumerate() {
            let Some(term) = &entry.term_zh else { continue };
            let Some(forms) = forms_of.get(i) else { continue };
            if forms.is_empty() {
                continue;
            }
            let used = match &users {
                Some(users) => forms.iter().any(|f| users.get(f.as_str()).is_some_and(|u| u.other_than(Some(i)))),
                None => haystack
                    .iter()
                    .any(|unit| unit.owner != Some(i) && forms.iter().any(|f| unit.compacted().contains(f.as_str()))),
            };
            if used {
                continue;
            }
            ctx.report_with_help(
                term.span,
                Message::new(
                    format!("术语“{}”在文件其他部分没有使用", term.text),
                    format!("the term “{}” is not used anywhere else in the document", term.text),
                ),
                Message::new(
                    "删除该条目，或在条款中使用该术语（而不是其他说法）",
                    "delete the entry, or use the term (not another word) in the provisions",
                ),
            );
        }
    }
}

/// A unit of text a term may be used in, with the entry it belongs to. Its text without white
/// space is made when first searched: a term is usually found in the first units that use it,
/// so most units of a usual document are never compacted at all.
struct Searched<'a> {
    owner: Option<usize>,
    text: &'a str,
    compacted: std::cell::OnceCell<std::borrow::Cow<'a, str>>,
}

impl<'a> Searched<'a> {
    fn new(owner: Option<usize>, text: &'a str) -> Self {
        Searched { owner, text, compacted: std::cell::OnceCell::new() }
    }

    fn compacted(&self) -> &str {
        self.compacted.get_or_init(|| compact_cow(self.text))
    }
}

/// Terms × text bytes up to which each term is searched on its own (about a millisecond).
const DIRECT_SEARCH_LIMIT: usize = 2_000_000;
/// Up to this many terms, each is searched on its own whatever the length of the text.
const DIRECT_SEARCH_TERMS: usize = 32;

/// Which units contain a form, as far as "is it used outside entry `i`" needs: none, only units
/// of one owner, or units of two owners or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Users {
    One(Option<usize>),
    Several,
}

impl Users {
    fn add(self, owner: Option<usize>) -> Users {
        match self {
            Users::One(o) if o == owner => self,
            _ => Users::Several,
        }
    }

    /// Whether a unit not belonging to `owner` contains the form.
    fn other_than(self, owner: Option<usize>) -> bool {
        match self {
            Users::One(o) => o != owner,
            Users::Several => true,
        }
    }
}

/// The users of every form, from one pass of one automaton over the units: a pass per term
/// over the whole text would cost terms × text.
fn users_of_forms<'f>(
    forms_of: &'f [Vec<String>],
    haystack: &[(Option<usize>, impl AsRef<str>)],
) -> HashMap<&'f str, Users> {
    let patterns: Vec<&str> = {
        let distinct: HashSet<&str> = forms_of.iter().flatten().map(String::as_str).collect();
        let mut list: Vec<&str> = distinct.into_iter().collect();
        list.sort_unstable();
        list
    };
    let mut users: HashMap<&str, Users> = HashMap::default();
    let mut note = |form: &'f str, owner: Option<usize>| {
        users.entry(form).and_modify(|u| *u = u.add(owner)).or_insert(Users::One(owner));
    };
    // The empty form is contained in every unit.
    if patterns.first().is_some_and(|p| p.is_empty()) {
        for (owner, _) in haystack {
            note("", *owner);
        }
    }
    let searched: Vec<&'f str> = patterns.into_iter().filter(|p| !p.is_empty()).collect();
    let Ok(automaton) = AhoCorasick::new(&searched) else {
        return users;
    };
    for (owner, text) in haystack {
        for m in automaton.find_overlapping_iter(text.as_ref()) {
            if let Some(form) = searched.get(m.pattern().as_usize()) {
                note(form, *owner);
            }
        }
    }
    users
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The automaton's answer is the direct search's: used outside its own entry or not.
    #[test]
    fn one_pass_agrees_with_searching_each_term() {
        let forms_of: Vec<Vec<String>> = [
            vec!["助浴服务", "助浴"],
            vec!["助浴服务"],
            vec!["上门服务"],
            vec!["陪同就医"],
            vec!["服务"],
            vec![""],
            vec![],
            vec!["CRI", "版权资源标识"],
        ]
        .into_iter()
        .map(|forms| forms.into_iter().map(str::to_owned).collect())
        .collect();
        let haystack: Vec<(Option<usize>, String)> = [
            (Some(0), "为老年人提供的助浴服务。"),
            (Some(2), "上门服务包括陪同就医。"),
            (Some(3), "陪同就医的服务。"),
            (None, "服务机构应提供上门服务和CRI登记。"),
            (Some(5), "其他。"),
        ]
        .into_iter()
        .map(|(owner, text)| (owner, text.to_owned()))
        .collect();
        let users = users_of_forms(&forms_of, &haystack);
        for (i, forms) in forms_of.iter().enumerate() {
            let direct = haystack
                .iter()
                .any(|(owner, text)| *owner != Some(i) && forms.iter().any(|f| text.contains(f.as_str())));
            let one_pass = forms.iter().any(|f| users.get(f.as_str()).is_some_and(|u| u.other_than(Some(i))));
            assert_eq!(one_pass, direct, "entry {i}: {forms:?}");
        }
    }
}
