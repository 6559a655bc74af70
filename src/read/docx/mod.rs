//! The Word (.docx) reader: zip + quick-xml, rendered to a [`TextView`](super::TextView).
//!
//! The package is opened within limits (`package`), styles are resolved to roles through
//! `w:basedOn` (`styles`), auto-numbering is replayed (`numbering`), and `word/document.xml`
//! is walked in the accepted view of its tracked changes (`document`). Each paragraph becomes
//! one line of the view, written so that the shared classifier reads it as it reads Markdown:
//! a heading is `5.1 总则` with a heading hint, an annex is `附录A` / `（规范性）` / title, a
//! term entry is its number alone then the term line. Labels Word generates are anchored at
//! their paragraph in `word/document.xml`; text copied from `w:t` maps byte for byte.
//! Paragraphs without a known style are written as they read and left to the classifier, so
//! a draft typed in Normal style is read like a text file.

mod document;
mod fields;
mod numbering;
// `annotate` writes into the package the reader reads.
pub(crate) mod package;
mod styles;
mod template;
mod view;
pub(crate) mod xml;

use super::{ReadError, TextView};
use crate::diagnostic::{Diagnostic, Message};
use crate::source::{OffsetMap, Span};

pub use package::MAX_PART_BYTES;

/// Reads a .docx package (also .docm, .dotx) into a text view of `word/document.xml`.
pub fn read(bytes: &[u8]) -> Result<TextView, ReadError> {
    let mut package = package::Package::open(bytes)?;
    let Some(main) = package.main_document()? else {
        return Err(ReadError::MalformedDocx { message: "the package has no word/document.xml".to_owned() });
    };
    let related = package.relationships_of(&main.name)?;
    let target = |kind: &str, fallback: &str| {
        related.iter().find(|(k, _)| k == kind).map_or_else(|| fallback.to_owned(), |(_, t)| t.clone())
    };
    let styles = match package.part(&target("styles", "word/styles.xml"))? {
        Some(part) => template::styles(part)?,
        None => std::sync::Arc::default(),
    };
    let mut numbering = match package.part(&target("numbering", "word/numbering.xml"))? {
        Some(part) => numbering::Numbering::new(template::numbering(part, &styles)?),
        None => numbering::Numbering::default(),
    };
    let stored = match package.part(&target("comments", "word/comments.xml"))? {
        Some(part) => read_comments(&part)?,
        None => Vec::new(),
    };
    let directives: crate::hash::HashMap<String, String> =
        stored.iter().filter_map(|(id, text)| Some((id.clone(), directive_line(text)?))).collect();
    let stored_comments = stored.len() - directives.len();
    drop(package);

    let mut xml = xml::Xml::new(&main.text, main.base, &main.name);
    let walked = document::walk(&mut xml, &styles, &mut numbering, &directives)?;
    let mut notices = Vec::new();
    let comments = walked.comments.max(stored_comments);
    if walked.revisions > 0 || comments > 0 {
        notices.push(tracked_changes(walked.revisions, comments, walked.first_change.unwrap_or(Span::empty(0))));
    }
    notices.extend(numbering_notices(&walked.view, &walked.numbering_defects));
    let view = walked.view;
    let paragraphs = walked.paragraphs;
    Ok(TextView {
        text: view.text,
        map: OffsetMap::Runs(view.runs),
        lines: view.lines,
        part: Some(main.name),
        origin: None,
        paragraphs: Some(paragraphs),
        notices,
    })
}

