//! [`MysqlDialect`]: how MySQL/MariaDB schemas are normalized and compared.
//!
//! The server rewrites what it is given: it prints `int(11)` for `int` (MariaDB), wraps check
//! clauses in parentheses and backquotes every name, qualifies view columns with the database
//! and table, turns `count(*)` into `count(0)` and `true` into `1`, quotes string defaults
//! (MariaDB) or not (MySQL 8). The hooks here compare through canonical forms so that an
//! introspected schema equals the parsed schema it was made from.
//!
//! What an expression comparison looks at (checks, generated columns, index expressions, ON
//! UPDATE, view definitions, raw objects): the token sequence with comments removed, names
//! unquoted and lower-cased, qualifiers dropped (`db.t.c` -> `c`), character set introducers
//! dropped (`_utf8mb4'x'` -> `'x'`), grouping parentheses dropped (function-call parentheses
//! kept), `AS` dropped, `x AS x` folded to `x`, `!=` -> `<>`, `true`/`false` -> `1`/`0`,
//! `count(*)` -> `count(0)`, `now()`/`current_timestamp()`/`localtimestamp` ->
//! `current_timestamp`, `inner join` -> `join`, `left outer join` -> `left join`. Dropping
//! grouping parentheses means `(a + b) * c` and `a + b * c` compare equal: a change of
//! operator precedence alone is not detected.
//!
//! Views: MySQL expands `SELECT *` into the column list when the view is created, so when either
//! side's select list is `*` only the text from `FROM` on is compared. A view declared with an
//! explicit column list (`CREATE VIEW v (a, b) AS ...`) is stored with those names as aliases
//! of its select items; the comparison applies the list as aliases before comparing.

use crate::types;
use flash_diff::{Dialect, DiffHooks, PlanError};
use flash_schema::{
    Change, Column, ColumnType, IdentityKind, Index, IndexPart, Plan, Provider, ReferentialAction,
    Schema, TypeKind, View,
};

/// MySQL and MariaDB rules: equivalence hooks, normalization and the planner.
#[derive(Debug, Clone, Copy, Default)]
pub struct MysqlDialect;

impl DiffHooks for MysqlDialect {
    fn types_equal(&self, a: &ColumnType, b: &ColumnType) -> bool {
        types::types_equal(&a.raw, &b.raw)
    }

    fn defaults_equal(&self, column: &Column, a: Option<&str>, b: Option<&str>) -> bool {
        canonical_default(column, a) == canonical_default(column, b)
    }

    fn exprs_equal(&self, a: &str, b: &str) -> bool {
        canonical_expr(a) == canonical_expr(b)
    }

    fn views_equal(&self, a: &View, b: &View) -> bool {
        if a.materialized != b.materialized {
            return false;
        }
        if !a.columns.is_empty() && !b.columns.is_empty() && a.columns != b.columns {
            return false;
        }
        let mut ta = tokenize(&a.definition);
        let mut tb = tokenize(&b.definition);
        // An explicit column list is stored by the server as aliases of the select items.
        if a.columns.is_empty() != b.columns.is_empty() {
            if a.columns.is_empty() {
                apply_column_aliases(&mut tb, &b.columns);
            } else {
                apply_column_aliases(&mut ta, &a.columns);
            }
        }
        let (ca, cb) = (canonical_tokens(ta), canonical_tokens(tb));
        if ca == cb {
            return true;
        }
        // `SELECT *` is expanded by the server: compare from FROM on.
        if is_star_select(&ca) || is_star_select(&cb) {
            return from_clause(&ca) == from_clause(&cb);
        }
        false
    }

    fn collations_equal(&self, a: Option<&str>, b: Option<&str>) -> bool {
        a.map(str::to_ascii_lowercase) == b.map(str::to_ascii_lowercase)
    }

    fn narrowing(&self, from: &ColumnType, to: &ColumnType) -> Option<String> {
        types::narrowing(from, to)
    }
}

impl Dialect for MysqlDialect {
    fn provider(&self) -> Provider {
        Provider::Mysql
    }

