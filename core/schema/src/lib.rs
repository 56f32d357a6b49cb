//! `flash-schema`: the one neutral model every other crate speaks.
//!
//! Parsed schema files, introspected databases and snapshots all become [`Schema`] values; the
//! differ turns two of them into [`Change`]s; each database's planner turns changes into a
//! [`Plan`] of statements. This crate is plain data plus the [`Driver`] trait that the database
//! crates implement: it performs no I/O itself.

pub mod change;
pub mod driver;
pub mod load;
pub mod model;
pub mod plan;
pub mod provider;
pub mod snapshot;
pub mod types;

pub use change::{Change, Phase, TableRef};
pub use driver::{
    ApplyFailure, ApplyOutcome, Cell, DbError, Described, DescribedColumn, Driver, LedgerRow,
    MigrationRun, Namespaces, QueryResult, RowSink, UnmanagedObject, LEDGER_TABLE,
};
pub use model::{
    Check, Column, ElementId, Enum, ForeignKey, Generated, Identity, IdentityKind, Index,
    IndexPart, Location, PrimaryKey, RawObject, RawPhase, ReferentialAction, Schema, Table,
    TableOptions, UniqueConstraint, View,
};
pub use plan::{Plan, Statement};
pub use provider::{Provider, ProviderParseError};
pub use snapshot::{Snapshot, SnapshotError, SNAPSHOT_VERSION};
pub use types::{ColumnType, TypeKind};
