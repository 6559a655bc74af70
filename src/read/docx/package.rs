//! The zip package: finding parts through their relationships and inflating them within a limit.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::xml::{Item, Ns, Xml};
use crate::read::ReadError;

/// No part of a real document inflates to this much; a zip bomb stops here (IO007) after
/// inflating at most this many bytes, whatever size the archive declares.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// At most this much of a part's declared size is reserved before it is read: the size sizes
/// the buffer, and a lie costs no more than this.
const TRUSTED_RESERVE: u64 = 8 * 1024 * 1024;

/// A part inflated and decoded to text; offsets in the part are `base` + offsets in `text`.
pub(crate) struct Part {
    pub name: String,
    pub text: String,
    /// Bytes dropped before `text` (a UTF-8 byte-order mark).
    pub base: usize,
}

pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

fn malformed(message: impl Into<String>) -> ReadError {
    ReadError::MalformedDocx { message: message.into() }
}

fn decoded(stored: String, bytes: Vec<u8>) -> Result<Part, ReadError> {
    let (text, base) = decode_part(bytes)
        .map_err(|offset| ReadError::MalformedXml { offset, message: format!("{stored}: not UTF-8 or UTF-16 text") })?;
    Ok(Part { name: stored, text, base })
}

thread_local! {
    /// One raw-deflate decompressor per thread, reset for each part.
    static INFLATER: std::cell::RefCell<flate2::Decompress> = std::cell::RefCell::new(flate2::Decompress::new(false));
}

