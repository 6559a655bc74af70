//! TM — terms and definitions (GB/T 1.1-2020 8.7).

mod abbreviation_not_used;
mod definition_opening;
mod definition_provisions;
mod duplicate_term;
mod english_equivalent;
mod entry_structure;
mod lead_in;
mod none_statement;
mod source_format;
mod symbols_lead_in;
mod symbols_numbered;
mod term_not_used;
mod term_number;

use crate::model::{Block, BlockKind, Clause, Document, TermEntry, compact};
use crate::rules::Rule;
use crate::source::Span;

pub(super) const RULES: &[&dyn Rule] = &[
    &lead_in::TermsLeadIn,
    &none_statement::TermsNone,
    &entry_structure::TermEntryStructure,
    &term_number::TermNumber,
    &english_equivalent::EnglishEquivalent,
    &definition_provisions::DefinitionProvisions,
    &definition_opening::DefinitionOpening,
    &source_format::TermSourceFormat,
    &duplicate_term::DuplicateTerm,
    &symbols_lead_in::SymbolsLeadIn,
    &symbols_numbered::SymbolsNumbered,
    &term_not_used::TermNotUsed,
    &abbreviation_not_used::AbbreviationNotUsed,
];

pub const LEAD_IN: &str = "下列术语和定义适用于本文件。";
pub const NONE_STATEMENT: &str = "本文件没有需要界定的术语和定义。";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermsLeadIn {
    /// 下列术语和定义适用于本文件。
    Local,
    /// ……界定的术语和定义适用于本文件。
    Imported,
    /// ……界定的以及下列术语和定义适用于本文件。
    ImportedAndLocal,
    /// 本文件没有需要界定的术语和定义。
    None,
}

/// What a merged chapter 3 names after 术语 (8.8.1): `术语和缩略语`, `术语、定义、符号和缩略语`.
const MERGED_WORDS: [&str; 4] = ["定义", "符号", "缩略语", "代号"];

/// The byte length of the merged words that open `rest` (`和缩略语`, `、定义、符号和缩略语`),
/// each after an optional 、, 和 or 及; 0 when none does. No word opens with one of those
/// marks, so a mark not followed by a word ends the list.
fn merged_words_len(rest: &str) -> usize {
    let mut len = 0;
    while let Some(here) = rest.get(len..) {
        let after_mark = here.strip_prefix(['、', '和', '及']).unwrap_or(here);
        let Some(word) = MERGED_WORDS.iter().find(|w| after_mark.starts_with(**w)) else { break };
        len += here.len() - after_mark.len() + word.len();
    }
    len
}

/// `key` with every merged title (`术语和缩略语`) written as `术语和定义`: what
/// `术语(?:[、和及]?(?:定义|符号|缩略语|代号))+` replaced, read by hand.
fn merge_titles(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = key.get(from..).and_then(|rest| rest.find("术语")).map(|i| from + i) {
        let words = merged_words_len(key.get(at + "术语".len()..).unwrap_or_default());
        if words == 0 {
            from = at + "术".len();
            continue;
        }
        out.push_str(key.get(copied..at).unwrap_or_default());
        out.push_str("术语和定义");
        copied = at + "术语".len() + words;
        from = copied;
    }
    out.push_str(key.get(copied..).unwrap_or_default());
    out
}

fn classify(text: &str) -> Option<TermsLeadIn> {
    // A merged chapter announces what it merges (`下列术语和缩略语适用于本文件。`): read as the
    // terms lead-in it extends.
    let key = crate::rules::normalize::sentence_key(text);
    let key = merge_titles(&key);
    if key == LEAD_IN {
        Some(TermsLeadIn::Local)
    } else if key == NONE_STATEMENT {
        Some(TermsLeadIn::None)
    } else if key.ends_with("界定的以及下列术语和定义适用于本文件。")
        && key.len() > "界定的以及下列术语和定义适用于本文件。".len()
    {
        Some(TermsLeadIn::ImportedAndLocal)
    } else if key.ends_with("界定的术语和定义适用于本文件。") && key.len() > "界定的术语和定义适用于本文件。".len()
    {
        Some(TermsLeadIn::Imported)
    } else {
        None
    }
}

