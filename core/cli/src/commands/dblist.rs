//! `flash dblist`.

use crate::args::{Global, JsonArgs};
use crate::output::Output;
use flash::api::ops::database_entries;
use flash::Error;

pub fn run(g: &Global, a: JsonArgs, out: &Output) -> Result<i32, Error> {
    let entries = database_entries(&super::open(g, out)?)?;
    if a.json {
        out.json(&entries);
    } else {
        for e in &entries {
            out.line(&format!(
                "{}{} ({}) {}={}",
                e.name,
                if e.default { " [default]" } else { "" },
                e.provider,
                e.url_env,
                e.url.as_deref().unwrap_or("<not set>")
            ));
        }
    }
    super::ok()
}
