//! Suppression comments: parsing the directives, applying them to a finding on every line
//! (codes of several families), and reporting the unused ones (SU001).
#![no_main]

use libfuzzer_sys::fuzz_target;
use normlint::check::Finding;
use normlint::facts::Anchor;
use normlint::diagnostic::{Message, Severity};
use normlint::source::{SourceFile, Span};

const CODES: [&str; 4] = ["TY001", "NU005", "PV001", "CV005"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = SourceFile::from_text("draft.md", text);
    let mut directives = normlint::suppress::parse(&source);
    let mut findings: Vec<Finding> = (0..source.lines.line_count().min(500))
        .zip(CODES.iter().cycle())
        .map(|(line, code)| {
            let at = source.lines.line_start(line);
            let place = Anchor { line: line + 1, end_line: line + 1, offset: at, ..Anchor::start() };
            Finding {
                span: Span::empty(at),
                ..Finding::located(place, (code, "fuzz", Severity::Warning), Message::new("", ""), None)
            }
        })
        .collect();
    normlint::suppress::apply(&source, &mut directives, &mut findings);
    for directive in &directives {
        let _ = normlint::suppress::unused(directive);
    }
});
