use std::collections::BTreeMap;

use super::SetRule;
use crate::catalogue::Catalogue;
use crate::diagnostic::Message;
use crate::set::{DocFacts, SetSink};

declare_rule! {
    /// ## What it checks
    /// The parts of one document in the set (`DB4403/T 100.1`, `DB4403/T 100.2` …) share the
    /// introductory element of their titles, carry no part number twice and leave no gap between
    /// the parts the set holds (a set of part 2 alone says nothing about part 1), and each part's
    /// statement `本文件是……的第N部分。` names its own number.
    ///
    /// ## Why
    /// GB/T 1.1-2020 7.1.3: “每个部分名称的补充元素应不同，以便区分和识别各个部分，而引导元素（如果
    /// 有）和主体元素应相同。” 8.3 b): the foreword of each part says which document it belongs to.
    /// 7.1.1.3: “部分的划分通常是连续的”, but parts may be numbered in groups (第11部分, 第21部分),
    /// and a set need not hold every part, so a gap is a warning to check, not a defect by
    /// itself.
    ///
    /// ## Bad
    /// `社区养老服务　第1部分：总则` and `居家养老服务　第2部分：助餐`.
    ///
    /// ## Good
    /// `社区养老服务　第1部分：总则` and `社区养老服务　第2部分：助餐`.
    pub struct PartSeries {
        code: "SE004",
        name: "part-series",
        family: Set,
        severity: Warning,
        clause: "7.1.3, 8.3 b)",
        summary: "Parts share the introductory title element, continuous numbers, consistent statements",
    }
}

/// The introductory element: the title up to the first gap (`社区养老服务　第1部分：总则`).
fn introductory(title: &str) -> &str {
    title.split([' ', '\u{3000}']).next().unwrap_or(title)
}

impl SetRule for PartSeries {
    fn check_set(&self, facts: &[&DocFacts], _catalogue: Option<&Catalogue>, sink: &mut SetSink<'_>) {
        let mut series: BTreeMap<String, Vec<(u32, &DocFacts)>> = BTreeMap::new();
        for f in facts {
            if let Some((base, part)) = f.designation.as_ref().and_then(|d| d.part()) {
                series.entry(base).or_default().push((part, f));
            }
        }
        for (base, mut parts) in series {
            parts.sort_by_key(|(n, _)| *n);
            let first_title = parts.iter().find_map(|(_, f)| f.title.as_ref().map(|(t, _)| introductory(t).to_owned()));
            // Only gaps between parts the set holds say something: a set of part 2 alone, or of
            // parts 2 and 3, may keep part 1 elsewhere.
            let mut expected = parts.first().map_or(1, |(n, _)| *n);
            for (n, f) in &parts {
                if let (Some(first), Some((title, at))) = (&first_title, &f.title) {
                    if introductory(title) != first {
                        sink.report(
                            &f.path,
                            at.finding(
                                &Self::META,
                                &format!("introductory element {base}"),
                                Message::new(
                                    format!("{base}的各部分的引导元素应相同（“{first}”），此处为“{}”", introductory(title)),
                                    format!("the parts of {base} share the introductory element “{first}”; this one has “{}”", introductory(title)),
                                ),
                                None,
                            ),
                        );
                    }
                }
                if *n != expected {
                    if let Some(d) = &f.designation {
                        let missing = if *n > expected { format!("{expected}") } else { format!("{n}") };
                        sink.report(
                            &f.path,
                            d.at.finding(
                                &Self::META,
                                &format!("part numbers {base} {missing}"),
                                Message::new(
                                    format!("{base}的部分编号在本文件集中不连续：没有第{missing}部分（或该部分重复）"),
                                    format!("the parts of {base} in this set are not numbered continuously: part {missing} is missing (or repeated)"),
                                ),
                                None,
                            ),
                        );
                    }
                }
                expected = n + 1;
                if let Some(statement) = &f.part_statement {
                    if statement.part != *n || statement.series != base {
                        sink.report(
                            &f.path,
                            statement.at.finding(
                                &Self::META,
                                &format!("part statement {base} {n}"),
                                Message::new(
                                    format!("前言称本文件是{}的第{}部分，但文件编号表明是{base}的第{n}部分", statement.series, statement.part),
                                    format!(
                                        "the foreword calls this part {} of {}, but the designation makes it part {n} of {base}",
                                        statement.part, statement.series
                                    ),
                                ),
                                None,
                            ),
                        );
                    }
                }
            }
        }
    }
}
