//! The statements a seed runs besides the bulk loads: emptying the seeded tables first
//! (`--truncate`) and setting the foreign keys of a broken cycle once their parents are in.

use crate::error::DataError;
use crate::import::table_name;
use flash_schema::{Cell, Driver, Provider, Schema, Table};

/// The scratch table of a deferred foreign key's values.
const FIX_TABLE: &str = "_flash_seed_fix";

/// Empties `tables` (parents first in the slice; emptied children first). PostgreSQL
/// truncates them in one statement (identities restarted) when no other table references
/// them, so no CASCADE can reach further; otherwise, and on MySQL and SQLite, rows are
/// deleted, after the foreign keys among them that may be NULL are cleared (MySQL checks
/// each row at once, so a self-reference or a cycle would otherwise stop the DELETE).
pub(crate) async fn truncate(
    driver: &mut dyn Driver,
    live: &Schema,
    tables: &[Table],
    provider: Provider,
) -> Result<(), DataError> {
    let inside = |fk: &flash_schema::ForeignKey| {
        tables
            .iter()
            .any(|t| t.name == fk.ref_table && t.schema == fk.ref_schema)
    };
    let outside_refs = live.tables.iter().any(|o| {
        !tables
            .iter()
            .any(|t| t.name == o.name && t.schema == o.schema)
            && o.foreign_keys.iter().any(inside)
    });
    let fail = |t: &Table| {
        let name = t.display_name();
        move |e: flash_schema::DbError| {
            DataError::seed_help(
                name.clone(),
                format!("emptying it failed: {e}; nothing was written"),
                "rows of another table reference it: seed that table too, or empty it first",
            )
        }
    };
    if provider == Provider::Postgresql && !outside_refs {
        let list: Vec<String> = tables.iter().map(|t| table_name(t, provider)).collect();
        if list.is_empty() {
            return Ok(());
        }
        let sql = format!("TRUNCATE {} RESTART IDENTITY", list.join(", "));
        return driver
            .query(&sql)
            .await
            .map(|_| ())
            .map_err(fail(&tables[0]));
    }
    for t in tables {
        let nullable: Vec<String> = t
            .foreign_keys
            .iter()
            .filter(|fk| inside(fk))
            .flat_map(|fk| fk.columns.iter())
            .filter(|c| t.column(c).is_some_and(|c| c.nullable))
            .map(|c| format!("{} = NULL", provider.quote_ident(c)))
            .collect();
        if !nullable.is_empty() {
            let sql = format!(
                "UPDATE {} SET {}",
                table_name(t, provider),
                nullable.join(", ")
            );
            driver.query(&sql).await.map_err(fail(t))?;
        }
    }
    for t in tables.iter().rev() {
        let sql = format!("DELETE FROM {}", table_name(t, provider));
        driver.query(&sql).await.map_err(fail(t))?;
    }
    Ok(())
}

/// Sets foreign key columns `fk_cols` of the rows of `t` whose primary key (`pk_cols`) is
/// given: each row of `rows` is the key followed by the values. The values go in by the
/// bulk path into a scratch table, then one UPDATE joins it.
pub(crate) async fn set_deferred(
    driver: &mut dyn Driver,
    t: &Table,
    pk_cols: &[String],
    fk_cols: &[String],
    rows: Vec<Vec<Cell>>,
    provider: Provider,
) -> Result<(), DataError> {
    if rows.is_empty() {
        return Ok(());
    }
    let q = |c: &str| provider.quote_ident(c);
    let all: Vec<String> = pk_cols.iter().chain(fk_cols).cloned().collect();
    let select: Vec<String> = all.iter().map(|c| q(c)).collect();
    let target = table_name(t, provider);
    let scratch = q(FIX_TABLE);
    let create = match provider {
        Provider::Postgresql => format!(
            "CREATE TEMPORARY TABLE {scratch} AS SELECT {} FROM {target} WHERE false",
            select.join(", ")
        ),
        Provider::Mysql => format!(
            "CREATE TEMPORARY TABLE {scratch} AS SELECT {} FROM {target} WHERE 1 = 0",
            select.join(", ")
        ),
        _ => format!(
            "CREATE TEMP TABLE {scratch} AS SELECT {} FROM {target} WHERE 0",
            select.join(", ")
        ),
    };
    let on: Vec<String> = pk_cols
        .iter()
        .map(|c| format!("t0.{} = x.{}", q(c), q(c)))
        .collect();
    let update = match provider {
        Provider::Mysql => {
            let set: Vec<String> = fk_cols
                .iter()
                .map(|c| format!("t0.{} = x.{}", q(c), q(c)))
                .collect();
            format!(
                "UPDATE {target} AS t0 JOIN {scratch} AS x ON {} SET {}",
                on.join(" AND "),
                set.join(", ")
            )
        }
        _ => {
            let set: Vec<String> = fk_cols
                .iter()
                .map(|c| format!("{} = x.{}", q(c), q(c)))
                .collect();
            format!(
                "UPDATE {target} AS t0 SET {} FROM {scratch} AS x WHERE {}",
                set.join(", "),
                on.join(" AND ")
            )
        }
    };
    let fail = |e: flash_schema::DbError| {
        DataError::seed(
            t.display_name(),
            format!(
                "setting {} after the other tables of its cycle failed: {e}; nothing was written",
                fk_cols.join(", ")
            ),
        )
    };
    driver.query(&create).await.map_err(fail)?;
    let scratch_table = Table::new(FIX_TABLE);
    driver
        .load_rows(&scratch_table, &all, rows)
        .await
        .map_err(fail)?;
    driver.query(&update).await.map_err(fail)?;
    // MySQL commits on DROP TABLE, but not on DROP TEMPORARY TABLE.
    let drop = if provider == Provider::Mysql {
        format!("DROP TEMPORARY TABLE {scratch}")
    } else {
        format!("DROP TABLE {scratch}")
    };
    driver.query(&drop).await.map_err(fail)?;
    Ok(())
}
