//! `TypeKind` -> Go type, per driver and null style.
//!
//! | SQL | `database/sql` | nullable (`sql_null` / `pointer`) | `pgx` | nullable (`sql_null` / `pointer`) |
//! |---|---|---|---|---|
//! | boolean | `bool` | `sql.NullBool` / `*bool` | `bool` | `pgtype.Bool` / `*bool` |
//! | 8/16-bit int | `int16` | `sql.NullInt16` / `*int16` | `int16` | `pgtype.Int2` / `*int16` |
//! | 24/32-bit int | `int32` | `sql.NullInt32` / `*int32` | `int32` | `pgtype.Int4` / `*int32` |
//! | 64-bit int | `int64` | `sql.NullInt64` / `*int64` | `int64` | `pgtype.Int8` / `*int64` |
//! | unsigned 8/16/32/64 | `uint8`..`uint64` | `sql.NullByte`, `sql.NullInt32`, `sql.NullInt64`, `sql.Null[uint64]` / `*uintN` | as signed, one size up | |
//! | float32 / float64 | `float32` / `float64` | `sql.NullFloat64` / `*float32`, `*float64` | same | `pgtype.Float4`, `pgtype.Float8` / pointers |
//! | decimal | `string` (exact) | `sql.NullString` / `*string` | `pgtype.Numeric` | `pgtype.Numeric` |
//! | text | `string` | `sql.NullString` / `*string` | `string` | `pgtype.Text` / `*string` |
//! | bytes | `[]byte` | `sql.Null[[]byte]` / `*[]byte` | `[]byte` | `[]byte` (nil is NULL) |
//! | date, timestamp | `time.Time` | `sql.NullTime` / `*time.Time` | `time.Time` | `pgtype.Date`, `pgtype.Timestamp(tz)` / `*time.Time` |
//! | time of day | `string` | `sql.NullString` / `*string` | `pgtype.Time` (`timetz`: `string`) | `pgtype.Time` |
//! | interval | `string` | `sql.NullString` / `*string` | `pgtype.Interval` | `pgtype.Interval` |
//! | uuid | `string` | `sql.NullString` / `*string` | `pgtype.UUID` | `pgtype.UUID` |
//! | json | `json.RawMessage` | `json.RawMessage` (nil is NULL) | same | same |
//! | enum `mood` | `Mood` | `NullMood` / `*Mood` | same | same |
//! | array | `string` (PostgreSQL array literal) | `sql.NullString` / `*string` | `[]T` (`[]string` for enums) | `[]T` (nil is NULL) |
//! | inet, cidr | `string` | `sql.NullString` / `*string` | `netip.Prefix` | `*netip.Prefix` |
//! | other | `string` | `sql.NullString` / `*string` | `string` | `pgtype.Text` / `*string` |
//!
//! Why some differ from the obvious choice:
//! - a time of day is text with `database/sql`: pgx's stdlib and go-sql-driver/mysql return
//!   it as text (a MySQL `TIME` may exceed 24 hours), and the SQLite drivers only parse
//!   `DATE`, `DATETIME` and `TIMESTAMP` columns (lib/pq returns a `time.Time`, which arrives
//!   as its RFC 3339 text);
//! - MySQL dates and timestamps are `time.Time`, which go-sql-driver/mysql gives with
//!   `parseTime=true` in the DSN;
//! - SQLite dates and timestamps are `time.Time` too, but drivers parse only columns declared
//!   `DATE`, `DATETIME` or `TIMESTAMP` and return an expression's value (`max(at)`) as text,
//!   and each writes a `time.Time` argument in its own form (modernc's default is Go's
//!   `time.String`, which SQLite's date functions cannot read). So they are scanned through
//!   `sqliteTime`, which also parses the text, and bound through `sqliteTimeArg` (UTC,
//!   `2006-01-02 15:04:05`) and `sqliteDateArg` (`2006-01-02`): the text SQLite writes;
//! - JSON with `database/sql` is read through `jsonDest` and bound through `jsonArg`
//!   (helpers of `db.go`), because drivers return it as `string` or `[]byte` and a NULL cannot
//!   be scanned into a `json.RawMessage` directly;
//! - `sql.Null[T]` (Go 1.22) is used where no `sql.NullX` fits: `sql.Null[[]byte]` (a nil
//!   `[]byte` is not NULL for every driver) and `sql.Null[uint64]` (whose `Value` refuses
//!   values from 2^63 up, a limit of Go's converter; `pointer` has none);
//! - an array of enums with pgx is a `[]string`: pgx sends and reads it as a text array,
//!   which needs no registration of the enum type on the connection;
//! - arrays with `database/sql` are their PostgreSQL text form (`{1,2,3}`), the only form both
//!   lib/pq and pgx's stdlib read without a driver-specific wrapper; use `driver = "pgx"` for
//!   `[]T`.

use super::names::EnumNames;
use crate::options::{GoDriver, GoNulls};
use flash_schema::TypeKind;
use std::collections::BTreeMap;

