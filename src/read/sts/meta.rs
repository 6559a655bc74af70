//! The cover, rendered from the metadata blocks (`std-doc-meta`, `nat-meta`, `std-meta`,
//! `reg-meta`, `iso-meta`) in the order a GB cover prints it: banner, ICS, CCS, 备案号, designation,
//! superseded documents, Chinese and English titles, dates, issuer.

use super::render::Renderer;
use super::walker::Element;
use crate::read::lines::LineKind;

/// Which block describes the document itself when a front carries several.
const PRIORITY: [&str; 5] = ["std-doc-meta", "nat-meta", "std-meta", "reg-meta", "iso-meta"];

/// `custom-meta` names that hold the cover banner, the CCS code, the filing number and the issuer line (STS has no
/// element for them).
const BANNER: &[&str] = &["banner", "cover-banner", "标准称谓"];
const CCS: &[&str] = &["ccs", "ccs-code"];
const ISSUER: &[&str] = &["issuer", "issuer-line"];
const FILING_NUMBER: &[&str] = &["filing-number", "record-number", "备案号"];

/// The `meta-value` of a `custom-meta` whose `meta-name` is one of `names` (ASCII case ignored).
fn custom_meta<'e>(meta: &'e Element, names: &[&str], source: &str) -> Option<&'e Element> {
    meta.elements().filter(|e| e.is("custom-meta-group")).flat_map(|g| g.elements()).find_map(|custom| {
        let name = custom.child("meta-name")?.plain_text(source);
        let wanted = names.iter().any(|n| n.eq_ignore_ascii_case(&name));
        wanted.then(|| custom.child("meta-value")).flatten()
    })
}

fn non_empty<'e>(element: &'e Element, source: &str) -> Option<&'e Element> {
    (!element.plain_text(source).is_empty()).then_some(element)
}

fn language(title_wrap: &Element, source: &str) -> String {
    match title_wrap.attr("xml:lang") {
        Some(lang) => lang.to_ascii_lowercase(),
        None if title_wrap.plain_text(source).chars().any(crate::read::classify::is_han) => "zh".to_owned(),
        None => String::new(),
    }
}

impl<'a> Renderer<'a> {
    pub(super) fn cover(&mut self, metas: &[&'a Element]) {
        let meta = PRIORITY.iter().find_map(|name| metas.iter().find(|m| &*m.name == *name)).copied();
        let Some(meta) = meta.or_else(|| metas.first().copied()) else { return };
        let src = self.src;
        self.view.flush_text();

        if let Some(banner) = custom_meta(meta, BANNER, src) {
            self.text_line(banner);
        }
        let ics: Vec<&'a Element> = meta
            .elements()
            .flat_map(|e| if e.is("ics-wrap") { e.elements().collect() } else { vec![e] })
            .filter(|e| e.is("ics"))
            .filter_map(|e| non_empty(e, src))
            .collect();
        for (i, code) in ics.iter().enumerate() {
            if i == 0 && !code.plain_text(src).starts_with("ICS") {
                self.view.computed("ICS ", code.start);
            } else if i > 0 {
                self.view.computed("；", code.start);
            }
            self.children(code, &[]);
        }
        self.view.flush_text();
        let ccs = custom_meta(meta, CCS, src).or_else(|| {
            meta.elements()
                .filter(|e| {
                    e.is("subj-group") && e.attr("subj-group-type").is_some_and(|t| t.eq_ignore_ascii_case("ccs"))
                })
                .find_map(|g| g.child("subject"))
        });
        if let Some(ccs) = ccs.and_then(|c| non_empty(c, src)) {
            if !ccs.plain_text(src).starts_with("CCS") {
                self.view.computed("CCS ", ccs.start);
            }
            self.text_line(ccs);
        }

        if let Some(filing) = custom_meta(meta, FILING_NUMBER, src).and_then(|c| non_empty(c, src)) {
            if !filing.plain_text(src).starts_with("备案号") {
                self.view.computed("备案号：", filing.start);
            }
            self.text_line(filing);
        }

        self.designation(meta);
        for xref in meta.elements().filter(|e| {
            e.is("std-xref") && matches!(e.attr("type"), Some("supersedes" | "replaces" | "revises" | "代替"))
        }) {
            for reference in xref.elements().filter(|e| e.is("std-ref")) {
                self.view.computed("代替", xref.start);
                self.text_line(reference);
            }
        }

        let wraps: Vec<&'a Element> = meta.elements().filter(|e| e.is("title-wrap")).collect();
        let zh = wraps.iter().copied().find(|w| language(w, src).starts_with("zh"));
        let en = wraps.iter().copied().find(|w| language(w, src).starts_with("en"));
        if let Some(zh) = zh {
            self.title_line(zh, "\u{3000}");
            self.body_title = Some(zh);
        }
        if let Some(en) = en {
            self.title_line(en, " — ");
        }
        if zh.is_none() && en.is_none() {
            if let Some(first) = wraps.first() {
                self.title_line(first, " — ");
            }
        }

        let released = meta
            .elements()
            .filter(|e| e.is("release-date"))
            .chain(meta.elements().filter(|e| e.is("pub-date")))
            .find_map(|e| non_empty(e, src));
        if let Some(date) = released {
            self.children(date, &[]);
            self.view.computed("发布", date.start);
            self.view.flush_text();
        }
        let implemented = meta.elements().filter(|e| e.is("meta-date")).find(|e| {
            e.attr("type").is_some_and(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("implement") || t.contains("effective") || t == "实施"
            })
        });
        if let Some(date) = implemented.and_then(|e| non_empty(e, src)) {
            self.children(date, &[]);
            self.view.computed("实施", date.start);
            self.view.flush_text();
        }

        if let Some(issuer) = custom_meta(meta, ISSUER, src).and_then(|e| non_empty(e, src)) {
            let text = issuer.plain_text(src);
            self.children(issuer, &[]);
            if !text.ends_with("发布") && !text.ends_with("印发") {
                self.view.computed("\u{3000}发布", issuer.start);
            }
            self.view.flush_text();
        } else if let Some(name) = meta
            .elements()
            .filter(|e| {
                e.is("std-org")
                    && e.attr("std-org-role").is_some_and(|r| matches!(r, "publisher" | "issuer" | "发布" | "印发"))
            })
            .find_map(|org| org.child("std-org-name"))
            .and_then(|e| non_empty(e, src))
        {
            self.children(name, &[]);
            self.view.computed("\u{3000}发布", name.start);
            self.view.flush_text();
        }
    }

