//! The cover of a Metanorma GB document, from `bibdata`, in the order a GB cover prints it.
//!
//! The 2019 grammar keeps `gbtype`, `ics`, `ccs` and `gbcommittee` directly in `bibdata`, titles
//! as `title/title-intro|title-main|title-part` and dates as `date/from`; later grammars move the
//! GB fields into `bibdata/ext`, write titles as `title[@type]` and dates as `date/on`. Both are
//! read. What metanorma computes when it prints — the banner from the scope, the designation
//! from prefix, mandate, number, part and year, `第N部分：` before the part title — is computed
//! here too, anchored at the elements it comes from.

use super::{MetanormaRenderer, first, kids};
use crate::model::codes::{city, province};
use crate::read::classify::is_han;
use crate::read::lines::LineKind;
use crate::read::sts::walker::Element;

/// The `bibdata` child `name`, or the same child of `bibdata/ext`.
fn field<'e>(bibdata: &'e Element, name: &str) -> Option<&'e Element> {
    first(bibdata, name).or_else(|| first(bibdata, "ext").and_then(|ext| first(ext, name)))
}

fn text_of(element: Option<&Element>, src: &str) -> String {
    element.map(|e| e.plain_text(src)).unwrap_or_default()
}

/// Where a document stands, from `gbtype` (`gbscope`, `gbprefix`, `gbmandate`).
#[derive(Debug, Default)]
pub struct Kind {
    scope: String,
    prefix: String,
    mandate: String,
}

impl Kind {
    fn read(bibdata: &Element, src: &str) -> Kind {
        let gbtype = field(bibdata, "gbtype");
        let part = |name: &str| text_of(gbtype.and_then(|t| first(t, name)), src);
        Kind { scope: part("gbscope"), prefix: part("gbprefix"), mandate: part("gbmandate") }
    }

    /// `/T` for recommended documents, `/Z` for guidance, nothing for mandatory ones.
    fn suffix(&self) -> &'static str {
        if self.mandate.starts_with("recommend") {
            "/T"
        } else if self.mandate.starts_with("guid") {
            "/Z"
        } else {
            ""
        }
    }

    /// The document code: `GB/T`, `LS/T`, `DB81/T`, `T/ABC`, `Q/DEF`.
    fn code(&self) -> Option<String> {
        let prefix = self.prefix.trim();
        match self.scope.as_str() {
            "national" => Some(format!("GB{}", self.suffix())),
            "sector" if !prefix.is_empty() => Some(format!("{prefix}{}", self.suffix())),
            "local" if !prefix.is_empty() => Some(format!("DB{prefix}{}", self.suffix())),
            "social" | "social-group" | "group" if !prefix.is_empty() => Some(format!("T/{prefix}")),
            "enterprise" if !prefix.is_empty() => Some(format!("Q/{prefix}")),
            _ => None,
        }
    }

    /// The category banner metanorma prints above the designation.
    fn banner(&self, issuer: &str) -> Option<String> {
        let prefix = self.prefix.trim();
        match self.scope.as_str() {
            "national" if self.suffix() == "/Z" => Some("中华人民共和国国家标准化指导性技术文件".to_owned()),
            "national" => Some("中华人民共和国国家标准".to_owned()),
            "sector" => sector_name(prefix).map(|name| format!("中华人民共和国{name}行业标准")),
            "local" => {
                let place = match prefix.len() {
                    2 => province(prefix).map(|(full, _)| full),
                    _ => city(prefix),
                };
                place.map(|p| format!("{p}地方标准"))
            }
            "social" | "social-group" | "group" => Some("团体标准".to_owned()),
            "enterprise" => Some(format!("{issuer}企业标准")),
            _ => None,
        }
    }
}

/// The issuers metanorma prints on a Chinese national document (of the 2019 grammar's time).
const NATIONAL_ISSUERS: &str = "中华人民共和国国家质量监督检验检疫总局\u{3000}中国国家标准化管理委员会";

