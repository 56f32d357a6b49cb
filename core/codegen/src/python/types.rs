//! Python types of values, and how each driver's values become them and back.
//!
//! All per-driver conversion choices are in [`conversion`]: one table, by driver family and
//! [`TypeKind`]. A conversion is a template over `{v}` (the value) and `{enum}` (the enum's
//! class); none means the driver already gives (or takes) the exact Python type.

use super::imports::Needs;
use crate::options::{PyDriver, PyEnums};
use flash_schema::TypeKind;
use std::collections::BTreeMap;

/// Drivers grouped by what they give and take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// asyncpg: binary protocol, typed values; json arrives as text.
    Asyncpg,
    /// psycopg 3: typed values, json parsed; enum arrays arrive as array text.
    Psycopg,
    /// sqlite3, aiosqlite: integers, floats, text and blobs only.
    Sqlite,
    /// pymysql, aiomysql: typed values, but TIME is a `timedelta`, BOOL a 0/1 integer, JSON
    /// text.
    Mysql,
}

impl Family {
    pub fn of(driver: PyDriver) -> Family {
        match driver {
            PyDriver::Asyncpg => Family::Asyncpg,
            PyDriver::Psycopg => Family::Psycopg,
            PyDriver::Sqlite3 | PyDriver::Aiosqlite => Family::Sqlite,
            PyDriver::Pymysql | PyDriver::Aiomysql => Family::Mysql,
        }
    }
}

/// One conversion: from what the driver gives (`decode`) and to what it takes (`encode`).
#[derive(Debug, Clone, Copy)]
struct Conversion {
    decode: Option<&'static str>,
    encode: Option<&'static str>,
}

const SAME: Conversion = Conversion {
    decode: None,
    encode: None,
};

const fn both(decode: &'static str, encode: &'static str) -> Conversion {
    Conversion {
        decode: Some(decode),
        encode: Some(encode),
    }
}

const fn decode(decode: &'static str) -> Conversion {
    Conversion {
        decode: Some(decode),
        encode: None,
    }
}

const fn encode(encode: &'static str) -> Conversion {
    Conversion {
        decode: None,
        encode: Some(encode),
    }
}

/// THE table: how a non-null scalar of type `ty` crosses each family of drivers. Arrays are
/// their element's conversion applied to each item (see [`Types::decode`]).
fn conversion(family: Family, ty: &TypeKind, enums: PyEnums) -> Conversion {
    use Family::*;
    match (ty, family) {
        // SQLite and MySQL store booleans as 0/1 (MySQL's BIT(1) as one byte).
        (TypeKind::Bool, Sqlite) => decode("bool({v})"),
        (TypeKind::Bool, Mysql) => decode("_bool({v})"),
        (TypeKind::Bool, _) => SAME,
        (TypeKind::Int { .. }, _) => SAME,
        // A REAL column may hand back an integer-valued expression as `int`.
        (TypeKind::Float { .. }, Sqlite) => decode("float({v})"),
        (TypeKind::Float { .. }, _) => SAME,
        // sqlite3 cannot bind a Decimal; through `str`, no binary rounding on the way.
        (TypeKind::Decimal { .. }, Sqlite) => both("decimal.Decimal(str({v}))", "str({v})"),
        (TypeKind::Decimal { .. }, _) => SAME,
        (TypeKind::String { .. } | TypeKind::Set { .. } | TypeKind::Bytes { .. }, _) => SAME,
        // SQLite keeps dates and times as ISO 8601 text (the format of its date functions).
        (TypeKind::Date, Sqlite) => both("datetime.date.fromisoformat({v})", "{v}.isoformat()"),
        (TypeKind::Time { .. }, Sqlite) => {
            both("datetime.time.fromisoformat({v})", "{v}.isoformat()")
        }
        (TypeKind::Timestamp { tz: false }, Sqlite) => both(
            "datetime.datetime.fromisoformat({v})",
            "{v}.isoformat(\" \")",
        ),
        // Without an offset, SQLite's timestamps are UTC (what CURRENT_TIMESTAMP writes), and
        // aware values are written that way so text comparisons stay right.
        (TypeKind::Timestamp { tz: true }, Sqlite) => both(
            "_aware(datetime.datetime.fromisoformat({v}))",
            "_utc_text({v})",
        ),
        (TypeKind::Interval, Sqlite) => {
            both("datetime.timedelta(seconds={v})", "{v}.total_seconds()")
        }
        // MySQL's TIMESTAMP is a UTC instant shown in the session's time zone, which the
        // generated code takes to be UTC (`SET time_zone = '+00:00'`).
        (TypeKind::Timestamp { tz: true }, Mysql) => both("_aware({v})", "_utc_naive({v})"),
        // pymysql and aiomysql give a TIME as the `timedelta` since midnight.
        (TypeKind::Time { .. }, Mysql) => decode("(datetime.datetime.min + {v}).time()"),
        (TypeKind::Date | TypeKind::Time { .. } | TypeKind::Timestamp { .. }, _) => SAME,
        (TypeKind::Interval, _) => SAME,
        // No uuid type: the canonical text.
        (TypeKind::Uuid, Sqlite | Mysql) => both("uuid.UUID({v})", "str({v})"),
        (TypeKind::Uuid, _) => SAME,
        // psycopg parses json itself, and needs a wrapper to send a Python value as json.
        (TypeKind::Json { binary: true }, Psycopg) => encode("psycopg.types.json.Jsonb({v})"),
        (TypeKind::Json { binary: false }, Psycopg) => encode("psycopg.types.json.Json({v})"),
        // SQLite's JSON columns have NUMERIC affinity: a JSON number comes back as a number.
        (TypeKind::Json { .. }, Sqlite) => both("_json({v})", "json.dumps({v})"),
        (TypeKind::Json { .. }, _) => both("json.loads({v})", "json.dumps({v})"),
        (TypeKind::Enum { .. }, _) => match enums {
            PyEnums::Enum => both("{enum}({v})", "{v}.value"),
            PyEnums::Literal => SAME,
        },
        // Types PostgreSQL drivers give as objects (`inet` as ipaddress, `point`, ...): the
        // annotation promises `str`.
        (TypeKind::Other { .. }, Asyncpg | Psycopg) => decode("str({v})"),
        (TypeKind::Other { .. }, _) => SAME,
        (TypeKind::Array { .. }, _) => SAME,
    }
}