/// `raw` inflated, when it is one complete deflate stream of at most [`MAX_PART_BYTES`]
/// (`declared` sizes the buffer, capped, and is checked by the caller).
fn inflate(raw: &[u8], declared: u64) -> Option<Vec<u8>> {
    use flate2::{FlushDecompress, Status};
    INFLATER.with(|inflater| {
        let mut inflater = inflater.try_borrow_mut().ok()?;
        inflater.reset(false);
        let mut out = Vec::with_capacity(usize::try_from(declared.min(TRUSTED_RESERVE) + 1).ok()?);
        loop {
            let consumed = usize::try_from(inflater.total_in()).ok()?;
            let input = raw.get(consumed..)?;
            if out.len() == out.capacity() {
                if out.len() as u64 > MAX_PART_BYTES {
                    return None;
                }
                out.reserve(out.len().max(64 * 1024));
            }
            let before = (inflater.total_in(), inflater.total_out());
            match inflater.decompress_vec(input, &mut out, FlushDecompress::Finish) {
                Ok(Status::StreamEnd) => return Some(out),
                Ok(Status::Ok | Status::BufError) if (inflater.total_in(), inflater.total_out()) != before => {}
                // No progress: the stream is cut short or the buffer is full; a full one grows above.
                Ok(Status::Ok | Status::BufError) if out.len() == out.capacity() => {}
                _ => return None,
            }
        }
    })
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, ReadError> {
        match ZipArchive::new(Cursor::new(bytes)) {
            Ok(zip) => Ok(Package { zip }),
            Err(error) => {
                let hint = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
                    " (this is a Word 97–2003 .doc file with a .docx name)"
                } else if bytes.starts_with(b"PK") {
                    " (the archive is truncated or damaged)"
                } else {
                    ""
                };
                Err(malformed(format!("not a zip archive{hint}: {error}")))
            }
        }
    }

    /// The name under which `wanted` is stored: exact, or the same name in another case (part
    /// names are case-insensitive in OPC).
    fn stored_name(&self, wanted: &str) -> Option<String> {
        if self.zip.index_for_name(wanted).is_some() {
            return Some(wanted.to_owned());
        }
        self.zip.file_names().flatten().find(|n| n.eq_ignore_ascii_case(wanted)).map(|n| n.into_owned())
    }

    /// Inflates a part; `None` when the package has no such part.
    pub fn part(&mut self, name: &str) -> Result<Option<Part>, ReadError> {
        let Some(stored) = self.stored_name(name) else {
            return Ok(None);
        };
        if let Some(bytes) = self.inflate_reusing(&stored) {
            return decoded(stored, bytes).map(Some);
        }
        let file = match self.zip.by_name(&stored) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(error) => return Err(malformed(format!("cannot open part {stored}: {error}"))),
        };
        // The declared size sizes the buffer (capped: a lie costs at most that much), and is
        // never trusted otherwise: the read goes through a limit one byte over the maximum.
        let mut bytes = Vec::with_capacity(usize::try_from(file.size().min(TRUSTED_RESERVE) + 1).unwrap_or(0));
        let read = file.take(MAX_PART_BYTES + 1).read_to_end(&mut bytes);
        if let Err(error) = read {
            return Err(malformed(format!("part {stored} is corrupt: {error}")));
        }
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(ReadError::InputLimit {
                message: format!("part {stored} inflates to more than {} MiB", MAX_PART_BYTES / (1024 * 1024)),
            });
        }
        decoded(stored, bytes).map(Some)
    }

    /// The bytes of a stored or deflated part, inflated by this thread's decompressor: making
    /// a new one for every part (the zip crate's way) zeroed some 40 KB of state and window
    /// each time, a tenth of reading a small document's five parts. `None` for anything
    /// unusual (another method, encryption, a corrupt stream, a wrong checksum, a part over
    /// the limit): the zip crate's reader then reads it and says what is wrong, as before.
    fn inflate_reusing(&mut self, stored: &str) -> Option<Vec<u8>> {
        use zip::CompressionMethod;
        let index = self.zip.index_for_name(stored)?;
        let mut file = self.zip.by_index_raw(index).ok()?;
        let method = file.compression();
        if file.encrypted() || !matches!(method, CompressionMethod::Stored | CompressionMethod::Deflated) {
            return None;
        }
        let (declared, expected_crc) = (file.size(), file.crc32());
        let mut raw = Vec::with_capacity(usize::try_from(file.compressed_size().min(TRUSTED_RESERVE)).ok()?);
        file.by_ref().take(MAX_PART_BYTES + 1).read_to_end(&mut raw).ok()?;
        let bytes = match method {
            CompressionMethod::Stored => raw,
            _ => inflate(&raw, declared)?,
        };
        let fits = bytes.len() as u64 <= MAX_PART_BYTES && bytes.len() as u64 == declared;
        (fits && crc32fast::hash(&bytes) == expected_crc).then_some(bytes)
    }

    /// The main document part named by `_rels/.rels`, or `word/document.xml`.
    pub fn main_document(&mut self) -> Result<Option<Part>, ReadError> {
        let mut candidates = Vec::new();
        if let Some(rels) = self.part("_rels/.rels")? {
            // A broken relationships part is no reason to give up on the usual name.
            if let Ok(relationships) = parse_relationships(&rels) {
                candidates.extend(
                    relationships
                        .into_iter()
                        .filter(|r| r.kind.ends_with("/officeDocument"))
                        .map(|r| resolve_target("", &r.target)),
                );
            }
        }
        candidates.push("word/document.xml".to_owned());
        for name in candidates {
            if let Some(part) = self.part(&name)? {
                return Ok(Some(part));
            }
        }
        Ok(None)
    }

    /// The parts a part refers to, as `(type suffix, part name)`: `("styles", "word/styles.xml")`.
    pub fn relationships_of(&mut self, source: &str) -> Result<Vec<(String, String)>, ReadError> {
        let dir = source.rsplit_once('/').map_or("", |(dir, _)| dir);
        let Some(rels) = self.part(&rels_name(source))? else {
            return Ok(Vec::new());
        };
        let relationships = parse_relationships(&rels).unwrap_or_default();
        Ok(relationships
            .into_iter()
            .map(|r| {
                let kind = r.kind.rsplit('/').next().unwrap_or_default().to_owned();
                (kind, resolve_target(dir, &r.target))
            })
            .collect())
    }
}

/// The relationships part of a part: `word/_rels/document.xml.rels` for `word/document.xml`.
pub(crate) fn rels_name(source: &str) -> String {
    match source.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{source}.rels"),
    }
}

/// UTF-8 (a byte-order mark is dropped and counted in `base`) or UTF-16 with a byte-order mark.
/// Offsets into a UTF-16 part are offsets into its UTF-8 transcoding.
fn decode_part(bytes: Vec<u8>) -> Result<(String, usize), usize> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
            return if had_errors { Err(bom) } else { Ok((text.into_owned(), 0)) };
        }
        return utf8_text(bytes.get(bom..).unwrap_or_default()).map(|t| (t, bom)).map_err(|at| bom + at);
    }
    utf8_text(&bytes).map(|t| (t, 0))
}

