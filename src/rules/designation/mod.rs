//! DS — standard designations (GB/T 1.1-2020 8.1, 10.3.1).

mod year_separator;

use crate::rules::Rule;

pub(super) const RULES: &[&dyn Rule] = &[&year_separator::YearSeparator];
