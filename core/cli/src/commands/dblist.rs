//! `flash dblist`.

use crate::args::{Global, JsonArgs};
use crate::output::Output;
use flash::{mask_url, Error};
use serde::Serialize;

#[derive(Serialize)]
struct Entry {
    name: String,
    provider: String,
    default: bool,
    url_env: String,
    url: Option<String>,
    schema_dir: String,
    migrations_path: String,
}

pub fn run(g: &Global, a: JsonArgs, out: &Output) -> Result<i32, Error> {
    let mut opened = super::open(g, out)?;
    let config = opened.config.clone();
    let default_name = config.database(None)?.name.clone();
    let mut entries = Vec::new();
    for d in &config.databases {
        opened.database = d.clone();
        entries.push(Entry {
            name: d.name.clone(),
            provider: d.provider.to_string(),
            default: d.name == default_name,
            url_env: d.url_env.clone(),
            url: opened.env.get(&d.url_env).map(|u| mask_url(&u)),
            schema_dir: d.schema_dir.display().to_string(),
            migrations_path: d.migrations_path.display().to_string(),
        });
    }
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