/// The bytes as text, or where the valid UTF-8 ends. Validated with SIMD and copied: std's
/// validation goes a character at a time through CJK text and costs far more than the copy.
fn utf8_text(bytes: &[u8]) -> Result<String, usize> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(std::str::from_utf8(bytes).err().map_or(bytes.len(), |e| e.valid_up_to())),
    }
}

struct Relationship {
    kind: String,
    target: String,
}

fn parse_relationships(part: &Part) -> Result<Vec<Relationship>, ReadError> {
    let mut xml = Xml::new(&part.text, part.base, &part.name);
    let mut out = Vec::new();
    loop {
        match xml.next()?.1 {
            Item::Open(tag) | Item::Empty(tag) if tag.local == "Relationship" && tag.ns == Ns::Other => {
                if tag.attr("TargetMode").as_deref() == Some("External") {
                    continue;
                }
                if let (Some(kind), Some(target)) = (tag.attr("Type"), tag.attr("Target")) {
                    out.push(Relationship { kind: kind.into_owned(), target: target.into_owned() });
                }
            }
            Item::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship target relative to the source part's folder (`styles.xml` in `word`), or
/// absolute (`/word/styles.xml`), as a part name without the leading slash.
fn resolve_target(dir: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') || dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every part of `bytes` read by the zip crate's own reader.
    fn parts_by_zip_crate(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index(i).unwrap_or_else(|e| panic!("{e}"));
                let mut out = Vec::new();
                file.read_to_end(&mut out).unwrap_or_else(|e| panic!("{e}"));
                (file.name().map(|n| n.into_owned()).unwrap_or_else(|e| panic!("{e}")), out)
            })
            .collect()
    }

    #[test]
    fn parts_inflate_as_the_zip_crate_inflates_them_and_anything_odd_falls_back() {
        let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut checked = 0;
        for entry in std::fs::read_dir(samples.join("flawed"))
            .into_iter()
            .chain(std::fs::read_dir(samples.join("compliant")))
            .flatten()
            .flatten()
        {
            if entry.path().extension().is_none_or(|e| e != "docx") {
                continue;
            }
            let bytes = std::fs::read(entry.path()).unwrap_or_else(|e| panic!("{e}"));
            let mut package = Package::open(&bytes).unwrap_or_else(|e| panic!("{e:?}"));
            for (name, expected) in parts_by_zip_crate(&bytes) {
                assert_eq!(package.inflate_reusing(&name).as_deref(), Some(expected.as_slice()), "{name}");
                checked += 1;
            }
        }
        assert!(checked > 10, "{checked} parts");
        // A stream cut short, or bytes that are no deflate stream, are refused: the zip crate's
        // reader then reads the part (a wrong checksum is refused by `inflate_reusing` likewise).
        let document = b"<w:document>".repeat(500);
        let mut deflated = Vec::new();
        {
            use std::io::Write;
            let mut encoder = flate2::write::DeflateEncoder::new(&mut deflated, flate2::Compression::default());
            encoder.write_all(&document).unwrap_or_else(|e| panic!("{e}"));
            encoder.finish().unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(inflate(&deflated, document.len() as u64).as_deref(), Some(document.as_slice()));
        assert_eq!(inflate(deflated.get(..deflated.len() / 2).unwrap_or_default(), document.len() as u64), None);
        assert_eq!(inflate(b"\xff\xff\xff\xff", 10), None);
    }

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word", "/word/numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve_target("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve_target("", "word/document2.xml"), "word/document2.xml");
    }

    #[test]
    fn parts_decode_with_and_without_a_bom() {
        assert_eq!(decode_part(b"\xEF\xBB\xBF<a/>".to_vec()), Ok(("<a/>".to_owned(), 3)));
        assert_eq!(decode_part(b"<a/>".to_vec()), Ok(("<a/>".to_owned(), 0)));
        assert_eq!(decode_part(b"\xFF\xFE<\0a\0/\0>\0".to_vec()), Ok(("<a/>".to_owned(), 0)));
        assert_eq!(decode_part(b"<a>\xFF</a>".to_vec()), Err(3));
        assert_eq!(decode_part(b"\xEF\xBB\xBF<a>\xE4\xB8</a>".to_vec()), Err(6));
        assert_eq!(decode_part("<a>总则</a>".as_bytes().to_vec()), Ok(("<a>总则</a>".to_owned(), 0)));
    }
}
