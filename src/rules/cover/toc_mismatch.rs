#[cfg(test)]
use std::sync::LazyLock;

#[cfg(test)]
use regex::Regex;

use super::key;
use crate::diagnostic::Message;
use crate::model::{Document, Obligation, TocEntry};
use crate::rules::terms::doc_entries as term_entries;
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;
use crate::source::scan::ascii_digits_len;

declare_rule! {
    /// ## What it checks
    /// Each entry of the 目次 names a real heading with the same number and the same title
    /// (white space and full-width digits aside): 前言, 引言, a chapter or clause, an annex with
    /// its （规范性）/（资料性）, 参考文献, 索引. The entries follow the document's order, and
    /// every chapter and annex (and the foreword, introduction, bibliography and index the
    /// document has) is listed. Subclauses need not be listed; figure and table entries
    /// (`图1 …`, `表1 …`) are not compared, term entries are CV012's. Page numbers are not
    /// checked (a Markdown or text file has none).
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.2: “根据所形成的文件的具体情况，应依次对下列内容建立目次列表”: 前言, 引言,
    /// 章编号和标题, 条编号和标题 (需要时列出), 附录编号、“（规范性）”/“（资料性）”和标题, 参考文献,
    /// 索引. The 目次 itself is optional (Table 3) and a mismatch usually means it was not
    /// regenerated, so the rule warns.
    ///
    /// ## Bad
    /// ```text
    /// 目次
    /// 1 范围
    /// 2 术语和定义
    /// 附录A 服务记录表
    /// ```
    /// ## Good
    /// ```text
    /// 目次
    /// 1 范围
    /// 2 规范性引用文件
    /// 3 术语和定义
    /// 附录A（资料性）服务记录表
    /// ```
    pub struct TocMismatch {
        code: "CV005",
        name: "toc-mismatch",
        family: Cover,
        severity: Warning,
        clause: "8.2",
        summary: "目次 entries match the headings (text, number, order)",
        repeats: Collapse,
    }
}

/// What a 目次 entry names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    /// 前言, 引言, 参考文献, 索引 (compared as written, without spaces).
    Unnumbered(String),
    /// `5.1 服务内容`: the number rendered and the title.
    Clause(String, String),
    /// `附录A（资料性）…`: letter, obligation as written, title.
    Annex(char, Option<String>, String),
    /// `图1 …`, `表1 …`.
    Caption,
}

/// The pattern [`clause_entry`] reads by hand (kept for its tests).
#[cfg(test)]
static CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    // `1范围`: OCR often drops the gap between number and title; a Han character ends the number.
    Regex::new(r"^((?:[0-9]+|[A-Z])(?:\.[0-9]+)*)(?:[\x20\u{3000}\t]+|$|(\p{Han}|[A-Z]{2}))(.*)$")
        .unwrap_or_else(|e| panic!("toc clause regex: {e}"))
});
/// The pattern [`annex_entry`] reads by hand (kept for its tests).
#[cfg(test)]
static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^附录[\x20\u{3000}]*([A-Z])[\x20\u{3000}]*(?:[（(]([^）)]*)[）)])?[\x20\u{3000}]*(.*)$")
        .unwrap_or_else(|e| panic!("toc annex regex: {e}"))
});
/// The pattern [`is_caption_entry`] reads by hand (kept for its tests).
#[cfg(test)]
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[图表][\x20\u{3000}]*[A-Z]?\.?[0-9]").unwrap_or_else(|e| panic!("toc caption regex: {e}"))
});

/// The spaces a 目次 entry may have inside its label.
const ENTRY_SPACES: [char; 2] = [' ', '\u{3000}'];

