//! `flash export`.

use crate::args::{ExportArgs, Global};
use crate::output::Output;
use crate::EXIT_OK;
use flash::data::{export, ExportEvent, ExportFormat, ExportOptions};
use flash::migrate::display_path;
use flash::{mask_url, Error};
use indicatif::{ProgressBar, ProgressStyle};

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
    // A spinner per table with its row count; drawn only on a terminal, never with --json.
    let bar = if a.json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {pos} rows ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let json = a.json;
    let mut on_event = |e: ExportEvent| match e {
        ExportEvent::Table { name, .. } => {
            bar.reset();
            bar.set_message(name);
        }
        ExportEvent::Rows { rows, .. } => bar.set_position(rows),
        ExportEvent::TableDone { name, rows } => {
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
