//! Tables of an export from one kind of database made for another: every column type mapped
//! to the target's native type for the same kind of value (`TypeKind`), so the values of the
//! export go in unchanged. What has no counterpart is left out and said so in the docs:
//! expression defaults other than the current time, CHECK constraints, generated columns'
//! expressions (the column stays, holding the exported values), expression and partial
//! indexes, collations and MySQL's ON UPDATE. A type with no counterpart is an error that
//! names the column.

use flash_schema::{ColumnType, Enum, IdentityKind, Provider, Schema, Table, TypeKind};

/// The retyped tables (same order) and the enum types they need (PostgreSQL).
#[derive(Debug)]
pub struct Retyped {
    pub tables: Vec<Table>,
    pub enums: Vec<Enum>,
}

/// `tables` of a `from` database (whose whole schema is `exported`) made for a `to` database.
pub fn retype(
    tables: &[Table],
    exported: &Schema,
    from: Provider,
    to: Provider,
) -> Result<Retyped, String> {
    let mut out = Retyped {
        tables: Vec::new(),
        enums: Vec::new(),
    };
    for t in tables {
        let mut n = t.clone();
        if to != Provider::Postgresql {
            n.schema = None;
            for fk in &mut n.foreign_keys {
                fk.ref_schema = None;
            }
        }
        n.checks.clear();
        n.options = Default::default();
        n.indexes.retain(|i| {
            i.predicate.is_none()
                && i.parts
                    .iter()
                    .all(|p| p.column.is_some() && p.expr.is_none())
        });
        for i in &mut n.indexes {
            i.method = None;
            i.include.clear();
            i.kind = None;
            for p in &mut i.parts {
                p.opclass = None;
                if to != Provider::Mysql {
                    p.length = None;
                }
            }
        }
        let keyed: Vec<String> = key_columns(&n);
        for c in &mut n.columns {
            let at = || format!("table {}, column {}", t.display_name(), c.name);
            let kind = match &c.ty.kind {
                // A PostgreSQL enum column names its type; its values are in the schema.
                TypeKind::Enum {
                    name: Some(name),
                    values,
                } if values.is_empty() => {
                    let values = exported
                        .enums
                        .iter()
                        .find(|e| {
                            e.name == *name || e.name == name.rsplit('.').next().unwrap_or(name)
                        })
                        .map(|e| e.values.clone())
                        .unwrap_or_default();
                    TypeKind::Enum {
                        name: Some(name.clone()),
                        values,
                    }
                }
                other => other.clone(),
            };
            let raw = native(&kind, to, keyed.contains(&c.name)).ok_or_else(|| {
                format!(
                    "{}: {} has no {to} type for a {} column; create the table yourself (a migration), then import with --data-only",
                    at(),
                    from,
                    kind.describe()
                )
            })?;
            let raw = match (&kind, to) {
                (TypeKind::Enum { values, .. }, Provider::Postgresql) if !values.is_empty() => {
                    let name = format!("{}_{}", t.name, c.name);
                    if !out.enums.iter().any(|e| e.name == name) {
                        out.enums.push(Enum {
                            id: Default::default(),
                            schema: None,
                            name: name.clone(),
                            values: values.clone(),
                            renamed_from: None,
                            location: None,
                        });
                    }
                    Provider::Postgresql.quote_ident(&name)
                }
                _ => raw,
            };
            let kind = match (kind, to) {
                (TypeKind::Enum { values, .. }, Provider::Postgresql) if !values.is_empty() => {
                    TypeKind::Enum {
                        name: Some(format!("{}_{}", t.name, c.name)),
                        values,
                    }
                }
                (k, _) => k,
            };
            c.ty = ColumnType::new(raw, kind);
            c.collation = None;
            c.generated = None;
            if to != Provider::Mysql {
                c.on_update = None;
            }
            c.default = c
                .default
                .take()
                .and_then(|d| portable_default(&d))
                .map(|d| {
                    match (
                        &c.ty.kind,
                        d.trim_matches('\'').to_ascii_lowercase().as_str(),
                    ) {
                        // Booleans are 1/0 on MySQL and SQLite; TRUE/FALSE reads on all three.
                        (TypeKind::Bool, "1" | "true" | "t") => "TRUE".to_string(),
                        (TypeKind::Bool, "0" | "false" | "f") => "FALSE".to_string(),
                        _ => d,
                    }
                });
            if let Some(id) = &mut c.identity {
                id.options = None;
                id.kind = match to {
                    Provider::Postgresql => IdentityKind::ByDefault,
                    _ => IdentityKind::AutoIncrement,
                };
            }
            if to != Provider::Mysql {
                c.comment = c.comment.take().filter(|_| to == Provider::Postgresql);
            }
        }
        out.tables.push(n);
    }
    Ok(out)
}

