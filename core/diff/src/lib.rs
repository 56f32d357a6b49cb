//! `flash-diff`: the one generic differ.
//!
//! [`diff`] compares two [`Schema`]s and returns the [`Change`]s that turn the first into the
//! second, sorted by [`Phase`](flash_schema::Phase). What differs between databases (is
//! `int` the same as `integer`? is `'a'::text` the same default as `'a'`?) is asked of a
//! [`DiffHooks`] value that each database crate supplies. Planning changes into SQL is the
//! job of each database's [`Dialect`].

mod dialect;
mod differ;
mod hooks;
mod ids;
mod renames;

pub use dialect::{Dialect, PlanError};
pub use differ::{diff, invert, order, DiffResult};
pub use hooks::{normalize_sql_text, DiffHooks};
pub use ids::assign_ids;
pub use renames::{DiffOptions, Rename, RenameCandidate};

#[cfg(test)]
mod tests;
