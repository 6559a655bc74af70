//! Cross-references to the parts of a document — `见5.3`, `按6.2规定的`, `第5章`, `表4`,
//! `图A.1～图A.3`, `附录C`, `公式(2)` — found by one scanner for every rule.
//!
//! Each reference knows what it points at (kind and label), whether it is a range and which
//! labels the range covers, how it is worded (见 → informative; 按/符合/应… → normative, the
//! same test designations get), and whether it points into another document. A reference is
//! *external* when an owner stands directly before it, or before the chain of references it
//! belongs to: a designation (`GB/T 1234—2020中5.2`, `GB 31654—2021表1和附录A`), a title
//! (`《…》表3`), `该标准` / `该文件` / `上述标准`, or an edition (`2009年版的5.2`).
//!
//! A bare clause number is a reference only where the words say so (`见5.3`, `按5.3`,
//! `5.3所列`, `5.3中`, `第5.3条`), never a quantity (`1.5倍`, `0.5 m`, `TLS 1.2`); `表` and `图`
//! only where they are used as a reference (`见表1`, `如图2所示`), not inside words such as
//! 附表1, 代表1名 or a scale 1∶500.

use crate::source::scan::{ceil_char_boundary, floor_char_boundary};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use super::{Block, BlockKind, Designation, Document, Place, find_designations};
use crate::read::classify::is_han;
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetKind {
    /// `第5章`.
    Chapter,
    /// `5.3`, `A.1`, a term entry `3.11`.
    Clause,
    Table,
    Figure,
    Formula,
    Annex,
}

/// Where the reference is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefPlace {
    Foreword,
    Introduction,
    Body,
    Annex(char),
}

/// How a citation is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// 应符合…的规定, 按…, …界定的.
    Normative,
    /// 见…, 参见….
    Informative,
    /// Neither.
    Plain,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef {
    pub kind: TargetKind,
    /// The label, folded to half-width without spaces: `5`, `5.3`, `A.1`, `3`, `A`.
    pub label: String,
    /// The last label of a range (`表2～表5` → `5`).
    pub last: Option<String>,
    /// The reference as written, range included (`表2～表5`, `第5.3条`).
    pub span: Span,
    pub form: Form,
    /// The designation, title, 该标准 … that makes it a reference into another document.
    pub owner: Option<Span>,
    pub place: RefPlace,
}

impl CrossRef {
    pub fn is_external(&self) -> bool {
        self.owner.is_some()
    }

    /// Every label the reference covers: a range `6.1～6.4` covers 6.1, 6.2, 6.3 and 6.4. A range
    /// that cannot be counted through (`5.2.1～5.3`) gives its two ends.
    pub fn labels(&self) -> Vec<String> {
        match &self.last {
            None => vec![self.label.clone()],
            Some(last) => {
                expand(self.kind, &self.label, last).unwrap_or_else(|| vec![self.label.clone(), last.clone()])
            }
        }
    }

    /// The annex the target lies in: annex C itself, C.1, 表C.1, 图C.2, (C.3).
    pub fn annex(&self) -> Option<char> {
        let first = self.label.chars().next().filter(char::is_ascii_uppercase)?;
        (self.kind == TargetKind::Annex || self.label.get(1..2) == Some(".")).then_some(first)
    }
}

/// The labels from `first` to `last` when only their final number differs (at most 100 steps).
fn expand(kind: TargetKind, first: &str, last: &str) -> Option<Vec<String>> {
    if kind == TargetKind::Annex {
        let (a, b) = (first.chars().next()?, last.chars().next()?);
        return (a < b).then(|| (a..=b).map(String::from).collect());
    }
    let split = |label: &str| -> Option<(String, u32)> {
        match label.rsplit_once('.') {
            Some((prefix, n)) => Some((format!("{prefix}."), n.parse().ok()?)),
            None => Some((String::new(), label.parse().ok()?)),
        }
    };
    let (p1, n1) = split(first)?;
    let (p2, n2) = split(last)?;
    (p1 == p2 && n1 < n2 && n2 - n1 <= 100).then(|| (n1..=n2).map(|k| format!("{p1}{k}")).collect())
}

/// Half-width digits, letters and dots; no white space: `Ａ．１` → `A.1`.
pub(crate) fn fold_label(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .collect()
}

const DIGIT: &str = "[0-9０-９]";
/// A label in an English list: `5`, `C.1`, `A`, `(3)`.
const ENGLISH_ITEM: &str = r"\(?(?:[A-Z](?:\.[0-9]{1,3})*|[0-9]{1,3}(?:\.[0-9]{1,3})*)\)?";

static ENGLISH_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?P<op>,|and|or|to|–|-)?[\x20\u{{a0}}]*(?P<item>{ENGLISH_ITEM})"))
        .unwrap_or_else(|e| panic!("english list regex: {e}"))
});

static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    let clause = format!(r"[A-Z][.．]{DIGIT}{{1,3}}(?:[.．]{DIGIT}{{1,3}})*|{DIGIT}{{1,2}}(?:[.．]{DIGIT}{{1,3}})+");
    let pattern = format!(
        r"(?x)
        第[\s\u{{3000}}]*(?P<chapter>{DIGIT}{{1,2}})[\s\u{{3000}}]*
            (?:章|(?P<chapter_to>[～~〜∼至到—－–-])[\s\u{{3000}}]*第?[\s\u{{3000}}]*(?P<chapter_last>{DIGIT}{{1,2}})[\s\u{{3000}}]*章)
      | 附[\s\u{{3000}}]?录[\s\u{{3000}}]?(?P<annex>[A-Z])
      | (?P<word>表|图)[\s\u{{3000}}]?(?P<float>[A-Z][.．][\s\u{{3000}}]?{DIGIT}{{1,3}}|{DIGIT}{{1,3}})
      | 公式[\s\u{{3000}}]?[（(][\s\u{{3000}}]?(?P<formula>[A-Z][.．]{DIGIT}{{1,3}}|{DIGIT}{{1,3}})[\s\u{{3000}}]?[)）]
      | (?P<english>Tables?|Figures?|Fig\.|Annex(?:es)?|Clauses?|Formulae?|Formulas|Equations?)[\x20\u{{a0}}]+
            (?P<list>{ENGLISH_ITEM}(?:[\x20\u{{a0}}]*(?:,|and|or|to|–|-)[\x20\u{{a0}}]*{ENGLISH_ITEM})*)
      | (?P<di>第[\s\u{{3000}}]?)?(?P<clause>{clause})(?P<tiao>[\s\u{{3000}}]?[条章])?"
    );
    Regex::new(&pattern).unwrap_or_else(|e| panic!("cross-reference regex: {e}"))
});

/// What may follow a range operator, by kind of the first reference. Each kind's regex is
/// built on its first use: a document seldom has ranges of every kind, and building all six
/// at once was a measurable share of a small document's start-up.
static RANGE_TAIL: [LazyLock<Regex>; 6] = [
    LazyLock::new(|| range_regex(&format!(r"(?P<word>第)?[\s\u{{3000}}]*(?P<last>{DIGIT}{{1,2}})[\s\u{{3000}}]*章"))),
    LazyLock::new(|| {
        range_regex(&format!(r"(?P<word>第)?[\s\u{{3000}}]?(?P<last>{})(?:[\s\u{{3000}}]?条)?", range_clause()))
    }),
    LazyLock::new(|| range_regex(&format!(r"(?P<word>表)?[\s\u{{3000}}]?(?P<last>{})", range_float()))),
    LazyLock::new(|| range_regex(&format!(r"(?P<word>图)?[\s\u{{3000}}]?(?P<last>{})", range_float()))),
    LazyLock::new(|| {
        range_regex(&format!(
            r"(?P<word>公式)?[\s\u{{3000}}]?[（(][\s\u{{3000}}]?(?P<last>[A-Z][.．]{DIGIT}{{1,3}}|{DIGIT}{{1,3}})[\s\u{{3000}}]?[)）]"
        ))
    }),
    LazyLock::new(|| range_regex(r"(?P<word>附[\s\u{3000}]?录)?[\s\u{3000}]?(?P<last>[A-Z])")),
];

