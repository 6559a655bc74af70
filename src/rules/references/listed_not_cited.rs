use crate::hash::HashSet;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::scan::{UnitKind, Zone, units};
use super::{DesignationIndex, citations, entries, other_key};
use crate::diagnostic::Message;
use crate::model::compact;
use crate::rules::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    /// Every document listed in chapter 2 is cited in the text: in the body, the annexes, a
    /// table or the terms lead-in (`GB/T 20000.1界定的…`). The foreword, chapter 2 itself and the
    /// bibliography do not count, nor do notes and examples, which cannot make a document
    /// normative. Entries are matched by code and number, whatever the year. A document the text
    /// names only by its title (`《数字测绘成果质量检查与验收》`) is reported one step softer, as
    /// cited by title rather than by designation.
    ///
    /// ## Why
    /// GB/T 1.1-2020 8.6.1: “规范性引用文件这一要素用来列出文件中规范性引用（见9.5.4.2.1）的文件”. A
    /// listed document that the text never cites imposes nothing, or the citation was lost in
    /// editing.
    ///
    /// ## Bad
    /// ```text
    /// 2 规范性引用文件
    /// …
    /// GB/T 33168—2016 社区老年人日间照料中心服务基本要求
    /// （正文没有提及GB/T 33168）
    /// ```
    /// ## Good
    /// ```text
    /// 日间照料服务应符合GB/T 33168—2016的规定。
    /// ```
    pub struct ListedNotCited {
        code: "RF004",
        name: "listed-not-cited",
        family: References,
        severity: Error,
        clause: "8.6.1, 9.5.4.2.1",
        summary: "A listed document is never cited in the text",
    }
}

/// Zones where a citation makes a listed document count as cited.
pub(super) fn counts(zone: Zone) -> bool {
    matches!(zone, Zone::Body | Zone::TermsLeadIn | Zone::TermSource | Zone::Introduction | Zone::Heading)
}

impl Rule for ListedNotCited {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let mut cited = DesignationIndex::new();
        for c in citations(doc).iter().filter(|c| counts(c.zone)) {
            cited.add(&c.designation, |present| *present = true);
        }
        let entries = entries(doc);
        // Documents of other bodies (IETF RFC 3986, ASTM D638) are found by their code and
        // number in the text; all of them in one pass over it.
        let other_keys: Vec<Option<String>> = entries
            .iter()
            .map(|e| if e.designation.is_some() { None } else { other_key(ctx.text(e.block.span)) })
            .collect();
        let texts_of_keys: HashSet<&str> = other_keys.iter().flatten().map(String::as_str).collect();
        let keys_found = if texts_of_keys.is_empty() { HashSet::default() } else { keys_in_text(doc, &texts_of_keys) };
        let mut titles: Option<HashSet<String>> = None;
        for (entry, other) in entries.iter().zip(&other_keys) {
            let (label, found) = match entry.designation {
                Some(d) => (d.text.clone(), cited.any(d)),
                None => {
                    let Some(key) = other else {
                        continue;
                    };
                    let text = ctx.text(entry.block.span);
                    let label: String = text.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
                    (label, keys_found.contains(key.as_str()))
                }
            };
            if found {
                continue;
            }
            let span = entry.designation.map_or(entry.block.span, |d| d.span);
            let entry_title = entry.title.map(|t| title_key(&t.text)).filter(|k| !k.is_empty());
            let by_title = entry_title.is_some_and(|key| {
                titles
                    .get_or_insert_with(|| {
                        counted_texts(doc).iter().flat_map(|t| quoted_titles(t)).map(title_key).collect()
                    })
                    .contains(&key)
            });
            if by_title {
                let title = entry.title.map_or("", |t| t.text.trim());
                ctx.report_softer(
                    span,
                    Message::new(
                        format!("规范性引用文件“{label}”在正文中只以文件名称《{title}》提及，没有提及文件编号"),
                        format!("the normative reference “{label}” is cited by its title 《{title}》, not by its designation"),
                    ),
                    Some(Message::new(
                        format!("提及文件编号，如“……应符合{label}的规定”"),
                        format!("cite it by designation, e.g. “……应符合{label}的规定”"),
                    )),
                );
                continue;
            }
            ctx.report_with_help(
                span,
                Message::new(
                    format!("规范性引用文件“{label}”在正文中没有被引用"),
                    format!("the normative reference “{label}” is never cited in the text"),
                ),
                Message::new(
                    "在条款中规范性地引用它（如“应符合……的规定”），或将其从第2章删除（只作参考的文件列入参考文献）",
                    "cite it in a provision (“应符合……的规定”), or remove it from chapter 2 (documents given for information go to the bibliography)",
                ),
            );
        }
    }
}

