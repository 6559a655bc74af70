//! Tolerant comparison of mandated sentences: white space (U+3000 included), full/half-width
//! punctuation and dash variants do not make a sentence wrong; a different word does.

/// The comparison key of a sentence.
pub fn sentence_key(text: &str) -> String {
    // Sized once, and the runs of characters that stay as they are (most of a Chinese
    // sentence) copied whole rather than character by character.
    let mut key = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, c) in crate::source::scan::chars_opening_with(text, &CHANGED_FIRST_BYTES) {
        let dropped = c.is_whitespace() || c == '\u{feff}';
        let folded = fold(c);
        if dropped || folded != c {
            key.push_str(text.get(copied..at).unwrap_or_default());
            if !dropped {
                key.push(folded);
            }
            copied = at + c.len_utf8();
        }
    }
    key.push_str(text.get(copied..).unwrap_or_default());
    key
}

/// The first bytes of every character the key drops or folds (see [`fold`]): white space
/// (ASCII, C2, E1, E2, E3), U+FEFF (EF), ASCII punctuation, the dashes (E2) and the
/// full-width forms (EF). A Han character (E4–E9) never starts with one of them.
static CHANGED_FIRST_BYTES: [bool; 256] = {
    let mut table = crate::model::OPENS_WHITESPACE;
    let punctuation = crate::source::scan::first_bytes_of(&['(', ')', ':', ',', ';', '?', '!', '-']);
    let mut b = 0;
    while b < 256 {
        table[b] |= punctuation[b];
        b += 1;
    }
    table[0xEF] = true;
    table
};

fn fold(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        ':' => '：',
        ',' => '，',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '-' | '‐' | '‑' | '‒' | '–' | '―' | '−' | '－' | '─' => '—',
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '／' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Strips a final `。` so "almost the sentence" can be told from "another sentence".
pub fn without_final_stop(key: &str) -> &str {
    key.strip_suffix('。').or_else(|| key.strip_suffix('.')).unwrap_or(key)
}

/// How much two keys share, as the length of their longest common prefix plus suffix,
/// relative to the longer one; cheap and good enough to tell "altered" from "absent".
pub fn similarity(a: &str, b: &str) -> f64 {
    // Counted on the strings themselves: every paragraph of chapter 2 is compared with the
    // lead-in, and collecting both into characters allocated twice per paragraph.
    let (a_len, b_len) = (a.chars().count(), b.chars().count());
    let longest = a_len.max(b_len);
    if longest == 0 {
        return 1.0;
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suffix =
        a.chars().rev().zip(b.chars().rev()).take(a_len.min(b_len) - prefix).take_while(|(x, y)| x == y).count();
    (prefix + suffix) as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_reads_only_characters_that_may_change() {
        // Every character the key drops or folds starts with a byte of the table.
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            if c.is_whitespace() || c == '\u{feff}' || fold(c) != c {
                let mut encoded = [0; 4];
                let first = c.encode_utf8(&mut encoded).as_bytes()[0];
                assert!(CHANGED_FIRST_BYTES[usize::from(first)], "{c:?}");
            }
        }
        assert_eq!(
            sentence_key("本文件 按照GB/T 1.1-2020(第1部分):起草，\u{3000}ＡＢ１。"),
            "本文件按照GB/T1.1—2020（第1部分）：起草，AB1。"
        );
    }

    #[test]
    fn keys_fold_width_space_and_dashes() {
        assert_eq!(
            sentence_key("本文件按照 GB/T 1.1-2020《标准化工作导则　第1部分: 标准化文件的结构和起草规则》的规定起草。"),
            sentence_key("本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。")
        );
        assert_ne!(sentence_key("本标准按照"), sentence_key("本文件按照"));
    }

    #[test]
    fn keys_are_the_folded_characters_without_white_space() {
        let text = " 本文件\u{3000}按照 GB/T 1.1-2020（ＡＢ１）:\u{feff}a,b;c?d!e\t–―−\n结束。 ";
        let by_character: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{feff}').map(fold).collect();
        assert_eq!(sentence_key(text), by_character);
        assert_eq!(sentence_key(text), "本文件按照GB/T1.1—2020（AB1）：a，b；c？d！e———结束。");
        assert_eq!(sentence_key(""), "");
    }

    #[test]
    fn similarity_scores() {
        assert!(similarity("abcdef", "abcxef") > 0.8);
        assert!(similarity("abcdef", "uvwxyz") < 0.1);
        // Common prefix 下列 and suffix 文件。 of the longer one's 7 characters.
        assert_eq!(similarity("下列文件。", "下列规范文件。"), 5.0 / 7.0);
        assert_eq!(similarity("aaa", "aa"), 2.0 / 3.0);
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("", "ab"), 0.0);
    }
}
