//! Per-file settings: the nearest `normlint.toml` (or the one given with `--config`), with the
//! command line's overrides applied, and the profile it names. Resolved once per directory.

use crate::hash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::config::{Config, ConfigError};
use crate::diagnostic::Severity;
use crate::profile::Profile;
use crate::rules::Rule;

/// Rule selection given on the command line; it wins over the file.
#[derive(Debug, Clone, Default)]
pub struct RuleOverrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// What applies to one file.
#[derive(Debug)]
pub struct FileSettings {
    pub config: Config,
    /// The profile the configuration names, if it names one.
    pub profile: Option<Profile>,
    /// [`enabled_rules`](Self::enabled_rules)' answer for the rule registry, rule by rule.
    enabled_memo: OnceLock<Vec<bool>>,
}

impl FileSettings {
    pub fn new(config: Config, profile: Option<Profile>) -> Self {
        FileSettings { config, profile, enabled_memo: OnceLock::new() }
    }

    pub fn enabled(&self, code: &str, path: &Path) -> bool {
        self.config.enabled(code, path)
    }

    /// The rules of `rules` that are enabled for the file at `path`. Without per-file ignores
    /// the answer does not depend on the path, and for the registry (the list a run passes for
    /// every file, which never changes) it is worked out once: asking each of some 140 rules
    /// for every file was about 1 % of a batch.
    pub fn enabled_rules<'r>(&self, rules: &[&'r dyn Rule], path: &Path) -> Vec<&'r dyn Rule> {
        if !self.config.depends_on_path() && std::ptr::eq(rules, crate::rules::registry()) {
            let enabled = self
                .enabled_memo
                .get_or_init(|| rules.iter().map(|r| self.config.enabled(r.meta().code, path)).collect());
            return rules.iter().zip(enabled).filter(|(_, on)| **on).map(|(rule, _)| *rule).collect();
        }
        rules.iter().copied().filter(|r| self.config.enabled(r.meta().code, path)).collect()
    }

    /// The configuration's severity for a rule, if it sets one.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        self.config.file.severity.get(code).copied()
    }
}

/// Finds the settings of each file.
#[derive(Debug)]
pub struct Resolver {
    fixed: Option<Arc<FileSettings>>,
    discover: bool,
    overrides: RuleOverrides,
    cache: Mutex<HashMap<PathBuf, Arc<FileSettings>>>,
    error: Mutex<Option<String>>,
}

impl Default for Resolver {
    /// No discovery: the built-in defaults for every file (library use and tests).
    fn default() -> Self {
        Resolver::new(None, false, RuleOverrides::default()).unwrap_or_else(|_| Resolver {
            fixed: None,
            discover: false,
            overrides: RuleOverrides::default(),
            cache: Mutex::new(HashMap::default()),
            error: Mutex::new(None),
        })
    }
}

impl Resolver {
    /// `config`: a file given with `--config`; `discover`: look for `normlint.toml` files.
    pub fn new(config: Option<&Path>, discover: bool, overrides: RuleOverrides) -> Result<Resolver, ConfigError> {
        let fixed = match config {
            Some(path) => Some(Arc::new(settle(Config::load(path)?, &overrides)?)),
            None if !discover => Some(Arc::new(settle(Config::default(), &overrides)?)),
            None => None,
        };
        Ok(Resolver { fixed, discover, overrides, cache: Mutex::new(HashMap::default()), error: Mutex::new(None) })
    }

    /// The settings for `path` (a file or a directory); asks the file system which it is.
    pub fn for_path(&self, path: &Path) -> Arc<FileSettings> {
        if path.is_dir() { self.for_dir(path) } else { self.for_file(path) }
    }

    /// The settings for a path known to be a file (or a link to one): those of its directory.
    /// The walk and the pipeline know what each path is, so this asks the file system nothing.
    pub fn for_file(&self, file: &Path) -> Arc<FileSettings> {
        self.for_dir(file.parent().unwrap_or(Path::new("")))
    }

    /// The settings for the files of a directory.
    pub fn for_dir(&self, dir: &Path) -> Arc<FileSettings> {
        if let Some(fixed) = &self.fixed {
            return fixed.clone();
        }
        if let Ok(cache) = self.cache.lock() {
            if let Some(found) = cache.get(dir) {
                return found.clone();
            }
        }
        let settled = match Config::discover(if dir.as_os_str().is_empty() { Path::new(".") } else { dir }) {
            Some(file) => Config::load(&file).and_then(|c| settle(c, &self.overrides)),
            None => settle(Config::default(), &self.overrides),
        };
        let settings = match settled {
            Ok(s) => Arc::new(s),
            Err(e) => {
                if let Ok(mut error) = self.error.lock() {
                    error.get_or_insert(e.0);
                }
                Arc::new(FileSettings::new(Config::default(), None))
            }
        };
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(dir.to_path_buf(), settings.clone());
        }
        settings
    }

    /// The first configuration error met during the run.
    pub fn error(&self) -> Option<String> {
        self.error.lock().ok().and_then(|e| e.clone())
    }

    pub fn discovers(&self) -> bool {
        self.discover
    }
}

fn settle(mut config: Config, overrides: &RuleOverrides) -> Result<FileSettings, ConfigError> {
    let mut file = config.file.clone();
    if let Some(select) = &overrides.select {
        file.select = Some(select.clone());
    }
    file.extend_select.extend(overrides.extend_select.iter().cloned());
    file.ignore.extend(overrides.ignore.iter().cloned());
    if file != config.file {
        config = Config::from_file(file, config.path.clone(), config.root.clone())?;
    }
    let profile = match &config.file.profile {
        Some(name) => {
            let resolved =
                if name.ends_with(".toml") { config.root.join(name).display().to_string() } else { name.clone() };
            Some(Profile::load(&resolved).map_err(|e| ConfigError(e.to_string()))?)
        }
        None => None,
    };
    Ok(FileSettings::new(config, profile))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_remembered_rule_list_is_the_one_asked_for() {
        let overrides = RuleOverrides { ignore: vec!["TY".to_owned(), "PV002".to_owned()], ..RuleOverrides::default() };
        let Ok(settings) = settle(Config::default(), &overrides) else { panic!("default settings") };
        let registry = crate::rules::registry();
        let codes = |rules: Vec<&dyn Rule>| rules.into_iter().map(|r| r.meta().code).collect::<Vec<_>>();
        let expected: Vec<&str> =
            registry.iter().map(|r| r.meta().code).filter(|c| settings.enabled(c, Path::new("a.md"))).collect();
        assert!(expected.len() > 100 && !expected.iter().any(|c| c.starts_with("TY") || *c == "PV002"));
        for path in ["a.md", "b/c.docx"] {
            assert_eq!(codes(settings.enabled_rules(registry, Path::new(path))), expected);
        }
        // Another list than the registry is answered on its own.
        let some = registry.get(..10).unwrap_or_default();
        let expected_some: Vec<&str> =
            expected.iter().copied().filter(|c| some.iter().any(|r| r.meta().code == *c)).collect();
        assert_eq!(codes(settings.enabled_rules(some, Path::new("a.md"))), expected_some);
        // So is a list of the same rules in another order, after the registry's was remembered.
        let mut reversed: Vec<&dyn Rule> = registry.to_vec();
        reversed.reverse();
        let mut expected_reversed = expected.clone();
        expected_reversed.reverse();
        assert_eq!(codes(settings.enabled_rules(&reversed, Path::new("a.md"))), expected_reversed);
    }
}