fn range_clause() -> String {
    format!(r"[A-Z][.．]{DIGIT}{{1,3}}(?:[.．]{DIGIT}{{1,3}})*|{DIGIT}{{1,2}}(?:[.．]{DIGIT}{{1,3}})+")
}

fn range_float() -> String {
    format!(r"[A-Z][.．][\s\u{{3000}}]?{DIGIT}{{1,3}}|{DIGIT}{{1,3}}")
}

/// Compiles the cross-reference patterns (see [`crate::read::warm_up`]).
pub(crate) fn warm_up() {
    // The range tails and the English list are left to their first use: most documents never
    // write a range after a reference nor cite an English clause, and then never need them.
    LazyLock::force(&CANDIDATE);
    LazyLock::force(&OWNER_WORDS);
}

/// A range operator, then `tail`.
fn range_regex(tail: &str) -> Regex {
    let op = r"^[\s\u{3000}]*(?P<op>[～~〜∼至到]|—|－|–|-)[\s\u{3000}]*";
    Regex::new(&format!("{op}{tail}")).unwrap_or_else(|e| panic!("range regex: {e}"))
}

fn range_tail(kind: TargetKind) -> Option<&'static Regex> {
    let index = match kind {
        TargetKind::Chapter => 0,
        TargetKind::Clause => 1,
        TargetKind::Table => 2,
        TargetKind::Figure => 3,
        TargetKind::Formula => 4,
        TargetKind::Annex => 5,
    };
    RANGE_TAIL.get(index).map(|tail| &**tail)
}

/// A range operator and a number: what follows the first of two quantities (`1.5～2.5 m`).
/// Read by hand ([`numeric_range_follows`]); the pattern stays for its tests.
#[cfg(test)]
static NUMERIC_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s\u{3000}]*(?:[～~〜∼至到]|—|－|–|-)[\s\u{3000}]*[0-9０-９]")
        .unwrap_or_else(|e| panic!("numeric range regex: {e}"))
});

/// The range operators every range pattern opens with, after white space.
const RANGE_OPERATORS: [char; 10] = ['～', '~', '〜', '∼', '至', '到', '—', '－', '–', '-'];

/// `text` after the range operator that opens it (after white space), if one does.
fn after_range_operator(text: &str) -> Option<&str> {
    text.trim_start().strip_prefix(RANGE_OPERATORS)
}

/// True when `text` opens with what [`NUMERIC_RANGE`] describes.
fn numeric_range_follows(text: &str) -> bool {
    after_range_operator(text)
        .and_then(|rest| rest.trim_start().chars().next())
        .is_some_and(|c| matches!(c, '0'..='9' | '０'..='９'))
}

/// What makes the words before a reference to another document its owner: the definition that
/// [`named_owners`] finds faster (kept for its tests).
#[cfg(test)]
static OWNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"该标准|该文件|该部分|该规范|上述标准|上述文件|原标准|此标准|被引用文件|[0-9]{4}[\s\u{3000}]*年版|[0-9]{4}版|前一版|《[^《》\n]{1,80}》",
    )
    .unwrap_or_else(|e| panic!("owner regex: {e}"))
});

/// The fixed words of [`OWNER`]. None of them can overlap another (no word begins with a
/// character another ends with), so their leftmost matches are all of their matches.
static OWNER_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build([
            "该标准",
            "该文件",
            "该部分",
            "该规范",
            "上述标准",
            "上述文件",
            "原标准",
            "此标准",
            "被引用文件",
            "前一版",
        ])
        .unwrap_or_else(|e| panic!("owner words: {e}"))
});

/// The searchers for `版` and `《`, built once: building one per paragraph cost more than the
/// search itself.
static EDITION_MARK: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("版".as_bytes()));
static TITLE_OPENER: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("《".as_bytes()));

/// The owners a paragraph names — a fixed word (`该标准`), an edition (`2009年版`, `2009版`) or a
/// title (`《…》`, 1 to 80 characters on one line) — with whether each is a title: the matches
/// of [`OWNER`], leftmost first and not overlapping. Found by looking for the few characters
/// each kind must hold (a word, `版`, `《`) instead of running that pattern, whose bounded title
/// made its automaton slow, over every paragraph.
fn named_owners(text: &str) -> Vec<(Span, bool)> {
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, usize)> = OWNER_WORDS.find_iter(text).map(|m| (m.start(), m.end())).collect();
    for at in EDITION_MARK.find_iter(bytes) {
        let before = text.get(..at).unwrap_or_default();
        let digits_end = match before.strip_suffix('年') {
            Some(year) => year.trim_end_matches(char::is_whitespace).len(),
            None => before.len(),
        };
        let digits_start = digits_end.saturating_sub(4);
        if digits_end >= 4 && bytes.get(digits_start..digits_end).is_some_and(|d| d.iter().all(u8::is_ascii_digit)) {
            found.push((digits_start, at + "版".len()));
        }
    }
    for at in TITLE_OPENER.find_iter(bytes) {
        let title_start = at + "《".len();
        let mut chars = 0;
        for (i, c) in text.get(title_start..).unwrap_or_default().char_indices() {
            match c {
                '》' if chars > 0 => {
                    found.push((at, title_start + i + '》'.len_utf8()));
                    break;
                }
                '》' | '《' | '\n' => break,
                _ if chars == 80 => break,
                _ => chars += 1,
            }
        }
    }
    // At most one kind can match at a place, so taking them by start and skipping what
    // overlaps the last one taken is what a leftmost-first scan would report.
    found.sort_unstable();
    let mut taken: Vec<(Span, bool)> = Vec::with_capacity(found.len());
    for (start, end) in found {
        if taken.last().is_none_or(|(last, _)| start >= last.end) {
            taken.push((Span::new(start, end), text.get(start..).is_some_and(|t| t.starts_with('《'))));
        }
    }
    taken
}

/// Between an owner and its reference: `GB/T 1234—2020中5.2`, `…的表1`, `该标准第5.5.2条`,
/// `ISO 13849-2:2003, Table B.1`, `ISO 16634:—, Clause 9` (a document not yet published),
/// `ISO 20483: 2013，表C.1` (a year after a spaced colon, a full-width comma: a source's form).
/// Read by hand ([`is_owner_gap`]); the pattern stays for its tests.
#[cfg(test)]
static OWNER_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?::[—–-]|:[\s\u{3000}]?[0-9]{4})?[\s\u{3000}]*(?:中的|中|的|之|,|，)?[\s\u{3000}]*$")
        .unwrap_or_else(|e| panic!("owner gap regex: {e}"))
});

/// True for a gap [`OWNER_GAP`] describes. (`\s` is Unicode's White_Space, which `trim` takes.)
fn is_owner_gap(gap: &str) -> bool {
    let rest = match gap.strip_prefix(':') {
        None => Some(gap),
        // `:—` (not yet published), or a year after at most one white space character.
        Some(after) => after.strip_prefix(['—', '–', '-']).or_else(|| {
            let year = after.strip_prefix(char::is_whitespace).unwrap_or(after);
            year.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())).and_then(|_| year.get(4..))
        }),
    };
    rest.is_some_and(|rest| matches!(rest.trim(), "" | "中的" | "中" | "的" | "之" | "," | "，"))
}

