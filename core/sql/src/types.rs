//! Column types: a native type text to its canonical `raw` form and its neutral [`TypeKind`].
//!
//! The canonical raw forms (lower case, no spaces inside argument lists) are:
//!
//! - **PostgreSQL**: `integer` (int, int4), `bigint` (int8), `smallint` (int2), `boolean`
//!   (bool), `double precision` (float8, float, float(25..53)), `real` (float4, float(1..24)),
//!   `numeric(p,s)` (decimal, dec), `varchar(n)` (character varying), `char(n)` (character,
//!   bpchar), `timestamp(p)` (timestamp without time zone), `timestamptz(p)` (timestamp with
//!   time zone), `time`, `timetz` (time with time zone), `date`, `interval ...`, `uuid`, `json`,
//!   `jsonb`, `bytea`, `text`; arrays as `integer[]` (one `[]` per dimension, sizes dropped);
//!   user types (enums, domains) by name, `public.` dropped, quoted only when the name needs it.
//! - **MySQL**: lower case as written, with the display width of integers dropped (`int(11)`
//!   → `int`) except `tinyint(1)`; `integer` → `int`; `bool`/`boolean` → `tinyint(1)`;
//!   `numeric`/`dec`/`fixed` → `decimal`; `double precision`/`real` → `double`; `character
//!   varying` → `varchar`; `unsigned` kept as a suffix (`int unsigned`); `enum('a','b')`,
//!   `set('a','b')`.
//! - **SQLite**: the declared type lower-cased as written (`integer`, `varchar(20)`); empty
//!   when the column declares no type.

use flash_schema::{ColumnType, Provider, TypeKind};
use sqlparser::ast::{DataType, EnumMember};

/// A type text split into its parts: `timestamp(3) with time zone[]` has words
/// `timestamp`, args `3`, after-words `with time zone` and one array dimension.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TypeText {
    /// Words before the argument list, lower-cased unless quoted (quoted ones keep quotes).
    words: Vec<String>,
    /// The arguments inside `( ... )`, trimmed, as written.
    args: Vec<String>,
    /// Words after the argument list (`with time zone`, `unsigned`), lower-cased.
    after: Vec<String>,
    /// Number of `[]` suffixes.
    dims: usize,
}

impl TypeText {
    /// Splits a type text (no regex: a small character scanner).
    fn parse(raw: &str) -> TypeText {
        let mut t = TypeText::default();
        let mut chars = raw.trim().chars().peekable();
        let mut seen_args = false;
        let mut word = String::new();
        let push_word = |word: &mut String, t: &mut TypeText, seen_args: bool| {
            if word.is_empty() {
                return;
            }
            let w = std::mem::take(word);
            if seen_args {
                t.after.push(w);
            } else {
                t.words.push(w);
            }
        };
        while let Some(c) = chars.next() {
            match c {
                '"' | '`' => {
                    let close = c;
                    let mut q = String::new();
                    while let Some(d) = chars.next() {
                        if d == close {
                            if chars.peek() == Some(&close) {
                                chars.next();
                                q.push(d);
                                continue;
                            }
                            break;
                        }
                        q.push(d);
                    }
                    word.push('"');
                    word.push_str(&q);
                    word.push('"');
                }
                '(' if !seen_args => {
                    push_word(&mut word, &mut t, seen_args);
                    t.args = scan_args(&mut chars);
                    seen_args = true;
                }
                '[' => {
                    push_word(&mut word, &mut t, seen_args);
                    for d in chars.by_ref() {
                        if d == ']' {
                            break;
                        }
                    }
                    t.dims += 1;
                }
                c if c.is_whitespace() => push_word(&mut word, &mut t, seen_args),
                c => word.extend(c.to_lowercase()),
            }
        }
        push_word(&mut word, &mut t, seen_args);
        // SQL-standard `integer ARRAY` / `integer ARRAY[3]` is `integer[]`.
        if t.words.len() > 1 && t.words.last().is_some_and(|w| w == "array") {
            t.words.pop();
            t.dims += 1;
        }
        if t.after.last().is_some_and(|w| w == "array") {
            t.after.pop();
            t.dims += 1;
        }
        t
    }

