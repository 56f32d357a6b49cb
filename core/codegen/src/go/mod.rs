//! Go backend: `database/sql` or `pgx/v5`.
//!
//! Output, one Go package (`package <opts.package>`):
//!
//! - `db.go`: the `DBTX` interface (what `*sql.DB`, `*sql.Tx` and `*sql.Conn` have in common;
//!   with pgx, `*pgx.Conn`, `*pgxpool.Pool` and `pgx.Tx`), `New(db) *Queries`,
//!   `(*Queries).WithTx(tx)`, and the unexported helpers the queries use;
//! - `models.go`: one struct per table and view (singular PascalCase name: `users` gives
//!   `User`), and per enum a `string` type with its constants, `Valid`, `All<Enum>Values`,
//!   `Scan` and `Value`, plus `Null<Enum>` with `sql_null`;
//! - `<stem>.sql.go` per query file: per query the SQL constant, a `<Name>Params` struct when
//!   it has two parameters or more, a `<Name>Row` struct when its result is neither a model
//!   nor a single column, and the method on `*Queries` (`ctx context.Context` first).
//!
//! The output is what `gofmt` prints, imports only the standard library with `database/sql`
//! (plus `pgx/v5`, `pgconn` and `pgtype` with pgx), and needs Go 1.22 (`sql.Null[T]`, `min`).
//! `Queries` holds nothing but the connection, so one value is safe for concurrent use as far
//! as the connection is. Rows are scanned by position; the types are in [`types`].
//!
//! Commands:
//!
//! | command | `database/sql` | `pgx` |
//! |---|---|---|
//! | `:one` | `(T, error)`, `sql.ErrNoRows` when no row | `(T, error)`, `pgx.ErrNoRows` |
//! | `:many` | `([]T, error)` | `([]T, error)` |
//! | `:exec` | `error` | `error` |
//! | `:execrows` | `(int64, error)` | `(int64, error)` |
//! | `:execresult` | `(sql.Result, error)` | `(pgconn.CommandTag, error)` |
//! | `:execlastid` | `(int64, error)`: `LastInsertId` on MySQL and SQLite; on PostgreSQL the one integer column the statement returns | same as PostgreSQL |
//! | `:copyfrom` | `(int64, error)` from `[]<Name>Params`: multi-row INSERTs, as many rows per statement as the driver's placeholder limit allows (65535 on PostgreSQL and MySQL, 32766 on SQLite), not atomic together unless run in a transaction | `CopyFrom` (COPY) into the insert's table and columns |
//! | `:batchexec` | `error` | `*<Name>BatchResults` with `Exec(func(int, error))` |
//! | `:batchone` | `([]*T, error)`, nil for an item without a row | `... QueryRow(func(int, T, error))`, `pgx.ErrNoRows` for an item without a row |
//! | `:batchmany` | `([][]T, error)` | `... Query(func(int, []T, error))` |
//!
//! A batch with `database/sql` prepares the statement once and runs it for each item in
//! order; it stops at the first error, which says the item's index and wraps the driver's
//! error. Items before the failing one stay applied unless the queries run in a transaction.
//! With pgx the batch is one round trip (`SendBatch`), read back like sqlc's.
//!
//! A `sqlc.slice` parameter (MySQL, SQLite) is a `[]T`; its placeholder is expanded to one
//! `?` per element at run time, and to `NULL` for an empty list (so `IN (...)` matches no
//! row).

mod batch;
mod commands;
mod copyfrom;
mod db;
mod keywords;
mod models;
mod names;
mod plan;
mod queries;
mod types;
mod writer;

use crate::options::GoDriver;
use crate::{GenError, GenRequest, GeneratedFile, GoOptions};
use flash_schema::Provider;
use names::{EnumNames, Registry};
use plan::Column;
use std::collections::BTreeMap;
use types::{GoType, Types, Via};

/// A table's or view's model type.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub table: String,
    pub name: String,
    pub columns: Vec<Column>,
}

/// What one generation run knows besides the request.
pub(crate) struct Ctx<'a> {
    pub req: &'a GenRequest,
    pub opts: &'a GoOptions,
    pub types: Types<'a>,
    /// Database enum name -> Go names.
    pub enums: &'a BTreeMap<String, EnumNames>,
    /// One per catalog table and view, in catalog order.
    pub models: Vec<Model>,
}

