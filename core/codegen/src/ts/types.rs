//! SQL types as TypeScript types, and the code that turns what each driver returns into them
//! (and parameters into what each driver sends).
//!
//! | TypeKind               | TypeScript                  | pg (text)       | mysql2             | better-sqlite3   |
//! |------------------------|-----------------------------|-----------------|--------------------|------------------|
//! | Bool                   | `boolean`                   | `"t"`/`"f"`     | 0/1 (BIT(1) too)   | 0/1              |
//! | Int up to 32 bits      | `number`                    | `Number`        | number             | `Number`         |
//! | Int 64 (signed or not) | `string` or `bigint`        | text / `BigInt` | string (forced)    | bigint (forced)  |
//! | Float                  | `number`                    | `Number`        | number             | number           |
//! | Decimal                | `string`                    | text            | string             | `String`         |
//! | String, Uuid, Other    | `string`                    | text            | `String`           | `String`         |
//! | Time, Interval         | `string`                    | text            | string             | `String`         |
//! | Date                   | `Date` (local midnight)     | parsed          | Date (driver)      | parsed (local)   |
//! | Timestamp              | `Date`                      | parsed          | Date (driver)      | parsed (UTC)     |
//! | Bytes                  | `Buffer`                    | hex decoded     | Buffer             | Buffer           |
//! | Json                   | `json_type`                 | `JSON.parse`    | `JSON.parse`       | `JSON.parse`     |
//! | Enum                   | its union type              | text            | string             | `String`         |
//! | Array (pg)             | `T[]`                       | parsed literal  | -                  | -                |

use super::syntax::ts_only;
use crate::options::{TsBigint, TsDriver};
use flash_schema::TypeKind;
use std::collections::{BTreeMap, BTreeSet};

/// The type mapping of one generation run.
pub(crate) struct Types<'a> {
    pub driver: TsDriver,
    pub bigint: TsBigint,
    /// The TypeScript type of JSON values.
    pub json_type: &'a str,
    /// Database enum name -> TypeScript type name.
    pub enums: &'a BTreeMap<String, String>,
}

/// What reading a value takes: only a TypeScript cast (the driver already gives the right
/// value), or an expression.
enum Read {
    Cast(String),
    Expr(String),
}

