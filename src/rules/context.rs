use crate::diagnostic::{Diagnostic, Edit, Message, Severity};
use crate::model::Document;
use crate::profile::Profile;
use crate::rules::RuleMeta;
use crate::source::Span;

/// What a rule sees: the document, the profile, and a sink for its findings.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub profile: &'a Profile,
    rule: Option<&'static RuleMeta>,
    severity: Severity,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, profile: &'a Profile) -> Self {
        Context { doc, profile, rule: None, severity: Severity::Error, diagnostics: Vec::new() }
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
        self.push(span, message, Some(help), self.severity);
        if let Some(last) = self.diagnostics.last_mut() {
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
