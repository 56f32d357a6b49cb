//! The spinner of `export`, `import` and `seed`: one line per table with its row count.

use flash::data::ExportEvent;
use indicatif::{ProgressBar, ProgressStyle};

/// A spinner drawn only on a terminal, never with `--json`.
pub fn table_spinner(json: bool) -> ProgressBar {
    let bar = if json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {pos} rows ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

/// Moves `bar` for `e`: a new table restarts it, rows move it.
pub fn advance(bar: &ProgressBar, e: &ExportEvent) {
    match e {
        ExportEvent::Table { name, .. } => {
            bar.reset();
            bar.set_message(name.clone());
        }
        ExportEvent::Rows { rows, .. } => bar.set_position(*rows),
        ExportEvent::TableDone { .. } => {}
    }
}
