//! The text and Markdown readers: decoding (every encoding), line splitting, classification
//! and the builder. The first byte picks the reader, the rest is the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let name = match selector % 3 {
        0 => "draft.md",
        1 => "draft.txt",
        _ => "draft",
    };
    let _ = normlint::read::read_document(Path::new(name), bytes);
});
