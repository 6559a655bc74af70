//! Findings: our own compact type, rendered by `report` (miette is only a renderer).

use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A message in both languages; the renderer picks one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Message { zh: zh.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A finding inside one document, located by a span of its decoded text.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: Message,
    /// What to write instead, when the rule knows.
    pub help: Option<Message>,
    /// A safe machine edit (`--fix`), when the rule knows exactly what the text should be.
    pub fix: Option<Edit>,
}

impl Diagnostic {
    /// A reader's notice for the rule `code`. The reader sits below the rules, so it names its
    /// rule by code only: the pipeline fills in the rule's name and severity from the registry
    /// (`check`), until then they are empty and `Info`.
    pub fn notice(code: &'static str, span: Span, message: Message, help: Option<Message>) -> Diagnostic {
        Diagnostic { code, name: "", severity: Severity::Info, span, message, help, fix: None }
    }
}

/// Replace the characters of `span` (decoded text) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}
