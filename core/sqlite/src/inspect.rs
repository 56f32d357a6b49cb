//! The live schema as the model.
//!
//! SQLite keeps every table, index, view and trigger as the text of the statement that made
//! it (`sqlite_master.sql`, rewritten by SQLite itself on ALTER TABLE). That text IS the schema,
//! so it is parsed with flash-sql, exactly like schema files are, and then cross-checked with
//! the pragmas (`pragma_table_xinfo` for columns, nullability, primary key and generated
//! columns). A table whose text flash-sql cannot parse is read from the pragmas alone.
//!
//! Tables named `sqlite_*` (SQLite's own) and `_flash_*` (the history table, and the new table
//! of an interrupted rebuild) are not part of the schema.

use crate::dialect::SqliteDialect;
use crate::driver::{cell_text, db_err, fetch_all};
use crate::plan::REBUILD_PREFIX;
use crate::types;
use flash_diff::Dialect;
use flash_schema::{
    Column, DbError, ForeignKey, Generated, Index, IndexPart, PrimaryKey, Provider, RawObject,
    RawPhase, ReferentialAction, Schema, Table, UniqueConstraint, LEDGER_TABLE,
};
use flash_sql::{parse_schema, SourceFile};
use sqlx::SqliteConnection;
use std::collections::{BTreeMap, BTreeSet};

/// One row of `sqlite_master`.
#[derive(Debug, Clone)]
struct Object {
    kind: String,
    name: String,
    table: String,
    sql: String,
}

impl Object {
    /// The pseudo file name the object's text is parsed under, so errors map back to it.
    fn path(&self) -> String {
        format!("sqlite_master/{}/{}", self.kind, self.name)
    }
}

fn skipped(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("sqlite_")
        || n.starts_with("_flash_")
        || n == LEDGER_TABLE
        || n.starts_with(REBUILD_PREFIX)
}

/// Reads the database schema, normalized by [`SqliteDialect`].
pub async fn inspect(conn: &mut SqliteConnection) -> Result<Schema, DbError> {
    let rows = fetch_all(
        conn,
        "SELECT type, name, tbl_name, sql FROM sqlite_master \
         WHERE sql IS NOT NULL AND type IN ('table', 'index', 'view', 'trigger') ORDER BY rowid",
    )
    .await?;
    // The tables a virtual table keeps its data in (fts5's `t_data`, ...) belong to it, not
    // to the schema. `pragma_table_list` needs SQLite 3.37; older versions have no shadow list.
    let shadow: BTreeSet<String> = match fetch_all(
        conn,
        "SELECT name FROM pragma_table_list WHERE type = 'shadow' AND schema = 'main'",
    )
    .await
    {
        Ok(rows) => rows
            .iter()
            .filter_map(|r| cell_text(r, 0))
            .map(|n| n.to_lowercase())
            .collect(),
        Err(_) => BTreeSet::new(),
    };
    let objects: Vec<Object> = rows
        .iter()
        .map(|r| Object {
            kind: cell_text(r, 0).unwrap_or_default(),
            name: cell_text(r, 1).unwrap_or_default(),
            table: cell_text(r, 2).unwrap_or_default(),
            sql: cell_text(r, 3).unwrap_or_default(),
        })
        .filter(|o| !skipped(&o.name) && !skipped(&o.table))
        .filter(|o| !shadow.contains(&o.table.to_lowercase()))
        .collect();

    let (mut schema, failed) = parse_objects(&objects);

    // Tables flash-sql could not read come from the pragmas, in their original order.
    for o in objects
        .iter()
        .filter(|o| o.kind == "table" && failed.contains(&o.path()))
    {
        let t = table_from_pragmas(conn, &o.name).await?;
        schema.tables.push(t);
    }
    for o in objects.iter().filter(|o| failed.contains(&o.path())) {
        match o.kind.as_str() {
            "index" => {
                let idx = index_from_pragmas(conn, &o.table, &o.name).await?;
                if let Some(t) = schema
                    .tables
                    .iter_mut()
                    .find(|t| t.name.eq_ignore_ascii_case(&o.table))
                {
                    t.indexes.push(idx);
                }
            }
            // Kept verbatim: created and dropped as they are.
            "view" | "trigger" => schema.raw.push(RawObject {
                kind: o.kind.to_ascii_uppercase(),
                name: o.name.clone(),
                table: (o.kind == "trigger").then(|| o.table.clone()),
                signature: None,
                sql: o.sql.clone(),
                phase: RawPhase::AfterTables,
                location: None,
            }),
            _ => {}
        }
    }
    let order: Vec<String> = objects
        .iter()
        .filter(|o| o.kind == "table")
        .map(|o| o.name.to_lowercase())
        .collect();
    schema.tables.sort_by_key(|t| {
        order
            .iter()
            .position(|n| *n == t.name.to_lowercase())
            .unwrap_or(usize::MAX)
    });

    // One query for the columns of every table: the number of catalog reads does not grow
    // with the number of tables.
    let mut all_columns = xinfo_all(conn).await?;
    for t in &mut schema.tables {
        let cols = all_columns
            .remove(&t.name.to_lowercase())
            .unwrap_or_default();
        cross_check(t, &cols);
        mark_auto_named(t);
    }
    for r in &mut schema.raw {
        // The stored text is what was created; keep it exactly (minus a trailing `;`).
        r.sql = r.sql.trim().trim_end_matches(';').trim_end().to_string();
        r.location = None;
    }
    clear_locations(&mut schema);
    SqliteDialect.normalize(&mut schema);
    Ok(schema)
}

