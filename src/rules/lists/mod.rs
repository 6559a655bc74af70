//! LS — lists (GB/T 1.1-2020 7.5).

use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[];
