//! Test support for rule unit tests: run one rule on a Markdown text.

use crate::diagnostic::Diagnostic;
use crate::model::Format;
use crate::profile::Profile;
use crate::read::parse;
use crate::rules::{Context, Rule, RunIndex};
use crate::source::SourceFile;

/// The findings of `rule` alone on `markdown`, with the profile the document would get.
pub(crate) fn run(rule: &dyn Rule, markdown: &str) -> Vec<Diagnostic> {
    let doc = parse(SourceFile::from_text("test.md", markdown), Format::Markdown);
    let profile = Profile::detect(&doc).unwrap_or_else(|e| panic!("profile: {e}"));
    let index = RunIndex::default();
    let mut ctx = Context::new(&doc, &profile, &index);
    ctx.enter(rule.meta(), rule.meta().severity);
    rule.check(&mut ctx);
    ctx.into_diagnostics()
}

/// The English messages of [`run`], for short assertions.
pub(crate) fn messages(rule: &dyn Rule, markdown: &str) -> Vec<String> {
    run(rule, markdown).into_iter().map(|d| d.message.en).collect()
}