/// The sector of a sector code, as its banner names it (中华人民共和国农业行业标准 for NY).
fn sector_name(code: &str) -> Option<&'static str> {
    const SECTORS: &[(&str, &str)] = &[
        ("AQ", "安全生产"),
        ("BB", "包装"),
        ("CB", "船舶"),
        ("CH", "测绘"),
        ("CJ", "城镇建设"),
        ("CY", "新闻出版"),
        ("DA", "档案"),
        ("DL", "电力"),
        ("DZ", "地质矿产"),
        ("EJ", "核工业"),
        ("FZ", "纺织"),
        ("GA", "公共安全"),
        ("GH", "供销合作"),
        ("GY", "广播电影电视"),
        ("HB", "航空"),
        ("HG", "化工"),
        ("HJ", "环境保护"),
        ("HS", "海关"),
        ("HY", "海洋"),
        ("JB", "机械"),
        ("JC", "建材"),
        ("JG", "建筑工业"),
        ("JR", "金融"),
        ("JT", "交通"),
        ("JY", "教育"),
        ("LB", "旅游"),
        ("LD", "劳动和劳动安全"),
        ("LS", "粮食"),
        ("LY", "林业"),
        ("MH", "民用航空"),
        ("MT", "煤炭"),
        ("MZ", "民政"),
        ("NB", "能源"),
        ("NY", "农业"),
        ("QB", "轻工"),
        ("QC", "汽车"),
        ("QJ", "航天"),
        ("QX", "气象"),
        ("SB", "商业"),
        ("SC", "水产"),
        ("SH", "石油化工"),
        ("SJ", "电子"),
        ("SL", "水利"),
        ("SN", "出入境检验检疫"),
        ("SY", "石油天然气"),
        ("TB", "铁道"),
        ("TD", "土地管理"),
        ("TY", "体育"),
        ("WB", "物资管理"),
        ("WH", "文化"),
        ("WJ", "兵工民品"),
        ("WM", "外经贸"),
        ("WS", "卫生"),
        ("WW", "文物保护"),
        ("XB", "稀土"),
        ("YB", "黑色冶金"),
        ("YC", "烟草"),
        ("YD", "通信"),
        ("YS", "有色冶金"),
        ("YY", "医药"),
        ("YZ", "邮政"),
    ];
    SECTORS.iter().find(|(c, _)| *c == code).map(|(_, name)| *name)
}

/// `2018-08-10` from `date[@type]/on` or `date[@type]/from`.
fn date<'e>(bibdata: &'e Element, kind: &str, src: &str) -> Option<&'e Element> {
    kids(bibdata, "date")
        .filter(|d| d.attr("type") == Some(kind))
        .find_map(|d| first(d, "on").or_else(|| first(d, "from")))
        .filter(|d| !d.plain_text(src).is_empty())
}

/// A title element in `language`: by its `@language`, or, when it has none, by its script.
fn in_language(element: &Element, language: &str, src: &str) -> bool {
    match element.attr("language") {
        Some(lang) => lang.to_ascii_lowercase().starts_with(language),
        None => element.plain_text(src).chars().any(is_han) == (language == "zh"),
    }
}

/// The title parts of one language: `(intro, main, part)` elements, or the whole title.
pub struct Title<'e> {
    parts: Vec<&'e Element>,
    /// The part title (`title-part`), printed after `第N部分：`.
    part: Option<&'e Element>,
}

impl<'e> Title<'e> {
    fn read(bibdata: &'e Element, language: &str, src: &str) -> Option<Title<'e>> {
        let non_empty = |e: &&Element| !e.plain_text(src).is_empty();
        let in_language = |e: &&Element| in_language(e, language, src);
        // 2019: <title><title-intro language="zh">…</title-intro>…</title>
        for wrap in kids(bibdata, "title") {
            let pieces: Vec<&'e Element> = ["title-intro", "title-main"]
                .iter()
                .filter_map(|name| first(wrap, name))
                .filter(in_language)
                .filter(non_empty)
                .collect();
            let part = first(wrap, "title-part").filter(in_language).filter(non_empty);
            if !pieces.is_empty() || part.is_some() {
                return Some(Title { parts: pieces, part });
            }
        }
        // Later grammars: <title language="zh" type="title-intro">…</title>
        let typed = |kind: &str| {
            kids(bibdata, "title").filter(|t| t.attr("type") == Some(kind)).filter(in_language).find(non_empty)
        };
        let pieces: Vec<&'e Element> = ["title-intro", "title-main"].iter().filter_map(|k| typed(k)).collect();
        let part = typed("title-part");
        if !pieces.is_empty() || part.is_some() {
            return Some(Title { parts: pieces, part });
        }
        let whole = typed("main").or_else(|| {
            kids(bibdata, "title").filter(|t| t.attr("type").is_none()).filter(in_language).find(non_empty)
        })?;
        Some(Title { parts: vec![whole], part: None })
    }
}

/// What the body needs from the cover: the Chinese title (repeated before chapter 1), the
/// document's language and the designations the terms lead-in names.
pub struct Cover<'e> {
    pub title_zh: Option<Title<'e>>,
    pub part_number: Option<String>,
    pub language: String,
}

