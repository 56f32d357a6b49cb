//! Changes: what the differ produces and the planners consume.

use crate::model::{
    Check, Column, Enum, ForeignKey, Index, PrimaryKey, RawObject, RawPhase, Table, TableOptions,
    UniqueConstraint, View,
};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A table name with its optional namespace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TableRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
}

impl TableRef {
    pub fn new(name: impl Into<String>) -> Self {
        TableRef {
            schema: None,
            name: name.into(),
        }
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.schema {
            Some(s) => write!(f, "{s}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// One difference between two schemas. Every variant carries enough to be inverted (for the
/// Down section) and planned without looking anything else up.
// Changes are few and short-lived; boxing the large variants would only add noise.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    CreateRaw(RawObject),
    DropRaw(RawObject),
    ReplaceRaw {
        from: RawObject,
        to: RawObject,
    },
    CreateEnum(Enum),
    DropEnum(Enum),
    /// Values appended or inserted; nothing removed or reordered.
    AddEnumValues {
        from: Enum,
        to: Enum,
    },
    /// Values removed or reordered: the type must be rebuilt.
    RebuildEnum {
        from: Enum,
        to: Enum,
    },
    CreateTable(Table),
    DropTable(Table),
    RenameTable {
        from: TableRef,
        to: TableRef,
    },
    AddColumn {
        table: TableRef,
        column: Column,
    },
    DropColumn {
        table: TableRef,
        column: Column,
    },
    RenameColumn {
        table: TableRef,
        from: String,
        to: String,
    },
    /// Type, nullability, default, identity, generated expression, collation or comment.
    AlterColumn {
        table: TableRef,
        from: Column,
        to: Column,
    },
    SetPrimaryKey {
        table: TableRef,
        from: Option<PrimaryKey>,
        to: Option<PrimaryKey>,
    },
    AddUnique {
        table: TableRef,
        unique: UniqueConstraint,
    },
    DropUnique {
        table: TableRef,
        unique: UniqueConstraint,
    },
    AddCheck {
        table: TableRef,
        check: Check,
    },
    DropCheck {
        table: TableRef,
        check: Check,
    },
    AddForeignKey {
        table: TableRef,
        fk: ForeignKey,
    },
    DropForeignKey {
        table: TableRef,
        fk: ForeignKey,
    },
    CreateIndex {
        table: TableRef,
        index: Index,
    },
    DropIndex {
        table: TableRef,
        index: Index,
    },
    RenameIndex {
        table: TableRef,
        from: String,
        to: String,
    },
    SetTableComment {
        table: TableRef,
        from: Option<String>,
        to: Option<String>,
    },
    /// MySQL ENGINE / DEFAULT CHARSET / COLLATE, SQLite STRICT / WITHOUT ROWID.
    SetTableOptions {
        table: TableRef,
        from: TableOptions,
        to: TableOptions,
    },
    CreateView(View),
    DropView(View),
    ReplaceView {
        from: View,
        to: View,
    },
    /// The same enum under a new name (PostgreSQL); a change of its values is a separate
    /// change on the new name.
    RenameEnum {
        from: Enum,
        to: Enum,
    },
    /// The same view under a new name; a change of its definition is a separate
    /// `ReplaceView` on the new name.
    RenameView {
        from: View,
        to: View,
    },
    /// A unique, check or foreign-key constraint with the same definition under a new name.
    RenameConstraint {
        table: TableRef,
        from: String,
        to: String,
    },
}

/// Where in a migration a change runs. Planners emit statements in this order, so that
/// dependencies hold: things are dropped before what they depend on is dropped, and created
/// after what they depend on exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    DropViews,
    /// Triggers, policies, rules, ...: before the routines they call.
    DropRawAfter,
    /// Functions, procedures, aggregates: after the views and triggers that use them.
    DropRoutines,
    DropForeignKeys,
    DropIndexes,
    DropConstraints,
    DropTables,
    CreateRawBefore,
    CreateEnums,
    RenameTables,
    CreateTables,
    Columns,
    PrimaryKeys,
    CreateConstraints,
    CreateIndexes,
    CreateForeignKeys,
    /// Functions, procedures, aggregates: before the views and triggers that use them.
    CreateRoutines,
    CreateViews,
    CreateRawAfter,
    DropEnums,
    DropRawBefore,
    Comments,
}

impl Change {
    /// The phase a change belongs to.
    pub fn phase(&self) -> Phase {
        match self {
            Change::CreateRaw(r) | Change::ReplaceRaw { to: r, .. } => match r.phase {
                RawPhase::BeforeTables => Phase::CreateRawBefore,
                RawPhase::AfterTables if r.is_routine() => Phase::CreateRoutines,
                RawPhase::AfterTables => Phase::CreateRawAfter,
            },
            Change::DropRaw(r) => match r.phase {
                RawPhase::BeforeTables => Phase::DropRawBefore,
                RawPhase::AfterTables if r.is_routine() => Phase::DropRoutines,
                RawPhase::AfterTables => Phase::DropRawAfter,
            },
            Change::CreateEnum(_)
            | Change::RenameEnum { .. }
            | Change::AddEnumValues { .. }
            | Change::RebuildEnum { .. } => Phase::CreateEnums,
            Change::DropEnum(_) => Phase::DropEnums,
            Change::CreateTable(_) => Phase::CreateTables,
            Change::DropTable(_) => Phase::DropTables,
            Change::RenameTable { .. } => Phase::RenameTables,
            Change::AddColumn { .. }
            | Change::DropColumn { .. }
            | Change::RenameColumn { .. }
            | Change::AlterColumn { .. } => Phase::Columns,
            Change::SetPrimaryKey { .. } => Phase::PrimaryKeys,
            Change::AddUnique { .. }
            | Change::AddCheck { .. }
            | Change::RenameConstraint { .. } => Phase::CreateConstraints,
            Change::DropUnique { .. } | Change::DropCheck { .. } => Phase::DropConstraints,
            Change::AddForeignKey { .. } => Phase::CreateForeignKeys,
            Change::DropForeignKey { .. } => Phase::DropForeignKeys,
            Change::CreateIndex { .. } | Change::RenameIndex { .. } => Phase::CreateIndexes,
            Change::DropIndex { .. } => Phase::DropIndexes,
            Change::SetTableComment { .. } => Phase::Comments,
            Change::SetTableOptions { .. } => Phase::Columns,
            Change::CreateView(_) | Change::ReplaceView { .. } => Phase::CreateViews,
            // First, before anything that could drop and re-create it under its new name.
            Change::DropView(_) | Change::RenameView { .. } => Phase::DropViews,
        }
    }

    /// Where the change goes among the changes of its phase (lower first; equal ranks keep
    /// their order). Only column changes are ranked: renames first (later changes name
    /// columns by their new names), then drops of generated columns and generated columns
    /// becoming plain (they may be computed from columns dropped or altered after them, and
    /// MySQL refuses e.g. AUTO_INCREMENT on a column a generation expression still reads),
    /// then everything else, and generated columns added or (re)defined last (they may be
    /// computed from columns added or retyped before them).
    pub fn rank_in_phase(&self) -> u8 {
        match self {
            Change::RenameColumn { .. } => 0,
            Change::DropColumn { column, .. } if column.generated.is_some() => 1,
            Change::AlterColumn { from, to, .. }
                if from.generated.is_some() && to.generated.is_none() =>
            {
                1
            }
            Change::AddColumn { column, .. } if column.generated.is_some() => 3,
            Change::AlterColumn { to, .. } if to.generated.is_some() => 3,
            _ => 2,
        }
    }

    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        match self.clone() {
            Change::CreateRaw(r) => Change::DropRaw(r),
            Change::DropRaw(r) => Change::CreateRaw(r),
            Change::ReplaceRaw { from, to } => Change::ReplaceRaw { from: to, to: from },
            Change::CreateEnum(e) => Change::DropEnum(e),
            Change::DropEnum(e) => Change::CreateEnum(e),
            // Removing values again needs a rebuild.
            Change::AddEnumValues { from, to } => Change::RebuildEnum { from: to, to: from },
            Change::RebuildEnum { from, to } => {
                if is_append_only(&to.values, &from.values) {
                    Change::AddEnumValues { from: to, to: from }
                } else {
                    Change::RebuildEnum { from: to, to: from }
                }
            }
            Change::CreateTable(t) => Change::DropTable(t),
            Change::DropTable(t) => Change::CreateTable(t),
            Change::RenameTable { from, to } => Change::RenameTable { from: to, to: from },
            Change::AddColumn { table, column } => Change::DropColumn { table, column },
            Change::DropColumn { table, column } => Change::AddColumn { table, column },
            Change::RenameColumn { table, from, to } => Change::RenameColumn {
                table,
                from: to,
                to: from,
            },
            Change::AlterColumn { table, from, to } => Change::AlterColumn {
                table,
                from: to,
                to: from,
            },
            Change::SetPrimaryKey { table, from, to } => Change::SetPrimaryKey {
                table,
                from: to,
                to: from,
            },
            Change::AddUnique { table, unique } => Change::DropUnique { table, unique },
            Change::DropUnique { table, unique } => Change::AddUnique { table, unique },
            Change::AddCheck { table, check } => Change::DropCheck { table, check },
            Change::DropCheck { table, check } => Change::AddCheck { table, check },
            Change::AddForeignKey { table, fk } => Change::DropForeignKey { table, fk },
            Change::DropForeignKey { table, fk } => Change::AddForeignKey { table, fk },
            Change::CreateIndex { table, index } => Change::DropIndex { table, index },
            Change::DropIndex { table, index } => Change::CreateIndex { table, index },
            Change::RenameIndex { table, from, to } => Change::RenameIndex {
                table,
                from: to,
                to: from,
            },
            Change::SetTableComment { table, from, to } => Change::SetTableComment {
                table,
                from: to,
                to: from,
            },
            Change::SetTableOptions { table, from, to } => Change::SetTableOptions {
                table,
                from: to,
                to: from,
            },
            Change::CreateView(v) => Change::DropView(v),
            Change::DropView(v) => Change::CreateView(v),
            Change::ReplaceView { from, to } => Change::ReplaceView { from: to, to: from },
            Change::RenameEnum { from, to } => Change::RenameEnum { from: to, to: from },
            Change::RenameView { from, to } => Change::RenameView { from: to, to: from },
            Change::RenameConstraint { table, from, to } => Change::RenameConstraint {
                table,
                from: to,
                to: from,
            },
        }
    }

    /// The table this change is about, if it is about one.
    pub fn table(&self) -> Option<TableRef> {
        match self {
            Change::CreateTable(t) | Change::DropTable(t) => Some(t.table_ref()),
            Change::RenameTable { to, .. } => Some(to.clone()),
            Change::AddColumn { table, .. }
            | Change::DropColumn { table, .. }
            | Change::RenameColumn { table, .. }
            | Change::AlterColumn { table, .. }
            | Change::SetPrimaryKey { table, .. }
            | Change::AddUnique { table, .. }
            | Change::DropUnique { table, .. }
            | Change::AddCheck { table, .. }
            | Change::DropCheck { table, .. }
            | Change::AddForeignKey { table, .. }
            | Change::DropForeignKey { table, .. }
            | Change::CreateIndex { table, .. }
            | Change::DropIndex { table, .. }
            | Change::RenameIndex { table, .. }
            | Change::RenameConstraint { table, .. }
            | Change::SetTableComment { table, .. }
            | Change::SetTableOptions { table, .. } => Some(table.clone()),
            _ => None,
        }
    }

    /// A one-line human summary (`+ table users`, `~ column users.email`).
    pub fn summary(&self) -> String {
        match self {
            Change::CreateRaw(r) => format!("+ {} {}", r.kind.to_lowercase(), r.name),
            Change::DropRaw(r) => format!("- {} {}", r.kind.to_lowercase(), r.name),
            Change::ReplaceRaw { to, .. } => format!("~ {} {}", to.kind.to_lowercase(), to.name),
            Change::CreateEnum(e) => format!("+ enum {}", qualify(&e.schema, &e.name)),
            Change::DropEnum(e) => format!("- enum {}", qualify(&e.schema, &e.name)),
            Change::AddEnumValues { to, .. } => {
                format!("~ enum {} (values added)", qualify(&to.schema, &to.name))
            }
            Change::RebuildEnum { to, .. } => {
                format!("~ enum {} (rebuilt)", qualify(&to.schema, &to.name))
            }
            Change::CreateTable(t) => format!("+ table {}", t.display_name()),
            Change::DropTable(t) => format!("- table {}", t.display_name()),
            Change::RenameTable { from, to } => format!("~ table {from} -> {to}"),
            Change::AddColumn { table, column } => format!("+ column {table}.{}", column.name),
            Change::DropColumn { table, column } => format!("- column {table}.{}", column.name),
            Change::RenameColumn { table, from, to } => {
                format!("~ column {table}.{from} -> {to}")
            }
            Change::AlterColumn { table, to, .. } => format!("~ column {table}.{}", to.name),
            Change::SetPrimaryKey { table, .. } => format!("~ primary key of {table}"),
            Change::AddUnique { table, unique } => format!("+ unique {table}.{}", unique.name),
            Change::DropUnique { table, unique } => format!("- unique {table}.{}", unique.name),
            Change::AddCheck { table, check } => format!("+ check {table}.{}", check.name),
            Change::DropCheck { table, check } => format!("- check {table}.{}", check.name),
            Change::AddForeignKey { table, fk } => format!("+ foreign key {table}.{}", fk.name),
            Change::DropForeignKey { table, fk } => {
                format!("- foreign key {table}.{}", fk.name)
            }
            Change::CreateIndex { table, index } => format!("+ index {table}.{}", index.name),
            Change::DropIndex { table, index } => format!("- index {table}.{}", index.name),
            Change::RenameIndex { table, from, to } => {
                format!("~ index {table}.{from} -> {to}")
            }
            Change::SetTableComment { table, .. } => format!("~ comment on {table}"),
            Change::SetTableOptions { table, .. } => format!("~ options of {table}"),
            Change::CreateView(v) => format!("+ view {}", qualify(&v.schema, &v.name)),
            Change::DropView(v) => format!("- view {}", qualify(&v.schema, &v.name)),
            Change::ReplaceView { to, .. } => format!("~ view {}", qualify(&to.schema, &to.name)),
            Change::RenameEnum { from, to } => format!(
                "~ enum {} -> {}",
                qualify(&from.schema, &from.name),
                to.name
            ),
            Change::RenameView { from, to } => format!(
                "~ view {} -> {}",
                qualify(&from.schema, &from.name),
                to.name
            ),
            Change::RenameConstraint { table, from, to } => {
                format!("~ constraint {table}.{from} -> {to}")
            }
        }
    }
}

/// True when `to` keeps every value of `from` in the same relative order (values only added).
pub fn is_append_only(from: &[String], to: &[String]) -> bool {
    let mut it = to.iter();
    from.iter().all(|v| it.any(|w| w == v))
}

/// `schema.name`, or `name` in the default schema: for messages.
fn qualify(schema: &Option<String>, name: &str) -> String {
    match schema {
        Some(s) => format!("{s}.{name}"),
        None => name.to_string(),
    }
}
