//! `flash export`.

use crate::args::{ExportArgs, Global};
use crate::output::Output;
use crate::EXIT_OK;
use flash::data::{export, ExportEvent, ExportFormat, ExportOptions};
use flash::migrate::display_path;
use flash::{mask_url, Error};

pub async fn run(g: &Global, a: ExportArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let format = if a.csv {
        ExportFormat::Csv
    } else if a.sqlite {
        ExportFormat::Sqlite
    } else {
        ExportFormat::Json
    };
    let opts = ExportOptions {
        format,
        tables: a.tables.clone(),
        exclude: a.exclude.clone(),
        schema_only: a.schema_only,
        data_only: a.data_only,
        output: a.output.clone(),
    };
    if !a.json {
        out.note(&format!("database: {}", mask_url(&url)));
    }
    let bar = super::progress::table_spinner(a.json);
    let json = a.json;
    let mut on_event = |e: ExportEvent| {
        super::progress::advance(&bar, &e);
        if let ExportEvent::TableDone { name, rows } = e {
            if !json {
                bar.suspend(|| out.line(&format!("  {name}: {rows} row(s)")));
            }
        }
    };
    let report = export(
        &target.project(),
        &url,
        &opts,
        &target.database.export_path,
        &mut on_event,
    )
    .await;
    bar.finish_and_clear();
    let report = report?;
    if a.json {
        out.json(&report);
        return Ok(EXIT_OK);
    }
    out.ok(&format!(
        "Exported {} table(s), {} row(s) to {}",
        report.tables.len(),
        report.rows,
        display_path(&report.path)
    ));
    Ok(EXIT_OK)
}
