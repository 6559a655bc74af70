//! The standard-system catalogue (标准体系表) a set can be checked against: the documents a
//! body plans or maintains, with their designation, title and status. CSV (`designation,title,
//! status`, header optional) or TOML (`[[standard]]` tables with the same keys).

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CatalogueEntry {
    pub designation: String,
    #[serde(default)]
    pub title: String,
    /// 现行 / 制定中 / 废止 … (free text; `废止` and `withdrawn` mean "not expected in the set").
    #[serde(default)]
    pub status: String,
    /// 1-based line of the entry in the catalogue file.
    #[serde(skip)]
    pub line: usize,
}

impl CatalogueEntry {
    pub fn withdrawn(&self) -> bool {
        let s = self.status.to_lowercase();
        s.contains("废止") || s.contains("withdrawn") || s.contains("作废")
    }
}

#[derive(Debug, Clone)]
pub struct Catalogue {
    pub path: PathBuf,
    pub entries: Vec<CatalogueEntry>,
}

#[derive(Deserialize)]
struct TomlCatalogue {
    #[serde(default)]
    standard: Vec<CatalogueEntry>,
}

impl Catalogue {
    pub fn load(path: &Path) -> Result<Catalogue, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read catalogue {}: {e}", path.display()))?;
        let text = crate::source::decode(&bytes)
            .map_err(|_| format!("catalogue {} is not UTF-8, UTF-16 or GB18030 text", path.display()))?
            .text;
        let entries = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml")) {
            parse_toml(&text).map_err(|e| format!("catalogue {}: {e}", path.display()))?
        } else {
            parse_csv(&text)
        };
        Ok(Catalogue { path: path.to_path_buf(), entries })
    }
}

fn parse_toml(text: &str) -> Result<Vec<CatalogueEntry>, String> {
    let parsed: TomlCatalogue = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut entries = parsed.standard;
    // Line numbers: where each designation is written.
    let mut from = 0;
    for entry in &mut entries {
        if let Some(i) = text.get(from..).and_then(|rest| rest.find(&entry.designation)) {
            entry.line = text.get(..from + i).map_or(1, |s| s.lines().count().max(1));
            from += i + entry.designation.len();
        }
    }
    Ok(entries)
}

/// CSV with optional quotes (`"a, b"`), a header row recognised by its words, and `#` comments.
pub fn parse_csv(text: &str) -> Vec<CatalogueEntry> {
    let mut entries = Vec::new();
    let mut columns = (0usize, 1usize, 2usize);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields = split_csv_line(line);
        let lower: Vec<String> = fields.iter().map(|f| f.to_lowercase()).collect();
        let find = |names: &[&str]| lower.iter().position(|f| names.iter().any(|n| f.contains(n)));
        if let Some(d) = find(&["designation", "编号", "标准号"]) {
            columns = (d, find(&["title", "名称"]).unwrap_or(1), find(&["status", "状态"]).unwrap_or(2));
            continue;
        }
        let get = |k: usize| fields.get(k).cloned().unwrap_or_default();
        let designation = get(columns.0);
        if designation.is_empty() {
            continue;
        }
        entries.push(CatalogueEntry { designation, title: get(columns.1), status: get(columns.2), line: i + 1 });
    }
    entries
}

fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' | '，' if !quoted => fields.push(std::mem::take(&mut field).trim().to_owned()),
            _ => field.push(c),
        }
    }
    fields.push(field.trim().to_owned());
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_header_quotes_and_comments() {
        let entries = parse_csv(
            "# 福田区标准体系\n标准号,标准名称,状态\nDB4403/T 512—2025,\"社区居家养老服务规范\",现行\n\nDB4403/T 520—2025,居家养老上门服务规范,制定中\n",
        );
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].designation, "DB4403/T 512—2025");
        assert_eq!(entries[0].line, 3);
        assert_eq!(entries[1].status, "制定中");
    }

    #[test]
    fn toml_tables() {
        let entries =
            parse_toml("[[standard]]\ndesignation = \"DB44/T 2631—2025\"\ntitle = \"劳动人事争议调解服务规范\"\nstatus = \"废止\"\n")
                .unwrap_or_default();
        assert_eq!(entries.len(), 1);
        assert!(entries[0].withdrawn());
        assert_eq!(entries[0].line, 2);
    }
}
