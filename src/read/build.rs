//! Builds the document model from classified lines.
//!
//! A single forward pass with a region state (cover → 目次 → 前言 → 引言 → body → annexes →
//! 参考文献 → 索引) and a stack of open clauses. Where a line's role depends on context (a number
//! line in chapter 3 is a term entry; a designation line in chapter 2 is a reference entry) the
//! decision is made here, once, for every format that produces lines.

use super::classify::{LineClass, classify, is_han};
use super::lines::{Line, LineKind};
use crate::model::{
    Annex, AnnexObligation, Block, BlockKind, Clause, ClauseNumber, Document, Element, ElementKind, Format, MarkerKind,
    Meta, Section, TermEntry, Text, Toc, TocEntry, compact, find_designations,
};
use crate::source::{SourceFile, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Cover,
    Toc,
    Foreword,
    Introduction,
    PreBody,
    Body,
    Annex,
    Bibliography,
    Index,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermStage {
    ExpectTerm,
    ExpectDefinition,
    Rest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AnnexStage {
    ExpectObligation,
    ExpectTitle,
    Content,
}

struct Builder<'a> {
    text: &'a str,
    region: Region,
    meta: Meta,
    toc: Option<Toc>,
    foreword: Option<Section>,
    introduction: Option<Section>,
    body_title: Option<Text>,
    chapters: Vec<Clause>,
    annexes: Vec<Annex>,
    bibliography: Option<Section>,
    index: Option<Section>,
    elements: Vec<Element>,
    foreign: Vec<Text>,
    /// Open clauses of the current chapter or annex, outermost first.
    stack: Vec<Clause>,
    term: Option<(TermEntry, TermStage)>,
    annex_stage: AnnexStage,
    cover_end: usize,
    /// Normalised text of the first 目次 entry; seeing it again ends the 目次.
    toc_first: Option<String>,
}

pub fn build(source: SourceFile, format: Format, lines: &[Line]) -> Document {
    let mut builder = Builder {
        text: &source.text,
        region: Region::Cover,
        meta: Meta::default(),
        toc: None,
        foreword: None,
        introduction: None,
        body_title: None,
        chapters: Vec::new(),
        annexes: Vec::new(),
        bibliography: None,
        index: None,
        elements: Vec::new(),
        foreign: Vec::new(),
        stack: Vec::new(),
        term: None,
        annex_stage: AnnexStage::Content,
        cover_end: 0,
        toc_first: None,
    };
    for line in lines {
        builder.line(line);
    }
    builder.close_term();
    builder.close_clauses(0);
    let Builder {
        meta: mut built_meta,
        toc,
        foreword,
        introduction,
        body_title,
        mut chapters,
        mut annexes,
        bibliography,
        index,
        mut elements,
        foreign,
        cover_end,
        ..
    } = builder;
    if cover_end > 0 {
        built_meta.cover = Some(Span::new(0, cover_end));
        elements.insert(0, Element { kind: ElementKind::Cover, span: Span::empty(0), label: None });
    }
    assign_expected(&mut chapters, &mut annexes);
    let mut doc = Document {
        source,
        format,
        meta: built_meta,
        toc,
        foreword,
        introduction,
        body_title,
        chapters,
        annexes,
        bibliography,
        index,
        elements,
        foreign_numbering: foreign,
        cross_references: Vec::new(),
    };
    doc.cross_references = crate::model::xref::scan_document(&doc);
    doc
}

impl<'a> Builder<'a> {
    fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }

    fn text_of(&self, span: Span) -> Text {
        Text::new(self.slice(span), span)
    }

    fn line(&mut self, line: &Line) {
        match line.kind {
            LineKind::Blank | LineKind::Skip => return,
            LineKind::Table | LineKind::Figure | LineKind::Code | LineKind::Formula => {
                if self.region == Region::Cover || self.region == Region::Toc {
                    return;
                }
                self.close_term();
                let kind = match line.kind {
                    LineKind::Table => BlockKind::Table,
                    LineKind::Figure => BlockKind::Figure,
                    LineKind::Formula => {
                        BlockKind::Formula { number: formula_number(self.slice(line.span), line.span) }
                    }
                    _ => BlockKind::Code,
                };
                self.push_block(Block { kind, span: line.span });
                return;
            }
            LineKind::Text => {}
        }
        let text = self.slice(line.span);
        let class = classify(text, line.span.start);

        if self.region == Region::Toc && self.toc_line(line, &class) {
            return;
        }

        match class {
            LineClass::TocHeading => {
                self.end_cover(line.span.start);
                self.region = Region::Toc;
                self.toc = Some(Toc { heading: line.span, entries: Vec::new() });
                self.push_element(ElementKind::Toc, line.span, None);
            }
            LineClass::Foreword { number } => {
                self.start_front(Region::Foreword, line.span, number);
            }
            LineClass::Introduction { number } => {
                self.start_front(Region::Introduction, line.span, number);
            }
            LineClass::Bibliography => self.start_back(Region::Bibliography, line.span),
            LineClass::Index => self.start_back(Region::Index, line.span),
            LineClass::Annex { letter, label, obligation, title } if self.region != Region::Cover => {
                self.start_annex(letter, label, line.span, obligation, title);
            }
            LineClass::Obligation { obligation, legacy }
                if self.region == Region::Annex && self.annex_stage == AnnexStage::ExpectObligation =>
            {
                if let Some(annex) = self.annexes.last_mut() {
                    annex.obligation =
                        Some(AnnexObligation { obligation, legacy_form: legacy, text: Text::new(text, line.span) });
                }
                self.annex_stage = AnnexStage::ExpectTitle;
            }
            LineClass::Numbered { number, label, rest } => self.numbered(line, number, label, rest),
            _ if self.region == Region::Cover => self.cover_line(line.span),
            other => self.content(line, other),
        }
    }

    /// Inside 目次 every line is an entry until a line repeats the first entry (the real heading).
    fn toc_line(&mut self, line: &Line, class: &LineClass) -> bool {
        let text = self.slice(line.span);
        if line.heading.is_some() && !matches!(class, LineClass::TocEntry { .. }) {
            self.region = Region::PreBody;
            return false;
        }
        let (entry_span, page) = match class {
            LineClass::TocEntry { text, page } => (*text, *page),
            _ => (line.span, None),
        };
        let key = compact(self.slice(entry_span));
        if self.toc_first.as_ref().is_some_and(|first| *first == key) {
            self.region = Region::PreBody;
            return false;
        }
        if self.toc_first.is_none() {
            self.toc_first = Some(key);
        }
        if let Some(toc) = self.toc.as_mut() {
            toc.entries.push(TocEntry {
                text: self.text.get(entry_span.start..entry_span.end).unwrap_or(text).to_owned(),
                page: page.map(|p| self.text.get(p.start..p.end).unwrap_or_default().to_owned()),
                span: line.span,
            });
        }
        true
    }

    fn end_cover(&mut self, at: usize) {
        if self.region == Region::Cover {
            self.cover_end = at;
        }
    }

    fn push_element(&mut self, kind: ElementKind, span: Span, label: Option<String>) {
        self.elements.push(Element { kind, span, label });
    }

    fn start_front(&mut self, region: Region, span: Span, number: Option<Span>) {
        self.end_cover(span.start);
        self.close_term();
        self.close_clauses(0);
        let heading = self.text_of(span);
        let section = Section {
            heading,
            declared_number: number.map(|n| self.text_of(n)),
            blocks: Vec::new(),
            subclauses: Vec::new(),
            span,
        };
        let kind = if region == Region::Foreword { ElementKind::Foreword } else { ElementKind::Introduction };
        let slot = if region == Region::Foreword { &mut self.foreword } else { &mut self.introduction };
        if slot.is_none() {
            *slot = Some(section);
        }
        self.region = region;
        self.push_element(kind, span, None);
    }

    fn start_back(&mut self, region: Region, span: Span) {
        self.end_cover(span.start);
        self.close_term();
        self.close_clauses(0);
        let section = Section { heading: self.text_of(span), span, ..Section::default() };
        let (kind, slot) = if region == Region::Bibliography {
            (ElementKind::Bibliography, &mut self.bibliography)
        } else {
            (ElementKind::Index, &mut self.index)
        };
        if slot.is_none() {
            *slot = Some(section);
        }
        self.region = region;
        self.push_element(kind, span, None);
    }

    fn start_annex(
        &mut self,
        letter: char,
        label: Span,
        span: Span,
        obligation: Option<(crate::model::Obligation, bool, Span)>,
        title: Option<Span>,
    ) {
        self.close_term();
        self.close_clauses(0);
        let obligation = obligation.map(|(obligation, legacy_form, s)| AnnexObligation {
            obligation,
            legacy_form,
            text: self.text_of(s),
        });
        self.annex_stage = match (&obligation, title) {
            (_, Some(_)) => AnnexStage::Content,
            (Some(_), None) => AnnexStage::ExpectTitle,
            (None, None) => AnnexStage::ExpectObligation,
        };
        self.annexes.push(Annex {
            letter,
            declared: self.text_of(label),
            obligation,
            title: title.map(|t| self.text_of(t)),
            blocks: Vec::new(),
            clauses: Vec::new(),
            span,
        });
        self.region = Region::Annex;
        self.push_element(ElementKind::Annex, span, Some(letter.to_string()));
    }

    fn cover_line(&mut self, span: Span) {
        let line = self.slice(span);
        let key = compact(line);
        let meta = &mut self.meta;
        let designations = find_designations(line, span.start);
        if key.starts_with("ICS") {
            meta.ics.get_or_insert_with(|| Text::new(line, span));
        } else if key.starts_with("CCS") {
            meta.ccs.get_or_insert_with(|| Text::new(line, span));
        } else if is_date_line(&key) && key.ends_with("发布") {
            meta.publish_date.get_or_insert_with(|| Text::new(line, span));
        } else if is_date_line(&key) && key.ends_with("实施") {
            meta.implement_date.get_or_insert_with(|| Text::new(line, span));
        } else if key.starts_with("代替") || key.starts_with("部分代替") {
            meta.supersedes.extend(designations);
        } else if let Some(first) = designations.first().filter(|d| d.span.start == span.start) {
            if meta.designation.is_none() {
                meta.designation = Some(first.clone());
            }
            if key.contains("代替") {
                meta.supersedes.extend(designations.into_iter().skip(1));
            }
        } else if (key.ends_with("发布") || key.ends_with("印发")) && meta.issuer.is_none() {
            meta.issuer = Some(Text::new(line, span));
        } else if is_banner(&key) && meta.banner.is_none() && meta.title_zh.is_none() {
            meta.banner = Some(Text::new(line, span));
        } else if is_english(line) {
            meta.title_en.get_or_insert_with(|| Text::new(line, span));
        } else if line.chars().any(is_han) && meta.title_zh.is_none() && !key.starts_with('（') && !key.starts_with('(')
        {
            meta.title_zh = Some(Text::new(line, span));
        }
    }

    fn numbered(&mut self, line: &Line, number: ClauseNumber, label: Span, rest: Option<Span>) {
        let rest_text = rest.map(|r| self.slice(r)).unwrap_or_default();
        let is_heading = line.heading.is_some();

        // Introduction subclauses 0.1, 0.2.
        if number.annex.is_none() && number.parts.first() == Some(&0) {
            if matches!(self.region, Region::Introduction | Region::Foreword) && number.depth() >= 2 {
                self.front_subclause(number, label, rest, line.span);
            } else {
                self.content(line, LineClass::Text);
            }
            return;
        }

        if number.annex.is_some() {
            let letter_matches = self.annexes.last().is_some_and(|a| Some(a.letter) == number.annex);
            if self.region != Region::Annex || (!letter_matches && !is_heading) {
                self.content(line, LineClass::Text);
                return;
            }
            self.open_clause(number, label, rest, line.span, is_heading);
            return;
        }

        let current_chapter = self.current_chapter_number();
        if number.depth() == 1 {
            let n = number.parts.first().copied().unwrap_or(0);
            // A chapter number followed by digits inside the terms chapter: `3 1` is term 3.1
            // with its dot lost in conversion.
            if self.in_terms_chapter()
                && current_chapter == Some(n)
                && !rest_text.is_empty()
                && rest_text.chars().all(|c| c.is_ascii_digit())
            {
                let second: u32 = rest_text.parse().unwrap_or(0);
                let entry_number = ClauseNumber { annex: None, parts: vec![n, second] };
                self.start_term(entry_number, Span::new(label.start, line.span.end), None);
                return;
            }
            let plausible = is_heading
                || (rest.is_some()
                    && is_title_like(rest_text, 30)
                    && n <= current_chapter.unwrap_or(0) + 5
                    && matches!(
                        self.region,
                        Region::Cover
                            | Region::Foreword
                            | Region::Introduction
                            | Region::PreBody
                            | Region::Body
                            | Region::Annex
                    ));
            if !plausible || (self.region == Region::Annex && !is_heading) {
                self.content(line, LineClass::Text);
                return;
            }
            self.end_cover(line.span.start);
            self.close_term();
            self.close_clauses(0);
            self.region = Region::Body;
            self.open_clause(number, label, rest, line.span, is_heading);
            self.push_element(ElementKind::Chapter, line.span, Some(n.to_string()));
            return;
        }

        // A subclause.
        let first = number.parts.first().copied().unwrap_or(0);
        let in_body = self.region == Region::Body;
        let plausible = in_body && current_chapter.is_some_and(|c| first <= c + 1 && first + 1 >= c);
        if !plausible {
            self.content(line, LineClass::Text);
            return;
        }
        if self.in_terms_chapter() && current_chapter == Some(first) {
            let term_like = match rest {
                None => true,
                Some(_) => rest_text.chars().any(|c| c.is_ascii_alphabetic()) && rest_text.chars().any(is_han),
            };
            if term_like {
                self.start_term(number, label, rest);
                return;
            }
        }
        self.open_clause(number, label, rest, line.span, is_heading);
    }

    fn current_chapter_number(&self) -> Option<u32> {
        if self.region != Region::Body {
            return self.chapters.last().and_then(|c| c.number.parts.first().copied());
        }
        self.stack.first().or(self.chapters.last()).and_then(|c| c.number.parts.first().copied())
    }

    fn in_terms_chapter(&self) -> bool {
        self.region == Region::Body
            && self.stack.first().is_some_and(|c| {
                let title = compact(c.title_text());
                // Adopted ISO/EN texts keep their English title ("Terms, definitions, symbols
                // and abbreviated terms"); its term entries are entries all the same.
                let english = c.title_text().to_ascii_lowercase();
                title.contains("术语") && !title.contains("缩略语")
                    || title == "术语和定义"
                    || english.trim_start().starts_with("terms and definitions")
                    || english.trim_start().starts_with("terms, definitions")
            })
    }

    fn open_clause(&mut self, number: ClauseNumber, label: Span, rest: Option<Span>, span: Span, is_heading: bool) {
        self.close_term();
        let depth = number.depth();
        self.close_clauses(depth);
        let rest_text = rest.map(|r| self.slice(r)).unwrap_or_default();
        let limit = if is_heading { 60 } else { 40 };
        let (title, body) = match rest {
            Some(r) if is_title_like(rest_text, limit) => (Some(self.text_of(r)), None),
            Some(r) => (None, Some(r)),
            None => (None, None),
        };
        let mut clause = Clause {
            number,
            declared: self.text_of(label),
            expected: String::new(),
            title,
            blocks: Vec::new(),
            children: Vec::new(),
            span,
        };
        if let Some(body) = body {
            clause.blocks.push(paragraph_block(self.slice(body), body, self.region));
        }
        self.stack.push(clause);
    }

    fn front_subclause(&mut self, number: ClauseNumber, label: Span, rest: Option<Span>, span: Span) {
        let clause = Clause {
            number,
            declared: self.text_of(label),
            expected: String::new(),
            title: rest.map(|r| self.text_of(r)),
            blocks: Vec::new(),
            children: Vec::new(),
            span,
        };
        let section = if self.region == Region::Foreword { &mut self.foreword } else { &mut self.introduction };
        if let Some(section) = section.as_mut() {
            section.subclauses.push(clause);
        }
    }

    /// Pops open clauses deeper than or as deep as `depth` into their parents.
    fn close_clauses(&mut self, depth: usize) {
        while self.stack.last().is_some_and(|c| c.number.depth() >= depth.max(1))
            || (depth == 0 && !self.stack.is_empty())
        {
            let Some(done) = self.stack.pop() else { break };
            if let Some(parent) = self.stack.last_mut() {
                parent.children.push(done);
            } else if done.number.annex.is_some() {
                if let Some(annex) = self.annexes.last_mut() {
                    annex.clauses.push(done);
                }
            } else {
                self.chapters.push(done);
            }
        }
    }

    fn start_term(&mut self, number: ClauseNumber, label: Span, rest: Option<Span>) {
        self.close_term();
        // A term entry ends any open term group deeper than it.
        self.close_clauses(number.depth());
        let mut entry = TermEntry {
            number,
            declared: self.text_of(label),
            expected: String::new(),
            term_zh: None,
            term_en: None,
            definition: None,
            notes: Vec::new(),
            source: None,
            span: label.cover(rest.unwrap_or(label)),
        };
        let stage = match rest {
            Some(r) => {
                self.fill_term_line(&mut entry, r);
                TermStage::ExpectDefinition
            }
            None => TermStage::ExpectTerm,
        };
        self.term = Some((entry, stage));
    }

    fn fill_term_line(&self, entry: &mut TermEntry, span: Span) {
        let line = self.slice(span);
        // The English equivalent starts at the first Latin letter after the Chinese term.
        let split = line.char_indices().find(|&(_, c)| c.is_ascii_alphabetic()).map(|(i, _)| i);
        let (zh_end, en_start) = match split {
            Some(i) if i > 0 => (line.get(..i).unwrap_or_default().trim_end().len(), i),
            Some(_) => (0, 0),
            None => (line.len(), line.len()),
        };
        if zh_end > 0 {
            entry.term_zh =
                Some(Text::new(line.get(..zh_end).unwrap_or_default(), Span::new(span.start, span.start + zh_end)));
        }
        let en = line.get(en_start..).unwrap_or_default().trim_end();
        if !en.is_empty() {
            entry.term_en = Some(Text::new(en, Span::new(span.start + en_start, span.start + en_start + en.len())));
        }
        entry.span = entry.span.cover(span);
    }

    fn close_term(&mut self) {
        if let Some((entry, _)) = self.term.take() {
            let span = entry.span;
            self.push_block(Block { kind: BlockKind::Term(Box::new(entry)), span });
        }
    }

    /// A line of content: a paragraph, list item, note, caption … in the current container.
    fn content(&mut self, line: &Line, class: LineClass) {
        let span = line.span;
        let text = self.slice(span);

        if let Some((entry, stage)) = self.term.as_mut() {
            match (&class, *stage) {
                (LineClass::Text, TermStage::ExpectTerm) => {
                    let mut e = entry.clone();
                    self.fill_term_line(&mut e, span);
                    self.term = Some((e, TermStage::ExpectDefinition));
                    return;
                }
                (LineClass::Text | LineClass::ListItem { .. }, TermStage::ExpectDefinition) => {
                    entry.definition = Some(Text::new(text, span));
                    entry.span = entry.span.cover(span);
                    *stage = TermStage::Rest;
                    return;
                }
                (LineClass::TermSource, _) => {
                    entry.source = Some(Text::new(text, span));
                    entry.span = entry.span.cover(span);
                    return;
                }
                (LineClass::Note { label, number }, _) => {
                    let block = Block { kind: BlockKind::Note { label: self.text_of(*label), number: *number }, span };
                    if let Some((entry, _)) = self.term.as_mut() {
                        entry.notes.push(block);
                        entry.span = entry.span.cover(span);
                    }
                    return;
                }
                (LineClass::Example { label, number }, _) => {
                    let block =
                        Block { kind: BlockKind::Example { label: self.text_of(*label), number: *number }, span };
                    if let Some((entry, _)) = self.term.as_mut() {
                        entry.notes.push(block);
                        entry.span = entry.span.cover(span);
                    }
                    return;
                }
                (LineClass::Text, TermStage::Rest) if line.continues => {
                    if let Some(def) = entry.definition.as_mut() {
                        def.span = def.span.cover(span);
                        def.text = self.text.get(def.span.start..def.span.end).unwrap_or_default().to_owned();
                    }
                    entry.span = entry.span.cover(span);
                    return;
                }
                _ => self.close_term(),
            }
        }

        if self.region == Region::Annex && self.annex_stage != AnnexStage::Content {
            if matches!(class, LineClass::Text) && is_title_like(text, 60) {
                if let Some(annex) = self.annexes.last_mut() {
                    annex.title = Some(Text::new(text, span));
                }
                self.annex_stage = AnnexStage::Content;
                return;
            }
            self.annex_stage = AnnexStage::Content;
        }

        if matches!(self.region, Region::Foreword | Region::Introduction | Region::PreBody) && self.is_body_title(text)
        {
            self.body_title = Some(Text::new(text, span));
            self.region = Region::PreBody;
            self.push_element(ElementKind::BodyTitle, span, None);
            return;
        }
        if self.region == Region::Foreword && line.heading.is_some() && matches!(class, LineClass::Text) {
            // A heading of its own inside the foreword: the foreword is being subdivided.
            let clause = Clause {
                number: ClauseNumber { annex: None, parts: Vec::new() },
                declared: Text::new("", Span::empty(span.start)),
                expected: String::new(),
                title: Some(Text::new(text, span)),
                blocks: Vec::new(),
                children: Vec::new(),
                span,
            };
            if let Some(f) = self.foreword.as_mut() {
                f.subclauses.push(clause);
            }
            return;
        }

        let kind = match class {
            LineClass::Note { label, number } => BlockKind::Note { label: self.text_of(label), number },
            LineClass::Example { label, number } => BlockKind::Example { label: self.text_of(label), number },
            LineClass::ListItem { marker, kind } => {
                let depth = self.list_depth(kind);
                BlockKind::ListItem { marker: self.text_of(marker), kind, depth }
            }
            LineClass::Formula { number } => BlockKind::Formula { number: Some(self.text_of(number)) },
            LineClass::Caption { kind, number, title, form } => {
                BlockKind::Caption { kind, number: self.text_of(number), title: title.map(|t| self.text_of(t)), form }
            }
            LineClass::Foreign => {
                self.foreign.push(Text::new(text, span));
                BlockKind::Paragraph
            }
            _ => paragraph_block(text, span, self.region).kind,
        };
        if matches!(kind, BlockKind::Paragraph) && line.continues {
            if let Some(last) = self.last_block_mut() {
                if matches!(last.kind, BlockKind::Paragraph) {
                    last.span = last.span.cover(span);
                    return;
                }
            }
        }
        self.push_block(Block { kind, span });
    }

    /// GB/T 1.1 lists nest one level: `——` then `·`, or `a)` then `1)`. A second-level marker
    /// right after items of the first level is nested; on its own it is a first-level list.
    fn list_depth(&mut self, kind: MarkerKind) -> usize {
        let previous = match self.last_block_mut().map(|b| b.kind.clone()) {
            Some(BlockKind::ListItem { kind, depth, .. }) => Some((kind, depth)),
            _ => None,
        };
        match (kind, previous) {
            (MarkerKind::Dot | MarkerKind::Digit, Some((prev, depth))) if prev != kind => depth + 1,
            (_, Some((prev, depth))) if prev == kind => depth,
            (MarkerKind::Dash | MarkerKind::Letter, Some((prev, depth)))
                if matches!(prev, MarkerKind::Dot | MarkerKind::Digit) && depth > 1 =>
            {
                depth - 1
            }
            _ => 1,
        }
    }

    fn is_body_title(&self, text: &str) -> bool {
        let key = title_key(text);
        !key.is_empty() && self.meta.title_zh.as_ref().is_some_and(|t| title_key(&t.text) == key)
    }

    fn last_block_mut(&mut self) -> Option<&mut Block> {
        match self.region {
            Region::Foreword => self.foreword.as_mut().and_then(|s| s.blocks.last_mut()),
            Region::Introduction => self.introduction.as_mut().and_then(|s| s.blocks.last_mut()),
            Region::Body | Region::Annex if !self.stack.is_empty() => {
                self.stack.last_mut().and_then(|c| c.blocks.last_mut())
            }
            Region::Annex => self.annexes.last_mut().and_then(|a| a.blocks.last_mut()),
            Region::Bibliography => self.bibliography.as_mut().and_then(|s| s.blocks.last_mut()),
            Region::Index => self.index.as_mut().and_then(|s| s.blocks.last_mut()),
            _ => None,
        }
    }

    fn push_block(&mut self, block: Block) {
        let block = self.refine_reference(block);
        match self.region {
            Region::Foreword => {
                if let Some(s) = self.foreword.as_mut() {
                    match s.subclauses.last_mut() {
                        Some(sub) => sub.blocks.push(block),
                        None => s.blocks.push(block),
                    }
                }
            }
            Region::Introduction => {
                if let Some(s) = self.introduction.as_mut() {
                    match s.subclauses.last_mut() {
                        Some(sub) => sub.blocks.push(block),
                        None => s.blocks.push(block),
                    }
                }
            }
            Region::Body | Region::Annex => {
                if let Some(top) = self.stack.last_mut() {
                    top.blocks.push(block);
                } else if let Some(annex) = self.annexes.last_mut().filter(|_| self.region == Region::Annex) {
                    annex.blocks.push(block);
                }
            }
            Region::Bibliography => {
                if let Some(s) = self.bibliography.as_mut() {
                    s.blocks.push(block);
                }
            }
            Region::Index => {
                if let Some(s) = self.index.as_mut() {
                    s.blocks.push(block);
                }
            }
            Region::Cover | Region::Toc | Region::PreBody => {}
        }
    }

    /// In chapter 2 and the bibliography, a paragraph that starts with a designation (after an
    /// optional `[n]`) is a reference entry.
    fn refine_reference(&self, block: Block) -> Block {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }) {
            return block;
        }
        let in_references = match self.region {
            Region::Bibliography => true,
            Region::Body => {
                !self.stack.is_empty()
                    && self.stack.first().is_some_and(|c| compact(c.title_text()).contains("引用文件"))
            }
            _ => false,
        };
        if !in_references {
            return block;
        }
        let line = self.slice(block.span);
        let mut start = 0;
        if let Some(rest) = line.strip_prefix('[').or_else(|| line.strip_prefix('［')) {
            if let Some(close) = rest.find([']', '］']) {
                start = line.len() - rest.len()
                    + close
                    + rest.get(close..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
                start += line.get(start..).map_or(0, |s| s.len() - s.trim_start().len());
            }
        }
        let designation = find_designations(line.get(start..).unwrap_or_default(), block.span.start + start)
            .into_iter()
            .next()
            .filter(|d| d.span.start == block.span.start + start);
        if designation.is_none() && self.region == Region::Body && !is_other_reference(line) {
            return block;
        }
        // The title follows the designation, or stands alone after `[n]` (laws, books).
        let title_from = designation.as_ref().map_or(block.span.start + start, |d| d.span.end);
        let after = self.text.get(title_from..block.span.end).unwrap_or_default();
        let trimmed = after.trim_start();
        let at = title_from + (after.len() - trimmed.len());
        let title = (!trimmed.is_empty()).then(|| Text::new(trimmed, Span::new(at, block.span.end)));
        Block { kind: BlockKind::Reference { designation, title }, span: block.span }
    }
}

