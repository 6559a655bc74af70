use crate::diagnostic::Message;
use crate::model::BlockKind;
use crate::rules::lexicon::{find_all, find_self_references};
use crate::rules::{Context, Rule, RuleMeta};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    /// A document written to GB/T 1.1-2020 keeps forms of the 2009 edition: 本标准, the 2009
    /// normative-references lead-in, （规范性附录）, the 2009 patent sentence, the 2009 term
    /// source form `[GB/T …，定义3.1]`.
    ///
    /// ## Why
    /// Not a clause of GB/T 1.1-2020: drafts are often revised from a 2009-era predecessor, and a
    /// mix of both editions is the surest sign that the boilerplate was not updated. Each 2009
    /// form is replaced by the 2020 one the standard gives (本文件, 9.5.2; the lead-in, 8.6.2;
    /// （规范性）, 9.6.2; the patent sentence, D.2; the term source, 8.7.3.4).
    ///
    /// ## Bad
    /// ```text
    /// 附录A
    /// （规范性附录）
    /// ```
    /// ## Good
    /// ```text
    /// 附录A
    /// （规范性）
    /// ```
    pub struct EditionMix {
        code: "ST010",
        name: "edition-mix",
        family: Structure,
        severity: Warning,
        clause: "—",
        summary: "2009 and 2020 forms mixed",
    }
}

/// Text forms that only the 2009 edition uses, with their 2020 replacement.
const LEGACY_FORMS: &[(&str, &str)] = &[
    ("下列文件对于本文件的应用是必不可少的", "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。"),
    ("不承担识别这些专利的责任", "本文件的发布机构不承担识别专利的责任。"),
    ("本标准所代替标准的历次版本发布情况为", "本文件及其所代替文件的历次版本发布情况为："),
];

/// A short head of a legacy form: found by a vectorised search where the whole form would build
/// a searcher for every block.
fn head_of(form: &'static str) -> &'static str {
    form.char_indices().nth(8).and_then(|(at, _)| form.get(..at)).unwrap_or(form)
}

/// The heads of [`LEGACY_FORMS`], in their order, each with a searcher built once.
static HEAD_FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> = std::sync::LazyLock::new(|| {
    LEGACY_FORMS.iter().map(|&(form, _)| memchr::memmem::Finder::new(head_of(form).as_bytes())).collect()
});

static BEN_BIAOZHUN: std::sync::LazyLock<crate::rules::AnyWord> =
    std::sync::LazyLock::new(|| crate::rules::AnyWord::new(&["本标准"]));

impl Rule for EditionMix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &mut Context<'_>) {
        let doc = ctx.doc;
        let text = doc.source.text.as_str();
        // The cheap signs first: the key is a copy of the whole text.
        let modern = doc.meta.ccs.is_some()
            || doc.annexes.iter().any(|a| a.obligation.as_ref().is_some_and(|o| !o.legacy_form))
            || {
                let key = crate::rules::normalize::sentence_key(text);
                key.contains("1.1—2020") || key.contains("通过文中的规范性引用而构成本文件必不可少的条款")
            };
        if !modern {
            return;
        }
        let mut hits: Vec<(Span, String, String, String)> = Vec::new();
        for annex in &doc.annexes {
            if let Some(ob) = annex.obligation.as_ref().filter(|o| o.legacy_form) {
                let replacement =
                    if ob.text.text.contains("规范性") { "（规范性）" } else { "（资料性）" };
                hits.push((ob.text.span, ob.text.text.clone(), ob.text.text.clone(), replacement.to_owned()));
            }
        }
        // A short head of each form is found by a vectorised search (the whole form would build
        // a searcher for every block); a form whose head is nowhere in the text is not looked
        // for block by block.
        let forms: Vec<(&str, &str, &str)> = LEGACY_FORMS
            .iter()
            .zip(HEAD_FINDERS.iter())
            .filter(|(_, finder)| finder.find(text.as_bytes()).is_some())
            .map(|(&(form, replacement), _)| (form, replacement, head_of(form)))
            .collect();
        for &(_, block) in ctx.blocks_with_place() {
            if !(block.is_prose() || matches!(block.kind, BlockKind::Term(_))) {
                continue;
            }
            let block_text = ctx.text(block.span);
            for &(form, replacement, head) in &forms {
                if !block_text.contains(head) {
                    continue;
                }
                for (s, e) in find_all(block_text, form) {
                    hits.push((
                        Span::new(block.span.start + s, block.span.start + e),
                        (*form).to_owned(),
                        (*form).to_owned(),
                        (*replacement).to_owned(),
                    ));
                }
            }
            if let BlockKind::Term(entry) = &block.kind {
                if let Some(source) =
                    entry.source.as_ref().filter(|s| s.text.contains("定义") && !s.text.contains("来源"))
                {
                    hits.push((
                        source.span,
                        source.text.clone(),
                        source.text.clone(),
                        "[来源：GB/T ××××—××××，3.1]".to_owned(),
                    ));
                }
            }
        }
        // 本标准 is usually everywhere in such a draft: one finding at the first, with the count.
        // A text without it anywhere is not looked at block by block.
        let blocks = if BEN_BIAOZHUN.is_in(text) { ctx.blocks_with_place() } else { &[] };
        let mut self_refs =
            blocks.iter().copied().filter(|(_, b)| b.is_prose() && ctx.text(b.span).contains('本')).flat_map(
                |(_, b)| {
                    find_self_references(ctx.text(b.span), "本标准")
                        .into_iter()
                        .map(move |(s, e)| Span::new(b.span.start + s, b.span.start + e))
                },
            );
        if let Some(first) = self_refs.next() {
            let more = self_refs.count();
            let (zh, en) = if more > 0 {
                (format!("本标准（另有{more}处）"), format!("本标准 ({more} more)"))
            } else {
                ("本标准".to_owned(), "本标准".to_owned())
            };
            hits.push((first, zh, en, "本文件".to_owned()));
        }
        for (span, found, found_en, replacement) in hits {
            ctx.report_with_help(
                span,
                Message::new(
                    format!("“{found}”是GB/T 1.1—2009的写法，与本文件的2020版写法混用"),
                    format!("“{found_en}” is the GB/T 1.1-2009 form, mixed with 2020 forms in this document"),
                ),
                Message::new(format!("改为2020版写法：“{replacement}”"), format!("use the 2020 form: “{replacement}”")),
            );
        }
    }
}
