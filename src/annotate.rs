//! `normlint annotate`: a copy of a Word draft with every finding as a comment (批注).
//!
//! Each finding's span in the reader's view maps back to byte offsets in `word/document.xml`
//! (the view's offset map); those offsets are turned into the characters of `w:t` elements
//! ("atoms") they cover, and the comment range is inserted around them by editing the part's
//! text: where a range starts or ends inside a run, the run is closed and reopened with a copy
//! of its `w:rPr`, so the formatting stays. A finding on text Word generates (a heading number)
//! or on no text at all anchors on its whole paragraph. Comments go into the comments part
//! (created with its relationship and content type when the draft has none; existing comments
//! are kept and new ids follow theirs). Every other part of the package is copied as stored.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};

use crate::diagnostic::Lang;
use crate::findings::Finding;
use crate::read::ReadError;
use crate::read::docx::package::{Package, Part, rels_name};
use crate::read::docx::xml::{Item, Ns, Xml};
use crate::source::{ParagraphIndex, SourceFile};

const W_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const COMMENTS_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_TYPE_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
pub const AUTHOR: &str = "normlint";

/// The annotated package.
#[derive(Debug)]
pub struct Annotated {
    pub bytes: Vec<u8>,
    pub comments: usize,
}

fn describe(error: ReadError) -> String {
    match error {
        ReadError::MalformedXml { offset, message } => format!("{message} (byte {offset})"),
        ReadError::MalformedDocx { message } | ReadError::InputLimit { message } => message,
        ReadError::Decode(e) => format!("{e:?}"),
        ReadError::Unsupported { extension } => format!(".{extension} is not a Word package"),
    }
}

/// Annotates `package` (the bytes of the draft that `source` was read from) with `findings`;
/// `date` (`2025-06-01T08:00:00Z`) is written on every comment when given.
pub fn annotate(
    package: &[u8],
    source: &SourceFile,
    findings: &[Finding],
    lang: Lang,
    date: Option<&str>,
) -> Result<Annotated, String> {
    let mut reader = Package::open(package).map_err(describe)?;
    let main = reader.main_document().map_err(describe)?.ok_or("the package has no word/document.xml")?;
    let related = reader.relationships_of(&main.name).map_err(describe)?;
    let comments_name = related.iter().find(|(kind, _)| kind == "comments").map(|(_, target)| target.clone());
    let existing_comments = match &comments_name {
        Some(name) => reader.part(name).map_err(describe)?,
        None => None,
    };
    let rels = rels_name(&main.name);
    let rels_part = reader.part(&rels).map_err(describe)?;
    let content_types = reader.part("[Content_Types].xml").map_err(describe)?;
    drop(reader);

    let layout = Layout::scan(&main)?;
    let strict = main.text.contains(W_STRICT);
    let mut next_id = layout.max_comment_id.max(match &existing_comments {
        Some(part) => max_comment_id(part)?,
        None => None,
    });
    let mut comments = Vec::with_capacity(findings.len());
    for finding in findings {
        let id = next_id.map_or(0, |n| n + 1);
        next_id = Some(id);
        comments.push(Comment { id, anchor: layout.anchor(source, finding), finding });
    }
    let document = layout.apply(&main, &comments)?;

    let mut replaced: BTreeMap<String, String> = BTreeMap::new();
    replaced.insert(main.name.clone(), document);
    let comment_xml: String = comments.iter().map(|c| comment_element(c, lang, "w", date)).collect();
    let mut added: Vec<(String, String)> = Vec::new();
    match existing_comments {
        Some(part) => {
            let prefix = root_prefix(&part.text);
            let body: String = comments.iter().map(|c| comment_element(c, lang, &prefix, date)).collect();
            replaced.insert(part.name.clone(), append_to_root(&part, &body)?);
        }
        None => {
            let ns = if strict { W_STRICT } else { W_TRANSITIONAL };
            let name = free_part_name(package, "word/comments.xml")?;
            added.push((
                name.clone(),
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{ns}\">{comment_xml}</w:comments>"
                ),
            ));
            let kind = if strict { COMMENTS_TYPE_STRICT } else { COMMENTS_TYPE };
            let target = relative_target(&main.name, &name);
            match rels_part {
                Some(part) => {
                    let id = free_relationship_id(&part)?;
                    let entry = format!("<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>");
                    replaced.insert(part.name.clone(), append_to_root(&part, &entry)?);
                }
                None => added.push((
                    rels.clone(),
                    format!(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{kind}\" Target=\"{target}\"/></Relationships>"
                    ),
                )),
            }
            let part = content_types.ok_or("the package has no [Content_Types].xml")?;
            let part_name = format!("/{name}");
            if !part.text.to_ascii_lowercase().contains(&format!("partname=\"{}\"", part_name.to_ascii_lowercase())) {
                let entry = format!("<Override PartName=\"{part_name}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>");
                replaced.insert(part.name.clone(), append_to_root(&part, &entry)?);
            }
        }
    }
    let bytes = write_package(package, &replaced, &added)?;
    Ok(Annotated { bytes, comments: comments.len() })
}

