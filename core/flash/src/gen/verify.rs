//! `flash gen --verify`: the live database prepares every query and says what it returns;
//! each answer is compared with the static analysis.
//!
//! Errors: the database cannot prepare the query, returns another number of columns, or a
//! different kind of type (a number where flash says text), or (PostgreSQL, which describes
//! table columns from the catalog) a table column the schema files declare NOT NULL is
//! nullable in the database (drift). Nullability is otherwise only
//! noted: databases describe it conservatively (MySQL calls most derived values nullable,
//! PostgreSQL knows table columns only and misses outer joins, SQLite's is the driver's guess),
//! so their "may be NULL" against flash's proof is a note, and so is MySQL's "never NULL"
//! against flash's "nullable" (the code is right, only less precise).

use crate::error::Error;
use crate::target::Target;
use flash_schema::{Provider, Schema, TypeKind};
use flash_sql::analyze::AnalyzedQuery;
use flash_sql::{rewrite, Placeholders};
use serde::Serialize;

/// How bad a disagreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The generated code would be wrong for some data.
    Error,
    /// The generated code is right but could be more precise.
    Note,
}

/// One disagreement between the analysis and the database.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub query: String,
    /// `file:line` of the query's `-- name:` line.
    pub place: String,
    pub severity: Severity,
    pub message: String,
}

/// The result of `--verify`.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub checked: usize,
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

/// Asks the database of `target` to prepare every analysed query.
pub async fn verify(
    target: &Target,
    schema: &Schema,
    queries: &[AnalyzedQuery],
) -> Result<VerifyReport, Error> {
    let url = target.require_url()?;
    let provider = target.database.provider;
    let mut driver = flash_migrate::connect(provider, url).await?;
    let mut problems = Vec::new();
    for q in queries {
        let place = format!("{}:{}", q.query.file, q.query.line);
        let mut say = |severity, message: String| {
            problems.push(Problem {
                query: q.query.name.clone(),
                place: place.clone(),
                severity,
                message,
            })
        };
        let style = match provider {
            Provider::Postgresql => Placeholders::Dollar,
            _ => Placeholders::Question,
        };
        let sql = match rewrite(&q.query, style) {
            Ok(r) => strip_slice_markers(&r.sql),
            Err(e) => {
                say(Severity::Error, e.to_string());
                continue;
            }
        };
        let described = match driver.describe(&sql).await {
            Ok(d) => d,
            Err(e) => {
                say(
                    Severity::Error,
                    format!("the database cannot prepare it: {}", e.message),
                );
                continue;
            }
        };
        // MariaDB prepares INSERT/DELETE ... RETURNING without describing its columns.
        if described.columns.is_empty() && !q.columns.is_empty() && provider == Provider::Mysql {
            say(
                Severity::Note,
                "the database does not describe the RETURNING columns of a prepared statement"
                    .into(),
            );
            continue;
        }
        if described.columns.len() != q.columns.len() {
            say(
                Severity::Error,
                format!(
                    "the database returns {} columns, flash expects {}",
                    described.columns.len(),
                    q.columns.len()
                ),
            );
            continue;
        }
        for (ours, theirs) in q.columns.iter().zip(&described.columns) {
            let family = db_family(&theirs.type_name, provider);
            if let Some(f) = family {
                if !compatible(&ours.ty, f, provider) {
                    say(
                        Severity::Error,
                        format!(
                            "column `{}`: flash says {}, the database says {}",
                            ours.name,
                            ours.ty.describe(),
                            theirs.type_name
                        ),
                    );
                }
            }
            // The databases describe nullability conservatively (MySQL calls most derived
            // values nullable; PostgreSQL knows table columns only), so "flash says NOT NULL,
            // the database says nullable" proves something only for a PostgreSQL table column
            // the schema files declare NOT NULL: then the database has drifted from the schema.
            let declared_not_null = ours.source.as_ref().is_some_and(|s| {
                schema
                    .tables
                    .iter()
                    .find(|t| t.name == s.table && t.schema == s.schema)
                    .and_then(|t| t.column(&s.column))
                    .is_some_and(|c| !c.nullable)
            });
            match (ours.nullable, theirs.nullable, provider) {
                // Only PostgreSQL's answer comes from the table itself (pg_attribute); MySQL
                // marks columns read through a CTE or a derived table nullable too.
                (false, Some(true), Provider::Postgresql) if declared_not_null => say(
                    Severity::Error,
                    format!(
                        "column `{}`: the schema files say NOT NULL, the database's column allows NULL (apply the pending migrations?)",
                        ours.name
                    ),
                ),
                (false, Some(true), _) => say(
                    Severity::Note,
                    format!(
                        "column `{}`: flash proves it NOT NULL; the database cannot confirm it",
                        ours.name
                    ),
                ),
                // Only MySQL computes nullability for every result column; PostgreSQL's answer
                // comes from the table definition and misses outer joins.
                (true, Some(false), Provider::Mysql) => say(
                    Severity::Note,
                    format!(
                        "column `{}`: MySQL reports it is never NULL; if that holds for all data, say so with `-- flash:column {} not null`",
                        ours.name, ours.name
                    ),
                ),
                _ => {}
            }
        }
    }
    Ok(VerifyReport {
        checked: queries.len(),
        problems,
    })
}

