//! Readers: from a file's bytes to the document model.

mod build;
pub mod classify;
pub mod docx;
pub mod lines;
pub mod sts;

use std::path::Path;

use crate::model::{Document, Format};
use crate::source::{DecodeError, SourceFile, decode};

/// What kind of input a path holds, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Markdown,
    Text,
    /// NISO STS / ISO STS XML.
    Xml,
    /// Word 2007+ (`.docx`, `.docm`, `.dotx`).
    Docx,
    /// A format normlint cannot read directly; the extension is kept for the message.
    Unsupported(&'static str),
    /// Anything else: sniffed as text when named explicitly.
    Other,
}

pub fn input_kind(path: &Path) -> InputKind {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => InputKind::Markdown,
        Some("txt" | "text") => InputKind::Text,
        Some("xml" | "sts") => InputKind::Xml,
        Some("docx" | "docm" | "dotx" | "dotm") => InputKind::Docx,
        Some("doc") => InputKind::Unsupported("doc"),
        Some("wps") => InputKind::Unsupported("wps"),
        Some("pdf") => InputKind::Unsupported("pdf"),
        Some("ofd") => InputKind::Unsupported("ofd"),
        Some("rtf") => InputKind::Unsupported("rtf"),
        Some("odt") => InputKind::Unsupported("odt"),
        _ => InputKind::Other,
    }
}

/// True for files a directory walk picks up: the formats normlint reads, and old Word drafts
/// (`.doc`, `.wps`), which get IO008 with the conversion command. PDFs and OFDs in a folder are
/// usually published references, so a walk leaves them alone; named explicitly they get IO008.
pub fn is_document_path(path: &Path) -> bool {
    matches!(
        input_kind(path),
        InputKind::Markdown
            | InputKind::Text
            | InputKind::Xml
            | InputKind::Docx
            | InputKind::Unsupported("doc" | "wps")
    )
}

/// Why a file could not be read into a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// IO002: not text in a known encoding, or binary.
    Decode(DecodeError),
    /// IO003: XML that is not well-formed; `offset` is a byte offset in the file (or part).
    MalformedXml { offset: usize, message: String },
    /// IO004: not a zip, a missing `word/document.xml`, a corrupt part.
    MalformedDocx { message: String },
    /// IO007: over a size, nesting or expansion limit.
    InputLimit { message: String },
    /// IO008: a format to convert first.
    Unsupported { extension: &'static str },
}

impl From<DecodeError> for ReadError {
    fn from(e: DecodeError) -> Self {
        ReadError::Decode(e)
    }
}

/// What a structured reader (XML, .docx) hands to the builder: a plain-text view of the
/// document, one paragraph per line, with a map back to byte offsets of the original file (or
/// of the inflated part), and the lines already cut with heading hints. Rendering to such a
/// view is what makes every format go through the same classifier and builder, so the same
/// draft gives the same findings whatever it was written in.
#[derive(Debug)]
pub struct TextView {
    pub text: String,
    pub map: crate::source::OffsetMap,
    pub lines: Vec<lines::Line>,
    /// The part of a package the offsets refer to (`word/document.xml`).
    pub part: Option<String>,
    /// The decoded XML and the map from view offsets into it, when the view has a text origin.
    pub origin: Option<crate::source::Origin>,
    /// For a .docx: the paragraphs of the part, by byte offset.
    pub paragraphs: Option<crate::source::ParagraphIndex>,
    /// Findings the reader itself makes (IO009 tracked changes, an annex whose two obligation
    /// markers disagree …).
    pub notices: Vec<crate::diagnostic::Diagnostic>,
}

/// Compiles, on the calling thread, what every read needs built and reads last: the
/// cross-reference candidate pattern and its word automaton (the reader's other patterns are
/// read by hand). Started on a second core beside the read of a lone document, it is ready
/// when the reading thread gets there.
pub fn warm_up() {
    crate::model::xref::warm_up();
}

/// Reads any supported document.
pub fn read_document(path: &Path, bytes: &[u8]) -> Result<(Document, Vec<crate::diagnostic::Diagnostic>), ReadError> {
    match input_kind(path) {
        InputKind::Unsupported(extension) => Err(ReadError::Unsupported { extension }),
        InputKind::Markdown | InputKind::Text | InputKind::Other => Ok((read_text_document(path, bytes)?, Vec::new())),
        InputKind::Xml | InputKind::Docx => {
            let (format, view) = match input_kind(path) {
                InputKind::Docx => (Format::Docx, read_docx(bytes)?),
                _ => (Format::Xml, read_xml(bytes)?),
            };
            let TextView { text, map, lines, part, origin, paragraphs, notices } = view;
            let decoded = crate::source::Decoded { text, encoding: crate::source::TextEncoding::Utf8, map };
            let mut source = SourceFile::new(path, decoded);
            source.part = part;
            source.origin = origin.map(Box::new);
            source.paragraphs = paragraphs;
            Ok((build::build(source, format, &lines), notices))
        }
    }
}

fn read_docx(bytes: &[u8]) -> Result<TextView, ReadError> {
    docx::read(bytes)
}

fn read_xml(bytes: &[u8]) -> Result<TextView, ReadError> {
    sts::read(bytes)
}

/// Reads a Markdown or text document. Files without a known extension are sniffed: Markdown
/// when ATX headings or HTML blocks show up, text otherwise.
pub fn read_text_document(path: &Path, bytes: &[u8]) -> Result<Document, DecodeError> {
    let decoded = decode(bytes)?;
    let format = match input_kind(path) {
        InputKind::Markdown => Format::Markdown,
        InputKind::Text => Format::Text,
        _ => sniff_format(&decoded.text),
    };
    let source = SourceFile::new(path, decoded);
    Ok(parse(source, format))
}

/// Builds the model of an already decoded Markdown or text source.
pub fn parse(source: SourceFile, format: Format) -> Document {
    let mut lines = match format {
        // The line ends the source's index already found.
        Format::Markdown => lines::markdown_lines(&source.text, &source.lines),
        _ => lines::text_lines(&source.text, &source.lines),
    };
    lines::mark_unfenced_code(&source.text, &mut lines);
    let rejoined = lines::rejoin_page_breaks(&source.text, &mut lines);
    let mut doc = build::build(source, format, &lines);
    doc.conversion.rejoined_paragraphs = rejoined;
    doc
}

fn sniff_format(text: &str) -> Format {
    let markdown = text.lines().take(400).any(|l| {
        let l = l.trim_start();
        l.starts_with("# ") || l.starts_with("## ") || l.starts_with("<table") || l.starts_with("```")
    });
    if markdown { Format::Markdown } else { Format::Text }
}
