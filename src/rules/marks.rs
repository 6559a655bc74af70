//! Finding a few marks in text by their first UTF-8 byte: a rule (or a key) that only acts on
//! some punctuation reads bytes until one of the marks may start, and decodes only there.

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