/// Between two references of one chain: `表1和附录A`, `5.2、5.3`, `5.2中的表3`, and the two ends
/// of a range that cannot be counted through (`5.2.1～5.3`).
/// Read by hand ([`is_chain_gap`]); the pattern stays for its tests.
#[cfg(test)]
static CHAIN_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\u{3000}]*(?:、|和|及|与|或|以及|或者|，|,|～|~|〜|∼|至|到|and|or)?[\s\u{3000}]*(?:中的|中|的)?[\s\u{3000}]*$",
    )
    .unwrap_or_else(|e| panic!("chain gap regex: {e}"))
});

/// The joining words of [`CHAIN_GAP`].
const CHAIN_JOINERS: &[&str] =
    &["、", "和", "及", "与", "或", "以及", "或者", "，", ",", "～", "~", "〜", "∼", "至", "到", "and", "or"];

/// True for a gap [`CHAIN_GAP`] describes: at most a joining word, then at most 中的/中/的,
/// with white space around either.
fn is_chain_gap(gap: &str) -> bool {
    let of_words = |rest: &str| matches!(rest.trim(), "" | "中的" | "中" | "的");
    let gap = gap.trim();
    of_words(gap) || CHAIN_JOINERS.iter().any(|joiner| gap.strip_prefix(joiner).is_some_and(of_words))
}

/// Characters that make a word with 表 or 图 (代表, 仪表, 附表, 记录表; 地图, 附图, 流程图), so that
/// the 表/图 after them is no reference.
const WORD_BEFORE_TABLE: &str = "代列发仪电水手外附报览录记请总单分查刻程目价计册核细批";
const WORD_BEFORE_FIGURE: &str = "地意试企蓝附程面构框截草果形路理置总工计瞰视绘";
/// Han characters that may follow a bare clause number (`见5.3的规定`, `5.3中`).
const AFTER_CLAUSE: &str = "的中和与及或至规要所给列条章之并等内示为是以";
/// Words before a bare clause number that make it a reference (`按5.3`, `依据5.3规定的`).
const CUE_BEFORE: &[&str] =
    &["见", "按", "依据", "依照", "根据", "符合", "满足", "遵照", "遵循", "遵守", "参照", "执行", "同", "采用"];
/// Words after a bare clause number that make it a reference (`5.3所列`, `5.3中`).
const CUE_AFTER: &[&str] = &[
    "的规定",
    "的要求",
    "规定的",
    "要求的",
    "所列",
    "所述",
    "所示",
    "所规定",
    "所给",
    "给出的",
    "列出的",
    "描述的",
    "确立的",
    "界定的",
    "中",
];
/// Verbs that may follow a clause number cited normatively: `按6.3执行`.
const VERB_AFTER_CLAUSE: &[&str] = &["执行", "进行", "实施", "确定", "测定", "计算", "检验", "试验", "处理", "处置"];
/// Words that begin with 中 and so do not make `5.3中…` a reference.
const NOT_ZHONG: &str = "心间央国文型华部度级小等期旬";

/// The groups of a [`CANDIDATE`] match, read from capture locations that the scan of a
/// paragraph reuses: a `Captures` per candidate was an allocation, and each group was found by
/// hashing its name.
struct Groups<'t> {
    text: &'t str,
    locations: &'t regex::CaptureLocations,
}

/// One group of a match: where it is and what it says.
#[derive(Clone, Copy)]
struct Group<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }

    fn as_str(&self) -> &'t str {
        self.text
    }
}

impl<'t> Groups<'t> {
    fn get(&self, index: usize) -> Option<Group<'t>> {
        let (start, end) = self.locations.get(index)?;
        Some(Group { start, end, text: self.text.get(start..end)? })
    }

    fn name(&self, name: &str) -> Option<Group<'t>> {
        let index = CANDIDATE_GROUPS.iter().position(|group| *group == Some(name))?;
        self.get(index)
    }
}

/// The names of [`CANDIDATE`]'s groups by index, looked up once.
static CANDIDATE_GROUPS: LazyLock<Vec<Option<&'static str>>> = LazyLock::new(|| CANDIDATE.capture_names().collect());

/// A reference accepted so far, for the chain the next one may continue.
#[derive(Clone, Copy)]
struct Link {
    end: usize,
    owner: Option<Span>,
    form: Form,
}

/// Cross-references in `text`; spans are shifted by `base`. Every reference is placed in the
/// body; [`scan_document`] places them where they stand.
pub fn find_cross_references(text: &str, base: usize) -> Vec<CrossRef> {
    cross_references(text, base, &find_designations(text, base))
}

/// False when [`CANDIDATE`] cannot match in `text`, decided without running it: every form
/// but two holds a digit (ASCII or full-width), `附录A` holds 附 and an English reference one of
/// its words. Nearly half the paragraphs of a standard hold none, and for them the pattern,
/// the owners and the designations were looked for in vain.
fn may_hold_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    holds_digit(text)
        || text.contains('附')
        || ((memchr::memchr3(b'T', b'F', b'A', bytes).is_some() || memchr::memchr2(b'C', b'E', bytes).is_some())
            && ENGLISH_WORDS.iter().any(|w| text.contains(w)))
}

/// Whether `text` holds an ASCII or a full-width digit (EF BC 90–99), decided on its bytes in
/// one pass that the compiler vectorises: each byte is asked whether it is a digit or opens
/// a full-width one with the two after it. EF only ever opens a character, so the answer is
/// exact; the last two bytes, too short to open one, are asked for an ASCII digit alone.
pub(crate) fn holds_digit(text: &str) -> bool {
    const LANES: usize = crate::source::scan::LANES;
    let bytes = text.as_bytes();
    let is_digit = |b: u8| b.wrapping_sub(b'0') < 10;
    let (head, last) = bytes.split_at(bytes.len().saturating_sub(2));
    let second = bytes.get(1..).unwrap_or_default();
    let third = bytes.get(2..).unwrap_or_default();
    let digit_in = |((a, b), c): ((&[u8], &[u8]), &[u8])| {
        a.iter().zip(b).zip(c).fold(0u8, |any, ((&x, &y), &z)| {
            any | u8::from(is_digit(x))
                | (u8::from(x == 0xEF) & u8::from(y == 0xBC) & u8::from(z.wrapping_sub(0x90) < 10))
        }) != 0
    };
    head.chunks(LANES).zip(second.chunks(LANES)).zip(third.chunks(LANES)).any(digit_in)
        || last.iter().any(|&b| is_digit(b))
}

/// What every English reference of [`CANDIDATE`] opens with.
const ENGLISH_WORDS: [&str; 6] = ["Table", "Fig", "Annex", "Clause", "Formul", "Equation"];