impl Types<'_> {
    /// The TypeScript type of a (non-null) value; type names it refers to are added to `used`.
    pub fn ts(&self, kind: &TypeKind, used: &mut BTreeSet<String>) -> String {
        match kind {
            TypeKind::Bool => "boolean".into(),
            TypeKind::Int { bits, .. } if *bits <= 32 => "number".into(),
            TypeKind::Int { .. } => self.int64().into(),
            TypeKind::Float { .. } => "number".into(),
            TypeKind::Decimal { .. }
            | TypeKind::String { .. }
            | TypeKind::Time { .. }
            | TypeKind::Interval
            | TypeKind::Uuid
            | TypeKind::Set { .. }
            | TypeKind::Other { .. } => "string".into(),
            TypeKind::Bytes { .. } => "Buffer".into(),
            TypeKind::Date | TypeKind::Timestamp { .. } => "Date".into(),
            TypeKind::Json { .. } => {
                used.extend(identifiers(self.json_type));
                self.json_type.into()
            }
            TypeKind::Enum { name, values } => {
                match name.as_ref().and_then(|n| self.enums.get(n)) {
                    Some(ts) => {
                        used.insert(ts.clone());
                        ts.clone()
                    }
                    // The IR names every enum; an unnamed one still gets an exact type.
                    None if !values.is_empty() => values
                        .iter()
                        .map(|v| super::syntax::string_literal(v))
                        .collect::<Vec<_>>()
                        .join(" | "),
                    None => "string".into(),
                }
            }
            TypeKind::Array { element } => array_of(&self.ts(element, used)),
        }
    }

    /// The type of a field: `T` or `T | null`.
    pub fn field(&self, kind: &TypeKind, nullable: bool, used: &mut BTreeSet<String>) -> String {
        with_null(self.ts(kind, used), nullable)
    }

    /// The type of a parameter: arrays and lists are `readonly`, so read-only arrays work.
    pub fn param_ts(
        &self,
        kind: &TypeKind,
        nullable: bool,
        slice: bool,
        used: &mut BTreeSet<String>,
    ) -> String {
        let one = match kind {
            TypeKind::Array { .. } => format!("readonly {}", self.ts(kind, used)),
            _ => self.ts(kind, used),
        };
        if slice {
            return format!("readonly {}", array_of(&one));
        }
        with_null(one, nullable)
    }

    fn int64(&self) -> &'static str {
        match self.bigint {
            TsBigint::String => "string",
            TsBigint::Bigint => "bigint",
        }
    }

    /// The expression reading value `x` (of type `unknown`, as the runtime helpers return it)
    /// as the field's type. Marked text.
    pub fn read(&self, kind: &TypeKind, nullable: bool, x: &str) -> String {
        let mut used = BTreeSet::new();
        match self.read_value(kind, x, &mut used) {
            Read::Cast(ty) if nullable => {
                format!(
                    "{x}{}",
                    ts_only(&format!(" as {} | null", parenthesize_fn(&ty)))
                )
            }
            Read::Cast(ty) => format!("{x}{}", ts_only(&format!(" as {ty}"))),
            Read::Expr(e) if nullable => format!("{x} === null ? null : {e}"),
            Read::Expr(e) => e,
        }
    }

    fn read_value(&self, kind: &TypeKind, x: &str, used: &mut BTreeSet<String>) -> Read {
        use TsDriver::*;
        let bigint = self.bigint == TsBigint::Bigint;
        match (kind, self.driver) {
            (TypeKind::Bool, Pg) => Read::Expr(format!("{x} === \"t\"")),
            (TypeKind::Bool, _) => Read::Expr(format!("rt.bool({x})")),
            (TypeKind::Int { bits, .. }, _) if *bits <= 32 => Read::Expr(format!("Number({x})")),
            (TypeKind::Float { .. }, _) => Read::Expr(format!("Number({x})")),
            (TypeKind::Int { .. }, Pg) if bigint => {
                Read::Expr(format!("BigInt({x}{})", ts_only(" as string")))
            }
            (TypeKind::Int { .. }, _) if bigint => Read::Expr(format!("rt.bigint({x})")),
            (TypeKind::Int { .. }, Pg) => Read::Cast("string".into()),
            (TypeKind::Int { .. }, _) => Read::Expr(format!("String({x})")),
            (
                TypeKind::Decimal { .. }
                | TypeKind::String { .. }
                | TypeKind::Time { .. }
                | TypeKind::Interval
                | TypeKind::Uuid
                | TypeKind::Set { .. }
                | TypeKind::Other { .. },
                Pg,
            ) => Read::Cast("string".into()),
            (
                TypeKind::Decimal { .. }
                | TypeKind::String { .. }
                | TypeKind::Time { .. }
                | TypeKind::Interval
                | TypeKind::Uuid
                | TypeKind::Set { .. }
                | TypeKind::Other { .. },
                _,
            ) => Read::Expr(format!("String({x})")),
            (TypeKind::Enum { .. }, Pg) => Read::Cast(self.ts(kind, used)),
            (TypeKind::Enum { .. }, _) => Read::Expr(format!(
                "String({x}){}",
                ts_only(&format!(" as {}", self.ts(kind, used)))
            )),
            (TypeKind::Bytes { .. }, Mysql2) => Read::Cast("Buffer".into()),
            (TypeKind::Bytes { .. }, _) => Read::Expr(format!("rt.bytes({x})")),
            (TypeKind::Date, Mysql2) | (TypeKind::Timestamp { .. }, Mysql2) => {
                Read::Cast("Date".into())
            }
            (TypeKind::Date, _) => Read::Expr(format!("rt.date({x})")),
            (TypeKind::Timestamp { .. }, _) => Read::Expr(format!("rt.timestamp({x})")),
            (TypeKind::Json { .. }, BetterSqlite3) => {
                Read::Expr(format!("JSON.parse(String({x}))"))
            }
            (TypeKind::Json { .. }, _) => {
                Read::Expr(format!("JSON.parse({x}{})", ts_only(" as string")))
            }
            (TypeKind::Array { .. }, Pg) => {
                let (leaf, depth) = innermost(kind);
                let call = format!("rt.array({x}, {})", self.leaf(leaf));
                if depth > 1 {
                    Read::Expr(format!(
                        "{call}{}",
                        ts_only(&format!(" as unknown as {}", self.ts(kind, used)))
                    ))
                } else {
                    Read::Expr(call)
                }
            }
            (TypeKind::Array { .. }, _) => Read::Cast(self.ts(kind, used)),
        }
    }

    /// The function reading one element of a PostgreSQL array from its text.
    fn leaf(&self, kind: &TypeKind) -> String {
        let mut used = BTreeSet::new();
        match kind {
            TypeKind::Bool => "(s) => s === \"t\"".into(),
            TypeKind::Int { bits, .. } if *bits <= 32 => "Number".into(),
            TypeKind::Float { .. } => "Number".into(),
            TypeKind::Int { .. } if self.bigint == TsBigint::Bigint => "BigInt".into(),
            TypeKind::Bytes { .. } => "rt.bytes".into(),
            TypeKind::Date => "rt.date".into(),
            TypeKind::Timestamp { .. } => "rt.timestamp".into(),
            TypeKind::Json { .. } => "(s) => JSON.parse(s)".into(),
            TypeKind::Enum { .. } => format!(
                "(s) => s{}",
                ts_only(&format!(" as {}", self.ts(kind, &mut used)))
            ),
            _ => "String".into(),
        }
    }

    /// The expression sending parameter value `x` (of the parameter's type). Marked text.
    pub fn param(&self, kind: &TypeKind, nullable: bool, x: &str) -> String {
        match self.convert(kind) {
            None => x.to_string(),
            Some(c) if nullable => format!("{x} === null ? null : {}", c.replace("{}", x)),
            Some(c) => c.replace("{}", x),
        }
    }

    /// The function converting one element of a `sqlc.slice` list, if any is needed.
    pub fn param_fn(&self, kind: &TypeKind) -> Option<String> {
        self.convert(kind)
            .map(|c| format!("(v) => {}", c.replace("{}", "v")))
    }

    /// How a parameter value becomes what the driver sends: a template around `{}`, or
    /// nothing when the driver takes the value as it is.
    fn convert(&self, kind: &TypeKind) -> Option<String> {
        use TsDriver::*;
        let string_int64 = self.bigint == TsBigint::String;
        match (kind, self.driver) {
            (TypeKind::Json { .. }, _) => Some("JSON.stringify({})".into()),
            // Bound as an integer (not a quoted string compared as a double on MySQL).
            (TypeKind::Int { bits, .. }, Mysql2 | BetterSqlite3) if *bits > 32 && string_int64 => {
                Some("BigInt({})".into())
            }
            (TypeKind::Date, Pg | BetterSqlite3) => Some("rt.dateParam({})".into()),
            (TypeKind::Timestamp { .. }, BetterSqlite3) => Some("rt.timestampParam({})".into()),
            (TypeKind::Bool, BetterSqlite3) => Some("({} ? 1 : 0)".into()),
            (TypeKind::Array { element }, _) => {
                self.param_fn(element).map(|f| format!("{{}}.map({f})"))
            }
            _ => None,
        }
    }
}

