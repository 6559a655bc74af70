//! PV — provisions and their verbal forms (GB/T 1.1-2020 Annex C).

mod must_not_shall;

use crate::rules::Rule;

pub(super) const RULES: &[&dyn Rule] = &[&must_not_shall::MustNotShall];
