//! SQLite support for flash-orm: planner (with table rebuilds), introspection, history table
//! and lock.
//!
//! - [`SqliteDialect`]: the differ's hooks (declared types, defaults and expressions compared
//!   token by token) and the planner, which uses ALTER TABLE where SQLite supports it and the
//!   12-step table rebuild everywhere else.
//! - [`SqliteDriver`] / [`connect`]: one connection; the migration lock is the write
//!   transaction (`BEGIN IMMEDIATE`), each migration a savepoint inside it.

pub mod data;
pub mod dialect;
pub mod driver;
pub mod inspect;
pub mod ledger;
pub mod plan;
pub mod quote;
pub mod types;

pub use dialect::SqliteDialect;
pub use driver::{connect, parse_url, SqliteDriver, SqliteTarget};
pub use plan::REBUILD_PREFIX;