/// Parses every object with flash-sql. Objects whose text does not parse are left out (and
/// reported in the returned set, by path); the rest is parsed again without them, so that one
/// unreadable table does not hide the whole schema.
fn parse_objects(objects: &[Object]) -> (Schema, BTreeSet<String>) {
    let mut failed: BTreeSet<String> = BTreeSet::new();
    // Each round removes at least one object, so this ends.
    for _ in 0..=objects.len() {
        let files: Vec<SourceFile> = objects
            .iter()
            .filter(|o| !failed.contains(&o.path()))
            .map(|o| {
                SourceFile::new(
                    o.path(),
                    format!("{};\n", o.sql.trim().trim_end_matches(';')),
                )
            })
            .collect();
        match parse_schema(&files, Provider::Sqlite) {
            Ok(parsed) => return (parsed.schema, failed),
            Err(errors) => {
                let before = failed.len();
                for e in &errors.errors {
                    if objects.iter().any(|o| o.path() == e.file) {
                        failed.insert(e.file.clone());
                    }
                }
                if failed.len() == before {
                    // Errors not tied to one object: give up on parsing altogether.
                    failed.extend(objects.iter().map(Object::path));
                }
            }
        }
    }
    (
        Schema::default(),
        objects.iter().map(Object::path).collect(),
    )
}

/// One row of `pragma_table_xinfo`.
struct XColumn {
    name: String,
    declared: String,
    notnull: bool,
    default: Option<String>,
    pk: i64,
    /// 0 normal, 1 hidden (virtual table), 2 virtual generated, 3 stored generated.
    hidden: i64,
}

fn xcolumn(r: &sqlx::sqlite::SqliteRow, at: usize) -> XColumn {
    XColumn {
        name: cell_text(r, at).unwrap_or_default(),
        declared: cell_text(r, at + 1).unwrap_or_default(),
        notnull: cell_text(r, at + 2).as_deref() == Some("1"),
        default: cell_text(r, at + 3),
        pk: cell_text(r, at + 4)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        hidden: cell_text(r, at + 5)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    }
}

