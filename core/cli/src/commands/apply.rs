//! `flash apply`.

use crate::args::{ApplyArgs, Global};
use crate::output::Output;
use crate::prompt::TtyPrompt;
use flash::backup::Backup;
use flash::migrate::{apply_guarded, ApplyEvent, ApplyOptions, NoSafeguard, Safeguard};
use flash::{mask_url, Error};
use indicatif::{ProgressBar, ProgressStyle};

pub async fn run(g: &Global, a: ApplyArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let project = target.project();
    if !a.json {
        out.note(&format!("database: {}", mask_url(&url)));
    }
    // indicatif draws only on a terminal; --json never draws.
    let bar = if a.json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let json = a.json;
    let mut on_event = |e: ApplyEvent| match e {
        ApplyEvent::WaitingForLock => {}
        ApplyEvent::Locked => {}
        ApplyEvent::Starting { id, index, total } => {
            if index == 0 {
                bar.set_length(total as u64);
            }
            bar.set_message(id);
        }
        ApplyEvent::Applied { id, millis } => {
            bar.inc(1);
            if !json {
                bar.suspend(|| out.ok(&format!("applied {id} ({millis} ms)")));
            }
        }
        ApplyEvent::AlreadyApplied { id } => {
            bar.inc(1);
            if !json {
                bar.suspend(|| out.note(&format!("{id} was applied by another process meanwhile")));
            }
        }
    };
    let backup = Backup::new(&target, &url);
    let guard: &dyn Safeguard = if a.no_backup { &NoSafeguard } else { &backup };
    let result = apply_guarded(
        &project,
        &url,
        &ApplyOptions {
            yes: a.yes,
            lock_timeout: a.lock_timeout.map(std::time::Duration::from_secs_f64),
        },
        &TtyPrompt,
        guard,
        &mut on_event,
    )
    .await;
    bar.finish_and_clear();
    super::show_backup(&backup, a.json, out);
    let mut report = result?;
    report.backup = backup.written();
    if a.json {
        out.json(&report);
        return super::ok();
    }
    if report.waited_for_lock {
        out.note("waited for lock: another flash process was applying migrations");
    }
    for id in &report.out_of_order {
        out.warning(
            &format!("{id} was applied out of order: a later migration was already applied"),
            None,
            None,
        );
    }
    if report.applied.is_empty() {
        out.line("Nothing to apply: the database is up to date.");
    } else {
        out.line(&format!("Applied {} migration(s).", report.applied.len()));
    }
    super::ok()
}
