//! Paragraph styles: what role a style plays in a standard, through `w:basedOn`.
//!
//! `w:pStyle` names a style id, which is opaque in TCS templates (`affc`, `107`); roles are
//! matched on the style's name (and aliases). A derived style ("标准文件_段 + 首行缩进") that
//! is not in the table takes the role of the nearest ancestor that is. Numbering (`w:numPr`)
//! and outline level are inherited the same way, each property on its own: a clause style
//! usually names only its `w:ilvl` and inherits the list from the chapter style.

use crate::hash::HashMap;

use super::package::Part;
use super::xml::{Item, Ns, Xml};
use crate::read::ReadError;

/// What a paragraph is, by its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A cover field: designation, titles, ICS/CCS, dates, issuer, banner.
    Cover,
    /// 目次 / 前言 / 引言 / 参考文献 / 索引 titles.
    FrontTitle,
    /// An entry of the 目次.
    TocEntry,
    /// The title above chapter 1.
    BodyTitle,
    /// A chapter (1) or subclause (2‥6) title; built-in `heading N`; 引言 subclauses.
    Heading(u8),
    /// A numbered clause without a title (无标题条), level 2‥6.
    Untitled(u8),
    /// 附录A, with the obligation and title after line breaks or in the paragraphs after it.
    AnnexLabel,
    /// （规范性） / （资料性）.
    AnnexObligation,
    /// The annex title.
    AnnexTitle,
    /// A.1 … A.1.1.1.1, titled or not.
    AnnexHeading(u8),
    /// The number paragraph of a term entry (`3.1`), level 2‥6.
    Term(u8),
    Paragraph,
    ListItem,
    Note,
    Example,
    Caption,
    Formula,
    /// A paragraph that only advances a counter (附录图标号: the annex letter of `图A.1`).
    CounterOnly,
}

fn level_word(word: &str) -> Option<u8> {
    Some(match word {
        "一" => 2,
        "二" => 3,
        "三" => 4,
        "四" => 5,
        "五" => 6,
        _ => return None,
    })
}

