//! FT — figures, tables, formulas (GB/T 1.1-2020 9.7–9.9).

use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[];
