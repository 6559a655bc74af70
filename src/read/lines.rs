//! Splitting a Markdown or text file into logical lines.
//!
//! Markdown only refines block boundaries: heading markers, fences, HTML blocks and pipe tables
//! are recognised here so that the classifier sees plain lines. Clause levels never come from
//! `#` depth; the heading mark is only a hint that the line is a heading.

use crate::source::{LineIndex, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A line of text for the classifier; `span` excludes Markdown markup around it.
    Text,
    Blank,
    /// An HTML `<table>` block or a run of pipe-table lines.
    Table,
    /// An image (`![..](..)`, `<img>`).
    Figure,
    /// A fenced code block or an XML listing.
    Code,
    /// A displayed formula with its number, if any, at the end (`S = N / T (1)`); the STS reader
    /// knows them from `<disp-formula>`.
    Formula,
    /// A comment or converter debris (page numbers, "Powered by …").
    Skip,
}

#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub kind: LineKind,
    pub span: Span,
    /// `#` count for ATX headings in Markdown.
    pub heading: Option<u8>,
    /// The line directly follows a text line with no blank between (a Markdown soft break).
    pub continues: bool,
}

fn trim_span(text: &str, start: usize, end: usize) -> Span {
    let slice = text.get(start..end).unwrap_or_default();
    // Most lines open and end with a character no trimmed one shares its first byte with: a
    // Han character or a Latin letter. A trimmed character is white space or U+FEFF (EF).
    let may_trim = |b: u8| b == 0xEF || crate::model::OPENS_WHITESPACE.get(usize::from(b)).copied().unwrap_or(true);
    let last_lead = slice.as_bytes().iter().rposition(|&b| (b & 0xC0) != 0x80);
    if let (Some(&first), Some(last)) = (slice.as_bytes().first(), last_lead.and_then(|i| slice.as_bytes().get(i))) {
        if !may_trim(first) && !may_trim(*last) {
            return Span::new(start, end);
        }
    }
    let lead = slice.len() - slice.trim_start_matches(is_trim).len();
    let trail = slice.len() - slice.trim_end_matches(is_trim).len();
    if lead + trail >= slice.len() {
        return Span::empty(start);
    }
    Span::new(start + lead, end - trail)
}

