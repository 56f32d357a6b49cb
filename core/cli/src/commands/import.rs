//! `flash import`.

use crate::args::{Global, ImportArgs};
use crate::output::Output;
use crate::EXIT_OK;
use flash::data::{import, ExportEvent, ImportOptions};
use flash::migrate::display_path;
use flash::{mask_url, Error};

pub async fn run(g: &Global, a: ImportArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    if !a.json {
        out.note(&format!("database: {}", mask_url(&url)));
    }
    let opts = ImportOptions {
        data_only: a.data_only,
    };
    let bar = super::progress::table_spinner(a.json);
    let mut on_event = |e: ExportEvent| super::progress::advance(&bar, &e);
    let report = import(&target.project(), &url, &a.path, &opts, &mut on_event).await;
    bar.finish_and_clear();
    let report = report?;
    if a.json {
        out.json(&report);
        return Ok(EXIT_OK);
    }
    for t in &report.tables {
        let created = if t.created { " (table created)" } else { "" };
        out.line(&format!("  {}: {} row(s){created}", t.name, t.rows));
    }
    out.ok(&format!(
        "Imported {} row(s) into {} table(s) from {} ({})",
        report.rows,
        report.tables.len(),
        display_path(&report.path),
        report.format,
    ));
    Ok(EXIT_OK)
}
