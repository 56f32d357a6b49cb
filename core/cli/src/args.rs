//! The command line grammar (clap).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// flash: SQL-first schema migrations and typed query code.
#[derive(Debug, Parser)]
#[command(
    name = "flash",
    bin_name = "flash",
    version,
    about,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Path to flash.toml (default: searched from the current folder upwards).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Also read `.env.NAME` (above `.env` and `.env.local`).
    #[arg(long, global = true, value_name = "NAME")]
    pub env: Option<String>,
    /// The database of a multi-database project (see `flash dblist`).
    #[arg(long, global = true, value_name = "NAME")]
    pub db: Option<String>,
    /// Never colour the output (NO_COLOR is honoured too).
    #[arg(long, global = true)]
    pub no_color: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project: flash.toml, db/schema, db/queries, db/migrations, .env.
    Init(InitArgs),
    /// Diff the schema files against the last migration and write a new migration.
    Migrate(MigrateArgs),
    /// Apply pending migrations.
    Apply(ApplyArgs),
    /// Undo applied migrations with their Down sections.
    Down(DownArgs),
    /// List applied, pending, modified and missing migrations.
    Status(StatusArgs),
    /// Drop every table, view and type, and the migration history.
    Reset(ResetArgs),
    /// Run SQL text or a .sql file and print the results.
    Raw(RawArgs),
    /// List the databases of flash.toml.
    Dblist(JsonArgs),
    /// Accept edited applied migrations: store their new checksums.
    Accept(AcceptArgs),
    /// Generate typed query code (Go, TypeScript/JavaScript, Python) from the query files.
    Gen(GenArgs),
    /// Write the live database's schema into the schema files (updated in place).
    Pull(PullArgs),
    /// Adopt a database flash never managed: pull its schema, write a first migration and
    /// record it as applied.
    Baseline(BaselineArgs),
    /// Export the data (and the schema) as JSON, CSV files or a SQLite file.
    Export(ExportArgs),
    /// Load a JSON export into the database (tables it lacks are created from the export).
    Import(ImportArgs),
    /// Fill tables with believable rows, parents first; the same --seed gives the same rows.
    Seed(SeedArgs),
    /// List the schema branches, create one from the current branch, delete or rename one;
    /// `flash branch diff A B` prints the schema difference as a migration.
    Branch(BranchArgs),
    /// Switch the project to a branch (`-b`: create it from the current one first).
    Checkout(CheckoutArgs),
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// Write into this folder instead of the schema folder of flash.toml.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Copy the files that change to db/migrations/.flash/backups/ first.
    #[arg(long)]
    pub backup: bool,
    /// Show what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// PostgreSQL: pull only this schema (repeat for more; default: `schemas` of flash.toml,
    /// else every non-system schema).
    #[arg(long, value_name = "NAME")]
    pub schema: Vec<String>,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Ignore the cache: analyse every query file and rewrite what differs.
    #[arg(long)]
    pub force: bool,
    /// Write nothing; exit 3 if the generated files are not up to date.
    #[arg(long)]
    pub check: bool,
    /// Also ask the database (its URL from flash.toml) to prepare every query and report where
    /// it disagrees with the analysis; exit 1 on a disagreement that makes the code wrong.
    #[arg(long, conflicts_with = "check")]
    pub verify: bool,
    /// Also write the analysed queries and the catalog (the JSON request the backends read)
    /// to this file, for tools and plugins of your own.
    #[arg(long, value_name = "PATH", conflicts_with = "check")]
    pub ir: Option<PathBuf>,
    /// Only these languages: go, js, python (repeatable or comma-separated; default: every
    /// enabled [gen.*] section).
    #[arg(long, value_name = "LANG", value_delimiter = ',')]
    pub lang: Vec<String>,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Use SQLite (the default; needs nothing installed).
    #[arg(long, group = "provider")]
    pub sqlite: bool,
    /// Use PostgreSQL.
    #[arg(long, alias = "postgres", group = "provider")]
    pub postgresql: bool,
    /// Use MySQL or MariaDB.
    #[arg(long, alias = "mariadb", group = "provider")]
    pub mysql: bool,
    /// The folder to create the project in (default: the current one).
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct JsonArgs {
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The migration's name, e.g. "add users".
    pub name: Option<String>,
    /// Write an empty migration to fill in by hand.
    #[arg(long)]
    pub empty: bool,
    /// Write nothing; exit 3 if the schema files have changes no migration captures.
    #[arg(long)]
    pub check: bool,
    /// Print the migration that would be written (Up and Down SQL); write nothing.
    #[arg(long, conflicts_with = "check")]
    pub dry_run: bool,
    /// Confirm a rename: `old=new` (a table, enum or view) or `table.old_col=new_col`
    /// (repeatable).
    #[arg(long, value_name = "OLD=NEW")]
    pub rename: Vec<String>,
    /// Treat likely renames as drop + create (data in them is lost).
    #[arg(long)]
    pub no_rename: bool,
    /// Record the database's out-of-band changes (see `flash status`) as a migration marked
    /// applied, and pull them into the schema files; nothing runs on the database.
    #[arg(long, conflicts_with_all = ["check", "dry_run", "empty"])]
    pub absorb_drift: bool,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// CSV: one file per table, plus schema.sql and schema.json, in a folder.
    #[arg(long, conflicts_with = "sqlite")]
    pub csv: bool,
    /// A portable SQLite database file.
    #[arg(long)]
    pub sqlite: bool,
    /// Only these tables (comma-separated, repeatable).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub tables: Vec<String>,
    /// Leave these tables out (comma-separated, repeatable).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// The schema without rows.
    #[arg(long, conflicts_with = "data_only")]
    pub schema_only: bool,
    /// The rows without the schema.
    #[arg(long)]
    pub data_only: bool,
    /// The file (JSON, SQLite) or folder (CSV) to write (default: a new one in export_path).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Print one JSON document on stdout. The export itself is JSON unless --csv or
    /// --sqlite is given (so the Go tool's `flash export --json` still writes JSON).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What `flash export` wrote: a JSON file, a CSV folder or a SQLite file.
    pub path: PathBuf,
    /// Only load rows: every table must exist already.
    #[arg(long)]
    pub data_only: bool,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Rows per table, e.g. `users:100 posts:500` (default: every table, --count rows each).
    /// Parents the tables need are reused when they have rows, else seeded too.
    #[arg(value_name = "TABLE:N", value_parser = parse_table_count)]
    pub counts: Vec<flash::data::TableCount>,
    /// Rows for every table without a count, and for parents added (default 10).
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,
    /// The seed: the same seed gives the same rows (default: a random one, printed).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Delete the rows of the seeded tables first (asks for confirmation; --yes in scripts).
    #[arg(long)]
    pub truncate: bool,
    /// Print the plan and sample rows; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Leave these tables out (comma-separated, repeatable).
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Confirm --truncate without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BranchArgs {
    #[command(subcommand)]
    pub command: Option<BranchCommand>,
    /// Create this branch as a copy of the current one (the project stays where it is).
    pub name: Option<String>,
    /// Delete this branch with everything in it (not main, not the current branch).
    #[arg(long, short = 'd', value_name = "NAME", conflicts_with_all = ["name", "rename"])]
    pub delete: Option<String>,
    /// Rename branch OLD to NEW.
    #[arg(long = "move", short = 'm', num_args = 2, value_names = ["OLD", "NEW"], conflicts_with = "name")]
    pub rename: Option<Vec<String>>,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

fn parse_table_count(s: &str) -> Result<flash::data::TableCount, String> {
    s.parse()
        .map_err(|e: flash::data::DataError| match e.help() {
            Some(h) => format!("{e} ({h})"),
            None => e.to_string(),
        })
}

#[derive(Debug, Subcommand)]
pub enum BranchCommand {
    /// Print the schema difference from branch FROM to branch TO as a migration (Up and Down).
    Diff(BranchDiffArgs),
}

#[derive(Debug, Args)]
pub struct BranchDiffArgs {
    /// The branch the migration starts from (e.g. main).
    pub from: String,
    /// The branch whose schema the migration produces.
    pub to: String,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckoutArgs {
    /// The branch to switch to (`main` is the database the URL names).
    pub name: String,
    /// Create the branch from the current one first.
    #[arg(short = 'b')]
    pub create: bool,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The first migration's name (default "baseline").
    pub name: Option<String>,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Apply destructive migrations without asking.
    #[arg(long, short = 'y', alias = "force")]
    pub yes: bool,
    /// Do not export the database to export_path first (a backup is written before data may
    /// be lost).
    #[arg(long)]
    pub no_backup: bool,
    /// Give up after waiting this many seconds for another process's migration lock.
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub lock_timeout: Option<f64>,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DownArgs {
    /// How many migrations to undo (default 1).
    #[arg(long, short = 's', conflicts_with = "to")]
    pub steps: Option<usize>,
    /// Undo every migration applied after this id.
    #[arg(long, value_name = "ID")]
    pub to: Option<String>,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y', alias = "force")]
    pub yes: bool,
    /// Do not export the database to export_path first (a backup is written before data may
    /// be lost).
    #[arg(long)]
    pub no_backup: bool,
    /// Give up after waiting this many seconds for another process's migration lock.
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub lock_timeout: Option<f64>,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
    /// Exit 3 when migrations are pending or need attention.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    /// Do not ask for confirmation.
    #[arg(long, short = 'f', alias = "yes")]
    pub force: bool,
    /// Do not export the database to export_path first (a backup is written before data may
    /// be lost).
    #[arg(long)]
    pub no_backup: bool,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RawArgs {
    /// SQL text, or the path of a .sql file.
    pub sql: Option<String>,
    /// Read the SQL from this file.
    #[arg(long, short = 'f', value_name = "PATH", conflicts_with = "sql")]
    pub file: Option<PathBuf>,
    /// Print one JSON document on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// The migration id (or a unique prefix of it).
    #[arg(required_unless_present = "all")]
    pub id: Option<String>,
    /// Accept every modified migration.
    #[arg(long)]
    pub all: bool,
}

/// A lock timeout in seconds: more than 0, at most a day.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s > 0.0 && s <= flash::api::MAX_LOCK_TIMEOUT_SECS => Ok(s),
        _ => Err(format!(
            "`{text}` is not a number of seconds between 0 and 86400 (e.g. 30 or 0.5)"
        )),
    }
}
