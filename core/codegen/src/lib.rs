//! `flash-codegen`: typed data-access code from analysed queries.
//!
//! The input is one serialisable [`ir::GenRequest`]: the catalog (tables, views and enums of the
//! schema, with every type as a [`flash_schema::TypeKind`]), the query files with each query's
//! analysed parameters and result columns, and nothing else. Each backend turns it into files:
//!
//! - [`go`]: `database/sql` (any driver) or `pgx/v5`;
//! - [`ts`]: TypeScript or JavaScript with `.d.ts`, for `pg`, `mysql2`, `better-sqlite3`;
//! - [`python`]: dataclasses and functions for `asyncpg`, `psycopg` 3, `sqlite3`, `aiosqlite`,
//!   `pymysql`, `aiomysql`.
//!
//! Backends never see sqlparser, a database or the file system: they return
//! [`GeneratedFile`]s (paths relative to the output folder) and the caller writes them.
//! Output is deterministic: the same request gives the same bytes.

pub mod error;
pub mod go;
pub mod ir;
pub mod naming;
pub mod options;
pub mod python;
pub mod ts;

pub use error::GenError;
pub use ir::{Catalog, Field, GenRequest, IrParam, IrQuery, ModelEnum, ModelTable, QueryFile};
pub use options::{GoOptions, PythonOptions, TsOptions};

use serde::{Deserialize, Serialize};

/// One file a backend wrote: a path relative to the language's output folder, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratedFile {
    /// Relative, with `/` separators (`models.go`, `queries/users.ts`).
    pub path: String,
    pub contents: String,
}
