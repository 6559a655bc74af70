//! Turning the bytes of a file into text, with a map back to the original bytes.
//!
//! Order of attempts: byte-order mark, strict UTF-8, UTF-16 without BOM (by the NUL pattern),
//! then GB18030. A buffer that looks binary (NUL bytes that are not UTF-16, control bytes) is
//! refused before any decoding, so a stray `.txt` that is really a zip never reaches the readers.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// The encoding a file was read in; it is reported and kept so a fix can write the file back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
        }
    }
}

/// Where the decoded text came from in the file's bytes.
///
/// For UTF-8 the decoded text is the file minus its BOM, so the map is a constant shift. For
/// the other encodings every decoded character has its own original offset.
#[derive(Debug, Clone)]
pub enum OffsetMap {
    Shift(usize),
    /// `(decoded byte offset, original byte offset)` for the start of every character, plus an
    /// end sentinel.
    Table(Vec<(u32, u32)>),
    /// Runs of a rendered view (XML, .docx): each run starts at `view` in the decoded text and
    /// comes from `original` in the file. A verbatim run was copied byte for byte, so offsets
    /// inside it shift along; any other run (a decoded entity, a label Word generates) maps
    /// every offset inside it to its anchor.
    Runs(Vec<Run>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub view: u32,
    pub original: u32,
    pub verbatim: bool,
}

impl OffsetMap {
    /// The original byte offset of a decoded byte offset (clamped to the nearest char start).
    pub fn original(&self, decoded: usize) -> usize {
        match self {
            OffsetMap::Shift(shift) => decoded + shift,
            OffsetMap::Table(table) => {
                let key = u32::try_from(decoded).unwrap_or(u32::MAX);
                let at = match table.binary_search_by_key(&key, |&(d, _)| d) {
                    Ok(i) => i,
                    Err(i) => i.saturating_sub(1),
                };
                table.get(at).map_or(0, |&(_, o)| o as usize)
            }
            OffsetMap::Runs(runs) => {
                let key = u32::try_from(decoded).unwrap_or(u32::MAX);
                let at = match runs.binary_search_by_key(&key, |r| r.view) {
                    Ok(i) => i,
                    Err(i) => i.saturating_sub(1),
                };
                runs.get(at).map_or(0, |r| {
                    let inside = if r.verbatim { (key - r.view.min(key)) as usize } else { 0 };
                    r.original as usize + inside
                })
            }
        }
    }
}

#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    pub map: OffsetMap,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes look like a binary file; `offset` is the first byte that gave it away.
    Binary { offset: usize },
    /// Neither UTF-8, UTF-16 nor GB18030; `offset` is the first byte strict UTF-8 rejected.
    Undecodable { offset: usize },
}

/// Decodes a whole file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return if encoding == encoding_rs::UTF_8 {
            let text =
                validate_utf8(body).map_err(|e| DecodeError::Undecodable { offset: bom_len + e.valid_up_to() })?;
            check_not_binary(text, bom_len)?;
            Ok(Decoded { text: text.to_owned(), encoding: TextEncoding::Utf8Bom, map: OffsetMap::Shift(bom_len) })
        } else {
            decode_utf16(body, bom_len, encoding == UTF_16BE)
        };
    }
    if let Some(big_endian) = sniff_utf16(bytes) {
        return decode_utf16(bytes, 0, big_endian);
    }
    match validate_utf8(bytes) {
        Ok(text) => {
            check_not_binary(text, 0)?;
            Ok(Decoded { text: text.to_owned(), encoding: TextEncoding::Utf8, map: OffsetMap::Shift(0) })
        }
        Err(utf8_error) => {
            if let Some(offset) = bytes.iter().position(|&b| b == 0) {
                return Err(DecodeError::Binary { offset });
            }
            decode_gb18030(bytes).ok_or(DecodeError::Undecodable { offset: utf8_error.valid_up_to() })
        }
    }
}

