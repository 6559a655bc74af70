//! Builds the document model from classified lines.
//!
//! A single forward pass with a region state (cover → 目次 → 前言 → 引言 → body → annexes →
//! 参考文献 → 索引) and a stack of open clauses. Where a line's role depends on context (a number
//! line in chapter 3 is a term entry; a designation line in chapter 2 is a reference entry) the
//! decision is made here, once, for every format that produces lines.

use super::classify::{LineClass, classify, glued_heading_number, is_han, toc_entries};
use super::lines::{Line, LineKind};
use crate::model::{
    Annex, AnnexObligation, Block, BlockKind, Clause, ClauseNumber, Conversion, Document, Element, ElementKind, Format,
    MarkerKind, Meta, Section, TermEntry, Text, Toc, TocEntry, compact, compact_contains, compact_ends_with,
    compact_starts_with, find_designations, first_visible,
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
    /// Normalised titles of the 目次 entries seen so far; a line repeating one ends the 目次.
    toc_keys: Vec<String>,
    /// Numbered 目次 entries (title key, number) not yet met in the body, in 目次 order: a
    /// Word export that lost its heading numbers still has them here.
    toc_numbers: std::collections::VecDeque<(String, ClauseNumber)>,
    /// Headings whose number came from the 目次.
    rebuilt_numbers: usize,
    /// Markdown headings read as text: a converter promoted them.
    demoted_headings: usize,
    /// Annexes listed in the 目次: (title key, letter).
    toc_annexes: Vec<(String, char)>,
    /// A line already consumed by a look-ahead (the title of an annex rebuilt from the 目次).
    skip_line: Option<usize>,
    lines: &'a [Line],
    /// Index of the line being built.
    at: usize,
    /// The document title and its [`title_key`], kept while the title stays the same: every
    /// line of the foreword is compared with it.
    title_key: std::cell::RefCell<(String, String)>,
    /// Where the open clauses `in_terms_chapter` last answered for start, and its answer. A
    /// clause's title is its heading line's, fixed once it is open: the starts name the clauses.
    terms_chapter: std::cell::RefCell<Option<(Vec<usize>, bool)>>,
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
        toc_keys: Vec::new(),
        title_key: std::cell::RefCell::default(),
        terms_chapter: std::cell::RefCell::default(),
        toc_numbers: std::collections::VecDeque::new(),
        rebuilt_numbers: 0,
        demoted_headings: 0,
        toc_annexes: Vec::new(),
        skip_line: None,
        lines,
        at: 0,
    };
    for (at, line) in lines.iter().enumerate() {
        builder.at = at;
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
        rebuilt_numbers,
        demoted_headings,
        ..
    } = builder;
    // Only a Markdown or text file can carry a converter's markup; STS and .docx figures are theirs.
    let written_as_text = matches!(format, Format::Markdown | Format::Text);
    let converter_markup = lines.iter().filter(|l| written_as_text && is_converter_markup(&source.text, l)).count();
    let page_residue = lines
        .iter()
        .filter(|l| written_as_text && l.kind == LineKind::Skip && is_page_residue(&source.text, l))
        .count();
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
        conversion: Conversion {
            converter_markup,
            page_residue,
            numbers_from_toc: rebuilt_numbers,
            demoted_headings,
            ..Conversion::default()
        },
        derived: Default::default(),
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
        if self.skip_line.take_if(|at| *at == line.span.start).is_some() {
            return;
        }
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

        let class = match class {
            LineClass::Text if line.heading.is_some() => {
                glued_heading_number(text, line.span.start).or_else(|| self.number_from_toc(line.span)).unwrap_or(class)
            }
            LineClass::Text if line.kind == LineKind::Text => self.number_from_toc(line.span).unwrap_or(class),
            other => other,
        };
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
            LineClass::Obligation { obligation, legacy, title }
                if self.region == Region::Annex && self.annex_stage == AnnexStage::ExpectObligation =>
            {
                let mark = title.map_or(line.span, |t| Span::new(line.span.start, t.start));
                let mark_text = self.slice(mark).trim_end().to_owned();
                let mark = Span::new(mark.start, mark.start + mark_text.len());
                let title = title.map(|t| self.text_of(t));
                if let Some(annex) = self.annexes.last_mut() {
                    annex.obligation =
                        Some(AnnexObligation { obligation, legacy_form: legacy, text: Text::new(mark_text, mark) });
                    if title.is_some() {
                        annex.title = title.clone();
                    }
                }
                self.annex_stage = if title.is_some() { AnnexStage::Content } else { AnnexStage::ExpectTitle };
            }
            LineClass::Obligation { obligation, legacy, .. }
                if matches!(self.region, Region::Body | Region::Annex) && self.annex_from_toc().is_some() =>
            {
                let Some((letter, title)) = self.annex_from_toc() else { return };
                let title_span = title.span;
                self.start_annex(
                    letter,
                    Span::empty(line.span.start),
                    line.span,
                    Some((obligation, legacy, line.span)),
                    Some(title_span),
                );
                self.skip_line = Some(title_span.start);
                self.rebuilt_numbers += 1;
            }
            LineClass::Numbered { number, label, rest } => self.numbered(line, number, label, rest),
            _ if self.region == Region::Cover => self.cover_line(line.span),
            other => self.content(line, other),
        }
    }

    /// Inside 目次 every line is an entry until the 目次 visibly ends: a Markdown heading that
    /// is not an entry, a line repeating an entry's title (the real heading), or a heading
    /// followed by running text — which is what an emptied 目次 (a converter dropped its lines)
    /// leaves: `目次`, `前言`, `本文件按照……`.
    fn toc_line(&mut self, line: &Line, class: &LineClass) -> bool {
        let text = self.slice(line.span);
        let entries = toc_entries(text, line.span.start);
        let has_page = entries.iter().any(|(_, page)| page.is_some());
        if line.heading.is_some() && !has_page && !matches!(class, LineClass::TocEntry { .. }) {
            self.region = Region::PreBody;
            return false;
        }
        if !has_page {
            let key = compact(text);
            let repeats = self.toc_keys.contains(&key);
            let opens_element = matches!(
                class,
                LineClass::Foreword { .. } | LineClass::Introduction { .. } | LineClass::Numbered { .. }
            );
            if repeats || (opens_element && self.next_is_running_text()) || !is_title_like(text, 80) {
                self.region = Region::PreBody;
                return false;
            }
        }
        for (title, page) in entries {
            let title_text = self.slice(title);
            let key = compact(title_text);
            match classify(title_text, title.start) {
                LineClass::Numbered { number, rest: Some(rest), .. } => {
                    self.toc_numbers.push_back((compact(self.slice(rest)), number));
                }
                LineClass::Annex { letter, title: Some(annex_title), .. } => {
                    self.toc_annexes.push((compact(self.slice(annex_title)), letter));
                }
                _ => {}
            }
            self.toc_keys.push(key);
            let entry =
                TocEntry { text: title_text.to_owned(), page: page.map(|p| self.slice(p).to_owned()), span: line.span };
            if let Some(toc) = self.toc.as_mut() {
                toc.entries.push(entry);
            }
        }
        true
    }

    /// A heading whose number a Word export lost (`范围` where the 目次 lists `1 范围`) gets
    /// the 目次's number back. Only the next few unmatched 目次 entries are candidates, so a
    /// paragraph that happens to read like a title elsewhere is not renumbered.
    fn number_from_toc(&mut self, span: Span) -> Option<LineClass> {
        const LOOKAHEAD: usize = 4;
        if self.toc_numbers.is_empty()
            || !matches!(self.region, Region::PreBody | Region::Body | Region::Foreword | Region::Introduction)
        {
            return None;
        }
        let text = self.slice(span);
        if !is_title_like(text, 40) {
            return None;
        }
        let key = compact(text);
        let found = self.toc_numbers.iter().take(LOOKAHEAD).position(|(title, _)| *title == key)?;
        let number = self.toc_numbers.get(found)?.1.clone();
        // Entries skipped over were never met: the 目次 and the body disagree there.
        self.toc_numbers.drain(..=found);
        self.rebuilt_numbers += 1;
        Some(LineClass::Numbered { number, label: Span::empty(span.start), rest: Some(span) })
    }

    /// An obligation line `（规范性）` whose `附录A` line was lost, followed by the title the 目次
    /// gives for that annex: the annex's letter and its title line.
    fn annex_from_toc(&self) -> Option<(char, Text)> {
        if self.region == Region::Annex && self.annex_stage != AnnexStage::Content {
            return None;
        }
        let next = self.lines.iter().skip(self.at + 1).find(|l| l.kind != LineKind::Blank)?;
        let key = compact(self.slice(next.span));
        let letter = self.toc_annexes.iter().find(|(title, _)| *title == key)?.1;
        let unseen = self.annexes.iter().all(|a| a.letter != letter);
        unseen.then(|| (letter, self.text_of(next.span)))
    }

    /// The next line's span when it completes the current annex's title as the 目次 gives it.
    fn annex_title_continued(&self, text: &str) -> Option<Span> {
        let letter = self.annexes.last()?.letter;
        let listed = &self.toc_annexes.iter().find(|(_, l)| *l == letter)?.0;
        let head = compact(text);
        if head.len() >= listed.len() || !listed.starts_with(&head) {
            return None;
        }
        let next = self.lines.iter().skip(self.at + 1).find(|l| l.kind != LineKind::Blank)?;
        (format!("{head}{}", compact(self.slice(next.span))) == *listed).then_some(next.span)
    }

    /// Whether a definition follows — a sentence, not a heading — after at most two more term
    /// lines (admitted terms, 许用术语, stand on lines of their own under the preferred term).
    fn next_is_definition(&self) -> bool {
        let mut following = self.lines.iter().skip(self.at + 1).filter(|l| l.kind != LineKind::Blank);
        for _ in 0..3 {
            let Some(l) = following.next() else { return false };
            let text = self.slice(l.span);
            if l.kind != LineKind::Text || l.heading.is_some() || classify(text, l.span.start) != LineClass::Text {
                return false;
            }
            let sentence = text.trim_end().ends_with(['。', '.']) || text.contains(['，', '。']);
            if sentence {
                return true;
            }
            if !is_admitted_term_line(text) {
                return false;
            }
        }
        false
    }

    /// Whether the next non-blank line is running text (a sentence), not another entry.
    fn next_is_running_text(&self) -> bool {
        let next = self.lines.iter().skip(self.at + 1).find(|l| l.kind != LineKind::Blank);
        next.is_some_and(|l| {
            let text = self.slice(l.span);
            l.kind == LineKind::Text
                && toc_entries(text, l.span.start).iter().all(|(_, page)| page.is_none())
                && !is_title_like(text, 40)
        })
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
        // The line without white space, read in place: every line of a converted law (which
        // has no 前言 to end its cover) comes here, and copying each was a tenth of reading.
        let key = Spaceless::new(line);
        let meta = &mut self.meta;
        // Every designation code starts with a capital Latin letter: only a line opening with
        // one can be the designation, and only it (or a 代替 line) is searched.
        let designation_line = || {
            let found = find_designations(line, span.start);
            found.first().is_some_and(|d| d.span.start == span.start).then_some(found)
        };
        if key.starts_with("ICS") {
            meta.ics.get_or_insert_with(|| Text::new(line, span));
        } else if key.starts_with("CCS") {
            meta.ccs.get_or_insert_with(|| Text::new(line, span));
        } else if key.starts_with("备案号") {
            meta.filing_number.get_or_insert_with(|| Text::new(line, span));
        } else if key.is_date_line() && key.ends_with("发布") {
            meta.publish_date.get_or_insert_with(|| Text::new(line, span));
        } else if key.is_date_line() && key.ends_with("实施") {
            meta.implement_date.get_or_insert_with(|| Text::new(line, span));
        } else if key.starts_with("代替") || key.starts_with("部分代替") {
            meta.supersedes.extend(find_designations(line, span.start));
        } else if key.contains("分类") && (key.contains("分类号") || key.contains("文献分类")) {
            // `中国标准文献分类号：A12` (the 2009 cover): a classification line, not the title.
        } else if is_code_mark(line) {
            // `DB4403`, `Q/CIB`, `GB` alone: the code mark printed above the designation, not
            // the designation (it would read as DB44 number 03).
        } else if let Some(designations) =
            line.starts_with(|c: char| c.is_ascii_uppercase()).then(designation_line).flatten()
        {
            // A designation with a year replaces one without (a draft's `GB/T ××××` mark).
            if let Some(first) = designations.first() {
                if meta.designation.as_ref().is_none_or(|d| d.year.is_none() && first.year.is_some()) {
                    meta.designation = Some(first.clone());
                }
            }
            if key.contains("代替") {
                meta.supersedes.extend(designations.into_iter().skip(1));
            }
        } else if (key.ends_with("发布") || key.ends_with("印发")) && meta.issuer.is_none() {
            // Two issuers on two lines with one 发布 (`国家市场监督管理总局` /
            // `国家标准化管理委员会  发布`, which converters also write the other way round).
            // The `n`-th non-blank line before (step −1) or after (step 1) this one.
            let neighbour = |step: isize, n: usize| {
                let mut i = self.at as isize + step;
                let mut seen = 0;
                while let Some(l) = usize::try_from(i).ok().and_then(|i| self.lines.get(i)) {
                    if l.kind != LineKind::Blank {
                        seen += 1;
                        if seen == n {
                            return Some(*l);
                        }
                    }
                    i += step;
                }
                None
            };
            let is_body = |l: &Line| {
                let k = compact(self.text.get(l.span.start..l.span.end).unwrap_or_default());
                is_issuing_body(&k)
            };
            let mut parts = vec![span];
            if let Some(next) = neighbour(1, 1).filter(is_body) {
                parts.push(next.span);
                self.skip_line = Some(next.span.start);
            }
            // `国家市场监督管理总局` / `国家标准化管理委员会` / `发布`: up to two bodies before.
            for n in 1..=2 {
                match neighbour(-1, n).filter(is_body) {
                    Some(previous) => parts.insert(0, previous.span),
                    None => break,
                }
            }
            let whole = parts.iter().fold(span, |acc, p| acc.cover(*p));
            // The issuer reads as one line (the lines joined by a space); the span covers them.
            let joined: Vec<&str> = parts.iter().map(|p| self.slice(*p).trim()).collect();
            self.meta.issuer = Some(Text::new(joined.join(" "), whole));
        } else if meta.banner.is_none() && meta.title_zh.is_none() && key.is_banner() {
            // The cheap tests first: a law's first line is its title, and every line after it
            // came here to be read for a banner no longer wanted.
            meta.banner = Some(Text::new(line, span));
        } else if is_english(line) {
            // A title set on two lines after its part element (`…—Part 2:` / `…handbook`).
            match meta.title_en.as_mut() {
                Some(title) if title.text.trim_end().ends_with([':', '—']) => {
                    title.text = format!("{} {}", title.text.trim_end(), line.trim());
                    title.span = title.span.cover(span);
                }
                Some(_) => {}
                None => meta.title_en = Some(Text::new(line, span)),
            }
        } else if line.chars().any(is_han) && !key.starts_with("（") && !key.starts_with("(") {
            // `……操作程序　第2部分：` / `技术中台消息服务接入手册`: the part's name on the next line.
            match meta.title_zh.as_mut() {
                Some(title) if title.text.trim_end().ends_with(['：', ':']) && is_title_like(line, 60) => {
                    title.text = format!("{}{}", title.text.trim_end(), line.trim());
                    title.span = title.span.cover(span);
                }
                Some(_) => {}
                None => meta.title_zh = Some(Text::new(line, span)),
            }
        }
    }

    fn numbered(&mut self, line: &Line, number: ClauseNumber, label: Span, rest: Option<Span>) {
        if !label.is_empty() {
            if let Some(met) = self.toc_numbers.iter().position(|(_, n)| *n == number) {
                self.toc_numbers.drain(..=met);
            }
        }
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
            // A numbered Markdown heading whose number runs back by two or more chapters, or,
            // after the annexes, does not continue the chapters, is a table row or footnote a
            // converter promoted to a heading. (`4 基本要求` after annex A, when the chapters so far
            // are 1–3, is a chapter out of place: ST007's.)
            let last = self.chapters.last().and_then(|c| c.number.parts.first().copied());
            let runs_back = current_chapter.is_some_and(|c| n + 1 < c);
            let after_annexes = matches!(self.region, Region::Annex | Region::Bibliography | Region::Index)
                && last.is_some_and(|l| n <= l);
            if is_heading && (runs_back || after_annexes) {
                self.demoted_headings += 1;
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

    /// Inside the terms chapter, and not inside its abbreviations or symbols part: a combined
    /// chapter `3 术语、定义和缩略语` split into `3.1 术语和定义` / `3.2 缩略语` (8.8.1 allows the
    /// merge) holds term entries in 3.1 only.
    fn in_terms_chapter(&self) -> bool {
        if self.region != Region::Body {
            return false;
        }
        // Asked for every line of a document while the open clauses rarely change: the answer
        // is kept with the clauses it was given for.
        let starts = || self.stack.iter().map(|c| c.span.start);
        if let Some((clauses, answer)) = &*self.terms_chapter.borrow() {
            if clauses.iter().copied().eq(starts()) {
                return *answer;
            }
        }
        let answer = self.open_clauses_are_terms();
        *self.terms_chapter.borrow_mut() = Some((starts().collect(), answer));
        answer
    }

    /// [`Self::in_terms_chapter`] worked out from the open clauses' titles.
    fn open_clauses_are_terms(&self) -> bool {
        let chapter_is_terms = self.stack.first().is_some_and(|c| {
            let title = c.title_text();
            // Adopted ISO/EN texts keep their English title ("Terms, definitions, symbols
            // and abbreviated terms"); its term entries are entries all the same.
            let english = title.trim_start();
            let english_starts =
                |prefix: &str| english.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
            compact_starts_with(title, "术语")
                || compact_contains(title, "术语和定义")
                || english_starts("terms and definitions")
                || english_starts("terms, definitions")
        });
        let in_other_part = self.stack.iter().skip(1).any(|c| {
            let title = c.title_text();
            !compact_contains(title, "术语")
                && (compact_contains(title, "缩略")
                    || compact_contains(title, "符号")
                    || compact_contains(title, "代号"))
        });
        chapter_is_terms && !in_other_part
    }

    fn open_clause(&mut self, number: ClauseNumber, label: Span, rest: Option<Span>, span: Span, is_heading: bool) {
        self.close_term();
        let depth = number.depth();
        self.close_clauses(depth);
        let rest_text = rest.map(|r| self.slice(r)).unwrap_or_default();
        let limit = if is_heading { 60 } else { 40 };
        // A title marked as a heading may hold a comma (`4.1 一般，感官和健康特征`); a plain line
        // with one is running text.
        let heading_title = is_heading && !rest_text.contains(['。', '；']) && rest_text.chars().count() <= limit;
        let (title, body) = match rest {
            Some(r) if heading_title || is_title_like(rest_text, limit) => (Some(self.text_of(r)), None),
            Some(r) => (None, Some(r)),
            None => (None, None),
        };
        // A number rebuilt from the 目次 has no characters of its own.
        let declared = if label.is_empty() { Text::new(number.render(), label) } else { self.text_of(label) };
        let mut clause =
            Clause { number, declared, expected: String::new(), title, blocks: Vec::new(), children: Vec::new(), span };
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
        // A term entry ends any open term group deeper than it (an unnumbered one stays where it is).
        if !number.parts.is_empty() {
            self.close_clauses(number.depth());
        }
        let mut entry = TermEntry {
            number,
            declared: self.text_of(label),
            expected: String::new(),
            term_zh: None,
            term_en: None,
            admitted: Vec::new(),
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
        // The Chinese term runs to its last Han character (and a closing bracket right after
        // it): `DID统一资源定位符`, `JSON 模式`, `可信计数（TC）` keep their Latin letters. The
        // English equivalent is the Latin tail.
        let zh_end = term_zh_end(line);
        let tail = line.get(zh_end..).unwrap_or_default();
        let en_start = zh_end + (tail.len() - tail.trim_start().len());
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
        if let Some((mut entry, _)) = self.term.take() {
            if let Some(def) = entry.definition.as_mut() {
                if def.text.len() != def.span.len() {
                    def.text = self.slice(def.span).to_owned();
                }
            }
            let span = entry.span;
            self.push_block(Block { kind: BlockKind::Term(Box::new(entry)), span });
        }
    }

    /// A line of content: a paragraph, list item, note, caption … in the current container.
    fn content(&mut self, line: &Line, class: LineClass) {
        let span = line.span;
        let text = self.slice(span);

        // A term and its definition with no entry number (a drafter's omission, or a Word export
        // that lost the automatic numbering): still a term entry, with an empty number.
        let between_entries = self.term.as_ref().is_none_or(|(_, stage)| *stage == TermStage::Rest);
        if class == LineClass::Text
            && !line.continues
            && between_entries
            && self.in_terms_chapter()
            && is_term_line(text)
            && self.next_is_definition()
        {
            let number = ClauseNumber { annex: None, parts: Vec::new() };
            self.start_term(number, Span::empty(span.start), Some(span));
            return;
        }

        let admitted_term = matches!(self.term, Some((_, TermStage::ExpectDefinition)))
            && class == LineClass::Text
            && is_admitted_term_line(text)
            && !line.continues
            && self.next_is_definition();
        if let Some((entry, stage)) = self.term.as_mut() {
            match (&class, *stage) {
                (LineClass::Text, TermStage::ExpectTerm) => {
                    let mut e = entry.clone();
                    self.fill_term_line(&mut e, span);
                    self.term = Some((e, TermStage::ExpectDefinition));
                    return;
                }
                // An admitted term on its own line under the preferred one.
                (LineClass::Text, TermStage::ExpectDefinition) if admitted_term => {
                    // The Chinese admitted term, or a Latin name alone (`Broker`).
                    let zh_end = match term_zh_end(text) {
                        0 => text.trim_end().len(),
                        end => end,
                    };
                    let admitted = text.get(..zh_end).unwrap_or_default();
                    entry.admitted.push(Text::new(admitted, Span::new(span.start, span.start + zh_end)));
                    entry.span = entry.span.cover(span);
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
                    // The text is taken once the entry closes: copying it for every line of a
                    // long definition would be quadratic.
                    if let Some(def) = entry.definition.as_mut() {
                        def.span = def.span.cover(span);
                    }
                    entry.span = entry.span.cover(span);
                    return;
                }
                _ => self.close_term(),
            }
        }

        if self.region == Region::Annex && self.annex_stage != AnnexStage::Content {
            if matches!(class, LineClass::Text) && is_title_like(text, 60) {
                // A title set on two lines, as the 目次 shows it whole.
                let continued = self.annex_title_continued(text);
                let title = match continued {
                    Some(rest) => {
                        self.skip_line = Some(rest.start);
                        Text::new(format!("{}{}", text.trim(), self.slice(rest).trim()), span.cover(rest))
                    }
                    None => Text::new(text, span),
                };
                if let Some(annex) = self.annexes.last_mut() {
                    annex.title = Some(title);
                }
                self.annex_stage = AnnexStage::Content;
                return;
            }
            self.annex_stage = AnnexStage::Content;
        }

        if matches!(self.region, Region::Foreword | Region::Introduction | Region::PreBody) {
            if let Some(rest) = self.body_title_continued(text) {
                // The body title set on two lines: `新闻出版 知识服务` / `知识本体构建流程`.
                // The text reads as one title; the span covers both lines.
                let joined = format!("{} {}", text.trim(), self.slice(rest).trim());
                self.body_title = Some(Text::new(joined, span.cover(rest)));
                self.skip_line = Some(rest.start);
                self.region = Region::PreBody;
                self.push_element(ElementKind::BodyTitle, span, None);
                return;
            }
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

    /// When `text` is the first line of the document title and the next line completes it,
    /// the next line's span.
    fn body_title_continued(&self, text: &str) -> Option<Span> {
        if !self.opens_like_title(text) {
            return None;
        }
        let title = self.document_title_key()?;
        let head = title_key(text);
        if head.chars().count() < 2 || head.len() >= title.len() || !title.starts_with(&head) {
            return None;
        }
        let next = self.lines.iter().skip(self.at + 1).find(|l| l.kind != LineKind::Blank)?;
        let tail = title_key(self.slice(next.span));
        (format!("{head}{tail}") == title).then_some(next.span)
    }

    /// Whether `text` opens with the first character of the document title, white space
    /// aside, as the title and its first line do: most lines of a foreword are passed over
    /// without compacting them.
    fn opens_like_title(&self, text: &str) -> bool {
        self.meta
            .title_zh
            .as_ref()
            .and_then(|title| first_visible(&title.text))
            .is_some_and(|c| first_visible(text) == Some(c))
    }

    fn is_body_title(&self, text: &str) -> bool {
        if !self.opens_like_title(text) {
            return false;
        }
        let key = title_key(text);
        !key.is_empty() && self.document_title_key().is_some_and(|title| title == key)
    }

    /// The [`title_key`] of the document title, computed again only when the title changed.
    fn document_title_key(&self) -> Option<String> {
        let title = &self.meta.title_zh.as_ref()?.text;
        let mut cached = self.title_key.borrow_mut();
        if cached.0 != *title || cached.1.is_empty() {
            *cached = (title.clone(), title_key(title));
        }
        Some(cached.1.clone())
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
                    && self.stack.first().is_some_and(|c| compact_contains(c.title_text(), "引用文件"))
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

/// A line that can be a term with its English equivalent: short, no sentence punctuation, a
/// Han character in it.
fn is_term_line(text: &str) -> bool {
    let text = text.trim();
    // Punctuation inside quotes is part of a name: `RocketMQ“消息，事件，流”实时数据处理平台`.
    let mut outside = String::with_capacity(text.len());
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => outside.push(c),
            _ => {}
        }
    }
    text.chars().count() <= 80
        && text.chars().any(is_han)
        && !outside.contains(['。', '，', '；', '：', ':'])
        && !outside.ends_with(['、', ',', ';'])
}

/// A line under the preferred term that gives an admitted term: a term line, or a Latin name
/// alone (`Broker`, `PushConsumer`).
fn is_admitted_term_line(text: &str) -> bool {
    let text = text.trim();
    let latin_name = !text.is_empty()
        && text.chars().count() <= 40
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '/' | '.'));
    is_term_line(text) || latin_name
}

/// Where the Chinese term of a term line ends: after its last Han character and any closing
/// brackets or quotes that follow it; 0 when the line has no Han character.
fn term_zh_end(line: &str) -> usize {
    let Some((last, c)) = line.char_indices().rfind(|&(_, c)| is_han(c)) else { return 0 };
    let mut end = last + c.len_utf8();
    let rest = line.get(end..).unwrap_or_default();
    // A bracketed abbreviation glued to the term: `可信计数（TC）`.
    if rest.starts_with('（') {
        if let Some(close) = rest.find('）') {
            end += close + '）'.len_utf8();
        }
    }
    for c in line.get(end..).unwrap_or_default().chars() {
        if matches!(c, '）' | ')' | '》' | '”' | '」' | '］' | ']') {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Markup only a converter writes into Markdown: an HTML table, an image link, a `<div>`, TeX.
fn is_converter_markup(text: &str, line: &Line) -> bool {
    let line_text = text.get(line.span.start..line.span.end).unwrap_or_default().trim_start();
    match line.kind {
        LineKind::Table => line_text.starts_with('<'),
        LineKind::Figure => true,
        // Both TeX marks open with a byte a Chinese line rarely holds: one vectorised search
        // passes over most lines before either word is looked for.
        LineKind::Text => {
            (memchr::memchr2(b'$', b'\\', line_text.as_bytes()).is_some()
                && (line_text.contains("$$") || line_text.contains("\\mathrm")))
                || line_text.starts_with("<div")
        }
        _ => false,
    }
}

/// A page number or banner a PDF conversion left between paragraphs (not a comment).
fn is_page_residue(text: &str, line: &Line) -> bool {
    let line_text = text.get(line.span.start..line.span.end).unwrap_or_default().trim();
    let page = !line_text.is_empty()
        && line_text.len() <= 6
        && line_text.chars().all(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X'));
    page || line_text.starts_with("Powered by ")
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

/// A line naming an issuing body and nothing else (`国家标准化管理委员会`).
fn is_issuing_body(key: &str) -> bool {
    const BODIES: &[&str] = &["委员会", "管理局", "总局", "厅", "局", "部", "协会", "学会", "联合会", "公司", "办公室"];
    key.chars().count() <= 30 && key.chars().all(is_han) && BODIES.iter().any(|b| key.ends_with(b))
}

/// A cover line that is only a document code — `DB4403`, `DB4403/T`, `Q/CIB`, `GB/T`: capitals
/// (digits only right after the first letters), at most one `/` followed by capitals only.
fn is_code_mark(line: &str) -> bool {
    let line = line.trim();
    // A mark opens with a capital: answer a running-text line without scanning it.
    if !line.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let (head, tail) = line.split_once('/').unwrap_or((line, ""));
    let letters = head.chars().take_while(char::is_ascii_uppercase).count();
    let head_ok = letters > 0 && head.chars().skip(letters).all(|c| c.is_ascii_digit()) && head.len() <= 8;
    head_ok && tail.chars().all(|c| c.is_ascii_uppercase()) && (tail.is_empty() != line.contains('/'))
}

/// A line seen without its white space (`compact(line)`), asked about without copying it.
#[derive(Clone, Copy)]
struct Spaceless<'a>(&'a str, Option<char>);

impl<'a> Spaceless<'a> {
    fn new(line: &'a str) -> Self {
        Spaceless(line, first_visible(line))
    }

    fn chars(self) -> impl Iterator<Item = char> + Clone + 'a {
        self.0.chars().filter(|c| !c.is_whitespace())
    }

    fn starts_with(self, prefix: &str) -> bool {
        // Most cover lines are answered by their first character.
        self.1 == prefix.chars().next() && compact_starts_with(self.0, prefix)
    }

    fn ends_with(self, suffix: &str) -> bool {
        compact_ends_with(self.0, suffix)
    }

    fn contains(self, needle: &str) -> bool {
        compact_contains(self.0, needle)
    }

    fn is_date_line(self) -> bool {
        self.chars().take(4).all(|c| c.is_ascii_digit() || matches!(c, '×' | 'X' | 'x'))
            && self.chars().nth(5).is_some()
    }

    fn is_banner(self) -> bool {
        (self.ends_with("标准") || self.ends_with("技术文件") || self.ends_with("规范"))
            && self.chars().nth(24).is_none()
            && ["国家", "地方", "行业", "团体", "企业", "中华人民共和国"].iter().any(|w| self.contains(w))
    }
}

fn is_english(line: &str) -> bool {
    // One pass that stops at the first Han character: most lines asked about are Chinese.
    let mut letters = 0;
    for c in line.chars() {
        if is_han(c) {
            return false;
        }
        letters += usize::from(c.is_ascii_alphabetic());
    }
    letters >= 8
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
#[cfg(test)]
mod tests {
    use super::{is_code_mark, term_zh_end};

    #[test]
    fn a_cover_title_goes_on_after_its_part_element() {
        let text = "Q/CIB\n\nQ/CIB 4052.2—2024\n\n公共技术服务接入操作程序 第2部分：\n技术中台消息服务接入手册\n\
                    Public technical service access procedures—Part 2:\ntechnical platform messaging handbook\n\n前言\n";
        let doc = crate::read::parse(crate::source::SourceFile::from_text("q.txt", text), crate::model::Format::Text);
        let zh = doc.meta.title_zh.map(|t| t.text).unwrap_or_default();
        assert_eq!(zh, "公共技术服务接入操作程序 第2部分：技术中台消息服务接入手册");
        let en = doc.meta.title_en.map(|t| t.text).unwrap_or_default();
        assert!(en.ends_with("Part 2: technical platform messaging handbook"), "{en}");
    }

    #[test]
    fn code_marks_are_not_designations() {
        for mark in ["DB4403", "DB4403/T", "Q/CIB", "GB/T", "GB", "T/CAMET"] {
            assert!(is_code_mark(mark), "{mark}");
        }
        for designation in ["GB/T 1234", "GB/T1234", "DB4403/T 900—2025", "Q/CIB 4052.2—2024"] {
            assert!(!is_code_mark(designation), "{designation}");
        }
    }

    #[test]
    fn chinese_terms_keep_their_latin_letters() {
        fn split(line: &str) -> (&str, &str) {
            let end = term_zh_end(line);
            (&line[..end], line[end..].trim())
        }
        assert_eq!(
            split("DID统一资源定位符 DID uniform resource locator"),
            ("DID统一资源定位符", "DID uniform resource locator")
        );
        assert_eq!(split("JSON 模式 JSON schema"), ("JSON 模式", "JSON schema"));
        assert_eq!(split("CAN收发器 CAN transceiver"), ("CAN收发器", "CAN transceiver"));
        assert_eq!(split("可信计数（TC） trusted counting"), ("可信计数（TC）", "trusted counting"));
        assert_eq!(split("共识节点"), ("共识节点", ""));
        assert_eq!(split("consensus node"), ("", "consensus node"));
    }
}
