//! `*` spelled out as the columns it stands for, in the SQL the generated code sends.
//!
//! Generated code reads rows by position; with `SELECT *` a column added to the table (by a
//! later migration, or drift) would shift every value after it. The columns the analysis
//! found are written instead, qualified by their table's alias, and quoted only where needed.

use crate::queries::Query;
use flash_schema::Provider;

/// Words reserved by PostgreSQL, MySQL 8 / MariaDB or SQLite: a column of such a name is
/// quoted (quoting a word that needs none is harmless in all three, only less pretty).
const RESERVED: &[&str] = &[
    "accessible",
    "add",
    "all",
    "alter",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asensitive",
    "asymmetric",
    "autoincrement",
    "before",
    "between",
    "bigint",
    "binary",
    "blob",
    "both",
    "by",
    "call",
    "cascade",
    "case",
    "cast",
    "change",
    "char",
    "character",
    "check",
    "collate",
    "column",
    "condition",
    "constraint",
    "continue",
    "convert",
    "create",
    "cross",
    "cube",
    "cume_dist",
    "current",
    "current_catalog",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "cursor",
    "database",
    "databases",
    "dec",
    "decimal",
    "declare",
    "default",
    "deferrable",
    "delayed",
    "delete",
    "dense_rank",
    "desc",
    "describe",
    "deterministic",
    "distinct",
    "distinctrow",
    "div",
    "do",
    "double",
    "drop",
    "dual",
    "each",
    "else",
    "elseif",
    "empty",
    "enclosed",
    "end",
    "escape",
    "escaped",
    "except",
    "exists",
    "exit",
    "explain",
    "false",
    "fetch",
    "first_value",
    "float",
    "for",
    "force",
    "foreign",
    "from",
    "full",
    "fulltext",
    "function",
    "generated",
    "get",
    "glob",
    "grant",
    "group",
    "grouping",
    "groups",
    "having",
    "if",
    "ignore",
    "in",
    "index",
    "infile",
    "initially",
    "inner",
    "inout",
    "insensitive",
    "insert",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "iterate",
    "join",
    "json_table",
    "key",
    "keys",
    "kill",
    "lag",
    "last_value",
    "lateral",
    "lead",
    "leading",
    "leave",
    "left",
    "like",
    "limit",
    "linear",
    "lines",
    "load",
    "localtime",
    "localtimestamp",
    "lock",
    "long",
    "loop",
    "match",
    "mediumint",
    "mod",
    "natural",
    "not",
    "notnull",
    "nth_value",
    "ntile",
    "null",
    "numeric",
    "of",
    "offset",
    "on",
    "only",
    "optimize",
    "option",
    "optionally",
    "or",
    "order",
    "out",
    "outer",
    "over",
    "partition",
    "percent_rank",
    "placing",
    "precision",
    "primary",
    "procedure",
    "purge",
    "range",
    "rank",
    "read",
    "reads",
    "real",
    "recursive",
    "references",
    "regexp",
    "release",
    "rename",
    "repeat",
    "replace",
    "require",
    "restrict",
    "return",
    "returning",
    "revoke",
    "right",
    "rlike",
    "row",
    "row_number",
    "rows",
    "schema",
    "schemas",
    "select",
    "sensitive",
    "separator",
    "session_user",
    "set",
    "show",
    "signal",
    "similar",
    "smallint",
    "some",
    "spatial",
    "specific",
    "sql",
    "starting",
    "stored",
    "straight_join",
    "symmetric",
    "system",
    "table",
    "terminated",
    "then",
    "tinyint",
    "to",
    "trailing",
    "trigger",
    "true",
    "undo",
    "union",
    "unique",
    "unlock",
    "unsigned",
    "update",
    "usage",
    "use",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "varying",
    "verbose",
    "virtual",
    "when",
    "where",
    "while",
    "window",
    "with",
    "write",
    "xor",
    "zerofill",
];

/// An identifier as the provider reads it back as written.
fn ident(name: &str, provider: Provider) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RESERVED.contains(&name);
    if plain {
        return name.to_string();
    }
    provider.quote_ident(name)
}

/// `a.id, a.name, b.title` for `(alias, column)` pairs; None when a name cannot be written
/// (a derived table without an alias, a column without a name): the `*` is kept then.
pub(crate) fn column_list(cols: &[(Option<String>, String)], provider: Provider) -> Option<String> {
    if cols.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(cols.len());
    for (alias, name) in cols {
        if name.is_empty() || name.contains('?') {
            return None;
        }
        match alias {
            Some(a) if a.is_empty() => return None,
            Some(a) => out.push(format!("{}.{}", ident(a, provider), ident(name, provider))),
            None => out.push(ident(name, provider)),
        }
    }
    Some(out.join(", "))
}

/// Applies the edits to the query's text and moves its parameters' places accordingly.
pub(crate) fn apply(query: &mut Query, mut edits: Vec<(std::ops::Range<usize>, String)>) {
    edits.sort_by_key(|(r, _)| r.start);
    edits.dedup_by_key(|(r, _)| r.start);
    // Overlapping edits (a `*` inside a spelled-out range) would corrupt the text: keep the
    // first of each overlap.
    let mut kept: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for e in edits {
        if kept.last().is_none_or(|(r, _)| r.end <= e.0.start) {
            kept.push(e);
        }
    }
    for (range, text) in kept.into_iter().rev() {
        if query.sql.get(range.clone()).is_none() {
            continue;
        }
        let delta = text.len() as isize - range.len() as isize;
        query.sql.replace_range(range.clone(), &text);
        for p in &mut query.params {
            for u in &mut p.uses {
                if u.start >= range.end {
                    u.start = (u.start as isize + delta) as usize;
                    u.end = (u.end as isize + delta) as usize;
                }
            }
        }
    }
}
