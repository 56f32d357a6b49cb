//! `flash reset`.

use crate::args::{Global, ResetArgs};
use crate::output::Output;
use crate::prompt::TtyPrompt;
use flash::backup::Backup;
use flash::migrate::{reset_guarded, NoSafeguard, Safeguard};
use flash::{mask_url, Error};

pub async fn run(g: &Global, a: ResetArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let backup = Backup::new(&target, &url);
    let guard: &dyn Safeguard = if a.no_backup { &NoSafeguard } else { &backup };
    let result = reset_guarded(
        &target.project(),
        &url,
        a.force,
        &TtyPrompt,
        &mask_url(&url),
        guard,
    )
    .await;
    super::show_backup(&backup, a.json, out);
    let mut report = result?;
    report.backup = backup.written();
    if a.json {
        out.json(&report);
    } else {
        for d in &report.dropped {
            out.line(&format!("  dropped {d}"));
        }
        out.ok(&format!(
            "reset: dropped {} object(s); run `flash apply` to rebuild",
            report.dropped.len()
        ));
    }
    super::ok()
}