/// The role a style name stands for: the `标准文件_` names of GB/T 1.1-2020 templates, the
/// same names without the prefix (2009-era templates), and Word's built-in headings and TOC
/// levels. See [`KNOWN_STYLE_NAMES`].
pub(crate) fn role_of_name(name: &str) -> Option<Role> {
    let name = name.trim();
    // Built-in names are stored in English whatever the UI language; WPS writes 标题 1.
    let lower = name.to_ascii_lowercase();
    for prefix in ["heading ", "标题 ", "标题"] {
        if let Some(n) = lower.strip_prefix(prefix).and_then(|n| n.trim().parse::<u8>().ok()) {
            return (1..=9).contains(&n).then_some(Role::Heading(n));
        }
    }
    for prefix in ["toc ", "目录 "] {
        if lower.strip_prefix(prefix).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())) {
            return Some(Role::TocEntry);
        }
    }
    let bare = name.strip_prefix("标准文件_").or_else(|| name.strip_prefix("标准_")).unwrap_or(name);
    let bare: String = bare
        .chars()
        .map(|c| match c {
            ':' => '：',
            'X' | 'x' | '╳' => '×',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    let bare = bare.as_str();

    // Numbered levels: 一级条标题 … 五级条标题, 一级无标题(条), 附录…, 引言…, 术语条一 ….
    if let Some(rest) = bare.strip_prefix("术语条") {
        return Some(Role::Term(if rest.is_empty() { 2 } else { level_word(rest)? }));
    }
    let (annex, intro, rest) = if let Some(r) = bare.strip_prefix("附录") {
        (true, false, r)
    } else if let Some(r) = bare.strip_prefix("引言") {
        (false, true, r)
    } else {
        (false, false, bare)
    };
    if let Some((word, kind)) = rest.split_once("级") {
        if let Some(level) = level_word(word) {
            let role = match kind {
                "条标题" if annex => Some(Role::AnnexHeading(level)),
                "无标题" | "无标题条" if annex => Some(Role::AnnexHeading(level)),
                "条标题" => Some(Role::Heading(level)),
                "无标题" | "无标题条" if intro => Some(Role::Heading(level)),
                "无标题" | "无标题条" => Some(Role::Untitled(level)),
                _ => None,
            };
            if role.is_some() {
                return role;
            }
        }
    }

    Some(match bare {
        "标准称谓"
        | "其他标准称谓"
        | "文件编号"
        | "替换文件编号"
        | "文件名称"
        | "封面标准名称"
        | "封面标准英文名称"
        | "封面标准编号"
        | "封面标准分类号"
        | "封面发布日期"
        | "封面实施日期"
        | "封面密级"
        | "封面抬头"
        | "封面正文"
        | "封面标准代替信息"
        | "封面标准文稿编辑信息"
        | "封面标准文稿类别"
        | "封面一致性程度标识"
        | "一致程度"
        | "ICS"
        | "标准代替"
        | "标准部门"
        | "发布部门"
        | "其他发布部门"
        | "发布日期"
        | "实施日期"
        | "其他发布日期"
        | "其他实施日期"
        | "标准标志"
        | "文献分类号"
        | "版本" => Role::Cover,
        "目录标题"
        | "目次标题"
        | "目次、标准名称标题"
        | "目录、目次标题"
        | "前言、引言标题"
        | "前言标题"
        | "引言标题"
        | "参考文献标题"
        | "索引标题" => Role::FrontTitle,
        "目次、索引正文" => Role::TocEntry,
        "正文标准名称" => Role::BodyTitle,
        "章标题" => Role::Heading(1),
        "无标题条" => Role::Untitled(2),
        "附录标识" | "附录标题" => Role::AnnexLabel,
        "附录性质" => Role::AnnexObligation,
        "附录章标题" => Role::AnnexTitle,
        "附录图标号" | "附录表标号" => Role::CounterOnly,
        "段"
        | "标准正文"
        | "示例内容"
        | "示例后续"
        | "注后"
        | "注×后"
        | "示例后"
        | "示例×后"
        | "注：后续"
        | "注×：后续"
        | "提示"
        | "表格"
        | "表格续"
        | "公式后的破折号"
        | "图表说明"
        | "图表脚注"
        | "图表脚注内容"
        | "图表脚注说明"
        | "英文图表脚注"
        | "条文脚注"
        | "脚注内容"
        | "脚注后续"
        | "参考文献条目"
        | "索引项"
        | "索引字母"
        | "附录前"
        | "附录图"
        | "附录英文标识" => Role::Paragraph,
        "破折号列项"
        | "破折号列项（二级）"
        | "字母编号列项（一级）"
        | "数字编号列项"
        | "数字编号列项（二级）"
        | "编号列项（三级）"
        | "一级项"
        | "二级项"
        | "三级项"
        | "一级项2"
        | "二级项2"
        | "三级项2"
        | "列项——"
        | "列项·"
        | "方框数字列项"
        | "大写罗马数字编号列项"
        | "小写罗马数字编号列项" => Role::ListItem,
        "注：" | "注×：" | "英文注：" | "英文注×：" => Role::Note,
        "示例：" | "示例×：" => Role::Example,
        "正文图标题" | "正文表标题" | "附录图标题" | "附录表标题" | "正文英文图标题" | "正文英文表标题" => {
            Role::Caption
        }
        "正文公式" | "附录公式" => Role::Formula,
        _ => return None,
    })
}

/// The style names [`role_of_name`] maps, without the `标准文件_` prefix (which it also
/// accepts) and besides `heading N` / `标题 N` / `toc N` / `目录 N`; kept for the reader's
/// documentation and a test that every one of them maps.
#[cfg(test)]
pub(crate) const KNOWN_STYLE_NAMES: &[&str] = &[
    // cover
    "标准称谓",
    "其他标准称谓",
    "文件编号",
    "替换文件编号",
    "文件名称",
    "封面标准名称",
    "封面标准英文名称",
    "封面标准编号",
    "封面标准分类号",
    "封面发布日期",
    "封面实施日期",
    "封面密级",
    "封面抬头",
    "封面正文",
    "封面标准代替信息",
    "封面标准文稿编辑信息",
    "封面标准文稿类别",
    "封面一致性程度标识",
    "一致程度",
    "ICS",
    "标准代替",
    "标准部门",
    "发布部门",
    "其他发布部门",
    "发布日期",
    "实施日期",
    "其他发布日期",
    "其他实施日期",
    "标准标志",
    "文献分类号",
    "版本",
    // front and back titles, 目次
    "目录标题",
    "目次标题",
    "目次、标准名称标题",
    "目录、目次标题",
    "前言、引言标题",
    "前言标题",
    "引言标题",
    "参考文献标题",
    "索引标题",
    "目次、索引正文",
    "正文标准名称",
    // clauses
    "章标题",
    "一级条标题",
    "二级条标题",
    "三级条标题",
    "四级条标题",
    "五级条标题",
    "无标题条",
    "一级无标题",
    "二级无标题",
    "三级无标题",
    "四级无标题",
    "五级无标题",
    "一级无标题条",
    "二级无标题条",
    "三级无标题条",
    "四级无标题条",
    "五级无标题条",
    "引言一级条标题",
    "引言二级条标题",
    "引言三级条标题",
    "引言四级条标题",
    "引言五级条标题",
    "引言一级无标题",
    "引言二级无标题",
    "引言三级无标题",
    "引言四级无标题",
    "引言五级无标题",
    // annexes
    "附录标识",
    "附录标题",
    "附录性质",
    "附录章标题",
    "附录一级条标题",
    "附录二级条标题",
    "附录三级条标题",
    "附录四级条标题",
    "附录五级条标题",
    "附录一级无标题",
    "附录二级无标题",
    "附录三级无标题",
    "附录四级无标题",
    "附录五级无标题",
    "附录一级无标题条",
    "附录二级无标题条",
    "附录三级无标题条",
    "附录四级无标题条",
    "附录五级无标题条",
    "附录图标号",
    "附录表标号",
    // terms
    "术语条",
    "术语条一",
    "术语条二",
    "术语条三",
    "术语条四",
    "术语条五",
    // body
    "段",
    "标准正文",
    "示例内容",
    "示例后续",
    "注后",
    "注X后",
    "示例后",
    "示例X后",
    "注:后续",
    "注×:后续",
    "提示",
    "表格",
    "表格续",
    "公式后的破折号",
    "图表说明",
    "图表脚注",
    "图表脚注内容",
    "图表脚注说明",
    "英文图表脚注",
    "条文脚注",
    "脚注内容",
    "脚注后续",
    "参考文献条目",
    "索引项",
    "索引字母",
    "附录前",
    "附录图",
    "附录英文标识",
    // lists
    "破折号列项",
    "破折号列项（二级）",
    "字母编号列项（一级）",
    "数字编号列项",
    "数字编号列项（二级）",
    "编号列项（三级）",
    "一级项",
    "二级项",
    "三级项",
    "一级项2",
    "二级项2",
    "三级项2",
    "列项——",
    "列项·",
    "方框数字列项",
    "大写罗马数字编号列项",
    "小写罗马数字编号列项",
    // notes, examples, captions, formulas
    "注：",
    "注×：",
    "英文注：",
    "英文注×：",
    "示例：",
    "示例×：",
    "正文图标题",
    "正文表标题",
    "附录图标题",
    "附录表标题",
    "正文英文图标题",
    "正文英文表标题",
    "正文公式",
    "附录公式",
];

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    aliases: Vec<String>,
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
    outline: Option<u8>,
}