/// The innermost element type of an array type, and how many array levels wrap it.
fn innermost(kind: &TypeKind) -> (&TypeKind, usize) {
    match kind {
        TypeKind::Array { element } => {
            let (leaf, depth) = innermost(element);
            (leaf, depth + 1)
        }
        other => (other, 0),
    }
}

/// `T[]`, with parentheses around a union or other compound type.
fn array_of(t: &str) -> String {
    if t.chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '[' || c == ']')
    {
        format!("{t}[]")
    } else {
        format!("({t})[]")
    }
}

/// `T | null` when nullable (`unknown` and `any` already hold `null`).
fn with_null(t: String, nullable: bool) -> String {
    if !nullable || t == "unknown" || t == "any" {
        t
    } else {
        format!("{} | null", parenthesize_fn(&t))
    }
}

/// A function type in a union needs parentheses (`(() => void) | null`).
fn parenthesize_fn(t: &str) -> String {
    if t.contains("=>") {
        format!("({t})")
    } else {
        t.to_string()
    }
}

/// The identifiers in a type expression (`Record<string, JsonValue>` -> `Record`, `string`,
/// `JsonValue`), to import the ones the models module declares.
fn identifiers(ty: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in ty.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' || c == '$' {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ts::syntax::unmark;

    fn types(driver: TsDriver, bigint: TsBigint) -> Types<'static> {
        static ENUMS: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
        Types {
            driver,
            bigint,
            json_type: "unknown",
            enums: ENUMS.get_or_init(|| BTreeMap::from([("mood".into(), "Mood".into())])),
        }
    }

    #[test]
    fn maps_types() {
        let t = types(TsDriver::Pg, TsBigint::String);
        let mut used = BTreeSet::new();
        let arr = TypeKind::Array {
            element: Box::new(TypeKind::Enum {
                name: Some("mood".into()),
                values: vec![],
            }),
        };
        assert_eq!(t.ts(&arr, &mut used), "Mood[]");
        assert!(used.contains("Mood"));
        assert_eq!(
            t.field(
                &TypeKind::Int {
                    bits: 64,
                    unsigned: false
                },
                true,
                &mut used
            ),
            "string | null"
        );
        assert_eq!(t.param_ts(&arr, false, false, &mut used), "readonly Mood[]");
    }

    #[test]
    fn reads_per_driver() {
        let pg = types(TsDriver::Pg, TsBigint::Bigint);
        let int8 = TypeKind::Int {
            bits: 64,
            unsigned: false,
        };
        assert_eq!(
            unmark(&pg.read(&int8, false, "r[0]"), true),
            "BigInt(r[0] as string)"
        );
        assert_eq!(
            unmark(&pg.read(&int8, true, "r[0]"), false),
            "r[0] === null ? null : BigInt(r[0])"
        );
        let my = types(TsDriver::Mysql2, TsBigint::String);
        assert_eq!(
            unmark(&my.read(&TypeKind::Uuid, true, "r[1]"), true),
            "r[1] === null ? null : String(r[1])"
        );
        assert_eq!(
            unmark(&my.param(&int8, true, "a.id"), true),
            "a.id === null ? null : BigInt(a.id)"
        );
    }
}