struct Comment<'a> {
    id: u64,
    anchor: Anchor,
    finding: &'a Finding,
}

/// Where a comment goes: around atoms `first..=last`, or around a whole paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Atoms { first: usize, last: usize },
    Paragraph(usize),
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    start: usize,
    end: usize,
    /// The `w:t` the character is in, or `None` for a run child of its own (`w:tab`).
    text: Option<usize>,
    run: usize,
}

#[derive(Debug, Clone)]
struct TextNode {
    qname: String,
    /// Where attributes can be inserted: just after `<w:t`.
    name_end: usize,
    preserve: bool,
    tag_start: usize,
    text_start: usize,
    text_end: usize,
    close_end: usize,
}

#[derive(Debug, Clone)]
struct RunNode {
    qname: String,
    start: usize,
    content_start: usize,
    close_start: usize,
    end: usize,
    rpr: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct ParaNode {
    qname: String,
    start: usize,
    open_end: usize,
    ppr_end: Option<usize>,
    /// `None` for `<w:p/>`.
    close_start: Option<usize>,
    end: usize,
}

/// What `word/document.xml` holds, by byte offset in the part.
struct Layout {
    atoms: Vec<Atom>,
    texts: Vec<TextNode>,
    runs: Vec<RunNode>,
    paragraphs: Vec<ParaNode>,
    index: ParagraphIndex,
    max_comment_id: Option<u64>,
}

/// The qualified name of the element whose tag starts at `at`: `w:p` in `<w:p w:rsidR=…>`.
fn qname_at(text: &str, base: usize, at: usize) -> String {
    let tag = text.get(at.saturating_sub(base)..).unwrap_or_default();
    let name = tag.trim_start_matches(['<', '/']);
    name.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next().unwrap_or_default().to_owned()
}

fn prefix_of(qname: &str) -> &str {
    qname.split_once(':').map_or("", |(prefix, _)| prefix)
}

impl Layout {
    fn scan(part: &Part) -> Result<Layout, String> {
        let mut xml = Xml::new(&part.text, part.base, &part.name);
        let mut layout = Layout {
            atoms: Vec::new(),
            texts: Vec::new(),
            runs: Vec::new(),
            paragraphs: Vec::new(),
            index: ParagraphIndex::default(),
            max_comment_id: None,
        };
        let mut path: Vec<(Ns, &'static str)> = Vec::new();
        let (mut open_runs, mut open_paras): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
        let mut text: Option<usize> = None;
        let mut in_body = false;
        let parent_is =
            |path: &[(Ns, &str)], local: &str| path.last().is_some_and(|&(ns, l)| ns == Ns::W && l == local);
        loop {
            let (at, item) = xml.next().map_err(describe)?;
            let end = xml.position();
            match item {
                Item::Eof => break,
                Item::Open(ref tag) | Item::Empty(ref tag) if tag.ns == Ns::W => {
                    let empty = matches!(item, Item::Empty(_));
                    match tag.local {
                        "body" => in_body = !empty,
                        "p" if in_body => {
                            layout.index.open(at, empty, end);
                            if !empty {
                                open_paras.push(layout.paragraphs.len());
                            }
                            layout.paragraphs.push(ParaNode {
                                qname: qname_at(&part.text, part.base, at),
                                start: at,
                                open_end: end,
                                ppr_end: None,
                                close_start: None,
                                end,
                            });
                        }
                        "pPr" if empty && parent_is(&path, "p") => {
                            if let Some(p) = open_paras.last().and_then(|&i| layout.paragraphs.get_mut(i)) {
                                p.ppr_end = Some(end);
                            }
                        }
                        "r" if !empty => {
                            open_runs.push(layout.runs.len());
                            layout.runs.push(RunNode {
                                qname: qname_at(&part.text, part.base, at),
                                start: at,
                                content_start: end,
                                close_start: end,
                                end,
                                rpr: None,
                            });
                        }
                        "rPr" if parent_is(&path, "r") => {
                            if let Some(r) = open_runs.last().and_then(|&i| layout.runs.get_mut(i)) {
                                r.rpr = Some((at, end));
                                r.content_start = end;
                            }
                        }
                        "t" if !empty && parent_is(&path, "r") => {
                            let qname = qname_at(&part.text, part.base, at);
                            text = Some(layout.texts.len());
                            layout.texts.push(TextNode {
                                name_end: at + 1 + qname.len(),
                                qname,
                                preserve: tag.attr("space").is_some_and(|v| v == "preserve"),
                                tag_start: at,
                                text_start: end,
                                text_end: end,
                                close_end: end,
                            });
                        }
                        "tab" | "noBreakHyphen" | "sym" if parent_is(&path, "r") => {
                            if let Some(&run) = open_runs.last() {
                                layout.atoms.push(Atom { start: at, end, text: None, run });
                            }
                        }
                        "commentRangeStart" | "commentReference" => {
                            if let Some(id) = tag.attr("id").and_then(|v| v.trim().parse::<u64>().ok()) {
                                layout.max_comment_id = layout.max_comment_id.max(Some(id));
                            }
                        }
                        _ => {}
                    }
                    if !empty {
                        path.push((tag.ns, tag.local));
                    }
                }
                Item::Open(tag) => path.push((tag.ns, tag.local)),
                Item::Empty(_) => {}
                Item::Close { ns, local } => {
                    path.pop();
                    if ns != Ns::W {
                        continue;
                    }
                    match local {
                        "body" => in_body = false,
                        "p" if in_body => {
                            layout.index.close(end);
                            if let Some(p) = open_paras.pop().and_then(|i| layout.paragraphs.get_mut(i)) {
                                p.close_start = Some(at);
                                p.end = end;
                            }
                        }
                        "pPr" if parent_is(&path, "p") => {
                            if let Some(p) = open_paras.last().and_then(|&i| layout.paragraphs.get_mut(i)) {
                                p.ppr_end = Some(end);
                            }
                        }
                        "rPr" if parent_is(&path, "r") => {
                            if let Some(r) = open_runs.last().and_then(|&i| layout.runs.get_mut(i)) {
                                r.rpr = r.rpr.map(|(start, _)| (start, end));
                                r.content_start = end;
                            }
                        }
                        "r" => {
                            if let Some(r) = open_runs.pop().and_then(|i| layout.runs.get_mut(i)) {
                                r.close_start = at;
                                r.end = end;
                            }
                        }
                        "t" => {
                            if let Some(t) = text.take().and_then(|i| layout.texts.get_mut(i)) {
                                t.text_end = at;
                                t.close_end = end;
                            }
                        }
                        _ => {}
                    }
                }
                Item::Text(content) => {
                    if let (Some(t), Some(&run)) = (text, open_runs.last()) {
                        for (i, c) in content.char_indices() {
                            layout.atoms.push(Atom { start: at + i, end: at + i + c.len_utf8(), text: Some(t), run });
                        }
                    }
                }
                Item::Char(_) => {
                    if let (Some(t), Some(&run)) = (text, open_runs.last()) {
                        layout.atoms.push(Atom { start: at, end, text: Some(t), run });
                    }
                }
            }
        }
        Ok(layout)
    }

    /// The paragraph holding `offset`, else the first one after it, else the last one.
    fn paragraph_at(&self, offset: usize) -> Option<usize> {
        self.index
            .ordinal(offset)
            .map(|n| n - 1)
            .or_else(|| {
                let next = self.paragraphs.partition_point(|p| p.start < offset);
                (next < self.paragraphs.len()).then_some(next)
            })
            .or_else(|| self.paragraphs.len().checked_sub(1))
    }

    fn anchor(&self, source: &SourceFile, finding: &Finding) -> Anchor {
        let span = finding.span;
        let start = source.map.original(span.start);
        let paragraph = self.paragraph_at(start).unwrap_or(0);
        let last_char = source
            .text
            .get(span.start..span.end)
            .and_then(|s| s.trim_end_matches(['\n', '\r']).char_indices().next_back())
            .map(|(i, _)| span.start + i);
        let Some(last_char) = last_char else { return Anchor::Paragraph(paragraph) };
        let last = source.map.original(last_char);
        // The first character at or after the start, and the last one at or before the end:
        // offsets on generated text (a heading number) fall between characters.
        let first = self.atoms.partition_point(|a| a.end <= start);
        let Some(end) = self.atoms.partition_point(|a| a.start <= last).checked_sub(1) else {
            return Anchor::Paragraph(paragraph);
        };
        let same_paragraph = self.atoms.get(first).is_some_and(|a| self.paragraph_at(a.start) == Some(paragraph));
        if first <= end && same_paragraph { Anchor::Atoms { first, last: end } } else { Anchor::Paragraph(paragraph) }
    }

    /// Where a range boundary lands: before atom `i` (`before`) or after it.
    fn slot_at_atom(&self, i: usize, before: bool) -> Option<(usize, Slot)> {
        let atom = self.atoms.get(i)?;
        let run = self.runs.get(atom.run)?;
        let boundary = match atom.text.and_then(|t| self.texts.get(t).map(|node| (t, node))) {
            Some((t, node)) => {
                let at = if before { atom.start } else { atom.end };
                if at == node.text_start {
                    node.tag_start
                } else if at == node.text_end {
                    node.close_end
                } else {
                    return Some((at, Slot::Split { text: t, run: atom.run }));
                }
            }
            None => {
                if before {
                    atom.start
                } else {
                    atom.end
                }
            }
        };
        Some(if boundary <= run.content_start {
            (run.start, Slot::Outside { paragraph: self.paragraph_at(run.start).unwrap_or(0) })
        } else if boundary >= run.close_start {
            (run.end, Slot::Outside { paragraph: self.paragraph_at(run.start).unwrap_or(0) })
        } else {
            (boundary, Slot::RunSplit { run: atom.run })
        })
    }

    /// The slots where a comment starts and ends.
    fn slots(&self, anchor: Anchor) -> Option<((usize, Slot), (usize, Slot))> {
        match anchor {
            Anchor::Atoms { first, last } => Some((self.slot_at_atom(first, true)?, self.slot_at_atom(last, false)?)),
            Anchor::Paragraph(i) => {
                let p = self.paragraphs.get(i)?;
                match p.close_start {
                    Some(close) => {
                        let start = p.ppr_end.unwrap_or(p.open_end).min(close);
                        Some(((start, Slot::Outside { paragraph: i }), (close, Slot::Outside { paragraph: i })))
                    }
                    None => {
                        let at = p.end.saturating_sub(2);
                        Some(((at, Slot::EmptyParagraph { paragraph: i }), (at, Slot::EmptyParagraph { paragraph: i })))
                    }
                }
            }
        }
    }

    /// The part's text with the comment ranges inserted.
    fn apply(&self, part: &Part, comments: &[Comment<'_>]) -> Result<String, String> {
        #[derive(Default)]
        struct AtSlot {
            kind: Option<Slot>,
            /// Comments ending here whose start is earlier; starts; comments that start and end here.
            ends: Vec<u64>,
            starts: Vec<u64>,
            closed_here: Vec<u64>,
        }
        let mut slots: BTreeMap<usize, AtSlot> = BTreeMap::new();
        for comment in comments {
            let ((start, start_kind), (end, end_kind)) =
                self.slots(comment.anchor).ok_or("the document has no paragraph to anchor a comment on")?;
            let at_start = slots.entry(start).or_default();
            at_start.kind.get_or_insert(start_kind);
            at_start.starts.push(comment.id);
            let at_end = slots.entry(end).or_default();
            at_end.kind.get_or_insert(end_kind);
            if end == start { at_end.closed_here.push(comment.id) } else { at_end.ends.push(comment.id) }
        }
        let strict = part.text.contains(W_STRICT);
        let mut preserve: BTreeSet<usize> = BTreeSet::new();
        let mut edits: Vec<(usize, usize, String)> = Vec::with_capacity(slots.len());
        for (at, slot) in slots {
            let Some(kind) = slot.kind else { continue };
            let prefix = match kind {
                Slot::Outside { paragraph } | Slot::EmptyParagraph { paragraph } => {
                    self.paragraphs.get(paragraph).map_or("w", |p| prefix_of(&p.qname))
                }
                Slot::Split { run, .. } | Slot::RunSplit { run } => {
                    self.runs.get(run).map_or("w", |r| prefix_of(&r.qname))
                }
            };
            let markup = Markup::new(prefix, strict);
            let mut markers = String::new();
            for id in &slot.ends {
                markers.push_str(&markup.end(*id));
            }
            for id in &slot.starts {
                markers.push_str(&markup.start(*id));
            }
            for id in &slot.closed_here {
                markers.push_str(&markup.end(*id));
            }
            let rpr = |run: &RunNode| {
                run.rpr
                    .and_then(|(s, e)| part.text.get(s.checked_sub(part.base)?..e.checked_sub(part.base)?))
                    .unwrap_or_default()
                    .to_owned()
            };
            match kind {
                Slot::Outside { .. } => edits.push((at, 0, markers)),
                Slot::RunSplit { run } => {
                    let run = self.runs.get(run).ok_or("run out of range")?;
                    edits.push((at, 0, format!("</{q}>{markers}<{q}>{}", rpr(run), q = run.qname)));
                }
                Slot::Split { text, run } => {
                    let node = self.texts.get(text).ok_or("text out of range")?;
                    let run = self.runs.get(run).ok_or("run out of range")?;
                    if !node.preserve {
                        preserve.insert(node.name_end);
                    }
                    edits.push((
                        at,
                        0,
                        format!(
                            "</{t}></{r}>{markers}<{r}>{}<{t} xml:space=\"preserve\">",
                            rpr(run),
                            t = node.qname,
                            r = run.qname
                        ),
                    ));
                }
                Slot::EmptyParagraph { paragraph } => {
                    let p = self.paragraphs.get(paragraph).ok_or("paragraph out of range")?;
                    edits.push((at, 2, format!(">{markers}</{}>", p.qname)));
                }
            }
        }
        edits.extend(preserve.into_iter().map(|at| (at, 0, " xml:space=\"preserve\"".to_owned())));
        edits.sort_by_key(|(at, _, _)| *at);
        let text = &part.text;
        let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.2.len()).sum::<usize>());
        let mut from = 0;
        for (at, delete, insert) in edits {
            let at = at.checked_sub(part.base).ok_or("an offset before the part")?;
            out.push_str(text.get(from..at).ok_or("an edit inside a character")?);
            out.push_str(&insert);
            from = at + delete;
        }
        out.push_str(text.get(from..).ok_or("an edit past the part")?);
        Ok(out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Between runs (or paragraph content) of a paragraph.
    Outside { paragraph: usize },
    /// Inside the text of a `w:t`: the run is closed and reopened.
    Split { text: usize, run: usize },
    /// Between two children of a run.
    RunSplit { run: usize },
    /// `<w:p/>`: opened to hold the markers.
    EmptyParagraph { paragraph: usize },
}

/// Comment markup in the prefix the document uses for Word's namespace.
struct Markup {
    element: String,
    attribute: String,
}

impl Markup {
    fn new(prefix: &str, strict: bool) -> Markup {
        if prefix.is_empty() {
            // Word's namespace is the default one here; attributes still need a prefix.
            let ns = if strict { W_STRICT } else { W_TRANSITIONAL };
            Markup { element: String::new(), attribute: format!("xmlns:nlw=\"{ns}\" nlw:") }
        } else {
            Markup { element: format!("{prefix}:"), attribute: format!("{prefix}:") }
        }
    }

    fn start(&self, id: u64) -> String {
        format!("<{e}commentRangeStart {a}id=\"{id}\"/>", e = self.element, a = self.attribute)
    }

    fn end(&self, id: u64) -> String {
        format!(
            "<{e}commentRangeEnd {a}id=\"{id}\"/><{e}r><{e}commentReference {a}id=\"{id}\"/></{e}r>",
            e = self.element,
            a = self.attribute
        )
    }
}

/// `w:comment`: `CODE message` in the first paragraph, the help in the second.
fn comment_element(comment: &Comment<'_>, lang: Lang, prefix: &str, date: Option<&str>) -> String {
    let w = if prefix.is_empty() { String::new() } else { format!("{prefix}:") };
    let f = comment.finding;
    let paragraph = |text: &str, reference: bool| {
        let mark = if reference { format!("<{w}r><{w}annotationRef/></{w}r>") } else { String::new() };
        format!(
            "<{w}p>{mark}<{w}r><{w}t xml:space=\"preserve\">{}</{w}t></{w}r></{w}p>",
            crate::report::machine::xml_escape(text)
        )
    };
    let mut body = paragraph(&format!("{} {}", f.code, f.message.get(lang)), true);
    if let Some(help) = &f.help {
        body.push_str(&paragraph(help.get(lang), false));
    }
    let date = date.map(|d| format!(" {w}date=\"{}\"", crate::report::machine::xml_escape(d))).unwrap_or_default();
    format!("<{w}comment {w}id=\"{}\" {w}author=\"{AUTHOR}\"{date} {w}initials=\"NL\">{body}</{w}comment>", comment.id)
}

/// The comments' date: now, or `SOURCE_DATE_EPOCH` when set, so that a copy can be made
/// byte for byte again. Without a date, LibreOffice shows a nonsense one.
pub fn comment_date() -> String {
    let seconds =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    utc(seconds)
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a Unix time (the civil calendar from days, as in Howard
/// Hinnant's `civil_from_days`).
fn utc(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// The highest `w:id` of the comments in a comments part.
fn max_comment_id(part: &Part) -> Result<Option<u64>, String> {
    let mut xml = Xml::new(&part.text, part.base, &part.name);
    let mut max = None;
    loop {
        match xml.next().map_err(describe)?.1 {
            Item::Open(tag) | Item::Empty(tag) if tag.is(Ns::W, "comment") => {
                if let Some(id) = tag.attr("id").and_then(|v| v.trim().parse::<u64>().ok()) {
                    max = max.max(Some(id));
                }
            }
            Item::Eof => return Ok(max),
            _ => {}
        }
    }
}

/// The prefix of the root element's name (`w` for `<w:comments>`).
fn root_prefix(text: &str) -> String {
    let mut rest = text.find('<').and_then(|i| text.get(i..)).unwrap_or_default();
    // Skip the declaration and comments before the root.
    while rest.starts_with("<?") || rest.starts_with("<!") {
        let next = rest.find('>').map_or(rest.len(), |i| i + 1);
        rest = rest.get(next..).unwrap_or_default().trim_start();
    }
    prefix_of(&qname_at(rest, 0, 0)).to_owned()
}

/// `content` inserted as the last children of the part's root element.
fn append_to_root(part: &Part, content: &str) -> Result<String, String> {
    let mut xml = Xml::new(&part.text, part.base, &part.name);
    loop {
        let (at, item) = xml.next().map_err(describe)?;
        let end = xml.position();
        let at_root = xml.depth() == 0;
        let local =
            |at: usize| -> Result<usize, String> { at.checked_sub(part.base).ok_or_else(|| "offset".to_owned()) };
        match item {
            Item::Close { .. } if at_root => {
                let at = local(at)?;
                let (head, tail) = part.text.split_at_checked(at).ok_or("root close tag")?;
                return Ok(format!("{head}{content}{tail}"));
            }
            Item::Empty(_) if at_root => {
                // `<Relationships …/>`: opened to hold the content.
                let (at, end) = (local(at)?, local(end)?);
                let tag = part.text.get(at..end).ok_or("root tag")?;
                let qname = qname_at(tag, 0, 0);
                let open = tag.trim_end_matches('>').trim_end_matches('/');
                return Ok(format!(
                    "{}{open}>{content}</{qname}>{}",
                    part.text.get(..at).unwrap_or_default(),
                    part.text.get(end..).unwrap_or_default()
                ));
            }
            Item::Eof => return Err(format!("{} has no root element", part.name)),
            _ => {}
        }
    }
}

/// An `Id` for a new relationship that none in the part uses.
fn free_relationship_id(part: &Part) -> Result<String, String> {
    let mut xml = Xml::new(&part.text, part.base, &part.name);
    let mut ids = BTreeSet::new();
    loop {
        match xml.next().map_err(describe)?.1 {
            Item::Open(tag) | Item::Empty(tag) if tag.local == "Relationship" => {
                if let Some(id) = tag.attr("Id") {
                    ids.insert(id.into_owned());
                }
            }
            Item::Eof => break,
            _ => {}
        }
    }
    let mut n = ids.len() + 1;
    while ids.contains(&format!("rId{n}")) {
        n += 1;
    }
    Ok(format!("rId{n}"))
}

/// `wanted`, or a name beside it that no entry of the package uses.
fn free_part_name(package: &[u8], wanted: &str) -> Result<String, String> {
    let archive = zip::ZipArchive::new(Cursor::new(package)).map_err(|e| e.to_string())?;
    let taken: BTreeSet<String> = archive.file_names().flatten().map(|n| n.to_ascii_lowercase()).collect();
    if !taken.contains(&wanted.to_ascii_lowercase()) {
        return Ok(wanted.to_owned());
    }
    let mut n = 1;
    loop {
        let name = format!("word/comments-normlint{n}.xml");
        if !taken.contains(&name) {
            return Ok(name);
        }
        n += 1;
    }
}

/// A relationship target for `target` from the folder of `source`.
fn relative_target(source: &str, target: &str) -> String {
    let dir = source.rsplit_once('/').map_or("", |(dir, _)| dir);
    match target.strip_prefix(dir).and_then(|rest| rest.strip_prefix('/')) {
        Some(relative) if !dir.is_empty() => relative.to_owned(),
        _ => format!("/{target}"),
    }
}

/// The part's new text in the encoding its entry had: a UTF-8 byte-order mark is kept; a
/// UTF-16 part is written as UTF-8 and its declaration says so.
fn encode_part(original: &[u8], text: &str) -> Vec<u8> {
    if original.starts_with(&[0xEF, 0xBB, 0xBF]) {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(text.as_bytes());
        return bytes;
    }
    if original.starts_with(&[0xFF, 0xFE]) || original.starts_with(&[0xFE, 0xFF]) {
        if let Some(end) = text.find("?>").filter(|_| text.starts_with("<?xml")) {
            let (declaration, rest) = text.split_at(end);
            let declaration = declaration.replace("UTF-16", "UTF-8").replace("utf-16", "UTF-8");
            return format!("{declaration}{rest}").into_bytes();
        }
    }
    text.as_bytes().to_vec()
}

/// The package with `replaced` parts rewritten in place and `added` parts appended; every other
/// entry copied as stored (compressed bytes, CRC, time).
fn write_package(
    package: &[u8],
    replaced: &BTreeMap<String, String>,
    added: &[(String, String)],
) -> Result<Vec<u8>, String> {
    let zip_error = |e: zip::result::ZipError| e.to_string();
    let mut archive = zip::ZipArchive::new(Cursor::new(package)).map_err(zip_error)?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(package.len() + 64 * 1024)));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i).map_err(zip_error)?.name().map_err(zip_error)?.into_owned();
        match replaced.get(&name) {
            Some(text) => {
                let mut entry = archive.by_index(i).map_err(zip_error)?;
                let time = entry.last_modified().unwrap_or_default();
                let mut head = Vec::with_capacity(3);
                (&mut entry).take(3).read_to_end(&mut head).map_err(|e| e.to_string())?;
                drop(entry);
                writer.start_file(name.as_str(), deflated.last_modified_time(time)).map_err(zip_error)?;
                writer.write_all(&encode_part(&head, text)).map_err(|e| e.to_string())?;
            }
            None => writer.raw_copy_file(archive.by_index_raw(i).map_err(zip_error)?).map_err(zip_error)?,
        }
    }
    for (name, text) in added {
        writer.start_file(name.as_str(), deflated).map_err(zip_error)?;
        writer.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(writer.finish().map_err(zip_error)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names_and_prefixes() {
        assert_eq!(qname_at("<w:p w:rsidR=\"1\">", 0, 0), "w:p");
        assert_eq!(qname_at("xx<w:t>", 2, 4), "w:t");
        assert_eq!(qname_at("</w:r>", 0, 0), "w:r");
        assert_eq!(prefix_of("w:p"), "w");
        assert_eq!(prefix_of("p"), "");
        assert_eq!(root_prefix("<?xml version=\"1.0\"?>\n<w:comments xmlns:w=\"x\"/>"), "w");
    }

    #[test]
    fn dates_are_utc() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_748_736_000 + 3661), "2025-06-01T01:01:01Z");
    }

