//! Byte-level scans of UTF-8 text, for the hot loops of reading and of the rules: finding a
//! few marks by their first byte (a step that acts on some punctuation or white space reads
//! bytes until one may start, and decodes only there), and finding the first byte of a class
//! 32 bytes at a time.

/// The characters of `text` whose first UTF-8 byte is marked in `first_bytes`, where they
/// stand. A rule that looks for a few marks reads bytes until one may start there and decodes
/// only that character: decoding every character of every paragraph was most of such a rule.
pub(crate) fn chars_opening_with<'a>(
    text: &'a str,
    first_bytes: &'static [bool; 256],
) -> impl Iterator<Item = (usize, char)> + 'a {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let offset = bytes.get(at..)?.iter().position(|&b| first_bytes[usize::from(b)])?;
        let start = at + offset;
        let c = text.get(start..).and_then(|rest| rest.chars().next())?;
        at = start + c.len_utf8();
        Some((start, c))
    })
}

/// A table of first bytes for [`chars_opening_with`]: those of `chars`.
pub(crate) const fn first_bytes_of(chars: &[char]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < chars.len() {
        let mut encoded = [0; 4];
        let first = chars[i].encode_utf8(&mut encoded).as_bytes()[0];
        table[first as usize] = true;
        i += 1;
    }
    table
}

/// Bytes [`first_byte_where`] looks at together, in a loop the compiler vectorises: a search
/// that stops at each byte to ask reads a Chinese text several times slower.
pub(crate) const LANES: usize = 32;

/// The offset of the first byte of `bytes` for which `is` holds. Meant for a class most of a
/// Chinese text lacks (capital letters, digits): each 32 bytes are asked at once, and only
/// the block that holds one is searched byte by byte.
// Inlined into each caller: called, the fold did not become vector code (first_capital took
// 7.3 M instructions on the 160-file sample instead of 3.3 M).
#[inline(always)]
pub(crate) fn first_byte_where(bytes: &[u8], is: impl Fn(u8) -> bool) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(LANES);
    let mut offset = 0;
    for chunk in &mut chunks {
        // Folded as bytes, not as `bool`s: that is the form the compiler turns into vector code.
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(is(b))) != 0 {
            return chunk.iter().position(|&b| is(b)).map(|i| offset + i);
        }
        offset += LANES;
    }
    chunks.remainder().iter().position(|&b| is(b)).map(|i| offset + i)
}