    /// Brings a parsed schema into the form [`crate::inspect`] reads back:
    /// - column types canonical (`integer` -> `int`, `boolean` -> `tinyint(1)`);
    /// - primary key columns NOT NULL, the key unnamed (MySQL always calls it PRIMARY);
    /// - `DEFAULT NULL` and empty comments dropped; every identity kind becomes AUTO_INCREMENT;
    /// - a column collation equal to the table's stated collation dropped (inspect omits
    ///   collations equal to the table default);
    /// - UNIQUE constraints become unique indexes (MySQL has only unique indexes);
    /// - `USING BTREE` dropped (the default); `USING HASH` too unless the engine is MEMORY
    ///   (InnoDB silently builds a BTREE);
    /// - `ON DELETE/UPDATE RESTRICT` becomes NO ACTION (InnoDB treats them the same, and
    ///   MariaDB reports RESTRICT where MySQL 8 reports NO ACTION);
    /// - an index that merely restates the index MySQL creates for a foreign key (same name
    ///   as the constraint, same columns) is dropped, as inspect hides it.
    fn normalize(&self, schema: &mut Schema) {
        for t in &mut schema.tables {
            let pk_cols: Vec<String> = t
                .primary_key
                .as_ref()
                .map(|p| p.columns.clone())
                .unwrap_or_default();
            if let Some(pk) = &mut t.primary_key {
                pk.name = None;
            }
            let table_collation = t.options.collation.clone();
            for c in &mut t.columns {
                c.ty = types::column_type(&c.ty.raw);
                if pk_cols.contains(&c.name) {
                    c.nullable = false;
                }
                if c.default
                    .as_deref()
                    .is_some_and(|d| d.trim().eq_ignore_ascii_case("null"))
                {
                    c.default = None;
                }
                if c.comment.as_deref() == Some("") {
                    c.comment = None;
                }
                if let Some(id) = &mut c.identity {
                    id.kind = IdentityKind::AutoIncrement;
                    id.options = None;
                }
                if let (Some(cc), Some(tc)) = (&c.collation, &table_collation) {
                    if cc.eq_ignore_ascii_case(tc) {
                        c.collation = None;
                    }
                }
            }
            if t.comment.as_deref() == Some("") {
                t.comment = None;
            }
            for u in std::mem::take(&mut t.uniques) {
                t.indexes.push(Index {
                    id: u.id,
                    name: u.name,
                    auto_named: u.auto_named,
                    unique: true,
                    parts: u.columns.into_iter().map(IndexPart::column).collect(),
                    method: None,
                    predicate: None,
                    include: Vec::new(),
                    kind: None,
                    renamed_from: None,
                    location: u.location,
                });
            }
            let memory = t
                .options
                .engine
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case("memory"));
            for i in &mut t.indexes {
                if let Some(m) = &i.method {
                    let m = m.to_ascii_lowercase();
                    if m == "btree" || (m == "hash" && !memory) {
                        i.method = None;
                    } else {
                        i.method = Some(m);
                    }
                }
                if let Some(k) = &i.kind {
                    i.kind = Some(k.to_ascii_lowercase());
                }
            }
            for fk in &mut t.foreign_keys {
                if fk.on_delete == ReferentialAction::Restrict {
                    fk.on_delete = ReferentialAction::NoAction;
                }
                if fk.on_update == ReferentialAction::Restrict {
                    fk.on_update = ReferentialAction::NoAction;
                }
            }
            let fks = t.foreign_keys.clone();
            t.indexes.retain(|i| {
                !fks.iter()
                    .any(|fk| is_implicit_fk_index(i, &fk.name, &fk.columns))
            });
        }
    }

    fn plan(&self, changes: &[Change], from: &Schema, to: &Schema) -> Result<Plan, PlanError> {
        crate::plan::plan(self, changes, from, to)
    }
}

/// True when `index` is the one MySQL makes for a foreign key: not unique, named like the
/// constraint, on exactly its columns.
pub(crate) fn is_implicit_fk_index(index: &Index, fk_name: &str, fk_columns: &[String]) -> bool {
    !index.unique
        && index.kind.is_none()
        && index.name == fk_name
        && index.parts.len() == fk_columns.len()
        && index.parts.iter().zip(fk_columns).all(|(p, c)| {
            p.column.as_deref() == Some(c.as_str()) && p.length.is_none() && p.expr.is_none()
        })
}

// ---------------------------------------------------------------------------------------------
// Defaults

