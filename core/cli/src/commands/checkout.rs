//! `flash checkout [-b] NAME`.

use crate::args::{CheckoutArgs, Global};
use crate::output::Output;
use crate::EXIT_OK;
use flash::branch;
use flash::Error;

pub async fn run(g: &Global, a: CheckoutArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open_quiet(g, out)?;
    let report = branch::checkout(&target, &a.name, a.create).await?;
    if a.json {
        out.json(&report);
    } else {
        super::branch::show(&report, out);
    }
    Ok(EXIT_OK)
}
