//! The migration file format shared with the Go Flash ORM:
//! `db/migrations/YYYYMMDDHHMMSS_<name>.sql` with a comment header, `-- +migrate Up`,
//! statements, `-- +migrate Down`, statements. A file without markers is all Up.
//!
//! flash adds two header lines the Go tool ignores as comments: `-- flash:no-transaction`
//! (run without a transaction, for `CREATE INDEX CONCURRENTLY`) and
//! `-- flash:destructive <reason>` (one per step that may lose data).

use crate::checksum::checksum;
use crate::error::MigrateError;
use flash_schema::{Plan, Provider};
use std::path::{Path, PathBuf};

/// One statement of a migration, with the line it starts on in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatement {
    pub sql: String,
    pub line: u32,
}

/// A parsed migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationFile {
    /// The file stem: `20240101120000_create_users`.
    pub id: String,
    /// The part after the timestamp: `create_users`.
    pub name: String,
    pub path: PathBuf,
    pub checksum: String,
    pub up: Vec<MigrationStatement>,
    pub down: Vec<MigrationStatement>,
    /// False when the file says `-- flash:no-transaction`.
    pub transactional: bool,
    /// Reasons from `-- flash:destructive` lines.
    pub destructive: Vec<String>,
    /// True when the file has a `-- +migrate Down` marker.
    pub has_down_marker: bool,
}

const UP_MARKER: &str = "-- +migrate up";
const DOWN_MARKER: &str = "-- +migrate down";
const NO_TX: &str = "-- flash:no-transaction";
const DESTRUCTIVE: &str = "-- flash:destructive";

fn marker(line: &str) -> Option<(&'static str, bool)> {
    let l = line.trim().to_ascii_lowercase();
    // sql-migrate style `-- +migrate Up notransaction` is honoured too.
    for m in [UP_MARKER, DOWN_MARKER] {
        if let Some(rest) = l.strip_prefix(m) {
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                return Some((m, rest.contains("notransaction")));
            }
        }
    }
    None
}

/// Splits a migration id into (timestamp, name).
pub fn migration_id(stem: &str) -> Option<(&str, &str)> {
    let (ts, rest) = stem.split_at_checked(14)?;
    if !ts.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let name = rest.strip_prefix('_').unwrap_or(rest);
    Some((ts, name))
}

/// Turns a human migration name into the file-name form: lower case, words joined by `_`.
pub fn sanitize_name(name: &str) -> String {
    let mut out = String::new();
    let mut sep = false;
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            if sep && !out.is_empty() {
                out.push('_');
            }
            sep = false;
            out.extend(c.to_lowercase());
        } else {
            sep = true;
        }
    }
    if out.is_empty() {
        "migration".to_string()
    } else {
        out
    }
}

impl MigrationFile {
    /// Reads and parses a migration file.
    pub fn load(path: &Path, provider: Provider) -> Result<MigrationFile, MigrateError> {
        let text = std::fs::read_to_string(path).map_err(|source| MigrateError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        MigrationFile::parse(path, &text, provider)
    }

    /// Parses migration text; `path` names the file in errors and gives the id.
    pub fn parse(
        path: &Path,
        text: &str,
        provider: Provider,
    ) -> Result<MigrationFile, MigrateError> {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| MigrateError::BadFileName(path.to_path_buf()))?;
        let (_, name) =
            migration_id(stem).ok_or_else(|| MigrateError::BadFileName(path.to_path_buf()))?;

        // Cut the text into the Up and Down sections, remembering where each starts.
        let mut up = String::new();
        let mut down = String::new();
        let mut up_start = 1u32;
        let mut down_start = 1u32;
        let mut section = 0u8; // 0: before any marker (counts as Up), 1: Up, 2: Down
        let mut has_markers = false;
        let mut has_down = false;
        let mut transactional = true;
        let mut destructive = Vec::new();
        let mut pre = String::new();
        for (i, line) in text.lines().enumerate() {
            let lineno = i as u32 + 1;
            let trimmed = line.trim();
            if trimmed.eq_ignore_ascii_case(NO_TX) {
                transactional = false;
            }
            if trimmed.len() >= DESTRUCTIVE.len()
                && trimmed[..DESTRUCTIVE.len()].eq_ignore_ascii_case(DESTRUCTIVE)
            {
                let reason = trimmed[DESTRUCTIVE.len()..]
                    .trim()
                    .trim_start_matches(':')
                    .trim();
                destructive.push(reason.to_string());
            }
            if let Some((m, no_tx)) = marker(line) {
                has_markers = true;
                if no_tx {
                    transactional = false;
                }
                if m == UP_MARKER {
                    section = 1;
                    up_start = lineno + 1;
                    up.clear();
                } else {
                    section = 2;
                    has_down = true;
                    down_start = lineno + 1;
                }
                continue;
            }
            let target = match section {
                0 => &mut pre,
                1 => &mut up,
                _ => &mut down,
            };
            target.push_str(line);
            target.push('\n');
        }
        if !has_markers {
            up = pre;
            up_start = 1;
        }
        let split = |sql: &str, start: u32| -> Result<Vec<MigrationStatement>, MigrateError> {
            let stmts = flash_sql::split_statements(sql, provider).map_err(|e| {
                MigrateError::MigrationSyntax {
                    path: path.to_path_buf(),
                    line: e.line + start - 1,
                    column: e.column,
                    message: e.message.clone(),
                }
            })?;
            Ok(stmts
                .into_iter()
                .map(|s| MigrationStatement {
                    sql: s.sql,
                    line: s.line + start - 1,
                })
                .collect())
        };
        Ok(MigrationFile {
            id: stem.to_string(),
            name: name.to_string(),
            path: path.to_path_buf(),
            checksum: checksum(text),
            up: split(&up, up_start)?,
            down: split(&down, down_start)?,
            transactional,
            destructive,
            has_down_marker: has_down,
        })
    }
}

