//! The styles and numbering definitions of a template, parsed once per thread for a batch.
//!
//! Drafts made from one template (a district's service specifications, the SAC template)
//! often carry byte-identical `word/styles.xml` and `word/numbering.xml`, and parsing those two
//! was most of reading such a draft: 12 of the 18.5 M instructions for the 国家标准 template,
//! whose parts are 110 KB and 97 KB. A draft whose styles were edited is parsed as before. Each thread keeps the last few it parsed, the part itself as
//! the key: a parse is reused only for a part of the same name, offset base and text, and for
//! numbering also the same styles, so the reader sees exactly what parsing the part would give.
//! A part that does not parse is never kept (its error is the parser's, every time).

use std::cell::RefCell;
use std::sync::Arc;

use super::numbering::Definitions;
use super::package::Part;
use super::styles::Styles;
use crate::read::ReadError;

/// Parses kept per thread and kind: a batch shares a template or two, and a linear look-up
/// through a handful of parts costs a comparison of lengths for each that differs.
const KEPT: usize = 4;

/// Parts larger than this are parsed every time: memory stays a few MB per thread whatever
/// the batch holds (real styles parts are some 100–300 KB).
const MAX_KEPT_BYTES: usize = 1024 * 1024;

/// Parses kept on one thread, each under its key, oldest first.
type Kept<K, V> = RefCell<Vec<(K, Arc<V>)>>;

thread_local! {
    static STYLES: Kept<Part, Styles> = const { RefCell::new(Vec::new()) };
    /// The styles the definitions were linked against are part of the key, held so that their
    /// address cannot be reused by other styles while the entry lives.
    static NUMBERING: Kept<(Arc<Styles>, Part), Definitions> = const { RefCell::new(Vec::new()) };
}

fn same(a: &Part, b: &Part) -> bool {
    a.base == b.base && a.text.len() == b.text.len() && a.name == b.name && a.text == b.text
}

/// The parse kept on this thread under a key `is_key` accepts for `part`, else `parse`'s,
/// kept under `key(part)` (the oldest dropped past [`KEPT`]) when the part is small enough.
fn reuse<K, V>(
    kept: &'static std::thread::LocalKey<Kept<K, V>>,
    part: Part,
    is_key: impl Fn(&K, &Part) -> bool,
    parse: impl FnOnce(&Part) -> Result<V, ReadError>,
    key: impl FnOnce(Part) -> K,
) -> Result<Arc<V>, ReadError> {
    let found = kept.with(|kept| {
        kept.try_borrow().ok()?.iter().find(|(k, _)| is_key(k, &part)).map(|(_, value)| Arc::clone(value))
    });
    if let Some(value) = found {
        return Ok(value);
    }
    let value = Arc::new(parse(&part)?);
    if part.text.len() <= MAX_KEPT_BYTES {
        kept.with(|kept| {
            if let Ok(mut kept) = kept.try_borrow_mut() {
                if kept.len() >= KEPT {
                    kept.remove(0);
                }
                kept.push((key(part), Arc::clone(&value)));
            }
        });
    }
    Ok(value)
}

/// The styles of `part`, parsed or as parsed before on this thread.
pub(super) fn styles(part: Part) -> Result<Arc<Styles>, ReadError> {
    reuse(&STYLES, part, same, Styles::parse, |part| part)
}

/// The numbering definitions of `part` linked against `styles`, parsed or as parsed before.
pub(super) fn numbering(part: Part, styles: &Arc<Styles>) -> Result<Arc<Definitions>, ReadError> {
    reuse(
        &NUMBERING,
        part,
        |(linked, kept), part| Arc::ptr_eq(linked, styles) && same(kept, part),
        |part| Definitions::parse(part, styles),
        |part| (Arc::clone(styles), part),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn part(name: &str, text: String) -> Part {
        Part { name: name.to_owned(), text, base: 0 }
    }

    fn styles_part(heading: &str) -> Part {
        part(
            "word/styles.xml",
            format!(
                r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="h1"><w:name w:val="{heading}"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
            ),
        )
    }

    fn numbering_part(format: &str) -> Part {
        part(
            "word/numbering.xml",
            format!(
                r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
            ),
        )
    }

    fn parsed(part: Part) -> Arc<Styles> {
        styles(part).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn an_equal_part_is_parsed_once_and_any_difference_parses_again() {
        let first = parsed(styles_part("标准文件_章标题"));
        assert!(Arc::ptr_eq(&first, &parsed(styles_part("标准文件_章标题"))));
        let other = parsed(styles_part("标准文件_一级条标题"));
        assert!(!Arc::ptr_eq(&first, &other));
        assert_ne!(first.resolve(Some("h1")), other.resolve(Some("h1")));
        // The same text under another name or base is another part.
        let renamed = parsed(Part { name: "word/styles2.xml".to_owned(), ..styles_part("标准文件_章标题") });
        assert!(!Arc::ptr_eq(&first, &renamed));
        let shifted = parsed(Part { base: 3, ..styles_part("标准文件_章标题") });
        assert!(!Arc::ptr_eq(&first, &shifted));
    }

    #[test]
    fn numbering_is_shared_only_with_the_same_styles_and_text() {
        let styles = parsed(styles_part("标准文件_章标题"));
        let parse = |format: &str, styles: &Arc<Styles>| {
            numbering(numbering_part(format), styles).unwrap_or_else(|e| panic!("{e:?}"))
        };
        let decimal = parse("decimal", &styles);
        assert!(Arc::ptr_eq(&decimal, &parse("decimal", &styles)));
        assert!(!Arc::ptr_eq(&decimal, &parse("upperLetter", &styles)));
        let other_styles = parsed(styles_part("其他"));
        assert!(!Arc::ptr_eq(&decimal, &parse("decimal", &other_styles)));
    }

    #[test]
    fn at_most_a_few_parts_are_kept_and_a_broken_part_is_never_kept() {
        for i in 0..KEPT * 3 {
            parsed(styles_part(&format!("样式{i}")));
        }
        assert_eq!(STYLES.with(|kept| kept.borrow().len()), KEPT);
        let broken = || part("word/styles.xml", format!("<w:styles {W}><w:style>"));
        assert!(styles(broken()).is_err());
        assert!(STYLES.with(|kept| kept.borrow().iter().all(|(p, _)| !same(p, &broken()))));
        assert!(styles(broken()).is_err());
    }
}
