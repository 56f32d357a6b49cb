//! The schema model: what a database should look like.

use crate::types::ColumnType;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A stable identity for a table, column, index, constraint, enum or view.
///
/// Ids live in the snapshot; a rename keeps the id, which is how the differ tells a rename
/// from a drop plus an add across migrations. Elements parsed from schema files have an empty
/// id until the snapshot step gives them one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ElementId(pub String);

impl ElementId {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for ElementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an element was declared: used for error messages only, never serialized.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A whole database schema.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<Enum>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    /// Functions, triggers, extensions, domains, policies, ...: kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raw: Vec<RawObject>,
}

impl Schema {
    pub fn is_empty(&self) -> bool {
        self.enums.is_empty()
            && self.tables.is_empty()
            && self.views.is_empty()
            && self.raw.is_empty()
    }
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
    pub fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        self.tables.iter_mut().find(|t| t.name == name)
    }
    /// Looks a table up by (optional schema, name).
    pub fn table_ref(&self, r: &crate::change::TableRef) -> Option<&Table> {
        self.tables
            .iter()
            .find(|t| t.name == r.name && t.schema == r.schema)
    }
    /// Every namespace other than the default one that an element names, or that a
    /// `CREATE SCHEMA` among the raw objects creates, each once, sorted.
    pub fn namespaces(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .tables
            .iter()
            .filter_map(|t| t.schema.clone())
            .chain(self.enums.iter().filter_map(|e| e.schema.clone()))
            .chain(self.views.iter().filter_map(|v| v.schema.clone()))
            .chain(
                self.raw
                    .iter()
                    .filter(|r| r.kind.eq_ignore_ascii_case("SCHEMA"))
                    .map(|r| r.name.clone()),
            )
            .collect();
        out.sort();
        out.dedup();
        out
    }
    pub fn enum_(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }
    pub fn view(&self, name: &str) -> Option<&View> {
        self.views.iter().find(|v| v.name == name)
    }
}

/// A table with its columns and constraints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    #[serde(default, skip_serializing_if = "ElementId::is_empty")]
    pub id: ElementId,
    /// The namespace (PostgreSQL schema); None means the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uniques: Vec<UniqueConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "TableOptions::is_empty")]
    pub options: TableOptions,
    /// `-- flash:renamed_from old_name` in a schema file; never kept in snapshots.
    #[serde(skip)]
    pub renamed_from: Option<String>,
    #[serde(skip)]
    pub location: Option<Location>,
}

impl Table {
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            name: name.into(),
            ..Default::default()
        }
    }
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }
    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }
    pub fn table_ref(&self) -> crate::change::TableRef {
        crate::change::TableRef {
            schema: self.schema.clone(),
            name: self.name.clone(),
        }
    }
    /// `schema.name` or `name`, for messages.
    pub fn display_name(&self) -> String {
        match &self.schema {
            Some(s) => format!("{s}.{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Dialect-only table facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableOptions {
    /// MySQL `ENGINE=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    /// MySQL `DEFAULT CHARSET=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    /// MySQL `COLLATE=`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// SQLite `WITHOUT ROWID`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub without_rowid: bool,
    /// SQLite `STRICT`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub strict: bool,
}

impl TableOptions {
    pub fn is_empty(&self) -> bool {
        *self == TableOptions::default()
    }
}

/// A column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    #[serde(default, skip_serializing_if = "ElementId::is_empty")]
    pub id: ElementId,
    pub name: String,
    #[serde(rename = "type")]
    pub ty: ColumnType,
    pub nullable: bool,
    /// The DEFAULT expression as SQL text (`'draft'`, `now()`, `0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Generated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// MySQL `ON UPDATE CURRENT_TIMESTAMP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<String>,
    #[serde(skip)]
    pub renamed_from: Option<String>,
    #[serde(skip)]
    pub location: Option<Location>,
}

impl Column {
    pub fn new(name: impl Into<String>, ty: ColumnType) -> Self {
        Column {
            id: ElementId::default(),
            name: name.into(),
            ty,
            nullable: true,
            default: None,
            identity: None,
            generated: None,
            collation: None,
            comment: None,
            on_update: None,
            renamed_from: None,
            location: None,
        }
    }
}

/// How a column numbers itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    /// PostgreSQL SERIAL / BIGSERIAL / SMALLSERIAL (a sequence owned by the column).
    Serial,
    /// `GENERATED ALWAYS AS IDENTITY`.
    Always,
    /// `GENERATED BY DEFAULT AS IDENTITY`.
    ByDefault,
    /// MySQL AUTO_INCREMENT, SQLite AUTOINCREMENT / INTEGER PRIMARY KEY rowid alias.
    AutoIncrement,
}

/// A self-numbering column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub kind: IdentityKind,
    /// Identity sequence options as written (`START WITH 100`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<String>,
}

/// A generated (computed) column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    pub expr: String,
    /// STORED (true) or VIRTUAL (false).
    pub stored: bool,
}

/// The primary key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
}

/// A UNIQUE constraint (as opposed to a unique index).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UniqueConstraint {
    #[serde(default, skip_serializing_if = "ElementId::is_empty")]
    pub id: ElementId,
    pub name: String,
    /// The name was made up by flash (the schema gave none): match by definition, not name.
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_named: bool,
    pub columns: Vec<String>,
    #[serde(skip)]
    pub location: Option<Location>,
}

/// A CHECK constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    #[serde(default, skip_serializing_if = "ElementId::is_empty")]
    pub id: ElementId,
    pub name: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_named: bool,
    pub expr: String,
    #[serde(skip)]
    pub location: Option<Location>,
}