/// A default value reduced to what it means.
#[derive(Debug, Clone, PartialEq)]
enum DefaultValue {
    None,
    /// A literal value (quotes removed; numbers in canonical form for numeric columns).
    Literal(String),
    /// An expression, as canonical tokens.
    Expr(Vec<String>),
}

fn is_numeric(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Bool | TypeKind::Int { .. } | TypeKind::Float { .. } | TypeKind::Decimal { .. }
    )
}

/// Canonical number text: `1.50` -> `1.5`, `+3` -> `3`, `1e2` -> `100`.
fn canonical_number(text: &str) -> Option<String> {
    let v: f64 = text.trim().parse().ok()?;
    Some(format!("{v}"))
}

fn canonical_default(column: &Column, text: Option<&str>) -> DefaultValue {
    let Some(text) = text else {
        return DefaultValue::None;
    };
    // `DEFAULT ('x')` (MySQL 8 expression form) means the same as `DEFAULT 'x'`.
    let t = strip_outer_parens(text.trim());
    if t.eq_ignore_ascii_case("null") {
        return DefaultValue::None;
    }
    let numeric = is_numeric(&column.ty.kind);
    let literal = |v: String| {
        if numeric {
            DefaultValue::Literal(canonical_number(&v).unwrap_or(v))
        } else {
            DefaultValue::Literal(v)
        }
    };
    if let Some(v) = crate::quote::unquote_literal(t) {
        return literal(v);
    }
    if t.eq_ignore_ascii_case("true") {
        return literal("1".into());
    }
    if t.eq_ignore_ascii_case("false") {
        return literal("0".into());
    }
    if canonical_number(t).is_some() {
        return literal(t.to_string());
    }
    DefaultValue::Expr(canonical_expr(t))
}

/// Removes parentheses that enclose the whole text: `((a + 1))` -> `a + 1`.
pub(crate) fn strip_outer_parens(mut s: &str) -> &str {
    loop {
        s = s.trim();
        if !(s.starts_with('(') && s.ends_with(')')) {
            return s;
        }
        // The first '(' must close at the very end.
        let mut depth = 0i32;
        let mut quote: Option<char> = None;
        let last = s.len() - 1;
        for (i, c) in s.char_indices() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 && i != last {
                        return s;
                    }
                }
                _ => {}
            }
        }
        s = &s[1..last];
    }
}

// ---------------------------------------------------------------------------------------------
// Expressions

/// One lexical token of an SQL expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A name: bare (`users`) or backquoted (`` `order` ``), as written (quotes removed).
    Ident {
        text: String,
        quoted: bool,
    },
    /// A string literal's value.
    Str(String),
    Num(String),
    Punct(String),
}

impl Tok {
    fn word(&self) -> Option<String> {
        match self {
            Tok::Ident {
                text,
                quoted: false,
            } => Some(text.to_ascii_lowercase()),
            _ => None,
        }
    }
    fn is_word(&self, w: &str) -> bool {
        self.word().as_deref() == Some(w)
    }
    fn is_punct(&self, p: &str) -> bool {
        matches!(self, Tok::Punct(q) if q == p)
    }
    fn is_ident(&self) -> bool {
        matches!(self, Tok::Ident { .. })
    }
}