/// `std::str::from_utf8`, validated with SIMD: std checks CJK text a character at a time. The
/// error (where the valid text ends) comes from std, on the rare file that is not UTF-8.
pub(crate) fn validate_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// UTF-16 text without a BOM. Neither UTF-8 nor GB18030 text holds a NUL byte, UTF-16 text
/// almost always does (every ASCII character and line break has one). Which byte order: in
/// UTF-16 the high byte of each unit names the block of its character, and in a Chinese
/// standard nearly all of them are ASCII (0x00), CJK ideographs (0x34–0x9F), CJK punctuation,
/// full-width forms or general punctuation; the low bytes are spread over all values. So the
/// side of the pairs where such high bytes dominate is the high side: odd offsets for
/// little-endian, even for big-endian. (NUL alone cannot tell: a Chinese text with few ASCII
/// characters has as many zero low bytes — 一 is U+4E00, 言 U+8A00 — as zero high bytes.)
/// Then the whole file must decode without unpaired surrogates or control characters; a
/// binary file with NUL bytes fails that and is IO002.
fn sniff_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 2 || bytes.len() % 2 != 0 || !bytes.contains(&0) {
        return None;
    }
    let high_byte_like =
        |b: u8| matches!(b, 0x00..=0x05 | 0x20..=0x27 | 0x2E..=0x9F | 0xD8..=0xDF | 0xF9..=0xFA | 0xFE..=0xFF);
    let (mut even_like, mut odd_like) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        if let [a, b] = pair {
            even_like += usize::from(high_byte_like(*a));
            odd_like += usize::from(high_byte_like(*b));
        }
    }
    let pairs = bytes.len() / 2;
    let big_endian = match even_like.cmp(&odd_like) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => return None,
    };
    // Nine in ten units in the expected blocks.
    if even_like.max(odd_like) * 10 < pairs * 9 {
        return None;
    }
    let units = bytes.chunks_exact(2).map(|pair| match pair {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0,
    });
    let text_like = char::decode_utf16(units)
        .all(|c| c.is_ok_and(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}')));
    text_like.then_some(big_endian)
}

fn check_not_binary(text: &str, shift: usize) -> Result<(), DecodeError> {
    // The control characters (`char::is_control`: U+0000–U+001F, U+007F–U+009F) in UTF-8 are
    // the bytes 00–1F and 7F, and C2 followed by 80–9F; C2 is always a lead byte in valid
    // UTF-8. A byte scan finds the first one at the offset a char scan would, several times
    // faster: every file goes through here.
    const CHUNK: usize = 32;
    let bytes = text.as_bytes();
    let is_control_at = |at: usize, b: u8| match b {
        b'\n' | b'\r' | b'\t' | 0x0C => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes.get(at + 1).is_some_and(|next| (0x80..=0x9F).contains(next)),
        _ => false,
    };
    for (index, chunk) in bytes.chunks(CHUNK).enumerate() {
        // A branch-free test of a whole chunk (it vectorises); only chunks with a candidate
        // byte are looked at byte by byte. Line ends and tabs are no candidates: a line of
        // text is about as long as a chunk, and half the chunks would be.
        let candidate = chunk.iter().fold(false, |acc, &b| {
            let allowed = (b == b'\n') | (b == b'\r') | (b == b'\t') | (b == 0x0C);
            acc | ((b < 0x20) & !allowed) | (b == 0x7F) | (b == 0xC2)
        });
        if !candidate {
            continue;
        }
        let base = index * CHUNK;
        if let Some(offset) = chunk.iter().enumerate().position(|(i, &b)| is_control_at(base + i, b)) {
            return Err(DecodeError::Binary { offset: base + offset + shift });
        }
    }
    Ok(())
}

fn decode_utf16(body: &[u8], shift: usize, big_endian: bool) -> Result<Decoded, DecodeError> {
    let encoding = if big_endian { UTF_16BE } else { UTF_16LE };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(DecodeError::Undecodable { offset: shift });
    }
    check_not_binary(&text, shift)?;
    let mut table = Vec::with_capacity(text.len() / 2 + 1);
    let mut original = shift;
    for (decoded, c) in text.char_indices() {
        table.push((to_u32(decoded), to_u32(original)));
        original += c.len_utf16() * 2;
    }
    table.push((to_u32(text.len()), to_u32(original)));
    Ok(Decoded {
        text: text.into_owned(),
        encoding: if big_endian { TextEncoding::Utf16Be } else { TextEncoding::Utf16Le },
        map: OffsetMap::Table(table),
    })
}

/// GB18030 decodes one character from 1, 2 or 4 bytes; the lead bytes say which, so the
/// original offsets can be rebuilt after a validating decode.
fn decode_gb18030(bytes: &[u8]) -> Option<Decoded> {
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    let mut table = Vec::with_capacity(bytes.len() / 2 + 1);
    let mut original = 0usize;
    for (decoded, _) in text.char_indices() {
        table.push((to_u32(decoded), to_u32(original)));
        original += gb18030_sequence_len(bytes, original);
    }
    table.push((to_u32(text.len()), to_u32(original)));
    if original != bytes.len() {
        return None;
    }
    if check_not_binary(&text, 0).is_err() {
        return None;
    }
    Some(Decoded { text: text.into_owned(), encoding: TextEncoding::Gb18030, map: OffsetMap::Table(table) })
}

