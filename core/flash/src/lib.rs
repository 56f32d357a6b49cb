//! `flash`: the facade of flash-orm. The CLI and the language bindings use this API only.
//!
//! [`Target::open`] finds `flash.toml`, reads the env files and picks the database (`--db`);
//! the operations in [`flash_migrate`] then run against it.

pub mod api;
pub mod backup;
pub mod branch;
pub mod config;
pub mod env;
mod error;
pub mod gen;
mod init;
mod target;

pub use config::{Config, ConfigError, DatabaseConfig, GenConfig, GenTarget};
pub use env::{mask_url, EnvVars};
pub use error::Error;
pub use init::{detect_languages, init, DetectedLanguage, InitReport};
pub use target::{OpenOptions, Target};

/// The migration operations and their reports.
pub use flash_data as data;
/// Renames for `flash migrate`.
pub use flash_diff::{Rename, RenameCandidate};
pub use flash_migrate as migrate;
pub use flash_schema as schema;
pub use flash_schema::Provider;
/// An error with its place in a SQL file (schema or query file).
pub use flash_sql::SqlError;

/// The version of flash.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