/// [`find_cross_references`] given the designations in `text` (spans shifted by `base`).
fn cross_references(text: &str, base: usize, designations: &[Designation]) -> Vec<CrossRef> {
    let in_text = |d: &Designation| Span::new(d.span.start.saturating_sub(base), d.span.end.saturating_sub(base));
    let named: Vec<(Span, bool)> = named_owners(text);
    let mut owners: Vec<Span> = designations.iter().map(in_text).collect();
    owners.extend(named.iter().map(|(span, _)| *span));
    owners.sort_by_key(|s| (s.end, s.start));
    // Nothing inside a designation or a title is a reference of this document.
    let mut masked: Vec<Span> = designations.iter().map(in_text).collect();
    masked.extend(named.iter().filter(|(_, title)| *title).map(|(span, _)| *span));
    masked.sort_by_key(|s| s.start);
    let inside_mask = |at: usize| {
        let i = masked.partition_point(|s| s.start <= at);
        masked.get(..i).is_some_and(|before| before.iter().rev().take(4).any(|s| at < s.end))
    };
    let owner_before = |at: usize| -> Option<Span> {
        let i = owners.partition_point(|s| s.end <= at);
        let owner = *owners.get(i.checked_sub(1)?)?;
        is_owner_gap(text.get(owner.end..at)?).then_some(owner)
    };

    let mut out = Vec::new();
    let mut previous: Option<Link> = None;
    let mut pos = 0;
    let mut locations = CANDIDATE.capture_locations();
    let mut memo = SentenceModals::default();
    while CANDIDATE.captures_read_at(&mut locations, text, pos).is_some() {
        let caps = Groups { text, locations: &locations };
        let Some(whole) = caps.get(0) else { break };
        pos = whole.end().max(whole.start() + 1);
        if inside_mask(whole.start()) {
            continue;
        }
        let chained =
            previous.filter(|p| p.end <= whole.start() && text.get(p.end..whole.start()).is_some_and(is_chain_gap));
        let owner = chained.map_or_else(|| owner_before(whole.start()), |p| p.owner);
        if caps.name("english").is_some() {
            let found = english_list(text, &caps, owner, base);
            if let Some(last) = found.last() {
                pos = last.span.end - base;
                previous = Some(Link { end: pos, owner, form: last.form });
            } else {
                pos = caps.name("english").map_or(pos, |w| w.end());
            }
            out.extend(found);
            continue;
        }
        let Some((kind, label, mut end)) = candidate(text, &caps, chained.is_some() || owner.is_some()) else {
            continue;
        };
        let mut last = caps.name("chapter_last").map(|m| fold_label(m.as_str()));
        if last.is_none() {
            if let Some((l, e)) = range_end(text, kind, &label, end) {
                last = Some(l);
                end = e;
            } else if kind == TargetKind::Clause
                && caps.name("di").is_none()
                && caps.name("tiao").is_none()
                && chained.is_none()
                && !is_see(text.get(..whole.start()).unwrap_or_default())
                && numeric_range_follows(text.get(end..).unwrap_or_default())
            {
                // 1.5—2.5 m: a range of quantities.
                continue;
            }
        }
        let form = match chained {
            Some(p) => p.form,
            None => {
                let (from, window) = window(text, whole.start(), end);
                citation_form_in(window, whole.start() - from, end - from, &mut memo).0
            }
        };
        pos = pos.max(end);
        previous = Some(Link { end, owner, form });
        out.push(CrossRef {
            kind,
            label,
            last,
            span: Span::new(base + whole.start(), base + end),
            form,
            owner: owner.map(|o| Span::new(base + o.start, base + o.end)),
            place: RefPlace::Body,
        });
    }
    out
}

/// How far around a reference its wording is looked at, in bytes: enough for the sentence of a
/// citation, and it keeps the scan linear on a paragraph that never ends a sentence.
const WORDING_WINDOW: usize = 240;

/// The text around `start..end`, cut at character boundaries, and where it begins.
fn window(text: &str, start: usize, end: usize) -> (usize, &str) {
    let mut from = start.saturating_sub(WORDING_WINDOW);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = end.saturating_add(WORDING_WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    (from, text.get(from..to).unwrap_or_default())
}

/// The references of an English citation: `Table 1`, `Tables 8 and 9`, `Figures 2 to 4`,
/// `Annex F`, `Clause 6`, `Formula (3)`, as adopted international standards write them.
fn english_list(text: &str, caps: &Groups<'_>, owner: Option<Span>, base: usize) -> Vec<CrossRef> {
    let (Some(word), Some(list)) = (caps.name("english"), caps.name("list")) else { return Vec::new() };
    let before = text.get(..word.start()).and_then(|s| s.chars().next_back());
    if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return Vec::new();
    }
    let at = word.start();
    let word = word.as_str();
    let (from, window) = window(text, at, at);
    let form = english_form(window.get(..at - from).unwrap_or_default());
    let mut out: Vec<CrossRef> = Vec::new();
    for item in ENGLISH_ITEMS.captures_iter(list.as_str()) {
        let Some(m) = item.name("item") else { continue };
        // `Annex F and Clause 6`: the list ends where a word begins.
        if text.get(list.start() + m.end()..).and_then(|s| s.chars().next()).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            break;
        }
        let label = m.as_str().trim_matches(['(', ')']).to_owned();
        let kind = match word {
            w if w.starts_with("Table") => TargetKind::Table,
            w if w.starts_with("Fig") => TargetKind::Figure,
            w if w.starts_with("Annex") => TargetKind::Annex,
            w if w.starts_with("Clause") && !label.contains('.') => TargetKind::Chapter,
            w if w.starts_with("Clause") => TargetKind::Clause,
            _ => TargetKind::Formula,
        };
        let letter_only = label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase());
        if (kind == TargetKind::Annex) != letter_only {
            continue;
        }
        let end = base + list.start() + m.end();
        let to = matches!(item.name("op").map(|o| o.as_str()), Some("to" | "–" | "-"));
        if let Some(first) = out.last_mut().filter(|r| to && r.last.is_none() && r.kind == kind) {
            if label_before(&first.label, &label) {
                first.last = Some(label);
                first.span = Span::new(first.span.start, end);
                continue;
            }
        }
        let start = if out.is_empty() { base + at } else { base + list.start() + m.start() };
        out.push(CrossRef {
            kind,
            label,
            last: None,
            span: Span::new(start, end),
            form,
            owner: owner.map(|o| Span::new(base + o.start, base + o.end)),
            place: RefPlace::Body,
        });
    }
    out
}

/// The form of an English citation from the words before it: `see Table 1`, `shall … Annex A`.
fn english_form(before: &str) -> Form {
    let sentence = before.rsplit(['.', ';', '\n']).next().unwrap_or_default().to_ascii_lowercase();
    let near = sentence.trim_end_matches([' ', '(']);
    if near.ends_with("see") || near.ends_with("see also") {
        Form::Informative
    } else if ["shall", "in accordance with", "according to", "as specified in", "conform to", "comply with"]
        .iter()
        .any(|w| sentence.contains(w))
    {
        Form::Normative
    } else {
        Form::Plain
    }
}

/// The kind, label and end of the reference a candidate match is, if it is one. `linked`: an
/// earlier reference of the chain or an owner stands right before it.
fn candidate(text: &str, caps: &Groups<'_>, linked: bool) -> Option<(TargetKind, String, usize)> {
    let whole = caps.get(0)?;
    let after = text.get(whole.end()..).unwrap_or_default();
    let next = after.chars().next();
    if let Some(m) = caps.name("chapter") {
        return Some((TargetKind::Chapter, fold_label(m.as_str()), whole.end()));
    }
    if let Some(m) = caps.name("annex") {
        // 附录AB is no annex.
        return (!next.is_some_and(|c| c.is_ascii_alphabetic()))
            .then(|| (TargetKind::Annex, m.as_str().to_owned(), whole.end()));
    }
    if let (Some(word), Some(m)) = (caps.name("word"), caps.name("float")) {
        let before = text.get(..word.start()).and_then(|s| s.chars().next_back());
        let words = if word.as_str() == "表" { WORD_BEFORE_TABLE } else { WORD_BEFORE_FIGURE };
        let used_as_reference = before.is_none_or(|c| !words.contains(c)) || linked;
        if !used_as_reference || continues_number(after) || is_scale(after) {
            return None;
        }
        let kind = if word.as_str() == "表" { TargetKind::Table } else { TargetKind::Figure };
        return Some((kind, fold_label(m.as_str()), whole.end()));
    }
    if let Some(m) = caps.name("formula") {
        return Some((TargetKind::Formula, fold_label(m.as_str()), whole.end()));
    }
    let m = caps.name("clause")?;
    let label = fold_label(m.as_str());
    let explicit = caps.name("di").is_some() || caps.name("tiao").is_some();
    let before = text.get(..m.start()).unwrap_or_default();
    let before_char = before.trim_end_matches([' ', '\u{3000}']).chars().next_back();
    // TLS 1.2, V2.1, HTTP/1.1, 12.5.3: part of another token.
    if !explicit && before_char.is_some_and(|c| c.is_ascii_alphanumeric() || "/\\.-_:：".contains(c)) {
        return None;
    }
    if !clause_follower(text.get(m.end()..).unwrap_or_default()) && caps.name("tiao").is_none() {
        return None;
    }
    let see = is_see(before);
    let parts: Vec<&str> = label.split('.').collect();
    let zero = parts.iter().enumerate().any(|(i, p)| *p == "0" && !(i == 0 && see));
    // Chapters 1 and 2 (scope, normative references) are never subdivided, while 1.5 and 2.5 are
    // the commonest quantities: only 见 or 第…条 makes them references.
    let quantity_like = matches!(parts.first(), Some(&("1" | "2"))) && !see && !explicit && !linked;
    if zero || quantity_like {
        return None;
    }
    let cued = explicit
        || see
        || linked
        || CUE_BEFORE.iter().any(|w| trim_openers(before).ends_with(w))
        || cue_after(text.get(m.end()..).unwrap_or_default());
    cued.then(|| (TargetKind::Clause, label, whole.end()))
}