/// Columns of the primary key, uniques, indexes and foreign keys: MySQL cannot index an
/// unbounded text, so those get a bounded one.
fn key_columns(t: &Table) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(pk) = &t.primary_key {
        out.extend(pk.columns.iter().cloned());
    }
    for u in &t.uniques {
        out.extend(u.columns.iter().cloned());
    }
    for i in &t.indexes {
        out.extend(i.parts.iter().filter_map(|p| p.column.clone()));
    }
    for fk in &t.foreign_keys {
        out.extend(fk.columns.iter().cloned());
    }
    out
}

/// The native type of `to` for values of `kind`; None when it has none.
pub fn native(kind: &TypeKind, to: Provider, keyed: bool) -> Option<String> {
    use Provider::*;
    Some(match (kind, to) {
        (TypeKind::Bool, Postgresql) => "boolean".into(),
        (TypeKind::Bool, Mysql) => "tinyint(1)".into(),
        (TypeKind::Bool, _) => "boolean".into(),
        (TypeKind::Int { bits, unsigned }, Postgresql) => match (bits, unsigned) {
            (0..=16, false) | (0..=8, true) => "smallint",
            (17..=32, false) | (9..=24, true) => "integer",
            (_, false) | (25..=32, true) => "bigint",
            (_, true) => "numeric(20,0)",
        }
        .into(),
        (TypeKind::Int { bits, unsigned }, Mysql) => format!(
            "{}{}",
            match bits {
                0..=8 => "tinyint",
                9..=16 => "smallint",
                17..=24 => "mediumint",
                25..=32 => "int",
                _ => "bigint",
            },
            if *unsigned { " unsigned" } else { "" }
        ),
        (TypeKind::Int { .. }, _) => "integer".into(),
        (TypeKind::Float { bits }, Postgresql) => if *bits <= 32 {
            "real"
        } else {
            "double precision"
        }
        .into(),
        (TypeKind::Float { bits }, Mysql) => if *bits <= 32 { "float" } else { "double" }.into(),
        (TypeKind::Float { .. }, _) => "real".into(),
        (TypeKind::Decimal { precision, scale }, _) => match (precision, scale, to) {
            (Some(p), Some(s), _) => format!("decimal({p},{s})"),
            (Some(p), None, _) => format!("decimal({p})"),
            // MySQL has no unbounded decimal: its widest.
            (None, _, Mysql) => "decimal(65,30)".into(),
            (None, _, _) => "numeric".into(),
        },
        (TypeKind::String { len, fixed }, _) => match (len, fixed, to) {
            (Some(n), true, _) => format!("char({n})"),
            (Some(n), false, _) => format!("varchar({n})"),
            (None, _, Mysql) if keyed => "varchar(768)".into(),
            (None, _, Mysql) => "longtext".into(),
            (None, _, _) => "text".into(),
        },
        (TypeKind::Bytes { len, fixed }, _) => match (len, fixed, to) {
            (_, _, Postgresql) => "bytea".into(),
            (Some(n), true, Mysql) => format!("binary({n})"),
            (Some(n), false, Mysql) => format!("varbinary({n})"),
            (None, _, Mysql) if keyed => "varbinary(3072)".into(),
            (None, _, Mysql) => "longblob".into(),
            _ => "blob".into(),
        },
        (TypeKind::Date, _) => "date".into(),
        (TypeKind::Time { tz }, Postgresql) => if *tz { "timetz" } else { "time" }.into(),
        (TypeKind::Time { .. }, Mysql) => "time(6)".into(),
        (TypeKind::Time { .. }, _) => "time".into(),
        (TypeKind::Timestamp { tz }, Postgresql) => {
            if *tz { "timestamptz" } else { "timestamp" }.into()
        }
        // Exported in UTC; MySQL's DATETIME keeps the time as given.
        (TypeKind::Timestamp { .. }, Mysql) => "datetime(6)".into(),
        (TypeKind::Timestamp { .. }, _) => "datetime".into(),
        (TypeKind::Interval, Postgresql) => "interval".into(),
        (TypeKind::Interval, Mysql) => "varchar(64)".into(),
        (TypeKind::Interval, _) => "text".into(),
        (TypeKind::Uuid, Postgresql) => "uuid".into(),
        (TypeKind::Uuid, Mysql) => "char(36)".into(),
        (TypeKind::Uuid, _) => "text".into(),
        (TypeKind::Json { binary }, Postgresql) => if *binary { "jsonb" } else { "json" }.into(),
        (TypeKind::Json { .. }, Mysql) => "json".into(),
        (TypeKind::Json { .. }, _) => "json".into(),
        (TypeKind::Enum { values, .. }, Mysql) if !values.is_empty() => format!(
            "enum({})",
            values
                .iter()
                .map(|v| format!("'{}'", v.replace('\'', "''")))
                .collect::<Vec<_>>()
                .join(",")
        ),
        (TypeKind::Enum { values, .. }, Postgresql) if !values.is_empty() => "text".into(),
        (TypeKind::Enum { .. }, Mysql) => "varchar(255)".into(),
        (TypeKind::Set { values }, Mysql) => format!(
            "set({})",
            values
                .iter()
                .map(|v| format!("'{}'", v.replace('\'', "''")))
                .collect::<Vec<_>>()
                .join(",")
        ),
        (TypeKind::Enum { .. } | TypeKind::Set { .. }, _) => "text".into(),
        // Arrays are exported as JSON arrays.
        (TypeKind::Array { element }, Postgresql) => format!("{}[]", native(element, to, false)?),
        (TypeKind::Array { .. }, Mysql) => "json".into(),
        (TypeKind::Array { .. }, _) => "text".into(),
        (TypeKind::Other { .. }, _) => return None,
    })
}