    #[test]
    fn relationship_targets_are_relative_to_the_source_folder() {
        assert_eq!(relative_target("word/document.xml", "word/comments.xml"), "comments.xml");
        assert_eq!(relative_target("document.xml", "word/comments.xml"), "/word/comments.xml");
    }

    #[test]
    fn parts_keep_their_byte_order_mark_and_utf16_becomes_utf8() {
        assert_eq!(encode_part(b"\xEF\xBB\xBF<a", "<a/>"), b"\xEF\xBB\xBF<a/>".to_vec());
        assert_eq!(
            encode_part(b"\xFF\xFE<", "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>"),
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>".to_vec()
        );
        assert_eq!(encode_part(b"<a", "<b/>"), b"<b/>".to_vec());
    }

    #[test]
    fn comment_text_is_escaped() {
        let finding = crate::findings::Finding::located(
            crate::facts::Anchor::start(),
            ("PV001", "must-not-shall", crate::diagnostic::Severity::Error),
            crate::diagnostic::Message::new("“必须”<b>", "must"),
            Some(crate::diagnostic::Message::new("用“应”&", "use")),
        );
        let comment = Comment { id: 7, anchor: Anchor::Paragraph(0), finding: &finding };
        assert_eq!(
            comment_element(&comment, Lang::Zh, "w", Some("2025-06-01T08:00:00Z")),
            "<w:comment w:id=\"7\" w:author=\"normlint\" w:date=\"2025-06-01T08:00:00Z\" w:initials=\"NL\"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t xml:space=\"preserve\">PV001 “必须”&lt;b&gt;</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">用“应”&amp;</w:t></w:r></w:p></w:comment>"
        );
    }
}
