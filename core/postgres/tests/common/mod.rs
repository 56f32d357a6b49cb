//! Shared helpers of the integration tests: case folders, parsing, planning.

#![allow(dead_code)]

use flash_diff::{diff, Dialect, DiffOptions};
use flash_postgres::PostgresDialect;
use flash_schema::{Plan, Provider, Schema};
use std::path::{Path, PathBuf};

/// `testdata/cases/<case>` folders, sorted.
pub fn case_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

pub fn case_name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().to_string()
}

/// A file of the case, if it exists.
pub fn read(dir: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(dir.join(file)).ok()
}

/// Parses one schema file with flash-sql and normalizes it for PostgreSQL.
pub fn parse(path: &str, text: &str) -> Schema {
    let parsed = flash_sql::parse_schema(
        &[flash_sql::SourceFile {
            path: path.to_string(),
            text: text.to_string(),
        }],
        Provider::Postgresql,
    )
    .unwrap_or_else(|e| panic!("{path}: {e:?}"));
    let mut schema = parsed.schema;
    PostgresDialect.normalize(&mut schema);
    schema
}

/// The parsed `from.sql` and `to.sql` of a case.
pub fn schemas(dir: &Path) -> (Schema, Schema) {
    let name = case_name(dir);
    let from = parse(
        &format!("{name}/from.sql"),
        &read(dir, "from.sql").unwrap_or_default(),
    );
    let to = parse(
        &format!("{name}/to.sql"),
        &read(dir, "to.sql").unwrap_or_default(),
    );
    (from, to)
}

/// Plans `from → to`, and the way back (with the renames turned around).
pub fn plans(from: &Schema, to: &Schema) -> (Plan, Plan) {
    let d = PostgresDialect;
    let up = diff(from, to, &d, &DiffOptions::default());
    assert!(
        up.rename_candidates.is_empty(),
        "undeclared rename candidates: {:?}",
        up.rename_candidates
    );
    let up_plan = d.plan(&up.changes, from, to).unwrap();
    let down = diff(
        to,
        from,
        &d,
        &DiffOptions {
            renames: up.reverse_renames(),
        },
    );
    let down_plan = d.plan(&down.changes, to, from).unwrap();
    (up_plan, down_plan)
}

/// The plan for creating `schema` from nothing.
pub fn create_plan(schema: &Schema) -> Plan {
    let d = PostgresDialect;
    let empty = Schema::default();
    let r = diff(&empty, schema, &d, &DiffOptions::default());
    d.plan(&r.changes, &empty, schema).unwrap()
}

/// A readable rendering of a plan: statements with `;`, destructive reasons and warnings.
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    for s in &plan.statements {
        if let Some(why) = &s.destructive {
            out.push_str(&format!("-- DESTRUCTIVE: {why}\n"));
        }
        out.push_str(s.sql.trim_end());
        out.push_str(";\n");
    }
    for w in &plan.warnings {
        out.push_str(&format!("-- WARNING: {w}\n"));
    }
    if out.is_empty() {
        out.push_str("-- (nothing)\n");
    }
    out
}

/// `schema` without raw objects: inspection does not read functions and triggers back.
pub fn without_raw(schema: &Schema) -> Schema {
    let mut s = schema.clone();
    s.raw.clear();
    s
}
