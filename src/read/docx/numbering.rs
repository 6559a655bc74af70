//! The numbering engine: the labels Word draws in front of auto-numbered paragraphs.
//!
//! `numbering.xml` holds abstract definitions (`w:abstractNum`, nine `w:lvl` each) and
//! instances (`w:num`) that point to one and may override levels (`w:lvlOverride`, with a
//! `w:startOverride` or a whole `w:lvl`). Counters belong to the abstract definition, so
//! instances of one definition continue each other, as in Word, until an instance with a
//! start override is first used and restarts its levels. When a level advances, deeper levels
//! restart unless their `w:lvlRestart` says otherwise (`0`: never; `n`: only when a level up to
//! `n` advances). `w:lvlText` placeholders `%1`‥`%9` take each level's counter in that level's
//! `w:numFmt` (decimal when the level is `w:isLgl`).

use crate::hash::{HashMap, HashSet};
use std::sync::Arc;

use super::package::Part;
use super::styles::Styles;
use super::xml::{Item, Ns, Xml};
use crate::read::ReadError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Decimal,
    DecimalZero,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    FullWidth,
    Circle,
    /// 一 二 … 十一.
    Chinese,
    /// 壹 贰 叁.
    ChineseLegal,
    /// 甲 乙 丙.
    Ideograph,
    /// 子 丑 寅.
    Zodiac,
    /// 〇 一 二, digit by digit.
    Digital,
    Bullet,
    None,
}

impl Format {
    fn parse(value: &str) -> Format {
        match value {
            "decimalZero" => Format::DecimalZero,
            "upperLetter" => Format::UpperLetter,
            "lowerLetter" => Format::LowerLetter,
            "upperRoman" => Format::UpperRoman,
            "lowerRoman" => Format::LowerRoman,
            "decimalFullWidth" | "decimalFullWidth2" => Format::FullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Format::Circle,
            "chineseCounting"
            | "chineseCountingThousand"
            | "japaneseCounting"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand" => Format::Chinese,
            "chineseLegalSimplified" => Format::ChineseLegal,
            "ideographTraditional" => Format::Ideograph,
            "ideographZodiac" => Format::Zodiac,
            "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => Format::Digital,
            "bullet" => Format::Bullet,
            "none" => Format::None,
            _ => Format::Decimal,
        }
    }

    pub fn render(self, n: u32) -> String {
        const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        const LEGAL: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
        const STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
        const BRANCHES: [&str; 12] = ["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"];
        let pick = |table: &[&str], i: u32| table.get(i as usize).map_or_else(|| n.to_string(), |s| (*s).to_owned());
        match self {
            Format::Decimal | Format::Bullet => n.to_string(),
            Format::None => String::new(),
            Format::DecimalZero => format!("{n:02}"),
            Format::UpperLetter | Format::LowerLetter => {
                if n == 0 {
                    return "0".to_owned();
                }
                let base = if self == Format::UpperLetter { b'A' } else { b'a' };
                let letter = char::from(base + ((n - 1) % 26) as u8);
                // Word repeats the letter past Z: AA, BB …; the count is bounded.
                let times = ((n - 1) / 26 + 1).min(8) as usize;
                std::iter::repeat_n(letter, times).collect()
            }
            Format::UpperRoman => roman(n),
            Format::LowerRoman => roman(n).to_lowercase(),
            Format::FullWidth => n
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect(),
            Format::Circle => match n {
                1..=20 => char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from),
                _ => n.to_string(),
            },
            Format::Chinese => chinese(n, &DIGITS),
            Format::ChineseLegal => chinese(n, &LEGAL).replace('十', "拾"),
            Format::Ideograph => pick(&STEMS, n.wrapping_sub(1)),
            Format::Zodiac => pick(&BRANCHES, n.wrapping_sub(1)),
            Format::Digital => n.to_string().chars().map(|c| pick(&DIGITS, c as u32 - '0' as u32)).collect(),
        }
    }
}