/// The term entries of the terms chapter, its concept-group subclauses included.
fn entries(chapter: &Clause) -> Vec<&TermEntry> {
    chapter
        .all_blocks()
        .into_iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Term(entry) => Some(entry.as_ref()),
            _ => None,
        })
        .collect()
}

/// The paragraph before the first term entry: where the lead-in stands.
pub(crate) fn lead_paragraph(chapter: &Clause) -> Option<&Block> {
    chapter
        .blocks
        .iter()
        .take_while(|b| !matches!(b.kind, BlockKind::Term(_)))
        .find(|b| matches!(b.kind, BlockKind::Paragraph))
}

/// The term entries of the terms chapter, or none.
pub(crate) fn doc_entries(doc: &Document) -> Vec<&TermEntry> {
    doc.terms_chapter().map(entries).unwrap_or_default()
}

/// The Chinese terms the terms chapter defines, in every form each is written in.
pub(crate) fn defined_terms(doc: &Document) -> Vec<String> {
    doc_entries(doc).into_iter().filter_map(|e| e.term_zh.as_ref()).flat_map(|t| term_variants(&t.text)).collect()
}

/// The forms a term is written in: the term itself, its synonyms after ；, and the term without
/// a parenthesised part or a 〈domain〉; compact (no white space).
fn term_variants(term: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // What `out` holds, for the membership test once it is long: a term line with thousands
    // of pieces must not compare each with all the others (a term has one or two).
    let mut seen: crate::hash::HashSet<String> = crate::hash::HashSet::default();
    let mut add = |form: String, out: &mut Vec<String>| {
        let new = if out.len() < FEW_VARIANTS {
            !out.contains(&form)
        } else {
            if seen.is_empty() {
                seen.extend(out.iter().cloned());
            }
            seen.insert(form.clone())
        };
        if new {
            out.push(form);
        }
    };
    for piece in term.split(['；', ';', '，', ',', '、']) {
        let piece = strip_enclosed(piece, '〈', '〉');
        let piece = strip_enclosed(&piece, '<', '>');
        let whole = compact(&piece);
        if whole.is_empty() {
            continue;
        }
        let bare = compact(&strip_enclosed(&strip_enclosed(&piece, '（', '）'), '(', ')'));
        if !bare.is_empty() && bare != whole {
            add(bare, &mut out);
        }
        add(whole, &mut out);
    }
    out
}

/// Up to this many forms, a new one is compared with each; past it, looked up in a set.
const FEW_VARIANTS: usize = 16;

/// The term without a product or system name before it (`RocketMQ拉取消费模式` →
/// `拉取消费模式`), which the text often leaves out, when the Chinese rest is a term itself.
fn without_latin_qualifier(variant: &str) -> Option<String> {
    let latin = variant.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').count();
    let rest: String = variant.chars().skip(latin).collect();
    let han = rest.chars().filter(|&c| crate::read::classify::is_han(c)).count();
    (latin >= 2 && han >= 4).then_some(rest)
}

fn strip_enclosed(text: &str, open: char, close: char) -> std::borrow::Cow<'_, str> {
    // Without the opening mark nothing is enclosed (a closing one alone is kept).
    if !text.contains(open) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        if c == open {
            depth += 1;
        } else if c == close && depth > 0 {
            depth -= 1;
        } else if depth == 0 {
            out.push(c);
        }
    }
    out.into()
}

/// Titles that name a list of symbols, codes or abbreviations: 符号, 缩略语, 符号和缩略语 …
fn is_symbols_title(title: &str) -> bool {
    // A character outside the words below is never removed: most titles end here.
    const WORD_CHARS: &str = "符号代缩略语写词和、及与";
    if !title.chars().all(|c| c.is_whitespace() || WORD_CHARS.contains(c)) {
        return false;
    }
    let mut rest = compact(title);
    if rest.is_empty() {
        return false;
    }
    for word in ["符号", "代号", "缩略语", "缩写词", "缩写", "和", "、", "及", "与"] {
        rest = rest.replace(word, "");
    }
    rest.is_empty()
}

