use crate::budget::Meter;
use crate::diagnostic::{Diagnostic, Edit, Message, Severity};
use crate::model::Document;
use crate::profile::Profile;
use crate::rules::RuleMeta;
use crate::source::Span;

/// At most this many findings of one rule are kept for one document; the others are counted
/// ([`Context::dropped`]) and the pipeline says how many there were. No reader needs more,
/// and it bounds the memory a pathological line (350,000 unpaired brackets) can make a rule
/// use.
pub const MAX_FINDINGS_PER_RULE: usize = 10_000;

/// What a rule sees: the document, the profile, and a sink for its findings.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub profile: &'a Profile,
    rule: Option<&'static RuleMeta>,
    severity: Severity,
    diagnostics: Vec<Diagnostic>,
    dropped: usize,
    meter: Option<&'a Meter>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, profile: &'a Profile) -> Self {
        Context {
            doc,
            profile,
            rule: None,
            severity: Severity::Error,
            diagnostics: Vec::new(),
            dropped: 0,
            meter: None,
        }
    }

    /// A context whose rule runs within the document's budget.
    pub fn with_meter(doc: &'a Document, profile: &'a Profile, meter: &'a Meter) -> Self {
        Context { meter: Some(meter), ..Context::new(doc, profile) }
    }

    /// True when the document has spent its time or memory budget: a rule with a long loop
    /// may ask this now and then and stop early; the pipeline then reports the budget (IO007).
    pub fn over_budget(&self) -> bool {
        self.meter.is_some_and(|m| m.exceeded().is_some())
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
