//! `flash accept`.

use crate::args::{AcceptArgs, Global};
use crate::output::Output;
use flash::migrate::accept;
use flash::Error;

pub async fn run(g: &Global, a: AcceptArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let url = target.require_url()?.to_string();
    let id = if a.all { None } else { a.id.as_deref() };
    let accepted = accept(&target.project(), &url, id).await?;
    if accepted.is_empty() {
        out.line("Nothing to accept: every applied migration matches its file.");
    }
    for id in accepted {
        out.ok(&format!("accepted the edited {id}"));
    }
    super::ok()
}
