//! `flash dblist`.

use crate::args::{Global, JsonArgs};
use crate::output::Output;
use flash::api::ops::databases;
use flash::Error;

pub fn run(g: &Global, a: JsonArgs, out: &Output) -> Result<i32, Error> {
    // Opening first prints the config warnings and reports config errors as the other commands do.
    super::open(g, out)?;
    let project = flash::api::ProjectOptions {
        config_path: g.config.clone(),
        env: g.env.clone(),
        db: g.db.clone(),
        project_dir: None,
    };
    let entries = match databases(&project) {
        Ok(e) => e,
        Err(e) => {
            out.error(&e.message, e.place.as_deref(), e.help.as_deref());
            return Ok(crate::EXIT_ERROR);
        }
    };
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
