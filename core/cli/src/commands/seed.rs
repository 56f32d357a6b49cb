//! `flash seed`.

use crate::args::{Global, SeedArgs};
use crate::output::Output;
use crate::prompt::TtyPrompt;
use crate::EXIT_OK;
use flash::data::{seed, SeedOptions, SeededTable};
use flash::{mask_url, Error};

pub async fn run(g: &Global, a: SeedArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    // Chosen here rather than in the library so that it is printed even if the seed fails.
    let seed_value = a.seed.unwrap_or_else(flash::data::random_seed);
    if !a.json {
        out.note(&format!("database: {}", mask_url(&url)));
        if a.seed.is_none() {
            out.note(&format!(
                "seed: {seed_value} (pass --seed {seed_value} for the same rows again)"
            ));
        }
    }
    let opts = SeedOptions {
        counts: a.counts,
        count: a.count,
        seed: Some(seed_value),
        truncate: a.truncate,
        dry_run: a.dry_run,
        exclude: a.exclude,
        yes: a.yes,
    };
    let bar = super::progress::table_spinner(a.json);
    let mut on_event = |e: flash::data::ExportEvent| super::progress::advance(&bar, &e);
    let report = seed(&target.project(), &url, &opts, &TtyPrompt, &mut on_event).await;
    bar.finish_and_clear();
    let report = report?;
    if a.json {
        out.json(&report);
        return Ok(EXIT_OK);
    }
    if !report.truncated.is_empty() && !report.dry_run {
        out.line(&format!("  emptied first: {}", report.truncated.join(", ")));
    }
    if !report.reused.is_empty() {
        out.line(&format!(
            "  reused (existing rows referenced): {}",
            report.reused.join(", ")
        ));
    }
    for t in &report.tables {
        out.line(&format!("  {}", describe(t)));
        for row in t.sample.iter().flat_map(|s| s.rows.iter()) {
            let Some(columns) = t.sample.as_ref().map(|s| &s.columns) else {
                continue;
            };
            let obj: serde_json::Map<String, serde_json::Value> =
                columns.iter().cloned().zip(row.iter().cloned()).collect();
            out.line(&format!(
                "      {}",
                serde_json::to_string(&obj).unwrap_or_default()
            ));
        }
    }
    let secs = report.elapsed_ms as f64 / 1000.0;
    if report.dry_run {
        out.ok(&format!(
            "Dry run: would seed {} row(s) into {} table(s) with seed {}; nothing was written",
            report.rows,
            report.tables.len(),
            report.seed
        ));
    } else {
        out.ok(&format!(
            "Seeded {} row(s) into {} table(s) in {secs:.2}s (seed {})",
            report.rows,
            report.tables.len(),
            report.seed
        ));
    }
    Ok(EXIT_OK)
}

fn describe(t: &SeededTable) -> String {
    let mut s = format!("{}: {} row(s)", t.name, t.rows);
    if t.added_as_parent {
        s.push_str(" (added: an empty parent)");
    }
    for d in &t.deferred {
        s.push_str(&format!("; {d} set afterwards (cycle)"));
    }
    for n in &t.nulled {
        s.push_str(&format!("; {n} left NULL (excluded, empty)"));
    }
    for c in &t.unchecked {
        s.push_str(&format!("; CHECK not read by seed: {c}"));
    }
    s
}
