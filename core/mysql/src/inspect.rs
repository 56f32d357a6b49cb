//! The live schema, read from `information_schema`, as the model.
//!
//! The result is in the normal form [`MysqlDialect::normalize`](crate::MysqlDialect) gives a
//! parsed schema, so that `diff(inspect(), parse(ddl))` is empty for the DDL that built the
//! database. MySQL 8 and MariaDB differ in what the catalog says; both are read:
//! - `COLUMNS.COLUMN_DEFAULT`: MariaDB quotes string literals (`'abc'`), writes a NULL default
//!   as the text `NULL` and functions as `current_timestamp()`; MySQL 8 gives literals
//!   unquoted, and marks expression defaults with `DEFAULT_GENERATED` in `EXTRA`.
//! - JSON: MariaDB stores it as LONGTEXT plus a column-level `CHECK (json_valid(col))`, which
//!   is read back as the `json` type, not as a user check.
//! - Checks: MariaDB's `CHECK_CONSTRAINTS` has TABLE_NAME and LEVEL; MySQL 8's needs a join
//!   with `TABLE_CONSTRAINTS` to learn the table.
//! - Functional index parts (`STATISTICS.EXPRESSION`) exist on MySQL 8.0.13+ only.
//! - View definitions are stored qualified with the database name: the qualifier is removed.
//!
//! Not read back: raw objects (triggers, routines, events); the index MySQL creates for a
//! foreign key (same name as the constraint, same columns) is hidden, as it is implied.

use crate::dialect::{canonical_expr, is_implicit_fk_index, tokenize, Tok};
use crate::driver::{db_err, Flavor};
use crate::types;
use flash_schema::{
    Check, Column, ForeignKey, Generated, Identity, IdentityKind, Index, IndexPart, PrimaryKey,
    ReferentialAction, Schema, Table, TableOptions, TypeKind, UnmanagedObject, View, LEDGER_TABLE,
};
use sqlx::{Executor, MySqlConnection, Row};
use std::collections::BTreeMap;

type TextRow = Vec<Option<String>>;

/// Runs a query over the text protocol and returns every cell as text (NULL -> None).
/// `information_schema` columns are a mix of binary and text types across servers; reading
/// raw bytes avoids the client's type checks.
pub(crate) async fn text_rows(
    conn: &mut MySqlConnection,
    sql: &str,
) -> Result<Vec<TextRow>, flash_schema::DbError> {
    let rows = conn.fetch_all(sql).await.map_err(db_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells = Vec::with_capacity(row.len());
        for i in 0..row.len() {
            let v: Option<Vec<u8>> = row.try_get_unchecked(i).map_err(db_err)?;
            cells.push(v.map(|b| String::from_utf8_lossy(&b).into_owned()));
        }
        out.push(cells);
    }
    Ok(out)
}

fn cell(row: &TextRow, i: usize) -> Option<String> {
    row.get(i).cloned().flatten()
}

fn text(row: &TextRow, i: usize) -> String {
    cell(row, i).unwrap_or_default()
}

/// The name flash gives an unnamed element (`users_email_key`, `posts_user_id_fkey`), as
/// flash-sql makes it: PostgreSQL style, cut to MySQL's 64 characters.
fn generated_name(table: &str, cols: &[String], suffix: &str) -> String {
    let joined = cols.join("_");
    let name2 = (!joined.is_empty()).then_some(joined.as_str());
    flash_sql::names::make_object_name(table, name2, suffix, flash_schema::Provider::Mysql)
}

