use crate::hash::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::scan::{Form, fold_label, sentence_bounds};
use crate::diagnostic::Message;
use crate::model::{Block, BlockKind, CaptionKind, CrossRef, Document, Place, RefPlace, TargetKind, compact};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// An internal cross-reference points to something the document has: 见5.3, 按5.3, 依据5.3规定的,
    /// 5.3所列, 5.3中 or 第6.3条 to a clause (or term entry), 第6章 to a chapter, 表4 / 图2 to a
    /// caption, 附录C to an annex, 公式(3) to a numbered formula. A range (`表2～表5`, `6.1～6.16`,
    /// `第5章至第7章`) whose last target does not exist is reported once, with the last target
    /// there is. References into other documents (`GB/T 1.1—2020中的6.3`, `该标准第5.5.2条`,
    /// `2009年版的5.2`) are left alone; in the foreword only `（见3.11）` points into this
    /// document, and when its sentence names one term (`增加了术语“可信计数”（见3.11）`) that is
    /// another entry than 3.11, the reference is reported too. 表 and 图 count only where they are
    /// used as a reference (`见表1`, `如图2所示`, `符合表3的规定`), not inside words such as 附表1 or
    /// 地形图1∶500; a bare number only where the words make it a reference, never a quantity
    /// (`按1.5倍`).
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

/// What the document has to point at.
struct Targets<'a> {
    doc: &'a Document,
    clauses: HashSet<String>,
    chapters: HashSet<String>,
    tables: HashSet<String>,
    figures: HashSet<String>,
    formulas: HashSet<String>,
    annexes: HashSet<String>,
    /// Labels and formula numbers read from the lines, looked for only when the model lacks a
    /// target: a scan of every line that most documents never need.
    lines: std::cell::OnceCell<LineTargets>,
}

/// Targets read from the source lines, for lines the reader did not take as clauses or
/// captions.
#[derive(Default)]
struct LineTargets {
    /// Labels that start some line (`5.3 …`, `表 2 …`); `表`/`图` labels carry their word.
    labels: HashSet<String>,
    /// Formula numbers that end some line: `(3)`.
    formulas: HashSet<String>,
}

static LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:<[^>]*>)*[#\s\u{3000}*]*((?:表|图)?[\s\u{3000}]?(?:[A-ZＡ-Ｚ][.．])?[0-9０-９]+(?:[.．][0-9０-９]+)*)(?:$|[\s\u{3000}]|\p{Han})")
        .unwrap_or_else(|e| panic!("line label regex: {e}"))
});

static LINE_FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(]([A-Z][.．])?([0-9]+)[)）]\s*$").unwrap_or_else(|e| panic!("line formula regex: {e}"))
});