/// The comments of `word/comments.xml`: (id, text).
fn read_comments(part: &package::Part) -> Result<Vec<(String, String)>, ReadError> {
    let mut xml = xml::Xml::new(&part.text, part.base, &part.name);
    let mut out: Vec<(String, String)> = Vec::new();
    loop {
        match xml.next()?.1 {
            xml::Item::Open(tag) | xml::Item::Empty(tag) if tag.is(xml::Ns::W, "comment") => {
                out.push((tag.attr("id").map(|v| v.into_owned()).unwrap_or_default(), String::new()));
            }
            xml::Item::Text(text) => {
                if let Some((_, body)) = out.last_mut() {
                    body.push_str(&text);
                }
            }
            xml::Item::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The suppression line a comment's text makes, if it is one: `normlint-disable CODE…` (or
/// `normlint-disable-next-line`) covers the paragraph it is anchored in, `normlint-disable-file`
/// the whole document.
fn directive_line(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix("normlint-disable")?;
    let (kind, codes) = match rest.strip_prefix("-file") {
        Some(codes) => ("disable-file", codes),
        None => ("disable-next-line", rest.strip_prefix("-next-line").unwrap_or(rest)),
    };
    if !codes.is_empty() && !codes.starts_with(char::is_whitespace) {
        return None;
    }
    Some(format!("<!-- normlint-{kind} {} -->", codes.trim().replace("-->", "")))
}

/// The rules the reader's notices belong to, by code: `read` sits below `rules`, and the
/// pipeline takes their names and severities from the registry.
pub const TRACKED_CHANGES: &str = "IO009";
pub const MISSING_NUMBERING: &str = "IO011";

/// IO011: one finding per missing definition, at the first paragraph that uses it.
fn numbering_notices(view: &view::View, defects: &[document::NumberingDefect]) -> Vec<Diagnostic> {
    use numbering::Missing;
    let mut by_missing: std::collections::BTreeMap<Missing, (Span, usize)> = std::collections::BTreeMap::new();
    for defect in defects {
        by_missing.entry(defect.missing).or_insert((defect.span, 0)).1 += 1;
    }
    by_missing
        .into_iter()
        .map(|(missing, (span, count))| {
            let paragraph: String = view.text.get(span.start..span.end).unwrap_or_default().trim().chars().take(24).collect();
            let (zh, en) = match missing {
                Missing::Part => (
                    "文件没有编号定义部件（word/numbering.xml）".to_owned(),
                    "the package has no numbering part (word/numbering.xml)".to_owned(),
                ),
                Missing::Num(num) => (
                    format!("numbering.xml中没有编号{num}（w:num w:numId=\"{num}\"）"),
                    format!("numbering.xml defines no numbering {num} (w:num w:numId=\"{num}\")"),
                ),
                Missing::Abstract { num, abstract_id } => (
                    format!("编号{num}所指的编号定义{abstract_id}（w:abstractNum）不存在"),
                    format!("numbering {num} points to the definition {abstract_id} (w:abstractNum), which is not there"),
                ),
                Missing::Level { num, ilvl } => (
                    format!("编号{num}没有第{ilvl}级（w:lvl w:ilvl=\"{ilvl}\"）"),
                    format!("numbering {num} has no level {ilvl} (w:lvl w:ilvl=\"{ilvl}\")"),
                ),
            };
            Diagnostic::notice(
                MISSING_NUMBERING,
                span,
                Message::new(
                    format!("段落“{paragraph}”要求自动编号，但{zh}；共{count}个段落因此没有编号，已按文本识别"),
                    format!(
                        "the paragraph “{paragraph}” asks for an automatic number, but {en}; {count} paragraph(s) lose their numbers and were read as text"
                    ),
                ),
                Some(Message::new(
                    "在Word中重新为这些标题应用模板的多级列表（或标准文件_章标题等样式）后保存",
                    "reapply the template's multilevel list (or the 标准文件_章标题 … styles) to these headings in Word and save",
                )),
            )
        })
        .collect()
}

fn tracked_changes(revisions: usize, comments: usize, span: Span) -> Diagnostic {
    let (zh, en) = match (revisions, comments) {
        (0, c) => (format!("文件含有{c}条批注"), format!("the document holds {c} comment(s)")),
        (r, 0) => (
            format!("文件含有{r}处未处理的修订；按接受全部修订后的文本检查"),
            format!("the document holds {r} tracked change(s); checked as if all were accepted"),
        ),
        (r, c) => (
            format!("文件含有{r}处未处理的修订和{c}条批注；按接受全部修订后的文本检查"),
            format!("the document holds {r} tracked change(s) and {c} comment(s); checked as if all were accepted"),
        ),
    };
    Diagnostic::notice(
        TRACKED_CHANGES,
        span,
        Message::new(zh, en),
        Some(Message::new(
            "在Word中接受或拒绝全部修订，并删除批注后再提交",
            "accept or reject all changes and delete the comments before submitting",
        )),
    )
}
