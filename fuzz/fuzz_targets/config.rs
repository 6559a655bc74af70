//! `normlint.toml`: parsing, validation of codes and globs, and the questions asked of it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(config) = normlint::config::Config::parse(Path::new("dir/normlint.toml"), text) {
        let document = Path::new("dir/sub/draft.md");
        let _ = config.enabled("TY001", document);
        let _ = config.excluded(document);
        let _ = config.included(document);
        let _ = config.describe();
    }
});
