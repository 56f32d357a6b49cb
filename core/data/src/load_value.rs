//! One exported value made ready for a database: the JSON text of a JSON export, the field of
//! a CSV export or the stored value of a SQLite export becomes the [`Cell`] that the target
//! database reads back as the same value in a column of the given type. The inverse of
//! `value.rs`.

use base64::Engine;
use flash_schema::{Cell, Column, Provider, TypeKind};

/// A value as an export holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Exported<'a> {
    /// The JSON text of a value of a JSON export.
    Json(&'a str),
    /// A CSV field; None is NULL (an empty unquoted field).
    Csv(Option<String>),
    /// A value read from a SQLite export.
    Stored(Cell),
}

/// The cell that puts `value` into column `c` of a `provider` database.
pub fn load_cell(value: Exported<'_>, c: &Column, provider: Provider) -> Result<Cell, String> {
    let kind = &c.ty.kind;
    match value {
        Exported::Json(raw) => json_cell(raw.trim(), kind, provider),
        Exported::Csv(None) => Ok(Cell::Null),
        Exported::Csv(Some(s)) => match kind {
            TypeKind::Bytes { .. } => unhex(&s).map(Cell::Bytes),
            _ => Ok(text_cell(s, kind, provider)),
        },
        Exported::Stored(Cell::Text(s)) => Ok(text_cell(s, kind, provider)),
        Exported::Stored(Cell::Int(n))
            if *kind == TypeKind::Bool && provider == Provider::Postgresql =>
        {
            Ok(Cell::Text(if n == 0 { "false" } else { "true" }.into()))
        }
        Exported::Stored(cell) => Ok(cell),
    }
}

fn json_cell(raw: &str, kind: &TypeKind, provider: Provider) -> Result<Cell, String> {
    // A JSON column holds the JSON itself, strings included (`"a"` is a JSON string value).
    if matches!(kind, TypeKind::Json { .. }) && raw != "null" {
        return Ok(Cell::Text(raw.to_string()));
    }
    Ok(match raw.as_bytes().first() {
        Some(b'n') if raw == "null" => Cell::Null,
        Some(b't') if raw == "true" => bool_cell(true, provider),
        Some(b'f') if raw == "false" => bool_cell(false, provider),
        Some(b'"') => {
            let s: String = serde_json::from_str(raw).map_err(|e| e.to_string())?;
            match kind {
                TypeKind::Bytes { .. } => Cell::Bytes(
                    base64::engine::general_purpose::STANDARD
                        .decode(&s)
                        .map_err(|e| format!("not base64: {e}"))?,
                ),
                _ => text_cell(s, kind, provider),
            }
        }
        Some(b'[') | Some(b'{') => text_cell(raw.to_string(), kind, provider),
        // A number: its exact text, as a number where the database stores numbers.
        _ => match raw.parse::<i64>() {
            Ok(n) => Cell::Int(n),
            Err(_) => match (provider, raw.parse::<f64>()) {
                (Provider::Sqlite, Ok(f))
                    if f.is_finite() && !matches!(kind, TypeKind::Decimal { .. }) =>
                {
                    Cell::Real(f)
                }
                _ => Cell::Text(raw.to_string()),
            },
        },
    })
}

/// Text for column type `kind`: booleans in the database's spelling, PostgreSQL arrays from
/// their JSON form, numbers as numbers on SQLite (whose columns keep what they are given).
fn text_cell(s: String, kind: &TypeKind, provider: Provider) -> Cell {
    match (kind, provider) {
        (TypeKind::Bool, _) => match s.as_str() {
            "true" | "t" | "TRUE" | "1" => bool_cell(true, provider),
            "false" | "f" | "FALSE" | "0" => bool_cell(false, provider),
            _ => Cell::Text(s),
        },
        (TypeKind::Array { .. }, Provider::Postgresql) if s.trim_start().starts_with('[') => {
            match serde_json::from_str::<serde_json::Value>(&s) {
                Ok(v) => Cell::Text(pg_array(&v)),
                Err(_) => Cell::Text(s),
            }
        }
        // Exported in UTC; MySQL's DATETIME takes no offset (MariaDB none at all).
        (TypeKind::Timestamp { .. } | TypeKind::Time { .. }, Provider::Mysql) => {
            match ["+00:00", "+00", "Z"].iter().find(|z| s.ends_with(*z)) {
                Some(z) => Cell::Text(s[..s.len() - z.len()].to_string()),
                None => Cell::Text(s),
            }
        }
        (TypeKind::Int { .. }, Provider::Sqlite) => {
            s.parse::<i64>().map_or_else(|_| Cell::Text(s), Cell::Int)
        }
        (TypeKind::Float { .. }, Provider::Sqlite) => match s.parse::<f64>() {
            Ok(f) if f.is_finite() => Cell::Real(f),
            _ => Cell::Text(s),
        },
        _ => Cell::Text(s),
    }
}