/// Splits SQL text into tokens; comments and white space are dropped.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-'
            && i + 1 < n
            && chars[i + 1] == '-'
            && (i + 2 >= n || chars[i + 2].is_whitespace())
            || c == '#'
        {
            while i < n && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && i + 1 < n && chars[i + 1] == '*' {
            i += 2;
            while i + 1 < n && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '\'' || c == '"' {
            let q = c;
            let mut s = String::new();
            i += 1;
            while i < n {
                let d = chars[i];
                if d == '\\' && i + 1 < n {
                    s.push(match chars[i + 1] {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        o => o,
                    });
                    i += 2;
                } else if d == q {
                    if i + 1 < n && chars[i + 1] == q {
                        s.push(q);
                        i += 2;
                    } else {
                        i += 1;
                        break;
                    }
                } else {
                    s.push(d);
                    i += 1;
                }
            }
            out.push(Tok::Str(s));
        } else if c == '`' {
            let mut s = String::new();
            i += 1;
            while i < n {
                if chars[i] == '`' {
                    if i + 1 < n && chars[i + 1] == '`' {
                        s.push('`');
                        i += 2;
                    } else {
                        i += 1;
                        break;
                    }
                } else {
                    s.push(chars[i]);
                    i += 1;
                }
            }
            out.push(Tok::Ident {
                text: s,
                quoted: true,
            });
        } else if c.is_ascii_digit() || (c == '.' && i + 1 < n && chars[i + 1].is_ascii_digit()) {
            let start = i;
            while i < n && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            if i < n && matches!(chars[i], 'e' | 'E') {
                let mut j = i + 1;
                if j < n && matches!(chars[j], '+' | '-') {
                    j += 1;
                }
                if j < n && chars[j].is_ascii_digit() {
                    i = j;
                    while i < n && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            if i < n && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                // `1abc` is a name, `0x1F` a hex literal: keep either as one word.
                while i < n && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                    i += 1;
                }
                out.push(Tok::Ident {
                    text: chars[start..i].iter().collect(),
                    quoted: false,
                });
            } else {
                out.push(Tok::Num(chars[start..i].iter().collect()));
            }
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < n && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                i += 1;
            }
            out.push(Tok::Ident {
                text: chars[start..i].iter().collect(),
                quoted: false,
            });
        } else {
            let three: String = chars[i..n.min(i + 3)].iter().collect();
            let two: String = chars[i..n.min(i + 2)].iter().collect();
            let p = if ["<=>", "->>"].contains(&three.as_str()) {
                three
            } else if ["<>", "!=", ">=", "<=", "||", "&&", ":=", "->", "<<", ">>"]
                .contains(&two.as_str())
            {
                two
            } else {
                c.to_string()
            };
            i += p.chars().count();
            out.push(Tok::Punct(p));
        }
    }
    out
}

/// Words after which `(` opens a group, not a function call's argument list.
const NOT_CALLS: &[&str] = &[
    "and", "or", "not", "xor", "in", "on", "where", "when", "then", "else", "select", "from",
    "join", "by", "having", "as", "is", "like", "between", "case", "exists", "distinct", "all",
    "any", "some", "union", "return", "returns", "rlike", "regexp", "div", "mod", "set", "using",
    "with", "limit", "values", "do", "end", "begin",
];

/// The one name of a function that has several.
fn function_synonym(name: &str) -> Option<&'static str> {
    Some(match name {
        "ucase" => "upper",
        "lcase" => "lower",
        "substr" | "mid" => "substring",
        "character_length" => "char_length",
        "ceil" => "ceiling",
        "pow" => "power",
        "curdate" => "current_date",
        "curtime" => "current_time",
        "octet_length" => "length",
        _ => return None,
    })
}

/// Canonical tokens of an expression (see the module docs for what is folded).
pub(crate) fn canonical_expr(text: &str) -> Vec<String> {
    canonical_tokens(tokenize(text))
}

