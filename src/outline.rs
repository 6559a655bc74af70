//! `normlint outline`: what the reader understood, for an author puzzled by a finding.

use std::fmt::Write;

use crate::model::{Block, BlockKind, Clause, Document, Section, TermEntry, Text};

pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let src = &doc.source;
    let _ = writeln!(
        out,
        "{} ({:?}, {}, {} lines)",
        src.path.display(),
        doc.format,
        src.encoding.label(),
        src.lines.line_count() - usize::from(src.text.ends_with(['\n', '\r']))
    );

    out.push_str("cover:\n");
    let meta = &doc.meta;
    let field = |out: &mut String, name: &str, value: &Option<Text>| {
        if let Some(v) = value {
            let _ = writeln!(out, "  {name:<15} {}  (line {})", v.text, src.position(v.span.start).line);
        }
    };
    field(&mut out, "banner", &meta.banner);
    if let Some(d) = &meta.designation {
        let sep = d.separator.map_or(String::new(), |(c, _)| format!(", separator {:?}", c));
        let _ = writeln!(out, "  {:<15} {}  ({:?}{sep})", "designation", d.text, d.kind);
    }
    for s in &meta.supersedes {
        let _ = writeln!(out, "  {:<15} {}", "supersedes", s.text);
    }
    field(&mut out, "title", &meta.title_zh);
    field(&mut out, "title (en)", &meta.title_en);
    field(&mut out, "ICS", &meta.ics);
    field(&mut out, "CCS", &meta.ccs);
    field(&mut out, "published", &meta.publish_date);
    field(&mut out, "implemented", &meta.implement_date);
    field(&mut out, "issuer", &meta.issuer);

    let order: Vec<String> = doc
        .elements
        .iter()
        .map(|e| match &e.label {
            Some(label) => format!("{}{}", e.kind.name_zh(), label),
            None => e.kind.name_zh().to_owned(),
        })
        .collect();
    let _ = writeln!(out, "elements: {}", order.join(" → "));

    if let Some(toc) = &doc.toc {
        let _ = writeln!(out, "目次: {} entries", toc.entries.len());
    }
    section(&mut out, doc, "前言", &doc.foreword);
    section(&mut out, doc, "引言", &doc.introduction);
    if let Some(t) = &doc.body_title {
        let _ = writeln!(out, "body title: {}", t.text);
    }
    out.push_str("clauses:\n");
    for chapter in &doc.chapters {
        clause(&mut out, doc, chapter, 1);
    }
    if !doc.annexes.is_empty() {
        out.push_str("annexes:\n");
    }
    for annex in &doc.annexes {
        let obligation = annex.obligation.as_ref().map_or("（?）".to_owned(), |o| o.text.text.clone());
        let title = annex.title.as_ref().map_or("", |t| t.text.as_str());
        let _ = writeln!(
            out,
            "  附录{} {obligation} {title}  (line {})",
            annex.letter,
            src.position(annex.span.start).line
        );
        blocks_summary(&mut out, doc, &annex.blocks, 2);
        for c in &annex.clauses {
            clause(&mut out, doc, c, 2);
        }
    }
    section(&mut out, doc, "参考文献", &doc.bibliography);
    section(&mut out, doc, "索引", &doc.index);
    if !doc.foreign_numbering.is_empty() {
        let _ = writeln!(out, "official-document numbering: {} lines", doc.foreign_numbering.len());
    }
    let _ = writeln!(out, "cross-references: {}", doc.cross_references.len());
    out
}

fn section(out: &mut String, doc: &Document, name: &str, section: &Option<Section>) {
    if let Some(s) = section {
        let number = s.declared_number.as_ref().map_or(String::new(), |n| format!(" (numbered {:?})", n.text));
        let _ = writeln!(
            out,
            "{name}: {} blocks{number}  (line {})",
            s.blocks.len(),
            doc.source.position(s.span.start).line
        );
        for sub in &s.subclauses {
            clause(out, doc, sub, 1);
        }
        blocks_summary(out, doc, &s.blocks, 1);
    }
}

fn clause(out: &mut String, doc: &Document, clause: &Clause, indent: usize) {
    let pad = "  ".repeat(indent);
    let title = clause.title.as_ref().map_or("(untitled)", |t| t.text.as_str());
    let mismatch = if clause.expected.is_empty() || clause.expected == clause.number.render() {
        String::new()
    } else {
        format!("  [expected {}]", clause.expected)
    };
    let _ = writeln!(
        out,
        "{pad}{} {title}{mismatch}  (line {})",
        clause.declared.text,
        doc.source.position(clause.span.start).line
    );
    blocks_summary(out, doc, &clause.blocks, indent + 1);
    for child in &clause.children {
        self::clause(out, doc, child, indent + 1);
    }
}

fn blocks_summary(out: &mut String, doc: &Document, blocks: &[Block], indent: usize) {
    let pad = "  ".repeat(indent);
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for block in blocks {
        match &block.kind {
            BlockKind::Term(entry) => term(out, doc, entry, &pad),
            BlockKind::Reference { designation, title } => {
                let d = designation.as_ref().map_or("—", |d| d.text.as_str());
                let t = title.as_ref().map_or("", |t| t.text.as_str());
                let _ = writeln!(out, "{pad}reference: {d} {t}");
            }
            _ => match counts.iter_mut().find(|(k, _)| *k == block.kind_name()) {
                Some((_, n)) => *n += 1,
                None => counts.push((block.kind_name(), 1)),
            },
        }
    }
    if !counts.is_empty() {
        let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let _ = writeln!(out, "{pad}[{}]", parts.join(", "));
    }
}

fn term(out: &mut String, doc: &Document, entry: &TermEntry, pad: &str) {
    let zh = entry.term_zh.as_ref().map_or("(no term)", |t| t.text.as_str());
    let en = entry.term_en.as_ref().map_or("", |t| t.text.as_str());
    let mismatch = if entry.expected.is_empty() || entry.expected == entry.number.render() {
        String::new()
    } else {
        format!("  [expected {}]", entry.expected)
    };
    let definition = if entry.definition.is_some() { "" } else { "  (no definition)" };
    let _ = writeln!(
        out,
        "{pad}term {} {zh} {en}{mismatch}{definition}  (line {})",
        entry.number.render(),
        doc.source.position(entry.span.start).line
    );
}