fn roman(n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    let mut rest = n;
    for (value, symbol) in TABLE {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    out
}

/// Chinese counting up to 99 (十一, 二十, 二十一); larger numbers in digits.
fn chinese(n: u32, digits: &[&str; 10]) -> String {
    let d = |i: u32| digits.get(i as usize).copied().unwrap_or_default();
    match n {
        0..=9 => d(n).to_owned(),
        10..=19 => format!("十{}", if n % 10 == 0 { "" } else { d(n % 10) }),
        20..=99 => format!("{}十{}", d(n / 10), if n % 10 == 0 { "" } else { d(n % 10) }),
        _ => n.to_string(),
    }
}

/// Private-use characters of the Symbol and Wingdings fonts that list templates use as
/// bullets, as the characters they show.
fn map_symbol(c: char) -> char {
    match c {
        '\u{F0B7}' => '·',
        '\u{F06C}' => '●',
        '\u{F06E}' => '■',
        '\u{F075}' => '◆',
        '\u{F0A7}' => '▪',
        '\u{F0A8}' => '□',
        '\u{F0D8}' => '➢',
        '\u{F0FC}' => '✓',
        '\u{F000}'..='\u{F0FF}' => '•',
        c => c,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Level {
    pub start: u32,
    pub format: Format,
    pub text: String,
    pub restart: Option<u32>,
    pub suffix: Suffix,
    pub legal: bool,
    /// `w:pStyle`: the paragraph style this level is linked to.
    pub style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: Format::Decimal,
            text: String::new(),
            restart: None,
            suffix: Suffix::Tab,
            legal: false,
            style: None,
        }
    }
}

/// A label Word draws: the substituted `w:lvlText` and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub text: String,
    pub suffix: Suffix,
}

impl Label {
    /// The label as Word lays it out, suffix included.
    #[cfg(test)]
    pub fn display(&self) -> String {
        let suffix = match self.suffix {
            Suffix::Tab => "\t",
            Suffix::Space => " ",
            Suffix::Nothing => "",
        };
        format!("{}{suffix}", self.text)
    }
}

#[derive(Debug, Default)]
struct Abstract {
    levels: [Option<Level>; 9],
    num_style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: u32,
    /// `(ilvl, start override, level override)`.
    overrides: Vec<(usize, Option<u32>, Option<Level>)>,
}

#[derive(Debug, Default, Clone)]
struct Counters {
    values: [Option<u32>; 9],
    pending: [Option<u32>; 9],
}

/// What `numbering.xml` defines: read-only once parsed, so drafts that share a template share
/// one parse (see [`super::template`]).
#[derive(Debug, Default)]
pub(crate) struct Definitions {
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
    /// Whether the package has a numbering part at all.
    present: bool,
}

/// The definitions and the counters of one walk over a document.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    definitions: Arc<Definitions>,
    counters: HashMap<u32, Counters>,
    started: HashSet<u32>,
}

/// Why a paragraph whose `w:numPr` asks for a number gets none: what `numbering.xml` lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Missing {
    /// The package has no numbering part.
    Part,
    /// No `w:num` with this `w:numId`.
    Num(u32),
    /// The `w:num` points to an `w:abstractNum` that is not there.
    Abstract { num: u32, abstract_id: u32 },
    /// The definition has no `w:lvl` of this level.
    Level { num: u32, ilvl: u8 },
}

enum Target {
    Abstract(u32),
    Override(u32),
}

impl Numbering {
    /// Counting afresh with these definitions.
    pub fn new(definitions: Arc<Definitions>) -> Self {
        Numbering { definitions, counters: HashMap::default(), started: HashSet::default() }
    }

    #[cfg(test)]
    pub fn parse(part: &Part, styles: &Styles) -> Result<Self, ReadError> {
        Ok(Numbering::new(Arc::new(Definitions::parse(part, styles)?)))
    }

    /// The paragraph style a level is linked to.
    pub fn level_style(&self, num_id: u32, ilvl: u8) -> Option<&str> {
        self.definitions.level_style(num_id, ilvl)
    }

    /// The level whose `w:pStyle` is one of `styles` (a paragraph's style and its ancestors).
    pub fn level_for_styles(&self, num_id: u32, styles: &[&str]) -> Option<u8> {
        self.definitions.level_for_styles(num_id, styles)
    }

    /// What is missing for `num_id` at `ilvl` to have a label, when something is (`num_id` 0
    /// means "not numbered" and lacks nothing).
    pub fn missing(&self, num_id: u32, ilvl: u8) -> Option<Missing> {
        self.definitions.missing(num_id, ilvl)
    }

