//! Column types: the native text beside a neutral [`TypeKind`].

use serde::{Deserialize, Serialize};

/// A column's type: the native type text as the database spells it (`raw`, e.g.
/// `varchar(255)`, `timestamp with time zone`, `int unsigned`) and what it means (`kind`).
///
/// `raw` is what planners write into DDL, so nothing is lost on a round trip; `kind` is what
/// code generators and equivalence checks match on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnType {
    pub raw: String,
    pub kind: TypeKind,
}

impl ColumnType {
    pub fn new(raw: impl Into<String>, kind: TypeKind) -> Self {
        ColumnType {
            raw: raw.into(),
            kind,
        }
    }
}

/// What a column type means, independent of the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TypeKind {
    Bool,
    /// Integers of 8, 16, 24, 32 or 64 bits.
    Int {
        bits: u8,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        unsigned: bool,
    },
    /// Binary floating point of 32 or 64 bits.
    Float {
        bits: u8,
    },
    Decimal {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        precision: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<u32>,
    },
    /// Character data; `len` is None for unbounded text, `fixed` for CHAR(n).
    String {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        len: Option<u32>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        fixed: bool,
    },
    Bytes {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        len: Option<u32>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        fixed: bool,
    },
    Date,
    Time {
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        tz: bool,
    },
    Timestamp {
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        tz: bool,
    },
    Interval,
    Uuid,
    Json {
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        binary: bool,
    },
    /// An enumeration: a named PostgreSQL type (`name` set) or a MySQL inline ENUM.
    Enum {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        values: Vec<String>,
    },
    /// MySQL SET('a','b').
    Set {
        values: Vec<String>,
    },
    Array {
        element: Box<TypeKind>,
    },
    /// Anything else (geometry, inet, xml, a domain, ...): the lower-cased type name.
    Other {
        name: String,
    },
}

impl TypeKind {
    /// A short human name, for messages.
    pub fn describe(&self) -> String {
        match self {
            TypeKind::Bool => "boolean".into(),
            TypeKind::Int { bits, unsigned } => {
                format!("{}int{bits}", if *unsigned { "u" } else { "" })
            }
            TypeKind::Float { bits } => format!("float{bits}"),
            TypeKind::Decimal { .. } => "decimal".into(),
            TypeKind::String { .. } => "string".into(),
            TypeKind::Bytes { .. } => "bytes".into(),
            TypeKind::Date => "date".into(),
            TypeKind::Time { .. } => "time".into(),
            TypeKind::Timestamp { .. } => "timestamp".into(),
            TypeKind::Interval => "interval".into(),
            TypeKind::Uuid => "uuid".into(),
            TypeKind::Json { .. } => "json".into(),
            TypeKind::Enum { name, .. } => match name {
                Some(n) => format!("enum {n}"),
                None => "enum".into(),
            },
            TypeKind::Set { .. } => "set".into(),
            TypeKind::Array { element } => format!("{}[]", element.describe()),
            TypeKind::Other { name } => name.clone(),
        }
    }
}