fn canonical_tokens(toks: Vec<Tok>) -> Vec<String> {
    // 1. Drop character set introducers (`_utf8mb4'x'`) and qualifiers (`a.b.c` -> `c`).
    let mut t1: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let tok = &toks[i];
        if let Tok::Ident {
            text,
            quoted: false,
        } = tok
        {
            if text.starts_with('_') && matches!(toks.get(i + 1), Some(Tok::Str(_))) {
                i += 1;
                continue;
            }
        }
        if tok.is_ident()
            && toks.get(i + 1).is_some_and(|t| t.is_punct("."))
            && toks
                .get(i + 2)
                .is_some_and(|t| t.is_ident() || t.is_punct("*"))
        {
            i += 2;
            continue;
        }
        t1.push(tok.clone());
        i += 1;
    }
    // 2. Words: fold synonyms; drop AS.
    let mut t2: Vec<String> = Vec::with_capacity(t1.len());
    let mut kinds: Vec<bool> = Vec::new(); // true: a name (function or column)
    let mut i = 0;
    while i < t1.len() {
        let tok = &t1[i];
        let next_is_open = t1.get(i + 1).is_some_and(|t| t.is_punct("("));
        match tok {
            Tok::Ident { text, quoted } => {
                let w = text.to_ascii_lowercase();
                if !quoted {
                    match w.as_str() {
                        "as" => {
                            i += 1;
                            continue;
                        }
                        "true" => {
                            t2.push("1".into());
                            kinds.push(false);
                            i += 1;
                            continue;
                        }
                        "false" => {
                            t2.push("0".into());
                            kinds.push(false);
                            i += 1;
                            continue;
                        }
                        "inner" if t1.get(i + 1).is_some_and(|t| t.is_word("join")) => {
                            i += 1;
                            continue;
                        }
                        "outer" if t1.get(i + 1).is_some_and(|t| t.is_word("join")) => {
                            i += 1;
                            continue;
                        }
                        "now" | "current_timestamp" | "localtimestamp" | "localtime" => {
                            // `now()` -> current_timestamp, `now(3)` -> current_timestamp(3)
                            let empty_call =
                                next_is_open && t1.get(i + 2).is_some_and(|t| t.is_punct(")"));
                            if empty_call {
                                t2.push("current_timestamp".into());
                                kinds.push(false);
                                i += 3;
                                continue;
                            }
                            t2.push("current_timestamp".into());
                            kinds.push(next_is_open);
                            i += 1;
                            continue;
                        }
                        "count"
                            if next_is_open
                                && t1.get(i + 2).is_some_and(|t| t.is_punct("*"))
                                && t1.get(i + 3).is_some_and(|t| t.is_punct(")")) =>
                        {
                            t2.extend(["count".into(), "(".into(), "0".into(), ")".into()]);
                            kinds.extend([true, false, false, false]);
                            i += 4;
                            continue;
                        }
                        _ => {}
                    }
                }
                // MariaDB prints some functions under another name: `upper` as `ucase`.
                let w = if next_is_open && !quoted {
                    function_synonym(&w).map(str::to_string).unwrap_or(w)
                } else {
                    w
                };
                // `x AS x` (now `x x`) is just `x`.
                if t2.last() == Some(&w) && kinds.last() == Some(&true) && !next_is_open {
                    i += 1;
                    continue;
                }
                let is_call_name = quoted | !NOT_CALLS.contains(&w.as_str());
                t2.push(w);
                kinds.push(is_call_name);
            }
            Tok::Str(s) => {
                t2.push(crate::quote::literal(s));
                kinds.push(false);
            }
            Tok::Num(s) => {
                t2.push(canonical_number(s).unwrap_or_else(|| s.to_ascii_lowercase()));
                kinds.push(false);
            }
            Tok::Punct(p) => {
                let p = match p.as_str() {
                    "!=" => "<>".to_string(),
                    "&&" => "and".to_string(),
                    other => other.to_string(),
                };
                t2.push(p);
                kinds.push(false);
            }
        }
        i += 1;
    }
    // 3. Drop grouping parentheses, keep call parentheses.
    let mut out: Vec<String> = Vec::with_capacity(t2.len());
    let mut out_kinds: Vec<bool> = Vec::new();
    let mut stack: Vec<bool> = Vec::new(); // true: kept
    for (tok, kind) in t2.into_iter().zip(kinds) {
        if tok == "(" {
            let call = out_kinds.last() == Some(&true);
            stack.push(call);
            if call {
                out.push(tok);
                out_kinds.push(false);
            }
        } else if tok == ")" {
            if stack.pop().unwrap_or(true) {
                out.push(tok);
                out_kinds.push(false);
            }
        } else {
            out.push(tok);
            out_kinds.push(kind);
        }
    }
    out
}

/// Rewrites the top-level select list so that item `i` is aliased `columns[i]`.
fn apply_column_aliases(toks: &mut Vec<Tok>, columns: &[String]) {
    let Some(start) = toks.iter().position(|t| t.is_word("select")) else {
        return;
    };
    let mut items: Vec<Vec<Tok>> = vec![Vec::new()];
    let mut depth = 0i32;
    let mut end = toks.len();
    for (i, t) in toks.iter().enumerate().skip(start + 1) {
        if t.is_punct("(") {
            depth += 1;
        } else if t.is_punct(")") {
            depth -= 1;
        } else if depth == 0 && t.is_word("from") {
            end = i;
            break;
        } else if depth == 0 && t.is_punct(",") {
            items.push(Vec::new());
            continue;
        }
        if let Some(last) = items.last_mut() {
            last.push(t.clone());
        }
    }
    if items.len() != columns.len() {
        return;
    }
    let mut list: Vec<Tok> = Vec::new();
    for (n, (mut item, col)) in items.into_iter().zip(columns).enumerate() {
        let len = item.len();
        if len >= 2 && item[len - 2].is_word("as") {
            item.truncate(len - 2);
        }
        if n > 0 {
            list.push(Tok::Punct(",".into()));
        }
        list.extend(item);
        list.push(Tok::Ident {
            text: "as".into(),
            quoted: false,
        });
        list.push(Tok::Ident {
            text: col.clone(),
            quoted: true,
        });
    }
    toks.splice(start + 1..end, list);
}

