//! The parts of the document: 前言 and 引言, chapters with the GB titles of the fixed ones,
//! subclauses, annexes, the bibliography, and the lead-ins metanorma prints when the XML has
//! none.

use super::layout::ChapterKind;
use super::{MetanormaRenderer, first, is, kids, non_empty, title_key};
use crate::read::lines::LineKind;
use crate::read::sts::walker::Element;

impl<'a> MetanormaRenderer<'a> {
    /// The title of a fixed section: its own when it is already the GB wording, else the GB
    /// wording anchored at it.
    pub(super) fn fixed_heading(&mut self, section: &'a Element, word: &str) {
        match first(section, "title") {
            Some(title) if crate::model::compact(&title.plain_text(self.src)) == word => self.children(title),
            Some(title) => self.view.computed(word, title.start),
            None => self.view.computed(word, section.start),
        }
    }

    /// 前言, 引言, or another front section under its own title.
    pub(super) fn preface(&mut self, section: &'a Element) {
        self.view.flush_text();
        if is(section, "foreword") {
            self.fixed_heading(section, "前言");
        } else if is(section, "introduction") {
            self.fixed_heading(section, "引言");
        } else if let Some(title) = first(section, "title") {
            self.children(title);
        }
        self.view.flush(LineKind::Text, Some(1));
        self.depth = 1;
        self.blocks(section);
        self.view.flush_text();
        self.drain_footnotes();
        self.depth = 0;
    }

    pub(super) fn chapter(&mut self, chapter: &'a Element, kind: ChapterKind) {
        self.view.flush_text();
        self.run_in = false;
        self.depth = 1;
        self.heading(chapter, kind);
        self.view.flush(LineKind::Text, Some(1));
        self.section_body(chapter, kind);
        self.view.flush_text();
        self.drain_footnotes();
        self.depth = 0;
    }

    /// `4.2 标题`: the number, then the fixed GB title or the section's own.
    pub(super) fn heading(&mut self, section: &'a Element, kind: ChapterKind) {
        self.label(section);
        let key = title_key(section, self.src);
        match fixed_title(kind, &key) {
            Some(word) => {
                self.view.space(section.start);
                self.fixed_heading(section, word);
            }
            None => {
                if let Some(title) = first(section, "title").and_then(|t| non_empty(t, self.src)) {
                    self.view.space(title.start);
                    self.children(title);
                }
            }
        }
    }

    pub(super) fn section_body(&mut self, section: &'a Element, kind: ChapterKind) {
        match kind {
            ChapterKind::References => self.references_lead_in(section),
            ChapterKind::Terms if is(section, "terms") => self.terms_lead_in(section),
            _ => {}
        }
        let was = self.symbols;
        self.symbols = kind == ChapterKind::Symbols;
        self.blocks(section);
        self.symbols = was;
    }

    /// A subclause (or a terms, symbols or references section inside a chapter or annex).
    pub(super) fn clause(&mut self, clause: &'a Element) {
        self.view.flush_text();
        self.run_in = false;
        self.depth = self.depth.saturating_add(1);
        let kind = kind_of(clause);
        let inline_title = first(clause, "title")
            .and_then(|t| non_empty(t, self.src))
            .filter(|_| clause.attr("inline-header") == Some("true"));
        match inline_title {
            Some(title) => {
                // `A.2.1 样品分配器，由……`: a run-in title is not a clause title but the opening
                // words of the clause's text, so the clause is read as untitled.
                self.label(clause);
                self.view.flush(LineKind::Text, Some(self.depth));
                self.children(title);
                let latin = title
                    .plain_text(self.src)
                    .chars()
                    .rev()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(|c| c.is_ascii());
                self.view.drop_space();
                if latin {
                    self.view.space(title.start);
                }
                self.view.glue = true;
                self.run_in = true;
            }
            None => {
                self.heading(clause, kind);
                self.view.flush(LineKind::Text, Some(self.depth));
            }
        }
        self.section_body(clause, kind);
        self.view.flush_text();
        self.run_in = false;
        self.depth = self.depth.saturating_sub(1);
    }

    pub(super) fn annex(&mut self, annex: &'a Element) {
        self.view.flush_text();
        self.label(annex);
        self.view.flush(LineKind::Text, Some(1));
        let obligation = match annex.attr("obligation") {
            Some("informative") => "（资料性）",
            _ => "（规范性）",
        };
        self.view.computed(obligation, annex.start);
        self.view.flush_text();
        if let Some(title) = first(annex, "title") {
            self.children(title);
            self.view.flush(LineKind::Text, Some(1));
        }
        self.depth = 1;
        self.blocks(annex);
        self.view.flush_text();
        self.drain_footnotes();
        self.depth = 0;
    }

