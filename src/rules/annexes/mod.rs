//! AX — annexes (GB/T 1.1-2020 9.6).

use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[];