/// `IN (/*SLICE:ids*/?)` prepared with one element.
fn strip_slice_markers(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(i) = rest.find("/*SLICE:") {
        out.push_str(&rest[..i]);
        match rest[i..].find("*/") {
            Some(j) => rest = &rest[i + j + 2..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Broad kinds of values: types of one kind read into the same host types or convert freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Number,
    Text,
    Time,
    Bytes,
    Json,
    Uuid,
    Bool,
    Array,
}

fn db_family(name: &str, provider: Provider) -> Option<Family> {
    let n = name.to_ascii_uppercase();
    if n.ends_with("[]") {
        return Some(Family::Array);
    }
    let base = n.split([' ', '(']).next().unwrap_or("");
    Some(match base {
        "INT2" | "INT4" | "INT8" | "SMALLINT" | "INT" | "INTEGER" | "BIGINT" | "TINYINT"
        | "MEDIUMINT" | "NUMERIC" | "DECIMAL" | "FLOAT4" | "FLOAT8" | "REAL" | "DOUBLE"
        | "FLOAT" | "YEAR" | "OID" => Family::Number,
        "TEXT" | "VARCHAR" | "CHAR" | "BPCHAR" | "NAME" | "ENUM" | "SET" | "TINYTEXT"
        | "MEDIUMTEXT" | "LONGTEXT" | "CITEXT" => Family::Text,
        "DATE" | "TIME" | "TIMETZ" | "TIMESTAMP" | "TIMESTAMPTZ" | "DATETIME" | "INTERVAL" => {
            Family::Time
        }
        "BYTEA" | "BLOB" | "BINARY" | "VARBINARY" | "TINYBLOB" | "MEDIUMBLOB" | "LONGBLOB" => {
            Family::Bytes
        }
        "JSON" | "JSONB" => Family::Json,
        "UUID" => Family::Uuid,
        "BOOL" | "BOOLEAN" => Family::Bool,
        // NULL (SQLite's "no declared type"), user types (PostgreSQL enums), anything else:
        // nothing to compare.
        _ => {
            let _ = provider;
            return None;
        }
    })
}

/// Whether flash's type reads correctly from a database value of family `f`.
fn compatible(ty: &TypeKind, f: Family, provider: Provider) -> bool {
    use TypeKind as K;
    let loose = provider != Provider::Postgresql;
    match (ty, f) {
        (K::Int { .. } | K::Float { .. } | K::Decimal { .. }, Family::Number) => true,
        (K::Bool, Family::Bool) => true,
        // MySQL's BOOL is TINYINT(1); SQLite stores booleans as integers.
        (K::Bool, Family::Number) => loose,
        (K::String { .. } | K::Enum { .. } | K::Set { .. } | K::Other { .. }, Family::Text) => true,
        (K::Date | K::Time { .. } | K::Timestamp { .. } | K::Interval, Family::Time) => true,
        // SQLite and MySQL keep dates, UUIDs and JSON as text.
        (
            K::Date
            | K::Time { .. }
            | K::Timestamp { .. }
            | K::Uuid
            | K::Json { .. }
            | K::Decimal { .. },
            Family::Text,
        ) => loose,
        (K::Bytes { .. }, Family::Bytes) => true,
        (K::Json { .. }, Family::Json) => true,
        (K::Json { .. } | K::String { .. }, Family::Bytes) => loose,
        (K::Uuid, Family::Uuid) => true,
        (K::Array { .. }, Family::Array) => true,
        (K::Other { .. }, _) => true,
        _ => false,
    }
}