fn gb18030_sequence_len(bytes: &[u8], at: usize) -> usize {
    match (bytes.get(at), bytes.get(at + 1)) {
        (Some(lead), _) if *lead <= 0x80 || *lead == 0xFF => 1,
        (Some(_), Some(second)) if (0x30..=0x39).contains(second) => 4,
        (Some(_), Some(_)) => 2,
        _ => 1,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_identity() {
        let d = decode("前言\n本文件".as_bytes()).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf8);
        assert_eq!(d.map.original(6), 6);
    }

    #[test]
    fn utf8_bom_shifts_offsets() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("范围".as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf8Bom);
        assert_eq!(d.text, "范围");
        assert_eq!(d.map.original(3), 6);
    }

    #[test]
    fn gb18030_maps_back_to_two_and_four_byte_sequences() {
        // "a范€𠀀b": 1 + 2 + 2 (GB18030 maps € to 0xA2E3) + 4 + 1 bytes.
        let source = "a范𠀀b";
        let (bytes, _, _) = GB18030.encode(source);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, TextEncoding::Gb18030);
        assert_eq!(d.text, source);
        assert_eq!(d.map.original(0), 0);
        assert_eq!(d.map.original(1), 1); // 范
        assert_eq!(d.map.original(4), 3); // 𠀀
        assert_eq!(d.map.original(8), 7); // b
        assert_eq!(d.map.original(9), 8); // end
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "1 范围".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf16Le);
        assert_eq!(d.text, "1 范围");
        assert_eq!(d.map.original(2), 6);
    }

    #[test]
    fn utf16be_without_bom_is_sniffed() {
        let mut bytes = Vec::new();
        for unit in "1 Scope 范围\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, TextEncoding::Utf16Be);
        assert_eq!(d.text, "1 Scope 范围\n");
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    }

    #[test]
    fn chinese_utf16_without_bom_is_sniffed_in_both_byte_orders() {
        // Mostly Chinese: NUL bytes from the line breaks and digits, and as many on the other
        // side from 言 (U+8A00) and 一 (U+4E00).
        let text = "前言\n本文件按照GB/T 1.1—2020的规定起草。\n一、范围\n本文件规定了社区居家养老服务的基本要求、服务内容与要求。\n";
        let text = &format!("{text}一言一言一言\n");
        for big_endian in [false, true] {
            let d = decode(&utf16(text, big_endian)).unwrap();
            assert_eq!(&d.text, text);
            assert_eq!(d.encoding, if big_endian { TextEncoding::Utf16Be } else { TextEncoding::Utf16Le });
        }
    }

    #[test]
    fn binary_with_nul_bytes_on_one_side_is_still_binary() {
        // NUL on odd offsets, as in UTF-16LE, but the units are control characters.
        let bytes = [0x01u8, 0, 0x02, 0, 0x03, 0, 0x41, 0];
        assert!(matches!(decode(&bytes), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn runs_shift_inside_verbatim_runs_and_anchor_elsewhere() {
        let map = OffsetMap::Runs(vec![
            Run { view: 0, original: 100, verbatim: false },
            Run { view: 4, original: 200, verbatim: true },
        ]);
        assert_eq!(map.original(2), 100);
        assert_eq!(map.original(4), 200);
        assert_eq!(map.original(7), 203);
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(decode(b"PK\x03\x04\x00\x00binary"), Err(DecodeError::Binary { .. })));
        assert!(matches!(decode(b"text\x01more"), Err(DecodeError::Binary { offset: 4 })));
    }

    /// The byte scan finds the first control character a character scan finds, wherever it
    /// stands against the 32-byte chunks and whatever line ends, tabs and `C2` characters
    /// (`·` U+00B7 is text, NEL U+0085 is a control) share its chunk.
    #[test]
    fn the_byte_scan_finds_the_first_control_character() {
        let by_chars = |text: &str| {
            text.char_indices()
                .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
                .map(|(at, _)| at)
        };
        // Controls are one piece in six: a text's first one stands anywhere against the
        // chunks, and some texts hold none.
        let pieces = [
            "总则", "条款", "a", "\n", "\r\n", "\t", "\u{c}", "·", "°", "总则", "条款", "a", "总则", "条款", "a",
            "\u{85}", "\u{1}", "\u{7f}", "\u{9f}", "总则", "条款", "a", "规定", "要求",
        ];
        let mut next = crate::model::pseudo_random_numbers(7);
        let texts = std::iter::once(String::new())
            .chain(std::iter::repeat_with(|| crate::model::pseudo_random_text(&mut next, &pieces, 24)).take(2000));
        for text in texts {
            let expected = by_chars(&text).map(|offset| DecodeError::Binary { offset });
            assert_eq!(check_not_binary(&text, 0).err(), expected, "{text:?}");
        }
    }

    #[test]
    fn invalid_everything_is_undecodable() {
        // 0x81 0x20 is not a GB18030 sequence and not UTF-8.
        assert!(matches!(decode(b"abc\x81\x20def"), Err(DecodeError::Undecodable { offset: 3 })));
    }
}
