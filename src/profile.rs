//! Document profiles: which elements a kind of document requires, and its severity relaxations.
//! They are data (`schemas/profiles/*.toml`), embedded as defaults and parsed at run time.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::model::{DesignationKind, Document};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub designation_kinds: Vec<DesignationKind>,
    #[serde(default)]
    pub required_elements: Vec<RequiredElement>,
    #[serde(default)]
    pub required_foreword: Vec<ForewordItem>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequiredElement {
    Cover,
    Foreword,
    Scope,
    NormativeReferences,
    Terms,
    Core,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForewordItem {
    DraftingStatement,
    PatentStatement,
    ResponsibleCommittee,
    DraftingUnits,
    Drafters,
}

const BUILTIN: &[(&str, &str)] = &[
    ("national", include_str!("../schemas/profiles/national.toml")),
    ("sector", include_str!("../schemas/profiles/sector.toml")),
    ("local", include_str!("../schemas/profiles/local.toml")),
    ("group", include_str!("../schemas/profiles/group.toml")),
    ("enterprise", include_str!("../schemas/profiles/enterprise.toml")),
    ("internal-spec", include_str!("../schemas/profiles/internal-spec.toml")),
];

#[derive(Debug)]
pub struct ProfileError(pub String);

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Profile {
    pub fn parse(name: &str, text: &str) -> Result<Profile, ProfileError> {
        toml::from_str(text).map_err(|e| ProfileError(format!("profile {name}: {e}")))
    }

    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(n, _)| *n)
    }

    pub fn builtin(name: &str) -> Result<Profile, ProfileError> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            let names: Vec<&str> = Profile::builtin_names().collect();
            ProfileError(format!("unknown profile `{name}` (known: {})", names.join(", ")))
        })?;
        Profile::parse(name, text)
    }

    /// A built-in name, or a path to a profile file.
    pub fn load(name_or_path: &str) -> Result<Profile, ProfileError> {
        if name_or_path.ends_with(".toml") {
            let text = std::fs::read_to_string(Path::new(name_or_path))
                .map_err(|e| ProfileError(format!("cannot read profile {name_or_path}: {e}")))?;
            return Profile::parse(name_or_path, &text);
        }
        Profile::builtin(name_or_path)
    }

    /// The profile a document's designation (or banner) says it is.
    pub fn detect_name(doc: &Document) -> &'static str {
        if let Some(d) = &doc.meta.designation {
            return match d.kind {
                DesignationKind::National => "national",
                DesignationKind::Sector => "sector",
                DesignationKind::Local => "local",
                DesignationKind::Group => "group",
                DesignationKind::Enterprise => "enterprise",
                DesignationKind::International => "national",
            };
        }
        // Drafts often write the designation with placeholders (DB4403/T ×××—2025).
        let cover = doc.meta.cover.map(|c| doc.source.slice(c)).unwrap_or_default();
        for line in cover.lines().map(str::trim) {
            if line.starts_with("GB") {
                return "national";
            }
            if line.starts_with("DB") {
                return "local";
            }
            if line.starts_with("T/") {
                return "group";
            }
            if line.starts_with("Q/") {
                return "enterprise";
            }
        }
        let banner = doc.meta.banner.as_ref().map_or("", |b| b.text.as_str());
        if banner.contains("国家标准") {
            "national"
        } else if banner.contains("地方标准") {
            "local"
        } else if banner.contains("团体标准") {
            "group"
        } else if banner.contains("行业标准") {
            "sector"
        } else {
            "internal-spec"
        }
    }

    pub fn requires(&self, element: RequiredElement) -> bool {
        self.required_elements.contains(&element)
    }

    pub fn requires_foreword(&self, item: ForewordItem) -> bool {
        self.required_foreword.contains(&item)
    }

    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        self.severity.get(code).copied().unwrap_or(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_profile_parses() {
        for name in Profile::builtin_names() {
            let profile = Profile::builtin(name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(profile.name, name);
            for code in profile.severity.keys() {
                assert!(crate::rules::find(code).is_some(), "{name}: unknown rule {code}");
            }
        }
    }

    #[test]
    fn unknown_profile_names_the_known_ones() {
        let err = Profile::builtin("nope").err().map(|e| e.0).unwrap_or_default();
        assert!(err.contains("national"));
    }
}