    /// The words before the arguments, joined by one space.
    fn base(&self) -> String {
        self.words.join(" ")
    }

    fn after_has(&self, w: &str) -> bool {
        self.after.iter().any(|a| a == w) || self.words.iter().skip(1).any(|a| a == w)
    }

    fn args_text(&self) -> String {
        if self.args.is_empty() {
            String::new()
        } else {
            format!("({})", self.args.join(","))
        }
    }

    fn arg_u32(&self, i: usize) -> Option<u32> {
        self.args.get(i).and_then(|a| a.trim().parse().ok())
    }
}

/// Reads a parenthesised argument list (the `(` is consumed), splitting at top-level commas
/// and keeping quoted strings intact.
fn scan_args(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                cur.push(c);
                while let Some(d) = chars.next() {
                    cur.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            cur.push(e);
                        }
                    } else if d == '\'' {
                        if chars.peek() == Some(&'\'') {
                            chars.next();
                            cur.push('\'');
                        } else {
                            break;
                        }
                    }
                }
            }
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' if depth == 0 => break,
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth == 0 => args.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    let last = cur.trim().to_string();
    if !last.is_empty() || !args.is_empty() {
        args.push(last);
    }
    args
}

/// `'it''s'` → `it's` (also undoes MySQL backslash escapes).
fn unquote_value(v: &str) -> String {
    let v = v.trim();
    let inner = v
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or(v);
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('\'');
            }
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some(d) => out.push(d),
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

/// `it's` → `'it''s'`.
pub(crate) fn quote_value(v: &str) -> String {
    format!("'{}'", v.replace('\'', "''"))
}

