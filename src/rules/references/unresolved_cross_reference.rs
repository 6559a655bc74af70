use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::scan::{UnitKind, Zone, fold_label, tail_chars, units};
use crate::diagnostic::Message;
use crate::model::{BlockKind, CaptionKind, Document, RefTarget, find_designations};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// An internal cross-reference points to something the document has: 见5.3 or 第6.3条 to a
    /// clause (or term entry), 第6章 to a chapter, 表4 / 图2 to a caption, 附录C to an annex,
    /// 公式(3) to a numbered formula. References into other documents (`GB/T 1.1—2020中的6.3`,
    /// `2009年版的5.2`) and the foreword's change list are left alone; 表 and 图 count only
    /// where they are used as a reference (`见表1`, `如图2所示`, `符合表3的规定`), not inside
    /// words such as 附表1 or 地形图1∶500.
    ///
    /// ## Why
    /// GB/T 1.1-2020 9.5.3 asks for references “提及文件内容的编号” (第4章, 5.2, 图1, 表2,
    /// 公式(3), 附录C). That the target exists is the obvious consequence, not a sentence of the
    /// standard, and whether a number is a reference is read from the wording, so the finding
    /// is a warning. Dangling references are typical after clauses were renumbered or an annex
    /// was dropped.
    ///
    /// ## Bad
    /// ```text
    /// 服务人员应立即按照7.4的规定处置。（文件没有7.4）
    /// ```
    /// ## Good
    /// ```text
    /// 服务人员应立即按照7.2的规定处置。
    /// ```
    pub struct UnresolvedCrossReference {
        code: "RF007",
        name: "unresolved-cross-reference",
        family: References,
        severity: Warning,
        clause: "9.5.3",
        summary: "见5.3 / 表4 / 附录C points to nothing",
    }
}

static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第\s*([0-9]{1,2})\s*章").unwrap_or_else(|e| panic!("chapter regex: {e}")));

/// `按6.3`, `符合5.2.1的规定`: a bare clause number after a word of normative citation, which
/// the model's cross-references (见 or 条/章 only) leave out.
static NORMATIVE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:按照|按|符合|依据|依照|根据|满足|遵照)\s*([0-9]{1,2}(?:\.[0-9]{1,3})+|[A-Z]\.[0-9]{1,3}(?:\.[0-9]{1,3})*)",
    )
    .unwrap_or_else(|e| panic!("normative clause regex: {e}"))
});

