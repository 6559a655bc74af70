//! Document profiles: which elements a kind of document requires, and its severity relaxations.
//! They are data (`schemas/profiles/*.toml`), embedded as defaults and parsed at run time.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::model::{DesignationKind, Document};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The base profile's name (`local`), also when overlays are applied.
    pub name: String,
    pub description: String,
    /// True for an overlay (`service`): applied on top of a base profile, never used alone.
    #[serde(default)]
    pub overlay: bool,
    #[serde(default)]
    pub designation_kinds: Vec<DesignationKind>,
    #[serde(default)]
    pub required_elements: Vec<RequiredElement>,
    #[serde(default)]
    pub required_foreword: Vec<ForewordItem>,
    /// Designation codes whose covers carry a 备案号 (filing number), by prefix (`DB44` covers
    /// DB4403), or `*` for every document of the profile: GB/T 1.1-2020 8.1 requires it of
    /// sector standards; local standards carry it where local rules say so.
    #[serde(default)]
    pub filing_number: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// The section synonym sets of a service standard; present when the `service` overlay (or a
    /// profile file with a `[service]` table) applies. The SV rules do nothing without it.
    #[serde(default)]
    pub service: Option<ServiceSections>,
    /// The overlays applied, in order (`["service"]` for `local+service`).
    #[serde(skip)]
    pub overlays: Vec<String>,
}

/// `[service]` of a profile: the sections a service standard has, each a set of synonyms.
///
/// A synonym matches a chapter or clause title (compared without white space) that contains it;
/// a synonym written `*人员` matches a title that ends with `人员`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSections {
    /// Sets of which each needs a matching section (SV001).
    #[serde(default)]
    pub required: Vec<Vec<String>>,
    /// Sets of which each should have a matching section (SV002).
    #[serde(default)]
    pub recommended: Vec<Vec<String>>,
}

