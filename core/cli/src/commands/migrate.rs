//! `flash migrate "name"`.

use crate::args::{Global, MigrateArgs};
use crate::output::Output;
use crate::prompt::TtyPrompt;
use crate::{EXIT_CHECK, EXIT_OK, EXIT_USAGE};
use flash::migrate::{display_path, generate, GenerateOptions, GenerateOutcome};
use flash::{Error, Rename};

pub async fn run(g: &Global, a: MigrateArgs, out: &Output) -> Result<i32, Error> {
    let mut renames = Vec::new();
    for spec in &a.rename {
        match Rename::parse(spec) {
            Some(r) => renames.push(r),
            None => {
                out.error(
                    &format!("--rename {spec}: expected OLD=NEW or TABLE.OLD=NEW"),
                    None,
                    Some("e.g. --rename users=accounts or --rename users.mail=email"),
                );
                return Ok(EXIT_USAGE);
            }
        }
    }
    let name = match (&a.name, a.check || a.dry_run) {
        (Some(n), _) => n.clone(),
        (None, true) => "check".to_string(),
        (None, false) => {
            out.error(
                "a migration needs a name",
                None,
                Some("flash migrate \"add users table\""),
            );
            return Ok(EXIT_USAGE);
        }
    };
    let target = super::open(g, out)?;
    let project = target.project();
    if a.absorb_drift {
        return super::baseline::absorb(&target, &project, &name, a.json, out).await;
    }
    let opts = GenerateOptions {
        name,
        empty: a.empty,
        check: a.check,
        dry_run: a.dry_run,
        renames,
        no_rename: a.no_rename,
        now: None,
    };
    let outcome = generate(&project, target.url.as_deref(), &opts, &TtyPrompt).await?;
    if a.json {
        out.json(&outcome);
    }
    match outcome {
        GenerateOutcome::NothingToDo { warnings } => {
            if !a.json {
                for w in &warnings {
                    out.warning(&w.message, w.place.as_deref(), w.help.as_deref());
                }
                out.line("No schema changes: the schema files match the last migration. Nothing written.");
            }
            Ok(EXIT_OK)
        }
        GenerateOutcome::Uncaptured(r) => {
            if !a.json {
                out.line(&format!(
                    "The schema files have changes that no migration captures ({}):",
                    r.changes.len()
                ));
                for c in &r.changes {
                    out.line(&format!("  {c}"));
                }
                out.note("run `flash migrate \"name\"` to capture them");
            }
            Ok(EXIT_CHECK)
        }
        GenerateOutcome::Planned(r) => {
            if !a.json {
                for w in &r.warnings {
                    out.warning(&w.message, w.place.as_deref(), w.help.as_deref());
                }
                out.line(&format!(
                    "Would write {} (dry run, nothing written):",
                    display_path(&r.path)
                ));
                for c in &r.changes {
                    out.line(&format!("  {c}"));
                }
                out.line("-- +migrate Up");
                out.line(r.up.trim_end());
                out.line("-- +migrate Down");
                out.line(r.down.trim_end());
                for d in &r.destructive {
                    out.line(&format!("  ! {d}"));
                }
            }
            Ok(EXIT_OK)
        }
        GenerateOutcome::Written(r) => {
            if !a.json {
                for w in &r.warnings {
                    out.warning(&w.message, w.place.as_deref(), w.help.as_deref());
                }
                out.ok(&format!("wrote {} ({})", display_path(&r.path), r.id));
                for c in &r.changes {
                    out.line(&format!("  {c}"));
                }
                if !r.destructive.is_empty() {
                    out.warning(
                        "this migration is DESTRUCTIVE: applying it may lose data",
                        None,
                        Some(
                            "review it; `flash apply` will ask before running it (or needs --yes)",
                        ),
                    );
                    for d in &r.destructive {
                        out.line(&format!("  ! {d}"));
                    }
                }
                if opts.empty {
                    out.note("fill in the Up and Down sections, then run `flash apply`");
                } else {
                    out.note("next: `flash apply`");
                }
            }
            Ok(EXIT_OK)
        }
    }
}