/// `附录A（资料性）服务记录表` ([`ANNEX`]): the letter, what the parentheses hold, the title. A
/// title runs to the end of the text and holds no line break.
fn annex_entry(text: &str) -> Option<(char, Option<&str>, &str)> {
    let rest = text.strip_prefix("附录")?.trim_start_matches(ENTRY_SPACES);
    let letter = rest.chars().next().filter(char::is_ascii_uppercase)?;
    let rest = rest.get(1..)?.trim_start_matches(ENTRY_SPACES);
    let (obligation, rest) = rest
        .strip_prefix(['（', '('])
        .and_then(|inner| {
            let close = inner.find(['）', ')'])?;
            let after = inner.get(close..)?.chars().next()?.len_utf8();
            Some((Some(inner.get(..close)?), inner.get(close + after..)?))
        })
        .unwrap_or((None, rest));
    let title = rest.trim_start_matches(ENTRY_SPACES);
    // Without the parentheses the title would hold the same line break.
    (!title.contains('\n')).then_some((letter, obligation, title))
}

/// `5.1 要求`, `1范围`, `A.2 记录` ([`CLAUSE`]): the number, what stands glued to it (a Han
/// character, two capitals) and the rest of the title. The number gives nothing back to what
/// follows (a shorter one would leave a digit or a dot, which opens no title), so the pattern's
/// one way to match is read straight on.
fn clause_entry(text: &str) -> Option<(&str, &str, &str)> {
    let bytes = text.as_bytes();
    let mut end = match bytes.first()? {
        b'0'..=b'9' => ascii_digits_len(text),
        b'A'..=b'Z' => 1,
        _ => return None,
    };
    while bytes.get(end) == Some(&b'.') {
        let digits = ascii_digits_len(text.get(end + 1..)?);
        if digits == 0 {
            break;
        }
        end += 1 + digits;
    }
    let after = text.get(end..)?;
    let title = after.trim_start_matches([' ', '\u{3000}', '\t']);
    let glued = if title.len() < after.len() || after.is_empty() {
        ""
    } else {
        after.get(..crate::read::classify::glued_title_opening(after)?)?
    };
    let title = if glued.is_empty() { title } else { after.get(glued.len()..)? };
    // The title runs to the end of the text (`.*$`) and so holds no line break.
    (!title.contains('\n')).then_some((text.get(..end)?, glued, title))
}

/// `图1 …`, `表 A.2 …` ([`CAPTION`]).
fn is_caption_entry(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(['图', '表']) else { return false };
    let rest = rest.trim_start_matches(ENTRY_SPACES);
    let rest = rest.strip_prefix(|c: char| c.is_ascii_uppercase()).unwrap_or(rest);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    rest.starts_with(|c: char| c.is_ascii_digit())
}