fn paragraph_block(_text: &str, span: Span, _region: Region) -> Block {
    Block { kind: BlockKind::Paragraph, span }
}

/// The number a displayed formula ends with: `(1)`, `（A.2）`, `C.5`.
fn formula_number(line: &str, span: Span) -> Option<Text> {
    let trimmed = line.trim_end();
    let token = trimmed.rsplit(char::is_whitespace).next().unwrap_or_default();
    // STS labels come with or without their parentheses: `(3)`, `C.5`.
    let inner = token.trim_start_matches(['(', '（']).trim_end_matches([')', '）']);
    let digits = inner.split_once(['.', '．']).map_or(inner, |(letter, n)| {
        if letter.len() == 1 && letter.chars().all(|c| c.is_ascii_uppercase()) { n } else { "" }
    });
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let start = span.start + trimmed.len() - token.len();
    Some(Text::new(token, Span::new(start, start + token.len())))
}

/// A title without spaces and without a stage suffix such as （征求意见稿） or （草案）, which the
/// cover carries and the body title usually does not.
fn title_key(text: &str) -> String {
    let key = compact(text);
    match key.rfind(['（', '(']) {
        Some(open) if key.ends_with(['）', ')']) && open > 0 => key.get(..open).unwrap_or(&key).to_owned(),
        _ => key,
    }
}