fn is_trim(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Lines of a plain-text file: every line is text, but for the pipe tables a Word export
/// writes (`| 模式 | 说明 |`).
pub fn text_lines(text: &str, index: &LineIndex) -> Vec<Line> {
    let mut out = Vec::new();
    for (start, end) in index.spans(text) {
        let span = trim_span(text, start, end);
        let line = text.get(span.start..span.end).unwrap_or_default();
        if line.starts_with('|') || continues_pipe_row(text, &out, line) {
            push_or_extend(&mut out, LineKind::Table, span);
            continue;
        }
        let kind = if span.is_empty() { LineKind::Blank } else { classify_debris(text, span) };
        out.push(Line { kind, span, heading: None, continues: false });
    }
    out
}

/// A cell written over several lines (`| 1.配置多个地址` / `2.禁止配置为HttpSite地址 |`): a row
/// whose last line does not end with `|` is still open, and goes on until a line closes it.
fn continues_pipe_row(text: &str, out: &[Line], line: &str) -> bool {
    let open_row = out
        .last()
        .is_some_and(|l| l.kind == LineKind::Table && !text.get(..l.span.end).unwrap_or_default().ends_with('|'));
    open_row && !line.is_empty()
}

/// Page numbers and converter banners that PDF conversions leave between paragraphs.
fn classify_debris(text: &str, span: Span) -> LineKind {
    let line = text.get(span.start..span.end).unwrap_or_default();
    let roman = !line.is_empty() && line.len() <= 6 && line.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let page = !line.is_empty() && line.len() <= 3 && line.chars().all(|c| c.is_ascii_digit());
    if roman || page || line.starts_with("Powered by ") { LineKind::Skip } else { LineKind::Text }
}

/// Lines of a Markdown file.
pub fn markdown_lines(text: &str, index: &LineIndex) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut fence: Option<(Span, &str)> = None;
    let mut html_block: Option<(Span, &'static str, LineKind)> = None;
    let mut in_comment: Option<Span> = None;
    let mut previous_text = false;

    let mut front_matter = text.starts_with("---");
    for (index, (start, end)) in index.spans(text).enumerate() {
        let span = trim_span(text, start, end);
        let line = text.get(span.start..span.end).unwrap_or_default();

        // YAML front matter (`---` … `---` at the very top) is metadata, not document text.
        if front_matter {
            if index > 0 && (line == "---" || line == "...") {
                front_matter = false;
            }
            out.push(Line { kind: LineKind::Skip, span, heading: None, continues: false });
            continue;
        }
        if let Some(comment) = in_comment {
            let whole = comment.cover(span);
            if line.contains("-->") {
                in_comment = None;
                out.push(Line { kind: LineKind::Skip, span: whole, heading: None, continues: false });
            } else {
                in_comment = Some(whole);
            }
            continue;
        }
        if let Some((open, marker)) = fence {
            let whole = open.cover(span);
            if line.starts_with(marker) {
                fence = None;
                out.push(Line { kind: LineKind::Code, span: whole, heading: None, continues: false });
            } else {
                fence = Some((whole, marker));
            }
            continue;
        }
        if let Some((open, closing, kind)) = html_block {
            let whole = open.cover(span);
            if line.contains(closing) {
                html_block = None;
                out.push(Line { kind, span: whole, heading: None, continues: false });
            } else {
                html_block = Some((whole, closing, kind));
            }
            continue;
        }

        if span.is_empty() {
            out.push(Line { kind: LineKind::Blank, span, heading: None, continues: false });
            previous_text = false;
            continue;
        }
        if line.starts_with("<!--") {
            if line.contains("-->") {
                out.push(Line { kind: LineKind::Skip, span, heading: None, continues: false });
            } else {
                in_comment = Some(span);
            }
            continue;
        }
        if line.starts_with("```") || line.starts_with("~~~") {
            fence = Some((span, if line.starts_with('`') { "```" } else { "~~~" }));
            previous_text = false;
            continue;
        }
        if starts_with_tag(line, "table") {
            if line.contains("</table>") {
                out.push(Line { kind: LineKind::Table, span, heading: None, continues: false });
            } else {
                html_block = Some((span, "</table>", LineKind::Table));
            }
            previous_text = false;
            continue;
        }
        // An XML listing pasted into a converted standard (an annex with a schema).
        if line.starts_with("<?xml") || line.starts_with("<xs:") {
            push_or_extend(&mut out, LineKind::Code, span);
            previous_text = false;
            continue;
        }
        if is_image(line) {
            out.push(Line { kind: LineKind::Figure, span, heading: None, continues: false });
            previous_text = false;
            continue;
        }
        if line.starts_with('|') || continues_pipe_row(text, &out, line) {
            push_or_extend(&mut out, LineKind::Table, span);
            previous_text = false;
            continue;
        }

        let (content, heading) = strip_markdown(text, span);
        if content.is_empty() {
            // `##` with nothing after it, `---` rules, `<div>` wrappers with nothing inside.
            out.push(Line { kind: LineKind::Skip, span, heading: None, continues: false });
            continue;
        }
        let kind = if heading.is_some() { LineKind::Text } else { classify_debris(text, content) };
        let continues = previous_text && heading.is_none() && kind == LineKind::Text;
        out.push(Line { kind, span: content, heading, continues });
        previous_text = kind == LineKind::Text && heading.is_none();
    }
    if let Some((open, _)) = fence {
        out.push(Line { kind: LineKind::Code, span: open, heading: None, continues: false });
    }
    if let Some((open, _, kind)) = html_block {
        out.push(Line { kind, span: open, heading: None, continues: false });
    }
    if let Some(open) = in_comment {
        out.push(Line { kind: LineKind::Skip, span: open, heading: None, continues: false });
    }
    out
}

fn push_or_extend(out: &mut Vec<Line>, kind: LineKind, span: Span) {
    if let Some(last) = out.last_mut().filter(|l| l.kind == kind) {
        last.span = last.span.cover(span);
    } else {
        out.push(Line { kind, span, heading: None, continues: false });
    }
}

fn starts_with_tag(line: &str, tag: &str) -> bool {
    line.strip_prefix('<')
        .and_then(|rest| rest.get(..tag.len()).filter(|t| t.eq_ignore_ascii_case(tag)).map(|_| &rest[tag.len()..]))
        .is_some_and(|rest| rest.starts_with([' ', '>', '\t']) || rest.is_empty())
}

fn is_image(line: &str) -> bool {
    line.starts_with("![") || {
        let inner = strip_div(line);
        starts_with_tag(inner, "img") && inner.ends_with('>')
    }
}

/// `<div style="…">表 1 数据类型</div>` → the inner text.
fn strip_div(line: &str) -> &str {
    if !starts_with_tag(line, "div") && !starts_with_tag(line, "p") && !starts_with_tag(line, "center") {
        return line;
    }
    let Some(open_end) = line.find('>') else {
        return line;
    };
    let inner = line.get(open_end + 1..).unwrap_or_default();
    let inner = match inner.rfind("</") {
        Some(close) => inner.get(..close).unwrap_or_default(),
        None => inner,
    };
    inner.trim()
}

/// The text span of a Markdown line without its block markup, and the ATX heading depth.
fn strip_markdown(text: &str, span: Span) -> (Span, Option<u8>) {
    let line = text.get(span.start..span.end).unwrap_or_default();
    let mut offset = 0;
    let mut heading = None;

    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) {
        let after = line.get(hashes..).unwrap_or_default();
        if after.is_empty() || after.starts_with([' ', '\t']) {
            heading = u8::try_from(hashes).ok();
            offset = hashes;
        }
    } else if line.starts_with("> ") || line == ">" {
        offset = 1;
    }
    if heading.is_none() && (line.chars().all(|c| c == '-' || c == '*' || c == '=' || c == ' ') && line.len() >= 3) {
        return (Span::empty(span.start), None);
    }
    let rest = line.get(offset..).unwrap_or_default();
    let inner = strip_div(rest.trim_start());
    let inner_start = inner.as_ptr() as usize - line.as_ptr() as usize;
    let mut start = span.start + inner_start;
    let mut end = start + inner.len();
    // Strong emphasis around a whole heading or caption: **前言**.
    let trimmed = text.get(start..end).unwrap_or_default();
    if trimmed.len() > 4 && trimmed.starts_with("**") && trimmed.ends_with("**") {
        start += 2;
        end -= 2;
    }
    // A closing sequence of #'s.
    let content = text.get(start..end).unwrap_or_default();
    let without_closing = if heading.is_some() { content.trim_end_matches('#').trim_end() } else { content };
    end = start + without_closing.len();
    (trim_span(text, start, end), heading)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines that open or end with any white space character, a byte-order mark or text whose
    /// first byte a white space character shares (`　`, `、`, `…`) trim as `str::trim_matches` does.
    #[test]
    fn spans_trim_every_white_space_character() {
        let edges = [
            "", " ", "\t", "\u{b}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}", "\u{3000}", "\u{feff}", "、", "…", "·",
            "a",
        ];
        for head in edges {
            for tail in edges {
                for body in ["", "总则", "x"] {
                    let text = format!("{head}{body}{tail}");
                    let trimmed = text.trim_matches(is_trim);
                    let expected = if trimmed.is_empty() {
                        Span::empty(0)
                    } else {
                        let lead = text.len() - text.trim_start_matches(is_trim).len();
                        Span::new(lead, lead + trimmed.len())
                    };
                    assert_eq!(trim_span(&text, 0, text.len()), expected, "{text:?}");
                }
            }
        }
    }

    fn kinds(text: &str) -> Vec<(LineKind, String, Option<u8>)> {
        markdown_lines(text, &LineIndex::new(text))
            .into_iter()
            .map(|l| (l.kind, text[l.span.start..l.span.end].to_owned(), l.heading))
            .collect()
    }

    #[test]
    fn headings_lose_markers_and_keep_depth() {
        let k = kinds("## 5.1 总则\n\n正文。\n");
        assert_eq!(k[0], (LineKind::Text, "5.1 总则".into(), Some(2)));
        assert_eq!(k[1].0, LineKind::Blank);
        assert_eq!(k[2], (LineKind::Text, "正文。".into(), None));
    }

    #[test]
    fn html_tables_captions_and_comments() {
        let text = "<div style=\"text-align: center;\">表 1 数据类型</div>\n<table border=1><tr><td>a</td></tr>\n</table>\n<!-- note -->\n";
        let k = kinds(text);
        assert_eq!(k[0], (LineKind::Text, "表 1 数据类型".into(), None));
        assert_eq!(k[1].0, LineKind::Table);
        assert_eq!(k[2].0, LineKind::Skip);
    }

    #[test]
    fn pipe_tables_merge_and_fences_are_code() {
        let k = kinds("| a | b |\n|---|---|\n| 1 | 2 |\n```\n# not a heading\n```\n");
        assert_eq!(k.len(), 2);
        assert_eq!(k[0].0, LineKind::Table);
        assert_eq!(k[1].0, LineKind::Code);
    }

    #[test]
    fn soft_breaks_are_marked() {
        let text = "第一行\n第二行\n\n第三行\n";
        let lines = markdown_lines(text, &LineIndex::new(text));
        assert!(!lines[0].continues);
        assert!(lines[1].continues);
        assert!(!lines[3].continues);
    }

    #[test]
    fn crlf_and_debris_in_text() {
        let text = "前言\r\nIII\r\n本文件\r\n";
        let lines = text_lines(text, &LineIndex::new(text));
        assert_eq!(lines[1].kind, LineKind::Skip);
        assert_eq!(lines[2].span, Span::new(13, 22));
    }
}