/// What may follow such a number for it to be a clause (`按6.3的规定`, `按6.3执行`), and not a
/// quantity (`按1.5倍`, `按0.5 m`).
fn clause_follower(after: &str) -> bool {
    after.is_empty()
        || ["的", "中", "规定", "要求", "执行", "进行", "实施", "所列", "给出", "。", "，", "；", "、", "）", ")"]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Characters that may stand right before 表/图 when they are used as a reference.
const BEFORE_TABLE: &str = "见如按照据依在和与及或、的中由从将把入填列各是为对即同参用于至合足以，（(：:";
/// Han characters that may follow a bare clause number (`见5.3的规定`, `5.3中`).
const AFTER_CLAUSE: &str = "的中和与及或至规要所给列条章之并等内示为是以";

struct Targets {
    clauses: HashSet<String>,
    tables: HashSet<String>,
    figures: HashSet<String>,
    formulas: HashSet<String>,
}

fn targets(doc: &Document) -> Targets {
    let mut t =
        Targets { clauses: HashSet::new(), tables: HashSet::new(), figures: HashSet::new(), formulas: HashSet::new() };
    for clause in doc.all_clauses() {
        t.clauses.insert(clause.number.render());
    }
    for section in [&doc.introduction, &doc.foreword].into_iter().flatten() {
        for sub in &section.subclauses {
            t.clauses.insert(sub.number.render());
        }
    }
    for (_, block) in doc.blocks_with_place() {
        match &block.kind {
            BlockKind::Term(entry) => {
                t.clauses.insert(entry.number.render());
            }
            BlockKind::Caption { kind: CaptionKind::Table, number, .. } => {
                t.tables.insert(fold_label(&number.text));
            }
            BlockKind::Caption { kind: CaptionKind::Figure, number, .. } => {
                t.figures.insert(fold_label(&number.text));
            }
            BlockKind::Formula { number: Some(n) } => {
                t.formulas.insert(fold_label(n.text.trim_matches(['(', ')', '（', '）'])));
            }
            _ => {}
        }
    }
    t
}

/// A line of the raw text (Markdown marks removed) starts with `label` as a heading or caption
/// would: the fallback for lines the reader did not take as clauses or captions.
fn line_starts_with(doc: &Document, label: &str) -> bool {
    doc.source.text.lines().any(|line| {
        let line = line.trim_start_matches(['#', ' ', '\t', '\u{3000}', '*']);
        line.strip_prefix(label).is_some_and(|rest| {
            rest.chars().next().is_none_or(|c| c.is_whitespace() || crate::read::classify::is_han(c))
        })
    })
}

/// A formula number `(3)` / `（A.1）` at the end of some line.
fn formula_number_in_text(doc: &Document, label: &str) -> bool {
    doc.source.text.lines().any(|line| {
        let line = line.trim_end();
        [format!("({label})"), format!("（{label}）")].iter().any(|f| line.ends_with(f.as_str()))
    })
}

/// The reference is into another document: a designation, a 《title》 or 年版 just before it.
fn external(doc: &Document, at: usize) -> bool {
    let text = doc.source.text.as_str();
    let line_start = text.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
    let before = text.get(line_start..at).unwrap_or_default();
    let near = tail_chars(before, 12);
    if near.contains('》') || near.contains("年版") || near.contains("版本") {
        return true;
    }
    let window = tail_chars(before, 40);
    let window_start = at - window.len();
    find_designations(window, window_start).last().is_some_and(|d| {
        let gap = text.get(d.span.end..at).unwrap_or_default();
        gap.chars().count() <= 8 && !gap.contains(['。', '；', '，'])
    })
}

fn char_before(doc: &Document, at: usize) -> Option<char> {
    doc.source.text.get(..at).and_then(|s| s.chars().next_back())
}

fn char_after(doc: &Document, at: usize) -> Option<char> {
    doc.source.text.get(at..).and_then(|s| s.chars().next())
}

impl Rule for UnresolvedCrossReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let foreword = doc.foreword.as_ref().map(|f| super::scan::element_region(doc, f.span.start));
        let in_foreword = |span: Span| foreword.is_some_and(|f| f.start <= span.start && span.start < f.end);
        let t = targets(doc);
        let mut findings: Vec<(Span, String, String)> = Vec::new();
        for xref in &doc.cross_references {
            if in_foreword(xref.span) || external(doc, xref.span.start) {
                continue;
            }
            let whole = doc.text(xref.span);
            let (missing, zh, en) = match &xref.target {
                RefTarget::Clause(n) => {
                    let n = fold_label(n);
                    let follower_ok = char_after(doc, xref.span.end).is_none_or(|c| {
                        !c.is_ascii_alphanumeric() && (!crate::read::classify::is_han(c) || AFTER_CLAUSE.contains(c))
                    });
                    let missing = follower_ok && !t.clauses.contains(&n) && !line_starts_with(doc, &n);
                    (missing, format!("条“{n}”"), format!("clause {n}"))
                }
                RefTarget::Table(n) | RefTarget::Figure(n) => {
                    let is_table = matches!(xref.target, RefTarget::Table(_));
                    let word = if is_table { "表" } else { "图" };
                    let word_at = whole.find(word).map_or(xref.span.start, |i| xref.span.start + i);
                    let used_as_reference = xref.informative
                        || char_before(doc, word_at)
                            .is_none_or(|c| !crate::read::classify::is_han(c) || BEFORE_TABLE.contains(c));
                    let scale = doc.source.text.get(xref.span.end..).is_some_and(|s| {
                        let mut chars = s.chars();
                        matches!(chars.next(), Some('：' | '∶' | ':'))
                            && chars.next().is_some_and(|c| c.is_ascii_digit())
                    });
                    let n = fold_label(n);
                    let set = if is_table { &t.tables } else { &t.figures };
                    let missing = used_as_reference
                        && !scale
                        && !set.contains(&n)
                        && !line_starts_with(doc, &format!("{word}{n}"))
                        && !line_starts_with(doc, &format!("{word} {n}"));
                    let en_word = if is_table { "table" } else { "figure" };
                    (missing, format!("{word}{n}"), format!("{en_word} {n}"))
                }
                RefTarget::Annex(letter) => {
                    let missing = !doc.annexes.iter().any(|a| a.letter == *letter);
                    (missing, format!("附录{letter}"), format!("annex {letter}"))
                }
                RefTarget::Formula(n) => {
                    let n = fold_label(n);
                    let missing = !t.formulas.contains(&n) && !formula_number_in_text(doc, &n);
                    (missing, format!("公式（{n}）"), format!("formula ({n})"))
                }
            };
            if missing {
                findings.push((xref.span, zh, en));
            }
        }
        // 第6章: the model's cross-references need a dot; chapters are found here.
        for unit in units(doc) {
            if matches!(unit.zone, Zone::Foreword | Zone::References | Zone::Bibliography | Zone::TermSource) {
                continue;
            }
            let text = doc.text(unit.span);
            for caps in CHAPTER.captures_iter(text) {
                let (Some(whole), Some(n)) = (caps.get(0), caps.get(1)) else { continue };
                let at = unit.span.start + whole.start();
                let number: u32 = n.as_str().parse().unwrap_or(0);
                if external(doc, at) || doc.chapter(number).is_some() || line_starts_with(doc, n.as_str()) {
                    continue;
                }
                findings.push((
                    Span::new(at, unit.span.start + whole.end()),
                    format!("第{number}章"),
                    format!("chapter {number}"),
                ));
            }
        }
        // 按6.3 / 符合5.2的规定: clause numbers cited normatively without 见 or 条.
        for unit in units(doc) {
            if matches!(unit.zone, Zone::Foreword | Zone::References | Zone::Bibliography | Zone::TermSource)
                || unit.kind == UnitKind::Code
            {
                continue;
            }
            let text = doc.text(unit.span);
            for caps in NORMATIVE_CLAUSE.captures_iter(text) {
                let Some(n) = caps.get(1) else { continue };
                let at = unit.span.start + n.start();
                let label = fold_label(n.as_str());
                if !clause_follower(text.get(n.end()..).unwrap_or_default())
                    || external(doc, at)
                    || t.clauses.contains(&label)
                    || line_starts_with(doc, &label)
                {
                    continue;
                }
                findings.push((
                    Span::new(at, unit.span.start + n.end()),
                    format!("条“{label}”"),
                    format!("clause {label}"),
                ));
            }
        }
        findings.sort_by_key(|(s, _, _)| s.start);
        findings.dedup_by_key(|(s, _, _)| s.start);
        for (span, zh, en) in findings {
            ctx.report_with_help(
                span,
                Message::new(
                    format!("交叉引用的{zh}在本文件中不存在"),
                    format!("the cross-reference to {en} points to nothing in this document"),
                ),
                Message::new("改为实际的编号，或删除该引用", "point it at the actual number, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnresolvedCrossReference;
    use crate::rules::references::{run_rule, sample};

    fn findings(body: &str) -> usize {
        run_rule(&UnresolvedCrossReference, &sample("GB 2894—2008 安全标志及其使用导则", body)).len()
    }

    #[test]
    fn normative_clause_numbers_without_see() {
        assert_eq!(findings("服务人员应按4.7的规定处置。"), 1);
        assert_eq!(findings("服务应符合4.5.1的要求。"), 1);
        assert_eq!(findings("服务人员应按4.2的规定处置。"), 0);
        // Quantities and other documents' clauses are not cross-references.
        assert_eq!(findings("费用按1.5倍计算。"), 0);
        assert_eq!(findings("标志应符合GB 2894—2008中5.2的规定。"), 0);
    }
}
