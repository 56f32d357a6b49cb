//! MySQL type text <-> [`TypeKind`], the canonical spelling used for comparison, and the rules
//! that say whether a type change can lose data.
//!
//! Canonical forms are lower case, with integer display widths dropped (`int(11)` -> `int`,
//! but `tinyint(1)` is kept: it is the boolean type), defaults filled in (`decimal` ->
//! `decimal(10,0)`, `char` -> `char(1)`), synonyms folded (`integer` -> `int`, `boolean` ->
//! `tinyint(1)`, `numeric` -> `decimal`, `real`/`double precision` -> `double`) and character
//! set / collation clauses removed (collations are compared on their own). MySQL 8.0.19+ prints
//! `int`, MariaDB prints `int(11)`: both canonicalize to `int`.

use flash_schema::{ColumnType, TypeKind};

/// A type text taken apart: `bigint(20) unsigned zerofill` -> base `bigint`, args `["20"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parsed {
    base: String,
    args: Vec<String>,
    unsigned: bool,
    zerofill: bool,
}

/// Lower-cases text outside single-quoted strings (ENUM values keep their case).
fn lower_outside_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_quote = false;
    for c in text.chars() {
        if c == '\'' {
            in_quote = !in_quote;
        }
        if in_quote {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Splits the inside of `(...)` on top-level commas, respecting quotes.
fn split_args(inner: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut in_quote = false;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' if in_quote && chars.peek() == Some(&'\'') => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '\\' if in_quote => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '\'' => {
                in_quote = !in_quote;
                cur.push(c);
            }
            ',' if !in_quote => {
                args.push(cur.trim().to_string());
                cur.clear();
            }
            c => cur.push(c),
        }
    }
    if !cur.trim().is_empty() || !args.is_empty() {
        args.push(cur.trim().to_string());
    }
    args
}