    /// Advances the counters for a paragraph numbered `num_id` at `ilvl` and returns its label.
    pub fn next_label(&mut self, num_id: u32, ilvl: u8) -> Option<Label> {
        let ilvl = usize::from(ilvl);
        if num_id == 0 || ilvl >= 9 {
            return None;
        }
        // The definitions are read while the counters change: no level is copied.
        let definitions = &*self.definitions;
        let num = definitions.nums.get(&num_id)?;
        let level = definitions.level(num_id, ilvl)?;
        let levels: [Option<&Level>; 9] = std::array::from_fn(|k| definitions.level(num_id, k));
        let first_use = self.started.insert(num_id);
        let counters = self.counters.entry(num.abstract_id).or_default();
        let restarts = num.overrides.iter().filter(|_| first_use).map(|o| (o.0, o.1));
        for (k, start) in restarts {
            if let (Some(start), Some(value), Some(pending)) =
                (start, counters.values.get_mut(k), counters.pending.get_mut(k))
            {
                *value = None;
                *pending = Some(start);
            }
        }
        let next = match counters.values.get(ilvl).copied().flatten() {
            Some(v) => v.saturating_add(1),
            None => counters.pending.get_mut(ilvl).and_then(Option::take).unwrap_or(level.start),
        };
        if let Some(slot) = counters.values.get_mut(ilvl) {
            *slot = Some(next);
        }
        for (k, deeper) in levels.iter().enumerate().skip(ilvl + 1) {
            let reset = match deeper.and_then(|l| l.restart) {
                None => true,
                Some(0) => false,
                Some(r) => (ilvl as u32) < r,
            };
            if reset {
                if let Some(slot) = counters.values.get_mut(k) {
                    *slot = None;
                }
            }
        }
        let mut text = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = (c == '%').then(|| chars.peek().and_then(|d| d.to_digit(10))).flatten();
            match placeholder {
                Some(d @ 1..=9) => {
                    chars.next();
                    let k = (d - 1) as usize;
                    let Some(referenced) = levels.get(k).copied().flatten() else { continue };
                    let value = counters.values.get(k).copied().flatten().unwrap_or(referenced.start);
                    let format = if level.legal && k < ilvl { Format::Decimal } else { referenced.format };
                    text.push_str(&format.render(value));
                }
                _ => text.push(c),
            }
        }
        Some(Label { text, suffix: level.suffix })
    }
}