/// A chapter 2 line naming a document of another body (`IETF RFC 3986—2005 统一资源标识符`,
/// `ASTM D638 …`): an upper-case code and a number up front, no sentence punctuation.
fn is_other_reference(line: &str) -> bool {
    let mut chars = line.chars();
    let code: String = chars.by_ref().take_while(|c| c.is_ascii_uppercase() || matches!(c, '/' | ' ' | '-')).collect();
    code.chars().filter(char::is_ascii_uppercase).count() >= 2
        && line.chars().any(|c| c.is_ascii_digit())
        && !line.trim_end().ends_with(['。', '；', '，'])
        && line.chars().count() <= 150
}

/// Short, with no sentence punctuation: a heading's title rather than running text.
fn is_title_like(text: &str, limit: usize) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= limit
        && !text.contains(['。', '；', '，'])
        && !text.ends_with(['：', ':', '，', ',', '；', ';'])
}

fn is_date_line(key: &str) -> bool {
    key.chars().take(4).all(|c| c.is_ascii_digit() || matches!(c, '×' | 'X' | 'x')) && key.chars().count() >= 6
}

fn is_banner(key: &str) -> bool {
    (key.ends_with("标准") || key.ends_with("技术文件") || key.ends_with("规范"))
        && ["国家", "地方", "行业", "团体", "企业", "中华人民共和国"].iter().any(|w| key.contains(w))
        && key.chars().count() <= 24
}