/// The clauses that hold a list of symbols or abbreviations: untitled-free leaves titled 符号,
/// 缩略语 … in the body (not in annexes).
fn symbol_clauses(doc: &Document) -> Vec<&Clause> {
    let mut out = Vec::new();
    for chapter in &doc.chapters {
        chapter.walk(&mut |c| {
            if c.children.is_empty() && is_symbols_title(c.title_text()) {
                out.push(c);
            }
        });
    }
    out
}

/// True for the lead-in of a symbols list: 下列符号适用于本文件。 and its variants.
fn is_symbols_lead_in(text: &str) -> bool {
    let key = crate::rules::normalize::sentence_key(text);
    key.strip_prefix("下列")
        .and_then(|k| k.strip_suffix("适用于本文件。"))
        .is_some_and(|middle| !middle.is_empty() && is_symbols_title(middle))
}

/// One entry of a symbols list: the symbol or abbreviation and where it stands.
#[derive(Debug, Clone)]
struct SymbolEntry<'a> {
    block: &'a Block,
    key: String,
    span: Span,
}

/// The entries of a symbols clause: `DRM：数字版权保护`, `v——速度`, `CRI 版权资源标识`.
fn symbol_entries<'a>(doc: &'a Document, clause: &'a Clause) -> Vec<SymbolEntry<'a>> {
    let mut out = Vec::new();
    for block in &clause.blocks {
        let start = match &block.kind {
            BlockKind::Paragraph => block.span.start,
            BlockKind::ListItem { marker, .. } => marker.span.end,
            _ => continue,
        };
        let text = doc.text(Span::new(start, block.span.end));
        if is_symbols_lead_in(text) {
            continue;
        }
        let lead = text.len() - text.trim_start().len();
        let body = text.trim_start();
        let end = body
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '：' | ':' | '—' | '－' | '='))
            .map_or(body.len(), |(i, _)| i);
        let key = body.get(..end).unwrap_or_default();
        if key.is_empty()
            || key.chars().count() > 20
            || key.chars().any(crate::read::classify::is_han)
            || end == body.len()
        {
            continue;
        }
        out.push(SymbolEntry { block, key: key.to_owned(), span: Span::new(start + lead, start + lead + end) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_titles_are_replaced_as_the_pattern_replaces_them() {
        let pattern =
            regex::Regex::new(r"术语(?:[、和及]?(?:定义|符号|缩略语|代号))+").unwrap_or_else(|e| panic!("{e}"));
        const PIECES: &[&str] = &[
            "术语",
            "术",
            "语",
            "和",
            "、",
            "及",
            "定义",
            "符号",
            "缩略语",
            "缩略",
            "代号",
            "下列",
            "适用于本文件。",
            " ",
        ];
        let mut replaced = 0;
        for text in crate::model::generated_texts(0x5be0_cd19_137e_2179, PIECES, 10).take(40_000) {
            let expected = pattern.replace_all(&text, "术语和定义");
            assert_eq!(merge_titles(&text), expected, "{text:?}");
            replaced += usize::from(expected != text);
        }
        assert!(replaced > 3_000, "{replaced}");
    }

    #[test]
    fn variants_and_titles() {
        assert_eq!(term_variants("服务对象；受助者"), vec!["服务对象".to_owned(), "受助者".to_owned()]);
        assert_eq!(
            term_variants("〈养老〉上门服务（居家）"),
            vec!["上门服务".to_owned(), "上门服务（居家）".to_owned()]
        );
        assert!(is_symbols_title("符号和缩略语"));
        assert!(is_symbols_title("缩略语"));
        assert!(!is_symbols_title("术语和定义"));
        assert!(is_symbols_lead_in("下列缩略语适用于本文件。"));
        assert!(!is_symbols_lead_in("下列术语和定义适用于本文件。"));
    }
}