impl<'a> Targets<'a> {
    fn of(doc: &'a Document, blocks: &[(Place<'_>, &Block)]) -> Self {
        let mut t = Targets {
            doc,
            clauses: HashSet::default(),
            chapters: HashSet::default(),
            tables: HashSet::default(),
            figures: HashSet::default(),
            formulas: HashSet::default(),
            annexes: doc.annexes.iter().map(|a| a.letter.to_string()).collect(),
            lines: std::cell::OnceCell::new(),
        };
        for clause in doc.all_clauses() {
            let label = clause.number.render();
            if clause.number.depth() == 1 && clause.number.annex.is_none() {
                t.chapters.insert(label.clone());
            }
            t.clauses.insert(label);
        }
        for section in [&doc.introduction, &doc.foreword].into_iter().flatten() {
            for sub in &section.subclauses {
                t.clauses.insert(sub.number.render());
            }
        }
        for &(_, block) in blocks {
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

    fn lines(&self) -> &LineTargets {
        self.lines.get_or_init(|| LineTargets::of(self.doc))
    }

    fn has(&self, kind: TargetKind, label: &str) -> bool {
        match kind {
            TargetKind::Clause => self.clauses.contains(label) || self.lines().labels.contains(label),
            TargetKind::Chapter => self.chapters.contains(label) || self.lines().labels.contains(label),
            TargetKind::Table => self.tables.contains(label) || self.lines().labels.contains(&format!("表{label}")),
            TargetKind::Figure => self.figures.contains(label) || self.lines().labels.contains(&format!("图{label}")),
            TargetKind::Formula => self.formulas.contains(label) || self.lines().formulas.contains(label),
            TargetKind::Annex => self.annexes.contains(label),
        }
    }
}

impl LineTargets {
    fn of(doc: &Document) -> Self {
        let mut t = LineTargets::default();
        for line in doc.source.text.lines() {
            // Both patterns need a digit; a formula number also ends the line with `)` or `）`.
            if !crate::model::xref::holds_digit(line) {
                continue;
            }
            // The anchored DFA turns most lines away after a few bytes; only a label is captured.
            let label = LINE_LABEL.is_match(line).then(|| LINE_LABEL.captures(line)).flatten();
            if let Some(m) = label.as_ref().and_then(|c| c.get(1)) {
                t.labels.insert(fold_label(m.as_str()));
            }
            if !line.trim_end().ends_with([')', '）']) {
                continue;
            }
            if let Some(c) = LINE_FORMULA.captures(line) {
                let letter = c.get(1).map_or(String::new(), |m| fold_label(m.as_str()));
                t.formulas.insert(format!("{letter}{}", c.get(2).map_or("", |m| m.as_str())));
            }
        }
        t
    }
}

/// How a target is named in messages: (Chinese, English).
fn target_name(kind: TargetKind, label: &str) -> (String, String) {
    match kind {
        TargetKind::Clause => (format!("条“{label}”"), format!("clause {label}")),
        TargetKind::Chapter => (format!("第{label}章"), format!("chapter {label}")),
        TargetKind::Table => (format!("表{label}"), format!("table {label}")),
        TargetKind::Figure => (format!("图{label}"), format!("figure {label}")),
        TargetKind::Formula => (format!("公式（{label}）"), format!("formula ({label})")),
        TargetKind::Annex => (format!("附录{label}"), format!("annex {label}")),
    }
}

impl Rule for UnresolvedCrossReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let targets = Targets::of(doc, ctx.blocks_with_place());
        for xref in &doc.cross_references {
            // The foreword's change list points into this document only as （见3.11）.
            if xref.is_external() || (xref.place == RefPlace::Foreword && xref.form != Form::Informative) {
                continue;
            }
            if !targets.has(xref.kind, &xref.label) {
                let (zh, en) = target_name(xref.kind, &xref.label);
                ctx.report_with_help(
                    xref.span,
                    Message::new(
                        format!("交叉引用的{zh}在本文件中不存在"),
                        format!("the cross-reference to {en} points to nothing in this document"),
                    ),
                    Message::new("改为实际的编号，或删除该引用", "point it at the actual number, or remove it"),
                );
                continue;
            }
            if let Some(last) = xref.last.as_ref().filter(|l| !targets.has(xref.kind, l)) {
                report_range_overrun(ctx, &targets, xref, last);
                continue;
            }
            if xref.place == RefPlace::Foreword {
                check_term_named(ctx, xref);
            }
        }
    }
}

/// A range whose first target exists and whose last does not: `6.1～6.16` when 6.12 is the last.
fn report_range_overrun(ctx: &mut Context<'_>, targets: &Targets, xref: &CrossRef, last: &str) {
    let written = ctx.text(xref.span).to_owned();
    let (last_zh, last_en) = target_name(xref.kind, last);
    let real_last = xref.labels().into_iter().rev().find(|l| targets.has(xref.kind, l));
    let (help_zh, help_en) = match &real_last {
        Some(real) if real != &xref.label => {
            let (zh, en) = target_name(xref.kind, real);
            (format!("范围应止于{zh}"), format!("end the range at {en}"))
        }
        _ => ("改为实际的编号范围".to_owned(), "point it at the actual range".to_owned()),
    };
    ctx.report_with_help(
        xref.span,
        Message::new(
            format!("交叉引用“{written}”的范围超出本文件：{last_zh}不存在"),
            format!("the cross-reference range “{written}” runs past the document: {last_en} does not exist"),
        ),
        Message::new(help_zh, help_en),
    );
}

static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[“「]([^”」]{1,40})[”」]").unwrap_or_else(|e| panic!("quoted regex: {e}")));

