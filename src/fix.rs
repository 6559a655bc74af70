//! `--fix` and `--diff`: apply the machine edits of the fixable rules (DS002, TY001, TY004,
//! RF006) to Markdown and text documents.
//!
//! Safety comes before coverage:
//! - edits are spliced into the file's own bytes, each replacement encoded as the file is
//!   (UTF-8 with or without BOM, UTF-16LE/BE, GB18030), so every byte outside the fixed
//!   characters, line endings included, stays as it was;
//! - a file with any reading finding (IO…) is never touched;
//! - the document is checked again after each pass and fixed until no edit is left (fixes can
//!   uncover others), at most [`MAX_PASSES`] times;
//! - the result must read back in the same encoding with no reading finding, or nothing is
//!   written; writing goes through a temporary file and a rename.

use std::path::Path;

use crate::check::{self, FixEdit, Settings};
use crate::read::{InputKind, input_kind};
use crate::source::{TextEncoding, decode};

/// Enough for edits that uncover edits; a loop that keeps finding work is a bug, not a draft.
pub const MAX_PASSES: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixOutcome {
    /// Nothing to fix.
    Unchanged,
    /// The fixed bytes, and how many edits went into them.
    Changed { fixed: Vec<u8>, applied: usize },
    /// The file was left alone, and why.
    Skipped(String),
}

/// Fixes one document held in memory; writes nothing.
pub fn fix_bytes(path: &Path, bytes: &[u8], settings: &Settings) -> FixOutcome {
    if !matches!(input_kind(path), InputKind::Markdown | InputKind::Text | InputKind::Other) {
        return FixOutcome::Skipped("--fix edits Markdown and text documents only".to_owned());
    }
    let encoding = match decode(bytes) {
        Ok(decoded) => decoded.encoding,
        Err(_) => return FixOutcome::Skipped("the file could not be decoded".to_owned()),
    };
    let mut current = bytes.to_vec();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let report = check::check_bytes(path, current.clone(), settings, None);
        // IO009/IO010 are notices about the file, not reasons it cannot be read.
        let unreadable =
            |f: &&check::Finding| f.code.starts_with("IO") && f.severity != crate::diagnostic::Severity::Info;
        if let Some(io) = report.findings.iter().find(unreadable) {
            if applied == 0 {
                return FixOutcome::Skipped(format!("it has a reading finding ({})", io.code));
            }
            return FixOutcome::Skipped(format!("fixing it would make it unreadable ({}); left as it was", io.code));
        }
        let edits = report
            .findings
            .iter()
            .flat_map(|f| f.fix.iter().chain(f.also.iter().filter_map(|o| o.fix.as_ref())))
            .cloned()
            .collect();
        let edits = non_overlapping(edits);
        if edits.is_empty() {
            break;
        }
        current = splice(&current, &edits, encoding);
        applied += edits.len();
    }
    if applied == 0 || current == bytes {
        return FixOutcome::Unchanged;
    }
    match decode(&current) {
        Ok(decoded) if decoded.encoding == encoding => FixOutcome::Changed { fixed: current, applied },
        _ => FixOutcome::Skipped("the fixed text would not read back in the file's encoding".to_owned()),
    }
}

/// The edits sorted by position, dropping any that overlaps an earlier one (the next pass
/// sees it again if it still applies).
fn non_overlapping(mut edits: Vec<FixEdit>) -> Vec<FixEdit> {
    edits.sort_by_key(|e| (e.offset, e.length));
    edits.dedup();
    let mut out: Vec<FixEdit> = Vec::with_capacity(edits.len());
    for edit in edits {
        if out.last().is_none_or(|last| last.offset + last.length <= edit.offset) {
            out.push(edit);
        }
    }
    out
}

fn splice(bytes: &[u8], edits: &[FixEdit], encoding: TextEncoding) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for edit in edits {
        let (Some(keep), true) = (bytes.get(at..edit.offset), edit.offset + edit.length <= bytes.len()) else {
            continue;
        };
        out.extend_from_slice(keep);
        out.extend_from_slice(&encode(&edit.replacement, encoding));
        at = edit.offset + edit.length;
    }
    out.extend_from_slice(bytes.get(at..).unwrap_or_default());
    out
}

fn encode(text: &str, encoding: TextEncoding) -> Vec<u8> {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => text.as_bytes().to_vec(),
        TextEncoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        TextEncoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        TextEncoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
    }
}

/// A unified diff of the decoded texts, for `--diff`.
pub fn unified_diff(path: &Path, before: &[u8], after: &[u8]) -> String {
    let text = |bytes: &[u8]| decode(bytes).map(|d| d.text).unwrap_or_default();
    let (old, new) = (text(before), text(after));
    let name = path.display().to_string();
    similar::TextDiff::from_lines(&old, &new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(offset: usize, length: usize, replacement: &str) -> FixEdit {
        FixEdit { offset, length, replacement: replacement.to_owned() }
    }

    #[test]
    fn overlapping_edits_keep_the_first() {
        let edits = non_overlapping(vec![edit(5, 2, "b"), edit(0, 3, "a"), edit(2, 2, "x"), edit(0, 3, "a")]);
        assert_eq!(edits, vec![edit(0, 3, "a"), edit(5, 2, "b")]);
    }

    #[test]
    fn splices_in_the_file_encoding() {
        let (gb, _, _) = encoding_rs::GB18030.encode("本文件,规定");
        let comma = gb.iter().position(|&b| b == b',').unwrap_or_default();
        let fixed = splice(&gb, &[edit(comma, 1, "，")], TextEncoding::Gb18030);
        assert_eq!(encoding_rs::GB18030.decode(&fixed).0, "本文件，规定");
        assert_eq!(fixed.get(..comma), gb.get(..comma));

        let utf16: Vec<u8> = "a,b".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let fixed = splice(&utf16, &[edit(2, 2, "，")], TextEncoding::Utf16Le);
        let units: Vec<u16> = fixed.chunks(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        assert_eq!(String::from_utf16_lossy(&units), "a，b");
    }

    #[test]
    fn out_of_range_edits_are_ignored() {
        assert_eq!(splice(b"abc", &[edit(2, 5, "x")], TextEncoding::Utf8), b"abc");
    }
}