/// A quoted word (`"MyType"`) stays quoted unless it is a plain lower-case name.
fn tidy_name(word: &str) -> String {
    word.split('.')
        .map(
            |part| match part.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
                Some(inner) if is_plain_lower(inner) => inner.to_string(),
                _ => part.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join(".")
}

fn is_plain_lower(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Strips quotes and a `public.` schema from a user type name, for matching enums.
fn plain_name(word: &str) -> String {
    let parts: Vec<String> = word
        .split('.')
        .map(|p| p.trim_matches('"').to_string())
        .collect();
    match parts.as_slice() {
        [schema, name] if schema == "public" => name.clone(),
        _ => parts.join("."),
    }
}

/// The canonical `raw` form of a type text for a provider (see the module docs).
pub fn canonical_type(raw: &str, provider: Provider) -> String {
    let t = TypeText::parse(raw);
    if t.words.is_empty() {
        return String::new();
    }
    let dims = "[]".repeat(t.dims);
    let base = t.base();
    let args = t.args_text();
    let rest = if t.after.is_empty() {
        String::new()
    } else {
        format!(" {}", t.after.join(" "))
    };
    match provider {
        Provider::Postgresql | Provider::Mongodb => {
            let with_tz = t.after_has("with");
            let core = match base.as_str() {
                "int" | "int4" | "integer" => "integer".to_string(),
                "bigint" | "int8" => "bigint".to_string(),
                "smallint" | "int2" => "smallint".to_string(),
                "bool" | "boolean" => "boolean".to_string(),
                "float8" | "double precision" => "double precision".to_string(),
                "float4" | "real" => "real".to_string(),
                "float" => match t.arg_u32(0) {
                    Some(p) if p <= 24 => "real".to_string(),
                    _ => "double precision".to_string(),
                },
                "numeric" | "decimal" | "dec" => format!("numeric{args}"),
                "varchar" | "character varying" | "char varying" => format!("varchar{args}"),
                "char" | "character" | "bpchar" => format!("char{args}"),
                "timestamp" if with_tz => format!("timestamptz{args}"),
                "timestamp" | "timestamp without time zone" => format!("timestamp{args}"),
                "timestamptz" | "timestamp with time zone" => format!("timestamptz{args}"),
                "time" if with_tz => format!("timetz{args}"),
                "time" | "time without time zone" => format!("time{args}"),
                "timetz" | "time with time zone" => format!("timetz{args}"),
                _ if t.words.len() == 1 && t.after.is_empty() => {
                    format!("{}{args}", tidy_name(&plain_name_keep_quotes(&base)))
                }
                _ => format!("{base}{args}{rest}"),
            };
            format!("{core}{dims}")
        }
        Provider::Mysql => {
            let unsigned = t.after_has("unsigned");
            let zerofill = t.after_has("zerofill");
            let mut suffix = String::new();
            if unsigned {
                suffix.push_str(" unsigned");
            }
            if zerofill {
                suffix.push_str(" zerofill");
            }
            let first = t.words.first().cloned().unwrap_or_default();
            let core = match first.as_str() {
                "int" | "integer" | "int4" => format!("int{suffix}"),
                "tinyint" | "int1" if t.args.len() == 1 && t.arg_u32(0) == Some(1) => {
                    format!("tinyint(1){suffix}")
                }
                "tinyint" | "int1" => format!("tinyint{suffix}"),
                "smallint" | "int2" => format!("smallint{suffix}"),
                "mediumint" | "int3" | "middleint" => format!("mediumint{suffix}"),
                "bigint" | "int8" => format!("bigint{suffix}"),
                "bool" | "boolean" => "tinyint(1)".to_string(),
                "dec" | "numeric" | "fixed" | "decimal" => format!("decimal{args}{suffix}"),
                "double" | "real" | "float8" => format!("double{args}{suffix}"),
                "float4" => format!("float{args}{suffix}"),
                "character" if base == "character varying" => format!("varchar{args}"),
                "character" => format!("char{args}"),
                "enum" | "set" => format!(
                    "{first}({})",
                    t.args
                        .iter()
                        .map(|a| quote_value(&unquote_value(a)))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                _ => {
                    let rest: Vec<&String> = t
                        .after
                        .iter()
                        .filter(|a| *a != "unsigned" && *a != "zerofill")
                        .collect();
                    let rest = if rest.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " {}",
                            rest.iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(" ")
                        )
                    };
                    format!("{base}{args}{rest}{suffix}")
                }
            };
            format!("{core}{dims}")
        }
        Provider::Sqlite => format!("{base}{args}{rest}{dims}"),
    }
}

/// `public.x` → `x`, keeping quotes.
fn plain_name_keep_quotes(word: &str) -> String {
    match word.split_once('.') {
        Some((schema, name)) if schema.trim_matches('"') == "public" => name.to_string(),
        _ => word.to_string(),
    }
}

/// What a native type text means, for a provider.
///
/// Accepts the canonical forms above and the usual spellings and aliases, such as the texts
/// the catalogs report (`character varying(255)`, `timestamp with time zone`, `int(11)
/// unsigned`, `enum('a','b')`). PostgreSQL user types come back as
/// `TypeKind::Other { name }`; the schema parser turns those naming an enum into
/// `TypeKind::Enum`. MySQL `timestamp` is a point in time (`tz: true`), `datetime` is not.
pub fn type_kind(raw: &str, provider: Provider) -> TypeKind {
    let t = TypeText::parse(raw);
    if t.dims > 0 {
        let element = TypeText {
            dims: 0,
            ..t.clone()
        };
        return TypeKind::Array {
            element: Box::new(kind_of(&element, provider)),
        };
    }
    kind_of(&t, provider)
}

fn kind_of(t: &TypeText, provider: Provider) -> TypeKind {
    match provider {
        Provider::Postgresql | Provider::Mongodb => pg_kind(t),
        Provider::Mysql => mysql_kind(t),
        Provider::Sqlite => sqlite_kind(t),
    }
}

fn int(bits: u8) -> TypeKind {
    TypeKind::Int {
        bits,
        unsigned: false,
    }
}

fn decimal(t: &TypeText) -> TypeKind {
    TypeKind::Decimal {
        precision: t.arg_u32(0),
        scale: t.arg_u32(1),
    }
}

fn string(len: Option<u32>, fixed: bool) -> TypeKind {
    TypeKind::String { len, fixed }
}

fn other(t: &TypeText) -> TypeKind {
    let mut name = t.words.iter().map(|w| plain_name(w)).collect::<Vec<_>>();
    name.extend(t.after.iter().cloned());
    TypeKind::Other {
        name: name.join(" "),
    }
}

fn pg_kind(t: &TypeText) -> TypeKind {
    let base = t.base();
    let with_tz = t.after_has("with");
    match base.as_str() {
        "int" | "int4" | "integer" | "serial" | "serial4" => int(32),
        "bigint" | "int8" | "bigserial" | "serial8" => int(64),
        "smallint" | "int2" | "smallserial" | "serial2" => int(16),
        "bool" | "boolean" => TypeKind::Bool,
        "real" | "float4" => TypeKind::Float { bits: 32 },
        "double precision" | "float8" => TypeKind::Float { bits: 64 },
        "float" => match t.arg_u32(0) {
            Some(p) if p <= 24 => TypeKind::Float { bits: 32 },
            _ => TypeKind::Float { bits: 64 },
        },
        "numeric" | "decimal" | "dec" => decimal(t),
        "varchar" | "character varying" | "char varying" => string(t.arg_u32(0), false),
        "char" | "character" | "bpchar" => string(t.arg_u32(0), true),
        "text" | "citext" | "name" => string(None, false),
        "bytea" => TypeKind::Bytes {
            len: None,
            fixed: false,
        },
        "date" => TypeKind::Date,
        "time" if with_tz => TypeKind::Time { tz: true },
        "time" | "time without time zone" => TypeKind::Time { tz: false },
        "timetz" | "time with time zone" => TypeKind::Time { tz: true },
        "timestamp" if with_tz => TypeKind::Timestamp { tz: true },
        "timestamp" | "timestamp without time zone" => TypeKind::Timestamp { tz: false },
        "timestamptz" | "timestamp with time zone" => TypeKind::Timestamp { tz: true },
        "uuid" => TypeKind::Uuid,
        "json" => TypeKind::Json { binary: false },
        "jsonb" => TypeKind::Json { binary: true },
        _ if t.words.first().is_some_and(|w| w == "interval") => TypeKind::Interval,
        _ => other(t),
    }
}

fn mysql_kind(t: &TypeText) -> TypeKind {
    let first = t.words.first().cloned().unwrap_or_default();
    let unsigned = t.after_has("unsigned") || t.after_has("zerofill");
    let int = |bits: u8| TypeKind::Int { bits, unsigned };
    match first.as_str() {
        "bool" | "boolean" => TypeKind::Bool,
        "tinyint" | "int1" if t.arg_u32(0) == Some(1) && !unsigned => TypeKind::Bool,
        "tinyint" | "int1" => int(8),
        "smallint" | "int2" => int(16),
        "mediumint" | "int3" | "middleint" => int(24),
        "int" | "integer" | "int4" => int(32),
        "bigint" | "int8" => int(64),
        "serial" => TypeKind::Int {
            bits: 64,
            unsigned: true,
        },
        "float" | "float4" => match t.arg_u32(0) {
            Some(p) if p > 24 && t.args.len() == 1 => TypeKind::Float { bits: 64 },
            _ => TypeKind::Float { bits: 32 },
        },
        "double" | "real" | "float8" => TypeKind::Float { bits: 64 },
        "decimal" | "dec" | "numeric" | "fixed" => decimal(t),
        "char" => string(t.arg_u32(0), true),
        "character" if t.base() == "character varying" => string(t.arg_u32(0), false),
        "character" | "nchar" => string(t.arg_u32(0), true),
        "varchar" | "nvarchar" => string(t.arg_u32(0), false),
        "tinytext" | "text" | "mediumtext" | "longtext" => string(None, false),
        "binary" => TypeKind::Bytes {
            len: t.arg_u32(0),
            fixed: true,
        },
        "varbinary" => TypeKind::Bytes {
            len: t.arg_u32(0),
            fixed: false,
        },
        "tinyblob" | "blob" | "mediumblob" | "longblob" => TypeKind::Bytes {
            len: None,
            fixed: false,
        },
        "date" => TypeKind::Date,
        "time" => TypeKind::Time { tz: false },
        "datetime" => TypeKind::Timestamp { tz: false },
        "timestamp" => TypeKind::Timestamp { tz: true },
        "year" => int(16),
        "json" => TypeKind::Json { binary: false },
        "bit" if t.args.is_empty() || t.arg_u32(0) == Some(1) => TypeKind::Bool,
        "enum" => TypeKind::Enum {
            name: None,
            values: t.args.iter().map(|a| unquote_value(a)).collect(),
        },
        "set" => TypeKind::Set {
            values: t.args.iter().map(|a| unquote_value(a)).collect(),
        },
        _ => other(t),
    }
}

fn sqlite_kind(t: &TypeText) -> TypeKind {
    let base = t.base();
    match base.as_str() {
        "bool" | "boolean" => return TypeKind::Bool,
        "date" => return TypeKind::Date,
        "datetime" | "timestamp" => return TypeKind::Timestamp { tz: false },
        "time" => return TypeKind::Time { tz: false },
        "json" | "jsonb" => return TypeKind::Json { binary: false },
        "uuid" => return TypeKind::Uuid,
        "decimal" | "numeric" => return decimal(t),
        _ => {}
    }
    // SQLite's affinity rules, in their order.
    let full = format!("{base} {}", t.after.join(" "));
    if full.contains("int") {
        int(64)
    } else if full.contains("char") || full.contains("clob") || full.contains("text") {
        let fixed = base == "char" || base == "character";
        string(t.arg_u32(0), fixed)
    } else if full.contains("blob") || base.is_empty() {
        TypeKind::Bytes {
            len: None,
            fixed: false,
        }
    } else if full.contains("real") || full.contains("floa") || full.contains("doub") {
        TypeKind::Float { bits: 64 }
    } else {
        TypeKind::Decimal {
            precision: None,
            scale: None,
        }
    }
}

/// The [`ColumnType`] of a parsed sqlparser data type.
pub(crate) fn column_type(dt: &DataType, provider: Provider) -> ColumnType {
    let text = match dt {
        DataType::Unspecified => String::new(),
        DataType::Enum(members, _) => format!("enum({})", enum_args(members)),
        DataType::Set(values) => format!(
            "set({})",
            values
                .iter()
                .map(|v| quote_value(v))
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => other.to_string(),
    };
    let raw = canonical_type(&text, provider);
    let kind = type_kind(&raw, provider);
    ColumnType { raw, kind }
}

fn enum_args(members: &[EnumMember]) -> String {
    members
        .iter()
        .map(|m| match m {
            EnumMember::Name(n) | EnumMember::NamedValue(n, _) => quote_value(n),
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Provider::*;

    #[test]
    fn postgres_canonical_forms() {
        let cases = [
            ("INT", "integer"),
            ("int4", "integer"),
            ("INT8", "bigint"),
            ("bool", "boolean"),
            ("float8", "double precision"),
            ("FLOAT(10)", "real"),
            ("decimal(10, 2)", "numeric(10,2)"),
            ("character varying(255)", "varchar(255)"),
            ("CHARACTER(3)", "char(3)"),
            ("TIMESTAMP(3) WITH TIME ZONE", "timestamptz(3)"),
            ("timestamp without time zone", "timestamp"),
            ("TIMESTAMPTZ", "timestamptz"),
            ("time with time zone", "timetz"),
            ("INT[]", "integer[]"),
            ("TEXT[][]", "text[][]"),
            ("public.mood", "mood"),
            ("\"MyType\"", "\"MyType\""),
            ("\"mood\"", "mood"),
            ("INTERVAL DAY TO SECOND", "interval day to second"),
            ("INT ARRAY", "integer[]"),
        ];
        for (input, want) in cases {
            assert_eq!(canonical_type(input, Postgresql), want, "{input}");
        }
    }

    #[test]
    fn postgres_kinds() {
        assert_eq!(
            type_kind("varchar(255)", Postgresql),
            TypeKind::String {
                len: Some(255),
                fixed: false
            }
        );
        assert_eq!(
            type_kind("timestamp with time zone", Postgresql),
            TypeKind::Timestamp { tz: true }
        );
        assert_eq!(
            type_kind("integer[]", Postgresql),
            TypeKind::Array {
                element: Box::new(int(32))
            }
        );
        assert_eq!(
            type_kind("numeric(10,2)", Postgresql),
            TypeKind::Decimal {
                precision: Some(10),
                scale: Some(2)
            }
        );
        assert_eq!(
            type_kind("mood", Postgresql),
            TypeKind::Other {
                name: "mood".into()
            }
        );
        assert_eq!(
            type_kind("\"MyType\"", Postgresql),
            TypeKind::Other {
                name: "MyType".into()
            }
        );
    }

    #[test]
    fn mysql_forms_and_kinds() {
        let cases = [
            ("INT(11) UNSIGNED", "int unsigned"),
            ("integer", "int"),
            ("TINYINT(1)", "tinyint(1)"),
            ("tinyint(4)", "tinyint"),
            ("BOOLEAN", "tinyint(1)"),
            ("DECIMAL(10,2)", "decimal(10,2)"),
            ("numeric(5)", "decimal(5)"),
            ("DATETIME(3)", "datetime(3)"),
            ("ENUM('a', 'b''c')", "enum('a','b''c')"),
            ("VARCHAR(255)", "varchar(255)"),
            ("double precision", "double"),
            ("BIGINT UNSIGNED", "bigint unsigned"),
        ];
        for (input, want) in cases {
            assert_eq!(canonical_type(input, Mysql), want, "{input}");
        }
        assert_eq!(type_kind("tinyint(1)", Mysql), TypeKind::Bool);
        assert_eq!(
            type_kind("int(10) unsigned", Mysql),
            TypeKind::Int {
                bits: 32,
                unsigned: true
            }
        );
        assert_eq!(
            type_kind("enum('a','b''c')", Mysql),
            TypeKind::Enum {
                name: None,
                values: vec!["a".into(), "b'c".into()]
            }
        );
        assert_eq!(
            type_kind("set('x','y')", Mysql),
            TypeKind::Set {
                values: vec!["x".into(), "y".into()]
            }
        );
        assert_eq!(
            type_kind("timestamp(6)", Mysql),
            TypeKind::Timestamp { tz: true }
        );
    }

    #[test]
    fn sqlite_affinity() {
        assert_eq!(canonical_type("VARCHAR(20)", Sqlite), "varchar(20)");
        assert_eq!(canonical_type("", Sqlite), "");
        assert_eq!(type_kind("integer", Sqlite), int(64));
        assert_eq!(type_kind("unsigned big int", Sqlite), int(64));
        assert_eq!(type_kind("varchar(20)", Sqlite), string(Some(20), false));
        assert_eq!(
            type_kind("", Sqlite),
            TypeKind::Bytes {
                len: None,
                fixed: false
            }
        );
        assert_eq!(type_kind("double", Sqlite), TypeKind::Float { bits: 64 });
        assert_eq!(type_kind("boolean", Sqlite), TypeKind::Bool);
        assert_eq!(
            type_kind("datetime", Sqlite),
            TypeKind::Timestamp { tz: false }
        );
        assert_eq!(
            type_kind("money", Sqlite),
            TypeKind::Decimal {
                precision: None,
                scale: None
            }
        );
    }
}
