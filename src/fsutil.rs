//! Writing files without ever leaving a half-written one: a temporary file in the same
//! directory, flushed, then renamed over the target.
//!
//! The temporary file has a name of its own, `.NAME.normlint.tmp` (`.NAME.normlint-fix.tmp` for
//! `--fix`), so that one left by a killed run is recognisable and the next write of NAME
//! removes it. It is created as any new file is, so it (and a new target) follows the umask; a
//! file being replaced keeps its permissions.

use std::io::Write;
use std::path::{Path, PathBuf};

/// What a temporary file is for; it names the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Reports (`-o`) and baselines.
    Output,
    /// A document rewritten by `--fix`.
    Fix,
}

impl Purpose {
    fn tag(self) -> &'static str {
        match self {
            Purpose::Output => "normlint",
            Purpose::Fix => "normlint-fix",
        }
    }
}

/// The temporary file a write of `path` goes through: `.NAME.normlint.tmp` beside it.
pub fn temp_path(path: &Path, purpose: Purpose) -> PathBuf {
    let name = path.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy());
    directory_of(path).join(format!(".{name}.{}.tmp", purpose.tag()))
}

fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Removes the temporary file a killed write of `path` left behind; true when there was one.
pub fn remove_stale_temp(path: &Path, purpose: Purpose) -> bool {
    let temp = temp_path(path, purpose);
    // Only a plain file of our name is ours to remove.
    std::fs::symlink_metadata(&temp).is_ok_and(|m| m.is_file()) && std::fs::remove_file(&temp).is_ok()
}

/// Writes a report or a baseline.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_through_temp(path, bytes, Purpose::Output)
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`. A symbolic
/// link is written through: its target gets the new content and the link stays a link.
pub fn write_through_temp(path: &Path, bytes: &[u8], purpose: Purpose) -> std::io::Result<()> {
    let resolved;
    let path = if path.is_symlink() {
        resolved = std::fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let temp = temp_path(path, purpose);
    remove_stale_temp(path, purpose);
    let result = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Why `--fix` may not rewrite a file, if it may not: it is read-only (no write permission for
/// anyone — root included, which the system would let through), or not writable by this user.
/// A rename would replace either, so this is asked before writing.
pub fn refuses_writing(path: &Path) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return Some(e.to_string()),
    };
    if meta.permissions().readonly() {
        return Some("the file is read-only".to_owned());
    }
    // Opening for writing without truncating changes nothing, and asks the system whether
    // this user may write the file.
    match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => None,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Some("no permission to write the file".to_owned())
        }
        Err(e) => Some(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognisable() {
        assert_eq!(temp_path(Path::new("a/b.md"), Purpose::Fix), Path::new("a/.b.md.normlint-fix.tmp"));
        assert_eq!(temp_path(Path::new("report.json"), Purpose::Output), Path::new("./.report.json.normlint.tmp"));
    }
}