    fn text_line(&mut self, element: &'a Element) {
        self.children(element, &[]);
        self.view.flush(LineKind::Text, None);
    }

    /// `std-ref` (dated first), `doc-ref`, or a designation built from `std-ident`.
    fn designation(&mut self, meta: &'a Element) {
        let src = self.src;
        let refs: Vec<&'a Element> =
            meta.elements().filter(|e| e.is("std-ref")).filter_map(|e| non_empty(e, src)).collect();
        let chosen = refs
            .iter()
            .copied()
            .find(|r| r.attr("type") == Some("dated"))
            .or_else(|| refs.first().copied())
            .or_else(|| meta.child("doc-ref").and_then(|e| non_empty(e, src)));
        if let Some(reference) = chosen {
            self.text_line(reference);
            return;
        }
        let Some(ident) = meta.child("std-ident") else { return };
        let field = |name: &str| ident.child(name).map(|e| e.plain_text(src)).unwrap_or_default();
        let doc_type = field("doc-type");
        let prefix =
            if doc_type.contains('/') || (!doc_type.is_empty() && doc_type.chars().all(|c| c.is_ascii_uppercase())) {
                doc_type
            } else {
                field("originator")
            };
        let number = field("doc-number");
        if number.is_empty() {
            return;
        }
        let mut designation = if prefix.is_empty() { number } else { format!("{prefix} {number}") };
        let part = field("part-number");
        if !part.is_empty() {
            designation = format!("{designation}.{part}");
        }
        let year = field("year");
        let year = if year.is_empty() {
            meta.child("release-date")
                .map(|d| d.plain_text(src).chars().take(4).collect::<String>())
                .unwrap_or_default()
        } else {
            year
        };
        if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
            designation = format!("{designation}—{year}");
        }
        self.view.computed(&designation, ident.start);
        self.view.flush_text();
    }

    /// A title: `full` when given, else intro, main and complement joined by `separator`.
    fn title_line(&mut self, title_wrap: &'a Element, separator: &str) {
        let src = self.src;
        match title_wrap.child("full").and_then(|e| non_empty(e, src)) {
            Some(full) => self.children(full, &[]),
            None => {
                let parts = ["intro", "main", "compl"]
                    .iter()
                    .filter_map(|n| title_wrap.child(n))
                    .filter_map(|e| non_empty(e, src));
                for (i, part) in parts.enumerate() {
                    if i > 0 {
                        self.view.computed(separator, part.start);
                    }
                    self.children(part, &[]);
                }
            }
        }
        self.view.flush(LineKind::Text, None);
    }
}
