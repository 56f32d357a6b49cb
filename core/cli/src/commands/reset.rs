//! `flash reset`.

use crate::args::{Global, ResetArgs};
use crate::output::Output;
use crate::prompt::TtyPrompt;
use flash::migrate::reset;
use flash::{mask_url, Error};

pub async fn run(g: &Global, a: ResetArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let report = reset(
        &target.project(),
        &url,
        a.force,
        &TtyPrompt,
        &mask_url(&url),
    )
    .await?;
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