    pub(super) fn bibliography(&mut self, list: &'a Element) {
        self.view.flush_text();
        self.fixed_heading(list, "参考文献");
        self.view.flush(LineKind::Text, Some(1));
        self.blocks(list);
        self.view.flush_text();
        self.drain_footnotes();
    }

    /// Chapter 2 without a lead-in of its own gets the one metanorma prints (in the
    /// GB/T 1.1-2020 wording).
    pub(super) fn references_lead_in(&mut self, section: &'a Element) {
        if section.elements().any(|e| is(e, "p")) {
            return;
        }
        let sentence = if section.elements().any(|e| is(e, "bibitem")) {
            "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"
        } else {
            "本文件没有规范性引用文件。"
        };
        self.view.computed(sentence, section.start);
        self.view.flush_text();
    }

    /// A terms section without a lead-in gets the one metanorma prints: the documents named by
    /// `termdocsource` (`ISO 712和ISO 24333界定的以及下列术语和定义适用于本文件。`) or none.
    pub(super) fn terms_lead_in(&mut self, terms: &'a Element) {
        let written = terms.elements().take_while(|e| !is(e, "term") && !is(e, "clause")).any(|e| is(e, "p"));
        if written {
            return;
        }
        let sources: Vec<String> = kids(self.root, "termdocsource")
            .filter_map(|s| s.attr("target").or_else(|| s.attr("bibitemid")))
            .filter_map(|id| self.bibitem_by_id(id))
            .filter_map(|bibitem| self.reference_designation(bibitem))
            .collect();
        let has_entries = terms.elements().any(|e| is(e, "term") || is(e, "clause"));
        let named = match sources.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{}和{last}", rest.join("、")),
        };
        let sentence = match (named.is_empty(), has_entries) {
            (true, true) => "下列术语和定义适用于本文件。".to_owned(),
            (true, false) => "本文件没有需要界定的术语和定义。".to_owned(),
            (false, true) => format!("{named}界定的以及下列术语和定义适用于本文件。"),
            (false, false) => format!("{named}界定的术语和定义适用于本文件。"),
        };
        self.view.computed(&sentence, terms.start);
        self.view.flush_text();
    }

    pub(super) fn bibitem_by_id(&self, id: &str) -> Option<&'a Element> {
        let bibliography = first(self.root, "bibliography")?;
        let mut stack = vec![bibliography];
        while let Some(element) = stack.pop() {
            for child in element.elements() {
                if is(child, "bibitem") && child.attr("id").map(str::trim) == Some(id.trim()) {
                    return Some(child);
                }
                if !is(child, "bibitem") {
                    stack.push(child);
                }
            }
        }
        None
    }
}

/// The GB title of a fixed section, or `None` when its own title is to be kept.
fn fixed_title(kind: ChapterKind, key: &str) -> Option<&'static str> {
    let han = key.chars().any(crate::read::classify::is_han);
    match kind {
        ChapterKind::Scope => Some("范围"),
        ChapterKind::References => Some("规范性引用文件"),
        ChapterKind::Terms if han => None,
        ChapterKind::Terms => Some(if key.starts_with("terms,definitions,symbolsandabbreviat") {
            "术语、定义、符号和缩略语"
        } else if key.starts_with("terms,definitionsandabbreviat") {
            "术语、定义和缩略语"
        } else if key.starts_with("terms,definitionsandsymbols") {
            "术语、定义和符号"
        } else {
            "术语和定义"
        }),
        ChapterKind::Symbols if han => None,
        ChapterKind::Symbols if key.starts_with("symbolsandabbreviat") => Some("符号和缩略语"),
        ChapterKind::Symbols if key.starts_with("symbol") => Some("符号"),
        ChapterKind::Symbols if key.starts_with("abbreviat") => Some("缩略语"),
        ChapterKind::Symbols | ChapterKind::Other => None,
    }
}

fn kind_of(element: &Element) -> ChapterKind {
    if is(element, "terms") {
        ChapterKind::Terms
    } else if is(element, "definitions") {
        ChapterKind::Symbols
    } else {
        ChapterKind::Other
    }
}