/// `表1.2`, `表2-1`, `图10`: the number goes on, so this is no reference to 表1 or 图1.
fn continues_number(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('.' | '．' | '-' | '－') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// `图1：500`, `1∶500`: a scale, not a figure.
fn is_scale(after: &str) -> bool {
    let mut chars = after.chars();
    matches!(chars.next(), Some('：' | '∶' | ':')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// What may follow a bare clause number for it to be a clause (`按6.3的规定`, `见6.3.2b)`), and
/// not a quantity (`按1.5倍`, `按2.5 m`).
fn clause_follower(after: &str) -> bool {
    let mut chars = after.chars();
    let Some(next) = chars.next() else { return true };
    if next.is_ascii_digit() {
        return false;
    }
    if next.is_ascii_lowercase() {
        // An item of a list: 6.3.2b).
        return matches!(chars.next(), Some(')' | '）'));
    }
    if next.is_ascii_alphabetic() || matches!(next, '%' | '°' | '℃' | '‰') {
        return false;
    }
    if next.is_whitespace() {
        let rest = after.trim_start();
        return rest.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric());
    }
    !is_han(next) || AFTER_CLAUSE.contains(next) || VERB_AFTER_CLAUSE.iter().any(|v| after.starts_with(v))
}

fn cue_after(after: &str) -> bool {
    let after = after.trim_start_matches([' ', '\u{3000}']);
    CUE_AFTER.iter().any(|w| {
        after
            .strip_prefix(w)
            .is_some_and(|rest| *w != "中" || rest.chars().next().is_none_or(|c| !NOT_ZHONG.contains(c)))
    })
}

fn trim_openers(before: &str) -> &str {
    before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '（' | '(' | '《' | '“'))
}

/// 见, 参见, 详见 right before (an opening bracket or space between allowed).
fn is_see(before: &str) -> bool {
    trim_openers(before).ends_with('见')
}

/// The end of a range written right after a reference: `～表5`, `至6.16`, `—6.3`.
fn range_end(text: &str, kind: TargetKind, first: &str, end: usize) -> Option<(String, usize)> {
    let rest = text.get(end..)?;
    // Every tail opens with an operator: without one the pattern is neither built nor run.
    after_range_operator(rest)?;
    let caps = range_tail(kind)?.captures(rest)?;
    let op = caps.name("op")?.as_str();
    let last_match = caps.name("last")?;
    let last = fold_label(last_match.as_str());
    let hyphen = matches!(op, "—" | "－" | "–" | "-");
    let after = rest.get(caps.get(0)?.end()..).unwrap_or_default();
    let word = caps.name("word").is_some();
    let plausible = match kind {
        // 表2-1 is a number in the chapter style; 表2-表5 is a range.
        TargetKind::Table | TargetKind::Figure | TargetKind::Annex | TargetKind::Formula => {
            (word || !hyphen) && !continues_number(after)
        }
        TargetKind::Clause => last.split('.').count() == first.split('.').count() && clause_follower(after),
        TargetKind::Chapter => true,
    };
    let same_letter = first.chars().next().filter(char::is_ascii_uppercase)
        == last.chars().next().filter(char::is_ascii_uppercase)
        || kind == TargetKind::Annex;
    (plausible && same_letter && label_before(first, &last)).then(|| (last, end + caps.get(0).map_or(0, |m| m.end())))
}

/// `first` comes before `last` in numbering order.
fn label_before(first: &str, last: &str) -> bool {
    let key = |label: &str| -> Vec<u32> {
        label.split('.').map(|p| p.parse().unwrap_or_else(|_| p.chars().next().map_or(0, |c| c as u32))).collect()
    };
    key(first) < key(last)
}

/// Every cross-reference of the document: the running text, notes, examples, table cells,
/// caption titles, term definitions and clause titles of the foreword, the introduction, the
/// body and the annexes. Chapter 2's entries, the bibliography, term sources, code and the
/// numbers of captions themselves are not references.
pub fn scan_document(doc: &Document) -> Vec<CrossRef> {
    let references = doc.normative_references().map(|c| c.span.start);
    let mut out = Vec::new();
    let mut scan = |span: Span, place: RefPlace| {
        let text = doc.source.slice(span);
        if !may_hold_reference(text) {
            return;
        }
        let designations = doc.designations_in(span);
        out.extend(cross_references(text, span.start, &designations).into_iter().map(|r| CrossRef { place, ..r }));
    };
    let mut in_references = false;
    let mut current_clause_start = None;
    for (place, block) in doc.blocks_with_place() {
        let place = match place {
            Place::Foreword => RefPlace::Foreword,
            Place::Introduction => RefPlace::Introduction,
            Place::Clause(c) => {
                if current_clause_start != Some(c.span.start) {
                    current_clause_start = Some(c.span.start);
                    in_references = references.is_some_and(|r| chapter_start(doc, c.span.start) == Some(r));
                }
                if in_references {
                    continue;
                }
                RefPlace::Body
            }
            Place::Annex(a) => RefPlace::Annex(a.letter),
            Place::Bibliography => continue,
        };
        for span in text_of(block) {
            scan(span, place);
        }
    }
    for chapter in &doc.chapters {
        if references == Some(chapter.span.start) {
            continue;
        }
        chapter.walk(&mut |c| {
            if let Some(t) = &c.title {
                scan(t.span, RefPlace::Body);
            }
        });
    }
    for annex in &doc.annexes {
        for clause in &annex.clauses {
            clause.walk(&mut |c| {
                if let Some(t) = &c.title {
                    scan(t.span, RefPlace::Annex(annex.letter));
                }
            });
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}

/// The heading offset of the chapter that holds the clause starting at `clause_start`.
fn chapter_start(doc: &Document, clause_start: usize) -> Option<usize> {
    doc.chapters.iter().rev().find(|c| c.span.start <= clause_start).map(|c| c.span.start)
}

/// The spans of a block that may hold references.
fn text_of(block: &Block) -> Vec<Span> {
    match &block.kind {
        BlockKind::Paragraph
        | BlockKind::ListItem { .. }
        | BlockKind::Note { .. }
        | BlockKind::Example { .. }
        | BlockKind::Table => vec![block.span],
        BlockKind::Caption { title, .. } => title.iter().map(|t| t.span).collect(),
        BlockKind::Term(entry) => {
            entry.definition.iter().map(|d| d.span).chain(entry.notes.iter().map(|n| n.span)).collect()
        }
        BlockKind::Reference { .. } | BlockKind::Figure | BlockKind::Formula { .. } | BlockKind::Code => Vec::new(),
    }
}

/// Words that, written right before the sentence's citation, make it a normative citation.
const NORMATIVE_BEFORE: &[&str] =
    &["按", "符合", "依据", "依照", "遵照", "遵循", "遵守", "满足", "采用", "执行", "参照", "根据", "达到"];
/// Words that, written right after a citation, make it a normative citation.
const NORMATIVE_AFTER: &[&str] =
    &["的规定", "规定的", "的要求", "要求的", "界定的", "规定执行", "给出的方法", "中的规定", "的方法"];

/// Sentence ends, and the cell borders of a table (`|`, `<td>`).
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '\n' | '|' | '<' | '>')
}