/// Joins paragraphs that a page break split in two (PDF conversions): `…《标准化工作导则 第1部分：
/// 标准化文件的结构和起草规` / blank / `则》的规定起草。` become one paragraph again, so that
/// neither half is checked as a sentence of its own. A join needs evidence from both sides:
/// the first part stops mid-sentence, and the second starts with what cannot open a sentence
/// (a closing bracket, a comma) or closes a bracket the first left open, or the first ends on a
/// word that cannot end one (的, 和, 、). Only blank lines may stand between. Returns how many
/// paragraphs were joined.
pub fn rejoin_page_breaks(text: &str, lines: &mut [Line]) -> usize {
    let mut joined = 0;
    let mut previous: Option<usize> = None;
    for i in 0..lines.len() {
        let Some(line) = lines.get(i).copied() else { break };
        match line.kind {
            LineKind::Blank => continue,
            LineKind::Text if line.heading.is_none() => {}
            _ => {
                previous = None;
                continue;
            }
        }
        let at_break = previous.and_then(|p| lines.get(p)).is_some_and(|first| {
            !line.continues
                && lines.get(i.saturating_sub(1)).is_some_and(|l| l.kind == LineKind::Blank)
                && split_by_page_break(slice(text, first.span), slice(text, line.span))
        });
        if at_break {
            if let Some(second) = lines.get_mut(i) {
                second.continues = true;
                joined += 1;
            }
        }
        previous = Some(i);
    }
    joined
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or_default()
}

