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
        // From character to character by the length its first byte gives: a Chinese text is
        // asked once a character, not once a byte. The tables hold first bytes only, so the
        // bytes passed over could never have matched.
        loop {
            let &b = bytes.get(at)?;
            let start = at;
            at += sequence_len(b);
            if first_bytes[usize::from(b)] {
                return text.get(start..).and_then(|rest| rest.chars().next()).map(|c| (start, c));
            }
        }
    })
}

/// The character boundary at or before `at` (the text's end when `at` is past it).
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The character boundary at or after `at` (the text's end when `at` is past it).
pub(crate) fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The byte length of the white space that opens `text` (Unicode's White_Space, which is
/// what a pattern's `\s` takes).
pub(crate) fn leading_space_len(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// The byte length of the ASCII digits that open `text`.
pub(crate) fn ascii_digits_len(text: &str) -> usize {
    text.bytes().take_while(u8::is_ascii_digit).count()
}

/// The byte length of the ASCII capitals and digits that open `text` (`CSAE12` in `T/CSAE12`).
pub(crate) fn ascii_capitals_and_digits_len(text: &str) -> usize {
    text.bytes().take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit()).count()
}

/// The length of the UTF-8 sequence that byte `b` opens (1 for a continuation byte, which a
/// walk from character to character never meets): one look-up instead of three comparisons.
#[inline(always)]
fn sequence_len(b: u8) -> usize {
    static LENGTHS: [u8; 256] = {
        let mut table = [1u8; 256];
        let mut b = 0xC0;
        while b < 256 {
            table[b] = if b < 0xE0 {
                2
            } else if b < 0xF0 {
                3
            } else {
                4
            };
            b += 1;
        }
        table
    };
    usize::from(LENGTHS[usize::from(b)])
}

/// The code point of the character that `lead`, the byte at `at`, opens in UTF-8 `bytes`, and
/// its length in bytes. `at` must start a character: for a walk that steps from one character
/// to the next on its own (the masking skips whole words).
#[inline(always)]
pub(crate) fn decode_at(bytes: &[u8], at: usize, lead: u8) -> (u32, usize) {
    let tail = |k: usize| bytes.get(at + k).map_or(0, |&b| u32::from(b & 0x3F));
    match lead {
        0..0x80 => (u32::from(lead), 1),
        0x80..0xE0 => ((u32::from(lead & 0x1F) << 6) | tail(1), 2),
        0xE0..0xF0 => ((u32::from(lead & 0x0F) << 12) | (tail(1) << 6) | tail(2), 3),
        _ => ((u32::from(lead & 0x07) << 18) | (tail(1) << 12) | (tail(2) << 6) | tail(3), 4),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_by_bytes_is_decoding_by_chars() {
        for text in
            ["", "a", "é", "应用", "𠀀x", "混合 text é 应 𝄞\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}"]
        {
            let bytes = text.as_bytes();
            let mut decoded = Vec::new();
            let mut at = 0;
            while let Some(&lead) = bytes.get(at) {
                let (code, len) = decode_at(bytes, at, lead);
                decoded.push((at, char::from_u32(code)));
                at += len;
            }
            let expected: Vec<(usize, Option<char>)> = text.char_indices().map(|(i, c)| (i, Some(c))).collect();
            assert_eq!(decoded, expected, "{text}");
        }
    }

    #[test]
    fn chars_opening_with_finds_what_a_character_scan_finds() {
        static TABLE: [bool; 256] = first_bytes_of(&['。', '，', ' ', '\u{3000}', '(', '“', 'é', '𠀀']);
        const PIECES: &[&str] =
            &["。", "，", " ", "\u{3000}", "(", "“", "é", "𠀀", "a", "文", "、", "—", "\u{85}", "ＡＢ"];
        for text in crate::model::generated_texts(0x51_7cc1_b727_220a, PIECES, 16).take(2_000) {
            let expected: Vec<(usize, char)> = text
                .char_indices()
                .filter(|(_, c)| {
                    let mut encoded = [0; 4];
                    TABLE[usize::from(c.encode_utf8(&mut encoded).as_bytes()[0])]
                })
                .collect();
            assert_eq!(chars_opening_with(&text, &TABLE).collect::<Vec<_>>(), expected, "{text}");
        }
    }
}
