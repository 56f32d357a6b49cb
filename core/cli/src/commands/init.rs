//! `flash init`.

use crate::args::InitArgs;
use crate::output::Output;
use flash::{Error, Provider};

pub fn run(a: InitArgs, out: &Output) -> Result<i32, Error> {
    let provider = if a.postgresql {
        Provider::Postgresql
    } else if a.mysql {
        Provider::Mysql
    } else {
        Provider::Sqlite
    };
    let dir = a.dir.unwrap_or_else(|| std::path::PathBuf::from("."));
    let report = flash::init(&dir, provider)?;
    for p in &report.created {
        out.ok(&format!("created {}", p.display()));
    }
    for p in &report.kept {
        out.note(&format!("kept existing {}", p.display()));
    }
    for l in &report.languages {
        out.ok(&format!(
            "found {}: enabled [gen.{}] in flash.toml",
            l.file, l.gen
        ));
    }
    out.line("\nNext: edit db/schema/schema.sql (and DATABASE_URL in .env), then run\n  flash migrate \"init\"\n  flash apply");
    super::ok()
}
