//! SV — service and public-service standards (overlay profile `service`).

use crate::rules::Rule;

pub(crate) const RULES: &[&dyn Rule] = &[];