impl<'a> MetanormaRenderer<'a> {
    pub(super) fn cover(&mut self, bibdata: &'a Element) -> Cover<'a> {
        let src = self.src;
        let kind = Kind::read(bibdata, src);
        let issuer = kids(bibdata, "contributor")
            .find(|c| first(c, "role").and_then(|r| r.attr("type")) == Some("issuer"))
            .and_then(|c| first(c, "organization"))
            .and_then(|o| first(o, "name"))
            .filter(|n| !n.plain_text(src).is_empty());
        let language = text_of(first(bibdata, "language"), src).to_ascii_lowercase();

        self.view.flush_text();
        if let Some(banner) = kind.banner(&text_of(issuer, src)) {
            let anchor = field(bibdata, "gbtype").map_or(bibdata.start, |t| t.start);
            self.view.computed(&banner, anchor);
            self.view.flush_text();
        }
        self.codes_line(bibdata, "ics", "ICS ");
        self.codes_line(bibdata, "ccs", "CCS ");
        let part_number = self.designation(bibdata, &kind);
        for relation in kids(bibdata, "relation").filter(|r| matches!(r.attr("type"), Some("obsoletes" | "replaces"))) {
            for id in kids(relation, "bibitem").filter_map(|b| first(b, "docidentifier")) {
                self.view.computed("代替", relation.start);
                self.view.space(id.start);
                self.children(id);
                self.view.flush_text();
            }
        }

        let title_zh = Title::read(bibdata, "zh", src);
        if let Some(title) = &title_zh {
            self.title_line(title, part_number.as_deref(), "zh");
        }
        if let Some(title) = Title::read(bibdata, "en", src) {
            self.title_line(&title, part_number.as_deref(), "en");
        }
        self.consistency_marker(bibdata);

        for (kind, word) in [("published", "发布"), ("implemented", "实施")] {
            if let Some(day) = date(bibdata, kind, src) {
                self.children(day);
                self.view.computed(word, day.start);
                self.view.flush_text();
            }
        }
        if let Some(name) = issuer {
            let written = name.plain_text(src);
            if kind.scope == "national" && language.starts_with("zh") && !written.chars().any(is_han) {
                // The 2019 grammar stores the English name of the national issuers; a Chinese
                // document prints them in Chinese.
                self.view.computed(NATIONAL_ISSUERS, name.start);
            } else {
                self.children(name);
            }
            self.view.computed("\u{3000}发布", name.start);
            self.view.flush_text();
        }
        Cover { title_zh, part_number, language }
    }

    /// `ICS 67.060` / `CCS B22`: the codes, as `<ics>67.060</ics>` or `<ics><code>…</code></ics>`.
    fn codes_line(&mut self, bibdata: &'a Element, name: &str, word: &str) {
        let src = self.src;
        let in_ext = first(bibdata, "ext").into_iter().flat_map(move |ext| kids(ext, name));
        let codes: Vec<&'a Element> = kids(bibdata, name)
            .chain(in_ext)
            .map(|c| first(c, "code").unwrap_or(c))
            .filter(|c| !c.plain_text(src).is_empty())
            .collect();
        for (i, code) in codes.iter().enumerate() {
            if i == 0 {
                if !code.plain_text(src).starts_with(word.trim_end()) {
                    self.view.computed(word, code.start);
                }
            } else {
                self.view.computed("；", code.start);
            }
            self.children(code);
        }
        self.view.flush_text();
    }

    /// `GB/T 80021.1—2018`, built as metanorma prints it; the part number is handed back for
    /// the titles.
    fn designation(&mut self, bibdata: &'a Element, kind: &Kind) -> Option<String> {
        let src = self.src;
        let own_ids: Vec<&'a Element> = kids(bibdata, "docidentifier").collect();
        // 2019: <docidentifier><project-number part="1">80021</project-number></docidentifier>;
        // later: <docnumber>, <ext><structuredidentifier><project-number part="1">.
        let project = own_ids
            .iter()
            .find_map(|d| first(d, "project-number"))
            .or_else(|| field(bibdata, "structuredidentifier").and_then(|s| first(s, "project-number")));
        let part = project.and_then(|p| p.attr("part")).map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned);
        let number = first(bibdata, "docnumber")
            .map(|d| d.plain_text(src))
            .filter(|n| !n.is_empty())
            .or_else(|| project.map(|p| p.plain_text(src)).map(|n| n.rsplit(' ').next().unwrap_or_default().to_owned()))
            .filter(|n| !n.is_empty());
        let year = date(bibdata, "published", src)
            .or_else(|| first(bibdata, "copyright").and_then(|c| first(c, "from")))
            .map(|d| d.plain_text(src).chars().take(4).collect::<String>())
            .filter(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()));
        let anchor = project.or_else(|| own_ids.first().copied()).map_or(bibdata.start, |e| e.start);
        match (kind.code(), number) {
            (Some(code), Some(number)) => {
                let mut designation = format!("{code} {number}");
                if let Some(part) = &part {
                    designation = format!("{designation}.{part}");
                }
                if let Some(year) = year {
                    designation = format!("{designation}—{year}");
                }
                self.view.computed(&designation, anchor);
                self.view.flush_text();
            }
            _ => {
                // No GB type to build it from: the identifier as written.
                let written = own_ids
                    .iter()
                    .find(|d| d.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("gb")))
                    .or_else(|| own_ids.iter().find(|d| first(d, "project-number").is_none()))
                    .filter(|d| !d.plain_text(src).is_empty());
                if let Some(id) = written {
                    self.children(id);
                    self.view.flush_text();
                }
            }
        }
        part
    }

    /// `谷物和豆类　规格和测试方法　第1部分：米`; in English the elements are joined by ` — `
    /// and the part is `Part 1: Rice`.
    pub(super) fn title_line(&mut self, title: &Title<'a>, part_number: Option<&str>, language: &str) {
        let (gap, part_word) = match language {
            "zh" => ("\u{3000}", part_number.map(|n| format!("第{n}部分："))),
            _ => (" — ", part_number.map(|n| format!("Part {n}: "))),
        };
        for (i, piece) in title.parts.iter().enumerate() {
            if i > 0 {
                self.view.computed(gap, piece.start);
            }
            self.children(piece);
        }
        if let Some(part) = title.part {
            if !title.parts.is_empty() {
                self.view.computed(gap, part.start);
            }
            let written = part.plain_text(self.src);
            if let Some(word) = part_word.filter(|_| !written.starts_with('第') && !written.starts_with("Part")) {
                self.view.computed(&word, part.start);
            }
            self.children(part);
        }
        self.view.flush(LineKind::Text, None);
    }

    /// `（ISO 17301-1:2016，IDT）` under the English title, from the adoption relation.
    fn consistency_marker(&mut self, bibdata: &'a Element) {
        for relation in kids(bibdata, "relation") {
            let degree = match relation.attr("type") {
                Some("identical" | "equivalent") => "IDT",
                Some("modified" | "modifies") => "MOD",
                Some("nonequivalent" | "not-equivalent") => "NEQ",
                _ => continue,
            };
            let Some(id) = kids(relation, "bibitem").find_map(|b| first(b, "docidentifier")) else { continue };
            self.view.computed("（", relation.start);
            self.children(id);
            self.view.computed(&format!("，{degree}）"), relation.start);
            self.view.flush_text();
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    fn kind(scope: &str, prefix: &str, mandate: &str) -> Kind {
        Kind { scope: scope.to_owned(), prefix: prefix.to_owned(), mandate: mandate.to_owned() }
    }

    #[test]
    fn codes_and_banners_follow_the_scope() {
        let cases = [
            (kind("national", "GB", "recommended"), Some("GB/T"), Some("中华人民共和国国家标准")),
            (kind("national", "GB", "mandatory"), Some("GB"), Some("中华人民共和国国家标准")),
            (kind("national", "GB", "guidelines"), Some("GB/Z"), Some("中华人民共和国国家标准化指导性技术文件")),
            (kind("sector", "LS", "recommended"), Some("LS/T"), Some("中华人民共和国粮食行业标准")),
            (kind("sector", "XY", "recommended"), Some("XY/T"), None),
            (kind("local", "44", "recommended"), Some("DB44/T"), Some("广东省地方标准")),
            (kind("local", "4403", "recommended"), Some("DB4403/T"), Some("深圳市地方标准")),
            (kind("local", "81", "recommended"), Some("DB81/T"), Some("香港特别行政区地方标准")),
            (kind("social", "ABC", "recommended"), Some("T/ABC"), Some("团体标准")),
            (kind("enterprise", "DEF", "recommended"), Some("Q/DEF"), Some("Acme企业标准")),
            (kind("", "", ""), None, None),
            (kind("sector", "", "recommended"), None, None),
        ];
        for (kind, code, banner) in cases {
            assert_eq!(kind.code().as_deref(), code, "{kind:?}");
            assert_eq!(kind.banner("Acme").as_deref(), banner, "{kind:?}");
        }
    }
}