/// A Go type and what using it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoType {
    /// As written in Go: `sql.NullString`, `[]int64`, `*time.Time`, `Mood`.
    pub text: String,
    /// The packages the text names.
    pub imports: Vec<&'static str>,
    /// How the value crosses the driver.
    pub via: Via,
}

/// How a value is bound and scanned: as it is, or through a helper of `db.go` where drivers
/// do not read or write the Go type as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Direct,
    /// A `database/sql` JSON value: scanned through `jsonDest`, bound through `jsonArg`.
    Json,
    /// A SQLite date (`date: true`) or timestamp with `database/sql`: scanned through
    /// `sqliteTime`, bound through `sqliteDateArg` or `sqliteTimeArg` as SQLite's own text.
    SqliteTime {
        date: bool,
    },
}

impl GoType {
    fn new(text: impl Into<String>, imports: &[&'static str]) -> GoType {
        GoType {
            text: text.into(),
            imports: imports.to_vec(),
            via: Via::Direct,
        }
    }

    /// The expression that binds `value` of this type as a query argument.
    pub fn arg(&self, value: &str) -> String {
        match self.via {
            Via::Direct => value.to_string(),
            Via::Json => format!("jsonArg({value})"),
            Via::SqliteTime { date: true } => format!("sqliteDateArg({value})"),
            Via::SqliteTime { date: false } => format!("sqliteTimeArg({value})"),
        }
    }

    /// The `Scan` destination for `place` (an addressable expression) of this type.
    pub fn dest(&self, place: &str) -> String {
        match self.via {
            Via::Direct => format!("&{place}"),
            Via::Json => format!("jsonDest{{&{place}}}"),
            Via::SqliteTime { .. } => format!("sqliteTime[{}]{{&{place}}}", self.text),
        }
    }
}

pub const SQL: &str = "database/sql";
pub const TIME: &str = "time";
pub const JSON: &str = "encoding/json";
pub const PGTYPE: &str = "github.com/jackc/pgx/v5/pgtype";
pub const NETIP: &str = "net/netip";
pub const NET: &str = "net";

/// Maps types for one driver and null style.
pub struct Types<'a> {
    pub driver: GoDriver,
    pub nulls: GoNulls,
    /// SQLite: dates and timestamps go through `sqliteTime` and `sqliteTimeArg`.
    pub sqlite: bool,
    /// Database enum name -> Go names.
    pub enums: &'a BTreeMap<String, EnumNames>,
}

