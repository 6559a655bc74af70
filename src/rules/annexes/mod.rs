//! AX — annexes (GB/T 1.1-2020 9.6).

mod annex_heading;
mod annex_not_cited;
mod annex_order;
mod annex_sequence;
mod internal_numbering;
mod normative_annex_citation;

use crate::hash::HashMap;
use crate::model::{Annex, Document, Form, TargetKind};
use crate::rules::Rule;
use crate::rules::references::scan::element_region;
use crate::source::Span;

pub(crate) const RULES: &[&dyn Rule] = &[
    &annex_heading::AnnexHeading,
    &annex_sequence::AnnexSequence,
    &annex_not_cited::AnnexNotCited,
    &internal_numbering::AnnexInternalNumbering,
    &annex_order::AnnexOrder,
    &normative_annex_citation::NormativeAnnexCitation,
];

/// A citation of annex X outside its own text: `附录X` itself, or one of its parts (`见C.1`,
/// `表C.2`, `图C.1`, `公式(C.1)`). References into other documents are none.
#[derive(Debug, Clone, Copy)]
struct Mention {
    letter: char,
    span: Span,
    /// Through a part (`C.1`, `表C.2`), not `附录C` itself.
    part: bool,
    form: Form,
}

fn mentions(doc: &Document) -> Vec<Mention> {
    let mut out = Vec::new();
    for xref in doc.cross_references.iter().filter(|r| !r.is_external()) {
        let Some(first) = xref.annex() else { continue };
        let part = xref.kind != TargetKind::Annex;
        let letters: Vec<char> =
            if part { vec![first] } else { xref.labels().iter().filter_map(|l| l.chars().next()).collect() };
        out.extend(letters.into_iter().map(|letter| Mention { letter, span: xref.span, part, form: xref.form }));
    }
    out
}

/// The mentions of one letter, by place, with how many of them cite normatively before each:
/// an annex asks them by binary search, where walking every mention for every annex was
/// quadratic in a document of many annexes.
struct LetterMentions<'m> {
    starts: Vec<usize>,
    list: Vec<&'m Mention>,
    normative_before: Vec<usize>,
}

impl<'m> LetterMentions<'m> {
    /// Each letter's mentions (through a part too, when `parts`).
    fn by_letter(mentions: &'m [Mention], parts: bool) -> HashMap<char, LetterMentions<'m>> {
        let mut lists: HashMap<char, Vec<&Mention>> = HashMap::default();
        for m in mentions.iter().filter(|m| parts || !m.part) {
            lists.entry(m.letter).or_default().push(m);
        }
        lists.into_iter().map(|(letter, list)| (letter, LetterMentions::new(list))).collect()
    }

    fn new(mut list: Vec<&'m Mention>) -> Self {
        // Stable: of two mentions at one place, the first made stays first.
        list.sort_by_key(|m| m.span.start);
        let starts = list.iter().map(|m| m.span.start).collect();
        let normative_before = std::iter::once(0)
            .chain(list.iter().scan(0, |n, m| {
                *n += usize::from(m.form == Form::Normative);
                Some(*n)
            }))
            .collect();
        LetterMentions { starts, list, normative_before }
    }

    /// The first mention outside every one of `skipped`.
    fn first_outside(&self, skipped: &[Span]) -> Option<&'m Mention> {
        let at = first_outside(&self.starts, skipped)?;
        self.list.get(self.starts.partition_point(|&start| start < at)).copied()
    }

    /// How many mentions cite normatively, in all and inside `region`.
    fn normative(&self) -> usize {
        self.normative_before.last().copied().unwrap_or(0)
    }

    fn normative_in(&self, region: Span) -> usize {
        let from = self.starts.partition_point(|&at| at < region.start);
        let to = self.starts.partition_point(|&at| at < region.end).max(from);
        self.normative_before.get(to).copied().unwrap_or(0) - self.normative_before.get(from).copied().unwrap_or(0)
    }
}

/// The first of the sorted `starts` outside every one of `skipped`: a search per region passed
/// over, not a walk of the starts inside them.
fn first_outside(starts: &[usize], skipped: &[Span]) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = *starts.get(from)?;
        match skipped.iter().find(|region| within(**region, at)) {
            Some(region) => from += starts.get(from..)?.partition_point(|&s| s < region.end).max(1),
            None => return Some(at),
        }
    }
}

/// The annex's own text, from its heading to the next element.
fn region(doc: &Document, annex: &Annex) -> Span {
    element_region(doc, annex.span.start)
}

fn within(outer: Span, at: usize) -> bool {
    outer.start <= at && at < outer.end
}

/// The foreword's region, where citations are never normative.
fn foreword_region(doc: &Document) -> Option<Span> {
    doc.foreword.as_ref().map(|f| element_region(doc, f.span.start))
}

#[cfg(test)]
mod tests {
    use crate::rules::references::{run_rule, sample};
    use crate::source::Span;

    #[test]
    fn the_first_start_outside_the_regions_is_what_a_filter_finds() {
        let regions = [Span::new(10, 20), Span::new(30, 31), Span::new(15, 40)];
        for n in 0..60usize {
            let starts: Vec<usize> =
                (0..n).map(|k| (k * 7) % 50).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
            for skipped in [&regions[..0], &regions[..1], &regions[..2], &regions[1..], &regions[..]] {
                let expected = starts.iter().copied().find(|&at| !skipped.iter().any(|r| super::within(*r, at)));
                assert_eq!(super::first_outside(&starts, skipped), expected, "{starts:?} {skipped:?}");
            }
        }
    }

    /// The sample document with `body` in chapter 4 and a normative annex A with two clauses
    /// and a table.
    fn with_annex(body: &str) -> String {
        format!(
            "{}\n## 附录A\n\n（规范性）\n\n记录要求\n\n### A.1 记录内容\n\n记录内容见表A.1。\n\n表A.1　记录项目\n\n| 项目 | 说明 |\n|---|---|\n| 日期 | 年月日 |\n\n### A.2 保存\n\n记录应保存3年。\n",
            sample("", body)
        )
    }

    fn codes(rule: &dyn crate::rules::Rule, body: &str) -> usize {
        run_rule(rule, &with_annex(body)).len()
    }

    #[test]
    fn an_annex_cited_through_its_parts_is_cited() {
        let rule = &super::annex_not_cited::AnnexNotCited;
        assert_eq!(codes(rule, "| 项目 | 要求 |\n|---|---|\n| 记录 | 见A.1 |"), 0, "a table cell");
        assert_eq!(codes(rule, "记录项目见表A.1。"), 0);
        assert_eq!(codes(rule, "记录应规范。"), 1);
        // Another document's annex is not this document's.
        assert_eq!(codes(rule, "记录宜符合GB 31654—2021表1和附录A的规定。"), 1);
    }

    #[test]
    fn a_normative_citation_of_a_part_cites_the_annex_normatively() {
        let rule = &super::normative_annex_citation::NormativeAnnexCitation;
        assert_eq!(codes(rule, "记录应符合A.1的规定，格式见附录A。"), 0);
        assert_eq!(codes(rule, "记录项目应符合表A.1的要求，格式见附录A。"), 0);
        assert_eq!(codes(rule, "记录格式见附录A。"), 1);
    }
}
