//! MySQL/MariaDB: a branch is a database of the same server, `<main database>__<branch>`.
//!
//! Creating one: `CREATE DATABASE` with the source's character set and collation, the tables
//! and views planned by the dialect from the inspected model (run on a connection to the new
//! database, so unqualified names land there), the rows copied with `INSERT ... SELECT` in one
//! transaction with a consistent snapshot, `AUTO_INCREMENT` counters set to the source's, the
//! foreign keys added, the history table copied. MySQL commits DDL as it goes, so a failure
//! drops the new database again.

use super::copy::{affected, column, not_copied, scalar, Copied};
use super::plan::{copied_columns, create_in_two_steps};
use super::url::branch_url;
use crate::error::Error;
use flash_migrate::MigrateError;
use flash_schema::{DbError, Driver, Provider, LEDGER_TABLE};

const P: Provider = Provider::Mysql;

/// The connection's database.
pub async fn current_database(d: &mut dyn Driver) -> Result<String, Error> {
    scalar(d, "SELECT DATABASE()")
        .await
        .map_err(MigrateError::Db)?
        .ok_or_else(|| {
            Error::from(MigrateError::Db(DbError::new(
                "the URL names no database; branches need one (mysql://host/DATABASE)",
            )))
        })
}

/// Every database of the server (branches are found among them by name).
pub async fn databases(d: &mut dyn Driver) -> Result<Vec<String>, Error> {
    Ok(column(
        d,
        "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME",
    )
    .await
    .map_err(MigrateError::Db)?)
}

/// Copies the database of `source` (a connection; `source_url` its URL) into the new
/// database `dest`.
pub async fn create(
    source: &mut dyn Driver,
    source_url: &str,
    dest: &str,
) -> Result<Copied, Error> {
    let src = current_database(source).await?;
    let model = source.inspect().await.map_err(MigrateError::Db)?;
    let mut copied = Copied {
        tables: model.tables.len(),
        views: model.views.len(),
        rows: Some(0),
        not_copied: not_copied(source).await.map_err(MigrateError::Db)?,
    };
    let (tables_sql, keys_sql) = create_in_two_steps(P, &model)?;
    let charset = source
        .query(&format!(
            "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME \
             FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {}",
            P.quote_literal(&src)
        ))
        .await
        .map_err(MigrateError::Db)?
        .pop()
        .and_then(|r| r.rows.into_iter().next())
        .map(|row| {
            let get = |i: usize| row.get(i).cloned().flatten().unwrap_or_default();
            (get(0), get(1))
        })
        .unwrap_or_default();
    let mut create_db = format!("CREATE DATABASE {}", Provider::Mysql.quote_ident(dest));
    if !charset.0.is_empty() {
        create_db.push_str(&format!(" CHARACTER SET {}", charset.0));
    }
    if !charset.1.is_empty() {
        create_db.push_str(&format!(" COLLATE {}", charset.1));
    }
    source.query(&create_db).await.map_err(MigrateError::Db)?;
    let dest_url = branch_url(P, source_url, dest)?;
    let result = fill(&model, &src, &dest_url, &tables_sql, &keys_sql).await;
    match result {
        Ok(rows) => {
            copied.rows = Some(rows);
            Ok(copied)
        }
        Err(e) => {
            // DDL was committed as it ran: take the whole database back.
            let _ = source
                .query(&format!(
                    "DROP DATABASE IF EXISTS {}",
                    Provider::Mysql.quote_ident(dest)
                ))
                .await;
            Err(super::copy_error(&src, dest, e))
        }
    }
}

async fn fill(
    model: &flash_schema::Schema,
    src: &str,
    dest_url: &str,
    tables_sql: &str,
    keys_sql: &str,
) -> Result<u64, DbError> {
    let mut d = flash_migrate::connect(P, dest_url)
        .await
        .map_err(|e| DbError::new(e.to_string()))?;
    let d = d.as_mut();
    if !tables_sql.trim().is_empty() {
        d.query(tables_sql).await?;
    }
    let s = Provider::Mysql.quote_ident(src);
    d.query("START TRANSACTION WITH CONSISTENT SNAPSHOT")
        .await?;
    let mut rows = 0;
    for t in &model.tables {
        let cols = copied_columns(t)
            .iter()
            .map(|c| Provider::Mysql.quote_ident(c))
            .collect::<Vec<_>>()
            .join(", ");
        if cols.is_empty() {
            continue;
        }
        let name = Provider::Mysql.quote_ident(&t.name);
        rows += affected(
            d,
            &format!("INSERT INTO {name} ({cols}) SELECT {cols} FROM {s}.{name}"),
        )
        .await?;
    }
    d.query("COMMIT").await?;
    // MySQL 8 caches table statistics (AUTO_INCREMENT among them) for a day by default;
    // MariaDB has no such setting, hence the ignored error.
    let _ = d
        .query("SET SESSION information_schema_stats_expiry = 0")
        .await;
    let counters = d
        .query(&format!(
            "SELECT TABLE_NAME, AUTO_INCREMENT FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = {} AND AUTO_INCREMENT IS NOT NULL",
            P.quote_literal(src)
        ))
        .await?;
    for row in counters.iter().flat_map(|r| r.rows.iter()) {
        if let (Some(Some(table)), Some(Some(next))) = (row.first(), row.get(1)) {
            if table != LEDGER_TABLE && next.chars().all(|c| c.is_ascii_digit()) {
                d.query(&format!(
                    "ALTER TABLE {} AUTO_INCREMENT = {next}",
                    Provider::Mysql.quote_ident(table)
                ))
                .await?;
            }
        }
    }
    if !keys_sql.trim().is_empty() {
        d.query(keys_sql).await?;
    }
    let has_ledger = scalar(
        d,
        &format!(
            "SELECT COUNT(*) FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = {} AND TABLE_NAME = {}",
            P.quote_literal(src),
            P.quote_literal(LEDGER_TABLE)
        ),
    )
    .await?;
    if has_ledger.as_deref() != Some("0") {
        d.query(&format!(
            "CREATE TABLE {LEDGER_TABLE} LIKE {s}.{LEDGER_TABLE}; \
             INSERT INTO {LEDGER_TABLE} SELECT * FROM {s}.{LEDGER_TABLE}"
        ))
        .await?;
    }
    Ok(rows)
}

/// Drops a branch database.
pub async fn remove(d: &mut dyn Driver, location: &str) -> Result<(), Error> {
    d.query(&format!(
        "DROP DATABASE {}",
        Provider::Mysql.quote_ident(location)
    ))
    .await
    .map_err(MigrateError::Db)?;
    Ok(())
}