fn parse(raw: &str) -> Parsed {
    let text = lower_outside_quotes(raw.trim());
    let (head, args, tail) = match text.find('(') {
        Some(open) => {
            // Find the matching ')' outside quotes.
            let mut depth = 0;
            let mut in_quote = false;
            let mut close = None;
            for (i, c) in text.char_indices().skip_while(|(i, _)| *i < open) {
                match c {
                    '\'' => in_quote = !in_quote,
                    '(' if !in_quote => depth += 1,
                    ')' if !in_quote => {
                        depth -= 1;
                        if depth == 0 {
                            close = Some(i);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            match close {
                Some(close) => (
                    text[..open].trim().to_string(),
                    split_args(&text[open + 1..close]),
                    text[close + 1..].to_string(),
                ),
                None => (text.clone(), Vec::new(), String::new()),
            }
        }
        None => (text.clone(), Vec::new(), String::new()),
    };
    // Words before the parentheses: the type name plus, without parentheses, the attributes.
    let mut words: Vec<&str> = head.split_whitespace().collect();
    let mut attrs: Vec<&str> = tail.split_whitespace().collect();
    let name_len = match words.as_slice() {
        ["double", "precision", ..]
        | ["character", "varying", ..]
        | ["char", "varying", ..]
        | ["long", "varchar", ..]
        | ["long", "varbinary", ..] => 2,
        ["national", "char" | "character", "varying", ..] => 3,
        ["national", ..] | ["nchar", "varying", ..] => 2,
        [] => 0,
        _ => 1,
    };
    let name_len = name_len.min(words.len());
    let rest: Vec<&str> = words.split_off(name_len);
    attrs.splice(0..0, rest);
    let mut base = words.join(" ");
    let mut unsigned = false;
    let mut zerofill = false;
    let mut i = 0;
    while i < attrs.len() {
        match attrs[i] {
            "unsigned" => unsigned = true,
            "zerofill" => {
                zerofill = true;
                unsigned = true;
            }
            "character" | "char" if attrs.get(i + 1) == Some(&"set") => i += 2,
            "charset" | "collate" => i += 1,
            "long" if base == "long" => {}
            "varchar" if base == "long" => base = "long varchar".into(),
            "varbinary" if base == "long" => base = "long varbinary".into(),
            // `binary`, `ascii`, `unicode`, `byte`, `signed`, `precision`: no effect on the
            // stored type once collations are compared separately.
            _ => {}
        }
        i += 1;
    }
    Parsed {
        base,
        args,
        unsigned,
        zerofill,
    }
}

fn num(arg: Option<&String>) -> Option<u32> {
    arg.and_then(|a| a.trim().parse().ok())
}

/// Values of an `enum(...)` / `set(...)` argument list, unquoted.
fn values(args: &[String]) -> Vec<String> {
    args.iter()
        .map(|a| crate::quote::unquote_literal(a).unwrap_or_else(|| a.clone()))
        .collect()
}

fn quoted_values(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("'{}'", v.replace('\\', "\\\\").replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(",")
}

/// The canonical spelling of a MySQL type (see the module docs).
pub fn canonical_type(raw: &str) -> String {
    let p = parse(raw);
    let sign = |s: String| -> String {
        let mut s = s;
        if p.unsigned {
            s.push_str(" unsigned");
        }
        if p.zerofill {
            s.push_str(" zerofill");
        }
        s
    };
    let fsp = |name: &str| match num(p.args.first()) {
        Some(n) if n > 0 => format!("{name}({n})"),
        _ => name.to_string(),
    };
    let sized =
        |name: &str, default: u32| format!("{name}({})", num(p.args.first()).unwrap_or(default));
    let by_len = |names: [&str; 4]| match num(p.args.first()) {
        None => names[1].to_string(),
        Some(n) if n <= 255 => names[0].to_string(),
        Some(n) if n <= 65_535 => names[1].to_string(),
        Some(n) if n <= 16_777_215 => names[2].to_string(),
        Some(_) => names[3].to_string(),
    };
    match p.base.as_str() {
        "bool" | "boolean" => "tinyint(1)".into(),
        "tinyint" | "int1" if num(p.args.first()) == Some(1) => sign("tinyint(1)".into()),
        "tinyint" | "int1" => sign("tinyint".into()),
        "smallint" | "int2" => sign("smallint".into()),
        "mediumint" | "middleint" | "int3" => sign("mediumint".into()),
        "int" | "integer" | "int4" => sign("int".into()),
        "bigint" | "int8" => sign("bigint".into()),
        "serial" => "bigint unsigned".into(),
        "decimal" | "dec" | "numeric" | "fixed" => {
            let prec = num(p.args.first()).unwrap_or(10);
            let scale = num(p.args.get(1)).unwrap_or(0);
            sign(format!("decimal({prec},{scale})"))
        }
        "float" => match p.args.len() {
            0 => sign("float".into()),
            1 => match num(p.args.first()) {
                Some(n) if n > 24 => sign("double".into()),
                _ => sign("float".into()),
            },
            _ => sign(format!("float({},{})", p.args[0], p.args[1])),
        },
        "double" | "double precision" | "real" | "float8" => match p.args.len() {
            2 => sign(format!("double({},{})", p.args[0], p.args[1])),
            _ => sign("double".into()),
        },
        "float4" => sign("float".into()),
        "char" | "character" | "nchar" | "national char" | "national character" => sized("char", 1),
        "varchar"
        | "character varying"
        | "char varying"
        | "nvarchar"
        | "national varchar"
        | "national char varying"
        | "national character varying"
        | "nchar varying"
        | "varcharacter" => match num(p.args.first()) {
            Some(n) => format!("varchar({n})"),
            None => "varchar".into(),
        },
        "binary" => sized("binary", 1),
        "varbinary" => match num(p.args.first()) {
            Some(n) => format!("varbinary({n})"),
            None => "varbinary".into(),
        },
        "text" => by_len(["tinytext", "text", "mediumtext", "longtext"]),
        "blob" => by_len(["tinyblob", "blob", "mediumblob", "longblob"]),
        "long" | "long varchar" => "mediumtext".into(),
        "long varbinary" => "mediumblob".into(),
        "tinytext" | "mediumtext" | "longtext" | "tinyblob" | "mediumblob" | "longblob" => {
            p.base.clone()
        }
        "datetime" | "timestamp" | "time" => fsp(&p.base),
        "year" => "year".into(),
        "bit" => sized("bit", 1),
        "enum" | "set" => format!("{}({})", p.base, quoted_values(&values(&p.args))),
        "" => String::new(),
        _ => {
            let mut s = p.base.clone();
            if !p.args.is_empty() {
                s.push('(');
                s.push_str(&p.args.join(","));
                s.push(')');
            }
            sign(s)
        }
    }
}

/// What a (canonical or not) MySQL type means, as far as the narrowing rules need to know.
pub(crate) fn type_kind(raw: &str) -> TypeKind {
    let canon = canonical_type(raw);
    let p = parse(&canon);
    let unsigned = p.unsigned;
    let n = |i: usize| num(p.args.get(i));
    match p.base.as_str() {
        "tinyint" if n(0) == Some(1) && !unsigned => TypeKind::Bool,
        "tinyint" => TypeKind::Int { bits: 8, unsigned },
        "smallint" => TypeKind::Int { bits: 16, unsigned },
        "mediumint" => TypeKind::Int { bits: 24, unsigned },
        "int" => TypeKind::Int { bits: 32, unsigned },
        "bigint" => TypeKind::Int { bits: 64, unsigned },
        "decimal" => TypeKind::Decimal {
            precision: n(0),
            scale: n(1),
        },
        "float" => TypeKind::Float { bits: 32 },
        "double" => TypeKind::Float { bits: 64 },
        "char" => TypeKind::String {
            len: n(0),
            fixed: true,
        },
        "varchar" => TypeKind::String {
            len: n(0),
            fixed: false,
        },
        "tinytext" | "text" | "mediumtext" | "longtext" => TypeKind::String {
            len: None,
            fixed: false,
        },
        "binary" => TypeKind::Bytes {
            len: n(0),
            fixed: true,
        },
        "varbinary" => TypeKind::Bytes {
            len: n(0),
            fixed: false,
        },
        "tinyblob" | "blob" | "mediumblob" | "longblob" => TypeKind::Bytes {
            len: None,
            fixed: false,
        },
        "date" => TypeKind::Date,
        "time" => TypeKind::Time { tz: false },
        "datetime" => TypeKind::Timestamp { tz: false },
        // TIMESTAMP stores an instant (converted from and to the session time zone).
        "timestamp" => TypeKind::Timestamp { tz: true },
        "json" => TypeKind::Json { binary: false },
        "uuid" => TypeKind::Uuid,
        "enum" => TypeKind::Enum {
            name: None,
            values: values(&p.args),
        },
        "set" => TypeKind::Set {
            values: values(&p.args),
        },
        other => TypeKind::Other {
            name: other.to_string(),
        },
    }
}

/// A [`ColumnType`] from native type text: canonical `raw` plus its kind. The kind comes
/// from flash-sql, so that parsed and introspected columns mean the same to code generators.
pub fn column_type(raw: &str) -> ColumnType {
    let canon = canonical_type(raw);
    let kind = flash_sql::type_kind(&canon, flash_schema::Provider::Mysql);
    ColumnType::new(canon, kind)
}

/// Are two type texts the same MySQL type?
pub fn types_equal(a: &str, b: &str) -> bool {
    canonical_type(a) == canonical_type(b)
}

/// The values an integer type holds, as (min, max).
fn int_range(bits: u8, unsigned: bool) -> (i128, i128) {
    let bits = u32::from(bits);
    if unsigned {
        (0, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    }
}

/// Decimal digits needed for the integer part of a type's values.
fn int_digits(bits: u8) -> u32 {
    match bits {
        8 => 3,
        16 => 5,
        24 => 8,
        32 => 10,
        _ => 20,
    }
}

/// How many characters (or bytes) a string/bytes type holds.
fn capacity(canon: &str) -> Option<u64> {
    let p = parse(canon);
    let n = num(p.args.first()).map(u64::from);
    match p.base.as_str() {
        "char" | "varchar" | "binary" | "varbinary" => n,
        "tinytext" | "tinyblob" => Some(255),
        "text" | "blob" => Some(65_535),
        "mediumtext" | "mediumblob" => Some(16_777_215),
        "longtext" | "longblob" | "json" => Some(4_294_967_295),
        _ => None,
    }
}

fn is_text(kind: &TypeKind) -> bool {
    matches!(kind, TypeKind::String { .. })
}

/// Why changing a column from `from` to `to` can fail or lose data, or None when every value
/// of `from` fits `to` unchanged.
pub fn narrowing(from: &ColumnType, to: &ColumnType) -> Option<String> {
    let (fc, tc) = (canonical_type(&from.raw), canonical_type(&to.raw));
    if fc == tc {
        return None;
    }
    let (fk, tk) = (type_kind(&fc), type_kind(&tc));
    let generic = || {
        Some(format!(
            "changes type from {fc} to {tc}, which may fail or lose data"
        ))
    };
    let int_of = |k: &TypeKind| match k {
        TypeKind::Bool => Some((8u8, false)),
        TypeKind::Int { bits, unsigned } => Some((*bits, *unsigned)),
        _ => None,
    };
    if let (Some((fb, fu)), Some((tb, tu))) = (int_of(&fk), int_of(&tk)) {
        let (fmin, fmax) = int_range(fb, fu);
        let (tmin, tmax) = int_range(tb, tu);
        return if tmin <= fmin && tmax >= fmax {
            None
        } else {
            Some(format!(
                "narrows {fc} to {tc}: values out of range fail or are cut"
            ))
        };
    }
    match (&fk, &tk) {
        (
            TypeKind::Decimal {
                precision: Some(fp),
                scale: Some(fs),
            },
            TypeKind::Decimal {
                precision: Some(tp),
                scale: Some(ts),
            },
        ) => {
            if ts >= fs && tp.saturating_sub(*ts) >= fp.saturating_sub(*fs) {
                None
            } else {
                Some(format!("narrows {fc} to {tc}: digits may be lost"))
            }
        }
        (
            TypeKind::Bool | TypeKind::Int { .. },
            TypeKind::Decimal {
                precision: Some(tp),
                scale: Some(ts),
            },
        ) => {
            let bits = int_of(&fk).map(|(b, _)| b).unwrap_or(64);
            if tp.saturating_sub(*ts) >= int_digits(bits) {
                None
            } else {
                generic()
            }
        }
        (TypeKind::Bool | TypeKind::Int { .. }, TypeKind::Float { bits: 64 }) => {
            match int_of(&fk) {
                Some((b, _)) if b <= 32 => None,
                _ => generic(),
            }
        }
        (TypeKind::Float { bits: 32 }, TypeKind::Float { bits: 64 }) => None,
        (TypeKind::Bool | TypeKind::Int { .. }, _) if is_text(&tk) => {
            let bits = int_of(&fk).map(|(b, _)| b).unwrap_or(64);
            match capacity(&tc) {
                Some(c) if c > u64::from(int_digits(bits)) => None,
                _ => generic(),
            }
        }
        (TypeKind::String { .. }, TypeKind::String { .. })
        | (TypeKind::Bytes { .. }, TypeKind::Bytes { .. })
        | (TypeKind::Json { .. }, TypeKind::String { .. }) => {
            match (capacity(&fc), capacity(&tc)) {
                (Some(f), Some(t)) if t >= f => {
                    // CHAR pads with spaces that VARCHAR keeps and the other way round
                    // strips: same characters either way.
                    None
                }
                _ => Some(format!(
                    "narrows {fc} to {tc}: longer values fail or are cut"
                )),
            }
        }
        (TypeKind::Enum { values: fv, .. }, TypeKind::Enum { values: tv, .. })
        | (TypeKind::Set { values: fv }, TypeKind::Set { values: tv }) => {
            if flash_schema::change::is_append_only(fv, tv) {
                None
            } else {
                let removed: Vec<&String> = fv.iter().filter(|v| !tv.contains(v)).collect();
                if removed.is_empty() {
                    Some(format!("reorders the values of {fc}"))
                } else {
                    Some(format!(
                        "removes value(s) {} from {fc}: rows holding them fail or are cleared",
                        removed
                            .iter()
                            .map(|v| format!("'{v}'"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                }
            }
        }
        (TypeKind::Enum { values, .. }, _) | (TypeKind::Set { values }, _) if is_text(&tk) => {
            let longest: u64 = match fk {
                TypeKind::Set { .. } => values.iter().map(|v| v.chars().count() as u64 + 1).sum(),
                _ => values
                    .iter()
                    .map(|v| v.chars().count() as u64)
                    .max()
                    .unwrap_or(0),
            };
            match capacity(&tc) {
                Some(c) if c >= longest => None,
                _ => generic(),
            }
        }
        (TypeKind::Timestamp { .. } | TypeKind::Time { .. }, _)
            if fc.split('(').next() == tc.split('(').next()
                || (fc.starts_with("timestamp") && tc.starts_with("datetime")) =>
        {
            let fsp = |c: &str| num(parse(c).args.first()).unwrap_or(0);
            if fsp(&tc) >= fsp(&fc) {
                None
            } else {
                Some(format!("narrows {fc} to {tc}: fractional seconds are cut"))
            }
        }
        (TypeKind::Date, TypeKind::Timestamp { tz: false }) => None,
        _ => generic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        let cases = [
            ("INT(11)", "int"),
            ("integer", "int"),
            ("int(10) unsigned", "int unsigned"),
            ("BIGINT(20) UNSIGNED", "bigint unsigned"),
            ("tinyint(1)", "tinyint(1)"),
            ("tinyint(4)", "tinyint"),
            ("boolean", "tinyint(1)"),
            ("numeric(10, 2)", "decimal(10,2)"),
            ("decimal", "decimal(10,0)"),
            ("double precision", "double"),
            ("float(30)", "double"),
            (
                "varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                "varchar(255)",
            ),
            ("character varying(20)", "varchar(20)"),
            ("char", "char(1)"),
            ("datetime(0)", "datetime"),
            ("DATETIME(3)", "datetime(3)"),
            ("timestamp", "timestamp"),
            ("enum('a','B')", "enum('a','B')"),
            ("ENUM( 'a' , 'it''s' )", "enum('a','it''s')"),
            ("set('x','y')", "set('x','y')"),
            ("text(100)", "tinytext"),
            ("LONGTEXT", "longtext"),
            ("bit", "bit(1)"),
            ("year(4)", "year"),
            ("json", "json"),
            ("int zerofill", "int unsigned zerofill"),
        ];
        for (raw, want) in cases {
            assert_eq!(canonical_type(raw), want, "{raw}");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(type_kind("tinyint(1)"), TypeKind::Bool);
        assert_eq!(
            type_kind("int(10) unsigned"),
            TypeKind::Int {
                bits: 32,
                unsigned: true
            }
        );
        assert_eq!(
            type_kind("enum('a','b')"),
            TypeKind::Enum {
                name: None,
                values: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            type_kind("varchar(20)"),
            TypeKind::String {
                len: Some(20),
                fixed: false
            }
        );
        assert_eq!(type_kind("datetime(3)"), TypeKind::Timestamp { tz: false });
    }

    fn ct(s: &str) -> ColumnType {
        column_type(s)
    }

    #[test]
    fn narrowing_rules() {
        assert!(narrowing(&ct("int"), &ct("bigint")).is_none());
        assert!(narrowing(&ct("bigint"), &ct("int")).is_some());
        assert!(narrowing(&ct("int unsigned"), &ct("bigint")).is_none());
        assert!(narrowing(&ct("int"), &ct("int unsigned")).is_some());
        assert!(narrowing(&ct("varchar(10)"), &ct("varchar(20)")).is_none());
        assert!(narrowing(&ct("varchar(20)"), &ct("varchar(10)")).is_some());
        assert!(narrowing(&ct("varchar(200)"), &ct("text")).is_none());
        assert!(narrowing(&ct("text"), &ct("varchar(200)")).is_some());
        assert!(narrowing(&ct("decimal(10,2)"), &ct("decimal(12,2)")).is_none());
        assert!(narrowing(&ct("decimal(10,2)"), &ct("decimal(10,3)")).is_some());
        assert!(narrowing(&ct("enum('a','b')"), &ct("enum('a','b','c')")).is_none());
        let why = narrowing(&ct("enum('a','b','c')"), &ct("enum('a','c')")).unwrap();
        assert!(why.contains("'b'"), "{why}");
        assert!(narrowing(&ct("datetime"), &ct("datetime(3)")).is_none());
        assert!(narrowing(&ct("datetime(6)"), &ct("datetime(3)")).is_some());
        assert!(narrowing(&ct("int"), &ct("varchar(20)")).is_none());
        assert!(narrowing(&ct("varchar(20)"), &ct("int")).is_some());
    }
}
