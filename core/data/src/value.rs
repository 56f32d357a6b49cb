//! One exported value in each format, decided by the cell and its column's type, so that no
//! value changes on the way: integers and JSON keep their exact text, decimals are strings
//! (no reader rounds them through a float), bytes are base64 in JSON and `\x` hex in CSV,
//! NULL stays distinct from the empty string.

use base64::Engine;
use flash_schema::{Cell, TypeKind};

/// Appends `cell` to `out` as a JSON value.
pub fn write_json(out: &mut String, cell: &Cell, kind: &TypeKind) {
    match cell {
        Cell::Null => out.push_str("null"),
        Cell::Int(n) => match kind {
            TypeKind::Bool => out.push_str(if *n == 0 { "false" } else { "true" }),
            TypeKind::Decimal { .. } => json_string(out, &n.to_string()),
            _ => out.push_str(&n.to_string()),
        },
        Cell::Real(f) => match kind {
            TypeKind::Decimal { .. } => json_string(out, &real_text(*f)),
            _ if f.is_finite() => out.push_str(&real_text(*f)),
            _ => json_string(out, &real_text(*f)),
        },
        Cell::Bytes(b) => json_string(out, &base64::engine::general_purpose::STANDARD.encode(b)),
        Cell::Text(s) => match kind {
            TypeKind::Bool => match s.as_str() {
                "true" | "t" | "1" | "TRUE" => out.push_str("true"),
                "false" | "f" | "0" | "FALSE" => out.push_str("false"),
                _ => json_string(out, s),
            },
            TypeKind::Int { .. } | TypeKind::Float { .. } if is_json_number(s) => out.push_str(s),
            TypeKind::Json { .. } | TypeKind::Array { .. } if is_json(s) => out.push_str(s.trim()),
            _ => json_string(out, s),
        },
    }
}

/// `cell` as CSV field text; None is NULL (an empty, unquoted field).
pub fn csv_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Null => None,
        Cell::Int(n) => Some(n.to_string()),
        Cell::Real(f) => Some(real_text(*f)),
        Cell::Bytes(b) => Some(format!("\\x{}", hex::encode(b))),
        Cell::Text(s) => Some(s.clone()),
    }
}

/// A value as written into a SQLite file.
#[derive(Debug, Clone, PartialEq)]
pub enum SqliteValue {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// `cell` for a SQLite column that stands for a column of type `kind`: integers, reals and
/// booleans as numbers, decimals as text (exact), bytes as BLOB, the rest as text.
pub fn sqlite_value(cell: &Cell, kind: &TypeKind) -> SqliteValue {
    match (cell, kind) {
        (Cell::Null, _) => SqliteValue::Null,
        (Cell::Int(n), TypeKind::Decimal { .. }) => SqliteValue::Text(n.to_string()),
        (Cell::Real(f), TypeKind::Decimal { .. }) => SqliteValue::Text(real_text(*f)),
        (Cell::Int(n), _) => SqliteValue::Int(*n),
        (Cell::Real(f), _) => SqliteValue::Real(*f),
        (Cell::Bytes(b), _) => SqliteValue::Blob(b.clone()),
        (Cell::Text(s), TypeKind::Bool) => match s.as_str() {
            "true" | "t" | "1" | "TRUE" => SqliteValue::Int(1),
            "false" | "f" | "0" | "FALSE" => SqliteValue::Int(0),
            _ => SqliteValue::Text(s.clone()),
        },
        (Cell::Text(s), TypeKind::Int { .. }) => s
            .parse::<i64>()
            .map_or_else(|_| SqliteValue::Text(s.clone()), SqliteValue::Int),
        (Cell::Text(s), TypeKind::Float { .. }) => match s.parse::<f64>() {
            Ok(f) if f.is_finite() => SqliteValue::Real(f),
            _ => SqliteValue::Text(s.clone()),
        },
        (Cell::Text(s), _) => SqliteValue::Text(s.clone()),
    }
}

/// The shortest text that reads back as the same `f64`; PostgreSQL's spellings of the
/// non-finite ones.
pub fn real_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.1}")
    } else {
        // Debug is the shortest text that reads back the same, with an exponent for very
        // large and very small magnitudes (Display would write 309 digits).
        format!("{f:?}")
    }
}

/// Appends `s` as a JSON string.
pub fn json_string(out: &mut String, s: &str) {
    // Serializing a &str cannot fail.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

/// JSON's number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub fn is_json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if b.first() == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(c) if c.is_ascii_digit() => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

fn is_json(s: &str) -> bool {
    serde_json::from_str::<&serde_json::value::RawValue>(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(cell: Cell, kind: TypeKind) -> String {
        let mut s = String::new();
        write_json(&mut s, &cell, &kind);
        s
    }

    #[test]
    fn values_keep_their_exact_form() {
        let int = TypeKind::Int {
            bits: 64,
            unsigned: false,
        };
        let dec = TypeKind::Decimal {
            precision: Some(38),
            scale: Some(10),
        };
        assert_eq!(
            json(Cell::Text("9223372036854775807".into()), int.clone()),
            "9223372036854775807"
        );
        assert_eq!(
            json(Cell::Text("12345678901234567890.0123456789".into()), dec),
            "\"12345678901234567890.0123456789\""
        );
        assert_eq!(json(Cell::Text("t".into()), TypeKind::Bool), "true");
        assert_eq!(json(Cell::Int(0), TypeKind::Bool), "false");
        assert_eq!(
            json(Cell::Text("NaN".into()), TypeKind::Float { bits: 64 }),
            "\"NaN\""
        );
        assert_eq!(json(Cell::Real(0.1), TypeKind::Float { bits: 64 }), "0.1");
        assert_eq!(
            json(
                Cell::Bytes(vec![0, 255]),
                TypeKind::Bytes {
                    len: None,
                    fixed: false
                }
            ),
            "\"AP8=\""
        );
        assert_eq!(
            json(
                Cell::Text("{\"a\": [1, 2.50]}".into()),
                TypeKind::Json { binary: true }
            ),
            "{\"a\": [1, 2.50]}"
        );
        assert_eq!(
            json(
                Cell::Text("".into()),
                TypeKind::String {
                    len: None,
                    fixed: false
                }
            ),
            "\"\""
        );
        assert_eq!(json(Cell::Null, int), "null");
        assert_eq!(
            json(
                Cell::Text("é \"q\" \u{1}".into()),
                TypeKind::String {
                    len: None,
                    fixed: false
                }
            ),
            "\"é \\\"q\\\" \\u0001\""
        );
    }

    #[test]
    fn json_numbers_are_recognised() {
        for ok in ["0", "-1", "12.50", "1e10", "-0.5E-3"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["", "01", "1.", ".5", "NaN", "Infinity", "1e", "+1", "1 "] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn csv_keeps_null_apart_from_empty() {
        assert_eq!(csv_text(&Cell::Null), None);
        assert_eq!(csv_text(&Cell::Text(String::new())), Some(String::new()));
        assert_eq!(csv_text(&Cell::Bytes(vec![1, 171])), Some("\\x01ab".into()));
        assert_eq!(real_text(2.0), "2.0");
        assert_eq!(real_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(real_text(f64::MAX), "1.7976931348623157e308");
        assert_eq!(real_text(1e-7), "1e-7");
    }
}