/// How far from a citation its sentence is looked for, in bytes: further than a sentence of a
/// standard runs (about 680 Chinese characters). A paragraph that never ends a sentence (a
/// flattened table, a converter's run-on line) is then read in windows of this size instead of
/// whole for each of its citations, which was quadratic in the paragraph.
const SENTENCE_REACH: usize = 2_048;

/// Where a window cut out of a run-on sentence may start or end: on this grid, so that the
/// citations near each other get the same window and share its provision words
/// ([`SentenceModals`]).
const SENTENCE_STEP: usize = SENTENCE_REACH / 2;

/// The sentence around `start..end` in `text`: from after the previous 。；！？ or line break
/// to the next one (included). No further than [`SENTENCE_REACH`] either way: where no mark
/// stands that near, the sentence is cut on the [`SENTENCE_STEP`] grid inside that reach.
pub(crate) fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    // Both reaches are moved onto character boundaries, or the slices below would be empty.
    let floor = ceil_char_boundary(text, start.saturating_sub(SENTENCE_REACH));
    let begin = text
        .get(floor..start)
        .and_then(|s| s.char_indices().rev().find(|&(_, c)| is_sentence_end(c)).map(|(i, c)| floor + i + c.len_utf8()))
        .unwrap_or_else(
            || if floor == 0 { 0 } else { ceil_char_boundary(text, floor.next_multiple_of(SENTENCE_STEP)) },
        );
    let ceiling = floor_char_boundary(text, end.saturating_add(SENTENCE_REACH));
    let finish = text
        .get(end..ceiling)
        .and_then(|s| s.char_indices().find(|&(_, c)| is_sentence_end(c)).map(|(i, c)| end + i + c.len_utf8()))
        .unwrap_or_else(|| {
            if ceiling == text.len() {
                ceiling
            } else {
                floor_char_boundary(text, ceiling / SENTENCE_STEP * SENTENCE_STEP)
            }
        });
    (begin.min(start), finish.max(end))
}

/// The last `n` characters of `text` (all of it when `n` is 0, as it always was): counted from
/// the end, so that the cost is `n`'s, not the text's.
pub(crate) fn tail_chars(text: &str, n: usize) -> &str {
    let Some(last) = n.checked_sub(1) else { return text };
    text.char_indices().rev().nth(last).and_then(|(i, _)| text.get(i..)).unwrap_or(text)
}

/// The first `n` characters of `text`.
pub(crate) fn head_chars(text: &str, n: usize) -> &str {
    match text.char_indices().nth(n) {
        Some((i, _)) => text.get(..i).unwrap_or(text),
        None => text,
    }
}

/// [`citation_form_in`] with nothing remembered.
#[cfg(test)]
pub(crate) fn citation_form(text: &str, start: usize, end: usize) -> (Form, bool) {
    citation_form_in(text, start, end, &mut SentenceModals::default())
}

/// The provision words of the sentence last asked for: the citations in one sentence (a list
/// of designations, a chain of references) share them instead of masking it once each.
#[derive(Default)]
pub(crate) struct SentenceModals {
    /// Where the sentence's bytes are and how many: while the text they point into is borrowed
    /// it cannot change, so the same place is the same sentence.
    place: Option<(usize, usize)>,
    modals: Vec<(usize, usize, crate::lexicon::Modal)>,
}

impl SentenceModals {
    fn of(&mut self, sentence: &str) -> &[(usize, usize, crate::lexicon::Modal)] {
        let place = (sentence.as_ptr() as usize, sentence.len());
        if self.place != Some(place) {
            self.modals = crate::lexicon::find_modals(sentence);
            self.place = Some(place);
        }
        &self.modals
    }
}

/// The form of the citation at `start..end` of `text` (a designation or a cross-reference), and
/// whether its sentence states a requirement (应, 不应, 必须). The last sentence's provision
/// words are remembered in `memo`, which must not outlive the text the calls read.
pub(crate) fn citation_form_in(text: &str, start: usize, end: usize, memo: &mut SentenceModals) -> (Form, bool) {
    use crate::lexicon::{Modal, find_modals};
    let (s, e) = sentence_bounds(text, start, end);
    let sentence = text.get(s..e).unwrap_or_default();
    let sentence_modals = memo.of(sentence);
    let requirement = sentence_modals.iter().any(|m| m.2 == Modal::Requirement);
    let before = text.get(s..start).unwrap_or_default();
    if is_see(before) {
        return (Form::Informative, requirement);
    }
    let window = tail_chars(before, 30);
    let after = head_chars(text.get(end..e).unwrap_or_default(), 30);
    // `如 ISO/IEC 15961、ISO/IEC 15962 等` names examples; `根据X定义，PaaS为……` says where a
    // definition comes from. Neither makes a provision depend on the document.
    let definition_source = after.trim_start().trim_start_matches('的').starts_with("定义")
        && !sentence_modals.iter().any(|m| matches!(m.2, Modal::Requirement | Modal::Recommendation));
    if named_as_example(before) || definition_source {
        return (Form::Plain, requirement);
    }
    let normative = NORMATIVE_BEFORE.iter().any(|w| window.contains(w))
        || find_modals(window).iter().any(|m| matches!(m.2, Modal::Requirement | Modal::Recommendation))
        || NORMATIVE_AFTER.iter().any(|w| after.contains(w));
    (if normative { Form::Normative } else { Form::Plain }, requirement)
}

