use std::cmp::Ordering;

use super::{LAW, entries, loose_lines, may_name_law};
use crate::diagnostic::Message;
use crate::model::{Block, Designation, DesignationKind};
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// The entries of chapter 2 are ordered: national standards (GB, GB/T, GB/Z), sector
    /// standards, local standards, group standards (enterprise standards after them), ISO, IEC
    /// and ISO/IEC documents, documents of other bodies, then other documents. National and
    /// international documents are ordered by number (`GB 2760` before `GB/T 27950`), the others
    /// by code and then number; numbers compare part by part (20001.2 before 20001.10).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.3.2 gives the order: a) 国家标准化文件, b) 行业标准化文件, c) 本行政区域的
    /// 地方标准化文件, d) 团体标准化文件, e) ISO、ISO/IEC或IEC标准化文件, f) 其他机构或组织的标准化文件,
    /// g) 其他文献; “其中，国家标准、ISO或IEC标准按文件顺序号排列；行业标准、地方标准、团体标准、其他
    /// 国际标准化文件先按文件代号的拉丁字母和/或阿拉伯数字的顺序排列，再按文件顺序号排列。”
    /// Enterprise standards are placed with f). The rule warns: the class of an entry is read
    /// from its designation.
    ///
    /// ## Bad
    /// ```text
    /// DA/T 22—2015 归档文件整理规则
    /// GB/T 18894—2016 电子文件归档与电子档案管理规范
    /// ```
    /// ## Good
    /// ```text
    /// GB/T 18894—2016 电子文件归档与电子档案管理规范
    /// DA/T 22—2015 归档文件整理规则
    /// ```
    pub struct ReferenceOrder {
        code: "RF008",
        name: "reference-order",
        family: References,
        severity: Warning,
        clause: "8.6.3.2",
        summary: "GB → sector → local → group → ISO/IEC → others; by number within",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    class: u8,
    code: String,
    number: Vec<u64>,
}

fn class_name(class: u8) -> (&'static str, &'static str) {
    match class {
        0 => ("国家标准", "national standards"),
        1 => ("行业标准", "sector standards"),
        2 => ("地方标准", "local standards"),
        3 => ("团体标准", "group standards"),
        4 => ("企业标准", "enterprise standards"),
        5 => ("ISO、IEC文件", "ISO/IEC documents"),
        6 => ("其他机构的文件", "documents of other bodies"),
        _ => ("其他文献", "other documents"),
    }
}

fn number_parts(number: &str) -> Vec<u64> {
    number.split(['.', '-']).map(|p| p.parse().unwrap_or(0)).collect()
}

fn key_of(d: &Designation) -> Key {
    let (class, by_code) = match d.kind {
        DesignationKind::National => (0, false),
        DesignationKind::Sector => (1, true),
        DesignationKind::Local => (2, true),
        DesignationKind::Group => (3, true),
        DesignationKind::Enterprise => (4, true),
        DesignationKind::International => (5, false),
    };
    let code = if by_code { d.code.split('/').next().unwrap_or(&d.code).to_owned() } else { String::new() };
    Key { class, code, number: number_parts(&d.number) }
}

impl Rule for ReferenceOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let mut listed: Vec<(&Block, Key, String)> = Vec::new();
        for entry in entries(doc) {
            let text = ctx.text(entry.block.span);
            match entry.designation {
                Some(d) => listed.push((entry.block, key_of(d), d.text.clone())),
                None => {
                    let label = text.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
                    listed.push((entry.block, Key { class: 6, code: String::new(), number: Vec::new() }, label));
                }
            }
        }
        for block in loose_lines(doc) {
            let text = ctx.text(block.span);
            if may_name_law(text) && LAW.is_match(text) {
                let label: String = text.chars().take(20).collect();
                listed.push((block, Key { class: 7, code: String::new(), number: Vec::new() }, label));
            }
        }
        listed.sort_by_key(|(b, _, _)| b.span.start);
        for pair in listed.windows(2) {
            let [(_, prev, prev_label), (block, key, label)] = pair else { continue };
            // Other bodies and other documents keep the author's order among themselves.
            if key.class >= 6 && key.class == prev.class {
                continue;
            }
            if key.cmp(prev) != Ordering::Less {
                continue;
            }
            let (zh, en) = if key.class < prev.class {
                let (k_zh, k_en) = class_name(key.class);
                let (p_zh, p_en) = class_name(prev.class);
                (
                    format!("“{label}”（{k_zh}）排在“{prev_label}”（{p_zh}）之后"),
                    format!("“{label}” ({k_en}) is listed after “{prev_label}” ({p_en})"),
                )
            } else {
                (
                    format!("“{label}”排在“{prev_label}”之后，同类文件应按代号和顺序号排列"),
                    format!("“{label}” is listed after “{prev_label}”; within a class, entries go by code and number"),
                )
            };
            ctx.report_with_help(
                block.span,
                Message::new(zh, en),
                Message::new(
                    "按国家标准、行业标准、地方标准、团体标准、ISO/IEC文件、其他文件的顺序排列，同类中按顺序号排列",
                    "order: national, sector, local, group, ISO/IEC, other documents; by number within each class",
                ),
            );
        }
    }
}