impl ServiceSections {
    /// True when `title` matches one synonym of `set`.
    pub fn matches(set: &[String], title: &str) -> bool {
        let title = crate::model::compact(title);
        !title.is_empty()
            && set.iter().any(|synonym| match synonym.strip_prefix('*') {
                Some(suffix) => !suffix.is_empty() && title.ends_with(suffix),
                None => !synonym.is_empty() && title.contains(synonym.as_str()),
            })
    }
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
    ("service", include_str!("../schemas/profiles/service.toml")),
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
        // Each parsed once per run, on first use: every document without a configured profile
        // detects one, and parsing the TOML each time was a fortieth of reading a folder of
        // small files (a lone document needs one or two of them).
        static PARSED: LazyLock<Vec<OnceLock<Result<Profile, String>>>> =
            LazyLock::new(|| BUILTIN.iter().map(|_| OnceLock::new()).collect());
        let ((name, text), slot) =
            BUILTIN.iter().zip(PARSED.iter()).find(|((n, _), _)| *n == name).ok_or_else(|| {
                let names: Vec<&str> = Profile::builtin_names().collect();
                ProfileError(format!("unknown profile `{name}` (known: {})", names.join(", ")))
            })?;
        slot.get_or_init(|| Profile::parse(name, text).map_err(|e| e.0)).clone().map_err(ProfileError)
    }

    /// A built-in name or a path to a profile file, optionally followed by overlays joined with
    /// `+` (`local+service`, `my-profile.toml+service`).
    pub fn load(spec: &str) -> Result<Profile, ProfileError> {
        if spec.contains('+') && !Path::new(spec).is_file() {
            let mut pieces = spec.split('+').map(str::trim);
            let base = pieces.next().unwrap_or_default();
            let mut profile = Profile::load_one(base)?;
            if profile.overlay {
                return Err(ProfileError(format!("`{base}` is an overlay; name a base profile first (local+{base})")));
            }
            for piece in pieces {
                let overlay = Profile::load_one(piece)?;
                if !overlay.overlay {
                    return Err(ProfileError(format!(
                        "`{piece}` is not an overlay; only overlays (such as `service`) follow a `+`"
                    )));
                }
                profile.with_overlay(&overlay);
            }
            return Ok(profile);
        }
        let profile = Profile::load_one(spec)?;
        if profile.overlay {
            return Err(ProfileError(format!(
                "`{spec}` is an overlay, not a profile of its own; use it after a base profile, e.g. local+{spec}"
            )));
        }
        Ok(profile)
    }

    fn load_one(name_or_path: &str) -> Result<Profile, ProfileError> {
        if name_or_path.ends_with(".toml") {
            let text = std::fs::read_to_string(Path::new(name_or_path))
                .map_err(|e| ProfileError(format!("cannot read profile {name_or_path}: {e}")))?;
            return Profile::parse(name_or_path, &text);
        }
        Profile::builtin(name_or_path)
    }

    /// Applies an overlay: its required elements and foreword items are added, its severities
    /// win, and its `[service]` table (if any) replaces the base's.
    pub fn with_overlay(&mut self, overlay: &Profile) -> &mut Self {
        if self.overlays.contains(&overlay.name) {
            return self;
        }
        for element in &overlay.required_elements {
            if !self.required_elements.contains(element) {
                self.required_elements.push(*element);
            }
        }
        for item in &overlay.required_foreword {
            if !self.required_foreword.contains(item) {
                self.required_foreword.push(*item);
            }
        }
        for kind in &overlay.designation_kinds {
            if !self.designation_kinds.contains(kind) {
                self.designation_kinds.push(*kind);
            }
        }
        self.severity.extend(overlay.severity.iter().map(|(k, v)| (k.clone(), *v)));
        if overlay.service.is_some() {
            self.service.clone_from(&overlay.service);
        }
        self.overlays.push(overlay.name.clone());
        self
    }

    /// Whether a document with this designation code must carry a 备案号 on its cover.
    pub fn requires_filing_number(&self, code: &str) -> bool {
        self.filing_number.iter().any(|prefix| prefix == "*" || code.starts_with(prefix.as_str()))
    }

    /// True when the overlay `name` has been applied.
    pub fn has_overlay(&self, name: &str) -> bool {
        self.overlays.iter().any(|o| o == name)
    }

    /// The name with its overlays, as reported: `local+service`.
    pub fn label(&self) -> String {
        std::iter::once(self.name.as_str())
            .chain(self.overlays.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("+")
    }

    /// The profile a document is checked against when none is given: the one its designation
    /// (or banner) names, plus the `service` overlay for a service standard of a national, local
    /// or group document.
    pub fn detect(doc: &Document) -> Result<Profile, ProfileError> {
        let name = Profile::detect_name(doc);
        let mut profile = Profile::builtin(name)?;
        if matches!(name, "national" | "local" | "group") && Profile::is_service_document(doc) {
            profile.with_overlay(&Profile::builtin("service")?);
        }
        Ok(profile)
    }

    /// A service standard by its title: `…服务规范`, `…服务指南`, `…服务标准`, `…经办服务`, or any
    /// title about 服务 (not 服务器, a server).
    pub fn is_service_document(doc: &Document) -> bool {
        let title = doc.meta.title_zh.as_ref().or(doc.body_title.as_ref()).map(|t| t.text.as_str()).unwrap_or_default();
        is_service_title(title)
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

/// See [`Profile::is_service_document`].
pub fn is_service_title(title: &str) -> bool {
    let mut title = title.trim().to_owned();
    // A stage marker at the end: （征求意见稿）, （送审稿）, （草案）.
    if title.ends_with('）') || title.ends_with(')') {
        if let Some(open) = title.rfind(['（', '(']) {
            title.truncate(open);
        }
    }
    // The element that says what the document is about is the last one (GB/T 1.1 6.1: the
    // elements are set apart by a space): `新闻出版 知识服务 知识本体构建流程` is about a process,
    // `社区居家养老 上门服务规范` about a service.
    let last = title.split([' ', '\u{3000}', '\t']).rfind(|e| !e.is_empty()).unwrap_or_default();
    let Some(at) = last.rfind("服务") else { return false };
    let tail = last.get(at + "服务".len()..).unwrap_or_default();
    const FUNCTION_WORDS: &[&str] = &[
        "",
        "规范",
        "指南",
        "标准",
        "要求",
        "基本要求",
        "通用要求",
        "通则",
        "规程",
        "质量",
        "质量规范",
        "质量要求",
        "质量评价",
        "评价",
        "评价规范",
        "评价指南",
        "管理规范",
        "管理要求",
        "提供规范",
        "提供指南",
        "工作规范",
    ];
    FUNCTION_WORDS.contains(&tail)
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
    fn overlays_apply_with_plus() {
        let profile = Profile::load("local+service").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(profile.name, "local");
        assert!(profile.has_overlay("service"));
        assert_eq!(profile.label(), "local+service");
        let service = profile.service.unwrap_or_default();
        assert!(!service.required.is_empty() && !service.recommended.is_empty());
        assert!(Profile::load("service").is_err(), "an overlay is not a profile of its own");
        assert!(Profile::load("service+local").is_err());
        assert!(Profile::load("local+national").is_err());
        assert!(Profile::load("local").is_ok_and(|p| p.service.is_none() && p.overlays.is_empty()));
    }

    #[test]
    fn service_synonyms_and_titles() {
        let set = vec!["服务人员".to_owned(), "*人员".to_owned()];
        assert!(ServiceSections::matches(&set, "调解 人员"));
        assert!(ServiceSections::matches(&set, "服务人员要求"));
        assert!(!ServiceSections::matches(&set, "人员培训"));
        assert!(is_service_title("居家养老上门服务规范（征求意见稿）"));
        assert!(is_service_title("城乡居民基本养老保险经办服务"));
        assert!(!is_service_title("服务器能效限定值及能效等级"));
        assert!(!is_service_title("新闻出版 知识服务 知识本体构建流程"));
        assert!(!is_service_title("公共技术服务接入操作程序 第2部分：技术中台消息服务接入手册"));
        assert!(is_service_title("社区居家养老 上门服务规范"));
        assert!(is_service_title("劳动人事争议调解服务规范（征求意见稿）"));
        assert!(!is_service_title("劳动人事争议调解工作规范（草案）"));
    }

    #[test]
    fn unknown_profile_names_the_known_ones() {
        let err = Profile::builtin("nope").err().map(|e| e.0).unwrap_or_default();
        assert!(err.contains("national"));
    }
}
