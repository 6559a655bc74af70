use std::sync::OnceLock;

use crate::budget::Meter;
use crate::diagnostic::{Diagnostic, Edit, Message, Severity};
use crate::model::{Block, CaptionKind, Clause, Document, Place};
use crate::profile::Profile;
use crate::rules::RuleMeta;
use crate::source::Span;

/// At most this many findings of one rule are kept for one document; the others are counted
/// ([`Context::dropped`]) and the pipeline says how many there were. No reader needs more,
/// and it bounds the memory a pathological line (350,000 unpaired brackets) can make a rule
/// use.
pub const MAX_FINDINGS_PER_RULE: usize = 10_000;

/// What several rules derive from one document and share for the length of its rule run:
/// values that borrow the document, which its own derived slots (`'static`, kept by every
/// step) cannot hold. Built by the first rule that asks; both rule threads of a lone document
/// share it.
#[derive(Default)]
pub struct RunIndex<'d> {
    blocks_with_place: OnceLock<Vec<(Place<'d>, &'d Block)>>,
    all_clauses: OnceLock<Vec<&'d Clause>>,
    containers: OnceLock<Vec<&'d [Block]>>,
    captions: OnceLock<Vec<crate::rules::figures::Caption<'d>>>,
    /// Figures, then tables, without a caption.
    uncaptioned: [OnceLock<Vec<crate::rules::figures::Uncaptioned>>; 2],
    families: OnceLock<Vec<crate::rules::numbering::Family<'d>>>,
    lists: OnceLock<Vec<crate::rules::lists::List<'d>>>,
    /// Groups of notes, then of examples.
    note_groups: [OnceLock<Vec<Vec<&'d Block>>>; 2],
}

/// What a rule sees: the document, the profile, and a sink for its findings.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub profile: &'a Profile,
    index: &'a RunIndex<'a>,
    rule: Option<&'static RuleMeta>,
    severity: Severity,
    diagnostics: Vec<Diagnostic>,
    dropped: usize,
    /// The document's budget, as the thread running the rule measures it.
    meter: Option<Meter>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, profile: &'a Profile, index: &'a RunIndex<'a>) -> Self {
        Context {
            doc,
            profile,
            index,
            rule: None,
            severity: Severity::Error,
            diagnostics: Vec::new(),
            dropped: 0,
            meter: None,
        }
    }

    /// A context whose rule runs within the document's budget.
    pub fn with_meter(doc: &'a Document, profile: &'a Profile, index: &'a RunIndex<'a>, meter: &Meter) -> Self {
        Context { meter: Some(meter.clone()), ..Context::new(doc, profile, index) }
    }

    /// Every block of the document with the place it stands in, in document order
    /// ([`Document::blocks_with_place`], found once for all the rules of the run: some twenty
    /// of them read it, some several times).
    pub fn blocks_with_place(&self) -> &'a [(Place<'a>, &'a Block)] {
        self.index.blocks_with_place.get_or_init(|| self.doc.blocks_with_place())
    }

    /// Every clause and subclause, chapters first, then the annexes' ([`Document::all_clauses`]).
    pub fn all_clauses(&self) -> &'a [&'a Clause] {
        self.index.all_clauses.get_or_init(|| self.doc.all_clauses())
    }

    /// The block sequences lists and notes stand in (see `lists::containers`).
    pub(crate) fn block_containers(&self) -> &'a [&'a [Block]] {
        self.index.containers.get_or_init(|| crate::rules::lists::containers(self.doc, self.all_clauses()))
    }

    /// The figure and table captions of the document (see `figures::captions`), found once for
    /// the figure and table rules of the run.
    pub(crate) fn captions(&self) -> &'a [crate::rules::figures::Caption<'a>] {
        self.index.captions.get_or_init(|| crate::rules::figures::captions(self.blocks_with_place(), self.doc))
    }

    /// The figures or tables without a caption (see `figures::uncaptioned`).
    pub(crate) fn uncaptioned(&self, kind: CaptionKind) -> &'a [crate::rules::figures::Uncaptioned] {
        let slot = match kind {
            CaptionKind::Figure => &self.index.uncaptioned[0],
            CaptionKind::Table => &self.index.uncaptioned[1],
        };
        slot.get_or_init(|| crate::rules::figures::uncaptioned(self, kind))
    }

    /// Every parent clause with its subclauses (see `numbering::families`).
    pub(crate) fn families(&self) -> &'a [crate::rules::numbering::Family<'a>] {
        self.index.families.get_or_init(|| crate::rules::numbering::families(self.doc, self.all_clauses()))
    }

    /// Every list of the document (see `lists::lists`).
    pub(crate) fn lists(&self) -> &'a [crate::rules::lists::List<'a>] {
        self.index.lists.get_or_init(|| crate::rules::lists::lists(self.doc, self.block_containers()))
    }

    /// The groups of notes or of examples numbered together (see `notes::groups`).
    pub(crate) fn note_groups(&self, kind: crate::rules::notes::Kind) -> &'a [Vec<&'a Block>] {
        let slot = match kind {
            crate::rules::notes::Kind::Note => &self.index.note_groups[0],
            crate::rules::notes::Kind::Example => &self.index.note_groups[1],
        };
        slot.get_or_init(|| crate::rules::notes::groups(self.block_containers(), kind))
    }

    /// True when the document has spent its time or memory budget: a rule with a long loop
    /// may ask this now and then and stop early; the pipeline then reports the budget (IO007).
    pub fn over_budget(&self) -> bool {
        self.meter.as_ref().is_some_and(|m| m.exceeded().is_some())
    }

    /// How many findings were not kept past [`MAX_FINDINGS_PER_RULE`].
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Sets the rule whose findings follow, with its effective severity.
    pub fn enter(&mut self, rule: &'static RuleMeta, severity: Severity) {
        self.rule = Some(rule);
        self.severity = severity;
    }

    pub fn report(&mut self, span: Span, message: Message) {
        self.push(span, message, None, self.severity);
    }

    /// A finding with a suggestion of what to write instead.
    pub fn report_with_help(&mut self, span: Span, message: Message, help: Message) {
        self.push(span, message, Some(help), self.severity);
    }

    /// A finding with a safe machine edit for `--fix`: `replacement` takes the place of `span`.
    pub fn report_fixable(&mut self, span: Span, message: Message, help: Message, replacement: impl Into<String>) {
        let kept = self.diagnostics.len();
        self.push(span, message, Some(help), self.severity);
        if let Some(last) = self.diagnostics.get_mut(kept) {
            last.fix = Some(Edit { span, replacement: replacement.into() });
        }
    }

    /// A finding one step below the rule's severity, for the uncertain cases of a rule.
    pub fn report_softer(&mut self, span: Span, message: Message, help: Option<Message>) {
        let softer = match self.severity {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        };
        self.push(span, message, help, softer);
    }

    fn push(&mut self, span: Span, message: Message, help: Option<Message>, severity: Severity) {
        if self.diagnostics.len() >= MAX_FINDINGS_PER_RULE {
            self.dropped += 1;
            return;
        }
        let (code, name) = self.rule.map_or(("IO006", "internal-error"), |r| (r.code, r.name));
        self.diagnostics.push(Diagnostic { code, name, severity, span, message, help, fix: None });
    }

    pub fn text(&self, span: Span) -> &'a str {
        self.doc.source.slice(span)
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}
