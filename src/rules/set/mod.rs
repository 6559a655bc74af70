//! SE — set-level consistency across the documents of one run. These rules see the small
//! [`DocFacts`](crate::set::DocFacts) of every document, after the parallel phase.

mod catalogue_mismatch;
mod conflicting_definitions;
mod duplicate_designation;
mod outdated_set_reference;
mod part_series;

use crate::catalogue::Catalogue;
use crate::rules::{Context, Rule, RuleMeta};
use crate::set::{DocFacts, SetSink};

/// A rule over the whole set.
pub(crate) trait SetRule: Rule {
    fn check_set(&self, facts: &[&DocFacts], catalogue: Option<&Catalogue>, sink: &mut SetSink<'_>);
}

macro_rules! set_rule {
    ($($rule:path),*) => {$(
        impl Rule for $rule {
            fn meta(&self) -> &'static RuleMeta {
                &Self::META
            }

            fn check(&self, _ctx: &mut Context<'_>) {}
        }
    )*};
}

set_rule!(
    duplicate_designation::DuplicateDesignation,
    outdated_set_reference::OutdatedSetReference,
    conflicting_definitions::ConflictingDefinitions,
    part_series::PartSeries,
    catalogue_mismatch::CatalogueMismatch
);

const SET_RULES: &[&dyn SetRule] = &[
    &duplicate_designation::DuplicateDesignation,
    &outdated_set_reference::OutdatedSetReference,
    &conflicting_definitions::ConflictingDefinitions,
    &part_series::PartSeries,
    &catalogue_mismatch::CatalogueMismatch,
];

pub(crate) const RULES: &[&dyn Rule] = &[
    &duplicate_designation::DuplicateDesignation,
    &outdated_set_reference::OutdatedSetReference,
    &conflicting_definitions::ConflictingDefinitions,
    &part_series::PartSeries,
    &catalogue_mismatch::CatalogueMismatch,
];

pub fn run(facts: &[&DocFacts], catalogue: Option<&Catalogue>, sink: &mut SetSink<'_>) {
    for rule in SET_RULES {
        rule.check_set(facts, catalogue, sink);
    }
}

/// How many other documents a set finding names; past them it gives their count, so that a
/// designation shared by thousands of documents gives findings of bounded length.
const MAX_NAMED: usize = 20;

/// File names for messages: the other documents, briefly (Chinese, English). `named` are the
/// first of `count` others; when some are left out, their number follows.
fn names_counted(named: &[&&DocFacts], count: usize) -> (String, String) {
    let list = named.iter().map(|f| f.path.display().to_string()).collect::<Vec<_>>().join(", ");
    if count <= named.len() {
        return (list.clone(), list);
    }
    let more = count - named.len();
    (format!("{list}等{count}个文件"), format!("{list} and {more} more"))
}