/// MySQL 8 writes the quotes inside generated-column expressions, check clauses and
/// expression defaults escaped (`_utf8mb4\'a\'`). When every quote of the text is escaped,
/// unescape it. MariaDB's text is left alone.
fn unescape(flavor: Flavor, text: String) -> String {
    if flavor != Flavor::MySql || !text.contains("\\'") {
        return text;
    }
    let bytes = text.as_bytes();
    let all_escaped = bytes
        .iter()
        .enumerate()
        .all(|(i, b)| *b != b'\'' || (i > 0 && bytes[i - 1] == b'\\'));
    if !all_escaped {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n) => out.push(n),
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads the current database's schema.
pub(crate) async fn inspect(
    conn: &mut MySqlConnection,
    flavor: Flavor,
    database: &str,
) -> Result<Schema, flash_schema::DbError> {
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for r in text_rows(
        conn,
        "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_COMMENT \
         FROM information_schema.TABLES \
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') \
         ORDER BY TABLE_NAME",
    )
    .await?
    {
        let name = text(&r, 0);
        if name == LEDGER_TABLE {
            continue;
        }
        let collation = cell(&r, 2);
        let mut t = Table::new(name.clone());
        t.options = TableOptions {
            engine: cell(&r, 1),
            charset: collation
                .as_deref()
                .and_then(|c| c.split('_').next())
                .map(str::to_string),
            collation,
            without_rowid: false,
            strict: false,
        };
        t.comment = cell(&r, 3).filter(|c| !c.is_empty());
        order.push(name.clone());
        tables.insert(name, t);
    }

    read_columns(conn, flavor, &mut tables).await?;
    read_indexes(conn, flavor, &mut tables).await?;
    read_foreign_keys(conn, database, &mut tables).await?;
    read_checks(conn, flavor, &mut tables).await?;

    // The index MySQL made for a foreign key is implied by the key.
    for t in tables.values_mut() {
        let fks: Vec<(String, Vec<String>)> = t
            .foreign_keys
            .iter()
            .map(|f| (f.name.clone(), f.columns.clone()))
            .collect();
        t.indexes
            .retain(|i| !fks.iter().any(|(n, c)| is_implicit_fk_index(i, n, c)));
    }

    let views = read_views(conn, database).await?;
    let mut schema = Schema::default();
    for name in order {
        if let Some(t) = tables.remove(&name) {
            schema.tables.push(t);
        }
    }
    schema.views = views;
    Ok(schema)
}

async fn read_columns(
    conn: &mut MySqlConnection,
    flavor: Flavor,
    tables: &mut BTreeMap<String, Table>,
) -> Result<(), flash_schema::DbError> {
    let rows = text_rows(
        conn,
        "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, \
         COLLATION_NAME, COLUMN_COMMENT, GENERATION_EXPRESSION \
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
         ORDER BY TABLE_NAME, ORDINAL_POSITION",
    )
    .await?;
    for r in rows {
        let Some(t) = tables.get_mut(&text(&r, 0)) else {
            continue;
        };
        let mut c = Column::new(text(&r, 1), types::column_type(&text(&r, 2)));
        c.nullable = text(&r, 3).eq_ignore_ascii_case("YES");
        let extra = text(&r, 5);
        let extra_lc = extra.to_ascii_lowercase();
        if extra_lc.contains("auto_increment") {
            c.identity = Some(Identity {
                kind: IdentityKind::AutoIncrement,
                options: None,
            });
        }
        if extra_lc.contains("stored generated")
            || extra_lc.contains("virtual generated")
            || extra_lc.contains("persistent generated")
        {
            if let Some(expr) = cell(&r, 8)
                .filter(|e| !e.is_empty())
                .map(|e| unescape(flavor, e))
            {
                c.generated = Some(Generated {
                    expr,
                    stored: extra_lc.contains("stored") || extra_lc.contains("persistent"),
                });
            }
        }
        if let Some(pos) = extra_lc.find("on update ") {
            let rest = extra[pos + "on update ".len()..].trim();
            let value = rest.split_whitespace().next().unwrap_or(rest);
            c.on_update = Some(value.to_string());
        }
        if c.generated.is_none() {
            c.default = read_default(flavor, &c, cell(&r, 4), &extra_lc);
        }
        c.collation = cell(&r, 6).filter(|coll| Some(coll) != t.options.collation.as_ref());
        c.comment = cell(&r, 7).filter(|cm| !cm.is_empty());
        t.columns.push(c);
    }
    Ok(())
}

/// The DEFAULT of a column as SQL text a planner can write back.
fn read_default(flavor: Flavor, c: &Column, raw: Option<String>, extra_lc: &str) -> Option<String> {
    let raw = raw?;
    match flavor {
        // MariaDB 10.2.7+: already SQL text; a NULL default is the word NULL.
        Flavor::MariaDb => (!raw.eq_ignore_ascii_case("null")).then_some(raw),
        // MySQL 8: literals come unquoted; expressions are flagged DEFAULT_GENERATED.
        Flavor::MySql => {
            if extra_lc.contains("default_generated") {
                let raw = unescape(flavor, raw);
                let canon = canonical_expr(&raw);
                if canon.first().map(String::as_str) == Some("current_timestamp") {
                    Some(raw)
                } else {
                    Some(format!("({raw})"))
                }
            } else {
                let numeric = matches!(
                    c.ty.kind,
                    TypeKind::Bool
                        | TypeKind::Int { .. }
                        | TypeKind::Float { .. }
                        | TypeKind::Decimal { .. }
                );
                let bits = raw.starts_with("b'") || raw.starts_with("0x");
                if numeric || bits {
                    Some(raw)
                } else {
                    Some(crate::quote::literal(&raw))
                }
            }
        }
    }
}

async fn read_indexes(
    conn: &mut MySqlConnection,
    flavor: Flavor,
    tables: &mut BTreeMap<String, Table>,
) -> Result<(), flash_schema::DbError> {
    // Functional key parts exist on MySQL 8.0.13+ only; MariaDB has no EXPRESSION column.
    let expr = match flavor {
        Flavor::MySql => "EXPRESSION",
        Flavor::MariaDb => "NULL",
    };
    let sql = format!(
        "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, \
         INDEX_TYPE, {expr} FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() \
         ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
    );
    let rows = text_rows(conn, &sql).await?;
    let mut current: Option<(String, Index)> = None;
    let mut done: Vec<(String, Index)> = Vec::new();
    for r in rows {
        let (table, name) = (text(&r, 0), text(&r, 1));
        let same = current
            .as_ref()
            .is_some_and(|(t, i)| *t == table && i.name == name);
        if !same {
            if let Some(prev) = current.take() {
                done.push(prev);
            }
            let index_type = text(&r, 6).to_ascii_lowercase();
            let (kind, method) = match index_type.as_str() {
                "fulltext" => (Some("fulltext".to_string()), None),
                "spatial" | "rtree" => (Some("spatial".to_string()), None),
                "hash" => (None, Some("hash".to_string())),
                _ => (None, None),
            };
            current = Some((
                table.clone(),
                Index {
                    id: Default::default(),
                    name: name.clone(),
                    auto_named: false,
                    unique: text(&r, 2) == "0",
                    parts: Vec::new(),
                    method,
                    predicate: None,
                    include: Vec::new(),
                    kind,
                    renamed_from: None,
                    location: None,
                },
            ));
        }
        if let Some((_, idx)) = current.as_mut() {
            let column = cell(&r, 3);
            let expr = if column.is_none() { cell(&r, 7) } else { None };
            idx.parts.push(IndexPart {
                column,
                expr,
                descending: text(&r, 5) == "D",
                opclass: None,
                length: cell(&r, 4).and_then(|l| l.parse().ok()),
            });
        }
    }
    if let Some(prev) = current.take() {
        done.push(prev);
    }
    for (table, mut idx) in done {
        let Some(t) = tables.get_mut(&table) else {
            continue;
        };
        if idx.name == "PRIMARY" {
            t.primary_key = Some(PrimaryKey {
                name: None,
                columns: idx.parts.iter().filter_map(|p| p.column.clone()).collect(),
            });
            continue;
        }
        let cols: Vec<String> = idx.parts.iter().filter_map(|p| p.column.clone()).collect();
        let suffix = if idx.unique { "key" } else { "idx" };
        idx.auto_named =
            cols.len() == idx.parts.len() && idx.name == generated_name(&t.name, &cols, suffix);
        t.indexes.push(idx);
    }
    Ok(())
}

fn parse_action(rule: &str) -> ReferentialAction {
    match rule.to_ascii_uppercase().as_str() {
        "CASCADE" => ReferentialAction::Cascade,
        "SET NULL" => ReferentialAction::SetNull,
        "SET DEFAULT" => ReferentialAction::SetDefault,
        // RESTRICT and NO ACTION are the same in InnoDB; see MysqlDialect::normalize.
        _ => ReferentialAction::NoAction,
    }
}

async fn read_foreign_keys(
    conn: &mut MySqlConnection,
    database: &str,
    tables: &mut BTreeMap<String, Table>,
) -> Result<(), flash_schema::DbError> {
    let rows = text_rows(
        conn,
        "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, \
         k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE \
         FROM information_schema.KEY_COLUMN_USAGE k \
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
           ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME \
          AND r.TABLE_NAME = k.TABLE_NAME \
         WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL \
         ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
    )
    .await?;
    for r in rows {
        let Some(t) = tables.get_mut(&text(&r, 0)) else {
            continue;
        };
        let name = text(&r, 1);
        if t.foreign_keys.last().map(|f| &f.name) != Some(&name) {
            let ref_schema = cell(&r, 3).filter(|s| s != database);
            t.foreign_keys.push(ForeignKey {
                id: Default::default(),
                name: name.clone(),
                auto_named: false,
                columns: Vec::new(),
                ref_schema,
                ref_table: text(&r, 4),
                ref_columns: Vec::new(),
                on_delete: parse_action(&text(&r, 7)),
                on_update: parse_action(&text(&r, 6)),
                deferrable: false,
                location: None,
            });
        }
        if let Some(fk) = t.foreign_keys.last_mut() {
            fk.columns.push(text(&r, 2));
            fk.ref_columns.push(text(&r, 5));
        }
    }
    for t in tables.values_mut() {
        let tname = t.name.clone();
        for fk in &mut t.foreign_keys {
            fk.auto_named = fk.name == generated_name(&tname, &fk.columns, "fkey");
        }
    }
    Ok(())
}

async fn read_checks(
    conn: &mut MySqlConnection,
    flavor: Flavor,
    tables: &mut BTreeMap<String, Table>,
) -> Result<(), flash_schema::DbError> {
    let sql = match flavor {
        Flavor::MariaDb => {
            "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL \
             FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() \
             ORDER BY TABLE_NAME, CONSTRAINT_NAME"
        }
        // MySQL 8.0.16+: check names are unique per schema; the table comes from
        // TABLE_CONSTRAINTS.
        Flavor::MySql => {
            "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE, 'Table' \
             FROM information_schema.TABLE_CONSTRAINTS tc \
             JOIN information_schema.CHECK_CONSTRAINTS cc \
               ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA \
              AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME \
             WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK' \
             ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME"
        }
    };
    let rows = match text_rows(conn, sql).await {
        Ok(rows) => rows,
        // MySQL before 8.0.16 has no CHECK_CONSTRAINTS (and enforces no checks): only that
        // error (1109 unknown table) is passed over; anything else is a real failure.
        Err(e) if flavor == Flavor::MySql && e.code.as_deref() == Some("1109") => Vec::new(),
        Err(e) => return Err(e),
    };
    for r in rows {
        let Some(t) = tables.get_mut(&text(&r, 0)) else {
            continue;
        };
        let (name, clause) = (text(&r, 1), unescape(flavor, text(&r, 2)));
        // MariaDB's JSON: LONGTEXT with CHECK (json_valid(col)) named after the column.
        if let Some(col) = t.columns.iter_mut().find(|c| c.name == name) {
            let canon = canonical_expr(&clause);
            let want = vec![
                "json_valid".to_string(),
                "(".to_string(),
                col.name.to_ascii_lowercase(),
                ")".to_string(),
            ];
            if canon == want && col.ty.raw == "longtext" {
                col.ty = types::column_type("json");
                col.collation = None;
                continue;
            }
        }
        let auto_named = name.starts_with(&format!("{}_", t.name)) && name.ends_with("_check");
        t.checks.push(Check {
            id: Default::default(),
            name,
            auto_named,
            expr: clause,
            location: None,
        });
    }
    Ok(())
}

async fn read_views(
    conn: &mut MySqlConnection,
    database: &str,
) -> Result<Vec<View>, flash_schema::DbError> {
    let rows = text_rows(
        conn,
        "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS \
         WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME",
    )
    .await?;
    let qualifier = format!("`{}`.", database.replace('`', "``"));
    let mut views: Vec<View> = rows
        .into_iter()
        .map(|r| View {
            id: Default::default(),
            schema: None,
            name: text(&r, 0),
            columns: Vec::new(),
            definition: text(&r, 1).replace(&qualifier, ""),
            materialized: false,
            renamed_from: None,
            location: None,
        })
        .collect();
    order_views(&mut views);
    Ok(views)
}

/// Orders views so that a view comes after the views it selects from.
fn order_views(views: &mut Vec<View>) {
    let names: Vec<String> = views.iter().map(|v| v.name.clone()).collect();
    let deps: Vec<Vec<usize>> = views
        .iter()
        .map(|v| {
            let toks = tokenize(&v.definition);
            names
                .iter()
                .enumerate()
                .filter(|(_, n)| **n != v.name)
                .filter(|(_, n)| {
                    toks.iter()
                        .any(|t| matches!(t, Tok::Ident { text, .. } if text == *n))
                })
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    let mut done: Vec<usize> = Vec::new();
    fn visit(i: usize, deps: &[Vec<usize>], done: &mut Vec<usize>, seen: &mut Vec<bool>) {
        if seen[i] {
            return;
        }
        seen[i] = true;
        for &d in &deps[i] {
            visit(d, deps, done, seen);
        }
        done.push(i);
    }
    let mut seen = vec![false; views.len()];
    for i in 0..views.len() {
        visit(i, &deps, &mut done, &mut seen);
    }
    let old = std::mem::take(views);
    let mut slots: Vec<Option<View>> = old.into_iter().map(Some).collect();
    for i in done {
        if let Some(v) = slots[i].take() {
            views.push(v);
        }
    }
}

/// The objects [`inspect`] does not read, in one catalog query: routines, triggers, events
/// and (MariaDB) sequences of the current database.
pub(crate) async fn unmanaged(
    conn: &mut MySqlConnection,
) -> Result<Vec<UnmanagedObject>, flash_schema::DbError> {
    // CAST: the catalog's columns have different collations, which UNION refuses to mix.
    let sql = "SELECT kind, name, tbl FROM (
           SELECT CAST(ROUTINE_TYPE AS CHAR(64)) AS kind, CAST(ROUTINE_NAME AS CHAR(64)) AS name,
                  CAST(NULL AS CHAR(64)) AS tbl
           FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()
           UNION ALL
           SELECT 'TRIGGER', CAST(TRIGGER_NAME AS CHAR(64)), CAST(EVENT_OBJECT_TABLE AS CHAR(64))
           FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
           UNION ALL
           SELECT 'EVENT', CAST(EVENT_NAME AS CHAR(64)), NULL
           FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
           UNION ALL
           SELECT 'SEQUENCE', CAST(TABLE_NAME AS CHAR(64)), NULL
           FROM information_schema.TABLES
           WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE'
         ) AS x ORDER BY kind, tbl, name";
    Ok(text_rows(conn, sql)
        .await?
        .iter()
        .map(|r| UnmanagedObject {
            kind: text(r, 0),
            name: text(r, 1),
            table: cell(r, 2),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mysql_escaped_quotes_are_read_back() {
        let text = r"(`name` <> _utf8mb4\'bob\')".to_string();
        assert_eq!(
            unescape(Flavor::MySql, text.clone()),
            "(`name` <> _utf8mb4'bob')"
        );
        assert_eq!(unescape(Flavor::MariaDb, text.clone()), text);
        let plain = r"`a` = 'x\'y'".to_string();
        assert_eq!(unescape(Flavor::MySql, plain.clone()), plain);
    }

    #[test]
    fn mysql_defaults_are_quoted_by_kind() {
        let c = Column::new("c", types::column_type("varchar(10)"));
        assert_eq!(
            read_default(Flavor::MySql, &c, Some("abc".into()), "").as_deref(),
            Some("'abc'")
        );
        assert_eq!(
            read_default(
                Flavor::MySql,
                &c,
                Some("uuid()".into()),
                "default_generated"
            )
            .as_deref(),
            Some("(uuid())")
        );
        assert_eq!(read_default(Flavor::MySql, &c, None, ""), None);
        let n = Column::new("n", types::column_type("decimal(5,2)"));
        assert_eq!(
            read_default(Flavor::MySql, &n, Some("1.50".into()), "").as_deref(),
            Some("1.50")
        );
        let t = Column::new("t", types::column_type("timestamp"));
        assert_eq!(
            read_default(
                Flavor::MySql,
                &t,
                Some("CURRENT_TIMESTAMP".into()),
                "default_generated on update current_timestamp"
            )
            .as_deref(),
            Some("CURRENT_TIMESTAMP")
        );
        assert_eq!(
            read_default(Flavor::MariaDb, &c, Some("NULL".into()), ""),
            None
        );
        assert_eq!(
            read_default(Flavor::MariaDb, &c, Some("'NULL'".into()), "").as_deref(),
            Some("'NULL'")
        );
    }
}