/// What 《…》 encloses, 1 to 120 characters with no 《 or 》, leftmost first and not
/// overlapping: the matches of `《([^《》]{1,120})》`, found by a walk from each 《 (the pattern's
/// bounded class made an automaton that cost more to build than a run spends using it).
fn quoted_titles(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let open = from + text.get(from..)?.find('《')?;
            let inner_start = open + '《'.len_utf8();
            let inner = text.get(inner_start..)?;
            let mut stop = None;
            for (count, (at, c)) in inner.char_indices().enumerate() {
                if c == '《' || c == '》' || count == 120 {
                    stop = Some((at, c));
                    break;
                }
            }
            match stop {
                Some((len, '》')) if len > 0 => {
                    from = inner_start + len + '》'.len_utf8();
                    return inner.get(..len);
                }
                // No title opens here; the next can open at the next 《 (a 《 that stopped
                // the walk included).
                _ => from = inner_start,
            }
        }
    })
}

/// The text of the zones where a citation counts, code left out.
fn counted_texts(doc: &crate::model::Document) -> Vec<&str> {
    units(doc).iter().filter(|u| counts(u.zone) && u.kind != UnitKind::Code).map(|u| doc.text(u.span)).collect()
}

/// A title compared without white space, brackets or final punctuation.
/// Which of `keys` (compact, as [`other_key`] gives them) the counted text contains with no
/// digit glued after, as [`super::contains_key`] decides for one key: one automaton over all
/// keys, one pass over the text.
fn keys_in_text<'k>(doc: &crate::model::Document, keys: &HashSet<&'k str>) -> HashSet<&'k str> {
    let patterns: Vec<&'k str> = keys.iter().copied().collect();
    let mut found = HashSet::default();
    let Ok(automaton) = AhoCorasick::builder().kind(Some(AhoCorasickKind::ContiguousNFA)).build(&patterns) else {
        return found;
    };
    for text in counted_texts(doc) {
        let text = compact(text);
        for m in automaton.find_overlapping_iter(&text) {
            let glued_digit = text.get(m.end()..).and_then(|s| s.chars().next()).is_some_and(|c| c.is_ascii_digit());
            if !glued_digit && let Some(key) = patterns.get(m.pattern().as_usize()) {
                found.insert(*key);
            }
        }
    }
    found
}

fn title_key(title: &str) -> String {
    compact(title).trim_matches(['《', '》', '。', '；', ';', '.']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::ListedNotCited;
    use crate::diagnostic::Severity;
    use crate::rules::references::{run_rule, sample};

    #[test]
    fn quoted_titles_are_the_title_patterns_matches() {
        let pattern = regex::Regex::new(r"《([^《》]{1,120})》").unwrap();
        const PIECES: &[&str] = &["《", "》", "规范", "x", "\n", "《》", "中"];
        for text in crate::model::generated_texts(0x7f4a_7c15_9e37_79b9, PIECES, 14).take(5_000) {
            let expected: Vec<&str> =
                pattern.captures_iter(&text).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
            assert_eq!(super::quoted_titles(&text).collect::<Vec<_>>(), expected, "{text}");
        }
        for n in [119, 120, 121] {
            let text = format!("《{}》", "中".repeat(n));
            let expected = pattern.captures_iter(&text).count();
            assert_eq!(super::quoted_titles(&text).count(), expected, "{n}");
        }
    }

    const ENTRY: &str = "GB/T 33168—2016 社区老年人日间照料中心服务基本要求";

    #[test]
    fn a_reference_named_by_its_title_is_reported_softer() {
        let found = run_rule(&ListedNotCited, &sample(ENTRY, "日间照料宜参照《社区老年人日间照料中心服务基本要求》。"));
        assert_eq!(found.len(), 1);
        assert!(found.iter().all(|d| d.severity == Severity::Warning && d.message.en.contains("cited by its title")));
        let never = run_rule(&ListedNotCited, &sample(ENTRY, "日间照料应规范。"));
        assert!(never.iter().all(|d| d.severity == Severity::Error && d.message.en.contains("never cited")));
        assert!(run_rule(&ListedNotCited, &sample(ENTRY, "日间照料应符合GB/T 33168—2016的规定。")).is_empty());
    }
}
