//! `normlint.toml`: rule selection, per-file ignores, profile, severities, file globs.
//!
//! Discovery follows ruff: each checked file uses the nearest `normlint.toml` in its directory
//! or above (`--config FILE` forces one for all). Globs in the file are relative to the file's
//! directory. Command-line options override the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;

pub const CONFIG_FILE: &str = "normlint.toml";

/// The file as written (see `schemas/config.schema.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// A profile name (`local`, `local+service`) or a path to a profile file.
    pub profile: Option<String>,
    /// Rule codes or family prefixes to enable (default: all).
    pub select: Option<Vec<String>>,
    /// Added to `select` (or to the default).
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Rule codes or family prefixes to disable.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Glob → codes or prefixes to disable for matching files.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Severity per rule code.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Globs of files and folders a walk skips.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Globs of files a walk checks, instead of the default (`*.md`, `*.txt`, `*.xml`, `*.docx` …).
    pub include: Option<Vec<String>>,
    /// A standard-system table to check the set against (SE005).
    pub catalogue: Option<PathBuf>,
    /// Where `check` keeps its cache, relative to this file (default `.normlint_cache`); read
    /// from the file that governs the current directory.
    pub cache_dir: Option<PathBuf>,
}

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A loaded configuration with its globs compiled, ready to answer per file.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from; `None` for the defaults.
    pub path: Option<PathBuf>,
    pub root: PathBuf,
    pub file: ConfigFile,
    per_file: Vec<(GlobSet, Vec<String>)>,
    exclude: Option<GlobSet>,
    include: Option<GlobSet>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            root: PathBuf::from("."),
            file: ConfigFile::default(),
            per_file: Vec::new(),
            exclude: None,
            include: None,
        }
    }
}

fn glob_set(globs: &[String], what: &str) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        // A bare name or folder matches anywhere below the root, as in .gitignore.
        let pattern = if g.contains('/') { g.trim_start_matches("./").to_owned() } else { format!("**/{g}") };
        builder.add(Glob::new(&pattern).map_err(|e| ConfigError(format!("{what}: invalid glob `{g}`: {e}")))?);
        if !g.contains('*') {
            let below = format!("{}/**", pattern.trim_end_matches('/'));
            if let Ok(glob) = Glob::new(&below) {
                builder.add(glob);
            }
        }
    }
    builder.build().map_err(|e| ConfigError(format!("{what}: {e}")))
}

fn check_codes(codes: &[String], what: &str) -> Result<(), ConfigError> {
    for code in codes {
        let known = crate::rules::registry().iter().any(|r| r.meta().code.starts_with(code.as_str()));
        if code.is_empty() || !known {
            return Err(ConfigError(format!("{what}: `{code}` is not a rule code or family prefix")));
        }
    }
    Ok(())
}