/// ON DELETE / ON UPDATE behaviour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferentialAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl ReferentialAction {
    pub fn is_default(&self) -> bool {
        *self == ReferentialAction::NoAction
    }
    pub fn sql(&self) -> &'static str {
        match self {
            ReferentialAction::NoAction => "NO ACTION",
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
        }
    }
}

/// A FOREIGN KEY constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    #[serde(default, skip_serializing_if = "ElementId::is_empty")]
    pub id: ElementId,
    pub name: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_named: bool,
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_schema: Option<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    #[serde(default, skip_serializing_if = "ReferentialAction::is_default")]
    pub on_delete: ReferentialAction,
    #[serde(default, skip_serializing_if = "ReferentialAction::is_default")]
    pub on_update: ReferentialAction,
    /// PostgreSQL/SQLite DEFERRABLE INITIALLY DEFERRED.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deferrable: bool,
    #[serde(skip)]
    pub location: Option<Location>,
}

impl ForeignKey {
    /// True when both describe the same reference, whatever their names.
    pub fn same_definition(&self, other: &ForeignKey) -> bool {
        self.columns == other.columns
            && self.ref_table == other.ref_table
            && self.ref_schema == other.ref_schema
            && self.ref_columns == other.ref_columns
            && self.on_delete == other.on_delete
            && self.on_update == other.on_update
            && self.deferrable == other.deferrable
    }
}

/// One key part of an index: a column or an expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPart {
    /// A plain column name, or None when `expr` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// An expression key, as SQL text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expr: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub descending: bool,
    /// Operator class (PostgreSQL) or collation, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
    /// MySQL prefix length: `KEY (name(10))`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
}

impl IndexPart {
    pub fn column(name: impl Into<String>) -> Self {
        IndexPart {
            column: Some(name.into()),
            expr: None,
            descending: false,
            opclass: None,
            length: None,
        }
    }
}

/// An index (CREATE INDEX, MySQL KEY/INDEX inside CREATE TABLE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    #[serde(default, skip_serializing_if = "ElementId::is_empty")]
    pub id: ElementId,
    pub name: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub auto_named: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unique: bool,
    pub parts: Vec<IndexPart>,
    /// `USING gin` (PostgreSQL) / `USING BTREE` (MySQL), lower case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Partial index predicate (`WHERE deleted_at IS NULL`), as SQL text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// `INCLUDE (...)` columns (PostgreSQL).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// MySQL FULLTEXT / SPATIAL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip)]
    pub renamed_from: Option<String>,
    #[serde(skip)]
    pub location: Option<Location>,
}

impl Index {
    /// True when both would build the same index, whatever their names.
    pub fn same_definition(&self, other: &Index) -> bool {
        self.unique == other.unique
            && self.parts == other.parts
            && self.method == other.method
            && self.predicate == other.predicate
            && self.include == other.include
            && self.kind == other.kind
    }
}

/// A PostgreSQL enum type (`CREATE TYPE mood AS ENUM (...)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enum {
    #[serde(default, skip_serializing_if = "ElementId::is_empty")]
    pub id: ElementId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
    pub values: Vec<String>,
    /// `-- flash:renamed_from old_name` in a schema file; never kept in snapshots.
    #[serde(skip)]
    pub renamed_from: Option<String>,
    #[serde(skip)]
    pub location: Option<Location>,
}

/// A view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    #[serde(default, skip_serializing_if = "ElementId::is_empty")]
    pub id: ElementId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
    /// Explicit column list, if the view declares one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The query after `AS`, as SQL text.
    pub definition: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub materialized: bool,
    /// `-- flash:renamed_from old_name` in a schema file; never kept in snapshots.
    #[serde(skip)]
    pub renamed_from: Option<String>,
    #[serde(skip)]
    pub location: Option<Location>,
}

/// When a raw object must exist relative to tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawPhase {
    /// Before tables: extensions, schemas, domains, sequences, collations, non-enum types.
    BeforeTables,
    /// After tables and views: functions, procedures, triggers, policies, rules, events, ...
    AfterTables,
}

/// A statement flash does not model but keeps: created verbatim when added, dropped when
/// removed, replaced when its text changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawObject {
    /// Upper-case object kind: `FUNCTION`, `TRIGGER`, `EXTENSION`, `DOMAIN`, `POLICY`, ...
    pub kind: String,
    pub name: String,
    /// The table a trigger, policy or rule belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Argument types of a function or procedure, `(integer, text)`, for DROP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// The statement text exactly as written (without the final `;`).
    pub sql: String,
    pub phase: RawPhase,
    #[serde(skip)]
    pub location: Option<Location>,
}

impl RawObject {
    /// Functions, procedures and aggregates: views and triggers may call them, so they are
    /// created before and dropped after those.
    pub fn is_routine(&self) -> bool {
        matches!(
            self.kind.to_ascii_uppercase().as_str(),
            "FUNCTION" | "PROCEDURE" | "AGGREGATE" | "OPERATOR"
        )
    }

    /// A stable key: kind, table and name.
    pub fn key(&self) -> String {
        // Overloaded functions share a name: their argument types tell them apart.
        let sig: String = self
            .signature
            .as_deref()
            .map(|s| {
                s.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .unwrap_or_default();
        match &self.table {
            Some(t) => format!("{} {}.{}{sig}", self.kind, t, self.name),
            None => format!("{} {}{sig}", self.kind, self.name),
        }
    }
}
