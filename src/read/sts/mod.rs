//! The NISO STS / ISO STS reader: quick-xml events rendered to a [`TextView`](super::TextView).
//!
//! 1. The bytes are decoded (BOM, the XML declaration's encoding, UTF-8 otherwise) with a map
//!    back to the original bytes.
//! 2. [`walker`] parses the text into a small tree that keeps the source range of every piece of
//!    text; no DTD is loaded, entities declared in the DOCTYPE are never expanded, and nesting
//!    is bounded.
//! 3. [`labels`] numbers clauses, annexes, figures, tables, formulas and references where the
//!    file gives no label, and keeps an id → label table for empty cross-references.
//! 4. [`render`] (with [`meta`] for the cover) writes the view, one paragraph per line.
//!
//! Time and memory are linear in the size of the file.

mod entities;
mod labels;
mod meta;
mod metanorma;
mod render;
mod view;
mod walker;

use std::borrow::Cow;

use super::{ReadError, TextView};
use crate::source::{DecodeError, OffsetMap, Run};

/// Reads an STS (or Metanorma GB) XML document into a text view.
pub fn read(bytes: &[u8]) -> Result<TextView, ReadError> {
    let (text, base) = decode(bytes)?;
    let tree = walker::parse(&text).map_err(|error| match error {
        ReadError::MalformedXml { offset, message } => {
            ReadError::MalformedXml { offset: base.original(offset), message }
        }
        other => other,
    })?;
    let (view, notices) = render::render(&tree, &text);
    drop(tree);
    let (view_text, runs, lines) = view.into_parts();
    let composed = compose(&view_text, &runs, &base);
    let origin = crate::source::Origin::new(text.into_owned(), OffsetMap::Runs(runs));
    Ok(TextView {
        text: view_text,
        map: OffsetMap::Runs(composed),
        lines,
        part: None,
        origin: Some(origin),
        paragraphs: None,
        notices,
    })
}

/// The document as text, and where each of its bytes came from.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, OffsetMap), ReadError> {
    let utf16_without_bom = matches!(bytes, [0x3C, 0x00, ..] | [0x00, 0x3C, ..]);
    if encoding_rs::Encoding::for_bom(bytes).is_some() || utf16_without_bom {
        let decoded = crate::source::decode(bytes)?;
        return Ok((Cow::Owned(decoded.text), decoded.map));
    }
    let declared = declared_encoding(bytes).and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    match declared {
        Some(encoding)
            if encoding != encoding_rs::UTF_8
                && encoding != encoding_rs::UTF_16LE
                && encoding != encoding_rs::UTF_16BE =>
        {
            if encoding == encoding_rs::GB18030 || encoding == encoding_rs::GBK {
                let decoded = crate::source::decode(bytes)?;
                return Ok((Cow::Owned(decoded.text), decoded.map));
            }
            decode_legacy(bytes, encoding)
        }
        _ => match crate::source::validate_utf8(bytes) {
            Ok(text) => Ok((Cow::Borrowed(text), OffsetMap::Shift(0))),
            Err(error) => Err(ReadError::MalformedXml {
                offset: error.valid_up_to(),
                message: "the bytes are not UTF-8, and the XML declaration names no other encoding".into(),
            }),
        },
    }
}

/// A single- or multi-byte legacy encoding named in the declaration (ISO-8859-1, windows-1252,
/// Big5 …): each character's offset is found by encoding it again.
fn decode_legacy(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
) -> Result<(Cow<'static, str>, OffsetMap), ReadError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ReadError::Decode(DecodeError::Undecodable { offset: 0 }));
    }
    let mut table = Vec::with_capacity(text.len() + 1);
    let mut original = 0usize;
    let mut buffer = [0u8; 4];
    for (decoded, c) in text.char_indices() {
        table.push((view::to_u32(decoded), view::to_u32(original)));
        let (encoded, _, _) = encoding.encode(c.encode_utf8(&mut buffer));
        original += encoded.len().max(1);
    }
    table.push((view::to_u32(text.len()), view::to_u32(original.min(bytes.len()))));
    Ok((Cow::Owned(text.into_owned()), OffsetMap::Table(table)))
}

