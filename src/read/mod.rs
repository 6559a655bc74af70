//! Readers: from a file's bytes to the document model.

mod build;
pub mod classify;
pub mod lines;

use std::path::Path;

use crate::model::{Document, Format};
use crate::source::{DecodeError, SourceFile, decode};

/// What kind of input a path holds, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Markdown,
    Text,
    /// Another format the extension names (`.docx`, `.xml`, `.pdf` …): not read as text.
    Other,
}

pub fn input_kind(path: &Path) -> InputKind {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => InputKind::Markdown,
        Some("txt" | "text") => InputKind::Text,
        _ => InputKind::Other,
    }
}

/// True for files a directory walk picks up.
pub fn is_document_path(path: &Path) -> bool {
    input_kind(path) != InputKind::Other
}

/// Reads a Markdown or text document. Files without a known extension are sniffed: Markdown
/// when ATX headings or HTML blocks show up, text otherwise.
pub fn read_text_document(path: &Path, bytes: &[u8]) -> Result<Document, DecodeError> {
    let decoded = decode(bytes)?;
    let format = match input_kind(path) {
        InputKind::Markdown => Format::Markdown,
        InputKind::Text => Format::Text,
        InputKind::Other => sniff_format(&decoded.text),
    };
    let source = SourceFile::new(path, decoded);
    Ok(parse(source, format))
}

/// Builds the model of an already decoded source.
pub fn parse(source: SourceFile, format: Format) -> Document {
    let lines = match format {
        Format::Markdown => lines::markdown_lines(&source.text),
        Format::Text => lines::text_lines(&source.text),
    };
    build::build(source, format, &lines)
}

fn sniff_format(text: &str) -> Format {
    let markdown = text.lines().take(400).any(|l| {
        let l = l.trim_start();
        l.starts_with("# ") || l.starts_with("## ") || l.starts_with("<table") || l.starts_with("```")
    });
    if markdown { Format::Markdown } else { Format::Text }
}