fn bool_cell(b: bool, provider: Provider) -> Cell {
    match provider {
        Provider::Postgresql => Cell::Text(if b { "true" } else { "false" }.into()),
        _ => Cell::Int(i64::from(b)),
    }
}

/// `\x0aff` (a CSV export's bytes) → bytes.
fn unhex(s: &str) -> Result<Vec<u8>, String> {
    let digits = s
        .strip_prefix("\\x")
        .ok_or_else(|| format!("`{}` is not bytes in \\x hex form", preview(s)))?;
    hex::decode(digits).map_err(|e| format!("`{}` is not hex: {e}", preview(s)))
}

fn preview(s: &str) -> String {
    s.chars().take(24).collect()
}

/// A JSON array as PostgreSQL array input text: `[1,[2,null]]` → `{1,{2,NULL}}`, strings
/// quoted with `"` and `\` escaped, objects (json[] elements) as their JSON text.
pub fn pg_array(v: &serde_json::Value) -> String {
    let mut out = String::new();
    element(&mut out, v);
    out
}

fn element(out: &mut String, v: &serde_json::Value) {
    match v {
        serde_json::Value::Array(items) => {
            out.push('{');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                match item {
                    serde_json::Value::Null => out.push_str("NULL"),
                    serde_json::Value::Array(_) => element(out, item),
                    serde_json::Value::String(s) => quoted(out, s),
                    other => quoted(out, &other.to_string()),
                }
            }
            out.push('}');
        }
        other => quoted(out, &other.to_string()),
    }
}

fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        if ch == '"' || ch == '\\' {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use flash_schema::ColumnType;

    fn col(raw: &str, kind: TypeKind) -> Column {
        Column::new("c", ColumnType::new(raw, kind))
    }

    #[test]
    fn json_values_keep_their_text() {
        let pg = Provider::Postgresql;
        let num = col(
            "numeric",
            TypeKind::Decimal {
                precision: None,
                scale: None,
            },
        );
        assert_eq!(
            load_cell(Exported::Json("\"12.50\""), &num, pg),
            Ok(Cell::Text("12.50".into()))
        );
        let big = col(
            "bigint",
            TypeKind::Int {
                bits: 64,
                unsigned: true,
            },
        );
        assert_eq!(
            load_cell(
                Exported::Json("18446744073709551615"),
                &big,
                Provider::Mysql
            ),
            Ok(Cell::Text("18446744073709551615".into()))
        );
        let json = col("jsonb", TypeKind::Json { binary: true });
        assert_eq!(
            load_cell(Exported::Json("\"a\""), &json, pg),
            Ok(Cell::Text("\"a\"".into()))
        );
        assert_eq!(load_cell(Exported::Json("null"), &json, pg), Ok(Cell::Null));
        let b = col(
            "bytea",
            TypeKind::Bytes {
                len: None,
                fixed: false,
            },
        );
        assert_eq!(
            load_cell(Exported::Json("\"AP8=\""), &b, pg),
            Ok(Cell::Bytes(vec![0, 255]))
        );
        let flag = col("boolean", TypeKind::Bool);
        assert_eq!(
            load_cell(Exported::Json("true"), &flag, Provider::Sqlite),
            Ok(Cell::Int(1))
        );
    }

    #[test]
    fn csv_fields_null_empty_and_bytes() {
        let t = col(
            "text",
            TypeKind::String {
                len: None,
                fixed: false,
            },
        );
        assert_eq!(
            load_cell(Exported::Csv(None), &t, Provider::Mysql),
            Ok(Cell::Null)
        );
        assert_eq!(
            load_cell(Exported::Csv(Some(String::new())), &t, Provider::Mysql),
            Ok(Cell::Text(String::new()))
        );
        let b = col(
            "blob",
            TypeKind::Bytes {
                len: None,
                fixed: false,
            },
        );
        assert_eq!(
            load_cell(Exported::Csv(Some("\\x00ff".into())), &b, Provider::Sqlite),
            Ok(Cell::Bytes(vec![0, 255]))
        );
        assert!(load_cell(Exported::Csv(Some("00ff".into())), &b, Provider::Sqlite).is_err());
    }

    #[test]
    fn json_arrays_become_postgres_arrays() {
        let v: serde_json::Value =
            serde_json::from_str(r#"[["a\"b","c\\d"],[null,"{x}"]]"#).unwrap_or_default();
        assert_eq!(pg_array(&v), r#"{{"a\"b","c\\d"},{NULL,"{x}"}}"#);
        let v: serde_json::Value = serde_json::from_str(r#"[{"k":1},2.5]"#).unwrap_or_default();
        assert_eq!(pg_array(&v), r#"{"{\"k\":1}","2.5"}"#);
    }
}