/// The `encoding` pseudo-attribute of an XML declaration at the very start of the bytes.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(200))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let declaration = std::str::from_utf8(head.get(..end)?).ok()?;
    let at = declaration.find("encoding")?;
    let rest = declaration.get(at + "encoding".len()..)?.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = rest.get(1..)?;
    let close = value.find(quote)?;
    Some(value.get(..close)?.to_owned())
}

/// Runs over the decoded text, composed with the decode map into runs over the original bytes.
/// A verbatim run keeps a constant shift only where the encoding does (ASCII in GB18030, any
/// UTF-8); elsewhere it is split per character.
fn compose(view_text: &str, runs: &[Run], base: &OffsetMap) -> Vec<Run> {
    if let OffsetMap::Shift(shift) = base {
        let shift = view::to_u32(*shift);
        return runs.iter().map(|r| Run { original: r.original.saturating_add(shift), ..*r }).collect();
    }
    let mut out = Vec::with_capacity(runs.len());
    for (i, run) in runs.iter().enumerate() {
        let original = |decoded: usize| view::to_u32(base.original(decoded));
        if !run.verbatim {
            out.push(Run { original: original(run.original as usize), ..*run });
            continue;
        }
        let start = run.view as usize;
        let end = runs.get(i + 1).map_or(view_text.len(), |next| next.view as usize);
        let mut delta: Option<i64> = None;
        for (offset, _) in view_text.get(start..end).unwrap_or_default().char_indices() {
            let view_at = start + offset;
            let at = original(run.original as usize + offset);
            let d = i64::from(at) - view_at as i64;
            if delta != Some(d) {
                out.push(Run { view: view::to_u32(view_at), original: at, verbatim: true });
                delta = Some(d);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::lines::LineKind;

    fn view_of(xml: &str) -> TextView {
        read(xml.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn lines(view: &TextView) -> Vec<(String, LineKind, Option<u8>)> {
        view.lines.iter().map(|l| (view.text[l.span.start..l.span.end].to_owned(), l.kind, l.heading)).collect()
    }

    fn texts(view: &TextView) -> Vec<String> {
        lines(view).into_iter().map(|(t, _, _)| t).collect()
    }

    /// Every line's characters, mapped back, must be the bytes they came from (for verbatim text)
    /// or lie inside the element they stand for.
    fn original_of(view: &TextView, needle: &str) -> usize {
        let at = view.text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {:?}", view.text));
        view.map.original(at)
    }

    const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<standard xmlns:tbx="urn:iso:std:iso:30042:ed-1" xml:lang="zh">
  <front>
    <nat-meta>
      <title-wrap xml:lang="zh"><main>社区服务规范</main></title-wrap>
      <title-wrap xml:lang="en"><main>Community services</main></title-wrap>
      <std-ref type="dated">DB4403/T 1—2025</std-ref>
      <ics>03.080</ics>
      <release-date>2025-03-10</release-date>
      <custom-meta-group><custom-meta><meta-name>CCS</meta-name><meta-value>A 12</meta-value></custom-meta></custom-meta-group>
    </nat-meta>
    <sec sec-type="foreword"><title>前　言</title><p>本文件按照GB/T 1.1&mdash;2020起草。</p></sec>
  </front>
  <body>
    <sec id="s1"><title>范围</title><p>本文件规定了   服务
      要求。</p></sec>
    <sec id="s2"><label>2</label><title>术语和定义</title>
      <term-sec id="t1"><tbx:termEntry><tbx:langSet xml:lang="zh">
        <tbx:definition>提供服务的组织。</tbx:definition>
        <tbx:note>一个注。</tbx:note>
        <tbx:source>GB/T 1—2000，3.1</tbx:source>
        <tbx:tig><tbx:term>服务机构</tbx:term></tbx:tig></tbx:langSet>
        <tbx:langSet xml:lang="en"><tbx:tig><tbx:term>service provider</tbx:term></tbx:tig></tbx:langSet>
      </tbx:termEntry></term-sec>
    </sec>
    <sec><label>3</label><title>要求</title>
      <sec id="s31"><p>见<xref ref-type="sec" rid="s2"/>和<xref rid="tab1"/>。</p>
        <non-normative-note><p>甲。</p></non-normative-note>
        <non-normative-note><label>注2</label><p>乙。</p></non-normative-note>
        <list list-type="alpha-lower"><list-item><p>第一；</p></list-item><list-item><label>b)</label><p>第二。</p></list-item></list>
        <table-wrap id="tab1"><caption><title>项目</title></caption><table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr></table></table-wrap>
        <fig id="f1"><label>图1</label><caption><title>流程</title></caption><graphic xlink:href="f.png" xmlns:xlink="http://www.w3.org/1999/xlink"/></fig>
        <disp-formula><mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:mi>a</mml:mi><mml:mo>=</mml:mo><mml:mi>b</mml:mi></mml:math></disp-formula>
      </sec>
    </sec>
  </body>
  <back>
    <app-group><app id="a" content-type="inform-annex"><label>附录A</label><annex-type>（资料性）</annex-type><title>示例</title>
      <sec><title>概述</title><p>内容。</p></sec></app></app-group>
    <ref-list content-type="bibl"><title>参考文献</title><ref><mixed-citation>《某法》</mixed-citation></ref></ref-list>
  </back>
</standard>"#;

    #[test]
    fn renders_a_small_standard() {
        let view = view_of(SMALL);
        assert_eq!(
            texts(&view),
            [
                "ICS 03.080",
                "CCS A 12",
                "DB4403/T 1—2025",
                "社区服务规范",
                "Community services",
                "2025-03-10发布",
                "前　言",
                "本文件按照GB/T 1.1—2020起草。",
                "社区服务规范",
                "1 范围",
                "本文件规定了 服务 要求。",
                "2 术语和定义",
                "2.1",
                "服务机构 service provider",
                "提供服务的组织。",
                "注：一个注。",
                "[来源：GB/T 1—2000，3.1]",
                "3 要求",
                "3.1",
                "见2和表1。",
                "注1：甲。",
                "注2：乙。",
                "a) 第一；",
                "b) 第二。",
                "表1\u{3000}项目",
                "甲 | 乙\n丙 | 丁",
                "[f.png]",
                "图1\u{3000}流程",
                "a=b (1)",
                "附录A",
                "（资料性）",
                "示例",
                "A.1 概述",
                "内容。",
                "参考文献",
                "[1] 《某法》",
            ]
        );
        let kinds: Vec<(LineKind, Option<u8>)> = view.lines.iter().map(|l| (l.kind, l.heading)).collect();
        assert_eq!(kinds[9], (LineKind::Text, Some(1)));
        assert_eq!(kinds[12], (LineKind::Text, Some(2)));
        assert_eq!(kinds[25].0, LineKind::Table);
        assert_eq!(kinds[26].0, LineKind::Figure);
        assert_eq!(kinds[28].0, LineKind::Code);
        assert!(view.notices.is_empty());
        assert!(view.part.is_none());
    }

    #[test]
    fn offsets_map_back_to_the_exact_bytes() {
        let view = view_of(SMALL);
        // Verbatim text: the same bytes in the file.
        for needle in
            ["本文件按照GB/T 1.1", "起草。", "服务机构", "service provider", "提供服务的组织。", "要求。", "《某法》"]
        {
            let at = original_of(&view, needle);
            assert_eq!(&SMALL[at..at + needle.len()], needle, "{needle}");
        }
        // A decoded entity maps to its reference; computed labels to their element.
        assert_eq!(&SMALL[original_of(&view, "—2020")..][..7], "&mdash;");
        let scope = original_of(&view, "1 范围");
        assert!(SMALL[scope..].starts_with("<sec id=\"s1\">"));
        let xref = original_of(&view, "2和");
        assert!(SMALL[xref..].starts_with("<xref ref-type=\"sec\" rid=\"s2\"/>"));
        let note = original_of(&view, "注1：");
        assert!(SMALL[note..].starts_with("<non-normative-note>"));
    }

    #[test]
    fn utf16_and_declared_encodings_map_to_original_bytes() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><standard><body><sec><title>范围</title><p>本文件abc。</p></sec></body></standard>";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in xml.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let view = read(&bytes).unwrap();
        assert_eq!(texts(&view), ["1 范围", "本文件abc。"]);
        let para = view.text.find("本文件").unwrap();
        let utf16_offset = |s: &str| 2 + 2 * xml[..xml.find(s).unwrap()].encode_utf16().count();
        assert_eq!(view.map.original(para), utf16_offset("本文件"));
        assert_eq!(view.map.original(view.text.find("abc").unwrap()), utf16_offset("abc"));
        assert_eq!(view.map.original(view.text.find("c。").unwrap()), utf16_offset("c。"));

        let latin = b"<?xml version='1.0' encoding='ISO-8859-1'?><standard><body><p>caf\xe9 ok</p></body></standard>";
        let view = read(latin).unwrap();
        assert_eq!(texts(&view), ["caf\u{e9} ok"]);
        let ok = latin.windows(2).position(|w| w == b"ok").unwrap();
        assert_eq!(view.map.original(view.text.find("ok").unwrap()), ok);

        let bad = b"<standard><body><p>\xff</p></body></standard>";
        assert!(matches!(read(bad), Err(ReadError::MalformedXml { offset: 19, .. })));
    }

    #[test]
    fn annex_markers_that_disagree_give_a_notice() {
        let xml = r#"<standard><body><sec><title>范围</title></sec></body><back><app-group>
            <app content-type="norm-annex"><annex-type>（资料性）</annex-type><title>甲</title></app>
            <app content-type="inform-annex"><label>Annex B</label><annex-type>(informative)</annex-type><title>乙</title></app>
            </app-group></back></standard>"#;
        let view = view_of(xml);
        assert_eq!(texts(&view)[1..], ["附录A", "（规范性）", "甲", "附录B", "（资料性）", "乙"]);
        assert_eq!(view.notices.len(), 1);
        let notice = &view.notices[0];
        assert_eq!((notice.code, notice.name, notice.severity), ("AX001", "annex-heading", Severity::Warning));
        assert_eq!(&view.text[notice.span.start..notice.span.end], "（规范性）");
        assert!(notice.message.en.contains("norm-annex") && notice.message.zh.contains("（资料性）"));
    }

    #[test]
    fn adoption_renders_the_national_front_then_the_adopted_body() {
        let xml = r#"<adoption><adoption-front><nat-meta><title-wrap xml:lang="zh"><full>机械安全</full></title-wrap>
            <std-ref>GB/T 1—2024</std-ref></nat-meta>
            <sec sec-type="foreword"><title>前言</title><p>本文件等同采用ISO 1。</p></sec></adoption-front>
            <standard><front><iso-meta><title-wrap xml:lang="en"><main>Safety</main></title-wrap></iso-meta>
              <sec sec-type="foreword"><title>Foreword</title><p>ISO text.</p></sec>
              <sec sec-type="intro"><title>Introduction</title><p>Intro.</p></sec></front>
            <body><sec><label>1</label><title>范围</title></sec></body></standard></adoption>"#;
        let view = view_of(xml);
        assert_eq!(
            texts(&view),
            ["GB/T 1—2024", "机械安全", "前言", "本文件等同采用ISO 1。", "引言", "Intro.", "机械安全", "1 范围"]
        );
    }

    #[test]
    fn limits_and_malformed_input() {
        let deep = format!("<standard><body>{}{}</body></standard>", "<sec>".repeat(10_000), "</sec>".repeat(10_000));
        assert!(matches!(read(deep.as_bytes()), Err(ReadError::InputLimit { .. })));
        let broken = "<standard><body><p>a</body></standard>";
        let Err(ReadError::MalformedXml { offset, .. }) = read(broken.as_bytes()) else { panic!() };
        assert_eq!(offset, broken.find("</body>").unwrap());
        // With a BOM the offset counts it.
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(broken.as_bytes());
        let Err(ReadError::MalformedXml { offset, .. }) = read(&bom) else { panic!() };
        assert_eq!(offset, broken.find("</body>").unwrap() + 3);
    }

    #[test]
    fn unknown_entities_stay_literal_and_empty_xrefs_resolve_forward() {
        let xml = r#"<!DOCTYPE standard SYSTEM "x.dtd"><standard><body><sec><title>范围</title>
            <p>见<xref rid="late"/>，&unknown;&#x4E2D;&lt;</p></sec>
            <sec><title>其他</title><sec id="late"><title>后面</title></sec></sec></body></standard>"#;
        let view = view_of(xml);
        assert_eq!(texts(&view)[1], "见2.1，&unknown;中<");
        let at = original_of(&view, "&unknown;");
        assert_eq!(&xml[at..at + 9], "&unknown;");
    }

    use crate::diagnostic::Severity;
}
