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
    fn check_set(&self, facts: &[&DocFacts], catalogue: Option<&Catalogue>, sink: &mut SetSink);
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

pub fn run(facts: &[&DocFacts], catalogue: Option<&Catalogue>, sink: &mut SetSink) {
    for rule in SET_RULES {
        rule.check_set(facts, catalogue, sink);
    }
}

/// File names for messages: the other documents, briefly.
fn names(facts: &[&&DocFacts]) -> String {
    facts.iter().map(|f| f.path.display().to_string()).collect::<Vec<_>>().join(", ")
}