/// Types and conversions for one generation run.
pub(crate) struct Types<'a> {
    pub family: Family,
    pub enums: PyEnums,
    /// Database enum name -> Python class (or alias) name.
    pub enum_names: &'a BTreeMap<String, String>,
}

impl Types<'_> {
    /// The class of enum `name`, as code in `prefix`'s module refers to it.
    fn enum_class(&self, name: &Option<String>, prefix: &str) -> String {
        let db = name.as_deref().unwrap_or_default();
        let class = self
            .enum_names
            .get(db)
            .cloned()
            // The IR names every enum; a missing one is still some string.
            .unwrap_or_else(|| "str".to_string());
        if class == "str" {
            class
        } else {
            format!("{prefix}{class}")
        }
    }

    /// The annotation of a non-null value of type `ty`; `prefix` is how the module reaches
    /// `models` (`""` inside it, `"models."` elsewhere).
    pub fn annotation(&self, ty: &TypeKind, prefix: &str, needs: &mut Needs) -> String {
        let needed = |needs: &mut Needs, module: &'static str, name: &str| {
            needs.add(module);
            name.to_string()
        };
        match ty {
            TypeKind::Bool => "bool".into(),
            TypeKind::Int { .. } => "int".into(),
            TypeKind::Float { .. } => "float".into(),
            TypeKind::Decimal { .. } => needed(needs, "decimal", "decimal.Decimal"),
            TypeKind::String { .. } | TypeKind::Set { .. } | TypeKind::Other { .. } => "str".into(),
            TypeKind::Bytes { .. } => "bytes".into(),
            TypeKind::Date => needed(needs, "datetime", "datetime.date"),
            TypeKind::Time { .. } => needed(needs, "datetime", "datetime.time"),
            TypeKind::Timestamp { .. } => needed(needs, "datetime", "datetime.datetime"),
            TypeKind::Interval => needed(needs, "datetime", "datetime.timedelta"),
            TypeKind::Uuid => needed(needs, "uuid", "uuid.UUID"),
            TypeKind::Json { .. } => {
                if !prefix.is_empty() {
                    needs.add("models");
                }
                format!("{prefix}JsonValue")
            }
            TypeKind::Enum { name, .. } => {
                if !prefix.is_empty() {
                    needs.add("models");
                }
                self.enum_class(name, prefix)
            }
            TypeKind::Array { element } => {
                format!("list[{}]", self.annotation(element, prefix, needs))
            }
        }
    }

    /// The annotation of a value that may be NULL when `nullable`.
    pub fn annotation_of(
        &self,
        ty: &TypeKind,
        nullable: bool,
        prefix: &str,
        needs: &mut Needs,
    ) -> String {
        let a = self.annotation(ty, prefix, needs);
        if nullable {
            format!("{a} | None")
        } else {
            a
        }
    }

    /// The expression turning the driver's value `v` (never None) into the Python type, or
    /// None when it already is.
    pub fn decode(&self, ty: &TypeKind, v: &str, needs: &mut Needs) -> Option<String> {
        self.convert(ty, v, needs, Direction::Decode, 1)
    }

    /// The expression turning the Python value `v` (never None) into what the driver takes,
    /// or None when it takes it as it is.
    pub fn encode(&self, ty: &TypeKind, v: &str, needs: &mut Needs) -> Option<String> {
        self.convert(ty, v, needs, Direction::Encode, 1)
    }

    /// [`Types::decode`] of a value that may be NULL when `nullable`; always an expression.
    pub fn decode_of(&self, ty: &TypeKind, nullable: bool, v: &str, needs: &mut Needs) -> String {
        let d = self.decode(ty, v, needs);
        guard_none(d, nullable, v)
    }

    /// [`Types::encode`] of a value that may be None when `nullable`; always an expression.
    pub fn encode_of(&self, ty: &TypeKind, nullable: bool, v: &str, needs: &mut Needs) -> String {
        let e = self.encode(ty, v, needs);
        guard_none(e, nullable, v)
    }

    fn convert(
        &self,
        ty: &TypeKind,
        v: &str,
        needs: &mut Needs,
        dir: Direction,
        depth: usize,
    ) -> Option<String> {
        if let TypeKind::Array { element } = ty {
            let item = if depth == 1 {
                "e".to_string()
            } else {
                format!("e{depth}")
            };
            let inner = self.convert(element, &item, needs, dir, depth + 1);
            // psycopg cannot parse the array of a type it does not know (an enum): it gives
            // the array's text, which `_pg_array` splits.
            let source = if self.family == Family::Psycopg
                && dir == Direction::Decode
                && matches!(**element, TypeKind::Enum { .. })
            {
                needs.add("_pg_array");
                format!("_pg_array({v})")
            } else {
                v.to_string()
            };
            return match inner {
                Some(inner) => Some(format!("[{inner} for {item} in {source}]")),
                None if source != v => Some(source),
                None => None,
            };
        }
        let c = conversion(self.family, ty, self.enums);
        let template = match dir {
            Direction::Decode => c.decode,
            Direction::Encode => c.encode,
        }?;
        needs.scan(template);
        let mut out = template.replace("{v}", v);
        if out.contains("{enum}") {
            if let TypeKind::Enum { name, .. } = ty {
                needs.add("models");
                out = out.replace("{enum}", &self.enum_class(name, "models."));
            }
        }
        Some(out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Decode,
    Encode,
}

/// `conv` applied only to a value that is not None.
fn guard_none(conv: Option<String>, nullable: bool, v: &str) -> String {
    match conv {
        None => v.to_string(),
        Some(c) if nullable => format!("None if {v} is None else {c}"),
        Some(c) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(family: Family, enums: &BTreeMap<String, String>) -> Types<'_> {
        Types {
            family,
            enums: PyEnums::Enum,
            enum_names: enums,
        }
    }

    #[test]
    fn conversions_per_family() {
        let enums = BTreeMap::from([("mood".to_string(), "Mood".to_string())]);
        let mut needs = Needs::default();
        let mood = TypeKind::Enum {
            name: Some("mood".into()),
            values: vec![],
        };
        let moods = TypeKind::Array {
            element: Box::new(mood.clone()),
        };
        let pg = types(Family::Psycopg, &enums);
        assert_eq!(
            pg.decode(&moods, "r[0]", &mut needs).as_deref(),
            Some("[models.Mood(e) for e in _pg_array(r[0])]")
        );
        let apg = types(Family::Asyncpg, &enums);
        assert_eq!(
            apg.encode_of(&moods, true, "moods", &mut needs),
            "None if moods is None else [e.value for e in moods]"
        );
        let lite = types(Family::Sqlite, &enums);
        assert_eq!(
            lite.decode_of(&TypeKind::Bool, false, "r[1]", &mut needs),
            "bool(r[1])"
        );
        assert_eq!(
            lite.annotation_of(&moods, true, "models.", &mut needs),
            "list[models.Mood] | None"
        );
        assert!(needs.has("_pg_array") && needs.has("models"));
    }
}
