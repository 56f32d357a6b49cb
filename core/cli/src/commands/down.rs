//! `flash down`.

use crate::args::{DownArgs, Global};
use crate::output::Output;
use crate::prompt::TtyPrompt;
use flash::backup::Backup;
use flash::migrate::{down_guarded, DownOptions, DownTarget, NoSafeguard, Safeguard};
use flash::Error;

pub async fn run(g: &Global, a: DownArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let project = target.project();
    let t = match a.to {
        Some(id) => DownTarget::To(id),
        None => DownTarget::Steps(a.steps.unwrap_or(1)),
    };
    let backup = Backup::new(&target, &url);
    let guard: &dyn Safeguard = if a.no_backup { &NoSafeguard } else { &backup };
    let result = down_guarded(
        &project,
        &url,
        &DownOptions {
            target: t,
            yes: a.yes,
            lock_timeout: a.lock_timeout.map(std::time::Duration::from_secs_f64),
        },
        &TtyPrompt,
        guard,
    )
    .await;
    super::show_backup(&backup, a.json, out);
    let mut report = result?;
    report.backup = backup.written();
    if a.json {
        out.json(&report);
        return super::ok();
    }
    if report.waited_for_lock {
        out.note("waited for lock: another flash process was running");
    }
    if report.reverted.is_empty() {
        out.line("Nothing to undo: no migration is applied.");
    }
    for id in &report.reverted {
        out.ok(&format!("reverted {id}"));
    }
    super::ok()
}
