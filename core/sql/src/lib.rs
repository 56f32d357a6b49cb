//! `flash-sql`: the SQL front end of flash-orm on sqlparser.
//!
//! - [`parse_schema`]: schema files (CREATE TABLE, CREATE INDEX, ALTER TABLE ... ADD, enums,
//!   views, comments, raw objects) to one [`flash_schema::Schema`], with every error of the run
//!   at its `file:line:col`.
//! - [`split_statements`]: SQL text to statements, on sqlparser's tokenizer.
//! - [`type_kind`] / [`canonical_type`]: a native type text to its neutral
//!   [`flash_schema::TypeKind`] / to flash's canonical spelling for the provider.
//! - [`names`]: identifier folding and PostgreSQL-style generated names.
//! - [`parse_queries`]: annotated query files (`-- name: GetUser :one`) and their parameters;
//!   [`rewrite`] writes a query's parameters in a driver's placeholder style.

pub mod analyze;
pub mod destructive;
pub mod error;
pub mod names;
pub mod placeholders;
mod prepare;
pub mod queries;
pub mod schema;
pub mod split;
pub mod types;

pub use destructive::destructive_reason;
pub use error::{SchemaErrors, SqlError, SqlWarning};
pub use placeholders::{rewrite, Placeholders, Rewritten};
pub use queries::{parse_queries, ParamStyle, Query, QueryCommand, QueryParam};
pub use schema::{
    element_key, fold_name, outline, parse_schema, OutlineItem, Owner, ParsedSchema, SourceFile,
};
pub use split::{split_statements, SplitStatement};
pub use types::{canonical_type, type_kind};