fn split_by_page_break(first: &str, second: &str) -> bool {
    let (Some(last), Some(next)) = (first.chars().next_back(), second.chars().next()) else { return false };
    let ends_mid_sentence =
        !matches!(last, '。' | '！' | '？' | '；' | '：' | ':' | ';' | '.' | '!' | '?' | '…' | '”' | '）' | ')' | '》');
    // Most paragraphs end a sentence: decided from the last character, before any scan.
    if !ends_mid_sentence {
        return false;
    }
    let sentence_like = first.chars().nth(24).is_some() || first.contains(['，', '、', '：', '《', '“']);
    if !sentence_like || crate::read::classify::classify(second, 0) != crate::read::classify::LineClass::Text {
        return false;
    }
    let cannot_open = matches!(next, '》' | '”' | '）' | ')' | '」' | '，' | '、' | '。' | '；' | '：');
    let closes_open = [('《', '》'), ('“', '”'), ('（', '）')].iter().any(|&(open, close)| {
        first.matches(open).count() > first.matches(close).count() && second.contains(close) && {
            let before_close = second.split(close).next().unwrap_or_default();
            !before_close.contains(open)
        }
    });
    let cannot_close =
        matches!(last, '的' | '和' | '与' | '及' | '或' | '、' | '，' | '《' | '“' | '（' | '在' | '对' | '按' | '将');
    cannot_open || closes_open || (cannot_close && crate::read::classify::is_han(next))
}

#[cfg(test)]
mod page_break_tests {
    use super::{markdown_lines, rejoin_page_breaks};

    fn joins(text: &str) -> usize {
        let mut lines = markdown_lines(text, &crate::source::LineIndex::new(text));
        rejoin_page_breaks(text, &mut lines)
    }

    #[test]
    fn a_sentence_split_by_a_page_break_is_joined() {
        assert_eq!(
            joins("本文件按照GB/T 1.1—2020《标准化工作导则  第1部分：标准化文件的结构和起草规\n\n则》的规定起草。\n"),
            1
        );
        assert_eq!(joins("服务人员应具备与岗位相适应的专业知识，并经过培训考核合格后持证上岗的\n\n相关要求。\n"), 1);
    }

