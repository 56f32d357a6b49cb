//! The operations, typed: what [`super::call`] runs for each operation name.

use super::error::{ApiError, ErrorKind};
use super::request::{
    AcceptRequest, AdoptRequest, ApplyRequest, BranchPairRequest, BranchRequest, CheckoutRequest,
    DownRequest, ExportRequest, GenerateRequest, ImportRequest, InitRequest, MigrateRequest,
    PlanRequest, ProjectOptions, PullRequest, RawRequest, ResetRequest, SeedRequest,
};
use crate::env::mask_url;
use crate::error::Error;
use crate::init::InitReport;
use crate::target::Target;
use flash_diff::Rename;
use flash_migrate::{
    AdoptReport, ApplyOptions, ApplyReport, DownOptions, DownReport, DownTarget, GenerateOptions,
    GenerateOutcome, MigrateError, NoPrompt, Notice, PullOptions, PullReport, ResetReport,
    StatusReport,
};
use flash_schema::{Provider, QueryResult};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What `plan` found: the migration `migrate` would write now.
#[derive(Debug, Clone, Serialize)]
pub struct PlanReport {
    /// False when the schema files match the last migration.
    pub has_changes: bool,
    /// One line per change (`+ table users`).
    pub changes: Vec<String>,
    /// Why applying it may lose data.
    pub destructive: Vec<String>,
    pub warnings: Vec<Notice>,
    /// The Up and Down SQL.
    pub up: String,
    pub down: String,
    /// What the schema files were compared with: `snapshot`, `database` or `empty`.
    pub baseline: Option<String>,
}

/// One database of the project, as `databases` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DatabaseEntry {
    pub name: String,
    pub provider: Provider,
    /// The database `--db` picks when it is not given.
    pub default: bool,
    pub url_env: String,
    /// The URL with its password masked, when the variable is set.
    pub url: Option<String>,
    pub schema_dir: PathBuf,
    pub migrations_path: PathBuf,
}

/// What `accept` re-accepted.
#[derive(Debug, Clone, Serialize)]
pub struct AcceptReport {
    pub accepted: Vec<String>,
}

/// The version of the engine.
#[derive(Debug, Clone, Serialize)]
pub struct VersionReport {
    pub version: &'static str,
}

fn open(p: &ProjectOptions) -> Result<Target, ApiError> {
    Ok(Target::open(&p.open_options())?)
}

fn url(t: &Target) -> Result<String, ApiError> {
    Ok(t.require_url()?.to_string())
}

fn renames(specs: &[String]) -> Result<Vec<Rename>, ApiError> {
    specs
        .iter()
        .map(|s| {
            Rename::parse(s).ok_or_else(|| {
                let mut e = ApiError::new(
                    ErrorKind::InvalidRequest,
                    format!("rename `{s}`: expected OLD=NEW or TABLE.OLD=NEW"),
                );
                e.help = Some("e.g. users=accounts or users.mail=email".into());
                e
            })
        })
        .collect()
}

/// The longest `lock_timeout` accepted: a day.
pub const MAX_LOCK_TIMEOUT_SECS: f64 = 86_400.0;

/// A `lock_timeout` in seconds as a duration. It bounds the whole time to take the lock (one
/// round trip included), so it must be more than 0; at most [`MAX_LOCK_TIMEOUT_SECS`].
fn seconds(value: Option<f64>) -> Result<Option<std::time::Duration>, ApiError> {
    value
        .map(|s| {
            if s > 0.0 && s <= MAX_LOCK_TIMEOUT_SECS {
                Ok(std::time::Duration::from_secs_f64(s))
            } else {
                Err(ApiError::new(
                    ErrorKind::InvalidRequest,
                    format!("lock_timeout must be more than 0 and at most 86400 seconds, not {s}"),
                ))
            }
        })
        .transpose()
}

/// The engine's version.
pub fn version() -> VersionReport {
    VersionReport {
        version: crate::VERSION,
    }
}

/// Creates a project: flash.toml, an example schema, the folders. Existing files are kept.
pub fn init(req: &InitRequest) -> Result<InitReport, ApiError> {
    let provider = match &req.provider {
        None => Provider::Sqlite,
        Some(p) => p
            .parse::<Provider>()
            .map_err(|e| ApiError::new(ErrorKind::InvalidRequest, e.to_string()))?,
    };
    let dir = super::request::absolute(req.project_dir.as_deref().unwrap_or(Path::new(".")));
    Ok(crate::init::init(&dir, provider)?)
}

