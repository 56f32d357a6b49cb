//! Shared by the case tests: reading a case folder and planning it both ways.

#![allow(dead_code, clippy::unwrap_used)]

use flash_diff::{diff, Dialect, DiffOptions};
use flash_schema::{Plan, Provider, Schema};
use flash_sql::{parse_schema, SourceFile};
use flash_sqlite::SqliteDialect;
use std::path::{Path, PathBuf};

/// Every case folder under `testdata/cases`, sorted.
pub fn case_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("testdata/cases exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("from.sql").exists() && p.join("to.sql").exists())
        .collect();
    dirs.sort();
    dirs
}

pub fn case_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().to_string()
}

/// Reads an optional file of the case.
pub fn optional(dir: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(dir.join(file)).ok()
}

/// Parses SQL text as a schema file and normalizes it the SQLite way.
pub fn parse(path: &str, text: &str) -> Schema {
    let parsed = match parse_schema(&[SourceFile::new(path, text)], Provider::Sqlite) {
        Ok(p) => p,
        Err(e) => panic!("{path} does not parse: {:#?}", e.errors),
    };
    let mut schema = parsed.schema;
    SqliteDialect.normalize(&mut schema);
    schema
}

pub fn parse_file(dir: &Path, file: &str) -> Schema {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    parse(&format!("{}/{file}", case_name(dir)), &text)
}

/// The Up and Down plans of a case.
pub struct CasePlans {
    pub from: Schema,
    pub to: Schema,
    pub up: Plan,
    pub down: Plan,
}

pub fn plan_case(dir: &Path) -> CasePlans {
    let from = parse_file(dir, "from.sql");
    let to = parse_file(dir, "to.sql");
    let d = SqliteDialect;
    let up_diff = diff(&from, &to, &d, &DiffOptions::default());
    assert!(
        up_diff.rename_candidates.is_empty(),
        "{}: undeclared renames: {:?}",
        case_name(dir),
        up_diff.rename_candidates
    );
    let up = d.plan(&up_diff.changes, &from, &to).expect("up plan");
    let down_diff = diff(
        &to,
        &from,
        &d,
        &DiffOptions {
            renames: up_diff.reverse_renames(),
        },
    );
    let down = d.plan(&down_diff.changes, &to, &from).expect("down plan");
    CasePlans { from, to, up, down }
}

/// A plan of everything in `schema` (from an empty database).
pub fn plan_create(schema: &Schema) -> Plan {
    let d = SqliteDialect;
    let changes = diff(&Schema::default(), schema, &d, &DiffOptions::default()).changes;
    d.plan(&changes, &Schema::default(), schema)
        .expect("create plan")
}

/// The plan's statements as text.
pub fn statements(plan: &Plan) -> Vec<String> {
    plan.statements.iter().map(|s| s.sql.clone()).collect()
}

/// A readable rendering of a plan for snapshots.
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    for s in &plan.statements {
        out.push_str(&s.sql);
        out.push_str(";\n");
    }
    if plan.statements.is_empty() {
        out.push_str("(no statements)\n");
    }
    let reasons = plan.destructive_reasons();
    if !reasons.is_empty() {
        out.push_str("\n-- destructive:\n");
        for r in reasons {
            out.push_str(&format!("--   {r}\n"));
        }
    }
    if !plan.warnings.is_empty() {
        out.push_str("\n-- warnings:\n");
        for w in &plan.warnings {
            out.push_str(&format!("--   {w}\n"));
        }
    }
    out
}
