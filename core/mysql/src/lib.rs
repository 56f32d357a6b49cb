//! MySQL and MariaDB support for flash-orm: planner, introspection, history table and lock.
//!
//! - [`MysqlDialect`]: normalization and equivalence hooks for the differ, and the planner.
//! - [`MysqlDriver`] / [`connect`]: one connection implementing [`flash_schema::Driver`].
//!
//! Everything generated is valid on MySQL 8 and on MariaDB 10.5+; where the two servers
//! report things differently (defaults, check clauses, JSON columns) the code reading the
//! catalog handles both, and says so where it does.

mod data;
mod dialect;
mod driver;
mod inspect;
mod ledger;
mod plan;
mod quote;
mod types;

pub use dialect::MysqlDialect;
pub use driver::{connect, Flavor, MysqlDriver};
pub use quote::{ident as quote_ident, literal as quote_literal};
pub use types::{canonical_type, column_type};