/// True when canonical tokens are `select [distinct] * from ...`.
fn is_star_select(toks: &[String]) -> bool {
    match toks {
        [s, star, ..] if s == "select" && star == "*" => true,
        [s, d, star, ..] if s == "select" && d == "distinct" && star == "*" => true,
        _ => false,
    }
}

/// The tokens from the first top-level FROM on.
fn from_clause(toks: &[String]) -> &[String] {
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate() {
        match t.as_str() {
            "(" => depth += 1,
            ")" => depth -= 1,
            "from" if depth == 0 => return &toks[i..],
            _ => {}
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eq(a: &str, b: &str) -> bool {
        MysqlDialect.exprs_equal(a, b)
    }

    #[test]
    fn check_clauses_compare_through_server_rewrites() {
        // MariaDB form, MySQL 8 form, as written.
        assert!(eq(
            "`score` > 0 and `name` <> 'bob'",
            "score > 0 AND name != 'bob'"
        ));
        assert!(eq(
            "((`score` > 0) and (`name` <> _utf8mb4'bob'))",
            "score > 0 AND name <> 'bob'"
        ));
        assert!(eq("`c2` in (1,2)", "c2 IN (1, 2)"));
        assert!(!eq("`c2` in (1,2)", "c2 IN (1, 3)"));
        assert!(eq("lower(`email`)", "LOWER(email)"));
        assert!(!eq("lower(`email`)", "upper(email)"));
        assert!(eq("current_timestamp()", "CURRENT_TIMESTAMP"));
        assert!(eq("current_timestamp(3)", "now(3)"));
        assert!(!eq("'A'", "'a'"));
    }

    #[test]
    fn views_compare_through_server_rewrites() {
        let v = |def: &str| View {
            id: Default::default(),
            schema: None,
            name: "v".into(),
            columns: vec![],
            definition: def.into(),
            materialized: false,
            renamed_from: None,
            location: None,
        };
        let inspected = v("select `users`.`id` AS `id`,`users`.`email` AS `e`,count(0) AS `n` from `users` where `users`.`flag` = 1 and `users`.`email` like 'a%' group by `users`.`id`,`users`.`email`");
        let parsed = v("SELECT id, email AS e, count(*) AS n FROM users WHERE flag = true AND email LIKE 'a%' GROUP BY id, email");
        assert!(MysqlDialect.views_equal(&inspected, &parsed));
        let other = v("SELECT id, email AS e, count(*) AS n FROM users WHERE flag = false AND email LIKE 'a%' GROUP BY id, email");
        assert!(!MysqlDialect.views_equal(&inspected, &other));
        let star = v("SELECT * FROM users WHERE flag = true");
        let expanded = v("select `users`.`id` AS `id`,`users`.`flag` AS `flag` from `users` where `users`.`flag` = 1");
        assert!(MysqlDialect.views_equal(&star, &expanded));
        let join_in = v("SELECT u.id, p.title FROM users u INNER JOIN posts p ON p.user_id = u.id");
        let join_out = v("select `u`.`id` AS `id`,`p`.`title` AS `title` from (`users` `u` join `posts` `p` on(`p`.`user_id` = `u`.`id`))");
        assert!(MysqlDialect.views_equal(&join_in, &join_out));
        let mut with_cols = v("SELECT id, email FROM users");
        with_cols.columns = vec!["a".into(), "b".into()];
        let stored = v("select `users`.`id` AS `a`,`users`.`email` AS `b` from `users`");
        assert!(MysqlDialect.views_equal(&with_cols, &stored));
    }

    #[test]
    fn normalize_brings_parsed_schemas_into_the_inspected_form() {
        use flash_schema::{
            ForeignKey, Identity, PrimaryKey, Table, TableOptions, UniqueConstraint,
        };
        let mut t = Table::new("posts");
        let mut id = Column::new(
            "id",
            ColumnType::new(
                "INTEGER",
                TypeKind::Int {
                    bits: 32,
                    unsigned: false,
                },
            ),
        );
        id.identity = Some(Identity {
            kind: IdentityKind::Serial,
            options: Some("START WITH 5".into()),
        });
        let mut title = Column::new("title", types::column_type("varchar(10)"));
        title.collation = Some("UTF8MB4_BIN".into());
        title.default = Some("NULL".into());
        title.comment = Some(String::new());
        t.columns = vec![id, title, Column::new("user_id", types::column_type("int"))];
        t.primary_key = Some(PrimaryKey {
            name: Some("posts_pkey".into()),
            columns: vec!["id".into()],
        });
        t.options = TableOptions {
            collation: Some("utf8mb4_bin".into()),
            ..Default::default()
        };
        t.uniques.push(UniqueConstraint {
            id: Default::default(),
            name: "posts_title_key".into(),
            auto_named: true,
            columns: vec!["title".into()],
            location: None,
        });
        t.foreign_keys.push(ForeignKey {
            id: Default::default(),
            name: "posts_user_fk".into(),
            auto_named: false,
            columns: vec!["user_id".into()],
            ref_schema: None,
            ref_table: "users".into(),
            ref_columns: vec!["id".into()],
            on_delete: ReferentialAction::Restrict,
            on_update: ReferentialAction::Cascade,
            deferrable: false,
            location: None,
        });
        let mut implicit = Index {
            id: Default::default(),
            name: "posts_user_fk".into(),
            auto_named: false,
            unique: false,
            parts: vec![IndexPart::column("user_id")],
            method: Some("BTREE".into()),
            predicate: None,
            include: Vec::new(),
            kind: None,
            renamed_from: None,
            location: None,
        };
        t.indexes.push(implicit.clone());
        implicit.name = "posts_user_idx".into();
        t.indexes.push(implicit);
        let mut schema = Schema {
            tables: vec![t],
            ..Default::default()
        };
        MysqlDialect.normalize(&mut schema);
        let t = &schema.tables[0];
        assert_eq!(t.primary_key.as_ref().unwrap().name, None);
        let id = &t.columns[0];
        assert_eq!(id.ty.raw, "int");
        assert!(!id.nullable);
        assert_eq!(
            id.identity.as_ref().unwrap().kind,
            IdentityKind::AutoIncrement
        );
        assert_eq!(id.identity.as_ref().unwrap().options, None);
        let title = &t.columns[1];
        assert_eq!(
            (
                title.collation.as_ref(),
                title.default.as_ref(),
                title.comment.as_ref()
            ),
            (None, None, None)
        );
        assert!(t.uniques.is_empty());
        let names: Vec<&str> = t.indexes.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, vec!["posts_user_idx", "posts_title_key"]);
        assert!(t.indexes.iter().all(|i| i.method.is_none()));
        assert!(t.indexes[1].unique && t.indexes[1].auto_named);
        assert_eq!(t.foreign_keys[0].on_delete, ReferentialAction::NoAction);
        assert_eq!(t.foreign_keys[0].on_update, ReferentialAction::Cascade);
    }

    #[test]
    fn defaults_compare_by_meaning() {
        let col = |raw: &str| Column::new("c", types::column_type(raw));
        let d = MysqlDialect;
        assert!(d.defaults_equal(&col("varchar(10)"), Some("'abc'"), Some("('abc')")));
        assert!(d.defaults_equal(&col("decimal(10,2)"), Some("1.50"), Some("1.5")));
        assert!(d.defaults_equal(&col("decimal(10,2)"), Some("'1.50'"), Some("1.5")));
        assert!(d.defaults_equal(&col("tinyint(1)"), Some("0"), Some("false")));
        assert!(d.defaults_equal(&col("varchar(10)"), Some("NULL"), None));
        assert!(!d.defaults_equal(&col("varchar(10)"), Some("'NULL'"), None));
        assert!(d.defaults_equal(
            &col("timestamp"),
            Some("current_timestamp()"),
            Some("CURRENT_TIMESTAMP")
        ));
        assert!(d.defaults_equal(&col("varchar(36)"), Some("uuid()"), Some("(UUID())")));
        assert!(!d.defaults_equal(&col("varchar(10)"), Some("'a'"), Some("'b'")));
        assert!(!d.defaults_equal(&col("varchar(10)"), Some("'01'"), Some("'1'")));
    }
}