/// The citation is one of the documents a `如`/`例如` names as examples: only designations,
/// spaces and 、 stand between the 如 and it.
fn named_as_example(before: &str) -> bool {
    let clause = before.rsplit(['，', '。', '；', '：', ',', ';']).next().unwrap_or(before);
    clause.rfind('如').and_then(|at| clause.get(at + '如'.len_utf8()..)).is_some_and(|listed| {
        listed.chars().all(|c| c.is_ascii_alphanumeric() || c.is_whitespace() || "/.:：—–-、".contains(c))
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn gaps_and_numeric_ranges_are_read_as_their_patterns_read_them() {
        const PIECES: &[&str] = &[
            ":", "—", "–", "-", "～", "至", "2019", "20", "0", "１", " ", "\u{3000}", "\u{a0}", "中的", "中", "的",
            "之", ",", "，", "、", "和", "或", "或者", "以及", "及", "and", "or", "a", "n", "表", "5",
        ];
        for gap in crate::model::generated_texts(0x6a09_e667_f3bc_c908, PIECES, 6).take(60_000) {
            assert_eq!(is_owner_gap(&gap), OWNER_GAP.is_match(&gap), "owner {gap:?}");
            assert_eq!(is_chain_gap(&gap), CHAIN_GAP.is_match(&gap), "chain {gap:?}");
            assert_eq!(numeric_range_follows(&gap), NUMERIC_RANGE.is_match(&gap), "numeric {gap:?}");
        }
    }

    #[test]
    fn every_range_tail_opens_with_a_range_operator() {
        const PIECES: &[&str] =
            &[" ", "～", "至", "—", "-", "第", "5", "章", "表", "A", ".", "2", "附录", "(", "1", ")", "公式", "x"];
        for rest in crate::model::generated_texts(0xbb67_ae85_84ca_a73b, PIECES, 6).take(20_000) {
            if after_range_operator(&rest).is_none() {
                assert!(RANGE_TAIL.iter().all(|tail| !tail.is_match(&rest)), "{rest:?}");
            }
        }
    }
    use super::*;

    #[test]
    fn a_remembered_sentence_gives_what_masking_it_again_gives() {
        let text = "应符合GB/T 1、GB/T 2的规定。见GB/T 3。宜采用GB/T 4或GB/T 5。如GB/T 6。";
        let mut memo = SentenceModals::default();
        let mut seen = Vec::new();
        for (at, _) in text.match_indices("GB/T") {
            let end = at + "GB/T 1".len();
            let form = citation_form_in(text, at, end, &mut memo);
            assert_eq!(form, citation_form(text, at, end), "{at}");
            seen.push(form);
        }
        assert_eq!(seen.first(), Some(&(Form::Normative, true)));
        assert!(seen.contains(&(Form::Informative, false)) && seen.contains(&(Form::Plain, false)), "{seen:?}");
    }

    #[test]
    fn digits_are_found_on_the_bytes_as_a_character_scan_finds_them() {
        for text in ["", "总则", "见第3章", "见第３章", "伙伴关系", "伙９", "９", "a0", "ＡＢ", "1", "中1", "中１"]
        {
            let by_chars = text.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
            assert_eq!(holds_digit(text), by_chars, "{text}");
        }
        // Digits at every offset of texts longer than a block of lanes, and the bytes around
        // a full-width digit's (伙 is E4 BC 99, ｜ EF BD 9C) that must not pass for one.
        const PIECES: &[&str] = &["中", "伙", "７", "7", "｜", "a", "，", "Ｚ"];
        for text in crate::model::generated_texts(0x6d1f_20aa_93c4_0b17, PIECES, 48).take(5_000) {
            let by_chars = text.contains(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
            assert_eq!(holds_digit(&text), by_chars, "{text}");
        }
    }

    #[test]
    fn a_text_without_a_reference_form_is_passed_over_only_when_the_pattern_cannot_match() {
        const PIECES: &[&str] = &[
            "第",
            "章",
            "条",
            "附",
            "录",
            "A",
            "B",
            "表",
            "图",
            "公式",
            "（",
            "(",
            ")",
            "）",
            ".",
            "．",
            "1",
            "12",
            "１",
            "９",
            "Table",
            "Fig.",
            "Figure",
            "Annex",
            "Clause",
            "Formula",
            "Equation",
            " ",
            "\u{3000}",
            "应符合",
            "，",
            "、",
            "和",
            "至",
            "~",
            "-",
            "—",
            "x",
            "\u{ff10}",
            "\u{ff1a}",
        ];
        for text in crate::model::generated_texts(0x51_7cc1_b727_220a, PIECES, 10).take(20_000) {
            if CANDIDATE.is_match(&text) {
                assert!(super::may_hold_reference(&text), "{text}");
            }
        }
        assert!(!super::may_hold_reference("服务人员应持证上岗。"));
        assert!(super::may_hold_reference("见附录A。"));
        assert!(super::may_hold_reference("见表１。"));
        assert!(super::may_hold_reference("see Annex B"));
    }

    #[test]
    fn named_owners_are_the_owner_patterns_matches() {
        const PIECES: &[&str] = &[
            "该标准",
            "该",
            "标准",
            "上述",
            "文件",
            "上述文件",
            "原标准",
            "此标准",
            "被引用文件",
            "前一版",
            "2009",
            "20",
            "1",
            "年",
            "版",
            "年版",
            " ",
            "\u{3000}",
            "\n",
            "《",
            "》",
            "名称",
            "GB/T 1—2020",
            "，",
            "x",
            "٣",
            "１２",
            "\u{a0}",
        ];
        let mut next = crate::model::pseudo_random_numbers(0x2545_f491_4f6c_dd1d);
        for round in 0..20_000 {
            let mut text = crate::model::pseudo_random_text(&mut next, PIECES, 16);
            if round % 50 == 0 {
                // Titles near and past the 80-character bound.
                text = format!("《{}》{text}", "名".repeat(75 + next(10)));
            }
            let by_pattern: Vec<(Span, bool)> =
                OWNER.find_iter(&text).map(|m| (Span::new(m.start(), m.end()), m.as_str().starts_with('《'))).collect();
            assert_eq!(named_owners(&text), by_pattern, "{text:?}");
        }
    }

    fn refs(text: &str) -> Vec<(TargetKind, String, Option<String>, bool)> {
        find_cross_references(text, 0)
            .into_iter()
            .map(|r| (r.kind, r.label.clone(), r.last.clone(), r.is_external()))
            .collect()
    }

    fn one(kind: TargetKind, label: &str) -> (TargetKind, String, Option<String>, bool) {
        (kind, label.to_owned(), None, false)
    }

    #[test]
    fn finds_tables_annexes_and_clauses() {
        let found = find_cross_references("服务记录宜采用附录A给出的格式，见表1和5.2，按第6.3条执行。", 0);
        let targets: Vec<_> = found.iter().map(|r| (r.kind, r.label.as_str())).collect();
        assert_eq!(
            targets,
            vec![
                (TargetKind::Annex, "A"),
                (TargetKind::Table, "1"),
                (TargetKind::Clause, "5.2"),
                (TargetKind::Clause, "6.3")
            ]
        );
        assert_eq!(found.get(1).map(|r| r.form), Some(Form::Informative));
        assert_eq!(found.get(2).map(|r| r.form), Some(Form::Informative), "a chain keeps the form of its head");
        assert_eq!(found.get(3).map(|r| r.form), Some(Form::Normative));
    }

    #[test]
    fn clause_references_in_every_form() {
        for text in [
            "按5.3执行",
            "依据5.3规定的方法",
            "5.3所列的项目",
            "第5.3条",
            "见5.3中的规定",
            "见5.3",
            "应符合7.5.2中的相关规定",
        ] {
            let found = refs(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found.first().map(|r| r.0), Some(TargetKind::Clause), "{text}");
        }
        assert_eq!(refs("见6.3.2b)"), vec![one(TargetKind::Clause, "6.3.2")]);
        assert_eq!(refs("（见0.2）"), vec![one(TargetKind::Clause, "0.2")]);
        assert_eq!(refs("应包括表A.1所列项目"), vec![one(TargetKind::Table, "A.1")]);
    }

    #[test]
    fn quantities_and_versions_are_no_references() {
        for text in [
            "费用按1.5倍计算。",
            "间距按2.5 m设置。",
            "采用TLS 1.2中定义的握手。",
            "版本V2.1的要求",
            "温度为1.5。",
            "按0.5%计取",
            "浓度1.2中等",
            "按HTTP/1.1的规定",
            "地形图1∶500",
            "代表1名",
            "附表1",
            "比例为图1：500",
            "填写记录表3份",
            "绘制流程图1张",
            "间距按3.5—4.5 m设置",
            "安全系数应满足1.5的要求",
        ] {
            assert_eq!(refs(text), vec![], "{text}");
        }
    }

    #[test]
    fn other_documents_own_their_references() {
        let external = |text: &str| refs(text).into_iter().map(|r| r.3).collect::<Vec<_>>();
        assert_eq!(external("应符合GB 31654—2021表1和附录A的规定。"), vec![true, true]);
        assert_eq!(external("按GB/T 1234的5.2执行。"), vec![true]);
        assert_eq!(external("见该标准第5.5.2条。"), vec![true]);
        assert_eq!(external("应符合ISO 9001:2015中4.4的规定。"), vec![true]);
        assert_eq!(external("见2009年版的第5章。"), vec![true]);
        assert_eq!(external("按《城镇燃气设计规范》表3执行。"), vec![true]);
        assert_eq!(external("乘以ISO 20483: 2013，附录C和表C.1中规定的系数。"), vec![true, true]);
        // A designation further back does not own a reference that follows other words.
        assert_eq!(external("应符合GB/T 2260的规定，代码见表3。"), vec![false]);
        assert_eq!(external("（见第5章，2009年版的第4章）"), vec![false, true]);
        // Numbers inside a designation are no references.
        assert_eq!(refs("按GB/T 1.1—2020起草"), vec![]);
    }

    #[test]
    fn ranges_are_expanded() {
        let ranges =
            |text: &str| find_cross_references(text, 0).into_iter().map(|r| (r.kind, r.labels())).collect::<Vec<_>>();
        let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(ranges("见表2-表5"), vec![(TargetKind::Table, strings(&["2", "3", "4", "5"]))]);
        assert_eq!(ranges("见表6～表8"), vec![(TargetKind::Table, strings(&["6", "7", "8"]))]);
        assert_eq!(ranges("见表2~5"), vec![(TargetKind::Table, strings(&["2", "3", "4", "5"]))]);
        assert_eq!(ranges("如图3至图5所示"), vec![(TargetKind::Figure, strings(&["3", "4", "5"]))]);
        assert_eq!(ranges("见6.1～6.3"), vec![(TargetKind::Clause, strings(&["6.1", "6.2", "6.3"]))]);
        assert_eq!(ranges("按6.1—6.3执行"), vec![(TargetKind::Clause, strings(&["6.1", "6.2", "6.3"]))]);
        assert_eq!(ranges("见第5章～第7章"), vec![(TargetKind::Chapter, strings(&["5", "6", "7"]))]);
        assert_eq!(ranges("见第5～7章"), vec![(TargetKind::Chapter, strings(&["5", "6", "7"]))]);
        assert_eq!(ranges("见表A.1～表A.3"), vec![(TargetKind::Table, strings(&["A.1", "A.2", "A.3"]))]);
        assert_eq!(ranges("见附录A～附录C"), vec![(TargetKind::Annex, strings(&["A", "B", "C"]))]);
        assert_eq!(
            ranges("见5.2.1～5.3"),
            vec![(TargetKind::Clause, strings(&["5.2.1"])), (TargetKind::Clause, strings(&["5.3"]))]
        );
        // 表2-1 is a chapter-style number, not a range (and no reference to 表2).
        assert_eq!(ranges("见表2-1"), vec![]);
        let long = find_cross_references("见6.1～6.16", 0);
        assert_eq!(long.first().and_then(|r| r.last.clone()).as_deref(), Some("6.16"));
        assert_eq!(long.first().map(|r| r.span), Some(Span::new("见".len(), "见6.1～6.16".len())));
    }

    #[test]
    fn english_citations_of_adopted_standards() {
        let found = |text: &str| {
            find_cross_references(text, 0)
                .into_iter()
                .map(|r| (r.kind, r.labels(), r.is_external(), r.form))
                .collect::<Vec<_>>()
        };
        let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(found("See also Table 1."), vec![(TargetKind::Table, strings(&["1"]), false, Form::Informative)]);
        assert_eq!(
            found("Tables 8 and 9 list the values; Figures 2 to 4 show them."),
            vec![
                (TargetKind::Table, strings(&["8"]), false, Form::Plain),
                (TargetKind::Table, strings(&["9"]), false, Form::Plain),
                (TargetKind::Figure, strings(&["2", "3", "4"]), false, Form::Plain)
            ]
        );
        assert_eq!(
            found("The design shall be in accordance with Annex F and Clause 6."),
            vec![
                (TargetKind::Annex, strings(&["F"]), false, Form::Normative),
                (TargetKind::Chapter, strings(&["6"]), false, Form::Normative)
            ]
        );
        assert_eq!(
            found("use ISO 13849-2:2003, Table B.1, for the design"),
            vec![(TargetKind::Table, strings(&["B.1"]), true, Form::Plain)]
        );
        let external =
            |text: &str| find_cross_references(text, 0).into_iter().map(|r| r.is_external()).collect::<Vec<_>>();
        assert_eq!(external("specified in ISO 20483:2013, Annex C and Table C.1, that is"), vec![true, true]);
        assert_eq!(external("in accordance with ISO 16634:—, Clause 9"), vec![true]);
        assert_eq!(found("the Timetable 1 and Annexation A"), vec![]);
    }

    #[test]
    fn annex_of_a_part() {
        let annex = |text: &str| find_cross_references(text, 0).first().and_then(CrossRef::annex);
        assert_eq!(annex("见C.1"), Some('C'));
        assert_eq!(annex("见表C.2"), Some('C'));
        assert_eq!(annex("见附录C"), Some('C'));
        assert_eq!(annex("见表2"), None);
        assert_eq!(annex("见5.2"), None);
    }

    #[test]
    fn sentences_and_forms() {
        let text = "前文。服务应符合表1的规定；其余见表2。";
        let at = text.find("表1").unwrap_or(0);
        let (s, e) = sentence_bounds(text, at, at + 4);
        assert_eq!(&text[s..e], "服务应符合表1的规定；");
        assert_eq!(citation_form(text, at, at + 4).0, Form::Normative);
        let at2 = text.find("表2").unwrap_or(0);
        assert_eq!(citation_form(text, at2, at2 + 4).0, Form::Informative);
        let examples = "选择数据载体要遵循不同的数据协议，如 ISO/IEC 15961、ISO/IEC 15962 等。";
        for name in ["ISO/IEC 15961", "ISO/IEC 15962"] {
            let at = examples.find(name).unwrap_or(0);
            assert_eq!(citation_form(examples, at, at + name.len()).0, Form::Plain, "{name}");
        }
        let source = "根据JR/T 0166—2020定义，PaaS为云服务类别中的一种。";
        let at = source.find("JR/T").unwrap_or(0);
        assert_eq!(citation_form(source, at, at + "JR/T 0166—2020".len()).0, Form::Plain);
        let required = "服务应根据GB/T 1234—2020的定义分类。";
        let at = required.find("GB/T").unwrap_or(0);
        assert_eq!(citation_form(required, at, at + "GB/T 1234—2020".len()).0, Form::Normative);
        assert_eq!(tail_chars("abcdef", 2), "ef");
        // A run-on sentence is cut within reach; one that ends within reach is found whole,
        // whatever byte of a character the reach falls on.
        for pad in 0..3 {
            let run_on = format!("{}{}应符合GB/T 1的规定{}", "a".repeat(pad), "中".repeat(3_000), "文".repeat(3_000));
            let at = run_on.find("GB/T").unwrap_or(0);
            let (s, e) = sentence_bounds(&run_on, at, at + 6);
            assert!(s < at && at + 6 < e && e - s <= 2 * SENTENCE_REACH + 6, "{pad}: {s}..{e}");
            let ended = format!("{}。{}应符合GB/T 1的规定；{}", "a".repeat(pad), "中".repeat(600), "文".repeat(600));
            let at = ended.find("GB/T").unwrap_or(0);
            let (s, e) = sentence_bounds(&ended, at, at + 6);
            assert_eq!(
                ended.get(s..e),
                ended.get(pad + "。".len()..ended.find('；').unwrap_or(0) + "；".len()),
                "{pad}"
            );
        }
        assert_eq!(tail_chars("中文", 5), "中文");
        assert_eq!(tail_chars("中文字", 2), "文字");
        assert_eq!(tail_chars("abc", 0), "abc");
        assert_eq!(head_chars("abcdef", 2), "ab");
        assert_eq!(fold_label("Ａ．１"), "A.1");
    }
}
