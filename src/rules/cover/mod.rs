//! CV — cover, title, table of contents (GB/T 1.1-2020 8.1, 8.2, 6.1).

use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[];
