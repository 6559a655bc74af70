//! Internal cross-references in running text: 见5.3, 表4, 图A.1, 附录C, 公式(2).

use std::sync::LazyLock;

use regex::Regex;

use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefTarget {
    Clause(String),
    Table(String),
    Figure(String),
    Annex(char),
    Formula(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef {
    pub target: RefTarget,
    /// Written with 见/参见 (informative) rather than 按/符合…的规定 (normative).
    pub informative: bool,
    pub span: Span,
}

static XREF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<see>参见|见)?
        (?:
            附\s?录\s?(?P<annex>[A-Z])(?:[^.\d]|$)
          | 表\s?(?P<table>[A-Z]?\.?\d+)
          | 图\s?(?P<figure>[A-Z]?\.?\d+)
          | 公式\s?[（(](?P<formula>[A-Z]?\.?\d+)[)）]
          | 第?(?P<clause>\d+(?:\.\d+)+|[A-Z]\.\d+(?:\.\d+)*)(?:条|章)?
        )",
    )
    .unwrap_or_else(|e| panic!("xref regex: {e}"))
});

/// Cross-references in `text`; spans are shifted by `base`.
pub fn find_cross_references(text: &str, base: usize) -> Vec<CrossRef> {
    let mut out = Vec::new();
    for caps in XREF.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let informative = caps.name("see").is_some();
        let (target, span) = if let Some(m) = caps.name("annex") {
            let letter = m.as_str().chars().next().unwrap_or('A');
            (RefTarget::Annex(letter), Span::new(whole.start(), m.end()))
        } else if let Some(m) = caps.name("table") {
            (RefTarget::Table(m.as_str().to_owned()), Span::new(whole.start(), m.end()))
        } else if let Some(m) = caps.name("figure") {
            (RefTarget::Figure(m.as_str().to_owned()), Span::new(whole.start(), m.end()))
        } else if let Some(m) = caps.name("formula") {
            (RefTarget::Formula(m.as_str().to_owned()), Span::new(whole.start(), whole.end()))
        } else if let Some(m) = caps.name("clause") {
            // A bare decimal is only a clause reference after 见 or with 条/章 (not "1.5 m").
            if !informative && !whole.as_str().ends_with(['条', '章']) {
                continue;
            }
            (RefTarget::Clause(m.as_str().to_owned()), Span::new(whole.start(), whole.end()))
        } else {
            continue;
        };
        out.push(CrossRef { target, informative, span: Span::new(span.start + base, span.end + base) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tables_annexes_and_clauses() {
        let refs = find_cross_references("服务记录宜采用附录A给出的格式，见表1和5.2，按第6.3条执行。", 0);
        let targets: Vec<_> = refs.iter().map(|r| r.target.clone()).collect();
        assert_eq!(
            targets,
            vec![RefTarget::Annex('A'), RefTarget::Table("1".into()), RefTarget::Clause("6.3".into()),]
        );
        assert!(refs.get(1).is_some_and(|r| r.informative));
    }

    #[test]
    fn see_clause() {
        let refs = find_cross_references("（见5.2）", 0);
        assert_eq!(refs.first().map(|r| r.target.clone()), Some(RefTarget::Clause("5.2".into())));
    }
}