/// The migration `migrate` would write now, without writing anything.
pub async fn plan(req: &PlanRequest) -> Result<PlanReport, ApiError> {
    let t = open(&req.project)?;
    let opts = GenerateOptions {
        name: "plan".into(),
        dry_run: true,
        renames: renames(&req.renames)?,
        no_rename: req.no_rename,
        ..GenerateOptions::default()
    };
    let outcome = flash_migrate::generate(&t.project(), t.url.as_deref(), &opts, &NoPrompt)
        .await
        .map_err(Error::from)?;
    Ok(match outcome {
        GenerateOutcome::NothingToDo { warnings } => PlanReport {
            has_changes: false,
            changes: Vec::new(),
            destructive: Vec::new(),
            warnings,
            up: String::new(),
            down: String::new(),
            baseline: None,
        },
        GenerateOutcome::Planned(r)
        | GenerateOutcome::Uncaptured(r)
        | GenerateOutcome::Written(r) => PlanReport {
            has_changes: true,
            changes: r.changes,
            destructive: r.destructive,
            warnings: r.warnings,
            up: r.up,
            down: r.down,
            baseline: Some(r.baseline),
        },
    })
}

/// Writes a migration for the changes of the schema files (or an empty one).
pub async fn migrate(req: &MigrateRequest) -> Result<GenerateOutcome, ApiError> {
    if req.name.trim().is_empty() {
        return Err(ApiError::new(
            ErrorKind::InvalidRequest,
            "a migration needs a name",
        ));
    }
    let t = open(&req.project)?;
    let opts = GenerateOptions {
        name: req.name.clone(),
        empty: req.empty,
        renames: renames(&req.renames)?,
        no_rename: req.no_rename,
        ..GenerateOptions::default()
    };
    Ok(
        flash_migrate::generate(&t.project(), t.url.as_deref(), &opts, &NoPrompt)
            .await
            .map_err(Error::from)?,
    )
}

/// Applies the pending migrations.
pub async fn apply(req: &ApplyRequest) -> Result<ApplyReport, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let backup = crate::backup::Backup::new(&t, &url);
    let mut report = flash_migrate::apply_guarded(
        &t.project(),
        &url,
        &ApplyOptions {
            yes: req.yes,
            lock_timeout: seconds(req.lock_timeout)?,
        },
        &NoPrompt,
        guard(&backup, req.no_backup),
        &mut |_| {},
    )
    .await
    .map_err(Error::from)?;
    report.backup = backup.written();
    Ok(report)
}

/// Undoes applied migrations: the last one, the last `steps`, or all after `to`.
pub async fn down(req: &DownRequest) -> Result<DownReport, ApiError> {
    let target = match (&req.to, req.steps) {
        (Some(_), Some(_)) => {
            return Err(ApiError::new(
                ErrorKind::InvalidRequest,
                "give `steps` or `to`, not both",
            ))
        }
        (Some(id), None) => DownTarget::To(id.clone()),
        (None, steps) => DownTarget::Steps(steps.unwrap_or(1)),
    };
    let t = open(&req.project)?;
    let url = url(&t)?;
    let backup = crate::backup::Backup::new(&t, &url);
    let mut report = flash_migrate::down_guarded(
        &t.project(),
        &url,
        &DownOptions {
            target,
            yes: req.yes,
            lock_timeout: seconds(req.lock_timeout)?,
        },
        &NoPrompt,
        guard(&backup, req.no_backup),
    )
    .await
    .map_err(Error::from)?;
    report.backup = backup.written();
    Ok(report)
}

/// Every migration with its state.
pub async fn status(project: &ProjectOptions) -> Result<StatusReport, ApiError> {
    let t = open(project)?;
    let url = url(&t)?;
    Ok(flash_migrate::status(&t.project(), &url)
        .await
        .map_err(Error::from)?)
}

/// Drops every object of the database and the history (`force` is required).
pub async fn reset(req: &ResetRequest) -> Result<ResetReport, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let backup = crate::backup::Backup::new(&t, &url);
    let mut report = flash_migrate::reset_guarded(
        &t.project(),
        &url,
        req.force,
        &NoPrompt,
        &mask_url(&url),
        guard(&backup, req.no_backup),
    )
    .await
    .map_err(Error::from)?;
    report.backup = backup.written();
    Ok(report)
}

