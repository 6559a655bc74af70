//! NE — notes, examples, footnotes (GB/T 1.1-2020 9.10–9.12).

use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[];
