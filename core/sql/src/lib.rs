//! `flash-sql`: the SQL front end of flash-orm on sqlparser.
//!
//! - [`parse_schema`]: schema files (CREATE TABLE, CREATE INDEX, ALTER TABLE ... ADD, enums,
//!   views, comments, raw objects) to one [`flash_schema::Schema`], with every error of the run
//!   at its `file:line:col`.
//! - [`split_statements`]: SQL text to statements, on sqlparser's tokenizer.
//! - [`type_kind`]: a native type text to its neutral [`flash_schema::TypeKind`].

pub mod error;
pub mod split;

pub use error::{SchemaErrors, SqlError, SqlWarning};
pub use split::{split_statements, SplitStatement};
