//! `flash raw`.

use crate::args::{Global, RawArgs};
use crate::output::Output;
use crate::EXIT_USAGE;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use flash::migrate::{connect, MigrateError};
use flash::Error;
use std::path::PathBuf;

pub async fn run(g: &Global, a: RawArgs, out: &Output) -> Result<i32, Error> {
    let file = match (&a.file, &a.sql) {
        (Some(f), _) => Some(f.clone()),
        (None, Some(s)) if s.trim_end().ends_with(".sql") && PathBuf::from(s.trim()).is_file() => {
            Some(PathBuf::from(s.trim()))
        }
        _ => None,
    };
    let sql = match (&file, &a.sql) {
        (Some(f), _) => std::fs::read_to_string(f).map_err(|e| Error::Io {
            path: f.clone(),
            message: e.to_string(),
        })?,
        (None, Some(s)) => s.clone(),
        (None, None) => {
            out.error(
                "no SQL given",
                None,
                Some("flash raw \"SELECT 1\" or flash raw --file query.sql"),
            );
            return Ok(EXIT_USAGE);
        }
    };
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let mut driver = connect(target.database.provider, &url).await?;
    let results = driver.query(&sql).await.map_err(MigrateError::Db)?;
    if a.json {
        out.json(&results);
        return super::ok();
    }
    for r in &results {
        if r.columns.is_empty() {
            out.line(&format!("{} row(s) affected", r.rows_affected));
            continue;
        }
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header(r.columns.clone());
        for row in &r.rows {
            table.add_row(
                row.iter()
                    .map(|c| c.clone().unwrap_or_else(|| "NULL".into()))
                    .collect::<Vec<_>>(),
            );
        }
        out.line(&table.to_string());
        out.line(&format!(
            "({} row{})",
            r.rows.len(),
            if r.rows.len() == 1 { "" } else { "s" }
        ));
    }
    super::ok()
}