fn is_english(line: &str) -> bool {
    let letters = line.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let han = line.chars().filter(|&c| is_han(c)).count();
    letters >= 8 && han == 0
}

/// Fills in the label each clause should carry, from its position among its siblings.
fn assign_expected(chapters: &mut [Clause], annexes: &mut [Annex]) {
    for (i, chapter) in chapters.iter_mut().enumerate() {
        let label = (i + 1).to_string();
        assign_clause(chapter, label);
    }
    for (i, annex) in annexes.iter_mut().enumerate() {
        let letter = char::from_u32(u32::from(b'A') + u32::try_from(i).unwrap_or(0)).unwrap_or('?');
        assign_blocks(&mut annex.blocks, &letter.to_string());
        for (j, clause) in annex.clauses.iter_mut().enumerate() {
            assign_clause(clause, format!("{}.{}", annex.letter, j + 1));
        }
    }
}

fn assign_clause(clause: &mut Clause, label: String) {
    assign_blocks(&mut clause.blocks, &label);
    for (i, child) in clause.children.iter_mut().enumerate() {
        assign_clause(child, format!("{label}.{}", i + 1));
    }
    clause.expected = label;
}

fn assign_blocks(blocks: &mut [Block], parent: &str) {
    let mut n = 0;
    for block in blocks {
        if let BlockKind::Term(entry) = &mut block.kind {
            n += 1;
            entry.expected = format!("{parent}.{n}");
        }
    }
}
