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

type StylesKept = Vec<(Part, Arc<Styles>)>;
/// The styles the definitions were linked against are part of the key, held so that their
/// address cannot be reused by other styles while the entry lives.
type NumberingKept = Vec<((Arc<Styles>, Part), Arc<Definitions>)>;

thread_local! {
    static STYLES: RefCell<StylesKept> = const { RefCell::new(Vec::new()) };
    static NUMBERING: RefCell<NumberingKept> = const { RefCell::new(Vec::new()) };
}

fn same(a: &Part, b: &Part) -> bool {
    a.base == b.base && a.text.len() == b.text.len() && a.name == b.name && a.text == b.text
}

/// Keeps `entry`, dropping the oldest past [`KEPT`].
fn keep<K, V>(kept: &RefCell<Vec<(K, V)>>, entry: (K, V)) {
    if let Ok(mut kept) = kept.try_borrow_mut() {
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push(entry);
    }
}

/// The styles of `part`, parsed or as parsed before on this thread.
pub(super) fn styles(part: Part) -> Result<Arc<Styles>, ReadError> {
    let found = STYLES.with(|kept| {
        kept.try_borrow().ok()?.iter().find(|(p, _)| same(p, &part)).map(|(_, styles)| Arc::clone(styles))
    });
    if let Some(styles) = found {
        return Ok(styles);
    }
    let styles = Arc::new(Styles::parse(&part)?);
    if part.text.len() <= MAX_KEPT_BYTES {
        STYLES.with(|kept| keep(kept, (part, Arc::clone(&styles))));
    }
    Ok(styles)
}

/// The numbering definitions of `part` linked against `styles`, parsed or as parsed before.
pub(super) fn numbering(part: Part, styles: &Arc<Styles>) -> Result<Arc<Definitions>, ReadError> {
    let found = NUMBERING.with(|kept| {
        kept.try_borrow()
            .ok()?
            .iter()
            .find(|((s, p), _)| Arc::ptr_eq(s, styles) && same(p, &part))
            .map(|(_, definitions)| Arc::clone(definitions))
    });
    if let Some(definitions) = found {
        return Ok(definitions);
    }
    let definitions = Arc::new(Definitions::parse(&part, styles)?);
    if part.text.len() <= MAX_KEPT_BYTES {
        NUMBERING.with(|kept| keep(kept, ((Arc::clone(styles), part), Arc::clone(&definitions))));
    }
    Ok(definitions)
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
