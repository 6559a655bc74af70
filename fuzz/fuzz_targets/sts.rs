//! The NISO/ISO STS (and metanorma) XML reader.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = normlint::read::read_document(Path::new("draft.sts.xml"), data);
});