impl Ctx<'_> {
    pub fn pgx(&self) -> bool {
        self.opts.driver == GoDriver::Pgx
    }

    /// The model of a table or view.
    pub fn model(&self, table: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.table == table)
    }

    /// The struct tag of a column, as the options ask (empty for none).
    pub fn tag(&self, column: &str) -> String {
        writer::tag(column, self.opts.db_tags, self.opts.json_tags)
    }
}

/// Which helpers of `db.go` the query files call.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Helpers {
    pub json_dest: bool,
    pub json_arg: bool,
    pub sqlite_time: bool,
    pub sqlite_time_arg: bool,
    pub sqlite_date_arg: bool,
    pub expand_slice: bool,
    pub copy_values: bool,
    pub batch_closed: bool,
}

impl Helpers {
    fn merge(&mut self, o: Helpers) {
        self.json_dest |= o.json_dest;
        self.json_arg |= o.json_arg;
        self.sqlite_time |= o.sqlite_time;
        self.sqlite_time_arg |= o.sqlite_time_arg;
        self.sqlite_date_arg |= o.sqlite_date_arg;
        self.expand_slice |= o.expand_slice;
        self.copy_values |= o.copy_values;
        self.batch_closed |= o.batch_closed;
    }

    /// Notes the helper that binds a value of `ty`, if any.
    pub fn bind(&mut self, ty: &GoType) {
        match ty.via {
            Via::Direct => {}
            Via::Json => self.json_arg = true,
            Via::SqliteTime { date: true } => self.sqlite_date_arg = true,
            Via::SqliteTime { date: false } => self.sqlite_time_arg = true,
        }
    }

    /// Notes the helper that scans a value of `ty`, if any.
    pub fn scan(&mut self, ty: &GoType) {
        match ty.via {
            Via::Direct => {}
            Via::Json => self.json_dest = true,
            Via::SqliteTime { .. } => self.sqlite_time = true,
        }
    }
}

/// Writes `db.go`, `models.go` and one `<stem>.sql.go` per query file.
pub fn generate(req: &GenRequest, opts: &GoOptions) -> Result<Vec<GeneratedFile>, GenError> {
    check_options(req, opts)?;
    let mut reg = Registry::new();
    let enums = models::enum_names(req, opts, &mut reg)?;
    let types = Types {
        driver: opts.driver,
        nulls: opts.nulls,
        sqlite: req.provider == Provider::Sqlite,
        enums: &enums,
    };
    let models = models::models(req, &types, &mut reg)?;
    let ctx = Ctx {
        req,
        opts,
        types,
        enums: &enums,
        models,
    };

    let mut helpers = Helpers::default();
    let mut query_files = Vec::new();
    for f in &req.files {
        let path = format!("{}.sql.go", f.stem());
        if let Some(prev) = query_files.iter().find(|g: &&GeneratedFile| g.path == path) {
            return Err(GenError::NameClash {
                file: f.path.clone(),
                line: 0,
                message: format!(
                    "{} and another query file both become {}",
                    f.path, prev.path
                ),
                help: "rename one of the query files".into(),
            });
        }
        let (contents, used) = queries::file(&ctx, f, &mut reg)?;
        helpers.merge(used);
        query_files.push(GeneratedFile { path, contents });
    }

    let mut out = vec![
        GeneratedFile {
            path: "db.go".into(),
            contents: db::file(&ctx, helpers),
        },
        GeneratedFile {
            path: "models.go".into(),
            contents: models::file(&ctx),
        },
    ];
    out.extend(query_files);
    Ok(out)
}

/// The options and the provider must fit together.
fn check_options(req: &GenRequest, opts: &GoOptions) -> Result<(), GenError> {
    if !keywords::is_identifier(&opts.package) || keywords::is_keyword(&opts.package) {
        return Err(GenError::Options {
            message: format!("`{}` is not a Go package name", opts.package),
            help: "set [gen.go] package to an identifier such as `db`".into(),
        });
    }
    match (req.provider, opts.driver) {
        (Provider::Mongodb, _) => Err(GenError::Options {
            message: "Go query code is for SQL databases, not MongoDB".into(),
            help: "disable [gen.go] for this database".into(),
        }),
        (Provider::Mysql | Provider::Sqlite, GoDriver::Pgx) => Err(GenError::Options {
            message: format!(
                "driver = \"pgx\" is for PostgreSQL, and this database is {}",
                req.provider.as_str()
            ),
            help: "use driver = \"database/sql\" (the default) for MySQL and SQLite".into(),
        }),
        _ => Ok(()),
    }
}