impl Config {
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
        let root = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Config::from_file(file, Some(path.to_path_buf()), root)
    }

    pub fn from_file(file: ConfigFile, path: Option<PathBuf>, root: PathBuf) -> Result<Config, ConfigError> {
        let name = path.as_ref().map_or_else(|| "configuration".to_owned(), |p| p.display().to_string());
        if let Some(select) = &file.select {
            check_codes(select, &format!("{name}: select"))?;
        }
        check_codes(&file.extend_select, &format!("{name}: extend-select"))?;
        check_codes(&file.ignore, &format!("{name}: ignore"))?;
        for (glob, codes) in &file.per_file_ignores {
            check_codes(codes, &format!("{name}: per-file-ignores.\"{glob}\""))?;
        }
        for code in file.severity.keys() {
            if crate::rules::find(code).is_none() {
                return Err(ConfigError(format!("{name}: severity: `{code}` is not a rule code")));
            }
        }
        let mut per_file = Vec::new();
        for (glob, codes) in &file.per_file_ignores {
            per_file.push((glob_set(std::slice::from_ref(glob), &format!("{name}: per-file-ignores"))?, codes.clone()));
        }
        let exclude =
            (!file.exclude.is_empty()).then(|| glob_set(&file.exclude, &format!("{name}: exclude"))).transpose()?;
        let include = file.include.as_ref().map(|g| glob_set(g, &format!("{name}: include"))).transpose()?;
        Ok(Config { path, root, file, per_file, exclude, include })
    }

    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|e| ConfigError(format!("cannot read {}: {e}", path.display())))?;
        Config::parse(path, &text)
    }

    /// The nearest `normlint.toml` in `start` or its parents.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut dir = if start.is_dir() { Some(start.as_path()) } else { start.parent() };
        while let Some(d) = dir {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    fn relative(&self, path: &Path) -> PathBuf {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::path::absolute(&self.root).unwrap_or_else(|_| self.root.clone());
        absolute.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(absolute)
    }

    /// Is the rule enabled for this file?
    pub fn enabled(&self, code: &str, path: &Path) -> bool {
        let matches = |list: &[String]| list.iter().any(|p| code.starts_with(p.as_str()));
        // The most specific selector wins, as in ruff: an exact code beats a family prefix.
        let longest = |list: &[String]| list.iter().filter(|p| code.starts_with(p.as_str())).map(String::len).max();
        let selected = match &self.file.select {
            Some(select) => matches(select) || matches(&self.file.extend_select),
            None => true,
        };
        let select_strength =
            self.file.select.as_deref().and_then(longest).max(longest(&self.file.extend_select)).unwrap_or(0);
        let ignored = longest(&self.file.ignore).is_some_and(|n| n >= select_strength);
        if !selected || ignored {
            return false;
        }
        // Asked for every rule of every file: the path is made relative (two getcwd calls) only
        // when there are per-file ignores to match it against.
        if self.per_file.is_empty() {
            return true;
        }
        let relative = self.relative(path);
        !self.per_file.iter().any(|(set, codes)| set.is_match(&relative) && matches(codes))
    }

    /// Whether [`enabled`](Self::enabled) may answer differently for two paths: only per-file
    /// ignores look at the path.
    pub fn depends_on_path(&self) -> bool {
        !self.per_file.is_empty()
    }

    /// A walk skips this path.
    pub fn excluded(&self, path: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|set| set.is_match(self.relative(path)))
    }

    /// A walk checks this path (with `include`, only matching files).
    pub fn included(&self, path: &Path) -> Option<bool> {
        self.include.as_ref().map(|set| set.is_match(self.relative(path)))
    }

    /// The effective configuration, printed by `--show-settings`.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "# configuration: {}\n",
            self.path
                .as_ref()
                .map_or_else(|| "(defaults: no normlint.toml found)".to_owned(), |p| p.display().to_string())
        ));
        out.push_str(&toml::to_string_pretty(&self.file).unwrap_or_default());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        Config::parse(Path::new("/repo/normlint.toml"), text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn select_ignore_and_specificity() {
        let c = config("select = [\"NU\", \"ST001\"]\nignore = [\"NU005\"]\n");
        assert!(c.enabled("NU001", Path::new("/repo/a.md")));
        assert!(!c.enabled("NU005", Path::new("/repo/a.md")));
        assert!(c.enabled("ST001", Path::new("/repo/a.md")));
        assert!(!c.enabled("ST002", Path::new("/repo/a.md")));
        let c = config("ignore = [\"NU\"]\nextend-select = [\"NU005\"]\n");
        assert!(c.enabled("NU005", Path::new("/repo/a.md")));
        assert!(!c.enabled("NU001", Path::new("/repo/a.md")));
    }

    #[test]
    fn per_file_ignores_are_relative_to_the_config() {
        let c = config("[per-file-ignores]\n\"drafts/*.md\" = [\"PV\"]\n");
        assert!(!c.enabled("PV001", Path::new("/repo/drafts/x.md")));
        assert!(c.enabled("PV001", Path::new("/repo/final/x.md")));
    }

    #[test]
    fn unknown_codes_and_keys_are_errors() {
        assert!(Config::parse(Path::new("n.toml"), "ignore = [\"XX1\"]").is_err());
        assert!(Config::parse(Path::new("n.toml"), "unknown = 1").is_err());
        assert!(Config::parse(Path::new("n.toml"), "[severity]\nNU005 = \"fatal\"").is_err());
    }

    #[test]
    fn exclude_globs() {
        let c = config("exclude = [\"archive\", \"*.tmp.md\"]\n");
        assert!(c.excluded(Path::new("/repo/archive/old.md")));
        assert!(c.excluded(Path::new("/repo/x/draft.tmp.md")));
        assert!(!c.excluded(Path::new("/repo/x/draft.md")));
    }
}
