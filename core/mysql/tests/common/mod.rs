//! Shared helpers for the case-folder tests: parsing, diffing and planning a case.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flash_diff::{diff, Dialect, DiffOptions};
use flash_mysql::MysqlDialect;
use flash_schema::{Plan, Provider, Schema};
use std::path::{Path, PathBuf};

/// The folder holding the case folders.
pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/cases")
}

/// Every case folder name, sorted.
pub fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Reads a file of a case, if it exists.
pub fn case_file(case: &str, file: &str) -> Option<String> {
    std::fs::read_to_string(cases_dir().join(case).join(file)).ok()
}

/// Parses and normalizes one schema file of a case.
pub fn parse(case: &str, file: &str) -> Schema {
    let text = case_file(case, file).unwrap_or_else(|| panic!("{case}/{file} is missing"));
    let parsed = flash_sql::parse_schema(
        &[flash_sql::SourceFile {
            path: format!("{case}/{file}"),
            text,
        }],
        Provider::Mysql,
    )
    .unwrap_or_else(|e| panic!("{case}/{file} does not parse: {e:?}"));
    let mut schema = parsed.schema;
    MysqlDialect.normalize(&mut schema);
    schema
}

/// The Up and Down plans of a case.
pub struct CasePlans {
    pub from: Schema,
    pub to: Schema,
    pub up: Plan,
    pub down: Plan,
    pub rename_candidates: Vec<String>,
}

pub fn plans(case: &str) -> CasePlans {
    let from = parse(case, "from.sql");
    let to = parse(case, "to.sql");
    let d = MysqlDialect;
    let up_diff = diff(&from, &to, &d, &DiffOptions::default());
    let up = d
        .plan(&up_diff.changes, &from, &to)
        .unwrap_or_else(|e| panic!("{case}: up plan failed: {e}"));
    let down_opts = DiffOptions {
        renames: up_diff.reverse_renames(),
    };
    let down_diff = diff(&to, &from, &d, &down_opts);
    let down = d
        .plan(&down_diff.changes, &to, &from)
        .unwrap_or_else(|e| panic!("{case}: down plan failed: {e}"));
    CasePlans {
        from,
        to,
        up,
        down,
        rename_candidates: up_diff.rename_candidates.iter().map(|c| c.flag()).collect(),
    }
}

/// A plan creating `schema` from nothing.
pub fn create_plan(schema: &Schema) -> Plan {
    let d = MysqlDialect;
    let empty = Schema::default();
    let changes = diff(&empty, schema, &d, &DiffOptions::default()).changes;
    d.plan(&changes, &empty, schema).unwrap()
}

/// Renders a plan for a snapshot: statements ending in `;`, then why any is destructive.
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    if plan.is_empty() {
        out.push_str("-- (nothing)\n");
    }
    for s in &plan.statements {
        out.push_str(s.sql.trim_end());
        out.push_str(";\n");
        if let Some(why) = &s.destructive {
            out.push_str(&format!("-- ^ destructive: {why}\n"));
        }
    }
    out
}

/// Statements of a plan as text.
pub fn statements(plan: &Plan) -> Vec<String> {
    plan.statements.iter().map(|s| s.sql.clone()).collect()
}