/// The foreword's change list says which term entry changed: `增加了术语“可信计数”（见3.11）`. When
/// the sentence names one term, 3.11 is another term, and the named one is an entry of its own,
/// the reference points at the wrong entry.
fn check_term_named(ctx: &mut Context<'_>, xref: &CrossRef) {
    let doc = ctx.doc;
    if xref.kind != TargetKind::Clause {
        return;
    }
    let text = doc.source.text.as_str();
    let (start, end) = sentence_bounds(text, xref.span.start, xref.span.end);
    let sentence = text.get(start..end).unwrap_or_default();
    if !sentence.contains("术语") && !sentence.contains("定义") {
        return;
    }
    // The references are sorted by start: those of the sentence are found, not all walked.
    let from = doc.cross_references.partition_point(|r| r.span.start < start);
    let internal_in_sentence = doc
        .cross_references
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|r| r.span.start < end)
        .filter(|r| !r.is_external() && r.span.end <= end)
        .count();
    let quoted: Vec<&str> = QUOTED.captures_iter(sentence).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
    let ([named], 1) = (quoted.as_slice(), internal_in_sentence) else { return };
    let entries: Vec<(String, String)> = ctx
        .blocks_with_place()
        .iter()
        .copied()
        .filter_map(|(_, b)| match &b.kind {
            BlockKind::Term(e) => e.term_zh.as_ref().map(|t| (e.number.render(), compact(&t.text))),
            _ => None,
        })
        .collect();
    let named = compact(named);
    let cited = entries.iter().find(|(n, _)| *n == xref.label);
    let actual = entries.iter().find(|(_, t)| *t == named);
    let (Some((_, cited_term)), Some((actual_number, _))) = (cited, actual) else { return };
    if *cited_term == named {
        return;
    }
    ctx.report_with_help(
        xref.span,
        Message::new(
            format!("“{named}”是术语条目{actual_number}，而{}是“{cited_term}”", xref.label),
            format!("“{named}” is term entry {actual_number}; {} is “{cited_term}”", xref.label),
        ),
        Message::new(format!("改为“见{actual_number}”"), format!("write “见{actual_number}”")),
    );
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
        assert_eq!(findings("标志应符合该标准第5.5.2条的规定。"), 0);
    }

    #[test]
    fn every_citing_form_of_a_missing_clause() {
        for body in [
            "按4.7执行。",
            "依据4.7规定的方法核对。",
            "其中4.7所列项目不应缺项。",
            "见第4.7条。",
            "其余4.7中的规定适用。",
            "（见4.7）",
        ] {
            assert_eq!(findings(body), 1, "{body}");
        }
    }

    #[test]
    fn a_range_past_the_last_target_is_one_finding() {
        let found = run_rule(&UnresolvedCrossReference, &sample("", "服务要求见4.1～4.6。"));
        assert_eq!(found.len(), 1);
        assert!(
            found
                .iter()
                .all(|d| d.message.en.contains("4.1～4.6") && d.help.as_ref().is_some_and(|h| h.en.contains("4.2")))
        );
        assert_eq!(findings("服务要求见4.1～4.2，评价见第1章至第4章。"), 0);
    }

    #[test]
    fn a_malformed_caption_is_a_target_not_a_reference() {
        assert_eq!(findings("设施见表2。\n\n表2：设施\n\n| 设施 | 数量 |\n|---|---|\n| 床 | 2 |"), 0);
        assert_eq!(findings("流程见图1。\n\n![](a.png)\n\n图1-流程"), 0);
    }

    /// A document whose foreword lists technical changes against the terms of chapter 3.
    fn with_foreword(change: &str) -> String {
        format!(
            "## 前言\n\n本文件代替DB4403/T 1—2020，与DB4403/T 1—2020相比，主要技术变化如下：\n\n\
             ——{change}\n\n## 1 范围\n\n本文件规定了服务要求。\n\n## 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n\
             ## 3 术语和定义\n\n下列术语和定义适用于本文件。\n\n### 3.1\n\n上门服务 visiting service\n\n到居所提供的服务。\n\n\
             ### 3.2\n\n助浴 bathing assistance\n\n协助洗浴的服务。\n\n## 4 要求\n\n服务应规范。\n"
        )
    }

    #[test]
    fn the_foreword_points_at_existing_and_right_term_entries() {
        let count = |change: &str| run_rule(&UnresolvedCrossReference, &with_foreword(change)).len();
        assert_eq!(count("增加了术语“助浴”（见3.2）；"), 0);
        assert_eq!(count("增加了术语“助浴”（见3.1）；"), 1, "3.1 is 上门服务, 助浴 is 3.2");
        assert_eq!(count("增加了术语“助餐”（见3.5）；"), 1, "3.5 does not exist");
        // The previous edition's numbers, and a sentence about two terms, are left alone.
        assert_eq!(count("删除了术语“助洁”（见2020年版的3.5）；"), 0);
        assert_eq!(count("更改了术语“助浴”和“上门服务”的定义（见3.1、3.2）；"), 0);
        assert_eq!(count("将5.3的内容移至第4章；"), 0, "only （见…） points into this document");
    }
}