pub(crate) fn parse_entry(text: &str) -> Entry {
    let folded = key(text);
    let trimmed = text.trim();
    if let Some((letter, obligation, title)) = annex_entry(trimmed) {
        return Entry::Annex(letter, obligation.map(key), key(title));
    }
    if is_caption_entry(trimmed) {
        return Entry::Caption;
    }
    // Full-width digits are folded first so that `５．１ 范围` reads as 5.1.
    let spaced: String = trimmed
        .chars()
        .map(|c| match c {
            '０'..='９' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    if let Some((number, glued, title)) = clause_entry(&spaced) {
        return Entry::Clause(number.to_owned(), key(&format!("{glued}{title}")));
    }
    Entry::Unnumbered(folded)
}

/// A heading the 目次 may list: what it is called in the 目次, where it stands, its number.
struct Heading {
    id: String,
    title: String,
    obligation: Option<Obligation>,
    at: usize,
    /// Chapters, annexes and the unnumbered elements must be listed; subclauses need not.
    required: bool,
    shown: String,
}

fn headings(doc: &Document) -> Vec<Heading> {
    let mut out = Vec::new();
    let unnumbered =
        [(&doc.foreword, "前言"), (&doc.introduction, "引言"), (&doc.bibliography, "参考文献"), (&doc.index, "索引")];
    for (section, name) in unnumbered {
        if let Some(s) = section {
            out.push(Heading {
                id: name.to_owned(),
                title: String::new(),
                obligation: None,
                at: s.heading.span.start,
                required: true,
                shown: name.to_owned(),
            });
        }
    }
    for clause in doc.all_clauses() {
        let number = clause.number.render();
        out.push(Heading {
            id: number.clone(),
            title: key(clause.title_text()),
            obligation: None,
            at: clause.span.start,
            required: clause.level() == 1,
            shown: format!("{number} {}", clause.title_text()),
        });
    }
    for annex in &doc.annexes {
        let title = annex.title.as_ref().map_or("", |t| t.text.as_str());
        let obligation = annex.obligation.as_ref().map(|o| o.obligation);
        let words = match obligation {
            Some(Obligation::Normative) => "（规范性）",
            Some(Obligation::Informative) => "（资料性）",
            None => "",
        };
        out.push(Heading {
            id: format!("附录{}", annex.letter),
            title: key(title),
            obligation,
            at: annex.span.start,
            required: true,
            shown: format!("附录{}{words}{title}", annex.letter),
        });
    }
    out.sort_by_key(|h| h.at);
    out
}

fn entry_span(entry: &TocEntry) -> Span {
    entry.span
}

impl Rule for TocMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let Some(toc) = &doc.toc else { return };
        if toc.entries.is_empty() {
            return;
        }
        let all = headings(doc);
        let terms: Vec<String> = term_entries(doc).iter().map(|t| t.number.render()).collect();
        let mut listed = vec![false; all.len()];
        let mut last_at = 0;
        for entry in &toc.entries {
            let parsed = parse_entry(&entry.text);
            let (id, title, obligation) = match &parsed {
                Entry::Caption => continue,
                Entry::Clause(n, _) if terms.contains(n) => continue,
                // A 目次 that lists itself (`目次 Ⅰ`, as Word's field does) names no heading.
                Entry::Unnumbered(name) if name == "目次" || name == "目录" => continue,
                Entry::Unnumbered(name) => (name.clone(), None, None),
                Entry::Clause(n, t) => (n.clone(), Some(t.clone()), None),
                Entry::Annex(letter, o, t) => (format!("附录{letter}"), Some(t.clone()), Some(o.clone())),
            };
            let written = entry.text.trim();
            let Some(index) = all.iter().position(|h| h.id == id) else {
                ctx.report_with_help(
                    entry_span(entry),
                    Message::new(
                        format!("目次条目“{written}”在文件中没有对应的标题"),
                        format!("the contents entry “{written}” names no heading of the document"),
                    ),
                    Message::new("按文件的实际标题重新生成目次", "regenerate the contents from the headings"),
                );
                continue;
            };
            let Some(heading) = all.get(index) else { continue };
            if let Some(slot) = listed.get_mut(index) {
                *slot = true;
            }
            let title_differs = title.as_ref().is_some_and(|t| *t != heading.title);
            let obligation_differs = match (&obligation, heading.obligation) {
                (Some(None), Some(_)) => true,
                (Some(Some(written)), Some(Obligation::Normative)) => written != "规范性",
                (Some(Some(written)), Some(Obligation::Informative)) => written != "资料性",
                _ => false,
            };
            if title_differs || obligation_differs {
                let shown = &heading.shown;
                ctx.report_with_help(
                    entry_span(entry),
                    Message::new(
                        format!("目次条目“{written}”与正文标题“{shown}”不一致"),
                        format!("the contents entry “{written}” differs from the heading “{shown}”"),
                    ),
                    Message::new(format!("写为“{shown}”"), format!("write “{shown}”")),
                );
            }
            if heading.at < last_at {
                ctx.report_with_help(
                    entry_span(entry),
                    Message::new(
                        format!("目次条目“{written}”的位置与正文中的顺序不一致"),
                        format!("the contents entry “{written}” is out of the document's order"),
                    ),
                    Message::new("按正文顺序排列目次条目", "list the entries in the document's order"),
                );
            }
            last_at = last_at.max(heading.at);
        }
        for (heading, _) in all.iter().zip(&listed).filter(|(h, seen)| h.required && !**seen) {
            let shown = &heading.shown;
            ctx.report_with_help(
                toc.heading,
                Message::new(format!("目次中没有列出“{shown}”"), format!("the contents do not list “{shown}”")),
                Message::new(format!("在目次中补充“{shown}”"), format!("add “{shown}” to the contents")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ANNEX, CAPTION, CLAUSE, Entry, annex_entry, clause_entry, is_caption_entry, parse_entry};

    #[test]
    fn annex_and_caption_entries_are_read_as_their_patterns_read_them() {
        const PIECES: &[&str] = &[
            "附录",
            "附",
            "A",
            "b",
            "Z",
            " ",
            "\u{3000}",
            "\t",
            "（",
            "(",
            "）",
            ")",
            "资料性",
            "\n",
            "图",
            "表",
            ".",
            "1",
            "２",
            "中",
            "x",
        ];
        for text in crate::model::generated_texts(0x3c6e_f372_fe94_f82c, PIECES, 9).take(40_000) {
            for text in [text.clone(), format!("附录{text}"), format!("图{text}")] {
                let by_pattern = ANNEX.captures(&text).map(|caps| {
                    (
                        caps.get(1).and_then(|m| m.as_str().chars().next()),
                        caps.get(2).map(|m| m.as_str()),
                        caps.get(3).map(|m| m.as_str()),
                    )
                });
                let by_hand =
                    annex_entry(&text).map(|(letter, obligation, title)| (Some(letter), obligation, Some(title)));
                assert_eq!(by_hand, by_pattern, "{text:?}");
                assert_eq!(is_caption_entry(&text), CAPTION.is_match(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn clause_entries_are_read_as_the_pattern_reads_them() {
        // `㐀` (U+3400) is Han beyond the unified ideographs, `ａ` and `²` are not; `AB` glues.
        const PIECES: &[&str] =
            &["1", "23", ".", "A", "B", "Z", "x", " ", "\u{3000}", "\t", "\n", "范围", "㐀", "ａ", "²", "（", "-"];
        let mut read = 0;
        for text in crate::model::generated_texts(0x1f83_d9ab_fb41_bd6b, PIECES, 8).take(60_000) {
            let by_pattern = CLAUSE.captures(&text).map(|caps| {
                let group = |i| caps.get(i).map_or("", |m| m.as_str());
                (group(1), group(2), group(3))
            });
            assert_eq!(clause_entry(&text), by_pattern, "{text:?}");
            read += usize::from(by_pattern.is_some());
        }
        assert!(read > 5_000, "{read}");
    }

    #[test]
    fn parses_entries() {
        assert_eq!(parse_entry("1 范围"), Entry::Clause("1".into(), "范围".into()));
        assert_eq!(parse_entry("５．１ 生活 照料"), Entry::Clause("5.1".into(), "生活照料".into()));
        assert_eq!(
            parse_entry("附录A（资料性）服务记录表示例"),
            Entry::Annex('A', Some("资料性".into()), "服务记录表示例".into())
        );
        assert_eq!(parse_entry("附录 B 评价表"), Entry::Annex('B', None, "评价表".into()));
        assert_eq!(parse_entry("前 言"), Entry::Unnumbered("前言".into()));
        assert_eq!(parse_entry("表1 服务项目"), Entry::Caption);
        assert_eq!(parse_entry("A.1 记录"), Entry::Clause("A.1".into(), "记录".into()));
        assert_eq!(parse_entry("1范围"), Entry::Clause("1".into(), "范围".into()));
        assert_eq!(parse_entry("5CI-CI通信接口"), Entry::Clause("5".into(), "CI-CI通信接口".into()));
    }
}
