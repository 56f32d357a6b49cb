//! PostgreSQL: a branch is a schema of the same database, `<main schema>__<branch>`.
//!
//! Creating one copies the current schema of the source in one REPEATABLE READ transaction:
//! the model is read with the normal inspection, planned from the empty schema by the dialect
//! (tables, enums, identity and serial columns with sequences of their own, defaults, CHECKs,
//! indexes, views, comments) with the branch as the only schema on the `search_path`, the rows
//! copied with `INSERT ... SELECT`, the foreign keys added (they point inside the branch, since
//! the model names the current schema as no schema at all), every owned sequence set to its
//! source value, and the history table copied. A failure rolls everything back: no half
//! schema is left.

use super::copy::{affected, column, not_copied, scalar, Copied};
use super::plan::create_in_two_steps;
use crate::error::Error;
use flash_migrate::MigrateError;
use flash_schema::{Column, Driver, Provider, TypeKind, LEDGER_TABLE};

const P: Provider = Provider::Postgresql;

/// The connection's current schema: main's, or the branch's on a branch URL.
pub async fn current_schema(d: &mut dyn Driver) -> Result<String, Error> {
    scalar(d, "SELECT current_schema()")
        .await
        .map_err(MigrateError::Db)?
        .ok_or_else(|| {
            Error::from(MigrateError::Db(flash_schema::DbError::new(
                "no schema of the search_path exists (current_schema() is NULL)",
            )))
        })
}

/// Every schema of the database (branches are found among them by name).
pub async fn schemas(d: &mut dyn Driver) -> Result<Vec<String>, Error> {
    Ok(column(
        d,
        "SELECT nspname::text FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' ORDER BY 1",
    )
    .await
    .map_err(MigrateError::Db)?)
}

/// Copies the current schema of `source` (a connection) into the new schema `dest`.
pub async fn create(source: &mut dyn Driver, dest: &str) -> Result<Copied, Error> {
    let src = current_schema(source).await?;
    let model = source.inspect().await.map_err(MigrateError::Db)?;
    let mut copied = Copied {
        tables: model.tables.len(),
        views: model.views.len(),
        rows: Some(0),
        not_copied: not_copied(source).await.map_err(MigrateError::Db)?,
    };
    let (tables_sql, keys_sql) = create_in_two_steps(P, &model)?;
    // One snapshot for every table and the history; DDL is transactional, so a failure
    // anywhere leaves nothing behind.
    source
        .query("BEGIN ISOLATION LEVEL REPEATABLE READ")
        .await
        .map_err(MigrateError::Db)?;
    let result = async {
        let (s, b) = (
            Provider::Postgresql.quote_ident(&src),
            Provider::Postgresql.quote_ident(dest),
        );
        source
            .query(&format!(
                "CREATE SCHEMA {b}; SELECT set_config('search_path', {}, true)",
                P.quote_literal(&b)
            ))
            .await?;
        if !tables_sql.trim().is_empty() {
            source.query(&tables_sql).await?;
        }
        let mut rows = 0;
        for t in &model.tables {
            let cols: Vec<&Column> = t.columns.iter().filter(|c| c.generated.is_none()).collect();
            if cols.is_empty() {
                continue;
            }
            let names = cols
                .iter()
                .map(|c| Provider::Postgresql.quote_ident(&c.name))
                .collect::<Vec<_>>()
                .join(", ");
            let values = cols
                .iter()
                .map(|c| select_expr(c))
                .collect::<Vec<_>>()
                .join(", ");
            let name = Provider::Postgresql.quote_ident(&t.name);
            // OVERRIDING SYSTEM VALUE: GENERATED ALWAYS identities keep their values.
            rows += affected(
                source,
                &format!(
                    "INSERT INTO {b}.{name} ({names}) OVERRIDING SYSTEM VALUE \
                     SELECT {values} FROM {s}.{name}"
                ),
            )
            .await?;
        }
        if !keys_sql.trim().is_empty() {
            source.query(&keys_sql).await?;
        }
        source.query(&sequences_sql(&src, dest)).await?;
        let has_ledger = scalar(
            source,
            &format!(
                "SELECT to_regclass({}) IS NOT NULL",
                P.quote_literal(&format!("{s}.{LEDGER_TABLE}"))
            ),
        )
        .await?;
        if has_ledger.as_deref() == Some("t") || has_ledger.as_deref() == Some("true") {
            source
                .query(&format!(
                    "CREATE TABLE {b}.{LEDGER_TABLE} (LIKE {s}.{LEDGER_TABLE} INCLUDING ALL); \
                     INSERT INTO {b}.{LEDGER_TABLE} SELECT * FROM {s}.{LEDGER_TABLE}"
                ))
                .await?;
        }
        Ok::<u64, flash_schema::DbError>(rows)
    }
    .await;
    match result {
        Ok(rows) => {
            source.query("COMMIT").await.map_err(MigrateError::Db)?;
            copied.rows = Some(rows);
            Ok(copied)
        }
        Err(e) => {
            let _ = source.query("ROLLBACK").await;
            Err(super::copy_error(&src, dest, e))
        }
    }
}

/// A source column as the branch column takes it. An enum column's type is the main schema's
/// enum, a different type from the branch's copy: it goes through its text form.
fn select_expr(c: &Column) -> String {
    let is_enum = |k: &TypeKind| matches!(k, TypeKind::Enum { .. });
    let enumish = match &c.ty.kind {
        TypeKind::Array { element } => is_enum(element),
        k => is_enum(k),
    };
    if enumish {
        format!(
            "{}::text::{}",
            Provider::Postgresql.quote_ident(&c.name),
            c.ty.raw
        )
    } else {
        Provider::Postgresql.quote_ident(&c.name)
    }
}

/// Sets every sequence a column of the branch owns (identity or serial) to the value of the
/// source column's sequence, so both go on from where the source was and then advance
/// independently. A source sequence never used is left at its start.
fn sequences_sql(src: &str, dest: &str) -> String {
    format!(
        "SELECT setval(pg_get_serial_sequence(format('%I.%I', {dest}::text, c.relname), a.attname),
                       s.last_value, true)
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         JOIN pg_depend d ON d.refobjid = c.oid AND d.refobjsubid = a.attnum
                         AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         JOIN pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
         JOIN pg_namespace sn ON sn.oid = sc.relnamespace
         JOIN pg_sequences s ON s.schemaname = sn.nspname AND s.sequencename = sc.relname
         WHERE n.nspname = {src} AND c.relkind IN ('r', 'p') AND s.last_value IS NOT NULL",
        src = P.quote_literal(src),
        dest = P.quote_literal(dest),
    )
}

/// Drops a branch schema with everything in it.
pub async fn remove(d: &mut dyn Driver, location: &str) -> Result<(), Error> {
    d.query(&format!(
        "DROP SCHEMA {} CASCADE",
        Provider::Postgresql.quote_ident(location)
    ))
    .await
    .map_err(MigrateError::Db)?;
    Ok(())
}

/// Renames a branch schema (objects, sequences and defaults follow: they are bound by oid).
pub async fn rename(d: &mut dyn Driver, from: &str, to: &str) -> Result<(), Error> {
    d.query(&format!(
        "ALTER SCHEMA {} RENAME TO {}",
        Provider::Postgresql.quote_ident(from),
        Provider::Postgresql.quote_ident(to)
    ))
    .await
    .map_err(MigrateError::Db)?;
    Ok(())
}