    #[test]
    fn paragraphs_and_truncated_lines_stay_apart() {
        assert_eq!(joins("服务机构应建立服务质量管理制度。\n\n服务人员应持证上岗。\n"), 0);
        // A line the converter cut short, followed by a new sentence.
        assert_eq!(
            joins(
                "本文件按照 GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定\n\n请注意本文件的某些内容可能涉及专利。\n"
            ),
            0
        );
        assert_eq!(joins("服务内容\n\n服务机构应提供助餐服务。\n"), 0);
        assert_eq!(joins("服务机构应提供下列服务的\n\n5.1 助餐\n"), 0);
    }
}

/// Marks program code pasted without a fence (a Word export keeps no fences): a run of lines
/// that read as code — at least three ending in `;`, `{` or `}`, or opening with `//`, `/*`,
/// `@` — becomes one code block, so that its `;` and `"` are not checked as Chinese prose.
pub fn mark_unfenced_code(text: &str, lines: &mut [Line]) {
    let mut run: Vec<usize> = Vec::new();
    let mut strong = 0;
    let flush = |run: &mut Vec<usize>, strong: &mut usize, lines: &mut [Line]| {
        if *strong >= 3 {
            for &i in run.iter() {
                if let Some(line) = lines.get_mut(i) {
                    line.kind = LineKind::Code;
                    line.continues = false;
                }
            }
        }
        run.clear();
        *strong = 0;
    };
    for i in 0..lines.len() {
        let Some(line) = lines.get(i).copied() else { break };
        if line.kind == LineKind::Blank {
            continue;
        }
        let content = text.get(line.span.start..line.span.end).unwrap_or_default();
        match (line.kind, line.heading, code_likeness(content, !run.is_empty())) {
            (LineKind::Text, None, CodeLikeness::Strong) => {
                run.push(i);
                strong += 1;
            }
            (LineKind::Text, None, CodeLikeness::Weak) if !run.is_empty() => run.push(i),
            _ => flush(&mut run, &mut strong, lines),
        }
    }
    flush(&mut run, &mut strong, lines);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeLikeness {
    Strong,
    Weak,
    Prose,
}

/// How much `line` looks like source code. Outside a run of code lines only `Strong` matters,
/// so `in_run` false lets most prose lines be answered from their ends, without counting their
/// characters.
fn code_likeness(line: &str, in_run: bool) -> CodeLikeness {
    let line = line.trim();
    let statement = line.ends_with([';', '{', '}', '；']) || line == "}" || line.ends_with(");");
    let comment = ["//", "/*", "*/", "@", "#include", "import ", "package "].iter().any(|p| line.starts_with(p));
    if !in_run && !statement && !comment {
        return CodeLikeness::Prose;
    }
    if comment {
        return CodeLikeness::Strong;
    }
    let (total, han) = line
        .chars()
        .fold((0usize, 0usize), |(total, han), c| (total + 1, han + usize::from(crate::read::classify::is_han(c))));
    let total = total.max(1);
    if han * 10 > total * 3 {
        return if line.starts_with('*') { CodeLikeness::Weak } else { CodeLikeness::Prose };
    }
    let syntax = line.contains(['=', '(', '{', '}']);
    match (statement && syntax, syntax || line.starts_with('*') || line.ends_with(',')) {
        (true, _) => CodeLikeness::Strong,
        (false, true) => CodeLikeness::Weak,
        _ => CodeLikeness::Prose,
    }
}

#[cfg(test)]
mod code_tests {
    use super::{LineKind, mark_unfenced_code, text_lines};

    fn kinds(text: &str) -> Vec<LineKind> {
        let mut lines = text_lines(text, &crate::source::LineIndex::new(text));
        mark_unfenced_code(text, &mut lines);
        lines.into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn pasted_code_is_code() {
        let code = "消费者示例代码如下。\n// 配置超时时间\nproducer.setSendMsgTimeout(6000);\nproducer.setRetryTimesWhenSendFailed(6);\nexecutor.submit(() -> {\n}\n";
        let k = kinds(code);
        assert_eq!(k[0], LineKind::Text);
        assert!(k[1..].iter().all(|&k| k == LineKind::Code), "{k:?}");
    }

    #[test]
    fn prose_with_half_width_punctuation_is_not_code() {
        let prose = "服务人员应持证上岗;\n服务机构应建立制度(含应急预案);\n服务内容包括助餐、助浴;\n";
        assert!(kinds(prose).iter().all(|&k| k == LineKind::Text));
    }
}
