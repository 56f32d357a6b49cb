//! `flash gen`.

use crate::args::{GenArgs, Global};
use crate::output::Output;
use crate::EXIT_CHECK;
use flash::gen::verify::{verify, Severity};
use flash::gen::{analyse, generate, FileStatus, GenOptions, LangOptions, Language};
use flash::migrate::display_path;
use flash::Error;

pub async fn run(g: &Global, a: GenArgs, out: &Output) -> Result<i32, Error> {
    let target = super::open(g, out)?;
    let mut languages = Vec::new();
    for l in &a.lang {
        match Language::parse(l.trim()) {
            Some(lang) => languages.push(lang),
            None => {
                return Err(Error::GenOption {
                    key: "--lang".into(),
                    message: format!("`{l}` is not one of: go, js, python"),
                })
            }
        }
    }
    let report = generate(
        &target,
        &GenOptions {
            force: a.force,
            check: a.check,
            languages,
            ir: a.ir.clone(),
        },
    )?;
    let verified = if a.verify {
        let (schema, queries) = analyse(&target)?;
        Some(verify(&target, &schema, &queries).await?)
    } else {
        None
    };
    if a.json {
        match &verified {
            Some(v) => out.json(&serde_json::json!({"generate": report, "verify": v})),
            None => out.json(&report),
        }
    } else {
        for w in &report.warnings {
            out.warning(w, None, None);
        }
        if report.up_to_date {
            out.ok(&format!(
                "Generated code is up to date ({} queries in {} files)",
                report.queries, report.query_files
            ));
        } else {
            for l in &report.languages {
                let driver = match &l.options {
                    LangOptions::Go(o) => serde_json::to_value(o.driver),
                    LangOptions::Js(o) => serde_json::to_value(o.driver),
                    LangOptions::Python(o) => serde_json::to_value(o.driver),
                }
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
                let changed: Vec<_> = l
                    .files
                    .iter()
                    .filter(|f| f.status != FileStatus::Unchanged)
                    .collect();
                out.line(&format!(
                    "{} ({}): {} -> {} files, {} changed",
                    match l.language {
                        Language::Go => "Go",
                        Language::Js => "TypeScript/JavaScript",
                        Language::Python => "Python",
                    },
                    driver,
                    display_path(&l.out),
                    l.files
                        .iter()
                        .filter(|f| f.status != FileStatus::Deleted)
                        .count(),
                    changed.len()
                ));
                for f in changed {
                    let verb = match (f.status, a.check) {
                        (FileStatus::Created, false) => "created",
                        (FileStatus::Updated, false) => "updated",
                        (FileStatus::Deleted, false) => "deleted",
                        (FileStatus::Created, true) => "would create",
                        (FileStatus::Updated, true) => "would update",
                        (FileStatus::Deleted, true) => "would delete",
                        (FileStatus::Unchanged, _) => "unchanged",
                    };
                    out.line(&format!("  {verb} {}", display_path(&f.path)));
                }
            }
            if !a.check {
                out.ok(&format!(
                    "Generated code for {} queries in {} files ({} analysed, {} from the cache)",
                    report.queries,
                    report.query_files,
                    report.analysed_files,
                    report.query_files - report.analysed_files.min(report.query_files)
                ));
            }
        }
    }
    if let Some(v) = &verified {
        if !a.json {
            for p in &v.problems {
                let text = format!("query {}: {}", p.query, p.message);
                match p.severity {
                    Severity::Error => out.error(&text, Some(&p.place), None),
                    Severity::Note => out.note(&format!("note: {} ({text})", p.place)),
                }
            }
            if v.errors() == 0 {
                out.ok(&format!(
                    "The database agrees with the analysis of {} queries",
                    v.checked
                ));
            } else {
                out.error(
                    &format!(
                        "{} disagreement(s) between the database and the analysis",
                        v.errors()
                    ),
                    None,
                    Some("fix the query, the schema files, or state what flash cannot know with `-- flash:column` / `-- flash:param`"),
                );
            }
        }
        if v.errors() > 0 {
            return Ok(crate::EXIT_ERROR);
        }
    }
    if a.check && report.changed {
        if !a.json {
            out.error(
                "the generated code is not up to date",
                None,
                Some("run `flash gen` and commit the result"),
            );
        }
        return Ok(EXIT_CHECK);
    }
    super::ok()
}
