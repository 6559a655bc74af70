//! Per-file settings: the nearest `normlint.toml` (or the one given with `--config`), with the
//! command line's overrides applied, and the profile it names. Resolved once per directory.

use crate::hash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::config::{Config, ConfigError};
use crate::diagnostic::Severity;
use crate::profile::Profile;

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
}

impl FileSettings {
    pub fn enabled(&self, code: &str, path: &Path) -> bool {
        self.config.enabled(code, path)
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
                Arc::new(FileSettings { config: Config::default(), profile: None })
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
    Ok(FileSettings { config, profile })
}