/// What a style resolves to once `w:basedOn` is followed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub role: Option<Role>,
    pub num_id: Option<u32>,
    pub ilvl: Option<u8>,
    pub outline: Option<u8>,
}

#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: HashMap<String, Style>,
    resolved: HashMap<String, Resolved>,
    default_paragraph: Option<String>,
}

/// `w:basedOn` chains longer than this are cut (a cycle, or a file built to make us loop).
const MAX_CHAIN: usize = 64;

impl Styles {
    pub fn parse(part: &Part) -> Result<Self, ReadError> {
        let mut xml = Xml::new(&part.text, part.base, &part.name);
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        // Open elements inside the current w:style (local names); skipped subtrees are not
        // pushed.
        let mut path: Vec<&'static str> = Vec::new();
        let mut skip: Option<usize> = None;
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
                    if path.pop() == Some("style") {
                        if let Some((id, style)) = current.take() {
                            styles.styles.insert(id, style);
                        }
                    }
                    continue;
                }
                Item::Open(tag) => (tag, true),
                Item::Empty(tag) => (tag, false),
                _ => continue,
            };
            if skip.is_some() || tag.ns != Ns::W {
                if open && skip.is_none() {
                    skip = Some(xml.depth());
                }
                continue;
            }
            let parent = path.last().copied();
            let mut descend = false;
            match (parent, tag.local) {
                (None, "styles") | (Some("style"), "pPr") | (Some("pPr"), "numPr") => descend = true,
                (Some("styles"), "style") => {
                    let id = tag.attr("styleId").map(|s| s.into_owned()).unwrap_or_default();
                    let paragraph = tag.attr("type").is_none_or(|t| t == "paragraph");
                    if paragraph && tag.attr("default").is_some_and(|d| d == "1" || d == "true") {
                        styles.default_paragraph.get_or_insert_with(|| id.clone());
                    }
                    let style = Style::default();
                    if open {
                        current = Some((id, style));
                        descend = true;
                    } else {
                        styles.styles.insert(id, style);
                    }
                }
                (Some(_), local) => {
                    if let Some((_, style)) = current.as_mut() {
                        match (parent, local) {
                            (Some("style"), "name") => style.name = tag.attr("val").unwrap_or_default().into_owned(),
                            (Some("style"), "aliases") => {
                                style.aliases = tag
                                    .attr("val")
                                    .unwrap_or_default()
                                    .split([',', '，'])
                                    .map(|a| a.trim().to_owned())
                                    .filter(|a| !a.is_empty())
                                    .collect();
                            }
                            (Some("style"), "basedOn") => style.based_on = tag.attr("val").map(|v| v.into_owned()),
                            (Some("numPr"), "numId") => style.num_id = tag.number("val"),
                            (Some("numPr"), "ilvl") => {
                                style.ilvl = tag.number("val").and_then(|v| u8::try_from(v).ok());
                            }
                            (Some("pPr"), "outlineLvl") => {
                                style.outline = tag.number("val").and_then(|v| u8::try_from(v).ok());
                            }
                            _ => {}
                        }
                    }
                }
                (None, _) => {}
            }
            // Everything else is skipped whole: run properties, tables, and the old
            // properties of a tracked change (w:pPrChange).
            if open {
                if descend {
                    path.push(tag.local);
                } else {
                    skip = Some(xml.depth());
                }
            }
        }
        styles.resolve_all();
        Ok(styles)
    }

    fn resolve_all(&mut self) {
        let ids: Vec<String> = self.styles.keys().cloned().collect();
        for id in ids {
            let resolved = self.resolve_chain(&id);
            self.resolved.insert(id, resolved);
        }
    }

    fn resolve_chain(&self, id: &str) -> Resolved {
        let mut out = Resolved::default();
        let mut at = Some(id);
        let mut seen = 0;
        while let (Some(current), true) = (at, seen < MAX_CHAIN) {
            seen += 1;
            let Some(style) = self.styles.get(current) else { break };
            if out.role.is_none() {
                out.role = std::iter::once(style.name.as_str())
                    .chain(style.aliases.iter().map(String::as_str))
                    .find_map(role_of_name);
            }
            out.num_id = out.num_id.or(style.num_id);
            out.ilvl = out.ilvl.or(style.ilvl);
            out.outline = out.outline.or(style.outline);
            at = style.based_on.as_deref();
        }
        out
    }

    /// The style a paragraph has: its `w:pStyle`, or the default paragraph style.
    pub fn effective_id<'s>(&'s self, id: Option<&'s str>) -> Option<&'s str> {
        id.or(self.default_paragraph.as_deref())
    }

    pub fn resolve(&self, id: Option<&str>) -> Resolved {
        self.effective_id(id).and_then(|id| self.resolved.get(id)).copied().unwrap_or_default()
    }

    /// The ids of a style and its ancestors, nearest first.
    pub fn chain<'s>(&'s self, id: Option<&'s str>) -> Vec<&'s str> {
        let mut out = Vec::new();
        let mut at = self.effective_id(id);
        while let Some(current) = at {
            if out.len() >= MAX_CHAIN || out.contains(&current) {
                break;
            }
            out.push(current);
            at = self.styles.get(current).and_then(|s| s.based_on.as_deref());
        }
        out
    }

    /// The role of a style id alone (for the `w:pStyle` of a numbering level).
    pub fn role_of_id(&self, id: &str) -> Option<Role> {
        self.resolved.get(id).and_then(|r| r.role)
    }

    /// The `w:numId` a numbering style points to (for `w:numStyleLink`).
    pub fn num_id_of(&self, id: &str) -> Option<u32> {
        self.styles.get(id).and_then(|s| s.num_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(xml: &str) -> Styles {
        let part = Part { name: "word/styles.xml".into(), text: xml.into(), base: 0 };
        Styles::parse(&part).unwrap_or_else(|e| panic!("{e:?}"))
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn names_map_in_both_generations_and_built_ins() {
        assert_eq!(role_of_name("标准文件_章标题"), Some(Role::Heading(1)));
        assert_eq!(role_of_name("章标题"), Some(Role::Heading(1)));
        assert_eq!(role_of_name("标准文件_三级条标题"), Some(Role::Heading(4)));
        assert_eq!(role_of_name("标准文件_二级无标题"), Some(Role::Untitled(3)));
        assert_eq!(role_of_name("标准_四级无标题"), Some(Role::Untitled(5)));
        assert_eq!(role_of_name("标准文件_附录一级条标题"), Some(Role::AnnexHeading(2)));
        assert_eq!(role_of_name("标准文件_术语条一"), Some(Role::Term(2)));
        assert_eq!(role_of_name("标准文件_注X后"), Some(Role::Paragraph));
        assert_eq!(role_of_name("注:后续"), Some(Role::Paragraph));
        assert_eq!(role_of_name("heading 2"), Some(Role::Heading(2)));
        assert_eq!(role_of_name("标题 3"), Some(Role::Heading(3)));
        assert_eq!(role_of_name("toc 1"), Some(Role::TocEntry));
        assert_eq!(role_of_name("目录 21"), Some(Role::TocEntry));
        assert_eq!(role_of_name("Normal"), None);
        assert_eq!(role_of_name("标准文件_六级条标题"), None);
        for name in KNOWN_STYLE_NAMES {
            assert!(role_of_name(name).is_some(), "{name}");
            assert!(role_of_name(&format!("标准文件_{name}")).is_some(), "标准文件_{name}");
        }
    }

    #[test]
    fn roles_and_numbering_follow_based_on_property_by_property() {
        let s = styles(&format!(
            r#"<w:styles {W}>
              <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
              <w:style w:type="paragraph" w:styleId="c1"><w:name w:val="标准文件_章标题"/><w:basedOn w:val="a"/>
                <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="0"/>
                  <w:pPrChange><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr></w:pPrChange></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="c2"><w:name w:val="标准文件_一级条标题"/><w:basedOn w:val="c1"/>
                <w:pPr><w:numPr><w:ilvl w:val="2"/></w:numPr></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="x"><w:name w:val="我的条标题"/><w:basedOn w:val="c2"/></w:style>
              <w:style w:type="paragraph" w:styleId="loop1"><w:name w:val="L1"/><w:basedOn w:val="loop2"/></w:style>
              <w:style w:type="paragraph" w:styleId="loop2"><w:name w:val="L2"/><w:basedOn w:val="loop1"/></w:style>
            </w:styles>"#
        ));
        let c2 = s.resolve(Some("c2"));
        assert_eq!((c2.role, c2.num_id, c2.ilvl, c2.outline), (Some(Role::Heading(2)), Some(2), Some(2), Some(0)));
        // A derived style not in the table takes its ancestor's role.
        assert_eq!(s.resolve(Some("x")).role, Some(Role::Heading(2)));
        assert_eq!(s.resolve(None).role, None);
        assert_eq!(s.chain(Some("x")), vec!["x", "c2", "c1", "a"]);
        // A cycle ends.
        assert_eq!(s.resolve(Some("loop1")).role, None);
        assert_eq!(s.chain(Some("loop1")).len(), 2);
    }
}
