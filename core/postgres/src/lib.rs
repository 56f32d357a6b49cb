//! PostgreSQL support for flash-orm: planner, introspection, history table and lock.
//!
//! - [`PostgresDialect`]: the diff hooks (type, default and expression equivalence between the
//!   catalog and schema files) and the planner (changes → SQL statements).
//! - [`PostgresDriver`] / [`connect`]: one connection implementing [`flash_schema::Driver`]:
//!   history table, advisory lock, apply/revert in transactions, inspection, raw queries, reset,
//!   rows for export (`data.rs`).

pub mod canon;
pub mod data;
pub mod dialect;
pub mod driver;
pub mod inspect;
pub mod ledger;
pub mod plan;
pub mod quote;
pub mod temporal;
pub mod types;

pub use dialect::PostgresDialect;
pub use driver::{connect, PostgresDriver};
