//! Every rule, through the whole per-document pipeline (profile detection, suppressions,
//! collapsing, position resolution), on any document the Markdown reader accepts.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use normlint::check::{Settings, check_bytes};

fuzz_target!(|data: &[u8]| {
    let settings = Settings { show_all: data.first().is_some_and(|b| b & 1 == 1), ..Settings::default() };
    let _ = check_bytes(Path::new("draft.md"), data.to_vec(), &settings, None);
});
