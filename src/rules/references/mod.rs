//! RF — normative references (GB/T 1.1-2020 8.6, 9.5).

mod lead_in;
mod none_statement;

use crate::rules::Rule;

pub(super) const RULES: &[&dyn Rule] = &[&lead_in::NormativeReferencesLeadIn, &none_statement::NormativeReferencesNone];

pub const LEAD_IN: &str = "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。";
pub const NONE_STATEMENT: &str = "本文件没有规范性引用文件。";
/// The first words of the 2009 and pre-2009 lead-ins.
const LEGACY_LEAD_INS: &[&str] =
    &["下列文件对于本文件的应用是必不可少的", "下列文件中的条款通过本标准的引用而成为本标准的条款"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeadIn {
    Current,
    None,
    Legacy,
    /// A paragraph that reads like a lead-in but differs from the prescribed words.
    Altered,
}

fn classify_lead_in(text: &str) -> Option<LeadIn> {
    use crate::rules::normalize::{sentence_key, similarity};
    let key = sentence_key(text);
    if key == sentence_key(LEAD_IN) {
        Some(LeadIn::Current)
    } else if key == sentence_key(NONE_STATEMENT) {
        Some(LeadIn::None)
    } else if LEGACY_LEAD_INS.iter().any(|l| key.starts_with(l)) {
        Some(LeadIn::Legacy)
    } else if key.starts_with("下列文件")
        || similarity(&key, &sentence_key(LEAD_IN)) > 0.4
        || key.contains("没有规范性引用文件")
    {
        Some(LeadIn::Altered)
    } else {
        None
    }
}
