//! Query analysis for code generation: each query's parameters and result columns, with their
//! types and nullability, worked out from the schema model alone (no database).
//!
//! [`analyze_query`] parses a query of a query file (see [`crate::queries`]), resolves every
//! table and column against the [`Schema`], and types every expression. Nullability follows the
//! SQL rules: a column of the nullable side of an outer join is nullable, `COUNT` never is,
//! `SUM`/`AVG`/`MIN`/`MAX` are unless a `COALESCE` (with a non-null argument) says otherwise,
//! `CASE` is nullable when a branch or a missing `ELSE` is, and so on. Parameters take the type
//! of what they are compared with, assigned to or inserted into.
//!
//! An unknown table or column is an error at its `file:line:column`; so is an expression whose
//! type cannot be known (the message says how to annotate it: a cast, or an override line).
//!
//! Overrides are comment lines in the query's doc block:
//!
//! ```sql
//! -- flash:column total numeric not null    -- the result column `total`
//! -- flash:param  since timestamptz null    -- the parameter `since` (or `$2`)
//! -- name: Revenue :one
//! ```

mod catalog;
mod ctx;
mod expr;
mod functions;
mod overrides;
mod scope;
mod select;
mod spell;
mod statement;
mod types;

use crate::error::SqlError;
use crate::queries::Query;
use flash_schema::{Provider, Schema, TypeKind, View};
use serde::{Deserialize, Serialize};

/// A query with its parameters and result columns typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzedQuery {
    pub query: Query,
    /// One per `query.params`, same order.
    pub params: Vec<ParamInfo>,
    /// The result columns, in order; empty when the statement returns no rows.
    pub columns: Vec<ResultColumn>,
    /// The table an INSERT writes and its columns in VALUES order (`:copyfrom` needs it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insert: Option<InsertInto>,
}

/// The target of an INSERT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsertInto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub table: String,
    pub columns: Vec<String>,
}

/// A typed parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamInfo {
    /// The named parameter's name, or the column it meets (`WHERE email = $1` gives `email`);
    /// `None` when nothing names it.
    pub name: Option<String>,
    /// The type of one value (of one element for a `sqlc.slice` list).
    #[serde(rename = "type")]
    pub ty: TypeKind,
    pub nullable: bool,
    /// A `sqlc.slice` list.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub slice: bool,
}

/// A typed result column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultColumn {
    /// The name the database gives the column (alias, column name, or the function's name).
    pub name: String,
    #[serde(rename = "type")]
    pub ty: TypeKind,
    pub nullable: bool,
    /// The table column it is read from unchanged, if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ColumnSource>,
}

/// A table (or view) column a result column comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub table: String,
    pub column: String,
}

/// Analyses one query against `schema`. All errors of the query are returned.
pub fn analyze_query(
    query: &Query,
    schema: &Schema,
    provider: Provider,
) -> Result<AnalyzedQuery, Vec<SqlError>> {
    let cat = catalog::Catalog::new(schema, provider);
    statement::analyze(query, &cat)
}

/// The columns of a view, typed like a query's result.
pub fn analyze_view(
    view: &View,
    schema: &Schema,
    provider: Provider,
) -> Result<Vec<ResultColumn>, Vec<SqlError>> {
    let cat = catalog::Catalog::new(schema, provider);
    statement::analyze_view(view, &cat)
}
