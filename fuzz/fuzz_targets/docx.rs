//! The Word reader: the zip container and the XML parts inside it (document, styles,
//! numbering, comments, relationships).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = normlint::read::read_document(Path::new("draft.docx"), data);
});