/// Renders a generated migration.
pub fn render(name: &str, created: &str, up: &Plan, down: &Plan, changes: &[String]) -> String {
    let mut out = String::new();
    out.push_str(&format!("-- Migration: {name}\n-- Created at: {created}\n"));
    if !changes.is_empty() {
        out.push_str("--\n-- Changes:\n");
        for c in changes {
            out.push_str(&format!("--   {c}\n"));
        }
    }
    let mut reasons: Vec<String> = up.destructive_reasons();
    reasons.dedup();
    for r in &reasons {
        out.push_str(&format!("{DESTRUCTIVE} {r}\n"));
    }
    if up.statements.iter().any(|s| s.no_transaction) {
        out.push_str(NO_TX);
        out.push('\n');
    }
    for w in &up.warnings {
        out.push_str(&format!("-- warning: {w}\n"));
    }
    out.push_str("\n-- +migrate Up\n");
    out.push_str(&up.to_sql());
    out.push_str("\n-- +migrate Down\n");
    out.push_str(&down.to_sql());
    out
}

/// The template `flash migrate --empty` writes.
pub fn render_empty(name: &str, created: &str) -> String {
    format!(
        "-- Migration: {name}\n-- Created at: {created}\n\n-- +migrate Up\n-- Write the statements that apply this migration here.\n\n-- +migrate Down\n-- Write the statements that undo it here.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> MigrationFile {
        MigrationFile::parse(
            Path::new("db/migrations/20240101120000_init.sql"),
            text,
            Provider::Sqlite,
        )
        .unwrap()
    }

    #[test]
    fn sections_statements_and_lines() {
        let m = parse("-- Migration: init\n\n-- +migrate Up\nCREATE TABLE a (id int);\n\nCREATE TABLE b (id int);\n-- +migrate Down\nDROP TABLE b;\nDROP TABLE a;\n");
        assert_eq!(m.id, "20240101120000_init");
        assert_eq!(m.name, "init");
        assert_eq!(m.up.len(), 2);
        assert_eq!(m.up[0].line, 4);
        assert_eq!(m.up[1].line, 6);
        assert_eq!(m.down.len(), 2);
        assert_eq!(m.down[0].line, 8);
        assert!(m.transactional);
        assert!(m.has_down_marker);
    }

    #[test]
    fn file_without_markers_is_all_up() {
        let m = parse("CREATE TABLE a (id int);\n");
        assert_eq!(m.up.len(), 1);
        assert!(m.down.is_empty());
        assert!(!m.has_down_marker);
    }

    #[test]
    fn flags_in_header() {
        let m = parse("-- flash:no-transaction\n-- flash:destructive drops table a\n-- +migrate Up\nDROP TABLE a;\n");
        assert!(!m.transactional);
        assert_eq!(m.destructive, vec!["drops table a".to_string()]);
    }

    #[test]
    fn names() {
        assert_eq!(sanitize_name("Create Users table!"), "create_users_table");
        assert_eq!(
            migration_id("20240101120000_create_users"),
            Some(("20240101120000", "create_users"))
        );
        assert_eq!(migration_id("2024_x"), None);
    }
}
