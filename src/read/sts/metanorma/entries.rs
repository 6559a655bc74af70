//! Entries: term entries (number, terms, definition, notes, source) and reference entries of
//! chapter 2 and the bibliography.

use super::{MetanormaRenderer, first, is, kids, non_empty};
use crate::read::lines::LineKind;
use crate::read::sts::walker::Element;

impl<'a> MetanormaRenderer<'a> {
    /// A term entry: its number, `中文术语 English term`, the definition (with `〈领域〉`),
    /// notes and examples, the source.
    pub(super) fn term(&mut self, term: &'a Element) {
        self.view.flush_text();
        self.depth = self.depth.saturating_add(1);
        self.label(term);
        self.view.flush(LineKind::Text, Some(self.depth));
        let src = self.src;
        let preferred: Vec<&'a Element> = kids(term, "preferred").filter(|p| !p.plain_text(src).is_empty()).collect();
        let zh = preferred.iter().copied().find(|p| designation_in(p, "zh", src));
        let en = preferred.iter().copied().find(|p| designation_in(p, "en", src));
        let shown: Vec<&'a Element> = match (zh, en) {
            (None, None) => preferred.first().copied().into_iter().collect(),
            _ => zh.into_iter().chain(en).collect(),
        };
        for designation in shown {
            self.view.space(designation.start);
            self.term_designation(designation);
        }
        self.view.flush_text();
        if let Some(definition) = first(term, "definition") {
            if let Some(domain) = first(term, "domain").and_then(|d| non_empty(d, src)) {
                self.view.computed("〈", domain.start);
                self.children(domain);
                self.joined("〉", domain.start);
            }
            self.flat += 1;
            self.children(definition);
            self.flat -= 1;
            self.view.flush_text();
            self.drain_footnotes();
        }
        for child in term.elements() {
            if TERM_EXTRAS.iter().any(|name| is(child, name)) || is(child, "termsource") {
                continue;
            }
            self.element(child);
        }
        for source in kids(term, "termsource") {
            self.term_source(source);
        }
        self.drain_footnotes();
        self.depth = self.depth.saturating_sub(1);
    }

    /// The words of a designation: `expression/name` in later grammars, the text in 2019.
    pub(super) fn term_designation(&mut self, designation: &'a Element) {
        let name = ["expression", "letter-symbol", "graphical-symbol"]
            .iter()
            .find_map(|kind| first(designation, kind))
            .and_then(|e| first(e, "name"));
        self.flat += 1;
        self.children(name.unwrap_or(designation));
        self.flat -= 1;
    }

    /// `[来源：ISO 7301:2011，3.1，有修改——说明]`.
    pub(super) fn term_source(&mut self, source: &'a Element) {
        self.view.flush_text();
        self.joined("[来源：", source.start);
        self.flat += 1;
        if let Some(origin) = first(source, "origin") {
            self.inline(origin);
        }
        let modification = first(source, "modification");
        if source.attr("status") == Some("modified") || modification.is_some() {
            self.joined("，有修改", modification.map_or(source.start, |m| m.start));
        }
        if let Some(text) = modification.and_then(|m| non_empty(m, self.src)) {
            self.joined("——", text.start);
            self.children(text);
        }
        self.flat -= 1;
        self.joined("]", source.start);
        self.view.flush_text();
    }

    /// A reference entry: `[n]` in the bibliography, then designation and title (`ISO 712:2009
    /// 谷物…`), or the formatted reference for other documents.
    pub(super) fn bibitem(&mut self, bibitem: &'a Element) {
        self.view.flush_text();
        if let Some(label) = self.numbering.of(bibitem).map(|l| l.shown.clone()).filter(|l| !l.is_empty()) {
            self.view.computed(&label, bibitem.start);
            self.view.space(bibitem.start);
        }
        self.flat += 1;
        match self.title_of(bibitem) {
            Some(title) => {
                if let Some(id) = self.identifier(bibitem) {
                    self.children(id);
                    if let Some(year) = self.year_suffix(bibitem, &id.plain_text(self.src)) {
                        self.view.computed(&year, id.start);
                    }
                    self.view.space(title.start);
                }
                self.children(title);
            }
            None => {
                for node in &bibitem.children {
                    if let Some(child) = self.view.node(self.src, node) {
                        if BIBITEM_TEXT.iter().any(|name| is(child, name)) {
                            self.element(child);
                        }
                    }
                }
            }
        }
        self.flat -= 1;
        self.view.flush_text();
        for note in kids(bibitem, "note") {
            // A footnote to a reference (`ISO DATE: 准备中`): kept in the view but not read as
            // another entry of the list, which is all chapter 2 holds.
            self.footnote_line(note, ")", LineKind::Skip);
        }
        self.drain_footnotes();
    }

    /// The document's identifier among a reference's `docidentifier`s (not its `[n]` label, a
    /// DOI or metanorma's own numbering).
    pub(super) fn identifier(&self, bibitem: &'a Element) -> Option<&'a Element> {
        kids(bibitem, "docidentifier").find(|d| {
            let text = d.plain_text(self.src);
            let kind = d.attr("type").unwrap_or_default().to_ascii_lowercase();
            let citation_label = text.starts_with('[') && text.ends_with(']');
            let not_a_designation =
                matches!(kind.as_str(), "metanorma" | "metanorma-ordinal" | "doi" | "isbn" | "issn" | "urn");
            !(text.is_empty() || citation_label || not_a_designation)
        })
    }

    /// `:1994` after an identifier that lacks the year its `date[@type="published"]` gives
    /// (`—2015` for Chinese designations). A document not yet published (`--`) stays undated;
    /// its footnote says so.
    pub(super) fn year_suffix(&self, bibitem: &Element, identifier: &str) -> Option<String> {
        let published = kids(bibitem, "date")
            .filter(|d| d.attr("type") == Some("published"))
            .find_map(|d| first(d, "on").or_else(|| first(d, "from")))?
            .plain_text(self.src);
        let dated = identifier.contains(':') || identifier.contains('—') || identifier.contains('－');
        if dated {
            return None;
        }
        let chinese = crate::model::find_designations(identifier, 0)
            .first()
            .is_some_and(|d| d.kind != crate::model::DesignationKind::International);
        let separator = if chinese { "—" } else { ":" };
        let year: String = published.chars().take(4).collect();
        (year.len() == 4 && year.chars().all(|c| c.is_ascii_digit())).then(|| format!("{separator}{year}"))
    }

    /// A reference's title in the document's language (`type="main"` first).
    pub(super) fn title_of(&self, bibitem: &'a Element) -> Option<&'a Element> {
        let titles: Vec<&'a Element> = kids(bibitem, "title").filter(|t| !t.plain_text(self.src).is_empty()).collect();
        let language = self.language.as_str();
        let in_language = |t: &&&'a Element| t.attr("language").is_none_or(|l| l.eq_ignore_ascii_case(language));
        titles
            .iter()
            .filter(in_language)
            .find(|t| t.attr("type") == Some("main"))
            .or_else(|| titles.iter().find(in_language))
            .or_else(|| titles.iter().find(|t| t.attr("type") == Some("main")))
            .or_else(|| titles.first())
            .copied()
    }

    /// The designation a reference is named by in running text (for the terms lead-in).
    pub(super) fn reference_designation(&self, bibitem: &'a Element) -> Option<String> {
        let id = self.identifier(bibitem)?;
        let text = id.plain_text(self.src);
        let year = self.year_suffix(bibitem, &text).unwrap_or_default();
        Some(format!("{text}{year}"))
    }
}

/// Term elements the GB entry form has no place for: admitted and deprecated terms, related
/// concepts (GB/T 1.1 checks the preferred term, its English equivalent and the definition).
const TERM_EXTRAS: &[&str] = &["admitted", "deprecates", "related", "alt", "preferred", "domain", "definition"];

/// What a reference without a title prints: its formatted text and inline markup.
const BIBITEM_TEXT: &[&str] = &["formattedref", "em", "strong", "string", "smallcap", "span", "link", "xref", "eref"];

/// A term designation in `language`: by its own `@language` (or its expression's), else by
/// whether it is written in Chinese.
fn designation_in(designation: &Element, language: &str, src: &str) -> bool {
    let declared = designation
        .attr("language")
        .or_else(|| first(designation, "expression").and_then(|e| e.attr("language")))
        .map(str::to_ascii_lowercase);
    match declared {
        Some(lang) => lang.starts_with(language),
        None => designation.plain_text(src).chars().any(crate::read::classify::is_han) == (language == "zh"),
    }
}