/// The backup, unless the request turns it off.
fn guard(backup: &crate::backup::Backup, off: bool) -> &dyn flash_migrate::Safeguard {
    if off {
        &flash_migrate::NoSafeguard
    } else {
        backup
    }
}

/// Runs SQL (one or more statements) and returns each statement's result.
pub async fn raw(req: &RawRequest) -> Result<Vec<QueryResult>, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let mut driver = flash_migrate::connect(t.database.provider, &url)
        .await
        .map_err(Error::from)?;
    Ok(driver
        .query(&req.sql)
        .await
        .map_err(|e| Error::from(MigrateError::Db(e)))?)
}

/// Re-accepts edited applied migrations.
pub async fn accept(req: &AcceptRequest) -> Result<AcceptReport, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let accepted = flash_migrate::accept(&t.project(), &url, req.id.as_deref())
        .await
        .map_err(Error::from)?;
    Ok(AcceptReport { accepted })
}

/// The databases of the project.
pub fn databases(project: &ProjectOptions) -> Result<Vec<DatabaseEntry>, ApiError> {
    Ok(database_entries(&open(project)?)?)
}

/// The databases of an opened project (URLs masked).
pub fn database_entries(t: &Target) -> Result<Vec<DatabaseEntry>, Error> {
    let default_name = t.config.database(None)?.name.clone();
    Ok(t.config
        .databases
        .iter()
        .map(|d| DatabaseEntry {
            name: d.name.clone(),
            provider: d.provider,
            default: d.name == default_name,
            url_env: d.url_env.clone(),
            url: t.env.get(&d.url_env).map(|u| mask_url(&u)),
            schema_dir: d.schema_dir.clone(),
            migrations_path: d.migrations_path.clone(),
        })
        .collect())
}

/// Generates typed query code (`flash gen`).
pub fn generate(req: &GenerateRequest) -> Result<crate::gen::GenReport, ApiError> {
    let t = open(&req.project)?;
    let mut languages = Vec::new();
    for l in &req.languages {
        match crate::gen::Language::parse(l) {
            Some(lang) => languages.push(lang),
            None => {
                let mut e = ApiError::new(
                    ErrorKind::InvalidRequest,
                    format!("generate: unknown language `{l}`"),
                );
                e.help = Some("`languages` takes go, js and python".into());
                return Err(e);
            }
        }
    }
    Ok(crate::gen::generate(
        &t,
        &crate::gen::GenOptions {
            force: req.force,
            check: req.check,
            languages,
            ir: None,
        },
    )?)
}

/// Writes the live schema into the schema files.
pub async fn pull(req: &PullRequest) -> Result<PullReport, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let base =
        super::request::absolute(req.project.project_dir.as_deref().unwrap_or(Path::new(".")));
    let opts = PullOptions {
        output: req.output.as_ref().map(|o| base.join(o)),
        backup: req.backup,
        dry_run: req.dry_run,
        namespaces: (!req.schemas.is_empty())
            .then(|| flash_schema::Namespaces::only(req.schemas.clone())),
    };
    Ok(flash_migrate::pull(&t.project(), &url, &opts)
        .await
        .map_err(Error::from)?)
}

/// Exports the data (and schema) as JSON, CSV files or a SQLite file.
pub async fn export(req: &ExportRequest) -> Result<flash_data::ExportReport, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let base =
        super::request::absolute(req.project.project_dir.as_deref().unwrap_or(Path::new(".")));
    let format = match req.format.as_deref().unwrap_or("json") {
        "json" => flash_data::ExportFormat::Json,
        "csv" => flash_data::ExportFormat::Csv,
        "sqlite" => flash_data::ExportFormat::Sqlite,
        other => {
            return Err(ApiError::new(
                ErrorKind::InvalidRequest,
                format!("unknown export format `{other}`"),
            )
            .with_help(Some("use \"json\", \"csv\" or \"sqlite\"".into())))
        }
    };
    let opts = flash_data::ExportOptions {
        format,
        tables: req.tables.clone(),
        exclude: req.exclude.clone(),
        schema_only: req.schema_only,
        data_only: req.data_only,
        output: req.output.as_ref().map(|o| base.join(o)),
    };
    Ok(flash_data::export(
        &t.project(),
        &url,
        &opts,
        &t.database.export_path,
        &mut |_| {},
    )
    .await
    .map_err(Error::from)?)
}

