//! SV — service and public-service standards (overlay profile `service`).
//!
//! The overlay is applied by [`Profile::detect`](crate::profile::Profile::detect) when a
//! national, local or group document's title names a service (`…服务规范`, `…经办服务`), or by
//! configuration (`--profile local+service`, `profile = "local+service"`). Only then does the
//! profile carry a `[service]` table; without it the SV rules report nothing.

mod recommended_sections;
mod required_sections;

use crate::diagnostic::Message;
use crate::model::{Clause, Document, is_fixed_chapter_title};
use crate::profile::ServiceSections;
use crate::rules::{Context, Rule};
use crate::source::Span;

pub(crate) const RULES: &[&dyn Rule] =
    &[&required_sections::RequiredSections, &recommended_sections::RecommendedSections];

/// The chapters and clauses whose titles can name a service section: everything but chapters
/// 1–3 (范围, 规范性引用文件, 术语和定义), plus the clauses of the annexes.
fn section_clauses(doc: &Document) -> Vec<&Clause> {
    let mut out = Vec::new();
    for chapter in doc.chapters.iter().filter(|c| !is_fixed_chapter_title(c.title_text())) {
        chapter.walk(&mut |c| out.push(c));
    }
    for annex in &doc.annexes {
        for clause in &annex.clauses {
            clause.walk(&mut |c| out.push(c));
        }
    }
    out
}

/// The synonym sets of `sets` that no chapter or clause title matches.
fn missing<'a>(doc: &Document, sets: &'a [Vec<String>]) -> Vec<&'a [String]> {
    let clauses = section_clauses(doc);
    sets.iter()
        .filter(|set| !set.is_empty())
        .filter(|set| !clauses.iter().any(|c| ServiceSections::matches(set, &title_of(doc, c))))
        .map(Vec::as_slice)
        .collect()
}

/// A clause's title, also when it ends with a mark and the reader took it for text
/// (`5 服务流程：`, NU011's case).
fn title_of(doc: &Document, clause: &Clause) -> String {
    match &clause.title {
        Some(title) => title.text.clone(),
        None => crate::rules::numbering::punctuated_title(doc, clause).map(|p| p.title.text).unwrap_or_default(),
    }
}

/// Where a missing section is reported: the document's title (it is what makes the document a
/// service standard), else the first chapter heading.
fn anchor(doc: &Document) -> Span {
    doc.meta
        .title_zh
        .as_ref()
        .or(doc.body_title.as_ref())
        .map(|t| t.span)
        .or_else(|| doc.chapters.first().map(|c| c.span))
        .unwrap_or_else(|| Span::empty(0))
}

/// A set as the messages show it: its first synonym, and up to four others without the `*`.
fn describe(set: &[String]) -> (String, String) {
    let name = set.first().map_or("", |s| s.trim_start_matches('*')).to_owned();
    let others: Vec<String> = set.iter().skip(1).take(4).map(|s| format!("“{}”", s.trim_start_matches('*'))).collect();
    (name, others.join("、"))
}

/// Reports each set of `sets` the document has no section for.
fn report_missing(ctx: &mut Context<'_>, sets: &[Vec<String>], required: bool) {
    let span = anchor(ctx.doc);
    for set in missing(ctx.doc, sets) {
        let (name, others) = describe(set);
        let (zh_need, en_need) =
            if required { ("通常应有", "usually has") } else { ("宜考虑设置", "should consider") };
        let also = if others.is_empty() { String::new() } else { format!("（或{others}）") };
        let also_en = if others.is_empty() { String::new() } else { format!(" (or {others})") };
        ctx.report_with_help(
            span,
            Message::new(
                format!("服务标准{zh_need}“{name}”{also}方面的章或条，本文件未找到"),
                format!("a service standard {en_need} a chapter or clause on “{name}”{also_en}; none was found"),
            ),
            Message::new(
                format!("增加标题含“{name}”的章或条；如本文件确实不需要，可在 service 配置文件中调整同义词集"),
                format!("add a chapter or clause titled with “{name}”, or adjust the synonym sets of the service profile if the document does not need one"),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::source::SourceFile;

    #[test]
    fn titles_of_chapters_and_clauses_count_but_not_chapters_1_to_3() {
        let text = "## 前言\n\n本文件由某局提出。\n\n## 1 范围\n\n本文件规定了服务内容。\n\n## 2 规范性引用文件\n\n本文件没有规范性引用文件。\n\n## 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n## 4 基本要求\n\n### 4.1 调解人员\n\n调解人员应持证上岗。\n\n### 4.2 服务场所\n\n场所应整洁。\n";
        let doc = crate::read::parse(SourceFile::from_text("t.md", text), Format::Markdown);
        let sets = vec![
            vec!["服务提供者".to_owned(), "基本要求".to_owned()],
            vec!["服务人员".to_owned(), "*人员".to_owned()],
            vec!["服务内容".to_owned()],
            vec!["服务场所".to_owned()],
        ];
        let missing: Vec<String> = missing(&doc, &sets).iter().filter_map(|s| s.first().cloned()).collect();
        assert_eq!(missing, vec!["服务内容".to_owned()], "范围 mentions 服务内容 but is no section");
    }

    fn sv_codes(title: &str, profile: Option<&str>) -> Vec<&'static str> {
        let text = format!(
            "# 深圳市地方标准\n\nDB4403/T 901—2025\n\n# {title}\n\n## 前言\n\n本文件由某局提出。\n\n## 1 范围\n\n本文件规定了要求。\n\n## 4 管理要求\n\n### 4.1 总则\n\n应建立制度。\n"
        );
        let doc = crate::read::parse(SourceFile::from_text("t.md", &text), Format::Markdown);
        let settings = crate::check::settings_for(profile).unwrap_or_else(|e| panic!("{e}"));
        let report = crate::check::check_document(doc, &settings, crate::rules::registry(), None);
        report.findings.iter().map(|f| f.code).filter(|c| c.starts_with("SV")).collect()
    }

    #[test]
    fn the_rules_run_only_under_the_service_overlay() {
        assert!(sv_codes("社区助浴服务规范", None).contains(&"SV001"), "detected from the title");
        assert!(sv_codes("社区卫生管理规范", None).is_empty(), "no service title, no overlay");
        assert!(sv_codes("社区助浴服务规范", Some("local")).is_empty(), "a configured profile without the overlay");
        assert!(sv_codes("社区卫生管理规范", Some("local+service")).contains(&"SV002"), "the overlay by configuration");
    }
}