async fn xinfo(conn: &mut SqliteConnection, table: &str) -> Result<Vec<XColumn>, DbError> {
    let rows = sqlx::query(
        "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?1) ORDER BY cid",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(rows.iter().map(|r| xcolumn(r, 0)).collect())
}

/// The columns of every table, by lower-case table name, in one query.
async fn xinfo_all(conn: &mut SqliteConnection) -> Result<BTreeMap<String, Vec<XColumn>>, DbError> {
    let rows = sqlx::query(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden \
         FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS p \
         WHERE m.type = 'table' ORDER BY m.name, p.cid",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let mut out: BTreeMap<String, Vec<XColumn>> = BTreeMap::new();
    for r in &rows {
        let table = cell_text(r, 0).unwrap_or_default().to_lowercase();
        out.entry(table).or_default().push(xcolumn(r, 1));
    }
    Ok(out)
}

/// Makes the parsed table agree with what SQLite reports: the column set, nullability, the
/// primary key columns and which columns are generated. SQLite is the authority on these; the
/// parsed text supplies what the pragmas cannot say (names, expressions, AUTOINCREMENT).
fn cross_check(t: &mut Table, cols: &[XColumn]) {
    if cols.is_empty() {
        return;
    }
    let same_set = cols.len() == t.columns.len()
        && cols
            .iter()
            .zip(&t.columns)
            .all(|(x, c)| x.name.eq_ignore_ascii_case(&c.name));
    if !same_set {
        // The text and the catalog disagree: trust the catalog for the columns.
        t.columns = cols.iter().map(column_from_pragma).collect();
    }
    for (x, c) in cols.iter().zip(t.columns.iter_mut()) {
        if x.notnull {
            c.nullable = false;
        }
        if x.hidden < 2 {
            c.generated = None;
        } else if let Some(g) = &mut c.generated {
            g.stored = x.hidden == 3;
        }
    }
    let mut pk: Vec<(i64, String)> = cols
        .iter()
        .filter(|x| x.pk > 0)
        .map(|x| (x.pk, x.name.clone()))
        .collect();
    pk.sort();
    let pk: Vec<String> = pk.into_iter().map(|(_, n)| n).collect();
    match (&mut t.primary_key, pk.is_empty()) {
        (Some(p), false) => p.columns = pk,
        (None, false) => {
            t.primary_key = Some(PrimaryKey {
                name: None,
                columns: pk,
            })
        }
        (_, true) => t.primary_key = None,
    }
}

fn column_from_pragma(x: &XColumn) -> Column {
    let mut c = Column::new(x.name.clone(), types::column_type(&x.declared));
    c.nullable = !x.notnull;
    if x.hidden < 2 {
        c.default = x.default.clone();
    } else {
        // The pragmas do not give the expression of a generated column.
        c.generated = Some(Generated {
            expr: String::new(),
            stored: x.hidden == 3,
        });
    }
    c
}

/// A table the parser could not read, from the pragmas alone.
async fn table_from_pragmas(conn: &mut SqliteConnection, name: &str) -> Result<Table, DbError> {
    let mut t = Table::new(name);
    let cols = xinfo(conn, name).await?;
    t.columns = cols.iter().map(column_from_pragma).collect();
    cross_check(&mut t, &cols);

    let list =
        sqlx::query("SELECT name, \"unique\", origin FROM pragma_index_list(?1) ORDER BY seq")
            .bind(name)
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?;
    for r in list.iter().rev() {
        let iname = cell_text(r, 0).unwrap_or_default();
        if cell_text(r, 2).as_deref() == Some("u") {
            let idx = index_from_pragmas(conn, name, &iname).await?;
            let columns: Vec<String> = idx.parts.iter().filter_map(|p| p.column.clone()).collect();
            t.uniques.push(UniqueConstraint {
                id: Default::default(),
                name: format!("{}_{}_key", name, columns.join("_")),
                auto_named: true,
                columns,
                location: None,
            });
        }
    }

    let fks = sqlx::query(
        "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
    )
    .bind(name)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let mut current: Option<(String, ForeignKey)> = None;
    for r in &fks {
        let id = cell_text(r, 0).unwrap_or_default();
        if current.as_ref().map(|(i, _)| i) != Some(&id) {
            if let Some((_, fk)) = current.take() {
                t.foreign_keys.push(fk);
            }
            current = Some((
                id,
                ForeignKey {
                    id: Default::default(),
                    name: String::new(),
                    auto_named: true,
                    columns: Vec::new(),
                    ref_schema: None,
                    ref_table: cell_text(r, 2).unwrap_or_default(),
                    ref_columns: Vec::new(),
                    on_delete: action(cell_text(r, 6).as_deref()),
                    on_update: action(cell_text(r, 5).as_deref()),
                    deferrable: false,
                    location: None,
                },
            ));
        }
        if let Some((_, fk)) = &mut current {
            fk.columns.push(cell_text(r, 3).unwrap_or_default());
            if let Some(to) = cell_text(r, 4) {
                fk.ref_columns.push(to);
            }
        }
    }
    if let Some((_, fk)) = current.take() {
        t.foreign_keys.push(fk);
    }
    for fk in &mut t.foreign_keys {
        fk.name = format!("{}_{}_fkey", name, fk.columns.join("_"));
    }
    Ok(t)
}

fn action(text: Option<&str>) -> ReferentialAction {
    match text.unwrap_or("").to_ascii_uppercase().as_str() {
        "CASCADE" => ReferentialAction::Cascade,
        "SET NULL" => ReferentialAction::SetNull,
        "SET DEFAULT" => ReferentialAction::SetDefault,
        "RESTRICT" => ReferentialAction::Restrict,
        _ => ReferentialAction::NoAction,
    }
}

/// An index the parser could not read (an expression key shows as no column).
async fn index_from_pragmas(
    conn: &mut SqliteConnection,
    table: &str,
    name: &str,
) -> Result<Index, DbError> {
    let rows = sqlx::query(
        "SELECT name, \"desc\", coll, key FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno",
    )
    .bind(name)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let unique: Option<i64> =
        sqlx::query_scalar("SELECT \"unique\" FROM pragma_index_list(?1) WHERE name = ?2")
            .bind(table)
            .bind(name)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
    Ok(Index {
        id: Default::default(),
        name: name.to_string(),
        auto_named: false,
        unique: unique == Some(1),
        parts: rows
            .iter()
            .map(|r| IndexPart {
                column: cell_text(r, 0),
                expr: None,
                descending: cell_text(r, 1).as_deref() == Some("1"),
                opclass: cell_text(r, 2).filter(|c| !c.eq_ignore_ascii_case("binary")),
                length: None,
            })
            .collect(),
        method: None,
        predicate: None,
        include: Vec::new(),
        kind: None,
        renamed_from: None,
        location: None,
    })
}

/// Marks constraints whose name is the one flash gives an unnamed constraint, so that they
/// match the same unnamed constraint of a schema file by definition.
fn mark_auto_named(t: &mut Table) {
    let table = t.name.clone();
    for u in &mut t.uniques {
        if u.name == format!("{table}_{}_key", u.columns.join("_")) {
            u.auto_named = true;
        }
    }
    for f in &mut t.foreign_keys {
        if f.name == format!("{table}_{}_fkey", f.columns.join("_")) {
            f.auto_named = true;
        }
    }
    for c in &mut t.checks {
        if is_auto_check_name(&table, &c.name) {
            c.auto_named = true;
        }
    }
}

/// `t_check`, `t_col_check`, `t_col_check1`: the forms of flash's (and PostgreSQL's) names
/// for unnamed checks.
fn is_auto_check_name(table: &str, name: &str) -> bool {
    let Some(rest) = name.strip_prefix(table).and_then(|r| r.strip_prefix('_')) else {
        return false;
    };
    let rest = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    rest == "check" || rest.ends_with("_check")
}

fn clear_locations(s: &mut Schema) {
    for t in &mut s.tables {
        t.location = None;
        t.renamed_from = None;
        for c in &mut t.columns {
            c.location = None;
            c.renamed_from = None;
        }
        for i in &mut t.indexes {
            i.location = None;
            i.renamed_from = None;
        }
        for u in &mut t.uniques {
            u.location = None;
        }
        for k in &mut t.checks {
            k.location = None;
        }
        for f in &mut t.foreign_keys {
            f.location = None;
        }
    }
    for v in &mut s.views {
        v.location = None;
    }
    for r in &mut s.raw {
        r.location = None;
    }
}