/// A default that means the same on every database: a number, a string, a boolean, NULL or
/// the current time.
fn portable_default(d: &str) -> Option<String> {
    let t = d.trim();
    let lower = t.to_ascii_lowercase();
    // MySQL writes `(now())` for an expression default.
    let unwrapped = match lower.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        Some(inner) => inner,
        None => lower.as_str(),
    };
    if matches!(
        unwrapped,
        "now()" | "current_timestamp" | "current_timestamp()" | "localtimestamp"
    ) {
        return Some("CURRENT_TIMESTAMP".into());
    }
    if matches!(lower.as_str(), "true" | "false" | "null") || t.parse::<f64>().is_ok() {
        return Some(t.to_string());
    }
    // `'text'` possibly with a PostgreSQL cast (`'a'::character varying`).
    let body = t.split("::").next().unwrap_or(t);
    if body.len() >= 2 && body.starts_with('\'') && body.ends_with('\'') {
        return Some(body.to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_map_to_each_database() {
        let k = TypeKind::Int {
            bits: 64,
            unsigned: true,
        };
        assert_eq!(
            native(&k, Provider::Postgresql, false).as_deref(),
            Some("numeric(20,0)")
        );
        assert_eq!(
            native(&k, Provider::Mysql, false).as_deref(),
            Some("bigint unsigned")
        );
        let s = TypeKind::String {
            len: None,
            fixed: false,
        };
        assert_eq!(
            native(&s, Provider::Mysql, true).as_deref(),
            Some("varchar(768)")
        );
        assert_eq!(
            native(&s, Provider::Mysql, false).as_deref(),
            Some("longtext")
        );
        let a = TypeKind::Array {
            element: Box::new(TypeKind::Int {
                bits: 32,
                unsigned: false,
            }),
        };
        assert_eq!(
            native(&a, Provider::Postgresql, false).as_deref(),
            Some("integer[]")
        );
        assert_eq!(native(&a, Provider::Mysql, false).as_deref(), Some("json"));
        assert_eq!(
            native(
                &TypeKind::Other {
                    name: "point".into()
                },
                Provider::Sqlite,
                false
            ),
            None
        );
    }

    #[test]
    fn only_portable_defaults_are_kept() {
        assert_eq!(
            portable_default("now()").as_deref(),
            Some("CURRENT_TIMESTAMP")
        );
        assert_eq!(
            portable_default("'a'::character varying").as_deref(),
            Some("'a'")
        );
        assert_eq!(portable_default("0").as_deref(), Some("0"));
        assert_eq!(portable_default("gen_random_uuid()"), None);
        assert_eq!(portable_default("nextval('t_id_seq'::regclass)"), None);
    }
}