impl Definitions {
    pub fn parse(part: &Part, styles: &Styles) -> Result<Self, ReadError> {
        let mut xml = Xml::new(&part.text, part.base, &part.name);
        let mut numbering = Definitions { present: true, ..Definitions::default() };
        let mut path: Vec<&'static str> = Vec::new();
        let mut skip: Option<usize> = None;
        let mut abstract_id: Option<u32> = None;
        let mut num_id: Option<u32> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(Target, usize, Level)> = None;
        loop {
            let (_, item) = xml.next()?;
            let (tag, open) = match item {
                Item::Eof => break,
                Item::Close { .. } => {
                    if let Some(depth) = skip {
                        if xml.depth() < depth {
                            skip = None;
                        }
                        continue;
                    }
                    match path.pop() {
                        Some("lvl") => {
                            if let Some((target, ilvl, lvl)) = level.take() {
                                numbering.store_level(target, ilvl, lvl);
                            }
                        }
                        Some("abstractNum") => abstract_id = None,
                        Some("num") => num_id = None,
                        Some("lvlOverride") => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Item::Open(tag) => (tag, true),
                Item::Empty(tag) => (tag, false),
                _ => continue,
            };
            if skip.is_some() {
                continue;
            }
            if tag.ns != Ns::W {
                if open {
                    skip = Some(xml.depth());
                }
                continue;
            }
            let parent = path.last().copied();
            let mut descend = false;
            match (parent, tag.local) {
                (None, "numbering") => descend = true,
                (Some("numbering"), "abstractNum") => {
                    abstract_id = tag.number("abstractNumId");
                    if let Some(id) = abstract_id {
                        numbering.abstracts.entry(id).or_default();
                    }
                    descend = true;
                }
                (Some("numbering"), "num") => {
                    num_id = tag.number("numId");
                    descend = true;
                }
                (Some("abstractNum"), "numStyleLink") => {
                    if let Some(a) = abstract_id.and_then(|id| numbering.abstracts.get_mut(&id)) {
                        a.num_style_link = tag.attr("val").map(|v| v.into_owned());
                    }
                }
                (Some("abstractNum"), "lvl") => {
                    if let (Some(id), Some(ilvl)) = (abstract_id, tag.number("ilvl").map(|v| v as usize)) {
                        level = Some((Target::Abstract(id), ilvl, Level::default()));
                    }
                    descend = true;
                }
                (Some("num"), "abstractNumId") => {
                    if let (Some(id), Some(a)) = (num_id, tag.number("val")) {
                        numbering.nums.entry(id).or_default().abstract_id = a;
                    }
                }
                (Some("num"), "lvlOverride") => {
                    override_level = tag.number("ilvl").map(|v| v as usize);
                    descend = true;
                }
                (Some("lvlOverride"), "startOverride") => {
                    if let (Some(id), Some(ilvl), Some(start)) = (num_id, override_level, tag.number("val")) {
                        let num = numbering.nums.entry(id).or_default();
                        match num.overrides.iter_mut().find(|o| o.0 == ilvl) {
                            Some(o) => o.1 = Some(start),
                            None => num.overrides.push((ilvl, Some(start), None)),
                        }
                    }
                }
                (Some("lvlOverride"), "lvl") => {
                    if let (Some(id), Some(ilvl)) = (num_id, override_level) {
                        level = Some((Target::Override(id), ilvl, Level::default()));
                    }
                    descend = true;
                }
                (Some("lvl"), property) => {
                    if let Some((_, _, lvl)) = level.as_mut() {
                        let value = tag.attr("val");
                        match property {
                            "start" => lvl.start = tag.number("val").unwrap_or(1),
                            "numFmt" => lvl.format = Format::parse(value.as_deref().unwrap_or_default()),
                            "lvlText" => {
                                lvl.text = value.map(|v| v.chars().map(map_symbol).collect()).unwrap_or_default()
                            }
                            "lvlRestart" => lvl.restart = tag.number("val"),
                            "isLgl" => lvl.legal = tag.is_on(),
                            "pStyle" => lvl.style = value.map(|v| v.into_owned()),
                            "suff" => {
                                lvl.suffix = match value.as_deref() {
                                    Some("space") => Suffix::Space,
                                    Some("nothing") => Suffix::Nothing,
                                    _ => Suffix::Tab,
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            if open {
                if descend {
                    path.push(tag.local);
                } else {
                    skip = Some(xml.depth());
                }
            }
        }
        numbering.link_styles(styles);
        Ok(numbering)
    }

    fn store_level(&mut self, target: Target, ilvl: usize, level: Level) {
        if ilvl >= 9 {
            return;
        }
        match target {
            Target::Abstract(id) => {
                if let Some(slot) = self.abstracts.get_mut(&id).and_then(|a| a.levels.get_mut(ilvl)) {
                    *slot = Some(level);
                }
            }
            Target::Override(id) => {
                let num = self.nums.entry(id).or_default();
                match num.overrides.iter_mut().find(|o| o.0 == ilvl) {
                    Some(o) => o.2 = Some(level),
                    None => num.overrides.push((ilvl, None, Some(level))),
                }
            }
        }
    }

    /// An abstract definition that only says `w:numStyleLink` takes its levels from the
    /// definition behind the numbering style it names.
    fn link_styles(&mut self, styles: &Styles) {
        let linked: Vec<(u32, u32)> = self
            .abstracts
            .iter()
            .filter(|(_, a)| a.levels.iter().all(Option::is_none))
            .filter_map(|(&id, a)| {
                let mut style = a.num_style_link.clone()?;
                for _ in 0..8 {
                    let target = self.nums.get(&styles.num_id_of(&style)?)?.abstract_id;
                    let definition = self.abstracts.get(&target)?;
                    if definition.levels.iter().any(Option::is_some) {
                        return Some((id, target));
                    }
                    style = definition.num_style_link.clone()?;
                }
                None
            })
            .collect();
        for (id, target) in linked {
            let levels = self.abstracts.get(&target).map(|a| a.levels.clone());
            if let (Some(levels), Some(a)) = (levels, self.abstracts.get_mut(&id)) {
                a.levels = levels;
            }
        }
    }

    fn level(&self, num_id: u32, ilvl: usize) -> Option<&Level> {
        let num = self.nums.get(&num_id)?;
        if let Some(level) = num.overrides.iter().find(|o| o.0 == ilvl).and_then(|o| o.2.as_ref()) {
            return Some(level);
        }
        self.abstracts.get(&num.abstract_id)?.levels.get(ilvl)?.as_ref()
    }

    /// The paragraph style a level is linked to.
    pub fn level_style(&self, num_id: u32, ilvl: u8) -> Option<&str> {
        self.level(num_id, usize::from(ilvl)).and_then(|l| l.style.as_deref())
    }

    /// The level whose `w:pStyle` is one of `styles` (a paragraph's style and its ancestors).
    pub fn level_for_styles(&self, num_id: u32, styles: &[&str]) -> Option<u8> {
        for style in styles {
            for ilvl in 0..9u8 {
                if self.level_style(num_id, ilvl) == Some(style) {
                    return Some(ilvl);
                }
            }
        }
        None
    }

    /// What is missing for `num_id` at `ilvl` to have a label, when something is (`num_id` 0
    /// means "not numbered" and lacks nothing).
    pub fn missing(&self, num_id: u32, ilvl: u8) -> Option<Missing> {
        if num_id == 0 {
            return None;
        }
        if !self.present {
            return Some(Missing::Part);
        }
        let Some(num) = self.nums.get(&num_id) else { return Some(Missing::Num(num_id)) };
        if !self.abstracts.contains_key(&num.abstract_id) {
            return Some(Missing::Abstract { num: num_id, abstract_id: num.abstract_id });
        }
        self.level(num_id, usize::from(ilvl)).is_none().then_some(Missing::Level { num: num_id, ilvl })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn lvl(ilvl: u8, format: &str, text: &str, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{format}"/>{extra}<w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    fn numbering(body: &str) -> Numbering {
        let part =
            Part { name: "word/numbering.xml".into(), text: format!("<w:numbering {W}>{body}</w:numbering>"), base: 0 };
        Numbering::parse(&part, &Styles::default()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// The TCS chapter list: level 0 (前言) shows nothing, chapters are level 1.
    fn chapters() -> String {
        format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "none", "%1", r#"<w:suff w:val="nothing"/>"#),
            lvl(1, "decimal", "%1%2　", r#"<w:suff w:val="nothing"/>"#),
            lvl(2, "decimal", "%1%2.%3　", r#"<w:suff w:val="nothing"/>"#),
            lvl(3, "decimal", "%1%2.%3.%4　", ""),
        )
    }

    fn labels(n: &mut Numbering, steps: &[(u32, u8)]) -> Vec<String> {
        steps.iter().map(|&(num, ilvl)| n.next_label(num, ilvl).map_or("-".into(), |l| l.text.trim().into())).collect()
    }

    #[test]
    fn chapter_and_clause_counters_restart_deeper_levels() {
        let mut n = numbering(&chapters());
        let got = labels(&mut n, &[(1, 1), (1, 2), (1, 2), (1, 3), (1, 1), (1, 2), (1, 3), (1, 1), (1, 3)]);
        assert_eq!(got, ["1", "1.1", "1.2", "1.2.1", "2", "2.1", "2.1.1", "3", "3.1.1"]);
        // The 前言 level advances its own counter but shows nothing, and restarts chapters.
        assert_eq!(labels(&mut n, &[(1, 0), (1, 1)]), ["", "1"]);
        assert_eq!(n.next_label(1, 5), None);
        assert_eq!(n.next_label(7, 0), None);
        assert_eq!(n.next_label(0, 0), None);
    }

    #[test]
    fn what_is_missing_is_named() {
        let n = numbering(&chapters());
        assert_eq!(n.missing(1, 0), None);
        assert_eq!(n.missing(0, 0), None);
        assert_eq!(n.missing(7, 0), Some(Missing::Num(7)));
        assert_eq!(n.missing(1, 5), Some(Missing::Level { num: 1, ilvl: 5 }));
        let orphan = numbering(r#"<w:num w:numId="3"><w:abstractNumId w:val="9"/></w:num>"#);
        assert_eq!(orphan.missing(3, 0), Some(Missing::Abstract { num: 3, abstract_id: 9 }));
        assert_eq!(Numbering::default().missing(1, 0), Some(Missing::Part));
    }

    #[test]
    fn suffix_and_display() {
        let mut n = numbering(&chapters());
        let label = n.next_label(1, 1).unwrap_or_else(|| panic!());
        assert_eq!((label.display(), label.suffix), ("1　".to_owned(), Suffix::Nothing));
        let label = n.next_label(1, 3).unwrap_or_else(|| panic!());
        assert_eq!(label.display(), "1.1.1　\t");
    }

    #[test]
    fn annex_letters_and_lvl_restart() {
        let body = format!(
            r#"<w:abstractNum w:abstractNumId="3">{}{}</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
               <w:abstractNum w:abstractNumId="4">{}{}</w:abstractNum><w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>"#,
            lvl(0, "upperLetter", "附录%1", r#"<w:lvlRestart w:val="0"/>"#),
            lvl(1, "decimal", "%1.%2　", ""),
            lvl(0, "decimal", "%1", ""),
            lvl(1, "lowerLetter", "%2)", r#"<w:lvlRestart w:val="0"/>"#),
        );
        let mut n = numbering(&body);
        assert_eq!(labels(&mut n, &[(5, 0), (5, 1), (5, 1), (5, 0), (5, 1)]), ["附录A", "A.1", "A.2", "附录B", "B.1"]);
        // lvlRestart 0: the letters go on across level-0 paragraphs.
        assert_eq!(labels(&mut n, &[(6, 1), (6, 0), (6, 1)]), ["a)", "1", "b)"]);
    }

    #[test]
    fn instances_share_counters_until_a_start_override() {
        let body = format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
               <w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>
                 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="(%1)"/></w:lvl></w:lvlOverride></w:num>"#,
            lvl(0, "lowerLetter", "%1)", ""),
        );
        let mut n = numbering(&body);
        assert_eq!(
            labels(&mut n, &[(1, 0), (1, 0), (2, 0), (3, 0), (3, 0), (4, 0), (4, 0)]),
            ["a)", "b)", "c)", "a)", "b)", "(V)", "(VI)"]
        );
    }

    #[test]
    fn introduction_labels_and_legal_numbering() {
        let body = format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
               <w:abstractNum w:abstractNumId="1">{}{}</w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#,
            lvl(0, "none", "%1", ""),
            lvl(1, "decimal", "%10.%2 ", ""),
            lvl(0, "chineseCounting", "第%1章", ""),
            lvl(1, "decimal", "%1.%2", "<w:isLgl/>"),
        );
        let mut n = numbering(&body);
        assert_eq!(labels(&mut n, &[(1, 0), (1, 1), (1, 1)]), ["", "0.1", "0.2"]);
        assert_eq!(
            labels(&mut n, &[(2, 0), (2, 1), (2, 0), (2, 0), (2, 1)]),
            ["第一章", "1.1", "第二章", "第三章", "3.1"]
        );
    }

    #[test]
    fn formats() {
        assert_eq!(Format::UpperLetter.render(27), "AA");
        assert_eq!(Format::LowerLetter.render(3), "c");
        assert_eq!(Format::LowerRoman.render(14), "xiv");
        assert_eq!(Format::Chinese.render(10), "十");
        assert_eq!(Format::Chinese.render(21), "二十一");
        assert_eq!(Format::ChineseLegal.render(12), "拾贰");
        assert_eq!(Format::Ideograph.render(2), "乙");
        assert_eq!(Format::Circle.render(3), "③");
        assert_eq!(Format::FullWidth.render(12), "１２");
        assert_eq!(Format::DecimalZero.render(7), "07");
        assert_eq!(Format::Digital.render(105), "一〇五");
        assert_eq!(Format::None.render(4), "");
        assert_eq!(map_symbol('\u{F0B7}'), '·');
    }
}