impl Types<'_> {
    /// The Go type of a value of `ty`, nullable or not.
    pub fn go(&self, ty: &TypeKind, nullable: bool) -> GoType {
        match self.driver {
            GoDriver::DatabaseSql => self.std(ty, nullable),
            GoDriver::Pgx => self.pgx(ty, nullable),
        }
    }

    /// `text`, or its nullable form: `null` (sql_null) or `*text` (pointer).
    fn nullable(
        &self,
        nullable: bool,
        text: &str,
        imports: &[&'static str],
        null: &str,
        null_imports: &[&'static str],
    ) -> GoType {
        match (nullable, self.nulls) {
            (false, _) => GoType::new(text, imports),
            (true, GoNulls::SqlNull) => GoType::new(null, null_imports),
            (true, GoNulls::Pointer) => GoType::new(format!("*{text}"), imports),
        }
    }

    fn enum_type(&self, name: Option<&str>, nullable: bool) -> GoType {
        let names = name.and_then(|n| self.enums.get(n));
        let (ty, null) = match names {
            Some(e) => (e.ty.clone(), e.null.clone()),
            // The IR names every enum in the catalog; an unknown one is still a string type.
            None => return self.nullable(nullable, "string", &[], "sql.NullString", &[SQL]),
        };
        self.nullable(nullable, &ty, &[], &null, &[])
    }

    /// `database/sql`: the standard library only.
    fn std(&self, ty: &TypeKind, nullable: bool) -> GoType {
        let string = || self.nullable(nullable, "string", &[], "sql.NullString", &[SQL]);
        match ty {
            TypeKind::Bool => self.nullable(nullable, "bool", &[], "sql.NullBool", &[SQL]),
            TypeKind::Int { bits, unsigned } => {
                let (text, null) = match (*bits, *unsigned) {
                    (0..=16, false) => ("int16", "sql.NullInt16"),
                    (17..=32, false) => ("int32", "sql.NullInt32"),
                    (_, false) => ("int64", "sql.NullInt64"),
                    (0..=8, true) => ("uint8", "sql.NullByte"),
                    (9..=16, true) => ("uint16", "sql.NullInt32"),
                    (17..=32, true) => ("uint32", "sql.NullInt64"),
                    (_, true) => ("uint64", "sql.Null[uint64]"),
                };
                self.nullable(nullable, text, &[], null, &[SQL])
            }
            TypeKind::Float { bits } => {
                let text = if *bits <= 32 { "float32" } else { "float64" };
                self.nullable(nullable, text, &[], "sql.NullFloat64", &[SQL])
            }
            TypeKind::Bytes { .. } => {
                self.nullable(nullable, "[]byte", &[], "sql.Null[[]byte]", &[SQL])
            }
            TypeKind::Date | TypeKind::Timestamp { .. } => {
                let t = self.nullable(nullable, "time.Time", &[TIME], "sql.NullTime", &[SQL]);
                if self.sqlite {
                    let date = matches!(ty, TypeKind::Date);
                    GoType {
                        via: Via::SqliteTime { date },
                        ..t
                    }
                } else {
                    t
                }
            }
            TypeKind::Json { .. } => GoType {
                via: Via::Json,
                ..GoType::new("json.RawMessage", &[JSON])
            },
            TypeKind::Enum { name, .. } => self.enum_type(name.as_deref(), nullable),
            TypeKind::Decimal { .. }
            | TypeKind::String { .. }
            | TypeKind::Set { .. }
            | TypeKind::Time { .. }
            | TypeKind::Interval
            | TypeKind::Uuid
            | TypeKind::Array { .. }
            | TypeKind::Other { .. } => string(),
        }
    }

    /// `pgx/v5`: `pgtype` for nullable values and PostgreSQL-specific types.
    fn pgx(&self, ty: &TypeKind, nullable: bool) -> GoType {
        let both = |text: &str, imports: &[&'static str]| GoType::new(text, imports);
        let pg = |text: &str, null: &str| self.nullable(nullable, text, &[], null, &[PGTYPE]);
        match ty {
            TypeKind::Bool => pg("bool", "pgtype.Bool"),
            TypeKind::Int { bits, unsigned } => {
                // PostgreSQL has no unsigned integers; one arriving gets the next size up.
                let bits = if *unsigned {
                    bits.saturating_mul(2)
                } else {
                    *bits
                };
                match bits {
                    0..=16 => pg("int16", "pgtype.Int2"),
                    17..=32 => pg("int32", "pgtype.Int4"),
                    _ => pg("int64", "pgtype.Int8"),
                }
            }
            TypeKind::Float { bits } if *bits <= 32 => pg("float32", "pgtype.Float4"),
            TypeKind::Float { .. } => pg("float64", "pgtype.Float8"),
            TypeKind::Decimal { .. } => both("pgtype.Numeric", &[PGTYPE]),
            TypeKind::String { .. } | TypeKind::Set { .. } => pg("string", "pgtype.Text"),
            TypeKind::Bytes { .. } => both("[]byte", &[]),
            TypeKind::Date => {
                self.nullable(nullable, "time.Time", &[TIME], "pgtype.Date", &[PGTYPE])
            }
            TypeKind::Timestamp { tz } => {
                let null = if *tz {
                    "pgtype.Timestamptz"
                } else {
                    "pgtype.Timestamp"
                };
                self.nullable(nullable, "time.Time", &[TIME], null, &[PGTYPE])
            }
            // pgx has no codec for `timetz`: it arrives as text.
            TypeKind::Time { tz: true } => pg("string", "pgtype.Text"),
            TypeKind::Time { tz: false } => both("pgtype.Time", &[PGTYPE]),
            TypeKind::Interval => both("pgtype.Interval", &[PGTYPE]),
            TypeKind::Uuid => both("pgtype.UUID", &[PGTYPE]),
            TypeKind::Json { .. } => both("json.RawMessage", &[JSON]),
            TypeKind::Enum { name, .. } => self.enum_type(name.as_deref(), nullable),
            // pgx knows no enum type until it is registered on the connection, but it sends
            // and reads a `[]string` as a text array, which PostgreSQL casts to `mood[]`.
            TypeKind::Array { element } if matches!(**element, TypeKind::Enum { .. }) => {
                both("[]string", &[])
            }
            TypeKind::Array { element } => {
                let el = self.pgx(element, false);
                GoType {
                    text: format!("[]{}", el.text),
                    ..el
                }
            }
            TypeKind::Other { name } => self.pgx_other(name, nullable),
        }
    }

    /// PostgreSQL types pgx decodes in binary format, which a `string` cannot receive.
    fn pgx_other(&self, name: &str, nullable: bool) -> GoType {
        let both = |text: &str, imports: &[&'static str]| GoType::new(text, imports);
        match name {
            "inet" | "cidr" => {
                let text = if nullable {
                    "*netip.Prefix"
                } else {
                    "netip.Prefix"
                };
                both(text, &[NETIP])
            }
            "macaddr" | "macaddr8" => both("net.HardwareAddr", &[NET]),
            "point" => both("pgtype.Point", &[PGTYPE]),
            "box" => both("pgtype.Box", &[PGTYPE]),
            "circle" => both("pgtype.Circle", &[PGTYPE]),
            "line" => both("pgtype.Line", &[PGTYPE]),
            "lseg" => both("pgtype.Lseg", &[PGTYPE]),
            "path" => both("pgtype.Path", &[PGTYPE]),
            "polygon" => both("pgtype.Polygon", &[PGTYPE]),
            "bit" | "varbit" | "bit varying" => both("pgtype.Bits", &[PGTYPE]),
            "tid" => both("pgtype.TID", &[PGTYPE]),
            _ => self.nullable(nullable, "string", &[], "pgtype.Text", &[PGTYPE]),
        }
    }
}
