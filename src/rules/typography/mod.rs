//! TY — typography: punctuation, digits, spacing (GB/T 15834, GB/T 15835; GB/T 1.1-2020 9.4).

use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[];