/// Loads a JSON export into the database.
pub async fn import(req: &ImportRequest) -> Result<flash_data::ImportReport, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let base =
        super::request::absolute(req.project.project_dir.as_deref().unwrap_or(Path::new(".")));
    let opts = flash_data::ImportOptions {
        data_only: req.data_only,
    };
    Ok(flash_data::import(
        &t.project(),
        &url,
        &base.join(&req.path),
        &opts,
        &mut |_| {},
    )
    .await
    .map_err(Error::from)?)
}

/// The branches of the database, the current one marked.
pub async fn branches(p: &ProjectOptions) -> Result<crate::branch::BranchList, ApiError> {
    let t = open(p)?;
    Ok(crate::branch::list(&t).await?)
}

/// Creates a branch as a copy of the current one; the project stays where it is.
pub async fn create_branch(req: &BranchRequest) -> Result<crate::branch::BranchReport, ApiError> {
    let t = open(&req.project)?;
    Ok(crate::branch::create(&t, &req.name).await?)
}

/// Switches the project to a branch (`create`: a new copy of the current one).
pub async fn checkout(req: &CheckoutRequest) -> Result<crate::branch::BranchReport, ApiError> {
    let t = open(&req.project)?;
    Ok(crate::branch::checkout(&t, &req.name, req.create).await?)
}

/// Deletes a branch (not main, not the current one).
pub async fn delete_branch(req: &BranchRequest) -> Result<crate::branch::BranchReport, ApiError> {
    let t = open(&req.project)?;
    Ok(crate::branch::delete(&t, &req.name).await?)
}

/// Renames a branch.
pub async fn rename_branch(
    req: &BranchPairRequest,
) -> Result<crate::branch::BranchReport, ApiError> {
    let t = open(&req.project)?;
    Ok(crate::branch::rename(&t, &req.from, &req.to).await?)
}

/// The schema difference between two branches as a migration.
pub async fn diff_branches(
    req: &BranchPairRequest,
) -> Result<crate::branch::BranchDiffReport, ApiError> {
    let t = open(&req.project)?;
    Ok(crate::branch::diff(&t, &req.from, &req.to).await?)
}

/// Fills tables with believable rows (`flash seed`); a script confirms `truncate` with `yes`.
pub async fn seed(req: &SeedRequest) -> Result<flash_data::SeedReport, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let opts = flash_data::SeedOptions {
        counts: req
            .tables
            .iter()
            .map(|(table, count)| flash_data::TableCount {
                table: table.clone(),
                count: *count,
            })
            .collect(),
        count: req.count,
        seed: req.seed,
        truncate: req.truncate,
        dry_run: req.dry_run,
        exclude: req.exclude.clone(),
        yes: req.yes,
    };
    Ok(
        flash_data::seed(&t.project(), &url, &opts, &NoPrompt, &mut |_| {})
            .await
            .map_err(Error::from)?,
    )
}

/// Adopts a database flash never managed.
pub async fn baseline(req: &AdoptRequest) -> Result<AdoptReport, ApiError> {
    let t = open(&req.project)?;
    let url = url(&t)?;
    let name = req.name.clone().unwrap_or_else(|| "baseline".into());
    Ok(flash_migrate::baseline(&t.project(), &url, &name, None)
        .await
        .map_err(Error::from)?)
}

/// What `absorb_drift` did: the migration, or None when there was no drift.
#[derive(Debug, Clone, Serialize)]
pub struct AbsorbReport {
    pub absorbed: Option<AdoptReport>,
}

/// Records the database's out-of-band changes as an applied migration.
pub async fn absorb_drift(req: &AdoptRequest) -> Result<AbsorbReport, ApiError> {
    let name = match req.name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => {
            return Err(ApiError::new(
                ErrorKind::InvalidRequest,
                "absorb_drift needs a migration name",
            ))
        }
    };
    let t = open(&req.project)?;
    let url = url(&t)?;
    let absorbed = flash_migrate::absorb_drift(&t.project(), &url, &name, None)
        .await
        .map_err(Error::from)?;
    Ok(AbsorbReport { absorbed })
}
